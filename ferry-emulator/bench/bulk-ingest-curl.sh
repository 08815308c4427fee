#!/usr/bin/env bash
# Bulk 2.0 ingest throughput: starts `./ferry emulator` with 1,000 generated Accounts, uploads N
# Contact rows (with an Account.External_Id__c relationship column) as an insert job and then as
# an upsert job on Contact_UUID__c, and prints wall time and the job's totalProcessingTime.
# Usage: ferry-emulator/bench/bulk-ingest-curl.sh [rows=200000]
set -euo pipefail
rows="${1:-200000}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
port=18498
base="http://127.0.0.1:$port"
log="$(mktemp)"
csv="$(mktemp)"
"$root/ferry" emulator --port "$port" --generate "Account=1000" --bulk-min-processing 0ms >"$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -f "$log" "$csv"' EXIT
awk -v n="$rows" 'BEGIN {
  print "Contact_UUID__c,FirstName,LastName,Email,Phone,Account.External_Id__c,Birthdate,Score__c";
  for (i = 0; i < n; i++)
    printf "u-%d,First%d,Last%d,p%d@example.com,(555) 010-%04d,ACC-%08d,1980-01-%02d,%d.5\n", i, i, i, i, i % 10000, 1 + i % 1000, 1 + i % 28, i % 100
}' >"$csv"
for _ in $(seq 1 600); do grep -q "Press Ctrl-C" "$log" && break; sleep 1; done
token=$(curl -s "$base/services/oauth2/token" -d grant_type=password -d client_id=emulator-client \
  -d client_secret=emulator-secret -d username=admin@example.com -d password=password \
  | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
auth="Authorization: Bearer $token"
api="$base/services/data/v59.0/jobs/ingest"
for op in insert upsert insert-again upsert-again; do
  operation="${op%-again}"
  if [ "$op" = insert-again ]; then sed -i 's/^u-/v-/' "$csv"; fi
  job=$(curl -s "$api" -H "$auth" -H 'Content-Type: application/json' \
    -d "{\"object\":\"Contact\",\"operation\":\"$operation\",\"externalIdFieldName\":\"Contact_UUID__c\"}" \
    | sed 's/.*"id":"\([^"]*\)".*/\1/')
  start=$(date +%s.%N)
  curl -s -X PUT "$api/$job/batches" -H "$auth" -H 'Content-Type: text/csv' --data-binary @"$csv"
  curl -s -o /dev/null -X PATCH "$api/$job" -H "$auth" -H 'Content-Type: application/json' -d '{"state":"UploadComplete"}'
  until info=$(curl -s "$api/$job" -H "$auth") && echo "$info" | grep -q '"JobComplete"\|"Failed"'; do sleep 0.1; done
  end=$(date +%s.%N)
  processing=$(echo "$info" | sed 's/.*"totalProcessingTime":\([0-9]*\).*/\1/')
  failed=$(echo "$info" | sed 's/.*"numberRecordsFailed":\([0-9]*\).*/\1/')
  awk -v op="$op" -v r="$rows" -v f="$failed" -v p="$processing" -v s="$start" -v e="$end" \
    'BEGIN { t = e - s; printf "%-13s %d rows (%d failed): wall %.2f s = %.0f rows/s; in batches %.2f s = %.0f rows/s\n", op, r, f, t, r/t, p/1000, r/(p/1000) }'
done
