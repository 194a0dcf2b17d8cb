#!/usr/bin/env bash
# Whole-process benchmarks, each side by side with a baseline run in the same script.
# Usage: benches/run.sh   (needs ../shared/corpus; builds paragraf in release mode)
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/paragraf-target}"
corpus=../shared/corpus/bund
[ -d "$corpus" ] || { echo "skipped: $corpus not found"; exit 0; }
cargo build --release -q
bin="$CARGO_TARGET_DIR/release/paragraf"
mb=$(du -cb "$corpus"/*.md | tail -1 | awk '{printf "%.1f", $1/1e6}')

# best of N wall-clock seconds and the peak RSS (KiB) of the best run
measure() {
  local n=$1; shift
  local best=999999 mem=0
  for _ in $(seq "$n"); do
    local tf out
    tf=$(mktemp)
    local t0 t1
    t0=$(date +%s.%N)
    /usr/bin/time -o "$tf" -f "%M" "$@" >/dev/null 2>&1 || true
    t1=$(date +%s.%N)
    out=$(tail -1 "$tf"); rm -f "$tf"
    local t m=$out
    t=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.4f", b-a}')
    if awk "BEGIN{exit !($t < $best)}"; then best=$t; mem=$m; fi
  done
  echo "$best $mem"
}

row() { # name seconds kib baseline_seconds
  awk -v n="$1" -v t="$2" -v m="$3" -v b="$4" -v mb="$5" 'BEGIN{printf "%-34s %7.3f s %8.1f MB/s %7.1f MiB  %6.1fx baseline\n", n, t, mb/t, m/1024, t/b}'
}

echo "corpus: $mb MB in $(ls "$corpus"/*.md | wc -l) files, $(nproc) cores"
read -r bt bm < <(measure 3 sh -c "cat $corpus/*.md | wc -l")
row "baseline: cat | wc -l (corpus)" "$bt" "$bm" "$bt" "$mb"
read -r pt pm < <(measure 3 "$bin" parse --stats "$corpus")
row "paragraf parse --stats (corpus)" "$pt" "$pm" "$bt" "$mb"

bgbmb=$(stat -c %s "$corpus/bgb.md" | awk '{printf "%.2f", $1/1e6}')
read -r bt2 bm2 < <(measure 10 wc -l "$corpus/bgb.md")
row "baseline: wc -l bgb.md" "$bt2" "$bm2" "$bt2" "$bgbmb"
read -r pt2 pm2 < <(measure 10 "$bin" parse "$corpus/bgb.md")
row "paragraf parse bgb.md (outline)" "$pt2" "$pm2" "$bt2" "$bgbmb"
read -r pt3 pm3 < <(measure 10 "$bin" parse "$corpus/bgb.md" --json)
row "paragraf parse bgb.md --json" "$pt3" "$pm3" "$bt2" "$bgbmb"

# memory must not grow with the number of files: the 100 largest files (the peak is set by
# the largest ones parsed at once) against all 6,636
mkdir -p "${TMPDIR:-/tmp}/paragraf-bench-100"
rm -f "${TMPDIR:-/tmp}/paragraf-bench-100"/*.md
largest=$(ls -S "$corpus"/*.md | head -100 || true)  # ls ends on SIGPIPE: not an error
echo "$largest" | xargs -I{} cp {} "${TMPDIR:-/tmp}/paragraf-bench-100/"
read -r st sm < <(measure 3 "$bin" parse --stats "${TMPDIR:-/tmp}/paragraf-bench-100")
awk -v a="$sm" -v b="$pm" 'BEGIN{printf "peak memory: the 100 largest files %.1f MiB, all 6636 files %.1f MiB\n", a/1024, b/1024}'
