//! Änderungsbefehle: the amending law that turns the old Fassung into the new,
//! phrased as the Handbuch der Rechtsförmlichkeit (4th edition) prescribes.

use super::{Change, ChangeKind, Entry, WordEdit};
use crate::ast::Kind;

/// HdR4 ("der folgende § 4a") or the older HdR3 phrasing ("folgender § 4a").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Style {
    #[default]
    Hdr4,
    Hdr3,
}

fn part_name(part: &str) -> Option<String> {
    let (p, n) = part.split_once('-')?;
    let n = n.split("-dup").next().unwrap_or(n);
    Some(match p {
        "para" => format!("§ {n}"),
        "art" => format!("Artikel {n}"),
        "abs" => format!("Absatz {n}"),
        "nr" => format!("Nummer {n}"),
        "bst" => format!("Buchstabe {n}"),
        "dbst" => format!("Doppelbuchstabe {n}"),
        "satz" => format!("Satz {n}"),
        "anhang" => format!("Anhang {n}"),
        "anlage" => format!("Anlage {n}"),
        "buch" => format!("Buch {n}"),
        "teil" => format!("Teil {n}"),
        "kapitel" => format!("Kapitel {n}"),
        "abschnitt" => format!("Abschnitt {n}"),
        "uabschnitt" => format!("Unterabschnitt {n}"),
        "titel" => format!("Titel {n}"),
        "utitel" => format!("Untertitel {n}"),
        "praeambel" => "Präambel".to_string(),
        "eingangsformel" => "Eingangsformel".to_string(),
        "hinweis" => "Hinweis".to_string(),
        "langtitel" => "Bezeichnung des Gesetzes".to_string(),
        "fassung" => "Fassung".to_string(),
        _ => return None,
    })
}

/// "para-3_abs-3_nr-2" → "§ 3 Absatz 3 Nummer 2" (unnumbered parts are skipped).
pub fn citation_of(id: &str, _all: &[Entry]) -> String {
    let parts: Vec<String> = id.split('_').filter_map(part_name).collect();
    // a § stands alone: "§ 3 Absatz 3", not "Abschnitt 1 § 3 Absatz 3"
    let start = parts
        .iter()
        .rposition(|p| {
            p.starts_with("§ ")
                || p.starts_with("Artikel ")
                || p.starts_with("Anhang ")
                || p.starts_with("Anlage ")
        })
        .unwrap_or(0);
    let s = parts[start..].join(" ");
    if s.is_empty() {
        "der Text".to_string()
    } else {
        s
    }
}

/// "§ 3" → "des § 3"; "Absatz 2" → "des Absatzes 2"; "Anlage 1" → "der Anlage 1".
fn genitive(c: &str) -> String {
    let first = c.split(' ').next().unwrap_or("");
    match first {
        "§" => format!("des {c}"),
        "Absatz" => format!("des Absatzes{}", &c[6..]),
        "Artikel" => format!("des Artikels{}", &c[7..]),
        "Anhang" => format!("des Anhangs{}", &c[6..]),
        "Abschnitt" => format!("des Abschnitts{}", &c[9..]),
        "Unterabschnitt" => format!("des Unterabschnitts{}", &c[14..]),
        "Kapitel" => format!("des Kapitels{}", &c[7..]),
        "Teil" => format!("des Teils{}", &c[4..]),
        "Buch" => format!("des Buches{}", &c[4..]),
        "Titel" => format!("des Titels{}", &c[5..]),
        _ => format!("der {c}"),
    }
}

/// "§ 3" → "dem § 3"; "Absatz 2" → "dem Absatz 2"; "Anlage 1" → "der Anlage 1".
fn dative(c: &str) -> String {
    match c.split(' ').next().unwrap_or("") {
        "Nummer" | "Anlage" | "Präambel" => format!("der {c}"),
        _ => format!("dem {c}"),
    }
}

fn quote(s: &str) -> String {
    format!("„{}“", s.trim())
}

fn is_angabe(s: &str) -> bool {
    s.chars().any(|c| c.is_ascii_digit() || c == '§') || !s.chars().any(|c| c.is_alphabetic())
}

