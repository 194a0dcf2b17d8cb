#!/usr/bin/env bash
# Whole-process diff benchmark, side by side with git's word diff on the same pairs.
# Usage: benches/diff.sh   (needs ../shared/corpus/history)
# BIN=path/to/paragraf: measure that build instead of the workspace's (no cargo build).
# INSTR=1: also count the instructions of each (callgrind, all threads): they do
# not drift with the machine's load, wall time on a busy machine does.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/paragraf-target}"
h=../shared/corpus/history
[ -d "$h" ] || { echo "skipped: $h not found"; exit 0; }
if [ -z "${BIN:-}" ]; then cargo build --release -q; fi
bin="${BIN:-$CARGO_TARGET_DIR/release/paragraf}"
once() { # wall seconds and peak RSS (KiB) of one run
  local tf t0 t1; tf=$(mktemp)
  t0=$(date +%s.%N)
  /usr/bin/time -o "$tf" -f "%M" "$@" >/dev/null 2>&1 || true
  t1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" -v m="$(tail -1 "$tf")" 'BEGIN{printf "%.4f %d\n", b-a, m}'
  rm -f "$tf"
}
# git and paragraf take turns (this machine's speed drifts), best of 9 each
for pair in 052-bgb 053-bgb; do
  o="$h/$pair/old.md"; n="$h/$pair/new.md"
  g=$(for _ in $(seq 9); do once git diff --no-index --word-diff "$o" "$n"; echo "P $(once "$bin" diff "$o" "$n" --json)" >&2; done 2>"${TMPDIR:-/tmp}/paragraf-diff-bench" | sort -n | head -1)
  p=$(grep '^P' "${TMPDIR:-/tmp}/paragraf-diff-bench" | cut -c3- | sort -n | head -1)
  read -r gt gm <<<"$g"; read -r pt pm <<<"$p"
  awk -v p="$pair" -v gt="$gt" -v pt="$pt" -v pm="$pm" 'BEGIN{printf "%s: git diff --word-diff %.3f s | paragraf diff --json %.3f s (%.2fx git), peak %.1f MiB\n", p, gt, pt, pt/gt, pm/1024}'
done
if [ "${INSTR:-}" = 1 ] && command -v valgrind >/dev/null 2>&1; then
  # (diff exits 1 when the Fassungen differ: not a failure here)
  count() { { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null || true; } | awk '/refs:/{gsub(",","",$NF); print $NF}'; }
  for pair in 052-bgb 053-bgb; do
    o="$h/$pair/old.md"; n="$h/$pair/new.md"
    gi=$(count git diff --no-index --word-diff "$o" "$n"); pi=$(count "$bin" diff "$o" "$n" --json)
    awk -v p="$pair" -v g="$gi" -v q="$pi" 'BEGIN{printf "%s instructions: git %.1f M | paragraf %.1f M (%.2fx git)\n", p, g/1e6, q/1e6, q/g}'
  done
fi
