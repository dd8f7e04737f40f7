#!/usr/bin/env bash
# Issue 19's benchmarks of live editing, against the app as its own process (Release build, a fresh SQLite file):
#   (a) keystroke -> visible in another browser (Debian's Chromium), two people typing steadily in different
#       paragraphs: p50 / p95 / max, both directions;
#   (b) bytes per typist per second on the wire meanwhile (DevTools protocol), against Etherpad's 3-3.5 kB/s;
#   (c) 10, 50 and 100 simulated typists on one 1 MB document (SignalR connections, one change a second each through
#       DocumentHub.SaveChanges): p95 from a change to its arrival at the others, saves refused and rebased, server CPU
#       per change; and 10 typists with 1,000 viewers following.
# The app is started with its rate limits and connection caps RAISED for the bench (one address drives every typist):
#   CollabEdit__RateLimiting__{Writes,WriteAttempts,Reads,Hub,SignIn}__TokenLimit/TokensPerPeriod=100000 and
#   CollabEdit__Realtime__{MaxConnectionsPerAddress,MaxViewersPerDocument,MaxHubConnectionsPerAccount}=100000.
# At the defaults (Hub: 60 calls then 20 a second per client; 500 connections per address) the load would be refused.
# Prints Markdown tables. Usage: bench/live.sh [--only browser,load] [--seconds 30] [--sizes 10000,1000000]
#                                             [--typists 10,50,100] [--viewers 1000] [--load-seconds 30]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/CollabEdit.Live.Bench -c Release -nologo -v quiet
exec dotnet run -c Release --no-build --project bench/CollabEdit.Live.Bench -- "$@"
