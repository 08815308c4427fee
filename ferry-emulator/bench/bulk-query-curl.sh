#!/usr/bin/env bash
# Bulk 2.0 query throughput seen by curl: starts `./ferry emulator` with N generated Contacts,
# runs one query job and downloads every result page to /dev/null, then prints rows/s.
# Usage: ferry-emulator/bench/bulk-query-curl.sh [contacts=1000000] [maxRecords=1000000]
set -euo pipefail
contacts="${1:-1000000}"
max="${2:-1000000}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
port=18499
base="http://127.0.0.1:$port"
log="$(mktemp)"
"$root/ferry" emulator --port "$port" --generate "Account=10000,Contact=$contacts" --bulk-min-processing 0ms >"$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 1 600); do grep -q "Press Ctrl-C" "$log" && break; sleep 1; done
token=$(curl -s "$base/services/oauth2/token" -d grant_type=password -d client_id=emulator-client \
  -d client_secret=emulator-secret -d username=admin@example.com -d password=password \
  | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
auth="Authorization: Bearer $token"
job=$(curl -s "$base/services/data/v59.0/jobs/query" -H "$auth" -H 'Content-Type: application/json' \
  -d '{"operation":"query","query":"SELECT Id, FirstName, LastName, Email, Phone, AccountId, MailingCity, SystemModstamp FROM Contact"}' \
  | sed 's/.*"id":"\([^"]*\)".*/\1/')
until curl -s "$base/services/data/v59.0/jobs/query/$job" -H "$auth" | grep -q JobComplete; do sleep 0.2; done
start=$(date +%s.%N)
rows=0; bytes=0; locator=""
while :; do
  url="$base/services/data/v59.0/jobs/query/$job/results?maxRecords=$max${locator:+&locator=$locator}"
  headers=$(curl -s -o /dev/null -D - -w 'size=%{size_download}\n' "$url" -H "$auth")
  n=$(echo "$headers" | tr -d '\r' | awk -F': ' 'tolower($1)=="sforce-numberofrecords"{print $2}')
  size=$(echo "$headers" | awk -F= '/^size=/{print $2}')
  locator=$(echo "$headers" | tr -d '\r' | awk -F': ' 'tolower($1)=="sforce-locator"{print $2}')
  rows=$((rows + n)); bytes=$((bytes + size))
  [ "$locator" = "null" ] && break
done
end=$(date +%s.%N)
awk -v r="$rows" -v b="$bytes" -v s="$start" -v e="$end" \
  'BEGIN { t = e - s; printf "curl: %d rows, %.0f MB in %.2f s = %.0f rows/s, %.0f MB/s\n", r, b/1048576, t, r/t, b/1048576/t }'
