#!/usr/bin/env python3
"""Write a plain Typst document of a law, for benches/pdf.sh.

Reads `paragraf parse --json` on stdin and writes a .typ file with the same
text as a plain Typst document: headings (Typst's own, with an outline) and
paragraphs, a marker and its text as one paragraph ("(1) Der Schuldner ..."),
on the same page (A4, margins, fonts, sizes, justified and hyphenated, a footer
with page numbers), every text a string literal: no JSON, no template, none of
paragraf's layout (centered unit headings, hanging markers, links, running
header). This is the baseline of benches/pdf.sh: what Typst needs for the text
alone.

With --layout it writes paragraf's layout of templates/gesetz.typ instead, as
plain Typst (to tell Typst's share of `paragraf pdf` from paragraf's own).
With --no-outline it leaves out the outline (the Inhaltsübersicht Typst makes
of the headings, which paragraf prints for a law without one of its own).
"""
import json
import sys

GLIED = {
    "buch": 1, "teil": 1, "unterteil": 2, "kapitel": 2, "unterkapitel": 3, "abschnitt": 3,
    "unterabschnitt": 4, "titel": 4, "untertitel": 5, "gliederung": 3, "ueberschrift": 4,
}
MARKER = {"absatz": 2.2, "nummer": 1.8, "buchstabe": 1.6, "doppelbuchstabe": 2.0, "listenpunkt": 1.2}  # em


def lit(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def sentences(n):
    return " ".join(c.get("text", "") for c in n.get("children", []) if c["kind"] == "satz")


def head(n):
    parts = [n.get("marker") or "", n.get("title") or ""]
    return " ".join(p for p in parts if p)


out = []
w = out.append


LAYOUT = "--layout" in sys.argv[1:]


def render(n, ind=0.0):
    k = n["kind"]
    kids = n.get("children", [])
    if not LAYOUT and (k in GLIED or k in ("paragraf", "artikel", "anhang", "anlage")):
        w(f"#heading(level: {min(GLIED.get(k, 5), 6)}, {lit(head(n))})\n\n")
        for c in kids:
            render(c)
    elif not LAYOUT and k in MARKER:
        m = n.get("marker") or ("–" if k == "listenpunkt" else "")
        w(f"#{lit(m + ' ' + sentences(n))}\n\n")
        for c in kids:
            if c["kind"] != "satz":
                render(c)
    elif k in GLIED or k in ("paragraf", "artikel", "anhang", "anlage"):
        lvl = min(GLIED.get(k, 5), 6)
        w(f"#block(above: 1.3em, below: 0.6em, breakable: false, width: 100%, align(center, "
          f"text(weight: \"bold\", heading(level: {lvl}, {lit(head(n))}))))\n")
        for c in kids:
            render(c)
    elif k in MARKER:
        wd = MARKER[k]
        m = n.get("marker") or ("–" if k == "listenpunkt" else "")
        w(f"#par(spacing: 0.55em, hanging-indent: {ind + wd}em, first-line-indent: (amount: {ind}em, all: true))"
          f"[#box(width: {wd}em, {lit(m)})#{lit(sentences(n))}]\n")
        for c in kids:
            if c["kind"] != "satz":
                render(c, ind + wd)
    elif k == "satz":
        w(f"#{lit(n.get('text', ''))}\n")
    elif k == "zeile":
        w(f"#{lit(' | '.join(n.get('cells', [])))}\n\n")
    else:
        for f in ("marker", "title", "text"):
            if n.get(f):
                w(f"#{lit(n[f])}\n\n")
        t = sentences(n)
        if t and LAYOUT:
            w(f"#par(spacing: 0.55em, hanging-indent: {ind}em, first-line-indent: (amount: {ind}em, all: true), {lit(t)})\n")
        elif t:
            w(f"#{lit(t)}\n\n")
        for c in kids:
            if c["kind"] != "satz":
                render(c, ind)


doc = json.load(sys.stdin)
w('#set text(lang: "de", region: "DE", font: ("Libertinus Serif", "New Computer Modern"), size: 10.5pt, hyphenate: true)\n')
w("#set par(justify: true, leading: 0.62em, spacing: 0.62em)\n")
if LAYOUT:
    w("#show heading: it => it.body\n")
w('#set page(paper: "a4", margin: (top: 2.6cm, bottom: 2.4cm, x: 2.3cm), '
  'footer: context align(center, text(size: 8.5pt, "Seite " + str(counter(page).get().first()) + " von " + str(counter(page).final().first()))))\n')
w(f"#align(center, text(size: 17pt, weight: \"bold\", {lit(doc.get('title') or 'Gesetz')}))\n")
if "--no-outline" not in sys.argv[1:]:
    w("#outline(title: none, depth: 6, indent: 1em)\n")
for c in doc["root"].get("children", []):
    render(c)
sys.stdout.write("".join(out))
