#!/usr/bin/env bash
# Times `collabedit merge` as one whole process against `git merge-file` on the same files: the native (AOT)
# binary and the framework-dependent one, median wall time and peak memory (max RSS) of RUNS runs each, and checks
# that every output is byte-identical to git's. Inputs:
#   - from MergeInputs.cs: 100k and 1M lines with ~1% scattered edits a side, 20k lines with nothing in common;
#   - from numbered-lines.py, written independently: unique numbered lines, a share of lines deleted, edited or
#     followed by an insertion on each side, 1 line in 10,000 edited by both: several seeds and edit rates;
#   - small merges (3 lines, 1k lines), where start-up is everything.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
dotnet build src/CollabEdit.Cli -c Release -nologo -v quiet
dotnet publish src/CollabEdit.Cli -c Release -r linux-x64 -p:PublishAot=true -o artifacts/cli-native -nologo -v quiet
dotnet build bench/CollabEdit.Merging.Bench -c Release -nologo -v quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet bench/CollabEdit.Merging.Bench/bin/Release/net10.0/CollabEdit.Merging.Bench.dll generate "$work"
gen=bench/numbered-lines.py
python3 $gen "$work" n1m-r1-s1 1000000 0.01 1
python3 $gen "$work" n1m-r1-s2 1000000 0.01 2
python3 $gen "$work" n1m-r1-s3 1000000 0.01 3
python3 $gen "$work" n1m-r0.1-s1 1000000 0.001 1
python3 $gen "$work" n1m-r5-s1 1000000 0.05 1
python3 $gen "$work" n100k-r1-s1 100000 0.01 1
python3 $gen "$work" n10k-r1-s1 10000 0.01 1
python3 $gen "$work" n1k-r1-s1 1000 0.01 1
printf 'a\nb\nc\n' > "$work/tiny-base"; printf 'A\nb\nc\n' > "$work/tiny-ours"; printf 'a\nb\nC\n' > "$work/tiny-theirs"
native=artifacts/cli-native/collabedit
jit=src/CollabEdit.Cli/bin/Release/net10.0/collabedit

echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); git $(git --version | cut -d' ' -f3)"
echo
echo "| case | git merge-file | collabedit (native) | time ratio | memory ratio | collabedit (JIT) | time ratio | same output |"
echo "|---|---:|---:|---:|---:|---:|---:|---|"
for name in tiny n1k-r1-s1 n10k-r1-s1 100k n100k-r1-s1 1m n1m-r1-s1 n1m-r1-s2 n1m-r1-s3 n1m-r0.1-s1 n1m-r5-s1 worst20k; do
  n=$runs
  case $name in tiny|n1k*) n=$((runs * 20)) ;; esac
  files=("$work/$name-ours" "$work/$name-base" "$work/$name-theirs")
  read -r gs gkb < <(python3 bench/measure.py "$n" "$work/out.git" git merge-file -p "${files[@]}")
  read -r ns nkb < <(python3 bench/measure.py "$n" "$work/out.native" "$native" merge -p "${files[@]}")
  read -r js jkb < <(python3 bench/measure.py "$n" "$work/out.jit" "$jit" merge -p "${files[@]}")
  same=$(cmp -s "$work/out.git" "$work/out.native" && cmp -s "$work/out.git" "$work/out.jit" && echo yes || echo NO)
  awk -v n="$name" -v gs="$gs" -v gkb="$gkb" -v ns="$ns" -v nkb="$nkb" -v js="$js" -v jkb="$jkb" -v same="$same" 'BEGIN {
    unit = (gs < 0.5) ? 1000 : 1; u = (gs < 0.5) ? "ms" : "s"; f = (gs < 0.5) ? "%.1f" : "%.2f"
    printf "| %s | " f " %s, %.0f MB | " f " %s, %.0f MB | %.2f | %.2f | " f " %s, %.0f MB | %.2f | %s |\n",
      n, gs*unit, u, gkb/1024, ns*unit, u, nkb/1024, ns/gs, nkb/gkb, js*unit, u, jkb/1024, js/gs, same }'
done
