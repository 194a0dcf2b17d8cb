#!/usr/bin/env python3
"""Write a plain Typst document of a law, for benches/pdf.sh.

Reads `paragraf parse --json` on stdin and writes a .typ file that lays out the
same text the way templates/gesetz.typ does (A4, the same fonts and sizes,
centered unit headings with an outline, hanging markers, justified and
hyphenated paragraphs, a running footer with page numbers), but as one plain
Typst document with every text as a string literal: no JSON, no template.
"""
import json
import sys

GLIED = {
    "buch": 1, "teil": 1, "unterteil": 2, "kapitel": 2, "unterkapitel": 3, "abschnitt": 3,
    "unterabschnitt": 4, "titel": 4, "untertitel": 5, "gliederung": 3, "ueberschrift": 4,
}
MARKER = {"absatz": "2.2em", "nummer": "1.8em", "buchstabe": "1.6em", "doppelbuchstabe": "2.0em", "listenpunkt": "1.2em"}


def lit(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def sentences(n):
    return " ".join(c.get("text", "") for c in n.get("children", []) if c["kind"] == "satz")


def head(n):
    parts = [n.get("marker") or "", n.get("title") or ""]
    return " ".join(p for p in parts if p)


out = []
w = out.append


def render(n):
    k = n["kind"]
    kids = n.get("children", [])
    if k in GLIED or k in ("paragraf", "artikel", "anhang", "anlage"):
        lvl = min(GLIED.get(k, 5), 6)
        w(f"#block(above: 1.3em, below: 0.6em, breakable: false, width: 100%, align(center, "
          f"text(weight: \"bold\", heading(level: {lvl}, {lit(head(n))}))))\n")
        for c in kids:
            render(c)
    elif k in MARKER:
        wd = MARKER[k]
        m = n.get("marker") or ("–" if k == "listenpunkt" else "")
        w(f"#block(above: 0.55em, below: 0.55em, inset: (left: {wd}))[#h(-{wd})#box(width: {wd}, {lit(m)})#{lit(sentences(n))}")
        for c in kids:
            if c["kind"] != "satz":
                render(c)
        w("]\n")
    elif k == "satz":
        w(f"#{lit(n.get('text', ''))}\n")
    elif k == "zeile":
        w(f"#{lit(' | '.join(n.get('cells', [])))}\n\n")
    else:
        for f in ("marker", "title", "text"):
            if n.get(f):
                w(f"#{lit(n[f])}\n\n")
        t = sentences(n)
        if t:
            w(f"#block(above: 0.55em, below: 0.55em, {lit(t)})\n")
        for c in kids:
            if c["kind"] != "satz":
                render(c)


doc = json.load(sys.stdin)
w('#set text(lang: "de", region: "DE", font: ("Libertinus Serif", "New Computer Modern"), size: 10.5pt, hyphenate: true)\n')
w("#set par(justify: true, leading: 0.62em, spacing: 0.62em)\n")
w("#show heading: it => it.body\n")
w('#set page(paper: "a4", margin: (top: 2.6cm, bottom: 2.4cm, x: 2.3cm), '
  'footer: context align(center, text(size: 8.5pt, "Seite " + str(counter(page).get().first()) + " von " + str(counter(page).final().first()))))\n')
w(f"#align(center, text(size: 17pt, weight: \"bold\", {lit(doc.get('title') or 'Gesetz')}))\n")
w("#outline(title: none, depth: 6, indent: 1em)\n")
for c in doc["root"].get("children", []):
    render(c)
sys.stdout.write("".join(out))
