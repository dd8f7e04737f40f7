#!/usr/bin/env bash
# Editor latency in a real Chromium (Debian's), against the app as its own process: keystroke-to-paint p50/p95,
# save round trip, server memory with one editor open; at 1 KB, 1 MB and 5 MB of real Markdown prose.
# Usage: bench/editor.sh [sizes in bytes...]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/CollabEdit.Editor.Bench -c Release -nologo -v quiet
dotnet run -c Release --no-build --project bench/CollabEdit.Editor.Bench -- "$@"
