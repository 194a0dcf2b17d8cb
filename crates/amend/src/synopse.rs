//! The three-column Synopse: bisherige Fassung | neue Fassung |
//! Änderungsbefehl, row by row. Each command stands beside the units of the
//! §, Artikel or annex it changes, links to them, and they link back;
//! unchanged units can be folded away; one section per law of a
//! Mantelgesetz. As HTML (landscape when printed) and as the data of the
//! Typst template `synopse.typ`.

use crate::generate::{unit_of, Numbered};
use diff::render::{esc, html_segs, renumbered_html, Row, RowState};
use serde::Serialize;

#[derive(Clone)]
/// One law of the amending law: its Artikel heading, the Synopse rows of
/// its two Fassungen and the numbered commands for it.
pub struct Section {
    /// The Artikel's heading ("Artikel 1 – Änderung des Gesetzes VII").
    pub heading: String,
    /// The Synopse rows of the law's old and new Fassung.
    pub rows: Vec<Row>,
    /// The Artikel's numbered commands.
    pub befehle: Vec<Numbered>,
}

/// A row with the commands beside it.
#[derive(Debug, Clone, Serialize)]
pub struct Zeile {
    /// The row of the two Fassungen.
    #[serde(flatten)]
    pub row: Row,
    /// The §, Artikel or annex the row belongs to.
    pub unit: String,
    /// The commands beside this row and the rows after it (`span` rows in
    /// all); `span` 0: the cell of an earlier row covers this one.
    pub befehle: Vec<Numbered>,
    /// How many rows, this one first, the cell of commands spans.
    pub span: usize,
}

/// The rows grouped by unit, each group with the commands for it; commands
/// whose unit has no row (the law as a whole) head the table.
pub fn zeilen(rows: Vec<Row>, befehle: &[Numbered]) -> Vec<Zeile> {
    let mut out: Vec<Zeile> = Vec::new();
    let mut used = vec![false; befehle.len()];
    let mut i = 0;
    let rows: Vec<(String, Row)> = rows
        .into_iter()
        .map(|r| (unit_of(&r.id).to_string(), r))
        .collect();
    // which units have rows at all
    let units: std::collections::HashSet<&str> = rows.iter().map(|(u, _)| u.as_str()).collect();
    let general: Vec<Numbered> = befehle
        .iter()
        .enumerate()
        .filter(|(_, b)| !units.contains(b.unit.as_str()))
        .map(|(k, b)| {
            used[k] = true;
            b.clone()
        })
        .collect();
    let mut first = true;
    while i < rows.len() {
        let unit = rows[i].0.clone();
        let n = rows[i..].iter().take_while(|(u, _)| *u == unit).count();
        let mut mine: Vec<Numbered> = Vec::new();
        for (k, b) in befehle.iter().enumerate() {
            if !used[k] && b.unit == unit {
                used[k] = true;
                mine.push(b.clone());
            }
        }
        if first {
            // the commands for the law as a whole stand in the first row
            mine.splice(0..0, general.iter().cloned());
            first = false;
        }
        for (j, (u, r)) in rows[i..i + n].iter().enumerate() {
            out.push(Zeile {
                row: r.clone(),
                unit: u.clone(),
                befehle: if j == 0 { mine.clone() } else { Vec::new() },
                span: if j == 0 { n } else { 0 },
            });
        }
        i += n;
    }
    out
}

/// The anchor of a unit, and of a command.
fn unit_anchor(s: usize, unit: &str) -> String {
    format!("s{s}-{}", if unit.is_empty() { "gesetz" } else { unit })
}

fn befehl_anchor(s: usize, nummer: &str) -> String {
    format!("s{s}-b{}", nummer.trim_end_matches('.'))
}

