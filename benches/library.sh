#!/usr/bin/env bash
# One law linted with the federal corpus as its [library], against the same
# law without a library, side by side (best of N each, alternating): the
# library's cost is the index (cached after the first run) and the parse of
# each cited law.  Usage: benches/library.sh [N]   (needs ../shared/corpus)
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-9}"
bin="${PARAGRAF:-${CARGO_TARGET_DIR:-target}/release/paragraf}"
corpus="$(cd ../shared/corpus/bund && pwd)"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
for kind in with without; do
  mkdir -p "$work/$kind/laws"
  { cat laws/gesetz-vii.txt; printf '\n§ 99 Haftung\n\n(1) § 823 Absatz 5 BGB und § 263 StGB bleiben unberührt.\n'; } > "$work/$kind/laws/g.txt"
  printf '[[law]]\nfile = "laws/g.txt"\n' > "$work/$kind/paragraf.toml"
done
printf '\n[library]\nbund = "%s"\n' "$corpus" >> "$work/with/paragraf.toml"
export XDG_CACHE_HOME="$work/cache"
"$bin" lint "$work/with/laws/g.txt" >/dev/null 2>&1 || true   # builds the index cache
best() { python3 -c 'import sys; print(min(float(x) for x in sys.argv[1:]))' "$@"; }
w=(); o=()
for _ in $(seq "$n"); do
  for kind in with without; do
    s=$(date +%s.%N); "$bin" lint "$work/$kind/laws/g.txt" >/dev/null 2>&1 || true; e=$(date +%s.%N)
    t=$(python3 -c "print($e-$s)")
    if [ "$kind" = with ]; then w+=("$t"); else o+=("$t"); fi
  done
done
bw=$(best "${w[@]}"); bo=$(best "${o[@]}")
python3 -c "print(f'lint of one law: with library {$bw*1000:.1f} ms, without {$bo*1000:.1f} ms, ratio {$bw/$bo:.2f}')"
