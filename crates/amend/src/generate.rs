//! Änderungsbefehle: the amending law that turns the old Fassung into the new,
//! phrased as the Handbuch der Rechtsförmlichkeit (4th edition) prescribes.

use crate::capitalize;
use crate::titel::Eingang;
use diff::{citation_of, Change, ChangeKind, Entry, Units, WordEdit};
use rustc_hash::{FxHashMap, FxHashSet};
use syntax::ast::{Document, Kind, Node};
use syntax::vocab::is_multi;
use syntax::vocab::leading_number;

/// HdR4 ("der folgende § 4a") or the older HdR3 phrasing ("folgender § 4a").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Style {
    /// The Handbuch der Rechtsförmlichkeit, 4th edition: "der
    /// folgende § 4a", "die folgenden Absätze 3 und 4".
    #[default]
    Hdr4,
    /// Its 3rd edition, as most amending laws in force write:
    /// "folgender § 4a", "folgende Absätze 3 und 4".
    Hdr3,
}

/// A citation of several units ("§§ 114, 115", "Artikel 3 und 4") takes the plural.
fn is_plural(c: &str) -> bool {
    c.starts_with("§§ ") || c.strip_prefix("Artikel ").is_some_and(is_multi)
}

/// Number agreement for a command whose unit is cited in the plural:
/// "§§ 8, 9 wird aufgehoben." → "Die §§ 8, 9 werden aufgehoben.",
/// "Nach §§ 8, 9 wird" → "Nach den §§ 8, 9 wird". The quoted passage is left alone.
fn agree(cmd: &str) -> String {
    let (sentence, rest) = cmd.split_at(cmd.find('„').unwrap_or(cmd.len()));
    let mut out = sentence.to_string();
    if let Some(r) = sentence
        .strip_prefix("Der bisherige ")
        .filter(|r| is_feminine(r))
    {
        // "Die bisherige Nummer 5 wird Nummer 6."
        out = format!("Die bisherige {r}");
    } else if let Some(r) = sentence
        .strip_prefix("Der bisherige ")
        .filter(|r| is_plural(r))
    {
        out = format!("Die bisherigen {}", r.replacen(" wird ", " werden ", 1));
    } else if is_plural(sentence) {
        out = format!("Die {}", sentence.replacen(" wird ", " werden ", 1));
    } else {
        for (from, to) in [
            ("Nach ", "Nach den "),
            ("Vor ", "Vor den "),
            ("In ", "In den "),
            ("Dem ", "Den "),
        ] {
            if let Some(r) = sentence.strip_prefix(from).filter(|r| is_plural(r)) {
                out = format!("{to}{r}");
                break;
            }
        }
    }
    // genitive and dative inside the sentence: "des §§ 8, 9" → "der §§ 8, 9"
    out = out
        .replace("des §§ ", "der §§ ")
        .replace("dem §§ ", "den §§ ");
    out + rest
}

/// Whether the unit a citation starts with is feminine ("Nummer 2",
/// "Anlage 1"): its genitive is its nominative, and it is no Artikel,
/// Kapitel or Unterkapitel.
fn is_feminine(c: &str) -> bool {
    let first = c.split(' ').next().unwrap_or(c);
    syntax::vocab::UNITS.iter().any(|u| {
        u.singular == first
            && u.genitive == u.singular
            && u.singular != "§"
            && !matches!(u.kind, Kind::Artikel | Kind::Kapitel | Kind::Unterkapitel)
    })
}

