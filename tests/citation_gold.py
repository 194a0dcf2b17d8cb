#!/usr/bin/env python3
"""Score citation extraction against the hand-annotated gold standard.

    python3 tests/citation_gold.py --paragraf PATH_TO_BINARY [--refex] [--min-f1 X]

The gold (tests/fixtures/citations-gold/gold.jsonl) holds sentences taken
verbatim from federal laws, each with every citation of another law or EU
act marked by its character span (the convention is in the README beside
it). For each system this prints exact-span precision, recall and F1, a
relaxed score (a gold citation counts as found when a predicted span
overlaps it), recall by form, and the misses and false positives grouped
by the kind of error, with examples.

paragraf: each sentence is written into a small law file (the law's title,
"§ 1", the sentence) and read with `paragraf refs FILE --json`; its
predictions are the citations on the sentence's line whose scope is not
internal or relative.

--refex: the open extractor legal-reference-extraction (import name refex,
`pip install legal-reference-extraction`), its law references only.

The exit status is 0 (this is a measurement), unless --min-f1 X is given and
paragraf's exact F1 is below X; then it is 1.
"""

import argparse
import collections
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
GOLD = os.path.join(HERE, "fixtures", "citations-gold", "gold.jsonl")
SENTENCE_LINE = 5  # title, blank, "§ 1", blank, the sentence