/// "das Wort „x“" / "die Wörter „x y“" / "die Angabe „§ 5“", and whether it is plural.
fn words_phrase(s: &str, case: Case) -> (String, bool) {
    let s = s.trim();
    let n = s.split_whitespace().count();
    let (sg, pl) = match case {
        Case::Nom => ("das Wort", "die Wörter"),
        Case::Dat => ("dem Wort", "den Wörtern"),
    };
    if is_angabe(s) {
        let a = match case {
            Case::Nom => "die Angabe",
            Case::Dat => "der Angabe",
        };
        (format!("{a} {}", quote(s)), false)
    } else if n <= 1 {
        (format!("{sg} {}", quote(s)), false)
    } else {
        (format!("{pl} {}", quote(s)), true)
    }
}

#[derive(Clone, Copy)]
enum Case {
    Nom,
    Dat,
}

/// A contiguous run of changed words: (old text, new text, old range).
struct Hunk {
    old: String,
    new: String,
    start: usize,
    end: usize,
}

fn hunks(words: &[WordEdit]) -> Vec<Hunk> {
    let mut out: Vec<Hunk> = Vec::new();
    let mut cur: Option<Hunk> = None;
    for w in words {
        if w.op == "equal" {
            // a single space between two edits keeps them one hunk
            if w.text.trim().is_empty() && cur.is_some() {
                let h = cur.as_mut().expect("checked");
                h.old.push_str(&w.text);
                h.new.push_str(&w.text);
                h.end = w.old.1;
                continue;
            }
            if let Some(h) = cur.take() {
                out.push(h);
            }
            continue;
        }
        let h = cur.get_or_insert(Hunk {
            old: String::new(),
            new: String::new(),
            start: w.old.0,
            end: w.old.0,
        });
        if w.op == "delete" {
            h.old.push_str(&w.text);
            h.end = w.old.1;
        } else {
            h.new.push_str(&w.text);
        }
    }
    if let Some(h) = cur {
        out.push(h);
    }
    for h in &mut out {
        let (o, n) = (h.old.trim_end().to_string(), h.new.trim_end().to_string());
        h.old = o;
        h.new = n;
    }
    out
}

/// The word before `at` in `text` that makes the insertion point unique, growing to the left.
fn anchor_before(text: &str, at: usize) -> Option<String> {
    let before = text[..at].trim_end();
    let words: Vec<&str> = before.split_whitespace().collect();
    for k in 1..=words.len().min(6) {
        let a = words[words.len() - k..].join(" ");
        if text.matches(a.as_str()).count() == 1 {
            return Some(a);
        }
    }
    None
}

