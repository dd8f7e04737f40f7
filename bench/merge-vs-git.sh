#!/usr/bin/env bash
# Times `collabedit merge` as one whole process against `git merge-file` on the same generated files
# (100k lines, 1M lines with ~1% scattered edits per side, and two 20k-line texts with no line in common).
# Reports the median wall time and peak memory (max RSS) of 5 runs each, checks the outputs are identical.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install -y time" >&2; exit 1; }
dotnet build src/CollabEdit.Cli -c Release -nologo -v quiet
dotnet build bench/CollabEdit.Merging.Bench -c Release -nologo -v quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet bench/CollabEdit.Merging.Bench/bin/Release/net10.0/CollabEdit.Merging.Bench.dll generate "$work"
cli=src/CollabEdit.Cli/bin/Release/net10.0/collabedit

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
measure() { # name tool -> "seconds kilobytes" medians
  local name=$1 tool=$2 times=() mems=()
  for _ in $(seq "$runs"); do
    if [ "$tool" = git ]; then
      /usr/bin/time -f "%e %M" -o "$work/t" git merge-file -p "$work/$name-ours" "$work/$name-base" "$work/$name-theirs" > "$work/$name.git" || true
    else
      /usr/bin/time -f "%e %M" -o "$work/t" "$cli" merge -p "$work/$name-ours" "$work/$name-base" "$work/$name-theirs" > "$work/$name.cli" || true
    fi
    read -r s kb < <(tail -n 1 "$work/t")
    times+=("$s"); mems+=("$kb")
  done
  echo "$(printf '%s\n' "${times[@]}" | median) $(printf '%s\n' "${mems[@]}" | median)"
}

echo "| case | git merge-file | collabedit merge | time ratio | memory ratio | same output |"
echo "|---|---:|---:|---:|---:|---|"
for name in 100k 1m worst20k; do
  read -r gs gkb < <(measure "$name" git)
  read -r cs ckb < <(measure "$name" cli)
  same=$(cmp -s "$work/$name.git" "$work/$name.cli" && echo yes || echo NO)
  awk -v n="$name" -v gs="$gs" -v gkb="$gkb" -v cs="$cs" -v ckb="$ckb" -v same="$same" 'BEGIN {
    printf "| %s | %.2f s, %.0f MB | %.2f s, %.0f MB | %.2f | %.2f | %s |\n", n, gs, gkb/1024, cs, ckb/1024, (gs > 0 ? cs/gs : 0), ckb/gkb, same }'
done
