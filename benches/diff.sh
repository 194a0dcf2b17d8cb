#!/usr/bin/env bash
# Whole-process diff benchmark, side by side with git's word diff on the same pairs.
# Usage: benches/diff.sh   (needs ../shared/corpus/history)
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/paragraf-target}"
h=../shared/corpus/history
[ -d "$h" ] || { echo "skipped: $h not found"; exit 0; }
cargo build --release -q
bin="$CARGO_TARGET_DIR/release/paragraf"
best() { # best wall time (s) and its peak RSS (KiB) of N runs
  local n=$1; shift; local bt=999 bm=0
  for _ in $(seq "$n"); do
    local tf; tf=$(mktemp)
    local t0 t1; t0=$(date +%s.%N)
    /usr/bin/time -o "$tf" -f "%M" "$@" >/dev/null 2>&1 || true
    t1=$(date +%s.%N)
    local t; t=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.4f", b-a}')
    if awk "BEGIN{exit !($t < $bt)}"; then bt=$t; bm=$(tail -1 "$tf"); fi
    rm -f "$tf"
  done
  echo "$bt $bm"
}
for pair in 052-bgb 053-bgb; do
  read -r gt gm < <(best 7 git diff --no-index --word-diff "$h/$pair/old.md" "$h/$pair/new.md")
  read -r pt pm < <(best 7 "$bin" diff "$h/$pair/old.md" "$h/$pair/new.md" --json)
  awk -v p="$pair" -v gt="$gt" -v pt="$pt" -v pm="$pm" 'BEGIN{printf "%s: git diff --word-diff %.3f s | paragraf diff --json %.3f s (%.2fx git), peak %.1f MiB\n", p, gt, pt, pt/gt, pm/1024}'
done
