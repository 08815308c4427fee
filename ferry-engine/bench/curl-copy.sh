#!/usr/bin/env bash
# The baseline of ReloadBenchmark: a Bulk API 2.0 query job created and its result pages fetched
# with curl, each page piped straight into psql's \copy (one transaction per page, like Ferry),
# into a table with the same DDL as Ferry's. Prints the rows copied.
#
#   curl-copy.sh BASE TOKEN SOQL_FILE PG_URL TABLE COLUMNS FORCE_NULL_COLUMNS
set -euo pipefail
base="$1"; token="$2"; soql="$(cat "$3")"; pg="$4"; table="$5"; columns="$6"; nulls="$7"
api="$base/services/data/v62.0/jobs/query"
auth="Authorization: Bearer $token"
body="$(printf '{"operation":"query","query":"%s","contentType":"CSV","columnDelimiter":"COMMA","lineEnding":"LF"}' "$soql")"
job="$(curl -sf -H "$auth" -H 'Content-Type: application/json' -d "$body" "$api" | sed -n 's/.*"id" *: *"\([^"]*\)".*/\1/p')"
while :; do
  state="$(curl -sf -H "$auth" "$api/$job" | sed -n 's/.*"state" *: *"\([^"]*\)".*/\1/p')"
  [ "$state" = "JobComplete" ] && break
  [ "$state" = "Failed" ] || [ "$state" = "Aborted" ] && { echo "job $job $state" >&2; exit 1; }
  sleep 0.2
done
headers="$(mktemp)"
trap 'rm -f "$headers"' EXIT
locator=""
rows=0
while :; do
  url="$api/$job/results"
  [ -n "$locator" ] && url="$url?locator=$locator"
  out="$(curl -sf -D "$headers" -H "$auth" "$url" \
    | PGOPTIONS='-c xmlbinary=hex' psql -q -X "$pg" -v ON_ERROR_STOP=1 \
        -c "\\copy $table ($columns) FROM STDIN WITH (FORMAT csv, HEADER true, FORCE_NULL ($nulls))")"
  n="$(sed -n 's/^[Ss]force-[Nn]umber[Oo]f[Rr]ecords: *\([0-9]*\).*/\1/p' "$headers" | tr -d '\r')"
  rows=$((rows + ${n:-0}))
  locator="$(sed -n 's/^[Ss]force-[Ll]ocator: *\(.*\)$/\1/p' "$headers" | tr -d '\r')"
  [ -z "$locator" ] || [ "$locator" = "null" ] && break
done
echo "$rows"