/// "§ 3" → "des § 3"; "Absatz 2" → "des Absatzes 2"; "Anlage 1" → "der
/// Anlage 1": the first word's genitive from `syntax::vocab`, its article by
/// the unit's gender (the feminine ones keep their form).
fn genitive(c: &str) -> String {
    let (first, rest) = c.split_once(' ').unwrap_or((c, ""));
    let unit = syntax::vocab::UNITS.iter().find(|u| u.singular == first);
    match unit {
        Some(u) if u.genitive != u.singular || u.singular == "§" => {
            let rest = if rest.is_empty() {
                String::new()
            } else {
                format!(" {rest}")
            };
            format!("des {}{rest}", u.genitive)
        }
        Some(u) if matches!(u.kind, Kind::Artikel | Kind::Kapitel | Kind::Unterkapitel) => {
            format!("des {c}")
        }
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

/// "Die Überschrift des § 6 wird wie folgt gefasst: „…“"
fn ueberschrift(cite: &str, title: &str) -> String {
    format!(
        "Die Überschrift {} wird wie folgt gefasst:\n„{title}“",
        genitive(cite)
    )
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

/// What is put in, punctuation named in words (Handbuch Rn. 619): „ein
/// Komma“ for „,“, „ein Komma und die Wörter „x y““ for „, x y“; else as
/// [`words_phrase`]. Whether the verb goes in the plural. The subject of
/// „wird … eingefügt“ is nominative; after „durch“ (`after_durch`) the
/// masculine marks are accusative: „durch einen Punkt“, „durch einen
/// Doppelpunkt“.
fn new_phrase_in(s: &str, after_durch: bool) -> (String, bool) {
    let t = s.trim();
    let mark = |c: &str| match (c, after_durch) {
        (",", _) => Some("ein Komma"),
        (";", _) => Some("ein Semikolon"),
        (".", false) => Some("ein Punkt"),
        (".", true) => Some("einen Punkt"),
        (":", false) => Some("ein Doppelpunkt"),
        (":", true) => Some("einen Doppelpunkt"),
        _ => None,
    };
    if let Some(m) = mark(t) {
        return (m.to_string(), false);
    }
    for p in [",", ";"] {
        if let Some(rest) = t.strip_prefix(p).filter(|r| r.starts_with(' ')) {
            let rest = rest.trim();
            if !rest.is_empty() && !is_angabe(rest) && !rest.contains(['„', '“', ',', ';']) {
                let (w, _) = words_phrase(rest, Case::Nom);
                return (format!("{} und {w}", mark(p).unwrap_or("ein Komma")), true);
            }
        }
    }
    words_phrase(s, Case::Nom)
}

/// [`new_phrase_in`] as the subject of „wird … eingefügt“.
fn new_phrase(s: &str) -> (String, bool) {
    new_phrase_in(s, false)
}

/// [`new_phrase_in`] after „durch“.
fn new_phrase_durch(s: &str) -> (String, bool) {
    new_phrase_in(s, true)
}

/// The punctuation mark ending the text, named („der Punkt am Ende“), where
/// the hunk `h` replaces or strikes just that mark.
fn end_mark(old_text: &str, h: &Hunk) -> Option<&'static str> {
    let at_end = h.start + h.old.len() == old_text.trim_end().len();
    // (the reader takes „am Ende“ after „der Punkt“; the other marks keep their Angabe)
    let name = match h.old.trim() {
        "." => "der Punkt am Ende",
        _ => return None,
    };
    at_end.then_some(name)
}

/// What is replaced or struck: a punctuation mark at the end named in
/// words, else as [`words_phrase`]; and whether the verb goes in the plural.
fn old_phrase(old_text: &str, h: &Hunk) -> (String, bool) {
    match end_mark(old_text, h) {
        Some(m) => (m.to_string(), false),
        None => words_phrase(&h.old, Case::Nom),
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
    /// The range of the new words in the new text.
    nstart: usize,
    nend: usize,
}

fn hunks(words: &[WordEdit]) -> Vec<Hunk> {
    let mut out: Vec<Hunk> = Vec::new();
    let mut cur: Option<Hunk> = None;
    for w in words {
        if w.op == diff::WordOp::Equal {
            // a single space between two edits keeps them one hunk
            if let Some(h) = cur.as_mut().filter(|_| w.text.trim().is_empty()) {
                h.old.push_str(&w.text);
                h.new.push_str(&w.text);
                h.end = w.old.1;
                h.nend = w.new.1;
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
            nstart: w.new.0,
            nend: w.new.0,
        });
        if w.op == diff::WordOp::Delete {
            h.old.push_str(&w.text);
            h.end = w.old.1;
        } else {
            h.new.push_str(&w.text);
            h.nend = w.new.1;
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

/// Grow a replaced passage to whole Angaben: the citation word before a
/// number it starts with, the number after a citation word it ends with.
fn whole_angaben(old: &str, new: &str, h: &mut Hunk, alone: bool) -> Option<()> {
    if h.old.is_empty() || h.new.is_empty() {
        return Some(());
    }
    let starts_number = |t: &str| t.trim_start().starts_with(|c: char| c.is_ascii_digit());
    for _ in 0..2 {
        let before = old[..h.start].split_whitespace().next_back().unwrap_or("");
        // "(§ 112 Abs. 1": the bracket is not part of the Angabe
        let opening = before.len() - before.trim_start_matches(['(', '[', '„', '"']).len();
        if !(starts_number(&h.old) || starts_number(&h.new))
            || !syntax::vocab::is_unit_word(&before[opening..])
        {
            break;
        }
        let s = word_start_before(old, h.start) + opening;
        h.nstart = h.nstart.checked_sub(h.start - s)?;
        h.start = s;
        h.old = old.get(s..h.end)?.trim_end().to_string();
        h.new = new.get(h.nstart..h.nend)?.trim_end().to_string();
    }
    let last = |t: &str| t.split_whitespace().next_back().unwrap_or("").to_string();
    if syntax::vocab::is_unit_word(&last(&h.old)) || syntax::vocab::is_unit_word(&last(&h.new)) {
        // the number after it, in both texts (they agree after the passage)
        let rest = old.get(h.end..)?;
        let ws = rest.len() - rest.trim_start().len();
        let word = rest.split_whitespace().next()?;
        let word = word.trim_end_matches([',', ';', '.', ')']);
        if word.is_empty()
            || !word.starts_with(|c: char| c.is_ascii_digit() || c.is_ascii_lowercase())
        {
            return Some(());
        }
        h.end += ws + word.len();
        h.nend += ws + word.len();
        h.old = old.get(h.start..h.end)?.trim().to_string();
        h.new = new.get(h.nstart..h.nend)?.trim().to_string();
    }
    // one hunk of several is checked with the others, by the caller
    (!alone || spaced_right(old, new, h)).then_some(())
}

/// Whether replacing the hunk's quoted words in `old` gives `new` around them.
fn spaced_right(old: &str, new: &str, h: &Hunk) -> bool {
    let end = h.start + h.old.len();
    old.get(h.start..end).is_some()
        && crate::apply::replaced(old, (h.start, end), h.new.trim_start()) == new
}

/// The start of the word before byte `at` (a word: up to the whitespace before it).
fn word_start_before(text: &str, at: usize) -> usize {
    let head = text[..at].trim_end();
    head.rfind(char::is_whitespace).map_or(0, |i| {
        i + head[i..].chars().next().map_or(1, char::len_utf8)
    })
}

/// Words that do not identify an insertion point on their own.
const FUNCTION_WORDS: [&str; 36] = [
    "der", "die", "das", "des", "dem", "den", "ein", "eine", "einer", "eines", "einem", "einen",
    "und", "oder", "ist", "sind", "wird", "werden", "in", "im", "zu", "zur", "zum", "von", "vom",
    "mit", "nach", "bei", "auf", "für", "an", "am", "als", "nicht", "sich", "es",
];

/// The word before `at` in `text` that makes the insertion point unique,
/// growing to the left; never a function word alone.
fn anchor_before(text: &str, at: usize) -> Option<String> {
    let before = text[..at].trim_end();
    let words: Vec<&str> = before.split_whitespace().collect();
    for k in 1..=words.len().min(6) {
        let a = words[words.len() - k..].join(" ");
        // a word that identifies the place, not „des“, „und“, „ist“ (Handbuch)
        if k == 1 && FUNCTION_WORDS.contains(&a.trim_matches(|c: char| !c.is_alphabetic())) {
            continue;
        }
        if text.matches(a.as_str()).count() == 1 {
            return Some(a);
        }
    }
    None
}

/// The command for one changed text, relative to `place` ("§ 3 Absatz 3"), or None when it reads better restated.
fn word_command(
    place: &str,
    old_text: &str,
    words: &[WordEdit],
    count: &dyn Fn(&str) -> usize,
    saetze: &[(usize, usize)],
) -> Option<String> {
    let hs = hunks(words);
    let new_text: String = words
        .iter()
        .filter(|w| w.op != diff::WordOp::Delete)
        .map(|w| w.text.as_str())
        .collect();
    // the same words changed alike in several places: „jeweils“
    let in_satz = |hs: &[Hunk]| match satz_of(saetze, old_text, hs) {
        Some(k) => format!("{place} Satz {k}"),
        None => place.to_string(),
    };
    if let Some(cmd) = jeweils_command(&in_satz(&hs), old_text, &new_text, &hs, count) {
        return Some(cmd);
    }
    // one change is a word command, two or three replacements one command
    // with their pairs („… durch … und … durch … ersetzt“); more read better
    // as the unit restated
    if hs.is_empty() || hs.len() > 3 {
        return None;
    }
    if hs.len() > 1 && hs.iter().any(|h| h.old.is_empty() || h.new.is_empty()) {
        return None;
    }
    let changed: usize = hs.iter().map(|h| h.old.len().max(h.new.len())).sum();
    if changed * 2 > old_text.len().max(1) {
        return None; // most of the text is new: restate it
    }
    let mut hs = hs;
    let several = hs.len() > 1;
    for h in hs.iter_mut().filter(|_| !several) {
        if !h.old.is_empty() && !h.new.is_empty() && !spaced_right(old_text, &new_text, h) {
            // „, die zuletzt …“ by „in der …“ would glue „3378)in“: quote from the word before
            let s = word_start_before(old_text, h.start);
            let ns = h.nstart.checked_sub(h.start - s)?;
            h.old = old_text.get(s..h.end)?.trim_end().to_string();
            h.new = new_text.get(ns..h.nend)?.trim_end().to_string();
            h.start = s;
            h.nstart = ns;
            if !spaced_right(old_text, &new_text, h) {
                return None;
            }
        }
    }
    for h in &mut hs {
        whole_angaben(old_text, &new_text, h, !several)?;
    }
    // a quoted passage must be unique in the unit
    // (a punctuation mark at the end is named so: „der Punkt am Ende“)
    if hs.iter().any(|h| {
        !h.old.is_empty()
            && end_mark(old_text, h).is_none()
            && (old_text.matches(h.old.as_str()).count() != 1 || count(&h.old) != 1)
    }) {
        return None;
    }
    if several {
        return paired_command(&in_satz(&hs), old_text, &new_text, &hs);
    }
    hunk_command(place, &in_satz(&hs), old_text, &hs[0], count)
}

/// The number of the Satz (of several, as byte ranges of the text) that
/// holds every hunk: the words replaced or struck, and for an insertion the
/// words before it that anchor it. None when the text has one Satz or the
/// hunks reach over more than one.
fn satz_of(saetze: &[(usize, usize)], old_text: &str, hs: &[Hunk]) -> Option<usize> {
    if saetze.len() < 2 {
        return None;
    }
    let mut found = None;
    for h in hs {
        let (a, b) = (h.start, h.start + h.old.len());
        let k = saetze.iter().position(|&(s, e)| {
            if h.old.is_empty() {
                // an insertion: its anchor before it in the same Satz
                s < a
                    && a <= e
                    && anchor_before(old_text, a).is_some_and(|w| old_text[s..a].contains(&w))
            } else {
                s <= a && b <= e
            }
        })?;
        if found.is_some_and(|f| f != k) {
            return None;
        }
        found = Some(k);
    }
    found.map(|k| k + 1)
}

/// „In § 5 werden die Wörter „x“ jeweils durch die Wörter „y“ ersetzt.“:
/// every hunk the same replacement (or deletion), every occurrence of the
/// words in the unit changed, and the text so changed is the new one.
fn jeweils_command(
    place: &str,
    old_text: &str,
    new_text: &str,
    hs: &[Hunk],
    count: &dyn Fn(&str) -> usize,
) -> Option<String> {
    let first = hs.first()?;
    if hs.len() < 2 || first.old.trim().is_empty() {
        return None;
    }
    let (old, new) = (first.old.trim(), first.new.trim());
    if hs
        .iter()
        .any(|h| h.old.trim() != old || h.new.trim() != new)
    {
        return None;
    }
    let f = crate::Objekt {
        text: old.to_string(),
        am_ende: false,
    };
    let occ = crate::apply::occurrences(old_text, &f);
    if occ.len() != hs.len() || count(old) != occ.len() {
        return None;
    }
    let mut t = old_text.to_string();
    for &r in occ.iter().rev() {
        t = crate::apply::replaced(&t, r, new);
    }
    // the applier tidies the spaces a deletion leaves
    if !t.split_whitespace().eq(new_text.split_whitespace()) {
        return None;
    }
    let (o, pl) = words_phrase(old, Case::Nom);
    let verb = if pl { "werden" } else { "wird" };
    Some(if new.is_empty() {
        format!("In {place} {verb} {o} jeweils gestrichen.")
    } else {
        let (n, _) = new_phrase_durch(new);
        format!("In {place} {verb} {o} jeweils durch {n} ersetzt.")
    })
}

/// The command of one hunk: a replacement, a deletion, an insertion after
/// its anchor (said in `place`, the Satz where the unit has several), or a
/// Satz appended to the `unit`.
fn hunk_command(
    unit: &str,
    place: &str,
    old_text: &str,
    h: &Hunk,
    count: &dyn Fn(&str) -> usize,
) -> Option<String> {
    Some(if !h.old.is_empty() && !h.new.is_empty() {
        let (o, pl) = old_phrase(old_text, h);
        let (n, _) = new_phrase_durch(&h.new);
        let verb = if pl { "werden" } else { "wird" };
        format!("In {place} {verb} {o} durch {n} ersetzt.")
    } else if !h.old.is_empty() {
        let (o, pl) = old_phrase(old_text, h);
        let verb = if pl { "werden" } else { "wird" };
        format!("In {place} {verb} {o} gestrichen.")
    } else {
        let (n, pl) = new_phrase(&h.new);
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
                capitalize(&dative(unit)),
                quote(&h.new)
            )
        } else {
            let a = anchor_before(old_text, h.start)?;
            if count(&a) != 1 {
                return None;
            }
            let (a, _) = words_phrase(&a, Case::Dat);
            format!("In {place} {verb} nach {a} {n} eingefügt.")
        }
    })
}

/// Two or three replacements in one command („In § 5 werden die Wörter „x“
/// durch die Wörter „y“ und die Angabe „3“ durch die Angabe „4“ ersetzt.“):
/// applied from the last to the first they give the new text, and none
/// makes or takes what a later one looks for.
fn paired_command(place: &str, old_text: &str, new_text: &str, hs: &[Hunk]) -> Option<String> {
    let mut t = old_text.to_string();
    for h in hs.iter().rev() {
        let end = h.start + h.old.len();
        if t.get(h.start..end) != Some(h.old.as_str()) {
            return None;
        }
        t = crate::apply::replaced(&t, (h.start, end), h.new.trim_start());
    }
    if t != new_text {
        return None;
    }
    for (i, a) in hs.iter().enumerate() {
        for b in &hs[i + 1..] {
            if a.new.contains(b.old.as_str())
                || b.old.contains(a.new.as_str())
                || a.old.contains(b.old.as_str())
                || b.old.contains(a.old.as_str())
            {
                return None;
            }
        }
    }
    let pairs: Vec<String> = hs
        .iter()
        .map(|h| {
            let (o, _) = old_phrase(old_text, h);
            let (n, _) = new_phrase_durch(&h.new);
            format!("{o} durch {n}")
        })
        .collect();
    Some(format!(
        "In {place} werden {} ersetzt.",
        pairs.join(" und ")
    ))
}

/// The group of an insertion: a whole § (or Anlage) inserted is a command of its
/// own, never "§ 5 wird wie folgt geändert: … Nach § 4 wird folgender eingefügt".
fn insert_key(id: &str) -> String {
    match unit_of(id) {
        u if u == id => String::new(),
        u => u.to_string(),
    }
}

pub(crate) fn unit_of(id: &str) -> &str {
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

/// Whether a unit can be named in a command ("§ 3 Absatz 2", "Anlage 1"):
/// every part of its id is a numbered unit or a named part of the law.
fn addressable(id: &str) -> bool {
    !id.is_empty()
        && id.split('_').all(|p| {
            let (k, n) = p.split_once('-').unwrap_or((p, ""));
            let numbered = matches!(
                k,
                "para"
                    | "art"
                    | "abs"
                    | "nr"
                    | "bst"
                    | "dbst"
                    | "anhang"
                    | "anlage"
                    | "buch"
                    | "teil"
                    | "uteil"
                    | "kapitel"
                    | "ukapitel"
                    | "abschnitt"
                    | "uabschnitt"
                    | "titel"
                    | "utitel"
            );
            (numbered && !n.contains("dup"))
                || matches!(k, "praeambel" | "eingangsformel" | "langtitel" | "inhuebs") && n == "1"
        })
}

/// Editorial parts of a publication that an amending law does not amend.
pub fn is_editorial(k: Kind) -> bool {
    k.is_editorial()
}

/// How a place is named for a restatement: "§ 3 Absatz 2", "Die Präambel".
fn subject(id: &str, all: &[Entry]) -> String {
    match id {
        "praeambel-1" => "Die Präambel".into(),
        "eingangsformel-1" => "Die Eingangsformel".into(),
        "inhuebs-1" => "Die Inhaltsübersicht".into(),
        "langtitel-1" => "Die Überschrift des Gesetzes".into(),
        _ => citation_of(id, all),
    }
}

/// Whether "wird aufgehoben" leaves "(weggefallen)" for the unit `id` of the old Fassung
/// (the rule of [`crate::apply::keeps_placeholder`]).
fn keeps_placeholder(parents: &FxHashMap<&str, (&Node, usize)>, id: &str) -> bool {
    parents
        .get(id)
        .is_some_and(|&(p, i)| crate::apply::keeps_placeholder(p, i))
}

/// The verb that takes a unit out: "gestrichen" where its place stays as
/// "(weggefallen)", "aufgehoben" otherwise.
fn repeal_verb(parents: &FxHashMap<&str, (&Node, usize)>, id: &str) -> &'static str {
    if keeps_placeholder(parents, id) {
        "gestrichen"
    } else {
        "aufgehoben"
    }
}

/// Each node's parent and its index there.
fn parents(doc: &Document) -> FxHashMap<&str, (&Node, usize)> {
    let mut m = FxHashMap::default();
    doc.root.walk(&mut |n, _| {
        for (i, c) in n.children.iter().enumerate() {
            m.insert(c.id.as_str(), (n, i));
        }
    });
    m
}

fn index(doc: &Document) -> FxHashMap<&str, &Node> {
    let mut m = FxHashMap::default();
    doc.root.walk(&mut |n, _| {
        m.insert(n.id.as_str(), n);
    });
    m
}

/// Units a command already covers, by side: an id of the old Fassung may
/// name another unit in the new one (§ 475 Absatz 2 moved away, a new
/// Absatz 2 inserted), so the two sides are kept apart.
#[derive(Default)]
struct Consumed {
    old: rustc_hash::FxHashSet<String>,
    new: rustc_hash::FxHashSet<String>,
}

impl Consumed {
    /// The old unit and everything below it.
    fn take_old(&mut self, n: &Node) {
        n.walk(&mut |d, _| {
            self.old.insert(d.id.clone());
        });
    }
    /// The new unit and everything below it.
    fn take_new(&mut self, n: &Node) {
        n.walk(&mut |d, _| {
            self.new.insert(d.id.clone());
        });
    }
    fn covers(&self, c: &Change) -> bool {
        if c.new_unit().is_none() {
            self.old.contains(c.id())
        } else {
            self.new.contains(c.id())
        }
    }
}

fn restated(n: &Node) -> String {
    format!(
        "„{}“",
        syntax::print::write_nodes(std::slice::from_ref(n), &syntax::print::Options::quoted())
    )
}

/// The amending law's text: Eingangssatz and numbered commands, such that
/// applying it ([`crate::apply`]) to the old Fassung gives the new one.
pub fn aenderungsbefehle(
    old_doc: &Document,
    new_doc: &Document,
    old: &[Entry],
    new: &[Entry],
    changes: &[Change],
    style: Style,
) -> String {
    generate(old_doc, new_doc, old, new, changes, style).text
}

/// As [`aenderungsbefehle`], with the changes no command can say listed
/// apart (they are not in the text).
pub fn generate(
    old_doc: &Document,
    new_doc: &Document,
    old: &[Entry],
    new: &[Entry],
    changes: &[Change],
    style: Style,
) -> Generated {
    let g = Generator::new(old_doc, new_doc, old, new, changes, style);
    let mut out = Commands::default();
    // units restated because a change inside them cannot be named: every other
    // change inside them is said by that restatement, before or after it
    let mut roots: Vec<&str> = changes
        .iter()
        .filter_map(|c| g.restatement_root(c))
        .collect();
    roots.sort_unstable();
    roots.dedup();
    for c in changes {
        let inside = |r: &str| {
            c.id()
                .strip_prefix(r)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('_'))
        };
        match roots.iter().find(|r| inside(r)) {
            Some(r) if !is_editorial(c.new_unit().or(c.old()).map_or(Kind::Text, |e| e.kind)) => {
                if !out.consumed.old.contains(*r) {
                    g.restate_unit(&mut out, r);
                }
            }
            _ => g.change(&mut out, c),
        }
    }
    out.flush_strikes();
    let unexpressed = std::mem::take(&mut out.unexpressed);
    let commands = out.cmds.len();
    let (numbered, befehle) = g.numbered(out);
    let einzeln = match befehle.as_slice() {
        // the reader takes one quotation after a one-change sentence
        [one]
            if !one.text.contains("\n   a) ")
                && top_level_quotes(one.text.split_once('\n').map_or("", |(_, q)| q)) <= 1 =>
        {
            Some(
                one.text
                    .strip_prefix("1. ")
                    .unwrap_or(&one.text)
                    .to_string(),
            )
        }
        _ => None,
    };
    let mut generated = Generated {
        text: String::new(),
        commands,
        unexpressed,
        befehle,
        eingang: Eingang::of(old_doc),
        body: numbered,
        einzeln,
    };
    generated.text = generated.text_for(&generated.eingang);
    generated
}

impl Generated {
    /// One unit changed in several ways: the Eingangssatz names it and its
    /// changes are the numbered list („§ 12 des … wird wie folgt geändert:“,
    /// then „1.“, „2.“ …), not a list of one. None where the amending law
    /// has other commands too.
    fn one_unit(&self, eingang: &Eingang) -> Option<String> {
        let [one] = self.befehle.as_slice() else {
            return None;
        };
        let body = one.text.strip_prefix("1. ")?;
        let (head, rest) = body.split_once('\n')?;
        if !head.ends_with("wie folgt geändert:") || !rest.contains("\n   a) ") {
            return None;
        }
        let head = eingang.einzeln(head)?;
        let mut out = vec![head];
        let mut depth = 0i64;
        for line in rest.lines() {
            let l = line.strip_prefix("   ").unwrap_or(line);
            let outside = depth <= 0;
            depth += l.matches('„').count() as i64 - l.matches('“').count() as i64;
            if !outside {
                out.push(l.to_string());
                continue;
            }
            out.push(renumbered_item(l)?);
        }
        Some(out.join("\n"))
    }

    /// The amending law's text with `eingang` naming the law: the one-change
    /// form („In § 4 des Gesetzes VII vom … wird …“, no „1.“) where it has
    /// one command, else the Eingangssatz and the numbered commands.
    pub fn text_for(&self, eingang: &Eingang) -> String {
        // the quoted passage stays indented below the sentence
        let one = match self.einzeln.as_deref() {
            Some(c) => eingang.einzeln(c),
            None => self.one_unit(eingang),
        };
        let text = match one {
            Some(t) => t,
            None => format!("{}:\n\n{}", eingang.satz(), self.body),
        };
        text.trim_end().to_string() + "\n"
    }
}

/// The commands of one unit, each with whether it goes late.
type Group = (String, Vec<(String, bool)>);

/// What the generator knows of the two Fassungen (read-only while it writes).
struct Generator<'a> {
    changes: &'a [Change],
    old: &'a [Entry],
    new: &'a [Entry],
    style: Style,
    old_ix: FxHashMap<&'a str, &'a Node>,
    new_ix: FxHashMap<&'a str, &'a Node>,
    old_parents: FxHashMap<&'a str, (&'a Node, usize)>,
    new_parents: FxHashMap<&'a str, (&'a Node, usize)>,
    /// Old units that go (an id of theirs may name another unit in the new Fassung).
    removed_old: FxHashSet<&'a str>,
    /// New units that were not there (inserted, or renumbered or moved here).
    added_new: FxHashSet<&'a str>,
    /// (old id, new id) of every unit renumbered.
    renumbered_pairs: FxHashSet<(&'a str, &'a str)>,
    /// Units carried unchanged by a renumbered unit around them: old id → new id
    /// (Nummer 1 of Absatz 2, which becomes Absatz 3, is Nummer 1 of Absatz 3).
    carried_old: FxHashMap<&'a str, String>,
    /// The new ids of those units.
    carried_new: FxHashSet<String>,
    /// Gliederung headings struck (the units under them stay).
    struck_old: FxHashSet<&'a str>,
    /// Old and new ids of units renumbered or moved.
    shifted: FxHashSet<&'a str>,
    /// Old units removed outright (neither renumbered nor moved).
    gone_old: FxHashSet<&'a str>,
    /// Gliederung units renumbered among their siblings (Titel 1 → Titel 2):
    /// old id → new id; the units under them follow without a command.
    sibling_renum: FxHashMap<&'a str, &'a str>,
}