/// The Synopse as one HTML page.
pub fn html(title: &str, old_title: &str, new_title: &str, sections: Vec<Section>) -> String {
    let mut body = String::new();
    for (s, sec) in sections.into_iter().enumerate() {
        if !sec.heading.is_empty() {
            body.push_str(&format!("<h2>{}</h2>\n", esc(&sec.heading)));
        }
        body.push_str(&format!(
            "<table class=syn><thead><tr><th>{}</th><th>{}</th><th>Änderungsbefehl</th></tr></thead>\n",
            esc(old_title),
            esc(new_title)
        ));
        let zs = zeilen(sec.rows, &sec.befehle);
        let mut k = 0;
        while k < zs.len() {
            let span = zs[k].span.max(1);
            let group = &zs[k..(k + span).min(zs.len())];
            let same = group.iter().all(|z| z.row.state == RowState::Unchanged)
                && group[0].befehle.is_empty();
            body.push_str(&format!(
                "<tbody id=\"{}\" class=\"{}\">\n",
                esc(&unit_anchor(s, &group[0].unit)),
                if same { "same" } else { "chg" }
            ));
            for (j, z) in group.iter().enumerate() {
                body.push_str(&zeile_html(s, z, j == 0, group.len()));
            }
            body.push_str("</tbody>\n");
            k += span;
        }
        body.push_str("</table>\n");
    }
    page(title, &body)
}