/// The command for one changed text, relative to `place` ("§ 3 Absatz 3"), or None when it reads better restated.
fn word_command(place: &str, old_text: &str, words: &[WordEdit]) -> Option<String> {
    let hs = hunks(words);
    // one change is a word command; several read better as the unit restated
    if hs.len() != 1 {
        return None;
    }
    let changed: usize = hs.iter().map(|h| h.old.len().max(h.new.len())).sum();
    if changed * 2 > old_text.len().max(1) {
        return None; // most of the text is new: restate it
    }
    let mut cmds = Vec::new();
    for h in &hs {
        // a quoted passage must be unique in the unit
        if !h.old.is_empty() && old_text.matches(h.old.as_str()).count() != 1 {
            return None;
        }
        let cmd = if !h.old.is_empty() && !h.new.is_empty() {
            let (o, pl) = words_phrase(&h.old, Case::Nom);
            let (n, _) = words_phrase(&h.new, Case::Nom);
            let verb = if pl { "werden" } else { "wird" };
            format!("In {place} {verb} {o} durch {n} ersetzt.")
        } else if !h.old.is_empty() {
            let (o, pl) = words_phrase(&h.old, Case::Nom);
            let verb = if pl { "werden" } else { "wird" };
            format!("In {place} {verb} {o} gestrichen.")
        } else {
            let (n, pl) = words_phrase(&h.new, Case::Nom);
            let verb = if pl { "werden" } else { "wird" };
            let new_satz = h
                .new
                .trim_start()
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase())
                && old_text[..h.start].trim_end().ends_with('.')
                && h.new.trim_end().ends_with('.');
            if new_satz && h.start >= old_text.trim_end().len() {
                format!(
                    "{} wird der folgende Satz angefügt: {}",
                    capitalize(&dative(place)),
                    quote(&h.new)
                )
            } else {
                let a = anchor_before(old_text, h.start)?;
                let (a, _) = words_phrase(&a, Case::Dat);
                format!("In {place} {verb} nach {a} {n} eingefügt.")
            }
        };
        cmds.push(cmd);
    }
    Some(cmds.join("\n"))
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// The full text of a unit and the units below it, as quoted in a command.
fn restate(e: &Entry, below: &[&Entry]) -> String {
    let mut s = String::new();
    let head = e.label();
    let heading = e.kind.is_einzelvorschrift() || e.kind.is_gliederung() || e.kind.is_annex();
    s.push_str(&head);
    if !e.text.is_empty() {
        s.push_str(if heading { "\n\n" } else { " " });
        s.push_str(&e.text);
    }
    for b in below {
        s.push_str("\n\n");
        s.push_str(&b.label());
        if !b.text.is_empty() {
            if !b.label().is_empty() {
                s.push(' ');
            }
            s.push_str(&b.text);
        }
    }
    format!("„{}“", s.trim())
}

fn unit_of(id: &str) -> &str {
    // the Einzelvorschrift (or annex, Gliederung unit) a change belongs to
    let parts: Vec<&str> = id.split('_').collect();
    let k = parts.iter().position(|p| {
        p.starts_with("para-")
            || p.starts_with("art-")
            || p.starts_with("anhang-")
            || p.starts_with("anlage-")
    });
    match k {
        Some(k) => {
            let end: usize = parts[..=k].iter().map(|p| p.len() + 1).sum::<usize>() - 1;
            &id[..end]
        }
        None => id,
    }
}