/// The commands written so far, each tagged with the unit it belongs to.
#[derive(Default)]
struct Commands {
    /// (unit id, command); an empty unit id stands alone.
    cmds: Vec<(String, String)>,
    consumed: Consumed,
    /// Restatements under a new number: they go after the renumbering.
    late: std::collections::HashSet<usize>,
    /// Commands that name a unit of a renumbered § by the §'s old number:
    /// they go before that number is given to another unit.
    early: FxHashMap<usize, String>,
    renumbered_done: FxHashSet<String>,
    /// Headings struck in a row: (depth, unit, command), the inner ones first.
    strikes: Vec<(usize, String, String)>,
    /// Strikes of headings waiting for the strike of a heading inside them (by its id).
    deferred_strikes: FxHashMap<String, Vec<(usize, String, String)>>,
    /// Headings whose strike is written (or waiting).
    struck_done: FxHashSet<String>,
    /// Changes no command can say.
    unexpressed: Vec<Unexpressed>,
    /// For a command that stands alone (grouped under ""), the unit it
    /// changes, by its text (for the Synopse).
    real: FxHashMap<String, String>,
}

/// A change `diff --amendments` cannot write as a command: the unit, where it
/// stands (in the new Fassung, or the old one where it is gone).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unexpressed {
    /// The unit's id ("para-4_abs-3").
    pub id: String,
    /// Its kind.
    pub kind: Kind,
    /// Its line (from 1) in the Fassung `in_new` names.
    pub line: u32,
    /// The unit stands in the new Fassung (`false`: in the old one, where it
    /// is gone).
    pub in_new: bool,
}

/// The amending law for two Fassungen, and what it could not say.
#[derive(Debug, Clone)]
pub struct Generated {
    /// The whole amending law as text: Eingangssatz and numbered commands.
    pub text: String,
    /// How many commands it has: none when the Fassungen differ only in what is
    /// not law text (front matter, juris' notes, layout).
    pub commands: usize,
    /// Empty when the amending law says every change.
    pub unexpressed: Vec<Unexpressed>,
    /// Its numbered commands, each with the unit it changes (for the Synopse).
    pub befehle: Vec<Numbered>,
    /// The law its Eingangssatz names, with the Vollzitat.
    pub eingang: Eingang,
    /// The numbered commands as text (after the Eingangssatz).
    pub body: String,
    /// The one command, without its number, when there is only one and it
    /// has no a), b) (the one-change form).
    pub einzeln: Option<String>,
}

/// One numbered command of the amending law ("3." with its a), b) …).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Numbered {
    /// The id of the §, Artikel or annex it changes (in the old or new
    /// Fassung; empty for the law as a whole).
    pub unit: String,
    /// Its number ("3.").
    pub nummer: String,
    /// The command as the amending law writes it: its number, its a), b) …
    pub text: String,
}

impl Commands {
    fn push(&mut self, unit: impl Into<String>, cmd: String) {
        self.cmds.push((unit.into(), cmd));
    }

    /// A command grouped under `key` that changes the unit `real`.
    fn push_at(&mut self, key: String, real: &str, cmd: String) {
        if key != real {
            self.real.insert(cmd.clone(), real.to_string());
        }
        self.cmds.push((key, cmd));
    }

    /// Headings struck in a row, the inner ones first, while their path still reads.
    fn flush_strikes(&mut self) {
        self.strikes.sort_by_key(|s| std::cmp::Reverse(s.0));
        self.cmds
            .extend(self.strikes.drain(..).map(|(_, u, c)| (u, c)));
    }
}

/// Which unit ids `gl_pairs` renumbers among their siblings, outer units first
/// (a Titel renumbered inside a renumbered Abschnitt).
fn sibling_renumberings<'a>(gl_pairs: &[(&'a str, &'a str)]) -> FxHashMap<&'a str, &'a str> {
    let mut map: FxHashMap<&str, &str> = FxHashMap::default();
    loop {
        let before = map.len();
        for &(o, n) in gl_pairs {
            if !map.contains_key(o)
                && o.rsplit('_').next() != n.rsplit('_').next()
                && translate(&map, parent(o)) == parent(n)
            {
                map.insert(o, n);
            }
        }
        if map.len() == before {
            return map;
        }
    }
}

/// Whether the unit `id` stands inside the unit `ancestor` of the same
/// Fassung (ids of §§ do not carry their Gliederung).
fn within(parents: &FxHashMap<&str, (&Node, usize)>, id: &str, ancestor: &str) -> bool {
    let mut cur = id;
    while let Some((p, _)) = parents.get(cur) {
        if p.id == ancestor {
            return true;
        }
        cur = p.id.as_str();
    }
    false
}

/// The units a renumbered unit carries along unchanged: old id → new id, and
/// the set of those new ids.
fn carried_units<'a>(
    old: &'a [Entry],
    new: &[Entry],
    renumbered: &FxHashSet<(&'a str, &'a str)>,
) -> (FxHashMap<&'a str, String>, FxHashSet<String>) {
    let new_text: FxHashMap<&str, (&str, Option<&str>)> = new
        .iter()
        .map(|e| (e.id.as_str(), (e.text.as_str(), e.title.as_deref())))
        .collect();
    let mut map = FxHashMap::default();
    let mut set = FxHashSet::default();
    for e in old {
        let id = e.id.as_str();
        // the nearest renumbered unit around it
        let Some((from, to)) = renumbered
            .iter()
            .filter(|(o, _)| {
                id.len() > o.len() && id.starts_with(o) && id.as_bytes()[o.len()] == b'_'
            })
            .max_by_key(|(o, _)| o.len())
        else {
            continue;
        };
        let moved = format!("{to}{}", &id[from.len()..]);
        if new_text.get(moved.as_str()) == Some(&(e.text.as_str(), e.title.as_deref())) {
            set.insert(moved.clone());
            map.insert(id, moved);
        }
    }
    (map, set)
}

/// An old id under renumbered Gliederung units, as it reads after their renumbering.
fn translate(map: &FxHashMap<&str, &str>, old_id: &str) -> String {
    let mut cut = old_id.len();
    loop {
        let prefix = &old_id[..cut];
        if let Some(n) = map.get(prefix) {
            return format!("{n}{}", &old_id[cut..]);
        }
        match prefix.rfind('_') {
            Some(k) => cut = k,
            None => return old_id.to_string(),
        }
    }
}

fn last_seg(id: &str) -> &str {
    id.rsplit('_').next().unwrap_or(id)
}

/// Whether an entry is a § or a heading a command can name.
fn anchor_unit(x: &Entry) -> bool {
    (x.kind.is_einzelvorschrift() || x.kind.is_gliederung()) && addressable(&x.id)
}