/// The HTML page around the Synopse's tables.
fn page(title: &str, body: &str) -> String {
    format!(
        r#"<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>Synopse – {t}</title>
<style>
@page{{size:A4 landscape;margin:1.4cm}}
body{{font-family:Georgia,'Times New Roman',serif;margin:1.5em auto;max-width:100em;color:#111}}
h1{{font-size:1.3em;text-align:center}}
h2{{font-size:1.1em;margin-top:1.6em}}
label.fold{{font-family:sans-serif;font-size:.85em}}
table.syn{{border-collapse:collapse;width:100%;table-layout:fixed}}
th{{background:#eee;text-align:left;padding:.4em;border:1px solid #999}}
td{{vertical-align:top;padding:.35em .5em;border:1px solid #bbb;white-space:pre-wrap;overflow-wrap:anywhere}}
td.cmd{{background:#f7f7fb;font-size:.92em;font-weight:normal !important}}
div.befehl{{margin-bottom:.6em}}
div.befehl:target,tbody:target td{{outline:2px solid #36c}}
a.to{{font-family:sans-serif;font-size:.75em;color:#36c;text-decoration:none;white-space:nowrap}}
span.unv{{color:#777;font-style:italic}}
tr.gone td:first-child,del{{background:#fde2e2;text-decoration:line-through}}
ins{{background:#ddf4dd;text-decoration:none;font-weight:bold}}
tr.d0 td,tr.d1 td{{font-weight:bold}}
#fold:checked ~ table tbody.same{{display:none}}
@media print{{label.fold,#fold{{display:none}} a.to{{display:none}} thead{{display:table-header-group}} tr{{break-inside:avoid}}}}
</style></head><body>
<h1>Synopse: {t}</h1>
<input type=checkbox id=fold checked> <label class=fold for=fold>unveränderte Vorschriften ausblenden</label>
{body}</body></html>
"#,
        t = esc(title)
    )
}

/// One row of a unit's group (`first`: with the commands of all `rows`).
fn zeile_html(s: usize, z: &Zeile, first: bool, rows: usize) -> String {
    let mut out = String::new();
    let cls = format!("d{} {}", z.row.depth.min(6), state_class(z.row.state));
    // the first row links to the commands that change it
    let back: String = if first {
        z.befehle
            .iter()
            .map(|b| {
                format!(
                    " <a class=to href=\"#{}\">→ Nr. {}</a>",
                    esc(&befehl_anchor(s, &b.nummer)),
                    esc(&b.nummer)
                )
            })
            .collect()
    } else {
        String::new()
    };
    let (left, right) = match z.row.state {
        RowState::Unchanged => (
            html_segs(&z.row.left),
            "<span class=unv>unverändert</span>".to_string(),
        ),
        _ => (
            html_segs(&z.row.left),
            renumbered_html(&z.row) + &html_segs(&z.row.right),
        ),
    };
    out.push_str(&format!(
        "<tr class=\"{cls}\"><td>{left}{back}</td><td>{right}</td>"
    ));
    if first {
        let cmds: String = z
            .befehle
            .iter()
            .map(|b| {
                format!(
                    "<div class=befehl id=\"{}\"><a href=\"#{}\">{}</a> {}</div>",
                    esc(&befehl_anchor(s, &b.nummer)),
                    esc(&unit_anchor(s, &z.unit)),
                    esc(&b.nummer),
                    esc(b.text.strip_prefix(&b.nummer).unwrap_or(&b.text).trim())
                )
            })
            .collect();
        out.push_str(&format!("<td class=cmd rowspan={}>{cmds}</td>", rows));
    }
    out.push_str("</tr>\n");
    out
}

fn state_class(state: RowState) -> &'static str {
    match state {
        RowState::Unchanged => "same",
        RowState::Removed => "gone",
        RowState::Inserted => "new",
        RowState::Changed => "chg",
    }
}

/// The data of the Typst template `synopse.typ` with its third column.
pub fn typst_data(
    title: &str,
    old_title: &str,
    new_title: &str,
    sections: Vec<Section>,
) -> serde_json::Value {
    let sections: Vec<serde_json::Value> = sections
        .into_iter()
        .map(|s| {
            serde_json::json!({
                "heading": s.heading,
                "rows": zeilen(s.rows, &s.befehle),
            })
        })
        .collect();
    serde_json::json!({
        "title": title,
        "old_title": old_title,
        "new_title": new_title,
        "three": true,
        "sections": sections,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: &str, state: RowState) -> Row {
        Row {
            id: id.into(),
            left: Vec::new(),
            right: Vec::new(),
            state,
            depth: 1,
            renumbered: None,
        }
    }

    fn befehl(unit: &str, n: &str) -> Numbered {
        Numbered {
            unit: unit.into(),
            nummer: n.into(),
            text: format!("{n} …"),
        }
    }

    #[test]
    fn commands_stand_beside_their_units() {
        let rows = vec![
            row("para-1", RowState::Unchanged),
            row("para-2", RowState::Changed),
            row("para-2_abs-1", RowState::Changed),
            row("para-3", RowState::Inserted),
        ];
        let z = zeilen(
            rows,
            &[
                befehl("", "1."),
                befehl("para-2", "2."),
                befehl("para-3", "3."),
            ],
        );
        assert_eq!(z.iter().map(|z| z.span).collect::<Vec<_>>(), [1, 2, 0, 1]);
        // the command for the law as a whole heads the table
        assert_eq!(z[0].befehle[0].nummer, "1.");
        assert_eq!(z[1].befehle[0].nummer, "2.");
        assert_eq!(z[3].befehle[0].nummer, "3.");
        let h = html(
            "G",
            "alt",
            "neu",
            vec![Section {
                heading: String::new(),
                rows: z.into_iter().map(|z| z.row).collect(),
                befehle: vec![befehl("para-2", "2.")],
            }],
        );
        assert!(
            h.contains("href=\"#s0-b2\"") && h.contains("id=\"s0-b2\""),
            "{h}"
        );
        assert!(
            h.contains("href=\"#s0-para-2\"") && h.contains("id=\"s0-para-2\""),
            "{h}"
        );
    }
}

/// A row's words with the changed ones in bold (the Bundestag's form: no
/// strike-through and no colour, readable in black and white).
fn bold_segs(v: &[diff::render::Seg]) -> String {
    // a space between two changed words stays inside the bold run
    let marked = |i: usize| {
        v.get(i)
            .is_some_and(|s| s.mark.is_some() && !s.t.trim().is_empty())
    };
    let bold: Vec<bool> = (0..v.len())
        .map(|i| marked(i) || (v[i].t.trim().is_empty() && i > 0 && marked(i - 1) && marked(i + 1)))
        .collect();
    let mut out = String::new();
    for (i, s) in v.iter().enumerate() {
        if bold[i] && (i == 0 || !bold[i - 1]) {
            out.push_str("<b>");
        }
        out.push_str(&esc(&s.t));
        if bold[i] && !bold.get(i + 1).copied().unwrap_or(false) {
            out.push_str("</b>");
        }
    }
    out
}

/// One row of the two-column form: old and new text, the changes in bold
/// in both; an unchanged row of a changed § says so on the right.
fn zweispaltig_row(r: &Row) -> String {
    let (left, right) = match r.state {
        RowState::Unchanged => (bold_segs(&r.left), "<i>unverändert</i>".to_string()),
        RowState::Removed => (bold_segs(&r.left), "<i>– entfällt –</i>".to_string()),
        RowState::Inserted => (String::new(), bold_segs(&r.right)),
        _ => (
            bold_segs(&r.left),
            renumbered_html(r) + &bold_segs(&r.right),
        ),
    };
    format!(
        "<tr class=d{}><td>{left}</td><td>{right}</td></tr>\n",
        r.depth.min(6)
    )
}

/// The Bundestag's two-column Synopse „Geltende Fassung | Entwurf“: only
/// the §§, Artikel and annexes that change, each whole (its unchanged rows
/// marked „unverändert“), the changed words in bold in both columns.
pub fn zweispaltig(title: &str, rows: Vec<Row>) -> String {
    let mut body = String::new();
    let mut i = 0;
    while i < rows.len() {
        let unit = unit_of(&rows[i].id).to_string();
        let n = rows[i..]
            .iter()
            .take_while(|r| unit_of(&r.id) == unit)
            .count();
        let group = &rows[i..i + n];
        if group.iter().any(|r| r.state != RowState::Unchanged) {
            body.push_str("<tbody>\n");
            for r in group {
                body.push_str(&zweispaltig_row(r));
            }
            body.push_str("</tbody>\n");
        }
        i += n;
    }
    format!(
        r#"<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>Synopse – {t}</title>
<style>
@page{{size:A4;margin:1.6cm}}
body{{font-family:Georgia,'Times New Roman',serif;margin:1.5em auto;max-width:60em;color:#000;background:#fff}}
h1{{font-size:1.2em;text-align:center}}
table{{border-collapse:collapse;width:100%;table-layout:fixed}}
th{{text-align:center;padding:.4em;border-bottom:2px solid #000}}
td{{vertical-align:top;padding:.3em .6em;white-space:pre-wrap;overflow-wrap:anywhere;width:50%}}
tbody{{border-bottom:1px solid #000}}
tr.d0 td,tr.d1 td{{padding-top:.8em}}
b{{font-weight:bold}}
@media print{{thead{{display:table-header-group}} tr{{break-inside:avoid}}}}
</style></head><body>
<h1>Synopse: {t}</h1>
<table><thead><tr><th>Geltende Fassung</th><th>Entwurf</th></tr></thead>
{body}</table></body></html>
"#,
        t = esc(title)
    )
}

#[cfg(test)]
mod zweispaltig_tests {
    #[test]
    fn only_changed_units_with_the_changes_in_bold_in_both_columns() {
        let old = "Gesetz VII\n\n§ 1 Zweck\n\nDieses Gesetz regelt den Umgang.\n\n§ 2 Frist\n\n(1) Die Frist beträgt einen Monat.\n\n(2) Sie beginnt mit dem Eingang.\n\n§ 3 Schluss\n\nEs gilt ab sofort.\n";
        let new = old
            .replace("einen Monat", "zwei Monate")
            .replace("Es gilt ab sofort.", "Es gilt ab dem 1. März 2026.");
        let (o, n) = (syntax::parse(old), syntax::parse(&new));
        let (a, b) = (diff::entries(&o), diff::entries(&n));
        let rows = diff::render::synopse_rows(&a, &b, &diff::diff_entries(&a, &b));
        let html = super::zweispaltig("Gesetz VII", rows);
        let table = &html[html.find("<table>").unwrap()..];
        insta::assert_snapshot!(table, @r"
        <table><thead><tr><th>Geltende Fassung</th><th>Entwurf</th></tr></thead>
        <tbody>
        <tr class=d1><td>§ 2 Frist</td><td><i>unverändert</i></td></tr>
        <tr class=d2><td>(1) Die Frist beträgt <b>einen Monat</b>.</td><td>(1) Die Frist beträgt <b>zwei Monate</b>.</td></tr>
        <tr class=d2><td>(2) Sie beginnt mit dem Eingang.</td><td><i>unverändert</i></td></tr>
        </tbody>
        <tbody>
        <tr class=d1><td>§ 3 Schluss</td><td><i>unverändert</i></td></tr>
        <tr class=d2><td> Es gilt ab <b>sofort</b>.</td><td> Es gilt ab <b>dem 1. März 2026</b>.</td></tr>
        </tbody>
        </table></body></html>
        ");
    }
}
