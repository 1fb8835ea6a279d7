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
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
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
  # The server's own CPU time per request (user + system, from /proc) is less noisy than the rate on a shared
  # machine: it does not depend on how much of the two cores other processes left to the server.
  before=$(cpu_ticks "$server")
  line=$(wrk -t2 -c"$connections" -d"$duration" -s "$project/Webhooks/Load/post.lua" "http://127.0.0.1:$port" | tail -n 1)
  after=$(cpu_ticks "$server")
  requests=${line##*requests: }
  printf '%s  server cpu: %s us/request\n' "$line" \
    "$(( (after - before) * 1000000 / $(getconf CLK_TCK) / (requests > 0 ? requests : 1) ))"
  exec 3>&-
  wait "$server"
  [ "$mode" = bare ] || grep stored "$work/$mode-$round.log" | sed 's/^/          /' || true
  port=$((port + 1))
done
done
rm -rf "$work"