impl<'a> Generator<'a> {
    fn new(
        old_doc: &'a Document,
        new_doc: &'a Document,
        old: &'a [Entry],
        new: &'a [Entry],
        changes: &'a [Change],
        style: Style,
    ) -> Generator<'a> {
        let removed_old = changes
            .iter()
            .filter(|c| c.new_unit().is_none())
            .filter_map(|c| c.old().map(|e| e.id.as_str()))
            .collect();
        let added_new = changes
            .iter()
            .filter(|c| c.old().is_none())
            .filter_map(|c| c.new_unit().map(|e| e.id.as_str()))
            .collect();
        let renumbered_pairs = changes
            .iter()
            .filter(|c| matches!(c.kind, ChangeKind::Renumbered | ChangeKind::Moved))
            .filter_map(|c| Some((c.pair.as_deref()?, c.new_unit()?.id.as_str())))
            .collect();
        let (carried_old, carried_new) = carried_units(old, new, &renumbered_pairs);
        let struck_old = changes
            .iter()
            .filter(|c| c.new_unit().is_none() && c.kind == ChangeKind::Removed)
            .filter_map(|c| c.old())
            .filter(|e| e.kind.is_gliederung())
            .map(|e| e.id.as_str())
            .collect();
        let shifted = changes
            .iter()
            .filter(|c| matches!(c.kind, ChangeKind::Renumbered | ChangeKind::Moved))
            .flat_map(|c| [c.pair.as_deref(), Some(c.id())])
            .flatten()
            .collect();
        let gone_old = changes
            .iter()
            .filter(|c| c.new_unit().is_none() && c.kind == ChangeKind::Removed)
            .filter_map(|c| c.old().map(|e| e.id.as_str()))
            .collect();
        let gl_pairs: Vec<(&str, &str)> = changes
            .iter()
            .filter(|c| matches!(c.kind, ChangeKind::Renumbered | ChangeKind::Moved))
            .filter_map(|c| Some((c.pair.as_deref()?, c.new_unit()?)))
            .filter(|(_, n)| n.kind.is_gliederung())
            .map(|(o, n)| (o, n.id.as_str()))
            .collect();
        Generator {
            changes,
            old,
            new,
            style,
            old_ix: index(old_doc),
            new_ix: index(new_doc),
            old_parents: parents(old_doc),
            new_parents: parents(new_doc),
            removed_old,
            added_new,
            renumbered_pairs,
            carried_old,
            carried_new,
            struck_old,
            shifted,
            gone_old,
            sibling_renum: sibling_renumberings(&gl_pairs),
        }
    }

    /// "der folgende" (HdR4) or "folgender" (HdR3), for a unit of `genus`.
    fn folgende(&self, genus: Genus) -> String {
        match (self.style, genus) {
            (Style::Hdr4, g) => format!("{} folgende", g.article()),
            (Style::Hdr3, Genus::Maskulinum) => "folgender".to_string(),
            (Style::Hdr3, Genus::Femininum) => "folgende".to_string(),
            (Style::Hdr3, Genus::Neutrum) => "folgendes".to_string(),
        }
    }

    fn translate(&self, old_id: &str) -> String {
        translate(&self.sibling_renum, old_id)
    }

    /// The id of a unit inside a renumbered § (or Artikel, annex) under the
    /// old number of that §: „§ 5 Absatz 2“ of the old § 4 is named „§ 4
    /// Absatz 2“, for places name units as they were before the amending
    /// law. Other ids as they are.
    fn as_before(&self, new_id: &str) -> String {
        let u = unit_of(new_id);
        let einzel = ["para-", "art-", "anhang-", "anlage-"]
            .iter()
            .any(|k| last_seg(u).starts_with(k));
        if u.is_empty() || !einzel {
            return new_id.to_string();
        }
        match self
            .renumbered_pairs
            .iter()
            .find(|(o, n)| *n == u && *o != u)
        {
            Some((o, _)) => format!("{o}{}", &new_id[u.len()..]),
            None => new_id.to_string(),
        }
    }

    /// How a command names the new unit `id` (inside a renumbered §: by that
    /// §'s old number).
    fn cite_new(&self, id: &str) -> String {
        let before = self.as_before(id);
        if before == id {
            citation_of(id, self.new)
        } else {
            citation_of(&before, self.old)
        }
    }

    /// The old unit `old_id`, cited as `cite`, reads as the new unit `n`, with everything below it.
    fn fassen(&self, out: &mut Commands, old_id: &str, cite: String, n: &Node) {
        out.consumed.take_new(n);
        if let Some(o) = self.old_ix.get(old_id) {
            out.consumed.take_old(o);
        }
        // „§ 15 (weggefallen)“ restated is „§ 15 wird aufgehoben.“ (Handbuch:
        // the placeholder is what the repeal leaves)
        let placeholder = n.repealed
            && n.children.iter().all(|c| is_editorial(c.kind))
            && self
                .old_ix
                .get(old_id)
                .is_some_and(|o| !o.repealed && o.num == n.num && o.marker == n.marker)
            && keeps_placeholder(&self.old_parents, old_id);
        if placeholder {
            return out.push(unit_of(old_id), format!("{cite} wird aufgehoben."));
        }
        out.push(
            unit_of(old_id),
            format!("{cite} wird wie folgt gefasst:\n{}", restated(n)),
        );
    }

    /// The unit as it reads in the new Fassung, or its repeal when it is gone.
    fn restate_unit(&self, out: &mut Commands, id: &str) {
        match self.new_ix.get(id) {
            Some(n) => {
                self.fassen(out, id, subject(id, self.new), n);
                // a unit renumbered and restated: after its renumbering
                if self
                    .renumbered_pairs
                    .iter()
                    .any(|(o, n)| *n == id && *o != id)
                {
                    out.late.insert(out.cmds.len() - 1);
                }
            }
            None => {
                if let Some(o) = self.old_ix.get(id) {
                    out.consumed.take_old(o);
                }
                let verb = repeal_verb(&self.old_parents, id);
                out.push(
                    unit_of(id),
                    format!("{} wird {verb}.", subject(id, self.old)),
                );
            }
        }
    }

    /// A renumbered Gliederung unit under another title: "Die Überschrift … wird wie folgt gefasst".
    fn retitle(&self, out: &mut Commands, o: &str, n: &str) {
        if let (Some(on), Some(nn)) = (self.old_ix.get(o), self.new_ix.get(n)) {
            if let Some(t) = nn
                .title
                .as_deref()
                .filter(|t| on.title.as_deref() != Some(*t))
            {
                out.push_at(String::new(), n, ueberschrift(&citation_of(n, self.new), t));
            }
        }
    }

    /// Renumber the Gliederung units under one parent, the last first when they move up.
    fn emit_chain(&self, out: &mut Commands, parent_new: &str) {
        let mut chain: Vec<(&str, &str)> = self
            .sibling_renum
            .iter()
            .filter(|(_, n)| parent(n) == parent_new && !out.renumbered_done.contains(**n))
            .map(|(o, n)| (*o, *n))
            .collect();
        chain.sort_by_cached_key(|(_, n)| self.new.iter().position(|e| e.id == *n));
        // "titel-4" → 4
        let num = |id: &str| leading_number(last_seg(id).split_once('-').map_or("", |(_, n)| n));
        if chain.first().is_some_and(|(o, n)| num(n) > num(o)) {
            chain.reverse();
        }
        for &(o, n) in &chain {
            out.renumbered_done.insert(n.to_string());
            let cite_old = format!("{}_{}", self.translate(parent(o)), last_seg(o));
            out.push(
                "",
                format!(
                    "Der bisherige {} wird {}.",
                    citation_of(&cite_old, self.new),
                    last_part(&citation_of(n, self.new))
                ),
            );
        }
        for &(o, n) in &chain {
            self.retitle(out, o, n);
        }
    }

    /// Whether a command can name the unit: an addressable id whose number
    /// is unique at every level.
    fn nameable(&self, id: &str) -> bool {
        if !addressable(id) {
            return false;
        }
        let mut prefix = String::new();
        for part in id.split('_') {
            if !prefix.is_empty() {
                prefix.push('_');
            }
            prefix.push_str(part);
            let dup = format!("{prefix}-dup2");
            if self.old_ix.contains_key(dup.as_str()) || self.new_ix.contains_key(dup.as_str()) {
                return false;
            }
        }
        true
    }

    /// The commands of one change.
    fn change(&self, out: &mut Commands, c: &Change) {
        let strike = c.new_unit().is_none() && c.old().is_some_and(|e| e.kind.is_gliederung());
        if !strike && !out.strikes.is_empty() {
            out.flush_strikes();
        }
        if c.kind == ChangeKind::Layout {
            return;
        }
        // the date of the Fassung, the metadata and editorial notes are not amended by the law
        if c.new_unit()
            .or(c.old())
            .is_some_and(|e| is_editorial(e.kind))
        {
            return;
        }
        if let Units::Both { old: o, new: n } = &c.units {
            // one side said by a restatement around it, the other not: the unit
            // left outside it goes (a § of a Teil restated whole that had this
            // number stood elsewhere), or comes
            let (old_said, new_said) = (
                out.consumed.old.contains(o.id.as_str()),
                out.consumed.new.contains(n.id.as_str()),
            );
            if new_said && !old_said && !o.kind.is_gliederung() && self.nameable(&o.id) {
                return self.removed(out, o, ChangeKind::Removed);
            }
            if old_said && !new_said && !n.kind.is_gliederung() {
                return self.inserted(out, n, ChangeKind::Inserted);
            }
        }
        if out.consumed.covers(c) || self.gliederung_renumbered(out, c) {
            return;
        }
        let id = c.id();
        if let Some(ueb) = self.inhaltsuebersicht_of(id) {
            return self.entry(out, ueb);
        }
        // "renumbered" into another unit (§ 475 Absatz 2 → § 476 Absatz 2): no command
        // renumbers across units; the old one goes, the new one is inserted
        if self.carried(c) {
            // renumbered with the unit around it; a change of its wording is
            // said in the old numbering, before the renumbering
            return self.carried_wording(out, c);
        }
        // the text of a § without Absätze is named by the §: „In § 1 werden …“
        if let Some((p, cmd)) = self.text_command(c) {
            return out.push(unit_of(p), cmd);
        }
        if !self.nameable(id) && !self.dup_inserted(c) {
            self.unnameable(out, id);
            return;
        }
        if !self.carried_unit(out, c) {
            self.by_kind(out, c);
        }
    }

    /// A unit carried unchanged by a renumbered unit around it: no command;
    /// what the change pairs it with on the other side is a unit of its own.
    /// True when `c` is such a unit.
    fn carried_unit(&self, out: &mut Commands, c: &Change) -> bool {
        let old_carried = c
            .old()
            .is_some_and(|o| self.carried_old.contains_key(o.id.as_str()));
        let new_carried = c
            .new_unit()
            .is_some_and(|n| self.carried_new.contains(&n.id));
        if old_carried || new_carried {
            match (&c.units, old_carried, new_carried) {
                (Units::Both { new: n, .. }, true, false)
                    if !out.consumed.new.contains(n.id.as_str()) =>
                {
                    self.inserted(out, n, ChangeKind::Inserted)
                }
                (Units::Both { old: o, .. }, false, true)
                    if !out.consumed.old.contains(o.id.as_str()) =>
                {
                    self.removed(out, o, ChangeKind::Removed)
                }
                _ => {}
            }
            return true;
        }
        false
    }

    /// The command for a change by its kind (inserted, removed, renumbered,
    /// repealed, modified).
    fn by_kind(&self, out: &mut Commands, c: &Change) {
        let kind = match (c.kind, c.pair.as_deref()) {
            (ChangeKind::Renumbered, Some(p)) if parent(p) != parent(c.id()) => ChangeKind::Moved,
            // past a unit that stays (Absatz 3 → 5 over an Absatz 4 restated in
            // place): a renumbering would leave them out of order
            (ChangeKind::Renumbered, Some(p))
                if (c.new_unit().is_some() && self.crosses_a_sibling(p, c.id()))
                    || (c.new_unit().is_none() && self.crosses_a_sibling(c.id(), p)) =>
            {
                ChangeKind::Moved
            }
            (k, _) => k,
        };
        match (kind, &c.units) {
            (
                ChangeKind::Inserted | ChangeKind::Moved,
                Units::New { new: e } | Units::Both { new: e, .. },
            ) => self.inserted(out, e, kind),
            (
                ChangeKind::Removed | ChangeKind::Moved | ChangeKind::Renumbered,
                Units::Old { old: e },
            ) => self.removed(out, e, kind),
            (ChangeKind::Renumbered, _) => self.renumbered(out, c),
            (ChangeKind::Repealed, Units::Old { old: e } | Units::Both { old: e, .. }) => {
                self.repealed(out, e)
            }
            (ChangeKind::Modified, Units::Both { old: o, new: n })
                if self.changes_heading(o, n) =>
            {
                // restated in place it would stay under its old heading
                self.inserted(out, n, ChangeKind::Moved)
            }
            (ChangeKind::Modified, Units::Both { old: o, new: n }) => {
                self.modified(out, o, n, &c.words)
            }
            _ => {}
        }
    }

    /// Gliederung renumbered: one chain of "Der bisherige Titel 4 wird Titel 5." per
    /// parent, the last first; the units under them follow. True when `c` is said so.
    fn gliederung_renumbered(&self, out: &mut Commands, c: &Change) -> bool {
        let Some(p) = c.pair.as_deref() else {
            return false;
        };
        if !matches!(c.kind, ChangeKind::Renumbered | ChangeKind::Moved) {
            return false;
        }
        let (o_id, n_id) = if c.new_unit().is_none() {
            (c.id(), p)
        } else {
            (p, c.id())
        };
        let gl = c
            .new_unit()
            .or(c.old())
            .is_some_and(|e| e.kind.is_gliederung());
        if gl && self.sibling_renum.get(o_id) == Some(&n_id) {
            if c.new_unit().is_some() && !out.renumbered_done.contains(n_id) {
                self.emit_chain(out, parent(n_id));
            }
            return true;
        }
        // a unit under a renumbered Gliederung unit, with its own number unchanged
        // (not a heading that moved among the §§ with its number: HGB's Titel 10)
        if gl && self.translate(o_id) == n_id && !(c.kind == ChangeKind::Moved && o_id == n_id) {
            if c.new_unit().is_some() {
                self.retitle(out, o_id, n_id);
            }
            return true;
        }
        false
    }

    /// A second unit of a number inserted after the first ("Nach § 148 wird folgender
    /// § 148 eingefügt"): only its anchor is named, and the old text has it once.
    fn dup_inserted(&self, c: &Change) -> bool {
        let id = c.id();
        c.old().is_none()
            && matches!(c.kind, ChangeKind::Inserted)
            && id.rsplit_once('_').map_or(id, |(_, l)| l).contains("-dup")
            && id.rsplit_once('_').is_none_or(|(p, _)| self.nameable(p))
            && id.rsplit_once("-dup").is_some_and(|(base, _)| {
                self.old_ix.contains_key(base)
                    && !self.old_ix.contains_key(format!("{base}-dup2").as_str())
            })
    }

    fn is_inhaltsuebersicht(&self, id: &str) -> bool {
        self.new_ix
            .get(id)
            .or_else(|| self.old_ix.get(id))
            .is_some_and(|n| n.kind == Kind::Inhaltsuebersicht)
    }

    /// The id of the Inhaltsübersicht a unit is an entry (a line) of.
    fn inhaltsuebersicht_of(&self, id: &str) -> Option<&'a str> {
        let (parent, _) = self
            .new_parents
            .get(id)
            .or_else(|| self.old_parents.get(id))?;
        let entry = self.new_ix.get(id).or_else(|| self.old_ix.get(id))?;
        (parent.kind == Kind::Inhaltsuebersicht
            && matches!(entry.kind, Kind::Text | Kind::Listenpunkt))
        .then_some(parent.id.as_str())
    }

    /// The changes of an Inhaltsübersicht, once, by the Angaben of its lines
    /// as the Handbuch writes them; the whole Inhaltsübersicht anew where a
    /// line has no Angabe of its own.
    fn entry(&self, out: &mut Commands, ueb: &str) {
        if out.consumed.new.contains(ueb) || out.consumed.old.contains(ueb) {
            return;
        }
        let Some(cmds) = self.entry_cmds(ueb) else {
            return self.restate_inhaltsuebersicht(out, ueb);
        };
        if let Some(n) = self.new_ix.get(ueb) {
            out.consumed.take_new(n);
        }
        if let Some(o) = self.old_ix.get(ueb) {
            out.consumed.take_old(o);
        }
        for c in cmds {
            out.push(ueb, c);
        }
    }

    /// The lines of an Inhaltsübersicht by their Angaben; `None` when a line
    /// has none or shares it with another.
    fn entry_lines(ix: &FxHashMap<&str, &Node>, ueb: &str) -> Option<Vec<(String, String)>> {
        let lines: Vec<(String, String)> = match ix.get(ueb) {
            Some(u) => u
                .children
                .iter()
                .map(|c| {
                    let t = syntax::print::own_text(c);
                    entry_label(&t).map(|l| (l, t))
                })
                .collect::<Option<_>>()?,
            None => Vec::new(),
        };
        let mut labels: Vec<&String> = lines.iter().map(|(l, _)| l).collect();
        labels.sort();
        labels.dedup();
        (labels.len() == lines.len()).then_some(lines)
    }

    /// "Die Angabe zu § 5 wird wie folgt gefasst", "… gestrichen", "Nach der
    /// Angabe zu § 4 wird folgende Angabe eingefügt" for one Inhaltsübersicht.
    fn entry_cmds(&self, ueb: &str) -> Option<Vec<String>> {
        let old = Self::entry_lines(&self.old_ix, ueb)?;
        let new = Self::entry_lines(&self.new_ix, ueb)?;
        if old.is_empty() || new.is_empty() {
            return None;
        }
        // (place in the new list, twice, odd for its lines; command): in the order of the law
        let mut cmds: Vec<(usize, String)> = Vec::new();
        let at_new = |label: &str| new.iter().position(|(l, _)| l == label);
        let mut after = 0; // the place after the last old line that stays
        for (label, text) in &old {
            match at_new(label) {
                Some(i) => {
                    after = 2 * i + 2;
                    if new[i].1 != *text {
                        let t = &new[i].1;
                        cmds.push((
                            2 * i + 1,
                            format!("Die Angabe zu {label} wird wie folgt gefasst:\n„{t}“"),
                        ));
                    }
                }
                None => cmds.push((after, format!("Die Angabe zu {label} wird gestrichen."))),
            }
        }
        for (i, (label, text)) in new.iter().enumerate() {
            if old.iter().any(|(l, _)| l == label) {
                continue;
            }
            cmds.push((
                2 * i + 1,
                match i.checked_sub(1).map(|k| &new[k].0) {
                    Some(prev) => {
                        format!(
                            "Nach der Angabe zu {prev} wird folgende Angabe eingefügt:\n„{text}“"
                        )
                    }
                    None => {
                        // before the first line that was there (the first new line that is old)
                        let next = new
                            .iter()
                            .map(|(l, _)| l)
                            .find(|l| old.iter().any(|(o, _)| o == *l))?;
                        format!(
                            "Vor der Angabe zu {next} wird folgende Angabe eingefügt:\n„{text}“"
                        )
                    }
                },
            ));
        }
        cmds.sort_by_key(|c| c.0);
        Some(cmds.into_iter().map(|c| c.1).collect())
    }

    /// "Die Inhaltsübersicht wird wie folgt gefasst:", once.
    fn restate_inhaltsuebersicht(&self, out: &mut Commands, ueb: &str) {
        let Some(n) = self.new_ix.get(ueb) else {
            return;
        };
        if out.consumed.new.contains(ueb) {
            return;
        }
        out.consumed.take_new(n);
        if let Some(o) = self.old_ix.get(ueb) {
            out.consumed.take_old(o);
        }
        let lines: Vec<String> = n.children.iter().map(syntax::print::own_text).collect();
        out.push(
            ueb,
            format!(
                "Die Inhaltsübersicht wird wie folgt gefasst:\n„{}“",
                lines.join("\n")
            ),
        );
    }

    /// Whether the new unit `new_id` is an old one renumbered among its
    /// siblings ("Der bisherige Absatz 3 wird Absatz 4"), said before insertions.
    fn renumbered_in_place(&self, new_id: &str) -> bool {
        self.changes.iter().any(|c| {
            c.kind == ChangeKind::Renumbered
                && c.new_unit().is_some_and(|n| n.id == new_id)
                && c.pair.as_deref().is_some_and(|p| {
                    parent(p) == parent(new_id) && !self.crosses_a_sibling(p, new_id)
                })
        })
    }

    /// A unit renumbered only because the unit around it was (Nummer 3
    /// Buchstabe a of a Nummer 3 that becomes Nummer 4): the renumbering of
    /// that unit says it.
    fn carried(&self, c: &Change) -> bool {
        let moved = matches!(c.kind, ChangeKind::Renumbered | ChangeKind::Moved);
        let Some(p) = c.pair.as_deref().filter(|_| moved) else {
            return false;
        };
        let (old_id, new_id) = if c.new_unit().is_some() {
            (p, c.id())
        } else {
            (c.id(), p)
        };
        last_seg(old_id) == last_seg(new_id)
            && parent(old_id) != parent(new_id)
            && self
                .renumbered_pairs
                .contains(&(parent(old_id), parent(new_id)))
    }

    /// A § with its number kept that now stands under another heading, both
    /// of which are there before and after (HGB 2013 → 2018: § 315a left
    /// Titel 10 for Titel 9, and Titel 10 got § 315e).
    fn changes_heading(&self, o: &Entry, n: &Entry) -> bool {
        if !o.kind.is_einzelvorschrift() || !addressable(&o.id) {
            return false;
        }
        let (Some((op, _)), Some((np, _))) = (
            self.old_parents.get(o.id.as_str()),
            self.new_parents.get(n.id.as_str()),
        ) else {
            return false;
        };
        let (op, np) = (op.id.as_str(), np.id.as_str());
        op != np
            && op.contains('-')
            && np.contains('-')
            && self.new_ix.contains_key(op)
            && self.old_ix.contains_key(np)
            && !self.removed_old.contains(op)
            && !self.removed_old.contains(np)
            && !self.added_new.contains(op)
            && !self.added_new.contains(np)
            && !self.shifted.contains(op)
            && !self.shifted.contains(np)
            && !self.struck_old.contains(op)
    }

    /// Whether a unit renumbered from `old_id` to `new_id` passes a sibling
    /// that keeps its number (before it in one Fassung, after it in the other).
    fn crosses_a_sibling(&self, old_id: &str, new_id: &str) -> bool {
        let (Some((op, oi)), Some((np, ni))) =
            (self.old_parents.get(old_id), self.new_parents.get(new_id))
        else {
            return false;
        };
        op.children.iter().enumerate().any(|(j, s)| {
            let id = s.id.as_str();
            id != old_id
                && !self.removed_old.contains(id)
                && !self.added_new.contains(id)
                && !self.shifted.contains(id)
                && self
                    .new_parents
                    .get(id)
                    .is_some_and(|(p2, nj)| p2.id == np.id && (j < *oi) != (*nj < *ni))
        })
    }

    /// The unit restated for `c` when no command can name the unit `c` changes:
    /// the nearest one around it that can be named (see [`Self::unnameable`]).
    fn restatement_root(&self, c: &'a Change) -> Option<&'a str> {
        let e = c.new_unit().or(c.old())?;
        if c.kind == ChangeKind::Layout
            || is_editorial(e.kind)
            || self.inhaltsuebersicht_of(c.id()).is_some()
            || self.nameable(c.id())
            || self.dup_inserted(c)
            // renumbered with the unit around it: that renumbering says it
            || (self.carried(c) && c.words.is_empty())
            || self.text_command(c).is_some()
        {
            return None;
        }
        let mut cur = c.id();
        loop {
            match cur.rsplit_once('_') {
                Some((p, _)) if self.nameable(p) => {
                    // only a unit both Fassungen have is restated in place
                    let both = self.old_ix.contains_key(p)
                        && self.new_ix.contains_key(p)
                        && !self.removed_old.contains(p)
                        && !self.added_new.contains(p);
                    if both {
                        return Some(p);
                    }
                    // a Gliederung unit that goes, but would leave „(weggefallen)“ and
                    // its text behind: the unit around it that both have is restated
                    let gliederung_left_behind =
                        self.old_ix.get(p).is_some_and(|n| n.kind.is_gliederung())
                            && !self.new_ix.contains_key(p)
                            && keeps_placeholder(&self.old_parents, p);
                    if !gliederung_left_behind {
                        return None;
                    }
                    cur = p;
                }
                Some((p, _)) => cur = p,
                None => return None,
            }
        }
    }

    /// A unit a command cannot name (no number, or its number twice): the unit
    /// around it that can be named is restated.
    fn unnameable(&self, out: &mut Commands, id: &str) {
        let mut cur = id;
        let anc = loop {
            if self.nameable(cur) {
                break Some(cur);
            }
            match cur.rsplit_once('_') {
                Some((p, _)) => cur = p,
                None => break None,
            }
        };
        if let Some(a) = anc {
            return self.restate_unit(out, a);
        }
        // no name of its own up to the §: the Gliederung unit around it, restated whole
        // (two § 37 that swap places: "Abschnitt 5 wird wie folgt gefasst")
        let mut at = cur;
        let around = loop {
            let Some((p, _)) = self
                .new_parents
                .get(at)
                .or_else(|| self.old_parents.get(at))
            else {
                break None;
            };
            if p.kind.is_gliederung()
                && self.nameable(&p.id)
                && self.old_ix.contains_key(p.id.as_str())
                && self.new_ix.contains_key(p.id.as_str())
            {
                break Some(p.id.as_str());
            }
            at = p.id.as_str();
        };
        match around.and_then(|g| Some((g, self.new_ix.get(g)?))) {
            Some((g, n)) => self.fassen(out, g, citation_of(g, self.old), n),
            // no command can say it: listed apart, never written into the amending law
            None => {
                let node = self.new_ix.get(id).or_else(|| self.old_ix.get(id));
                out.unexpressed.push(Unexpressed {
                    id: id.to_string(),
                    kind: node.map_or(Kind::Text, |n| n.kind),
                    line: node.map_or(0, |n| n.span.line),
                    in_new: self.new_ix.contains_key(id),
                });
            }
        }
    }

    /// A unit of the new Fassung inserted (or moved here).
    fn inserted(&self, out: &mut Commands, e: &Entry, kind: ChangeKind) {
        let Some(node) = self.new_ix.get(e.id.as_str()) else {
            return;
        };
        let gliederung = e.kind.is_gliederung();
        // a unit moved with its number (FZV: Anlage 10a now after Anlage 10) goes
        // first, so that the law never has the number twice
        if (kind == ChangeKind::Moved
            || (unit_of(&e.id) == e.id && self.gone_old.contains(e.id.as_str())))
            && !gliederung
            && addressable(&e.id)
        {
            if let Some(o) = self.old_ix.get(e.id.as_str()) {
                if !out.consumed.old.contains(e.id.as_str()) {
                    out.consumed.take_old(o);
                    let verb = repeal_verb(&self.old_parents, &e.id);
                    // a command of its own: under "Anlage 9 wird wie folgt geändert"
                    // the insertion would lose its number
                    let cmd = format!("{} wird {verb}.", citation_of(&e.id, self.old));
                    out.push_at(String::new(), &e.id, cmd);
                }
            }
        }
        let quoted = if gliederung {
            // a heading: the units after it stay where they are and fall under it
            let mut h = (*node).clone();
            h.children.clear();
            restated(&h)
        } else {
            out.consumed.take_new(node);
            restated(node)
        };
        let ins = Insertion::new(self, e, quoted);
        if gliederung {
            // the new number is free once its siblings are renumbered
            self.emit_chain(out, parent(&e.id));
            let cmd = self.insert_heading(out, &ins);
            out.push_at(insert_key(&e.id), unit_of(&e.id), ins.agree(cmd));
        } else {
            let cmd = self.insert_unit(out, &ins);
            let key = self.as_before(&insert_key(&e.id));
            if key != insert_key(&e.id) {
                out.early.insert(out.cmds.len(), unit_of(&e.id).to_string());
            }
            out.push_at(key, unit_of(&e.id), ins.agree(cmd));
        }
    }

    /// Where a new heading goes: after the last § (or heading) before it, or
    /// before the first after it.
    fn insert_heading(&self, out: &Commands, ins: &Insertion) -> String {
        let (e, pos, new) = (ins.e, ins.pos, self.new);
        let before = new[..pos].iter().rev().find(|x| anchor_unit(x));
        let after = new[pos + 1..].iter().find(|x| anchor_unit(x));
        // right below the heading it belongs to ("Nach Untertitel 1" would put
        // it after that unit): before the unit it takes in, or into the heading
        let parent_heading = before.filter(|b| e.id.starts_with(&format!("{}_", b.id)));
        // the first unit after it that is there already (new ones follow later)
        let after_stays = new[pos + 1..].iter().find(|x| {
            anchor_unit(x)
                && ((self.old_ix.contains_key(x.id.as_str())
                    && !self.removed_old.contains(x.id.as_str())
                    && !out.consumed.old.contains(x.id.as_str()))
                    || out.renumbered_done.contains(x.id.as_str()))
        });
        // (a unit after the parent heading's end is no anchor: the heading would land outside it)
        let inside =
            |a: &&Entry| parent_heading.is_none_or(|h| within(&self.new_parents, &a.id, &h.id));
        let (before, after) = match parent_heading {
            Some(_) => (None, after_stays.filter(inside)),
            None => (before, after),
        };
        match (before, after, parent_heading) {
            (None, None, Some(h)) => ins.appended_to(self, &h.id),
            (Some(b), _, _) => ins.next_to(self, true, &b.id),
            (_, Some(a), _) => ins.next_to(self, false, &a.id),
            _ => ins.appended_to_law(self),
        }
    }

    /// Where a new §, Absatz, Nummer … goes: after its sibling before it,
    /// before its sibling after it, or appended to its parent.
    fn insert_unit(&self, out: &Commands, ins: &Insertion) -> String {
        let (e, pos, new) = (ins.e, ins.pos, self.new);
        let sibling =
            |x: &&Entry| x.kind == e.kind && x.depth == e.depth && parent(&x.id) == parent(&e.id);
        let sibling_before = new[..pos].iter().rev().find(sibling);
        // a § before which a heading starts is under another heading
        let same_heading = |k: usize| {
            !e.kind.is_einzelvorschrift()
                || !new[pos + 1..pos + 1 + k]
                    .iter()
                    .any(|x| x.kind.is_gliederung())
        };
        let any_after = new[pos + 1..]
            .iter()
            .position(|x| sibling(&x))
            .filter(|&k| same_heading(k));
        // a unit after it only helps as an anchor if it is there and stays
        // (the old Absatz 2 that goes is not the new Absatz 2)
        let sibling_after = new[pos + 1..]
            .iter()
            .position(|x| {
                sibling(&x)
                    && ((self.old_ix.contains_key(x.id.as_str())
                        && !self.removed_old.contains(x.id.as_str())
                        && !out.consumed.old.contains(x.id.as_str()))
                        // renumbered into its place before the insertions (the
                        // renumberings of a unit come first)
                        || self.renumbered_in_place(&x.id))
            })
            .filter(|&k| same_heading(k))
            .map(|k| &new[pos + 1 + k]);
        let p = parent(&e.id);
        let para_like = e.kind.is_einzelvorschrift() || e.kind.is_annex();
        // a § right after a heading: before the next § that is there, or into the heading
        let heading_before = e.kind.is_einzelvorschrift()
            && new[..pos]
                .iter()
                .rev()
                .find(|x| x.kind.is_einzelvorschrift() || x.kind.is_gliederung())
                .is_some_and(|x| x.kind.is_gliederung());
        if heading_before {
            return match (
                sibling_after,
                new[..pos].iter().rev().find(|x| x.kind.is_gliederung()),
            ) {
                (None, Some(h)) if self.nameable(&h.id) => ins.appended_to(self, &h.id),
                // a heading no command can name: after the § before it
                (None, Some(_)) => match new[..pos]
                    .iter()
                    .rev()
                    .find(|x| x.kind.is_einzelvorschrift() && self.nameable(&x.id))
                {
                    Some(b) => ins.next_to(self, true, &b.id),
                    None => ins.appended_to_law(self),
                },
                (Some(a), _) => ins.next_to(self, false, &a.id),
                (None, None) => ins.appended_to_law(self),
            };
        }
        match (sibling_before, sibling_after) {
            (Some(_), None) if !p.is_empty() && !para_like && any_after.is_none() => {
                ins.appended_to(self, p)
            }
            (Some(b), _) => ins.next_to(self, true, &b.id),
            (None, Some(a)) => ins.next_to(self, false, &a.id),
            (None, None) if p.is_empty() || para_like => {
                // the first § of its kind: after whatever precedes it
                let prev = new[..pos].iter().rev().find(|x| {
                    addressable(&x.id)
                        && !is_editorial(x.kind)
                        && !x.id.starts_with(&format!("{}_", e.id))
                });
                let last = !new[pos + 1..]
                    .iter()
                    .any(|x| addressable(&x.id) && !x.id.starts_with(&format!("{}_", e.id)));
                match prev.filter(|_| !last) {
                    Some(b)
                        if b.kind.is_einzelvorschrift()
                            || b.kind.is_gliederung()
                            || b.kind.is_annex() =>
                    {
                        ins.next_to(self, true, &b.id)
                    }
                    _ => ins.appended_to_law(self),
                }
            }
            (None, None) => ins.appended_to(self, p),
        }
    }

    /// A unit of the old Fassung that goes (removed, or renumbered or moved away).
    fn removed(&self, out: &mut Commands, e: &Entry, kind: ChangeKind) {
        if e.kind.is_gliederung() {
            if out.struck_done.contains(e.id.as_str()) {
                return;
            }
            // nothing under it stays: the unit goes whole ("Abschnitt 10 wird aufgehoben")
            if let Some(o) = self.old_ix.get(e.id.as_str()) {
                let mut all_gone = true;
                o.walk(&mut |d, depth| {
                    all_gone &= depth == 0 || self.removed_old.contains(d.id.as_str());
                });
                if all_gone
                    && !o.children.is_empty()
                    && !out.consumed.old.contains(e.id.as_str())
                    && repeal_verb(&self.old_parents, &e.id) == "aufgehoben"
                {
                    out.consumed.take_old(o);
                    out.struck_done.insert(e.id.clone());
                    out.push(
                        unit_of(&e.id),
                        format!("{} wird aufgehoben.", citation_of(&e.id, self.old)),
                    );
                    return;
                }
            }
            // the heading goes; the units under it stay
            let strike = (
                e.id.matches('_').count(),
                unit_of(&e.id).to_string(),
                format!("{} wird gestrichen.", citation_of(&e.id, self.old)),
            );
            // a heading inside it struck later still needs its path: this one
            // goes right after the last of them
            let last_inner = self.old.iter().rev().find(|x| {
                self.struck_old.contains(x.id.as_str()) && within(&self.old_parents, &x.id, &e.id)
            });
            match last_inner {
                Some(x) if !out.struck_done.contains(x.id.as_str()) => {
                    out.deferred_strikes
                        .entry(x.id.clone())
                        .or_default()
                        .push(strike);
                }
                _ => out.strikes.push(strike),
            }
            out.struck_done.insert(e.id.clone());
            if let Some(more) = out.deferred_strikes.remove(e.id.as_str()) {
                out.strikes.extend(more);
            }
            return;
        }
        if let Some(o) = self.old_ix.get(e.id.as_str()) {
            out.consumed.take_old(o);
        }
        if kind == ChangeKind::Renumbered {
            return; // said with the new number
        }
        let verb = repeal_verb(&self.old_parents, &e.id);
        out.push(
            unit_of(&e.id),
            format!("{} wird {verb}.", subject(&e.id, self.old)),
        );
    }

    /// "Der bisherige § 4 wird § 5." (and its new wording, where it changed).
    fn renumbered(&self, out: &mut Commands, c: &Change) {
        let (Some(n), Some(p)) = (c.new_unit(), &c.pair) else {
            return;
        };
        let o = self.old.iter().find(|x| x.id == *p);
        if let (Some(o), Some(nn)) = (o.and_then(|o| o.num.as_deref()), n.num.as_deref()) {
            if is_multi(o) && syntax::vocab::same_numbers(o, nn) {
                // "§§ 114, 115" now reads "§§ 114 und 115": the same units, restated
                if let Some(node) = self.new_ix.get(n.id.as_str()) {
                    return self.fassen(out, p, citation_of(p, self.old), node);
                }
            }
        }
        let cmd = format!(
            "Der bisherige {} wird {}.",
            citation_of(p, self.old),
            last_part(&citation_of(&n.id, self.new))
        );
        if o.is_none_or(|o| o.text != n.text || o.title != n.title) {
            // "… wird § 15 und wie folgt gefasst:" (merged in `numbered`)
            out.push(unit_of(&n.id), cmd);
            let at = out.cmds.len();
            self.restate_unit(out, &n.id);
            out.late.insert(out.cmds.len() - 1);
            // a unit below the § restated in one command: merged here, so
            // that no command names its new number while the unit that had
            // that number is still there
            if unit_of(&n.id) != n.id && out.cmds.len() == at + 1 {
                let merged = out.cmds[at - 1]
                    .1
                    .strip_suffix('.')
                    .zip(out.cmds[at].1.split_once(" wird wie folgt gefasst:"))
                    .map(|(r, (_, quoted))| format!("{r} und wie folgt gefasst:{quoted}"));
                if let Some(m) = merged {
                    out.cmds[at - 1].1 = m;
                    out.cmds.pop();
                    out.late.remove(&at);
                }
            }
        } else if unit_of(&n.id) == n.id {
            // a § renumbered stands alone: grouped under its new number it
            // would join the commands of the § that had that number before
            out.push_at(String::new(), &n.id, cmd);
        } else {
            out.push(unit_of(&n.id), cmd);
        }
    }

    /// A unit now „(weggefallen)“.
    fn repealed(&self, out: &mut Commands, e: &Entry) {
        if keeps_placeholder(&self.old_parents, &e.id) {
            if let Some(o) = self.old_ix.get(e.id.as_str()) {
                out.consumed.take_old(o);
            }
            out.push(
                unit_of(&e.id),
                format!("{} wird aufgehoben.", citation_of(&e.id, self.old)),
            );
        } else {
            self.restate_unit(out, &e.id);
        }
    }

    /// A unit with other wording: its heading anew, word commands, or its new wording.
    fn modified(&self, out: &mut Commands, o: &Entry, n: &Entry, words: &[WordEdit]) {
        let place = citation_of(&o.id, self.old);
        let heading = o.kind.is_einzelvorschrift() || o.kind.is_gliederung() || o.kind.is_annex();
        if o.marker != n.marker || (o.title != n.title && !heading) {
            return self.restate_pair(out, &o.id, &n.id);
        }
        if o.title != n.title {
            match &n.title {
                Some(t) => out.push(unit_of(&o.id), ueberschrift(&place, t)),
                None => return self.restate_pair(out, &o.id, &n.id),
            }
        }
        if o.text != n.text {
            let count = |s: &str| self.count_in_unit(&o.id, s);
            let saetze = self.saetze(&o.id, &o.text);
            match word_command(&place, &o.text, words, &count, &saetze) {
                Some(cmd) => out.push(unit_of(&o.id), cmd),
                None => self.restate_pair(out, &o.id, &n.id),
            }
        }
    }

    /// The old unit `o` restated as the new unit `n` reads, named by its old
    /// number (a unit carried by a renumbered § is named as it was).
    fn restate_pair(&self, out: &mut Commands, o: &str, n: &str) {
        match self.new_ix.get(n) {
            Some(node) if o != n => self.fassen(out, o, citation_of(o, self.old), node),
            _ => self.restate_unit(out, o),
        }
    }

    /// A unit carried by a renumbered unit around it (Absatz 1 of the old §
    /// 4, now § 5) with other wording: the command names it by its old
    /// number; the renumbering of the § follows.
    fn carried_wording(&self, out: &mut Commands, c: &Change) {
        // said once, at the new unit: its old one is the pair
        let Some(n) = c.new_unit() else {
            return;
        };
        let from = out.cmds.len();
        self.carried_commands(out, c, n);
        for i in from..out.cmds.len() {
            out.early.insert(i, unit_of(&n.id).to_string());
        }
    }

    fn carried_commands(&self, out: &mut Commands, c: &Change, n: &Entry) {
        let Some(o) = c.old().or_else(|| {
            let p = c.pair.as_deref()?;
            self.old.iter().find(|e| e.id == p)
        }) else {
            return;
        };
        if o.marker == n.marker && o.title == n.title && o.text == n.text {
            return;
        }
        if o.kind != Kind::Text {
            return self.modified(out, o, n, &c.words);
        }
        // a paragraph of text: named by the unit that holds it, where it is
        // all that unit says ("In § 4 werden …"), else that unit restated
        let (p, np) = (parent(&o.id), parent(&n.id));
        let Some(unit) = self.old_ix.get(p) else {
            return self.unnameable(out, &n.id);
        };
        let content = unit
            .children
            .iter()
            .filter(|k| !is_editorial(k.kind))
            .count();
        if content == 1 && syntax::print::own_text(unit).is_empty() && self.nameable(p) {
            let place = citation_of(p, self.old);
            let count = |s: &str| self.count_in_unit(p, s);
            let saetze = self.saetze(&o.id, &o.text);
            if let Some(cmd) = word_command(&place, &o.text, &c.words, &count, &saetze) {
                return out.push(unit_of(p), cmd);
            }
        }
        if self.nameable(p) && !out.consumed.old.contains(p) {
            self.restate_pair(out, p, np);
        }
    }

    /// The unit that names the text `c` changes in place: a paragraph of
    /// text of a § (or Absatz, Nummer …) that commands can name, the same
    /// unit before and after.
    fn text_named_by_parent(&self, c: &'a Change) -> Option<&'a str> {
        let Units::Both { old: o, new: n } = &c.units else {
            return None;
        };
        if c.kind != ChangeKind::Modified || o.id != n.id || o.kind != Kind::Text {
            return None;
        }
        let (p, last) = o.id.rsplit_once('_')?;
        let unit = self.old_ix.get(p)?;
        // only a text that is all the unit says: beside its own text or a
        // list, "In § 30 Absatz 2" would name those too
        let content = unit
            .children
            .iter()
            .filter(|k| !is_editorial(k.kind))
            .count();
        (last.starts_with("text-")
            && content == 1
            && syntax::print::own_text(unit).is_empty()
            && self.nameable(p)
            && self.new_ix.contains_key(p)
            && !self.shifted.contains(p)
            && !self.removed_old.contains(p)
            && !self.added_new.contains(p))
        .then_some(p)
    }

    /// The word command for the text `c` changes, said in the unit that
    /// names it ("In § 1 werden …"), where one can say it.
    fn text_command(&self, c: &'a Change) -> Option<(&'a str, String)> {
        let p = self.text_named_by_parent(c)?;
        let (o, n) = (c.old()?, c.new_unit()?);
        if o.text == n.text {
            return None;
        }
        let place = citation_of(p, self.old);
        let count = |s: &str| self.count_in_unit(p, s);
        let saetze = self.saetze(&o.id, &o.text);
        word_command(&place, &o.text, &c.words, &count, &saetze).map(|cmd| (p, cmd))
    }

    /// The Sätze of the old unit `id` as byte ranges of its `text`, in order
    /// (the numbers a command counts them by); empty where they are not
    /// found in it one after the other.
    fn saetze(&self, id: &str, text: &str) -> Vec<(usize, usize)> {
        let Some(node) = self.old_ix.get(id) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut at = 0;
        for c in node.children.iter().filter(|c| c.kind == Kind::Satz) {
            let Some(t) = c.text.as_deref().filter(|t| !t.is_empty()) else {
                return Vec::new();
            };
            let Some(i) = text.get(at..).and_then(|rest| rest.find(t)) else {
                return Vec::new();
            };
            out.push((at + i, at + i + t.len()));
            at += i + t.len();
        }
        out
    }

    /// Whether the words `s` occur once in the old unit `id` (all its text and cells).
    fn count_in_unit(&self, id: &str, s: &str) -> usize {
        let Some(node) = self.old_ix.get(id) else {
            return 0;
        };
        let f = crate::Objekt {
            text: s.to_string(),
            am_ende: false,
        };
        let mut count = 0;
        node.walk(&mut |d, _| {
            if d.kind != Kind::Satz {
                let t = syntax::print::own_text(d);
                count += crate::apply::occurrences(&t, &f).len();
                for c in &d.cells {
                    count += crate::apply::occurrences(c, &f).len();
                }
            }
        });
        count
    }

    /// Groups that name a unit of a renumbered § by the §'s old number go
    /// before the first renumbering of a § that gives or takes that number
    /// („In § 4 Absatz 1 …“ before „Die bisherigen §§ 3 und 4 werden die §§ 4
    /// und 5.“).
    fn early_first(
        &self,
        mut groups: Vec<(String, Vec<(String, bool)>)>,
        early: &[Option<String>],
        real: &FxHashMap<String, String>,
    ) -> Vec<(String, Vec<(String, bool)>)> {
        let mut order: Vec<usize> = (0..groups.len()).collect();
        for gi in 0..groups.len() {
            let Some(new_id) = &early[gi] else { continue };
            let old_id = groups[gi].0.clone();
            // the renumbering groups: a plain "Der bisherige § x wird § y."
            let touches = |k: usize| {
                let (u, cs) = &groups[k];
                u.is_empty()
                    && cs.len() == 1
                    && plain_renumbering(&cs[0].0).is_some()
                    && real
                        .get(&cs[0].0)
                        .is_some_and(|r| r == new_id || *r == old_id)
            };
            let pos = order.iter().position(|&k| k == gi).unwrap_or(0);
            if let Some(first) = order[..pos].iter().position(|&k| touches(k)) {
                let g = order.remove(pos);
                order.insert(first, g);
            }
        }
        let mut taken: Vec<Option<Group>> = groups.drain(..).map(Some).collect();
        order.into_iter().filter_map(|k| taken[k].take()).collect()
    }

    /// The commands, grouped per unit and numbered: one command stands
    /// alone, several go under "… wird wie folgt geändert:".
    fn numbered(&self, out: Commands) -> (String, Vec<Numbered>) {
        let real = out.real;
        let mut groups: Vec<(String, Vec<(String, bool)>)> = Vec::new();
        // per group: the renumbered § (its new id) whose old number it names
        let mut early: Vec<Option<String>> = Vec::new();
        for (i, (u, c)) in out.cmds.into_iter().enumerate() {
            let l = out.late.contains(&i);
            let e = out.early.get(&i).cloned();
            match groups.last_mut() {
                Some((gu, v)) if *gu == u && !u.is_empty() => {
                    v.push((c, l));
                    if let (Some(slot), Some(e)) = (early.last_mut(), e) {
                        *slot = Some(e);
                    }
                }
                _ => {
                    groups.push((u, vec![(c, l)]));
                    early.push(e);
                }
            }
        }
        let mut real = real;
        let groups = self.early_first(groups, &early, &real);
        let groups = ranged_renumberings(groups, &mut real);
        // a bundle alone would be a list of one: the reader takes one
        // quotation after a one-change sentence, so it stays apart then
        let bundled = bundled_replacements(groups.clone());
        let groups = if bundled.len() > 1 || bundled.len() == groups.len() {
            bundled
        } else {
            groups
        };
        let mut text = String::new();
        let mut list = Vec::new();
        for (i, (u, mut cs)) in groups.into_iter().enumerate() {
            let at = text.len();
            // the lines of an Inhaltsübersicht are named by their Angaben, not numbers:
            // their commands keep the order of the law
            if !self.is_inhaltsuebersicht(&u) {
                order_group(&mut cs);
                cs = ranged_sub_renumberings(cs);
            }
            // "Der bisherige § 14 wird § 15." and then its new wording: one
            // command ("… wird § 15 und wie folgt gefasst:"), for the unit
            // that the group would name has its new number only after it
            if let [(r, false), (f, true)] = cs.as_slice() {
                if let (Some(r), Some((_, quoted))) = (
                    r.strip_prefix("Der bisherige ")
                        .and_then(|r| r.strip_suffix('.')),
                    f.split_once(" wird wie folgt gefasst:"),
                ) {
                    let merged = format!("Der bisherige {r} und wie folgt gefasst:{quoted}");
                    cs = vec![(merged, false)];
                }
            }
            let n = i + 1;
            if cs.len() == 1 || u.is_empty() {
                text.push_str(&format!("{n}. {}\n\n", indent(&agree(&cs[0].0), 3)));
                let unit = match real.get(&cs[0].0) {
                    Some(r) if u.is_empty() => r.clone(),
                    _ => u,
                };
                list.push(Numbered {
                    unit,
                    nummer: format!("{n}."),
                    text: text[at..].trim_end().to_string(),
                });
                continue;
            }
            let unit = if self.is_inhaltsuebersicht(&u) {
                "Die Inhaltsübersicht".to_string()
            } else if self.new_ix.contains_key(u.as_str()) {
                citation_of(&u, self.new)
            } else {
                citation_of(&u, self.old)
            };
            text.push_str(&format!(
                "{n}. {}\n\n",
                agree(&format!("{unit} wird wie folgt geändert:"))
            ));
            for (k, (c, _)) in cs.iter().enumerate() {
                let rel = agree(&relative(c, &unit));
                text.push_str(&format!("   {}) {}\n\n", letters(k), indent(&rel, 6)));
            }
            list.push(Numbered {
                unit: u,
                nummer: format!("{n}."),
                text: text[at..].trim_end().to_string(),
            });
        }
        (text, list)
    }
}

/// The grammatical gender of a unit's word, which picks its article and the
/// ending of "folgende".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Genus {
    /// "der § 4a", "folgender Absatz 3".
    Maskulinum,
    /// "die Nummer 3", "folgende Anlage 2".
    Femininum,
    /// "das Kapitel 2", "folgendes Buch 3".
    Neutrum,
}

