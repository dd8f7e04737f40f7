#!/usr/bin/env bash
# Lighthouse 13 with its mobile defaults (simulated slow 4G, 4x slower CPU) on the documents list and on the editor
# with a 200 KB Markdown document, against the published Release app in open mode on a fresh SQLite file.
#   bench/lighthouse.sh [runs]     (default 3; prints each run and the median per page)
# Needs Node and Lighthouse outside the repository: `npm i --prefix /tmp/lh lighthouse@13` (or LIGHTHOUSE=path),
# and Chromium at /usr/bin/chromium (or CHROME_PATH).
set -euo pipefail
RUNS=${1:-3}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
LIGHTHOUSE=${LIGHTHOUSE:-/tmp/lh/node_modules/.bin/lighthouse}
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
WORK=$(mktemp -d)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
dotnet publish "$ROOT/src/CollabEdit.Web" -c Release -o "$WORK/app" -nologo -v quiet >/dev/null
# Started from another folder, as a service would be.
(cd "$WORK" && CollabEdit__Access__Mode=Open ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__CollabEdit="Data Source=$WORK/lighthouse.db" \
  exec dotnet "$WORK/app/CollabEdit.Web.dll" --urls "http://127.0.0.1:$PORT" >"$WORK/app.log" 2>&1) &
APP=$!
trap 'kill $APP 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 150); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.2; done
python3 - "$WORK/doc.json" <<'PY'
import json, sys
section = ("## Section {n}\n\nThis is paragraph {n} of the long document, with *emphasis*, **strong words**, "
           "a [link](https://example.org/{n}) and `code`.\n\n- item one of {n}\n- item two of {n}\n\n> A quoted line in section {n}.\n\n")
text, n = "", 0
while len(text.encode()) < 200 * 1024:
    text += section.format(n=n); n += 1
json.dump({"title": "Lighthouse 200 KB", "slug": "lighthouse-200kb", "content": text}, open(sys.argv[1], "w"))
PY
curl -sf -X POST "http://127.0.0.1:$PORT/api/documents" -H 'Content-Type: application/json' -H 'X-Author: Bench' --data-binary @"$WORK/doc.json" -o /dev/null
for page in list editor; do
  url="http://127.0.0.1:$PORT/"; [ "$page" = editor ] && url="http://127.0.0.1:$PORT/docs/lighthouse-200kb"
  for run in $(seq "$RUNS"); do
    "$LIGHTHOUSE" "$url" --quiet --chrome-flags="--headless=new --no-sandbox" --only-categories=performance,accessibility \
      --output=json --output-path="$WORK/$page-$run.json" >/dev/null 2>&1
  done
  python3 - "$page" "$WORK"/"$page"-*.json <<'PY'
import json, statistics, sys
rows = []
for path in sys.argv[2:]:
    d = json.load(open(path)); a = d["audits"]
    rows.append((round(d["categories"]["performance"]["score"] * 100), round(d["categories"]["accessibility"]["score"] * 100),
                 a["first-contentful-paint"]["numericValue"], a["largest-contentful-paint"]["numericValue"],
                 a["total-blocking-time"]["numericValue"], a["cumulative-layout-shift"]["numericValue"]))
for r in rows:
    print(f"{sys.argv[1]:6} perf {r[0]:3} a11y {r[1]:3}  FCP {r[2]/1000:.1f} s  LCP {r[3]/1000:.1f} s  TBT {r[4]:.0f} ms  CLS {r[5]:.3f}")
m = [statistics.median(c) for c in zip(*rows)]
print(f"{sys.argv[1]:6} median perf {m[0]:.0f} a11y {m[1]:.0f}  FCP {m[2]/1000:.1f} s  LCP {m[3]/1000:.1f} s  TBT {m[4]:.0f} ms  CLS {m[5]:.3f}")
PY
done
