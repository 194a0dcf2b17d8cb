#!/usr/bin/env python3
"""Extract the version pairs of tests/history-pairs.tsv from a git copy of
bundestag/gesetze into OUT/NNN-slug/{old.md,new.md,meta.toml}, the layout of
../shared/corpus/history, so that tests/corpus.rs can run its round trips over
them (PARAGRAF_HISTORY_EXTRA=OUT).

usage: history_pairs.py GIT_DIR OUT
"""
import os
import subprocess
import sys


def blob(git, commit, path):
    return subprocess.run(
        ["git", "--git-dir", git, "show", f"{commit}:{path}"],
        check=True,
        capture_output=True,
    ).stdout


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    git, out = sys.argv[1], sys.argv[2]
    here = os.path.dirname(os.path.abspath(__file__))
    listing = os.path.join(here, "..", "tests", "history-pairs.tsv")
    n = 0
    for line in open(listing, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        new, old, path, old_date, new_date, cls, subject = line.rstrip("\n").split("\t")
        n += 1
        slug = path.split("/")[1]
        d = os.path.join(out, f"{n:03}-{slug}")
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "old.md"), "wb") as f:
            f.write(blob(git, old, path))
        with open(os.path.join(d, "new.md"), "wb") as f:
            f.write(blob(git, new, path))
        with open(os.path.join(d, "meta.toml"), "w", encoding="utf-8") as f:
            f.write(
                f'law = "{slug}"\nold_date = "{old_date}"\nnew_date = "{new_date}"\n'
                f'commit = "{new}"\nold_commit = "{old}"\nclass = "{cls}"\n'
                f'amended_by = "{subject}"\n'
            )
    print(f"{n} pairs extracted to {out}")


if __name__ == "__main__":
    main()