impl Genus {
    /// The definite article in the nominative singular.
    fn article(self) -> &'static str {
        match self {
            Genus::Maskulinum => "der",
            Genus::Femininum => "die",
            Genus::Neutrum => "das",
        }
    }
}

/// A unit to insert: what it is called and how the command agrees with it.
struct Insertion<'a> {
    e: &'a Entry,
    /// Its position among the new Fassung's units.
    pos: usize,
    /// "§ 4a", "§§ 899 bis 915h", "Absatz 3".
    what: String,
    /// Several §§ in one unit: the command is in the plural.
    plural: bool,
    /// The grammatical gender of the unit's word ("der § 4a", "die Nummer 3").
    genus: Genus,
    quoted: String,
}

impl<'a> Insertion<'a> {
    fn new(g: &Generator<'a>, e: &'a Entry, quoted: String) -> Insertion<'a> {
        let pos = g.new.iter().position(|x| x.id == e.id).unwrap_or(0);
        let plural = e.kind.is_einzelvorschrift() && e.num.as_deref().is_some_and(is_multi);
        let what = match &e.num {
            Some(n) if plural && e.kind == Kind::Paragraf => format!("§§ {n}"),
            Some(n) => format!("{} {n}", kind_word(e.kind)),
            None => citation_of(&e.id, g.new),
        };
        let genus = match e.kind {
            Kind::Nummer | Kind::Anlage => Genus::Femininum,
            Kind::Buch | Kind::Kapitel | Kind::Unterkapitel => Genus::Neutrum,
            _ => Genus::Maskulinum,
        };
        Insertion {
            e,
            pos,
            what,
            plural,
            genus,
            quoted,
        }
    }

    /// "Nach § 4 wird der folgende § 4a eingefügt: …" (`nach`), or "Vor § 5 …".
    fn next_to(&self, g: &Generator, nach: bool, id: &str) -> String {
        // a unit after the insertion is renumbered by a later command: before
        // it, it still has its bisherige number (a unit before it has its new
        // one by now)
        let anchor = match g
            .renumbered_pairs
            .iter()
            .find(|(o, n)| *n == id && *o != id)
        {
            Some((o, _))
                if !nach
                    && !g.gone_old.contains(o)
                    && (last_seg(id).starts_with("para-") || last_seg(id).starts_with("art-")) =>
            {
                citation_of(o, g.old)
            }
            // a § before the insertion: renumbered by now
            _ if unit_of(id) == id => citation_of(id, g.new),
            _ => g.cite_new(id),
        };
        format!(
            "{} {} wird {} {} eingefügt:\n{}",
            if nach { "Nach" } else { "Vor" },
            anchor,
            g.folgende(self.genus),
            self.what,
            self.quoted
        )
    }

    /// "Dem § 3 wird der folgende Absatz 4 angefügt: …"
    fn appended_to(&self, g: &Generator, id: &str) -> String {
        format!(
            "{} wird {} {} angefügt:\n{}",
            capitalize(&dative(&g.cite_new(id))),
            g.folgende(self.genus),
            self.what,
            self.quoted
        )
    }

    /// "Dem Gesetz wird der folgende § 9 angefügt: …"
    fn appended_to_law(&self, g: &Generator) -> String {
        format!(
            "Dem Gesetz wird {} {} angefügt:\n{}",
            g.folgende(self.genus),
            self.what,
            self.quoted
        )
    }

    /// "werden die folgenden §§ 899 bis 915h angefügt"
    fn agree(&self, cmd: String) -> String {
        if !self.plural {
            return cmd;
        }
        let (sentence, rest) = cmd.split_at(cmd.find('„').unwrap_or(cmd.len()));
        let mut sentence = sentence.to_string();
        for (from, to) in [
            (" wird der folgende ", " werden die folgenden "),
            (" wird folgender ", " werden folgende "),
        ] {
            sentence = sentence.replacen(from, to, 1);
        }
        sentence + rest
    }
}