/// The amending law's text: Eingangssatz and numbered commands.
pub fn aenderungsbefehle(
    old_title: &str,
    old_date: Option<&str>,
    old: &[Entry],
    new: &[Entry],
    changes: &[Change],
    style: Style,
) -> String {
    let folgende = |article: &str| match style {
        Style::Hdr4 => format!("{article} folgende"),
        Style::Hdr3 => match article {
            "der" => "folgender".to_string(),
            "die" => "folgende".to_string(),
            _ => "folgendes".to_string(),
        },
    };
    let art = if old_title.starts_with("Verordnung")
        || old_title.starts_with("Ordnung")
        || old_title.starts_with("Satzung")
    {
        "Die"
    } else {
        "Das"
    };
    let date = old_date
        .and_then(crate::pdf::model::german_date)
        .map(|d| format!(" vom {d}"))
        .unwrap_or_default();
    let mut out = format!("{art} {old_title}{date} wird wie folgt geändert:\n\n");

    // commands, each tagged with the unit it belongs to
    let mut cmds: Vec<(String, String)> = Vec::new(); // (unit id, command)
    let mut consumed: std::collections::HashSet<&str> = Default::default();
    for (ci, c) in changes.iter().enumerate() {
        if c.kind == ChangeKind::Layout {
            continue;
        }
        // the date of the Fassung and the metadata are not amended by the law
        if c.new
            .as_ref()
            .or(c.old.as_ref())
            .is_some_and(|e| matches!(e.kind, Kind::Fassung | Kind::Metadatum | Kind::Frontmatter))
        {
            continue;
        }
        let id = c.id();
        if consumed.contains(id) {
            continue;
        }
        match c.kind {
            ChangeKind::Inserted | ChangeKind::Moved if c.new.is_some() => {
                let e = c.new.as_ref().expect("inserted has new");
                // the units below it are quoted with it
                let below: Vec<&Entry> = changes[ci + 1..]
                    .iter()
                    .filter_map(|d| d.new.as_ref())
                    .filter(|d| d.id.starts_with(&format!("{}_", e.id)))
                    .collect();
                for b in &below {
                    consumed.insert(b.id.as_str());
                }
                let me = citation_of(&e.id, new);
                let pos = new.iter().position(|x| x.id == e.id).unwrap_or(0);
                let sibling_before = new[..pos].iter().rev().find(|x| {
                    x.kind == e.kind && x.depth == e.depth && parent(&x.id) == parent(&e.id)
                });
                let sibling_after = new[pos + 1..].iter().find(|x| {
                    x.kind == e.kind && x.depth == e.depth && parent(&x.id) == parent(&e.id)
                });
                let what = match &e.num {
                    Some(n) => format!("{} {n}", kind_word(e.kind)),
                    None => me.clone(),
                };
                let article = if matches!(e.kind, Kind::Nummer | Kind::Anlage) {
                    "die"
                } else {
                    "der"
                };
                let cmd = match (sibling_before, sibling_after) {
                    (Some(_), None) if !parent(&e.id).is_empty() => {
                        format!(
                            "{} wird {} {what} angefügt:\n{}",
                            capitalize(&dative(&citation_of(parent(&e.id), new))),
                            folgende(article),
                            restate(e, &below)
                        )
                    }
                    (Some(b), _) => format!(
                        "Nach {} wird {} {what} eingefügt:\n{}",
                        short_cite(&citation_of(&b.id, new), parent(&e.id), new),
                        folgende(article),
                        restate(e, &below)
                    ),
                    (None, Some(a)) => format!(
                        "Vor {} wird {} {what} eingefügt:\n{}",
                        short_cite(&citation_of(&a.id, new), parent(&e.id), new),
                        folgende(article),
                        restate(e, &below)
                    ),
                    (None, None) if parent(&e.id).is_empty() => format!(
                        "Dem Gesetz wird {} {what} angefügt:\n{}",
                        folgende(article),
                        restate(e, &below)
                    ),
                    (None, None) => format!(
                        "{} wird {} {what} angefügt:\n{}",
                        capitalize(&dative(&citation_of(parent(&e.id), new))),
                        folgende(article),
                        restate(e, &below)
                    ),
                };
                cmds.push((unit_of(&e.id).to_string(), cmd));
            }
            ChangeKind::Removed | ChangeKind::Moved | ChangeKind::Renumbered if c.new.is_none() => {
                let e = c.old.as_ref().expect("removed has old");
                for d in changes[ci + 1..]
                    .iter()
                    .filter_map(|d| d.old.as_ref())
                    .filter(|d| d.id.starts_with(&format!("{}_", e.id)))
                {
                    consumed.insert(d.id.as_str());
                }
                if c.kind == ChangeKind::Renumbered {
                    continue; // said with the new number
                }
                cmds.push((
                    unit_of(&e.id).to_string(),
                    format!("{} wird aufgehoben.", citation_of(&e.id, old)),
                ));
            }
            ChangeKind::Renumbered => {
                let (Some(n), Some(p)) = (&c.new, &c.pair) else {
                    continue;
                };
                cmds.push((
                    unit_of(&n.id).to_string(),
                    format!(
                        "Der bisherige {} wird {}.",
                        last_part(&citation_of(p, old)),
                        last_part(&citation_of(&n.id, new))
                    ),
                ));
            }
            ChangeKind::Repealed => {
                let e = c.old.as_ref().expect("repealed has old");
                cmds.push((
                    unit_of(&e.id).to_string(),
                    format!("{} wird aufgehoben.", citation_of(&e.id, old)),
                ));
            }
            ChangeKind::Modified => {
                let (o, n) = (
                    c.old.as_ref().expect("has old"),
                    c.new.as_ref().expect("has new"),
                );
                let place = citation_of(&o.id, old);
                let heading =
                    o.kind.is_einzelvorschrift() || o.kind.is_gliederung() || o.kind.is_annex();
                if heading && o.title != n.title {
                    cmds.push((
                        unit_of(&o.id).to_string(),
                        format!(
                            "Die Überschrift {} wird wie folgt gefasst:\n„{}“",
                            genitive(&place),
                            n.title.clone().unwrap_or_default()
                        ),
                    ));
                }
                if o.text != n.text {
                    let cmd = word_command(&place, &o.text, &c.words).unwrap_or_else(|| {
                        format!("{place} wird wie folgt gefasst:\n{}", restate(n, &[]))
                    });
                    cmds.push((unit_of(&o.id).to_string(), cmd));
                }
            }
            _ => {}
        }
    }

    // group per unit: one command stands alone, several go under "… wird wie folgt geändert:"
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for (u, c) in cmds {
        match groups.last_mut() {
            Some((gu, v)) if *gu == u => v.push(c),
            _ => groups.push((u, vec![c])),
        }
    }
    for (i, (u, cs)) in groups.iter().enumerate() {
        let n = i + 1;
        if cs.len() == 1 {
            out.push_str(&format!("{n}. {}\n\n", indent(&cs[0], 3)));
        } else {
            let unit = citation_of(u, new);
            out.push_str(&format!("{n}. {unit} wird wie folgt geändert:\n\n"));
            for (k, c) in cs.iter().enumerate() {
                let letter = char::from(b'a' + (k % 26) as u8);
                let rel = relative(c, &unit);
                out.push_str(&format!("   {letter}) {}\n\n", indent(&rel, 6)));
            }
        }
    }
    out.trim_end().to_string() + "\n"
}

