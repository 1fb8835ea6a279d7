#!/usr/bin/env bash
# Load comparison of the webhook endpoint: a bare Kestrel endpoint (read body, check HMAC) against the SDK's
# endpoint with a durable SQLite inbox, with group commit and with one transaction per request, each driven by
# wrk on 127.0.0.1 in the same run. The machine is shared, so the modes take turns over several rounds; compare
# medians. Usage: run-load.sh [duration] [connections] [rounds]
set -euo pipefail
cd "$(dirname "$0")/../../../.."
duration=${1:-15s}
connections=${2:-64}
rounds=${3:-3}
project=benchmarks/AccountingSync.Benchmarks
dotnet build -c Release "$project" >/dev/null
body='{"id":450789469,"name":"#1001","total_price":"409.94","currency":"EUR","note":"load test order"}'
export SIGNATURE
SIGNATURE=$(printf '%s' "$body" | openssl dgst -sha256 -hmac "shpss_load_test_secret" -binary | base64)
work=$(mktemp -d)
port=5199
for round in $(seq "$rounds"); do
for mode in ${MODES:-bare sdk sdk-single sdk-memory}; do
  fifo="$work/$mode-$round.in"
  mkfifo "$fifo"
  dotnet "$project/bin/Release/net10.0/AccountingSync.Benchmarks.dll" webhook-load "$mode" "$port" "$work/$mode-$round.db" \
    <"$fifo" >"$work/$mode-$round.log" 2>&1 &
  server=$!
  exec 3>"$fifo"
  until grep -q listening "$work/$mode-$round.log" 2>/dev/null; do sleep 0.2; done
  wrk -t2 -c"$connections" -d3s -s "$project/Webhooks/Load/post.lua" "http://127.0.0.1:$port" >/dev/null 2>&1 || true
  printf 'round %s %-11s ' "$round" "$mode"
  wrk -t2 -c"$connections" -d"$duration" -s "$project/Webhooks/Load/post.lua" "http://127.0.0.1:$port" | tail -n 1
  exec 3>&-
  wait "$server"
  port=$((port + 1))
done
done
rm -rf "$work"