/// The Angabe a line of an Inhaltsübersicht begins with: "§ 5 Zweck" → "§ 5",
/// "Abschnitt 2 Pflichten" → "Abschnitt 2"; none for "§§ 3 bis 5 (weggefallen)".
fn entry_label(text: &str) -> Option<String> {
    // "Erstes Buch Allgemeine Vorschriften": the Angabe zu Buch 1
    if let Some(h) = syntax::parse::heading::classify(text) {
        if h.kind.is_gliederung() && h.kind != Kind::Gliederung {
            if let (Some(w), Some(n)) = (syntax::vocab::word(h.kind), h.num.as_deref()) {
                return Some(format!("{w} {n}"));
            }
        }
    }
    let mut words = text.split_whitespace();
    let word = words.next()?;
    let num = words.next()?.trim_end_matches([',', '.', ':', ';']);
    let unit = word == "§" || word == "Artikel" || syntax::vocab::kind_of_word(word).is_some();
    let numbered = num.starts_with(|c: char| c.is_ascii_digit())
        || (!num.is_empty() && num.chars().all(|c| "IVXLC".contains(c)));
    (unit && numbered && word != "§§").then(|| format!("{word} {num}"))
}

/// a), b), ..., z), aa), bb), ...
fn letters(k: usize) -> String {
    let c = char::from(b'a' + (k % 26) as u8);
    std::iter::repeat_n(c, k / 26 + 1).collect()
}

