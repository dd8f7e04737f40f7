#!/usr/bin/env bash
# Builds in Release and runs the load test; arguments go to the load program (see README "Benchmarks").
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build CollabEdit.sln -c Release -nologo -v quiet
exec dotnet run -c Release --no-build --project bench/CollabEdit.Bench -- "$@"
