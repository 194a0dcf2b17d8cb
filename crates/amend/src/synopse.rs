//! The three-column Synopse: bisherige Fassung | neue Fassung |
//! Änderungsbefehl, row by row. Each command stands beside the units of the
//! §, Artikel or annex it changes, links to them, and they link back;
//! unchanged units can be folded away; one section per law of a
//! Mantelgesetz. As HTML (landscape when printed) and as the data of the
//! Typst template `synopse.typ`.

use crate::generate::{unit_of, Numbered};
use diff::render::{esc, html_segs, Row, RowState};
use serde::Serialize;

#[derive(Clone)]
/// One law of the amending law: its Artikel heading, the Synopse rows of
/// its two Fassungen and the numbered commands for it.
pub struct Section {
    pub heading: String,
    pub rows: Vec<Row>,
    pub befehle: Vec<Numbered>,
}

/// A row with the commands beside it.
#[derive(Debug, Clone, Serialize)]
pub struct Zeile {
    #[serde(flatten)]
    pub row: Row,
    /// The §, Artikel or annex the row belongs to.
    pub unit: String,
    /// The commands beside this row and the rows after it (`span` rows in
    /// all); `span` 0: the cell of an earlier row covers this one.
    pub befehle: Vec<Numbered>,
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
                let cls = format!("d{} {}", z.row.depth.min(6), state_class(z.row.state));
                // the first row links to the commands that change it
                let back: String = if j == 0 {
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
                    _ => (html_segs(&z.row.left), html_segs(&z.row.right)),
                };
                body.push_str(&format!(
                    "<tr class=\"{cls}\"><td>{left}{back}</td><td>{right}</td>"
                ));
                if j == 0 {
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
                    body.push_str(&format!(
                        "<td class=cmd rowspan={}>{cmds}</td>",
                        group.len()
                    ));
                }
                body.push_str("</tr>\n");
            }
            body.push_str("</tbody>\n");
            k += span;
        }
        body.push_str("</table>\n");
    }
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
