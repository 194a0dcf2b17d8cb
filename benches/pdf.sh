#!/usr/bin/env bash
# PDF benchmark, side by side: `paragraf pdf bgb.md` against typst-cli 0.15.1
# compiling the same text as a plain Typst document (benches/plain_typst.py:
# headings and paragraphs on the same page, fonts and sizes, with an outline;
# every text a string literal), and, for Typst's share of paragraf's time,
# paragraf's layout written as plain Typst (plain_typst.py --layout).
# Runs alternate (this machine's speed drifts), best of N each.
# Also: the seed, whole-process. Usage: benches/pdf.sh [N]   (needs ../shared/corpus)
# BASELINE=path/to/older/paragraf: that build takes its turn too (before/after in one run).
# PARAGRAF=path/to/paragraf: measure that build (no cargo build).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/paragraf-target}"
n=${1:-3}
bgb=../shared/corpus/bund/bgb.md
[ -f "$bgb" ] || { echo "skipped: $bgb not found"; exit 0; }
if ! typst --version 2>/dev/null | grep -q '^typst 0.15.1'; then
  echo "installing typst-cli 0.15.1 (about 20 minutes)"
  cargo install typst-cli --version 0.15.1 --locked
fi
if [ -z "${PARAGRAF:-}" ]; then cargo build --release -q; fi
bin="${PARAGRAF:-$CARGO_TARGET_DIR/release/paragraf}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" parse --json "$bgb" 2>/dev/null > "$tmp/bgb.json"
python3 benches/plain_typst.py < "$tmp/bgb.json" > "$tmp/bgb.typ"
python3 benches/plain_typst.py --layout < "$tmp/bgb.json" > "$tmp/layout.typ"
python3 benches/plain_typst.py --no-outline < "$tmp/bgb.json" > "$tmp/bare.typ"
# paragraf without the Inhaltsübersicht Typst makes (as for a law with its own)
cp -r templates "$tmp/tpl"
sed -i 's/if data.at("toc", default: true) {/if false {/' "$tmp/tpl/gesetz.typ"

run() { # prints "seconds KiB"
  local tf; tf=$(mktemp)
  local t0 t1; t0=$(date +%s.%N)
  /usr/bin/time -o "$tf" -f "%M" "$@" >/dev/null 2>&1
  t1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" -v m="$(tail -1 "$tf")" 'BEGIN{printf "%.3f %d\n", b-a, m}'
  rm -f "$tf"
}
best() { sort -n | head -1; }

: > "$tmp/p"; : > "$tmp/c"; : > "$tmp/l"; : > "$tmp/pb"; : > "$tmp/cb"; : > "$tmp/o"
for _ in $(seq "$n"); do
  if [ -n "${BASELINE:-}" ]; then run "$BASELINE" pdf "$bgb" -o "$tmp/o.pdf" >> "$tmp/o"; fi
  run "$bin" pdf "$bgb" -o "$tmp/p.pdf" >> "$tmp/p"
  run typst compile --ignore-system-fonts "$tmp/bgb.typ" "$tmp/c.pdf" >> "$tmp/c"
  run typst compile --ignore-system-fonts "$tmp/layout.typ" "$tmp/l.pdf" >> "$tmp/l"
  run "$bin" pdf "$bgb" --template "$tmp/tpl" -o "$tmp/pb.pdf" >> "$tmp/pb"
  run typst compile --ignore-system-fonts "$tmp/bare.typ" "$tmp/cb.pdf" >> "$tmp/cb"
done
read -r pt pm < <(best < "$tmp/p")
read -r ct cm < <(best < "$tmp/c")
read -r lt lm < <(best < "$tmp/l")
read -r pbt pbm < <(best < "$tmp/pb")
read -r cbt cbm < <(best < "$tmp/cb")
pp=$(pdfinfo "$tmp/p.pdf" 2>/dev/null | awk '/^Pages/{print $2}' || echo "?")
cp=$(pdfinfo "$tmp/c.pdf" 2>/dev/null | awk '/^Pages/{print $2}' || echo "?")
awk -v pt="$pt" -v pm="$pm" -v ct="$ct" -v cm="$cm" -v pp="$pp" -v cp="$cp" 'BEGIN{
  printf "bgb.md: typst-cli %.2f s %.0f MiB (%s pages) | paragraf pdf %.2f s %.0f MiB (%s pages) | %.2fx time, %.2fx memory\n",
    ct, cm/1024, cp, pt, pm/1024, pp, pt/ct, pm/cm }'
awk -v pt="$pbt" -v pm="$pbm" -v ct="$cbt" -v cm="$cbm" 'BEGIN{
  printf "without the outline in both: typst-cli %.2f s %.0f MiB | paragraf pdf %.2f s %.0f MiB | %.2fx time, %.2fx memory\n",
    ct, cm/1024, pt, pm/1024, pt/ct, pm/cm }'
if [ -n "${BASELINE:-}" ]; then
  read -r ot om < <(best < "$tmp/o")
  awk -v t="$ot" -v m="$om" -v ct="$ct" -v cm="$cm" 'BEGIN{
    printf "baseline (%s): paragraf pdf %.2f s %.0f MiB | %.2fx time, %.2fx memory\n", ENVIRON["BASELINE"], t, m/1024, t/ct, m/cm }'
fi
awk -v lt="$lt" -v lm="$lm" -v pt="$pt" 'BEGIN{
  printf "         typst-cli on paragraf'"'"'s layout as plain Typst %.2f s %.0f MiB: paragraf'"'"'s own share %.2fx\n", lt, lm/1024, pt/lt }'
: > "$tmp/s"
for _ in $(seq 5); do run "$bin" pdf laws/gesetz-vii.txt -o "$tmp/s.pdf" >> "$tmp/s"; done
read -r st sm < <(best < "$tmp/s")
awk -v t="$st" -v m="$sm" 'BEGIN{printf "seed: paragraf pdf %.3f s %.0f MiB\n", t, m/1024}'
