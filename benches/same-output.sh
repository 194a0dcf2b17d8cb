#!/usr/bin/env bash
# Same behaviour as another build: runs two paragraf binaries over the same
# inputs and compares their outputs byte for byte (for refactorings).
#   benches/same-output.sh OLD_BINARY [NEW_BINARY]
# Compares: lint --format json over ../shared/corpus/bund (all files), parse
# --json and refs --json of the seed, bgb.md and every 50th corpus file, diff
# --json and diff --amendments of the 53 history pairs and the shipped laws,
# amend of the shipped amending law, fmt of the seed, the LegalDocML.de
# export of the seed and the BGB excerpt.
set -uo pipefail
cd "$(dirname "$0")/.."
old=$1
new=${2:-${CARGO_TARGET_DIR:-$HOME/.cache/paragraf-target}/release/paragraf}
corpus=../shared/corpus
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
same() { # name, then the arguments
  local name=$1; shift
  "$old" "$@" >"$tmp/a" 2>"$tmp/ae"; local ra=$?
  "$new" "$@" >"$tmp/b" 2>"$tmp/be"; local rb=$?
  if [ $ra != $rb ] || ! cmp -s "$tmp/a" "$tmp/b" || ! cmp -s "$tmp/ae" "$tmp/be"; then
    echo "DIFFERENT: $name (exit $ra vs $rb)"; fail=1
    diff <(head -c 2000 "$tmp/a") <(head -c 2000 "$tmp/b") | head -10
    diff <(head -c 2000 "$tmp/ae") <(head -c 2000 "$tmp/be") | head -10
  fi
  count=$((count + 1))
}
count=0
seed=laws/gesetz-vii.txt
for f in $seed tests/fixtures/vires/gesetz-vii-2026-03-01.txt; do
  same "parse $f" parse --json "$f"; same "refs $f" refs --json "$f"; same "fmt $f" fmt --check "$f"
done
same "lint laws" lint laws --format json
same "diff laws" diff --json laws/gesetz-vii.txt tests/fixtures/vires/gesetz-vii-2026-03-01.txt
same "amendments laws" diff --amendments laws/gesetz-vii.txt tests/fixtures/vires/gesetz-vii-2026-03-01.txt
same "amend laws" amend laws/gesetz-vii.txt laws/aenderung-gesetz-vii-2026.txt -o /dev/stdout
# LegalDocML.de export: the files written
for f in $seed tests/fixtures/bgb-excerpt.md; do
  mkdir -p "$tmp/xa" "$tmp/xb"
  "$old" export "$f" --legaldocml -o "$tmp/xa/out.xml" >/dev/null 2>&1
  "$new" export "$f" --legaldocml -o "$tmp/xb/out.xml" >/dev/null 2>&1
  if ! diff -r "$tmp/xa" "$tmp/xb" >/dev/null; then echo "DIFFERENT: export $f"; fail=1; fi
  rm -rf "$tmp/xa" "$tmp/xb"
  count=$((count + 1))
done
if [ -d "$corpus" ]; then
  same "lint corpus" lint "$corpus/bund" --format json
  for f in $(ls "$corpus"/bund/*.md | awk 'NR % 50 == 1') "$corpus/bund/bgb.md"; do
    same "parse $f" parse --json "$f"; same "refs $f" refs --json "$f"
  done
  for d in "$corpus"/history/*/; do
    same "diff $d" diff --json "$d/old.md" "$d/new.md"
    same "amendments $d" diff --amendments "$d/old.md" "$d/new.md"
  done
fi
echo "$count comparisons, $([ $fail = 0 ] && echo 'all identical' || echo 'some differ')"
exit $fail
