#!/usr/bin/env bash
# Several servers, measured: saves per second and conditional GETs per second through nginx with 1 and then 2 app
# servers on PostgreSQL (scripts/cluster.sh, the same set-up each time), and the fan-out of version bumps to
# VIEWERS viewers (default 1,000) dealt out evenly over the servers, written through nginx.
#   bench/cluster.sh            RUNS=3 for medians, SECONDS_PER_RUN=10, WARMUP=20 (s, per scenario: the servers are
#                               fresh, and the JIT needs that long to reach its optimised code), VIEWERS=1000, SERVERS="1 2"
# Everything runs on this machine: the load client, nginx, PostgreSQL, Redis and the app servers share its cores.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-1}
seconds=${SECONDS_PER_RUN:-10}
viewers=${VIEWERS:-1000}

dotnet build CollabEdit.sln -c Release -nologo -v quiet
(cd bench/fanout && npm install --no-audit --no-fund --silent)
published=$(mktemp -d /tmp/collabedit-bench-app-XXXXXX)
dotnet publish src/CollabEdit.Web -c Release -o "$published" -nologo -v quiet
state=""
cleanup() {
  [ -n "$state" ] && COLLABEDIT_CLUSTER_DIR=$state scripts/cluster.sh stop || true
  rm -rf "$published"
}
trap cleanup EXIT

# What the app servers get: open mode (the load client is anonymous), limits out of the way of the measurement
# (a load client is one address), quiet logs.
export CollabEdit__Access__Mode=Open Logging__LogLevel__Default=Warning CollabEdit__SeedWelcomeDocument=false
for kind in Writes WriteAttempts Reads Hub; do
  export "CollabEdit__RateLimiting__${kind}__TokenLimit=100000000" "CollabEdit__RateLimiting__${kind}__TokensPerPeriod=100000000"
done
export CollabEdit__Realtime__MaxViewersPerDocument=$((viewers + 100)) CollabEdit__Realtime__MaxConnectionsPerAddress=$((viewers + 100))

for run in $(seq "$runs"); do
  for servers in ${SERVERS:-1 2}; do
    state=$(mktemp -d /tmp/collabedit-bench-cluster-XXXXXX)
    url=$(COLLABEDIT_CLUSTER_DIR=$state COLLABEDIT_CLUSTER_SERVERS=$servers COLLABEDIT_CLUSTER_PUBLISHED=$published scripts/cluster.sh start 2>/dev/null | tail -n 1)
    pids=$(cat "$state"/app-*.pid | paste -sd, -)
    echo "## run $run: $servers app server(s) behind nginx, PostgreSQL, Redis ($url)"
    dotnet run -c Release --no-build --project bench/CollabEdit.Bench -- \
      --target "$url" --server-pids "$pids" --label "$servers server(s), nginx, PostgreSQL" --seconds "$seconds" --warmup "${WARMUP:-20}" --only get,distinct,contended
    echo
    echo "| viewers | saves | samples | missed | p50 ms | p99 ms | max ms |"
    echo "|---:|---:|---:|---:|---:|---:|---:|"
    node bench/fanout/fanout.mjs "$url" "$viewers" "${SAVES:-40}"
    echo
    COLLABEDIT_CLUSTER_DIR=$state scripts/cluster.sh stop
    rm -rf "$state"
    state=""
  done
done
