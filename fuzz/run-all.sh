#!/usr/bin/env bash
# Runs every fuzz target for SECONDS (default 1800) one after another and
# prints the executions per target. Corpora live outside the clone.
# Usage: fuzz/run-all.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-1800}; shift || true
targets=("$@"); [ ${#targets[@]} -gt 0 ] || targets=(parse refs diff amend import)
cache=${PARAGRAF_FUZZ_CACHE:-$HOME/.cache/paragraf-fuzz}
export CARGO_TARGET_DIR=$cache/target
mkdir -p "$cache/logs"
cargo +nightly fuzz build -O
for t in "${targets[@]}"; do
  case $t in parse) c=corpus-parse ;; refs) c=corpus-refs ;; *) c=$t ;; esac
  mkdir -p "$cache/$c"
  seeds=(../laws ../tests/fixtures ../tests/hostile)
  log=$cache/logs/$t.log
  start=$(date +%s)
  if cargo +nightly fuzz run -O "$t" "$cache/$c" "${seeds[@]}" -- \
       -max_total_time="$secs" -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 >"$log" 2>&1; then
    status=ok
  else
    status=FAILED
  fi
  end=$(date +%s)
  execs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' || echo '?')
  echo "$t: $status, $((end - start)) s, $execs executions (log: $log)"
done
