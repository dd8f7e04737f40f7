#!/usr/bin/env bash
# Prints the folder graph of src/CollabEdit.Web (Mermaid for the README's layout section, plain lines, and the
# cycles with the type uses that make them), as FolderDependencyTests reads it from the compiled app.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build tests/CollabEdit.Web.Tests -c Release -nologo -v quiet
dotnet test tests/CollabEdit.Web.Tests -c Release --no-build -nologo -v quiet \
  --filter "FullyQualifiedName~FolderDependencyTests.TheFolderGraphIsWrittenOutForTheReadme" >/dev/null
cat artifacts/folder-graph.md
