#!/usr/bin/env bash
# services/matching/bench/grpc_bench.sh: matching's service-level targets,
# measured from gRPC clients, with matching in a process of its own so its
# memory is its own:
#
#   services/matching/bench/grpc_bench.sh BUILD_DIR WORK_DIR SOLUTIONS REQUESTS
#   e.g. services/matching/bench/grpc_bench.sh build /tmp/mbench 1000000 100000
#
# 1. starts organization+publishing+adoption in one process and matching in
#    another (as docker-compose.yml does), on WORK_DIR;
# 2. loads SOLUTIONS generated solutions and REQUESTS open requests through
#    the APIs and waits for matching to index them (grpc_match_bench load);
# 3. MatchAdoptionRequest top 20: 1 client (latency), then 8 (throughput);
# 4. publishes 50 fresh solutions, one at a time: publish → last match;
# 5. matching's resident memory; then SIGTERM and restart of matching alone:
#    time from exec to answering GetIndexStatus with everything indexed, and
#    resident memory after the restart; then step 3 again on the restarted
#    process.
# Prints each phase's figures; docs/benchmarks.md records a run.
set -euo pipefail

if [[ $# -ne 4 ]]; then
  echo "usage: $0 BUILD_DIR WORK_DIR SOLUTIONS REQUESTS" >&2
  exit 2
fi
build=$(realpath "$1")
work=$2
solutions=$3
requests=$4
server="$build/bin/corematch-server"
bench="$build/bin/corematch-grpc-match-bench"
cli="$build/bin/corematch"

rm -rf "$work"
mkdir -p "$work/core" "$work/matching"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

# wait_for_port LOG: the port the server in LOG listens on.
wait_for_port() {
  for _ in $(seq 600); do
    port=$(sed -nE 's/^corematch-server listening on 127\.0\.0\.1:([0-9]+) .*/\1/p' "$1")
    if [[ -n $port ]]; then
      echo "$port"
      return 0
    fi
    sleep 0.05
  done
  echo "no server in $1" >&2
  exit 1
}

rss_mib() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

"$server" --services=organization,publishing,adoption --listen=127.0.0.1:0 \
  --data_dir="$work/core" >"$work/core.log" 2>&1 &
pids+=($!)
core="127.0.0.1:$(wait_for_port "$work/core.log")"
key="$work/core/operator.key"

start_matching() {
  "$server" --services=matching --listen=127.0.0.1:0 --data_dir="$work/matching" \
    --organization_service="$core" --publishing_service="$core" --adoption_service="$core" \
    --operator_key_file="$key" >"$work/matching.log" 2>&1 &
  matching_pid=$!
  pids+=("$matching_pid")
  matching="127.0.0.1:$(wait_for_port "$work/matching.log")"
}
start_matching

echo "== load: $solutions solutions, $requests open requests"
"$bench" load --server "$core" --matching-server "$matching" --api-key-file "$key" \
  --state "$work/state" --solutions "$solutions" --requests "$requests" --clients 8

echo "== query, 1 client"
"$bench" query --server "$core" --matching-server "$matching" --state "$work/state" \
  --clients 1 --queries 2000
echo "== query, 8 clients"
"$bench" query --server "$core" --matching-server "$matching" --state "$work/state" \
  --clients 8 --queries 4000

echo "== publish"
"$bench" publish --server "$core" --matching-server "$matching" --state "$work/state" \
  --new-solutions 50

echo "== memory: matching resident $(rss_mib "$matching_pid") MiB"

echo "== restart of matching"
kill -TERM "$matching_pid"
wait "$matching_pid" || true
indexed=$(( solutions ))
start=$(date +%s.%N)
start_matching
until out=$(COREMATCH_API_KEY=$(cat "$key") "$cli" --server "$matching" --output json match status 2>/dev/null) &&
  python3 -c 'import json,sys; d=json.loads(sys.argv[1]); sys.exit(0 if int(d.get("solutionsIndexed", 0)) >= int(sys.argv[2]) else 1)' "$out" "$indexed"; do
  sleep 0.05
done
end=$(date +%s.%N)
echo "restart to serving: $(python3 -c "print(f'{$end - $start:.2f}')") s (exec to GetIndexStatus with $indexed solutions indexed)"
echo "== memory after restart: matching resident $(rss_mib "$matching_pid") MiB"

echo "== query after restart, 1 client"
"$bench" query --server "$core" --matching-server "$matching" --state "$work/state" \
  --clients 1 --queries 1000