fn kind_word(k: Kind) -> &'static str {
    match k {
        Kind::Paragraf => "§",
        Kind::Artikel => "Artikel",
        Kind::Absatz => "Absatz",
        Kind::Nummer => "Nummer",
        Kind::Buchstabe => "Buchstabe",
        Kind::Doppelbuchstabe => "Doppelbuchstabe",
        Kind::Anhang => "Anhang",
        Kind::Anlage => "Anlage",
        Kind::Abschnitt => "Abschnitt",
        _ => "Text",
    }
}

fn parent(id: &str) -> &str {
    id.rsplit_once('_').map(|(p, _)| p).unwrap_or("")
}

fn last_part(c: &str) -> String {
    // "§ 3 Absatz 4" → "Absatz 4"
    let w: Vec<&str> = c.split(' ').collect();
    if w.len() >= 2 {
        w[w.len() - 2..].join(" ")
    } else {
        c.to_string()
    }
}

/// Inside its parent, a sibling is named short: "Absatz 2", not "§ 3 Absatz 2".
fn short_cite(c: &str, parent_id: &str, all: &[Entry]) -> String {
    if parent_id.is_empty() {
        return c.to_string();
    }
    let p = citation_of(parent_id, all);
    c.strip_prefix(&format!("{p} "))
        .map(str::to_string)
        .unwrap_or_else(|| c.to_string())
}

/// Inside "§ 3 wird wie folgt geändert:", the commands say "Absatz 3", not "§ 3 Absatz 3".
fn relative(cmd: &str, unit: &str) -> String {
    // "Dem § 1 wird der folgende Absatz 3 angefügt:" → "Der folgende Absatz 3 wird angefügt:"
    let dem = format!("{} wird ", capitalize(&dative(unit)));
    if let Some(rest) = cmd.strip_prefix(&dem) {
        if let Some((what, tail)) = rest.split_once(" angefügt:") {
            return format!("{} wird angefügt:{tail}", capitalize(what));
        }
    }
    let r = cmd
        .replace(&format!("In {unit} "), "In ")
        .replace(&format!("{unit} "), "");
    let r = r
        .replace("In werden", &format!("In {unit} werden"))
        .replace("In wird", &format!("In {unit} wird"));
    // "Die Überschrift des § 3" stays; a bare "wird aufgehoben" needs its subject
    if r.starts_with("wird ") {
        format!("{unit} {r}")
    } else {
        capitalize(&r)
    }
}

fn indent(s: &str, n: usize) -> String {
    let pad = " ".repeat(n);
    s.lines()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 || l.is_empty() {
                l.to_string()
            } else {
                format!("{pad}{l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}
