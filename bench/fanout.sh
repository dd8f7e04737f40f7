#!/usr/bin/env bash
# Fan-out latency of version bumps with 1, 50 and 200 viewers (JavaScript client under Node, same machine).
# Builds the app in Release, starts it on a free port with a fresh SQLite file, runs bench/fanout/fanout.mjs.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/CollabEdit.Web -c Release -nologo -v quiet
(cd bench/fanout && npm install --no-audit --no-fund --silent)
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
ConnectionStrings__CollabEdit="Data Source=$work/fanout.db" ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
  CollabEdit__Access__Mode=Open CollabEdit__SeedWelcomeDocument=false CollabEdit__Realtime__MaxConnectionsPerAddress=100000 \
  CollabEdit__RateLimiting__Writes__TokenLimit=100000 CollabEdit__RateLimiting__Writes__TokensPerPeriod=100000 \
  CollabEdit__RateLimiting__WriteAttempts__TokenLimit=100000 CollabEdit__RateLimiting__WriteAttempts__TokensPerPeriod=100000 \
  CollabEdit__RateLimiting__Hub__TokenLimit=100000 CollabEdit__RateLimiting__Hub__TokensPerPeriod=100000 \
  src/CollabEdit.Web/bin/Release/net10.0/CollabEdit.Web --urls "http://127.0.0.1:$port" > "$work/app.log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
echo "| viewers | saves | samples | missed | p50 ms | p99 ms | max ms |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
for viewers in ${VIEWERS:-1 50 200}; do
  node bench/fanout/fanout.mjs "http://127.0.0.1:$port" "$viewers" "${SAVES:-40}"
done