def load_gold(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


# ---------------------------------------------------------------- systems

def locate(sentence, text, guess):
    """Character offsets of a predicted `text` in `sentence`, nearest `guess`."""
    if guess is not None and sentence[guess:guess + len(text)] == text:
        return guess, guess + len(text)
    hits = [m.start() for m in re.finditer(re.escape(text), sentence)]
    if not hits:  # whitespace may be normalised in the reported text
        pattern = r"\s+".join(re.escape(t) for t in text.split())
        hits_m = list(re.finditer(pattern, sentence))
        if not hits_m:
            return None
        best = min(hits_m, key=lambda m: abs(m.start() - (guess or 0)))
        return best.start(), best.end()
    best = min(hits, key=lambda h: abs(h - (guess or 0)))
    return best, best + len(text)


def paragraf_predict(binary, records, jobs=2):
    tmp = tempfile.mkdtemp(prefix="citation-gold-")

    def one(i_rec):
        i, rec = i_rec
        d = os.path.join(tmp, str(i))
        os.makedirs(d, exist_ok=True)
        path = os.path.join(d, rec["law"])
        head = f"{rec.get('title') or 'Gesetz'}\n\n§ 1\n\n"
        with open(path, "w", encoding="utf-8") as f:
            f.write(head + rec["text"] + "\n")
        proc = subprocess.run([binary, "refs", path, "--json"], capture_output=True, text=True)
        try:
            refs = json.loads(proc.stdout or "[]")
        except json.JSONDecodeError:
            print(f"paragraf: no JSON for {rec['law']}:{rec['line']}: {proc.stderr.strip()[:200]}",
                  file=sys.stderr)
            return []
        head_bytes = len(head.encode("utf-8"))
        sent_bytes = rec["text"].encode("utf-8")
        preds = []
        for r in refs:
            scope = (r.get("scope") or {}).get("type")
            if scope in ("internal", "relative"):
                continue
            guess = None
            span = r.get("span")
            if isinstance(span, dict) and "start" in span:
                line = span.get("line", SENTENCE_LINE)
                b = span["start"] - head_bytes
                if 0 <= b <= len(sent_bytes):
                    guess = len(sent_bytes[:b].decode("utf-8", errors="ignore"))
            else:
                line = r.get("line", SENTENCE_LINE)
                if r.get("column"):
                    guess = r["column"] - 1
            if line != SENTENCE_LINE:
                continue  # e.g. a law named in the title line
            loc = locate(rec["text"], r.get("text", ""), guess)
            if loc is None:
                print(f"paragraf: cannot place {r.get('text')!r} in {rec['law']}:{rec['line']}",
                      file=sys.stderr)
                continue
            preds.append(loc)
        return sorted(set(preds))

    try:
        with ThreadPoolExecutor(max_workers=jobs) as ex:
            return list(ex.map(one, enumerate(records)))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def refex_predict(records):
    try:
        from refex.extractor import RefExtractor
    except ImportError:
        sys.exit("--refex needs `pip install legal-reference-extraction` (import name refex)")
    import logging
    logging.disable(logging.WARNING)
    ex = RefExtractor()
    ex.do_case_refs = False
    out = []
    for rec in records:
        _, markers = ex.extract(rec["text"])
        out.append(sorted({(m.start, m.end) for m in markers}))
    return out


# ---------------------------------------------------------------- scoring

def overlaps(a, b):
    return a[0] < b[1] and b[0] < a[1]


def miss_class(g, preds):
    """What went wrong with gold span g, given the predictions of its sentence."""
    over = [p for p in preds if overlaps(p, g)]
    if not over:
        return "not found"
    if len(over) > 1:
        return "split into several citations"
    p = over[0]
    if p[0] == g[0]:
        return "ends early (designation or qualifier lost)" if p[1] < g[1] else "ends late"
    if p[1] == g[1]:
        return "starts late (list or chain head lost)" if p[0] > g[0] else "starts early"
    if p[0] > g[0] and p[1] < g[1]:
        return "inside the citation (both ends cut)"
    return "both ends wrong"


def fp_class(p, golds):
    over = [g for g in golds if overlaps(p, g)]
    if not over:
        return "no gold citation there"
    if len(over) > 1:
        return "merges several gold citations"
    return "boundary differs from gold"


EU_ACT = re.compile(r"\((?:EG|EU|EWG|EURATOM)\)|\d+/\d+/(?:EG|EU|EWG)\b")
TREATY = re.compile(r"Vertrages|Übereinkommens|Abkommens|Protokolls|Konvention")


def kind(text):
    """Coarse kind of a gold citation: EU act, treaty or German law."""
    if EU_ACT.search(text):
        return "EU act"
    if TREATY.search(text):
        return "treaty"
    return "German law"


def prf(tp_p, n_p, tp_g, n_g):
    p = tp_p / n_p if n_p else 0.0
    r = tp_g / n_g if n_g else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score(records, predictions):
    n_gold = n_pred = exact = 0
    rel_g = rel_p = 0
    misses = collections.defaultdict(list)
    fps = collections.defaultdict(list)
    by_form = collections.defaultdict(lambda: [0, 0])
    by_kind = collections.defaultdict(lambda: [0, 0, 0])
    for rec, preds in zip(records, predictions):
        golds = [(c["start"], c["end"]) for c in rec["citations"]]
        gs, ps = set(golds), set(preds)
        n_gold += len(golds)
        n_pred += len(ps)
        exact += len(gs & ps)
        rel_g += sum(1 for g in golds if any(overlaps(g, p) for p in ps))
        rel_p += sum(1 for p in ps if any(overlaps(p, g) for g in golds))
        forms = rec.get("forms") or ["untagged"]
        for g in golds:
            k = by_kind[kind(rec["text"][g[0]:g[1]])]
            k[0] += 1
            k[1] += g in ps
            k[2] += any(overlaps(g, p) for p in ps)
            for form in forms:
                by_form[form][0] += 1
                by_form[form][1] += g in ps
            if g not in ps:
                got = [rec["text"][p[0]:p[1]] for p in ps if overlaps(p, g)]
                misses[miss_class(g, ps)].append((rec, rec["text"][g[0]:g[1]], got))
        for p in sorted(ps - gs):
            fps[fp_class(p, golds)].append((rec, rec["text"][p[0]:p[1]]))
    return {
        "gold": n_gold, "predicted": n_pred, "exact": exact,
        "exact_prf": prf(exact, n_pred, exact, n_gold),
        "relaxed_prf": prf(rel_p, n_pred, rel_g, n_gold),
        "misses": misses, "fps": fps, "by_form": by_form, "by_kind": by_kind,
    }


def report(name, s, show):
    p, r, f = s["exact_prf"]
    rp, rr, rf = s["relaxed_prf"]
    print(f"\n=== {name}")
    print(f"gold {s['gold']}, predicted {s['predicted']}, exact matches {s['exact']}")
    print(f"exact:   P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    print(f"relaxed: P {rp:.3f}  R {rr:.3f}  F1 {rf:.3f}  (overlap)")
    print("recall by kind of cited act (exact / overlap):")
    for k, (n, ok, ov) in sorted(s["by_kind"].items()):
        print(f"  {k:12} {ok:3}/{n:<3} {ok / n:.2f}  overlap {ov / n:.2f}")
    print("exact recall by form (a citation counts under each tag of its sentence):")
    for form, (n, ok) in sorted(s["by_form"].items(), key=lambda kv: (kv[1][1] / kv[1][0], kv[0])):
        print(f"  {form:12} {ok:3}/{n:<3} {ok / n:.2f}")
    print(f"misses (gold not found exactly): {sum(len(v) for v in s['misses'].values())}")
    for cls, items in sorted(s["misses"].items(), key=lambda kv: -len(kv[1])):
        print(f"  [{len(items)}] {cls}")
        for rec, gold, got in items[:show]:
            extra = f"  -> got {' | '.join(repr(g) for g in got)}" if got else ""
            tags = ",".join(rec.get("forms") or [])
            print(f"      {rec['law']}:{rec['line']} [{tags}]  {gold!r}{extra}")
    print(f"false positives: {sum(len(v) for v in s['fps'].values())}")
    for cls, items in sorted(s["fps"].items(), key=lambda kv: -len(kv[1])):
        print(f"  [{len(items)}] {cls}")
        for rec, text in items[:show]:
            print(f"      {rec['law']}:{rec['line']}  {text!r}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--paragraf", help="path to the paragraf binary")
    ap.add_argument("--refex", action="store_true", help="also score legal-reference-extraction")
    ap.add_argument("--gold", default=GOLD)
    ap.add_argument("--min-f1", type=float, help="exit 1 if paragraf's exact F1 is below this")
    ap.add_argument("--show", type=int, default=5, help="examples per error class (default 5)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--json", metavar="FILE", help="also write the scores and all errors as JSON")
    args = ap.parse_args()
    records = load_gold(args.gold)
    laws = {r["law"] for r in records}
    print(f"gold: {len(records)} sentences from {len(laws)} laws, "
          f"{sum(len(r['citations']) for r in records)} citations, "
          f"{sum(1 for r in records if not r['citations'])} sentences without one")
    results = {}
    if args.paragraf:
        results["paragraf"] = score(records, paragraf_predict(args.paragraf, records, args.jobs))
    if args.refex:
        results["refex (legal-reference-extraction)"] = score(records, refex_predict(records))
    if not results:
        ap.error("give --paragraf PATH and/or --refex")
    for name, s in results.items():
        report(name, s, args.show)
    print("\nsummary                               exact P/R/F1          relaxed P/R/F1")
    for name, s in results.items():
        e, x = s["exact_prf"], s["relaxed_prf"]
        print(f"  {name:35} {e[0]:.3f} {e[1]:.3f} {e[2]:.3f}    {x[0]:.3f} {x[1]:.3f} {x[2]:.3f}")
    if args.json:
        dump = {}
        for name, s in results.items():
            dump[name] = {
                "gold": s["gold"], "predicted": s["predicted"], "exact": s["exact"],
                "exact_prf": s["exact_prf"], "relaxed_prf": s["relaxed_prf"],
                "by_form": {f: {"gold": n, "exact": ok} for f, (n, ok) in s["by_form"].items()},
                "by_kind": {k: {"gold": n, "exact": ok, "overlap": ov} for k, (n, ok, ov) in s["by_kind"].items()},
                "misses": {c: [{"law": r["law"], "line": r["line"], "gold": g, "got": got}
                               for r, g, got in items] for c, items in s["misses"].items()},
                "false_positives": {c: [{"law": r["law"], "line": r["line"], "text": t}
                                        for r, t in items] for c, items in s["fps"].items()},
            }
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(dump, f, ensure_ascii=False, indent=1)
    if args.min_f1 is not None and "paragraf" in results:
        f1 = results["paragraf"]["exact_prf"][2]
        if f1 < args.min_f1:
            print(f"paragraf exact F1 {f1:.3f} is below --min-f1 {args.min_f1}")
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