/// Inside one unit: repeals first (they name the old numbers), then changes
/// of wording, then renumberings, then insertions (they name the new numbers).
fn order_group(cs: &mut [(String, bool)]) {
    let phase = |(c, late): &(String, bool)| -> u8 {
        let sentence = c.split('„').next().unwrap_or(c);
        if *late {
            3
        } else if c.starts_with("Der bisherige ") {
            2
        } else if sentence.contains(" eingefügt")
            || sentence.contains(" angefügt")
            || sentence.contains(" vorangestellt")
        {
            4
        } else if !c.starts_with("In ")
            && (c.ends_with(" aufgehoben.") || c.ends_with(" gestrichen."))
        {
            0
        } else {
            1
        }
    };
    cs.sort_by_key(phase);
    let mut plain: Vec<String> = cs.iter().map(|(c, _)| c.clone()).collect();
    order_renumberings(&mut plain);
    for (slot, c) in cs.iter_mut().zip(plain) {
        slot.0 = c;
    }
}

/// Renumberings upwards run from the last unit to the first, so that no two units share a number.
/// "Der bisherige § 3 wird § 4." → (3, 4): a § renumbered, whole numbers only.
fn plain_renumbering(c: &str) -> Option<(u64, u64)> {
    let (a, b) = c
        .strip_prefix("Der bisherige § ")?
        .strip_suffix('.')?
        .split_once(" wird § ")?;
    let num = |s: &str| {
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    Some((num(a)?, num(b)?))
}

/// A § (or Artikel) restated and the units inserted right after it, each a
/// command of its own: one command, as the Handbuch writes it („§ 61 wird
/// durch die folgenden §§ 61 bis 61b ersetzt:“), that never names a § that
/// is not there yet.
fn bundled_replacements(groups: Vec<Group>) -> Vec<Group> {
    let mut out: Vec<Group> = Vec::new();
    // the open bundle: (its group in `out`, kind word, first number, last number, units)
    let mut open: Option<(usize, &'static str, String, String, usize)> = None;
    for (u, cs) in groups {
        if let [(c, late)] = cs.as_slice() {
            if let Some((at, kind, first, last, n)) = open.take() {
                if let Some((next_last, quotes)) = inserted_after(c, kind, &last) {
                    let units = n + next_last.1;
                    let plural = if kind == "§" { "§§" } else { kind };
                    let range = if units == 2 { "und" } else { "bis" };
                    let (_, head_cs) = &mut out[at];
                    let body = head_cs[0]
                        .0
                        .split_once(":\n")
                        .map_or("", |(_, b)| b)
                        .to_string();
                    head_cs[0].0 = format!(
                        "{kind} {first} wird durch die folgenden {plural} {first} {range} {} ersetzt:\n{body}\n{quotes}",
                        next_last.0
                    );
                    open = Some((at, kind, first, next_last.0, units));
                    continue;
                }
            }
            if let Some((kind, num)) = restated_whole(c) {
                out.push((u, vec![(c.clone(), *late)]));
                open = Some((out.len() - 1, kind, num.clone(), num, 1));
                continue;
            }
        }
        open = None;
        out.push((u, cs));
    }
    out
}

/// A line of a unit's items one level up: „a) …“ → „1. …“, „   aa) …“ →
/// „   a) …“; None past „z)“.
fn renumbered_item(l: &str) -> Option<String> {
    let t = l.trim_start();
    let indent = &l[..l.len() - t.len()];
    let Some((m, rest)) = t.split_once(") ") else {
        return Some(l.to_string());
    };
    let first = m.chars().next().filter(char::is_ascii_lowercase);
    match (first, m.chars().count()) {
        (Some(c), 1) if indent.is_empty() => Some(format!("{}. {rest}", c as u32 - 'a' as u32 + 1)),
        (Some(c), 2) if m.chars().all(|x| x == c) && !indent.is_empty() => {
            Some(format!("{indent}{c}) {rest}"))
        }
        (Some(_), _) if indent.is_empty() => None,
        _ => Some(l.to_string()),
    }
}

/// How many quotations stand outside any other.
fn top_level_quotes(s: &str) -> usize {
    let mut depth = 0usize;
    let mut n = 0;
    for c in s.chars() {
        match c {
            '„' => {
                if depth == 0 {
                    n += 1;
                }
                depth += 1;
            }
            '“' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    n
}

/// „§ 61 wird wie folgt gefasst:“ with its quotation: („§“, „61“).
fn restated_whole(c: &str) -> Option<(&'static str, String)> {
    let (head, _) = c.split_once(" wird wie folgt gefasst:\n")?;
    let (kind, num) = head.split_once(' ')?;
    let kind = match kind {
        "§" => "§",
        "Artikel" => "Artikel",
        _ => return None,
    };
    (!num.contains(' ')).then(|| (kind, num.to_string()))
}

/// „Nach § 61 wird der folgende § 61a eingefügt:“ (or „werden die folgenden
/// §§ 61a und 61b“) after `last`: the last number inserted with how many
/// units, and the quotations.
fn inserted_after(c: &str, kind: &str, last: &str) -> Option<((String, usize), String)> {
    let (head, quotes) = c.split_once(" eingefügt:\n")?;
    let rest = head.strip_prefix(&format!("Nach {kind} {last} "))?;
    let nums = rest
        .strip_prefix(&format!("wird der folgende {kind} "))
        .or_else(|| rest.strip_prefix(&format!("wird folgender {kind} ")))
        .map(|n| (n, 1))
        .or_else(|| {
            let plural = if kind == "§" { "§§" } else { kind };
            let n = rest
                .strip_prefix(&format!("werden die folgenden {plural} "))
                .or_else(|| rest.strip_prefix(&format!("werden folgende {plural} ")))?;
            Some((n, top_level_quotes(quotes)))
        })?;
    let last = nums.0.rsplit(' ').next()?.to_string();
    Some(((last, nums.1), quotes.to_string()))
}

/// §§ that follow one another, renumbered by the same step, each a command of
/// its own: one command, as the Handbuch writes it („Die bisherigen §§ 2 bis 4
/// werden die §§ 3 bis 5.“; two: „§§ 2 und 3“).
fn ranged_renumberings(
    groups: Vec<(String, Vec<(String, bool)>)>,
    real: &mut FxHashMap<String, String>,
) -> Vec<(String, Vec<(String, bool)>)> {
    let single = |g: &(String, Vec<(String, bool)>)| match g.1.as_slice() {
        [(c, false)] => plain_renumbering(c),
        _ => None,
    };
    let mut out: Vec<(String, Vec<(String, bool)>)> = Vec::new();
    let mut i = 0;
    while i < groups.len() {
        let Some((a, b)) = single(&groups[i]) else {
            out.push(groups[i].clone());
            i += 1;
            continue;
        };
        // the run: each next § is the next number, moved by the same step
        let mut j = i + 1;
        let mut last = a;
        while let Some((x, y)) = groups.get(j).and_then(&single) {
            let next = if b > a {
                last + 1
            } else {
                last.wrapping_sub(1)
            };
            if x != next || y as i128 - x as i128 != b as i128 - a as i128 {
                break;
            }
            last = x;
            j += 1;
        }
        if j - i < 2 {
            out.push(groups[i].clone());
            i += 1;
            continue;
        }
        let (lo, hi) = (a.min(last), a.max(last));
        let step = b as i128 - a as i128;
        let (nlo, nhi) = ((lo as i128 + step) as u64, (hi as i128 + step) as u64);
        let join = if j - i == 2 { "und" } else { "bis" };
        let cmd = format!("Die bisherigen §§ {lo} {join} {hi} werden die §§ {nlo} {join} {nhi}.");
        // beside the first of them in the Synopse
        if let Some(r) = real.get(&groups[i].1[0].0).cloned() {
            real.insert(cmd.clone(), r);
        }
        out.push((groups[i].0.clone(), vec![(cmd, false)]));
        i = j;
    }
    out
}

/// A unit below the § renumbered, whole numbers only: "Der bisherige § 2
/// Nummer 5 wird Nummer 6." → ("§ 2 ", "Nummer", 5, 6).
fn plain_sub_renumbering(c: &str) -> Option<(&str, &str, u64, u64)> {
    let (a, b) = c
        .strip_prefix("Der bisherige ")?
        .strip_suffix('.')?
        .split_once(" wird ")?;
    let (head, na) = a.rsplit_once(' ')?;
    let wa = head.rsplit(' ').next()?;
    let prefix = &head[..head.len() - wa.len()];
    let (wb, nb) = b.split_once(' ')?;
    let num = |s: &str| {
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    (wa == wb && wa != "§" && syntax::vocab::kind_of_word(wa).is_some()).then_some(())?;
    Some((prefix, wa, num(na)?, num(nb)?))
}

/// Units of one kind below the § that follow one another, renumbered by
/// the same step, each a command of its own (in the order the renumbering
/// needs): one command, as the Handbuch writes it („Die bisherigen Nummern
/// 2 bis 7 werden die Nummern 3 bis 8.“; two: „Nummern 2 und 3“).
fn ranged_sub_renumberings(cs: Vec<(String, bool)>) -> Vec<(String, bool)> {
    let mut out: Vec<(String, bool)> = Vec::with_capacity(cs.len());
    let mut i = 0;
    while i < cs.len() {
        let first = plain_sub_renumbering(&cs[i].0).filter(|_| !cs[i].1);
        let Some((prefix, word, a, b)) = first else {
            out.push(cs[i].clone());
            i += 1;
            continue;
        };
        let step = b as i128 - a as i128;
        // the run, in either order: each next unit a neighbour of the last
        let (mut lo, mut hi, mut j) = (a, a, i + 1);
        let dir = cs
            .get(j)
            .and_then(|c| plain_sub_renumbering(&c.0))
            .map_or(0, |(_, _, x, _)| x as i128 - a as i128);
        while let Some((p, w, x, y)) = cs
            .get(j)
            .filter(|c| !c.1)
            .and_then(|c| plain_sub_renumbering(&c.0))
        {
            let last = if dir > 0 { hi } else { lo };
            if p != prefix
                || w != word
                || (dir != 1 && dir != -1)
                || x as i128 != last as i128 + dir
                || y as i128 - x as i128 != step
            {
                break;
            }
            (lo, hi) = (lo.min(x), hi.max(x));
            j += 1;
        }
        let plural = syntax::vocab::kind_of_word(word).and_then(syntax::vocab::plural);
        let Some(plural) = plural.filter(|_| j - i >= 2) else {
            out.push(cs[i].clone());
            i += 1;
            continue;
        };
        let join = if j - i == 2 { "und" } else { "bis" };
        let (nlo, nhi) = ((lo as i128 + step) as u64, (hi as i128 + step) as u64);
        out.push((
            format!(
                "Die bisherigen {prefix}{plural} {lo} {join} {hi} werden die {plural} {nlo} {join} {nhi}."
            ),
            false,
        ));
        i = j;
    }
    out
}

fn order_renumberings(cs: &mut [String]) {
    let mut i = 0;
    while i < cs.len() {
        let mut j = i;
        while j < cs.len() && cs[j].starts_with("Der bisherige ") {
            j += 1;
        }
        if j > i + 1 {
            let up = cs[i]
                .rsplit_once(" wird ")
                .and_then(|(a, b)| {
                    Some((
                        leading_number(a.rsplit(' ').next()?)?,
                        leading_number(b.rsplit(' ').next()?)?,
                    ))
                })
                .is_some_and(|(a, b)| b > a);
            if up {
                cs[i..j].reverse();
            }
        }
        i = j.max(i + 1);
    }
}

fn kind_word(k: Kind) -> &'static str {
    syntax::vocab::word(k).unwrap_or("Text")
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

/// Inside "§ 3 wird wie folgt geändert:", the commands say "Absatz 3", not "§ 3 Absatz 3".
fn relative(cmd: &str, unit: &str) -> String {
    // only the sentence is rewritten, never the quoted passage
    match cmd.find('„') {
        Some(q) => relative_sentence(&cmd[..q], unit) + &cmd[q..],
        None => relative_sentence(cmd, unit),
    }
}

fn relative_sentence(cmd: &str, unit: &str) -> String {
    // "Die Überschrift des § 6 wird ..." → "Die Überschrift wird ..."
    if let Some(rest) = cmd.strip_prefix(&format!("Die Überschrift {} ", genitive(unit))) {
        return format!("Die Überschrift {rest}");
    }
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

#[cfg(test)]
mod tests {
    use super::{anchor_before, new_phrase, new_phrase_durch};

    #[test]
    fn anchors_on_words_that_identify_the_place() {
        // „nach dem Wort „des““ names nothing a reader finds: the word before it too
        let t = "Die Frist beginnt mit dem Eingang des Antrags.";
        let at = t.find(" Antrags").unwrap();
        assert_eq!(anchor_before(t, at).as_deref(), Some("Eingang des"));
        let at = t.find(" des").unwrap();
        assert_eq!(anchor_before(t, at).as_deref(), Some("Eingang"));
    }

    #[test]
    fn punctuation_is_named_in_words() {
        assert_eq!(new_phrase(","), ("ein Komma".to_string(), false));
        assert_eq!(new_phrase(";"), ("ein Semikolon".to_string(), false));
        // after „durch“ the masculine marks take the accusative
        assert_eq!(new_phrase(":"), ("ein Doppelpunkt".to_string(), false));
        assert_eq!(
            new_phrase_durch(":"),
            ("einen Doppelpunkt".to_string(), false)
        );
        assert_eq!(new_phrase_durch("."), ("einen Punkt".to_string(), false));
        assert_eq!(new_phrase_durch(","), ("ein Komma".to_string(), false));
        assert_eq!(
            new_phrase(", die Beteiligungsregelung"),
            (
                "ein Komma und die Wörter „die Beteiligungsregelung“".to_string(),
                true
            )
        );
        assert_eq!(
            new_phrase(", auch"),
            ("ein Komma und das Wort „auch“".to_string(), true)
        );
        // an Angabe stays one, quoted whole
        assert_eq!(new_phrase(", 3"), ("die Angabe „, 3“".to_string(), false));
    }

    /// The amending law for two texts, checked to give the new one.
    fn amending(old: &str, new: &str) -> String {
        let (o, n) = (syntax::parse(old), syntax::parse(new));
        let (a, b) = (diff::entries(&o), diff::entries(&n));
        let c = diff::diff_entries(&a, &b);
        let text = super::generate(&o, &n, &a, &b, &c, super::Style::Hdr4).text;
        if let Err(e) = crate::verify::verify(&o, &n, &text, None) {
            let law = crate::parse::parse("t", &text, None, None);
            panic!("{text}\ndoes not give the new Fassung: {e}\n{law:?}");
        }
        text
    }

    const OLD: &str = "Gesetz VII\n\n§ 1 Zweck\n\n(1) Die Behörde prüft den Antrag. Die Behörde entscheidet binnen eines Monats.\n\n(2) Das Nähere regelt die Verordnung.\n\n§ 2 Frist\n\nDie Frist beträgt einen Monat.\n\n§ 3 Schluss\n\nDieses Gesetz gilt ab sofort.\n";

    #[test]
    fn the_same_words_changed_in_several_places_say_jeweils() {
        let new = OLD
            .replace("Die Behörde prüft", "Die Stelle prüft")
            .replace("Die Behörde entscheidet", "Die Stelle entscheidet")
            .replace("einen Monat", "zwei Monate");
        insta::assert_snapshot!(amending(OLD, &new), @r"
        Das Gesetz VII wird wie folgt geändert:

        1. In § 1 Absatz 1 wird das Wort „Behörde“ jeweils durch das Wort „Stelle“ ersetzt.

        2. In § 2 werden die Wörter „einen Monat“ durch die Wörter „zwei Monate“ ersetzt.
        ");
    }

    #[test]
    fn one_change_is_one_sentence_naming_the_law() {
        let new = OLD.replace("einen Monat", "zwei Monate");
        insta::assert_snapshot!(amending(OLD, &new), @"In § 2 des Gesetzes VII werden die Wörter „einen Monat“ durch die Wörter „zwei Monate“ ersetzt.");
    }

    #[test]
    fn a_restated_paragraph_and_the_ones_after_it_are_one_command() {
        let new = OLD.replace(
            "§ 3 Schluss",
            "§ 2a Meldung\n\nDer Antrag wird gemeldet.\n\n§ 2b Anzeige\n\nDie Meldung wird angezeigt.\n\n§ 3 Schluss",
        ).replace("Die Frist beträgt einen Monat.", "Die Frist für den Antrag und für die Meldung beträgt zwei Wochen ab Eingang.")
        .replace("regelt die Verordnung", "regelt die Rechtsverordnung");
        insta::assert_snapshot!(amending(OLD, &new), @r"
        Das Gesetz VII wird wie folgt geändert:

        1. In § 1 Absatz 2 wird das Wort „Verordnung“ durch das Wort „Rechtsverordnung“ ersetzt.

        2. § 2 wird durch die folgenden §§ 2 bis 2b ersetzt:
           „§ 2 – Frist

           Die Frist für den Antrag und für die Meldung beträgt zwei Wochen ab Eingang.“
           „§ 2a – Meldung

           Der Antrag wird gemeldet.“
           „§ 2b – Anzeige

           Die Meldung wird angezeigt.“
        ");
    }
}
