#!/usr/bin/env bash
# Streams a Bulk API 2.0 query of N rows (default 1,000,000 Contacts) from the emulator into nothing
# with Ferry's client, then fetches the very same result pages with curl to /dev/null, in the same
# run, rounds alternating. Prints one line per round; docs/BENCHMARKS.md records the figures.
#
#   ferry-salesforce/bench/bulk-query-vs-curl.sh [ROWS] [PAGE_SIZE]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rows="${1:-1000000}"
page="${2:-500000}"
port="${FERRY_BENCH_PORT:-18484}"
base="http://127.0.0.1:$port"
soql="SELECT Id, FirstName, LastName, Email, AccountId, SystemModstamp FROM Contact"
work="$(mktemp -d)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cd "$root"

echo "== build (client test classes and classpath)"
./mvnw -B -q -ntp -pl ferry-salesforce -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$work/cp.txt" -Dmdep.includeScope=test -Dspotless.apply.skip=true
cp="ferry-salesforce/target/test-classes:ferry-salesforce/target/classes:$(cat "$work/cp.txt")"

echo "== emulator with $rows Contacts on $base"
FERRY_JAVA_OPTS="-Xmx4g" ./ferry emulator --port "$port" --generate "Contact=$rows" --seed 42 >"$work/emulator.log" 2>&1 &
emulator=$!
trap 'kill $emulator 2>/dev/null || true; rm -rf "$work"' EXIT
until grep -q "listening on" "$work/emulator.log"; do
  kill -0 $emulator 2>/dev/null || { cat "$work/emulator.log"; exit 1; }
  sleep 1
done
grep -o "listening on.*" "$work/emulator.log"

echo "== Ferry client vs curl, alternating rounds on the same job's pages (round 1 warms up)"
"$JAVA_HOME/bin/java" -Xmx512m -cp "$cp" dev.ferry.salesforce.bench.BulkStreamProbe \
  "$base" "$soql" "$page" plain --repeat "${FERRY_BENCH_ROUNDS:-6}" --curl
