#!/usr/bin/env bash
# Memory of the app process (resident set, from /proc) before, during and after one client opens N documents-hub
# connections (issue 16: 3,000 from one account took +650 MB and memory never came back). Runs the Release build of
# the app in open mode (the caps are per address there) twice per setting given in RUNS, e.g.
#   RUNS="caps:default gc:csproj  caps:off gc:server" N=1000 bench/connections.sh
# caps:off raises the caps out of the way; gc:server runs with the server GC the web SDK used by default before.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/CollabEdit.Web -c Release -nologo -v quiet
(cd bench/fanout && npm install --no-audit --no-fund --silent)
n=${N:-1000}
rss() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$1/status"; }
echo "| caps | GC | held | refused | idle MB | open MB | closed +20 s MB |"
echo "|---|---|---:|---:|---:|---:|---:|"
set -- ${RUNS:-caps:default gc:csproj caps:off gc:server}
while [ $# -ge 2 ]; do
  caps=${1#caps:}; gc=${2#gc:}; shift 2
  work=$(mktemp -d)
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  # The load client is anonymous (open mode), so its caps are an address's: "default" gives that address an
  # account's default cap (20), which is what one account gets; "off" lifts every cap.
  extra=(CollabEdit__Realtime__MaxConnectionsPerAddress=20)
  [ "$caps" = off ] && extra=(CollabEdit__Realtime__MaxHubConnectionsPerAccount=100000 CollabEdit__Realtime__MaxFollowersPerAccountPerDocument=100000 CollabEdit__Realtime__MaxConnectionsPerAddress=100000)
  [ "$gc" = server ] && extra+=(DOTNET_gcServer=1 DOTNET_GCConserveMemory=0 DOTNET_GCRetainVM=1)
  env ConnectionStrings__CollabEdit="Data Source=$work/c.db" ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
    CollabEdit__Access__Mode=Open CollabEdit__SeedWelcomeDocument=false \
    CollabEdit__RateLimiting__Hub__TokenLimit=100000 CollabEdit__RateLimiting__Hub__TokensPerPeriod=100000 "${extra[@]}" \
    src/CollabEdit.Web/bin/Release/net10.0/CollabEdit.Web --urls "http://127.0.0.1:$port" > "$work/app.log" 2>&1 &
  app=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
  sleep 2
  idle=$(rss $app)
  mkfifo "$work/hold"
  node bench/fanout/connections.mjs "http://127.0.0.1:$port" "$n" < "$work/hold" > "$work/result.json" &
  client=$!
  exec 3>"$work/hold"
  for _ in $(seq 600); do [ -s "$work/result.json" ] && break; sleep 0.1; done
  open=$(rss $app)
  exec 3>&-
  wait $client || true
  sleep 20
  closed=$(rss $app)
  result=$(cat "$work/result.json")
  held=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['held'])" "$result")
  refused=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['refused'])" "$result")
  echo "| $caps | $gc | $held | $refused | $idle | $open | $closed |"
  kill $app; wait $app 2>/dev/null || true
  rm -rf "$work"
done
