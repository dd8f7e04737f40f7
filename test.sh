#!/usr/bin/env bash
# Runs every test project and ends with one line: "N passed, N failed, N skipped" (totals over all TRX files).
# Installs what a fresh machine lacks first: Debian's Chromium for the browser tests, when there are any.
set -uo pipefail
cd "$(dirname "$0")"

results=artifacts/test-results
rm -rf "$results"
mkdir -p "$results"

if ls e2e/*/*.csproj >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  echo "Installing Chromium from Debian's packages (browser tests need it)..."
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
fi

missing=()
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || missing+=(postgresql)
command -v redis-server >/dev/null || missing+=(redis-server)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} from Debian's packages (the API suite runs on PostgreSQL too; cluster tests use Redis)..."
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
fi

dotnet build CollabEdit.sln -c Release -nologo -v quiet
build_status=$?
if [ $build_status -ne 0 ]; then
  echo "0 passed, 1 failed"
  exit $build_status
fi

# Tests of what only PostgreSQL does (its own save statement under lock waits) run in the second pass only.
# One test project at a time (-m:1): the browser tests time what people see (words arriving while typing, a conflict
# within a second), and on a 2-core machine the API suite running beside them slowed pages past those goals.
dotnet test CollabEdit.sln -c Release --no-build -nologo -v quiet -m:1 \
  --logger "trx" --results-directory "$results" --filter "Storage!=Postgres" -- RunConfiguration.TestSessionTimeout=1500000
test_status=$?

# The API suite again on a real PostgreSQL server, which the tests start themselves on a free loopback port
# (tests of the SQLite file itself are left out by their trait, tests of PostgreSQL alone come in).
COLLABEDIT_TEST_STORAGE=Postgres dotnet test tests/CollabEdit.Web.Tests -c Release --no-build -nologo -v quiet \
  --logger "trx;LogFileName=web-on-postgres.trx" --results-directory "$results" --filter "Storage!=Sqlite" \
  -- RunConfiguration.TestSessionTimeout=1500000
postgres_status=$?
[ $test_status -eq 0 ] && test_status=$postgres_status

# The OpenAPI document the tests wrote, against Redocly CLI's recommended rules, only where Redocly is already
# installed (scripts/lint-openapi.sh installs it): a test run needs no network. Without it, OpenApiContractTests has
# asserted the same rules. A failed lint counts as one failed test.
lint_failed=0
scripts/lint-openapi.sh --if-installed || lint_failed=1

# Sum the counters of every TRX file (one per test project).
python3 - "$results" "$lint_failed" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = skipped = 0
failed = int(sys.argv[2])
for path in glob.glob(f"{sys.argv[1]}/**/*.trx", recursive=True):
    counters = ET.parse(path).getroot().find("t:ResultSummary/t:Counters", ns)
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
    skipped += int(counters.get("notExecuted", 0))
if passed + failed == 0:
    failed = 1  # no test ran: that is a failure, not a success
print(f"{passed} passed, {failed} failed, {skipped} skipped")
sys.exit(0 if failed == 0 else 1)
PY
summary_status=$?
[ $test_status -ne 0 ] && exit $test_status
exit $summary_status
