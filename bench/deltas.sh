#!/usr/bin/env bash
# Issue 18's benchmarks through the HTTP API of the app as its own process (Release, SQLite file): storage per version
# against git's packed size on three inputs, reads of any version of a 5 MB document with 1,000 versions, the save
# round trip at 5 MB (PUT and PATCH), PATCH against PUT throughput at 1 MB, bytes on the wire for a 10-character edit.
# Prints Markdown tables. Usage: bench/deltas.sh [--quick] [--only storage,read,save,throughput,wire] [--output FILE]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/CollabEdit.Deltas.Bench -c Release -nologo -v quiet
exec dotnet run -c Release --no-build --project bench/CollabEdit.Deltas.Bench -- "$@"
