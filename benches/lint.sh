#!/usr/bin/env bash
# The lint benchmark of the lint issue: the whole corpus (target: under 6 s wall on
# 2 cores) and the seed (target: under 20 ms whole process), side by side with
# baselines run in the same script, alternating, best of N.
#
# Usage: benches/lint.sh [N]                  (needs ../shared; builds paragraf)
#        BASELINE=/path/to/old/paragraf benches/lint.sh
#            also runs an older build alternately with this one (ratio new/old)
#        INSTR=1 benches/lint.sh
#            also counts instructions (valgrind's callgrind) over every 20th corpus
#            file: deterministic, for machines whose speed drifts between runs
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/paragraf-target}"
corpus=../shared/corpus/bund
seed=$(ls ../shared/seeds/*.txt 2>/dev/null | head -1 || true)
[ -d "$corpus" ] || { echo "skipped: $corpus not found"; exit 0; }
n=${1:-5}
cargo build --release -q
bin="$CARGO_TARGET_DIR/release/paragraf"
base=${BASELINE:-}

# one run of a command line: wall seconds, user+sys seconds, peak RSS KiB
# (through `sh -c "exec …"`, the baselines alike)
once() {
  local tf t0 t1
  tf=$(mktemp)
  t0=$(date +%s.%N)
  /usr/bin/time -o "$tf" -f "%U %S %M" sh -c "exec $1" >/dev/null 2>&1 || true
  t1=$(date +%s.%N)
  # (time's last line: it writes "Command exited with non-zero status 1" before it)
  tail -1 "$tf" | awk -v a="$t0" -v b="$t1" '{printf "%.4f %.2f %d\n", b-a, $1+$2, $3}'
  rm -f "$tf"
}

# best of n for each (label, command line) pair, taking turns so that a drift of
# the machine's speed hits all alike; the best wall times go to $tmp.K
tmp="${TMPDIR:-/tmp}/paragraf-lint-bench"
best() {
  local -a labels=() cmds=() bt=() bc=() bm=()
  while [ $# -gt 0 ]; do labels+=("$1"); cmds+=("$2"); shift 2; done
  for k in "${!cmds[@]}"; do bt[k]=999999; done
  for _ in $(seq "$n"); do
    for k in "${!cmds[@]}"; do
      read -r t c m < <(once "${cmds[k]}")
      if awk "BEGIN{exit !($t < ${bt[k]})}"; then bt[k]=$t; bc[k]=$c; bm[k]=$m; fi
    done
  done
  for k in "${!cmds[@]}"; do
    printf '%-34s %8.3f s wall %7.2f s cpu %7.1f MiB\n' "${labels[k]}" "${bt[k]}" "${bc[k]}" \
      "$(awk -v m="${bm[k]}" 'BEGIN{print m/1024}')"
    echo "${bt[k]}" >"$tmp.$k"
  done
}
t() { cat "$tmp.$1"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2fx", a/b}'; }

echo "corpus: $(ls "$corpus"/*.md | wc -l) files, $(du -cb "$corpus"/*.md | tail -1 | awk '{printf "%.1f MB", $1/1e6}'), $(nproc) cores, best of $n"
cat_cmd="cat $corpus/*.md | wc -l"
if [ -n "$base" ]; then
  best "baseline: cat | wc -l" "$cat_cmd" "paragraf parse --stats" "$bin parse --stats $corpus" \
    "paragraf lint (corpus)" "$bin lint $corpus" "baseline build: lint (corpus)" "$base lint $corpus"
  echo "lint / baseline build: $(ratio "$(t 2)" "$(t 3)")"
else
  best "baseline: cat | wc -l" "$cat_cmd" "paragraf parse --stats" "$bin parse --stats $corpus" \
    "paragraf lint (corpus)" "$bin lint $corpus"
fi
echo "lint / cat: $(ratio "$(t 2)" "$(t 0)"), lint / parse: $(ratio "$(t 2)" "$(t 1)"); target: lint under 6 s wall"

if [ -n "$seed" ]; then
  n=$((n * 4))
  best "baseline: cat (seed)" "cat $seed" "paragraf lint (seed)" "$bin lint $seed"
  echo "seed lint: $(awk -v a="$(t 1)" 'BEGIN{printf "%.1f ms", a*1000}'); target: under 20 ms"
fi

if [ "${INSTR:-}" = 1 ] && command -v valgrind >/dev/null 2>&1; then
  sample="${TMPDIR:-/tmp}/paragraf-lint-sample"
  rm -rf "$sample" && mkdir -p "$sample"
  ls "$corpus"/*.md | awk 'NR % 20 == 7' | xargs -I{} cp {} "$sample/"
  # (lint exits 1 when it finds errors: not a failure here)
  count() { { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null || true; } | awk '/refs:/{gsub(",","",$NF); print $NF}'; }
  ni=$(count "$bin" lint "$sample")
  echo "instructions, lint of $(ls "$sample" | wc -l) corpus files: $(awk -v a="$ni" 'BEGIN{printf "%.3f G", a/1e9}')"
  if [ -n "$base" ]; then
    bi=$(count "$base" lint "$sample")
    echo "baseline build: $(awk -v a="$bi" 'BEGIN{printf "%.3f G", a/1e9}'), new / baseline: $(ratio "$ni" "$bi")"
  fi
fi
