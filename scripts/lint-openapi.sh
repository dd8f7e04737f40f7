#!/usr/bin/env bash
# Lints the app's OpenAPI document with Redocly CLI's recommended rules (redocly.yaml); any error fails.
# The document is the one the real app serves, written to artifacts/openapi/v1.json by OpenApiContractTests (run
# here first when missing). Redocly is installed once, at a pinned version, into a cache folder outside the repo.
#   scripts/lint-openapi.sh                 install Redocly if needed, then lint
#   scripts/lint-openapi.sh --if-installed  lint only if Redocly is already installed (test.sh: no network in a test run)
set -euo pipefail
cd "$(dirname "$0")/.."

version=2.77.0
cache="${COLLABEDIT_TOOLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/collabedit}/redocly-$version"
redocly="$cache/node_modules/.bin/redocly"
if [ ! -x "$redocly" ]; then
  if [ "${1:-}" = "--if-installed" ]; then
    echo "OpenAPI lint skipped: Redocly CLI is not installed (scripts/lint-openapi.sh installs it); OpenApiContractTests checked its rules."
    exit 0
  fi
  mkdir -p "$cache"
  npm install --prefix "$cache" --no-audit --no-fund --silent "@redocly/cli@$version"
fi

document=artifacts/openapi/v1.json
if [ ! -f "$document" ]; then
  dotnet build tests/CollabEdit.Web.Tests -c Release -nologo -v quiet
  dotnet test tests/CollabEdit.Web.Tests -c Release --no-build -nologo -v quiet --filter "FullyQualifiedName~OpenApiContractTests"
fi

# Redocly's banners (a newer Node.js wanted) go to stderr with the findings; keep the findings.
"$redocly" lint "$document" --config redocly.yaml --format stylish 2>&1 | grep -v '[║╔╚]'
exit "${PIPESTATUS[0]}"
