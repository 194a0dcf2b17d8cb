//! Reading an amending law: cut it into numbered commands, parse each with
//! `grammar/aenderung.pest`.

use super::kennung::{self, Kennung};
use super::{
    gliederung_kind, Aenderungsgesetz, AmendError, Befehl, Objekt, Op, Ort, RahmenVerb, Teil,
    TeilKind,
};
use crate::grammar::{AenderungParser, Rule};
use pest::iterators::Pair;
use pest::Parser;
use syntax::source::LineIndex;

/// One numbered item of the amending law with its raw text.
struct Item {
    level: usize,
    marker: String,
    start: usize,
    end: usize,
}

/// A part of the amending law that amends one law: its Eingangssatz and items.
struct Target {
    eingangssatz: String,
    start: usize,
    items: Vec<Item>,
    /// The place the Eingangssatz names ("§ 37 des … wird wie folgt geändert:").
    kontext: Ort,
    /// The Eingangssatz is itself the one command ("Nach § 353b Absatz 3 des
    /// Strafgesetzbuchs … wird folgender Absatz 3a eingefügt: „…“").
    einzeln: bool,
}

fn marker_level(m: &str) -> Option<usize> {
    let m = m.trim();
    if let Some(n) = m.strip_suffix('.') {
        let digits = n.trim_end_matches(|c: char| c.is_ascii_lowercase());
        return (!digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())).then_some(0);
    }
    let l = m.strip_suffix(')')?;
    if l.is_empty() || l.len() > 3 || !l.chars().all(|c| c.is_ascii_lowercase()) {
        return None;
    }
    let first = l.chars().next()?;
    if !l.chars().all(|c| c == first) && l.len() > 1 {
        return None;
    }
    Some(l.len())
}

/// The list marker at the start of `line` ("1.", "a)", "aa)") and where the text begins.
fn item_marker(line: &str) -> Option<(String, usize, usize)> {
    let t = line.trim_start_matches([' ', '\t', '\u{a0}']);
    let indent = line.len() - t.len();
    let t2 = t.strip_prefix("- ").unwrap_or(t);
    let dash = t.len() - t2.len();
    let end = t2.find([' ', '\t', '\u{a0}'])?;
    let m = &t2[..end];
    marker_level(m)?;
    Some((m.to_string(), indent + dash, indent + dash + end))
}

fn quote_balance(s: &str) -> i64 {
    s.chars()
        .map(|c| match c {
            '„' => 1,
            '“' => -1,
            _ => 0,
        })
        .sum()
}

fn is_artikel_heading(t: &str) -> bool {
    let t = t.trim_start_matches('#').trim();
    let rest = t
        .strip_prefix("Artikel ")
        .or_else(|| t.strip_prefix("Art. "))
        .or_else(|| t.strip_prefix("§ "));
    let Some(r) = rest.filter(|r| r.starts_with(|c: char| c.is_ascii_digit())) else {
        return false;
    };
    // "Artikel 2 Absatz 1 des Vertrages … wird wie folgt gefasst:" (a
    // command wrapped at a line's end) is no heading: a heading's title
    // starts with a capital, not with a unit word or "des", "wird"
    let next = r.split_whitespace().nth(1).unwrap_or("");
    !(next.starts_with(char::is_lowercase)
        || ["Absatz", "Abs.", "Satz", "Nummer", "Nr.", "Buchstabe"].contains(&next))
}

/// The number of the last Artikel heading before byte `at` ("Artikel 1 – …" → "1").
fn artikel_before(src: &str, at: usize) -> Option<String> {
    src[..at.min(src.len())]
        .lines()
        .rev()
        .map(|l| l.trim().trim_start_matches('#').trim())
        .find(|l| is_artikel_heading(l) && !l.starts_with('§'))
        .and_then(|l| l.split_whitespace().nth(1))
        .map(|n| n.trim_end_matches(['.', ':']).to_string())
}

fn targets(src: &str) -> Vec<Target> {
    let mut out: Vec<Target> = Vec::new();
    let mut depth: i64 = 0;
    let mut cur: Option<Item> = None;
    let mut in_target = false;
    let mut para_start: Option<usize> = None;
    let mut pos = 0;
    let close = |cur: &mut Option<Item>, out: &mut Vec<Target>, end: usize| {
        if let Some(mut it) = cur.take() {
            it.end = end;
            if let Some(t) = out.last_mut() {
                t.items.push(it);
            }
        }
    };
    for line in src.split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        let text = line.trim_end_matches(['\n', '\r']);
        let mut consumed = false;
        if depth <= 0 {
            depth = 0;
            let t = text.trim();
            // "§ 3 Absatz 1 der … wird wie folgt gefasst:" is a command (the
            // one-change form), not the heading of a § of a Mantelgesetz
            let command = t.contains(" wird ") || t.contains(" werden ");
            if is_artikel_heading(t) && !t.contains('„') && !command {
                close(&mut cur, &mut out, start);
                in_target = false;
                para_start = None;
                consumed = true;
            } else if in_target && item_marker(text).is_some() {
                close(&mut cur, &mut out, start);
                let (m, _, _) = item_marker(text).expect("checked");
                cur = Some(Item {
                    level: marker_level(&m).unwrap_or(0),
                    marker: m,
                    start,
                    end: pos,
                });
            } else if cur.is_none() {
                if t.is_empty() {
                    para_start = None;
                } else {
                    let ps = *para_start.get_or_insert(start);
                    let para = src[ps..pos].trim();
                    if para.ends_with("wie folgt geändert:") || para.ends_with("wie folgt geändert")
                    {
                        // "\§ 37 des …": the escape of a text line that reads as a heading
                        let eingangssatz = flat(para.trim_start_matches('\\'));
                        out.push(Target {
                            kontext: ort_im_eingang(&eingangssatz),
                            eingangssatz,
                            start: ps,
                            items: Vec::new(),
                            einzeln: false,
                        });
                        in_target = true;
                        para_start = None;
                        consumed = true;
                    }
                }
            }
        }
        depth += quote_balance(text);
        if depth > 0 || consumed {
            continue;
        }
        // an Eingangssatz that is itself the command: complete once its quotes close
        if let (Some(ps), None, false) = (para_start, &cur, in_target) {
            let para = flat(&src[ps..pos]);
            if einzelbefehl(&para) {
                out.push(Target {
                    eingangssatz: para,
                    start: ps,
                    items: Vec::new(),
                    kontext: Vec::new(),
                    einzeln: true,
                });
                cur = Some(Item {
                    level: 0,
                    marker: String::new(),
                    start: ps,
                    end: pos,
                });
                para_start = None;
            }
        }
        // its quoted passage may follow in paragraphs of their own
        let einzeln = out.last().is_some_and(|t| t.einzeln);
        if let (Some(it), true) = (&cur, einzeln) {
            let so_far = src[it.start..pos].trim_end();
            if so_far.ends_with('.') || so_far.ends_with('“') {
                close(&mut cur, &mut out, pos);
            }
        }
    }
    close(&mut cur, &mut out, pos);
    out
}

/// Whitespace collapsed: a sentence over several lines as one line.
fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The place an Eingangssatz names: "§ 37 des Bundesgleichstellungsgesetzes
/// … wird wie folgt geändert:" is § 37 (empty for the whole law).
fn ort_im_eingang(satz: &str) -> Ort {
    match ohne_gesetz(satz).map(|c| parse_befehl(&c)) {
        Some(Ok(Op::Aendern { ort })) if ort.iter().all(|t| t.kind != TeilKind::Gesetz) => ort,
        _ => Vec::new(),
    }
}

/// The participles that end a command ("… wird folgender Absatz 3a eingefügt:").
const PARTIZIPIEN: &[&str] = &[
    "eingefügt",
    "angefügt",
    "ersetzt",
    "gestrichen",
    "aufgehoben",
    "gefasst",
    "gefaßt",
    "vorangestellt",
];

/// Whether a paragraph outside any list is an Eingangssatz that is itself
/// the command: it names a law inside its place and ends with the verb of a
/// command ("In § 31 Absatz 8 Satz 1 des Soldatengesetzes … werden die
/// Wörter „…“ durch die Wörter „…“ ersetzt.").
fn einzelbefehl(para: &str) -> bool {
    let outside = outside_quotes(para);
    let end = outside.trim_end_matches([':', '.', ' ']);
    (outside.contains(" wird ") || outside.contains(" werden "))
        && PARTIZIPIEN.iter().any(|p| end.ends_with(p))
        && ohne_gesetz(para).is_some()
}

/// Genitives after "des"/"der" that continue a place, not a law's name.
const ORT_WOERTER: &[&str] = &[
    "Absatzes",
    "Satzes",
    "Abschnitts",
    "Abschnittes",
    "Kapitels",
    "Teils",
    "Teiles",
    "Titels",
    "Buches",
    "Buchstabens",
    "Anhangs",
    "Anhanges",
    "Unterabschnitts",
    "Artikels",
    "Überschrift",
    "Angabe",
    "Nummer",
    "Anlage",
    "Inhaltsübersicht",
    "Eingangsformel",
    "Präambel",
    "Satzteil",
    "Aufzählung",
    "Tabelle",
    "Spalte",
    "Zeile",
    "Fußnote",
    "Paragraphen",
    "Vorschrift",
];

/// The text of `s` outside its quotations („…“, nested ones included),
/// the quotation marks left out: the words of a command itself, not the
/// words it quotes ("In § 3 werden die Wörter „a“ durch „b“ ersetzt." →
/// "In § 3 werden die Wörter  durch  ersetzt."). A stray closing mark is
/// dropped and does not start a quotation.
pub fn outside_quotes(s: &str) -> String {
    let mut outside = String::new();
    let mut depth = 0i32;
    for c in s.chars() {
        match c {
            '„' => depth += 1,
            '“' => depth -= 1,
            _ if depth <= 0 => outside.push(c),
            _ => {}
        }
    }
    outside
}

/// The byte offset of the first of `pats` outside quotes.
pub(crate) fn top_level_find(s: &str, pats: &[&str]) -> Option<usize> {
    let mut depth = 0i32;
    for (i, c) in s.char_indices() {
        match c {
            '„' => depth += 1,
            '“' => depth -= 1,
            _ if depth <= 0 && pats.iter().any(|p| s[i..].starts_with(p)) => return Some(i),
            _ => {}
        }
    }
    None
}

/// A command with the law it names taken out of its place: "Nach § 353b
/// Absatz 3 des Strafgesetzbuchs in der Fassung …, das zuletzt … geändert
/// worden ist, wird folgender Absatz 3a eingefügt:" → "Nach § 353b Absatz 3
/// wird folgender Absatz 3a eingefügt:". None when the place names no law.
pub fn ohne_gesetz(satz: &str) -> Option<String> {
    let verb = top_level_find(satz, &[" wird ", " werden ", " erhält "])?;
    let head = &satz[..verb];
    let region_end = [" zuletzt ", " vom ", " in der Fassung", " in der im ", " ("]
        .iter()
        .filter_map(|p| head.find(p))
        .min()
        .unwrap_or(head.len());
    let region = &head[..region_end];
    let start = [" des ", " der "]
        .iter()
        .flat_map(|p| region.match_indices(p).map(|(i, _)| i))
        .filter(|&i| {
            let next = region[i + 5..].split_whitespace().next().unwrap_or("");
            next.starts_with(|c: char| c.is_uppercase())
                && !ORT_WOERTER.contains(&next)
                && !next.starts_with("Nr")
        })
        .filter(|&i| {
            let rest = head[i..].to_lowercase();
            [
                "gesetz", "ordnung", "vertrag", "abkommen", "buch", "satzung", "statut", "vom ",
            ]
            .iter()
            .any(|w| rest.contains(w))
        })
        .min()?;
    let place = head[..start].trim_end().trim_end_matches(',');
    Some(format!("{place}{}", &satz[verb..]))
}

/// Remove the common indentation of the lines after the first.
fn dedent(s: &str) -> String {
    let mut lines = s.lines();
    let first = lines.next().unwrap_or("");
    let rest: Vec<&str> = lines.collect();
    let min = rest
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    let mut out = first.to_string();
    for l in rest {
        out.push('\n');
        if l.trim().is_empty() {
            continue;
        }
        out.push_str(&l[min.min(l.len() - l.trim_start_matches([' ', '\t']).len())..]);
    }
    out
}

/// The Eingangssätze of an amending law ("Das Gesetz VII … wird wie folgt
/// geändert:"), one per law it amends (a Mantelgesetz has one per Artikel),
/// with their byte offsets.
pub fn eingangssaetze(src: &str) -> Vec<(String, usize)> {
    let src = &*gerade_zitate(src);
    targets(src)
        .into_iter()
        .map(|t| (t.eingangssatz, t.start))
        .collect()
}

/// Whether an Eingangssatz names the law called `names` (title without its
/// abbreviation in brackets, short name, abbreviation), in any case.
pub fn names_law(eingangssatz: &str, names: &[&str]) -> bool {
    names.iter().map(|n| strip_abbr(n)).any(|n| {
        n.chars().count() >= 2
            && eingangssatz.match_indices(n.as_str()).any(|(i, _)| {
                // "Gesetz VII" is not "Gesetz VIII"
                !eingangssatz[i + n.len()..].starts_with(|c: char| c.is_alphanumeric())
            })
    }) || Kennung::from_names(names.iter().copied()).genannt_in(eingangssatz)
}

/// Read the Änderungsbefehle for the law called `title` (or `abbreviation`).
/// An amending law with one Eingangssatz is taken unless it names another law.
pub fn parse(
    path: &str,
    src: &str,
    title: Option<&str>,
    abbreviation: Option<&str>,
) -> Result<Aenderungsgesetz, AmendError> {
    let names: Vec<&str> = [title, abbreviation].into_iter().flatten().collect();
    parse_for(path, src, &names, title)
}

/// Read the Änderungsbefehle for the law any of `names` names; `shown` is how
/// errors call it.
pub fn parse_for(
    path: &str,
    src: &str,
    names: &[&str],
    shown: Option<&str>,
) -> Result<Aenderungsgesetz, AmendError> {
    parse_for_law(
        path,
        src,
        &Kennung::from_names(names.iter().copied()),
        shown,
    )
}

/// The law's designation in an Eingangssatz, for messages: up to its verb.
fn bezeichnung(satz: &str) -> String {
    let head = top_level_find(satz, &[" wird ", " werden "]).map_or(satz, |i| &satz[..i]);
    let short: String = head.chars().take(160).collect();
    if short.len() < head.len() {
        format!("{short} …")
    } else {
        short
    }
}

/// Whether the Eingangssatz of `t` names the law `k`.
fn names_target(t: &Target, k: &Kennung) -> bool {
    k.genannt_in(&t.eingangssatz)
        || k.names
            .iter()
            .any(|n| names_law(&t.eingangssatz, &[n.as_str()]))
}

/// Read the Änderungsbefehle for the law `k` identifies (names, date,
/// Fundstelle); `shown` is how errors call it. An amending law whose one
/// Eingangssatz names another law is an error naming both.
pub fn parse_for_law(
    path: &str,
    src: &str,
    k: &Kennung,
    shown: Option<&str>,
) -> Result<Aenderungsgesetz, AmendError> {
    let title = shown;
    let src = &*gerade_zitate(src);
    let idx = LineIndex::new(src);
    let err = |off: usize, message: String| AmendError::at(path, &idx, off, message);
    let ts = targets(src);
    if ts.is_empty() {
        return Err(err(
            0,
            "no Eingangssatz found (\"Das … wird wie folgt geändert:\"): is this an amending law?"
                .into(),
        ));
    }
    let t = if ts.len() == 1 {
        let t = &ts[0];
        if !k.is_empty() && !names_target(t, k) && !kennung::bare(&t.eingangssatz) {
            return Err(err(
                t.start,
                format!(
                    "the amending law amends „{}“, not {}",
                    bezeichnung(&t.eingangssatz),
                    title
                        .or(k.names.first().map(String::as_str))
                        .unwrap_or("the given law")
                ),
            ));
        }
        t
    } else {
        let hits: Vec<&Target> = ts.iter().filter(|t| names_target(t, k)).collect();
        match hits.as_slice() {
            [one] => *one,
            [] => {
                return Err(err(
                    ts[0].start,
                    format!(
                        "the amending law amends {} laws and none of them is {}",
                        ts.len(),
                        title.unwrap_or("the given law")
                    ),
                ))
            }
            _ => {
                return Err(err(
                    hits[1].start,
                    format!(
                        "the amending law amends {} more than once",
                        title.unwrap_or("the given law")
                    ),
                ))
            }
        }
    };
    read_target(path, src, t)
}

/// Read the Änderungsbefehle after the Eingangssatz at byte `start` (one of
/// [`eingangssaetze`]): a Mantelgesetz may amend one law in two Artikel
/// ("Weitere Änderung …"), each read on its own.
pub fn parse_at(path: &str, src: &str, start: usize) -> Result<Aenderungsgesetz, AmendError> {
    let src = &*gerade_zitate(src);
    let idx = LineIndex::new(src);
    match targets(src).iter().find(|t| t.start == start) {
        Some(t) => read_target(path, src, t),
        None => Err(AmendError::at(
            path,
            &idx,
            start,
            "no Eingangssatz here".into(),
        )),
    }
}

/// The numbered commands after one Eingangssatz.
fn read_target(path: &str, src: &str, t: &Target) -> Result<Aenderungsgesetz, AmendError> {
    let idx = LineIndex::new(src);
    let err = |off: usize, message: String| AmendError::at(path, &idx, off, message);
    let mut befehle = Vec::new();
    // (level, numbering, context, the frame "Es werden ersetzt:" items are read in)
    let mut stack: Vec<(usize, String, Ort, Option<Op>)> = Vec::new();
    for it in &t.items {
        let raw = &src[it.start..it.end];
        let (_, _, text_start) = item_marker(raw).unwrap_or_default();
        let body = raw[text_start..].trim_start_matches([' ', '\t']);
        let body_off = it.start + (raw.len() - body.len());
        let mut text = dedent(body.trim_end());
        if t.einzeln {
            text = ohne_gesetz(&text).unwrap_or(text);
        }
        while stack.last().is_some_and(|(l, _, _, _)| *l >= it.level) {
            stack.pop();
        }
        let nummer = stack
            .iter()
            .map(|(_, m, _, _)| m.as_str())
            .chain([it.marker.as_str()])
            .collect::<Vec<_>>()
            .join(" ");
        let kontext: Ort = stack
            .last()
            .map_or_else(|| t.kontext.clone(), |(_, _, o, _)| o.clone());
        let rahmen = stack.last().and_then(|(_, _, _, r)| r.clone());
        let op = match &rahmen {
            Some(r) => parse_rahmen_item(r, &text),
            None => parse_befehl(&text).or_else(|e| with_follow_up(&text).ok_or(e)),
        }
        .unwrap_or_else(|e| Op::Unlesbar {
            message: e.to_string(),
            at: match e {
                ReadError::Stuck { at, .. } => Some(at),
                _ => None,
            },
        });
        let (line, column) = idx.line_col(body_off);
        let aendern = match &op {
            Op::Aendern { ort } => Some(ort),
            // "§ 50 wird § 38 und wie folgt geändert:"
            Op::Mehrere { ops } => match ops.last() {
                Some(Op::Aendern { ort }) => Some(ort),
                _ => None,
            },
            _ => None,
        };
        if let Some(ort) = aendern {
            let full = combine(&kontext, ort);
            stack.push((it.level, it.marker.clone(), full, None));
        } else if let Op::Rahmen { .. } = &op {
            stack.push((
                it.level,
                it.marker.clone(),
                kontext.clone(),
                Some(op.clone()),
            ));
        }
        befehle.push(Befehl {
            nummer,
            text: text.clone(),
            line,
            column,
            kontext,
            op,
            eid: None,
        });
    }
    if befehle.is_empty() {
        return Err(err(
            t.start,
            "the Eingangssatz is followed by no numbered command".into(),
        ));
    }
    Ok(Aenderungsgesetz {
        eingangssatz: t.eingangssatz.clone(),
        befehle,
        artikel: artikel_before(src, t.start),
    })
}

/// "Gesetz VII – Missbrauch (Kurz)" → "Gesetz VII – Missbrauch"; "… (StGBEG)" → "…".
fn strip_abbr(t: &str) -> String {
    let t = t.trim();
    match t.rfind(" (") {
        Some(i) if t.ends_with(')') => t[..i].to_string(),
        _ => t.to_string(),
    }
}

/// The place of a command below "… wird wie folgt geändert:": relative parts
/// continue the context, a part of a kind the context has replaces it there.
pub fn combine(kontext: &[Teil], ort: &[Teil]) -> Ort {
    let Some(first) = ort.first() else {
        return kontext.to_vec();
    };
    if matches!(
        first.kind,
        TeilKind::Paragraf
            | TeilKind::Artikel
            | TeilKind::Anhang
            | TeilKind::Anlage
            | TeilKind::Gliederung
            | TeilKind::Gesetz
            | TeilKind::Eingangsformel
            | TeilKind::Praeambel
            | TeilKind::Inhaltsuebersicht
    ) && !kontext.is_empty()
        && !(first.kind == TeilKind::Ueberschrift)
    {
        // an absolute place, unless it is the heading of the context
        return ort.to_vec();
    }
    let rank = |k: TeilKind| match k {
        TeilKind::Absatz => 1,
        TeilKind::Satz => 2,
        TeilKind::Nummer => 3,
        TeilKind::Buchstabe => 4,
        TeilKind::Doppelbuchstabe => 5,
        TeilKind::Einleitung | TeilKind::Schluss => 6,
        TeilKind::Ueberschrift => 7,
        _ => 0,
    };
    let r = rank(first.kind);
    let mut out: Ort = kontext
        .iter()
        .take_while(|t| rank(t.kind) == 0 || rank(t.kind) < r || r == 0)
        .cloned()
        .collect();
    // "Satz 2" under "Absatz 1 Nummer 3": Sätze are counted in the Nummer
    if first.kind == TeilKind::Satz && out.len() < kontext.len() {
        out = kontext.to_vec();
    }
    out.extend(ort.iter().cloned());
    out
}

/// Why one command could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    /// Quotations in quotations deeper than the reader follows (a bound that
    /// keeps the one recursive grammar rule from exhausting the stack).
    #[error("cannot read this Änderungsbefehl: its quotations („…“) nest more than {max} deep")]
    TooDeep {
        /// The deepest nesting read.
        max: usize,
    },
    /// The grammar matched no form of command.
    #[error("cannot read this Änderungsbefehl: \"{start} …\" (stuck at \"{near}\")")]
    Stuck {
        /// The command's first words (at most twelve), to recognize it by.
        start: String,
        /// The words where reading stopped.
        near: String,
        /// Where reading stopped: a byte offset into the command's text.
        at: usize,
    },
    /// The form was recognized, but a part it needs is not there.
    #[error("cannot read this Änderungsbefehl: the {0} is missing")]
    Missing(Fehlt),
}

/// The part of a command the reader needed and did not find
/// ([`ReadError::Missing`]); printed as the English word of the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fehlt {
    /// The command as a whole: the text matched no form of Änderungsbefehl.
    Befehl,
    /// Quoted words („…“) that the form requires (the old or the new words).
    Zitat,
    /// Where a unit is inserted: "Nach § 4 wird …", or the number of the new
    /// unit ("Folgende neue Nummer 2 wird eingefügt").
    Stelle,
    /// The words next to which other words are inserted ("nach dem Wort „x“").
    Anker,
}

impl std::fmt::Display for Fehlt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Fehlt::Befehl => "command",
            Fehlt::Zitat => "quoted words",
            Fehlt::Stelle => "position",
            Fehlt::Anker => "anchor",
        })
    }
}

/// Parse one command (its text without the number).
pub fn parse_befehl(text: &str) -> Result<Op, ReadError> {
    let text = gerade_zitate(text);
    let text = text.as_ref();
    parse_befehl_strict(text)
        .or_else(|e| unbalanced_passage(text).ok_or(e))
        .or_else(|e| zwei_verben(text).ok_or(e))
        .or_else(|e| orte_liste(text).ok_or(e))
        .or_else(|e| umformen(text).and_then(|t| parse_befehl(&t).ok()).ok_or(e))
        // "Nach § 744 der Zivilprozeßordnung in der … Fassung … wird …": the
        // law named in the place of a command
        .or_else(|e| {
            ohne_gesetz(text)
                .and_then(|t| parse_befehl(&t).ok())
                .ok_or(e)
        })
}

/// Straight quotation marks of older texts ("wird wie folgt gefaßt: "§ 16 …"")
/// as the German ones, opening and closing in turn; a text that has German
/// quotation marks is left as it is.
pub fn gerade_zitate(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('"') {
        return std::borrow::Cow::Borrowed(s);
    }
    if s.contains('„') {
        // „…" (the corpus' juris texts, no “ at all): a straight mark closes
        // each „; where “ stands too, a straight mark is the passage's own
        let (open, close, straight) = (
            s.matches('„').count(),
            s.matches('“').count(),
            s.matches('"').count(),
        );
        if close == 0 && open == straight {
            return std::borrow::Cow::Owned(s.replace('"', "“"));
        }
        return std::borrow::Cow::Borrowed(s);
    }
    let mut open = false;
    std::borrow::Cow::Owned(
        s.chars()
            .map(|c| match c {
                '"' => {
                    open = !open;
                    if open {
                        '„'
                    } else {
                        '“'
                    }
                }
                c => c,
            })
            .collect(),
    )
}

/// The place of a command, where it names one.
fn ort_von(op: &Op) -> Option<Ort> {
    match op {
        Op::Mehrere { ops } => ops.first().and_then(ort_von),
        _ => op.clone().ort_mut().map(|o| o.clone()),
    }
}

/// Two operations with two verbs in one command: "In Absatz 1 werden die
/// Wörter „…“ gestrichen und wird das Wort „zwei“ durch das Wort „vier“
/// ersetzt." (the second at the first one's place unless it names its own).
fn zwei_verben(text: &str) -> Option<Op> {
    // "… ersetzt und folgende Nummer 8 angefügt:": the second verb left out
    let (i, elided) = match top_level_find(
        text,
        &[" und wird ", " und werden ", ", und wird ", ", und werden "],
    ) {
        Some(i) => (i, false),
        None => (top_level_find(text, &[" und folgende"])?, true),
    };
    let (head, tail) = text.split_at(i);
    let tail = tail.trim_start_matches([',', ' ']).strip_prefix("und ")?;
    let tail = if elided {
        let p = top_level_find(tail, &[" angefügt", " eingefügt", " vorangestellt"])?;
        format!("{} wird{}", &tail[..p], &tail[p..])
    } else {
        tail.to_string()
    };
    // "… die Angabe „A“ durch die Angabe „B“ und werden die Wörter „C“ durch
    // die Wörter „D“ ersetzt": the first without the verb they share
    let first = parse_befehl(head.trim()).ok().or_else(|| {
        let verb = tail.trim().trim_end_matches('.').rsplit(' ').next()?;
        parse_befehl(&format!("{} {verb}", head.trim())).ok()
    })?;
    let mut second = match parse_befehl(tail.trim()) {
        Ok(op) => op,
        // "… ersetzt und werden die Wörter „…“ gestrichen": at the first's place
        Err(_) if tail.starts_with("wird ") || tail.starts_with("werden ") => {
            let mut op = parse_befehl(&format!("In § 1 {}", tail.trim())).ok()?;
            op.ort_mut()?.clear();
            op
        }
        Err(_) => return None,
    };
    if let (Some(o), Some(ort)) = (second.ort_mut(), ort_von(&first)) {
        if o.is_empty() {
            *o = ort;
        }
    }
    let mut ops = Vec::new();
    for op in [first, second] {
        match op {
            Op::Mehrere { ops: more } => ops.extend(more),
            op => ops.push(op),
        }
    }
    Some(Op::Mehrere { ops })
}

/// The unit words a place begins with ("Satz 1", "Absatz 2", "§ 3").
const EINHEIT_ANFANG: &[&str] = &[
    "§ ",
    "§§ ",
    "Satz ",
    "Sätze ",
    "Absatz ",
    "Absätze ",
    "Abs. ",
    "Nummer ",
    "Nr. ",
    "Buchstabe ",
    "Artikel ",
    "Halbsatz ",
];

/// The forms of other times and hands, said the way the grammar reads
/// them (None when none applies):
/// - a list dash before the command ("- In Absatz 4 …");
/// - "entfällt"/"entfallen" for "wird/werden aufgehoben" ("§ 24 Abs. 7 entfällt.");
/// - "In A wird nach B folgender … eingefügt" → "Nach A B wird folgender … eingefügt";
/// - "An A wird folgender … angefügt", "In A wird an B folgender … angefügt"
///   → "Dem A (B) wird folgender … angefügt";
/// - "In A erhält B folgende Fassung" → "A B erhält folgende Fassung";
/// - "A erhält den folgenden Satz 2: „…“" → "Dem A wird folgender Satz 2 angefügt: „…“";
/// - an unquoted passage after the colon of a command that ends there
///   ("Folgender Satz wird angefügt:Zur Erhöhung …", a LegalDocML.de
///   document that lost its quotes) in quotes.
fn umformen(text: &str) -> Option<String> {
    let t = text.trim();
    if let Some(rest) = t.strip_prefix("- ").or_else(|| t.strip_prefix("– ")) {
        return Some(rest.trim_start().to_string());
    }
    if let Some(i) = top_level_find(t, &[" entfällt", " entfallen"]) {
        let verb = if t[i..].starts_with(" entfällt") {
            " wird aufgehoben"
        } else {
            " werden aufgehoben"
        };
        let after = t[i..].split_once(['.', ';']).map_or("", |x| x.1);
        if after.trim().is_empty() {
            return Some(format!("{}{verb}.", &t[..i]));
        }
    }
    verb_vorn(t)
        .or_else(|| erhaelt(t))
        .or_else(|| ohne_anfuehrung(t))
}

/// "In A wird nach B folgender …", "In A wird an B folgender … angefügt",
/// "An A wird folgender … angefügt", "In A erhält B folgende Fassung".
fn verb_vorn(t: &str) -> Option<String> {
    if let Some(rest) = t.strip_prefix("An ") {
        let v = top_level_find(rest, &[" wird folgende", " werden folgende"])?;
        return Some(format!("Dem {}{}", &rest[..v], &rest[v..]));
    }
    let rest = t.strip_prefix("In ")?;
    let v = top_level_find(rest, &[" wird ", " werden ", " erhält ", " erhalten "])?;
    let (a, tail) = rest.split_at(v);
    let tail = tail.trim_start();
    let (verb, after) = tail.split_once(' ')?;
    if let Some(b) = after
        .strip_prefix("nach ")
        .or_else(|| after.strip_prefix("vor "))
    {
        let lage = if after.starts_with("nach ") {
            "Nach"
        } else {
            "Vor"
        };
        let f = top_level_find(b, &[" folgende"])?;
        return Some(format!("{lage} {a} {} {verb}{}", &b[..f], &b[f..]));
    }
    if let Some(b) = after.strip_prefix("an ") {
        let f = top_level_find(b, &[" folgende"])?;
        return Some(format!("Dem {a} {} {verb}{}", &b[..f], &b[f..]));
    }
    if matches!(verb, "erhält" | "erhalten") && EINHEIT_ANFANG.iter().any(|w| after.starts_with(w))
    {
        let f = top_level_find(after, &[" folgende", " die folgende"])?;
        return Some(format!("{a} {} {verb}{}", &after[..f], &after[f..]));
    }
    None
}

/// "§ 25 Abs. 1 erhält den folgenden Satz 2: „…“" → "Dem § 25 Abs. 1 wird
/// folgender Satz 2 angefügt: „…“".
fn erhaelt(t: &str) -> Option<String> {
    let v = top_level_find(t, &[" erhält den folgenden ", " erhält folgenden "])?;
    let (a, rest) = t.split_at(v);
    let rest = rest
        .trim_start()
        .trim_start_matches("erhält ")
        .trim_start_matches("den ")
        .trim_start_matches("folgenden ");
    let c = top_level_find(rest, &[":"])?;
    let a = a.trim_start_matches("Der ").trim_start_matches("Die ");
    Some(format!(
        "Dem {a} wird folgender {} angefügt{}",
        &rest[..c],
        &rest[c..]
    ))
}

/// "Folgender Satz wird angefügt:Zur Erhöhung …": the rest of the command
/// after its colon is the passage (no quotation mark in the whole text).
fn ohne_anfuehrung(t: &str) -> Option<String> {
    if t.contains('„') || t.contains('“') {
        return None;
    }
    let ends = [
        "angefügt:",
        "eingefügt:",
        "gefasst:",
        "gefaßt:",
        "ersetzt:",
        "vorangestellt:",
    ];
    let (i, e) = ends.iter().find_map(|e| t.find(e).map(|i| (i, e)))?;
    let passage = t[i + e.len()..].trim();
    (!passage.is_empty()).then(|| format!("{} „{passage}“", &t[..i + e.len()]))
}

/// One edit at each of a list of places: "In der Überschrift, in § 1 Satz 1
/// und in § 5 wird jeweils das Wort „…“ durch das Wort „…“ ersetzt."
fn orte_liste(text: &str) -> Option<Op> {
    let t = text.trim();
    let in_form = t.starts_with("In ") || t.starts_with("Im ");
    // "§ 234 Abs. 4 und § 334a werden aufgehoben."
    if !in_form && !t.starts_with('§') {
        return None;
    }
    let v = top_level_find(t, &[" wird ", " werden "])?;
    let (head, rest) = t.split_at(v);
    let mut h = head.to_string();
    let seps: &[(&str, &str)] = if in_form {
        &[
            (" sowie in ", "\u{1}in "),
            (" und in ", "\u{1}in "),
            (", in ", "\u{1}in "),
            (" sowie im ", "\u{1}im "),
            (" und im ", "\u{1}im "),
            (", im ", "\u{1}im "),
        ]
    } else {
        &[
            (" sowie § ", "\u{1}§ "),
            (" und § ", "\u{1}§ "),
            (", § ", "\u{1}§ "),
        ]
    };
    for &(sep, to) in seps {
        h = h.replace(sep, to);
    }
    let parts: Vec<&str> = h.split('\u{1}').collect();
    if parts.len() < 2 {
        return None;
    }
    let ops = parts
        .iter()
        .map(|p| parse_befehl_strict(&format!("{}{rest}", super::capitalize(p))).ok())
        .collect::<Option<Vec<Op>>>()?;
    Some(Op::Mehrere { ops })
}

/// A command whose one quoted passage, at its end, has quotation marks of its
/// own that do not pair up ("„Teil B – … „x" …“"): the passage is everything
/// from the first „ to the last “, and the sentence before it is read alone.
fn unbalanced_passage(text: &str) -> Option<Op> {
    let t = text.trim();
    let open = t.find('„')?;
    let close = t.rfind('“')?;
    let after = t[close + '“'.len_utf8()..].trim();
    if close <= open || !(after.is_empty() || after == ".") {
        return None;
    }
    let passage = &t[open + '„'.len_utf8()..close];
    let probe = format!("{}„\u{1}“", &t[..open]);
    let mut op = parse_befehl_strict(&probe).ok()?;
    let mut zitate: Vec<&mut String> = match &mut op {
        Op::Fassen { zitat, .. } => vec![zitat],
        Op::ErsetzenEinheit { zitate, .. }
        | Op::Einfuegen { zitate, .. }
        | Op::Anfuegen { zitate, .. } => zitate.iter_mut().collect(),
        _ => return None,
    };
    match zitate.as_mut_slice() {
        [z] => **z = passage.to_string(),
        _ => return None,
    }
    Some(op)
}

/// How deep quotations may nest in one command. The grammar reads „…“ inside „…“
/// by recursion, so deeper nesting is refused before parsing: it cannot exhaust
/// the stack (real commands nest two or three deep).
const MAX_QUOTE_DEPTH: usize = 64;

/// The deepest nesting of „…“ in `text` (a “ without its „ counts as none).
fn quote_depth(text: &str) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    for c in text.chars() {
        match c {
            '„' => {
                depth += 1;
                max = max.max(depth);
            }
            '“' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

/// "Es werden ersetzt:" or "In den folgenden Vorschriften wird … ersetzt:".
fn rahmen_of(parts: &[Pair<Rule>], objekte: Vec<Objekt>, jeweils: bool) -> Result<Op, ReadError> {
    Ok(
        match parts
            .iter()
            .find(|p| p.as_rule() == Rule::rahmen_verb)
            .and_then(|v| RahmenVerb::from_word(v.as_str()))
        {
            Some(verb) => Op::Rahmen {
                verb,
                vorlage: None,
            },
            // "In den folgenden Vorschriften wird … ersetzt:"
            None => {
                let mut o = objekte.into_iter();
                let alt = o.next().ok_or(ReadError::Missing(Fehlt::Zitat))?;
                let vorlage = if parts.iter().any(|p| p.as_rule() == Rule::rahmen_durch) {
                    Op::Ersetzen {
                        ort: Vec::new(),
                        alt,
                        neu: o.next().ok_or(ReadError::Missing(Fehlt::Zitat))?,
                        jeweils,
                    }
                } else {
                    Op::Streichen {
                        ort: Vec::new(),
                        alt,
                        jeweils,
                    }
                };
                Op::Rahmen {
                    verb: RahmenVerb::FolgendeStellen,
                    vorlage: Some(Box::new(vorlage)),
                }
            }
        },
    )
}

/// "Der bisherige Absatz 3 wird Absatz 4", alone or bundled with what follows "und".
fn umnummern_of(parts: &[Pair<Rule>], alt: Ort, neu: Ort) -> Result<Op, ReadError> {
    let um = Op::Umnummern {
        alt,
        neu: neu.clone(),
    };
    match parts.iter().find(|p| {
        matches!(
            p.as_rule(),
            Rule::und_aendern | Rule::und_fassen | Rule::und_ersetzen | Rule::und_aufheben
        )
    }) {
        // the second part speaks of the unit under its new number
        Some(p) => Ok(Op::Mehrere {
            ops: vec![um, und_teil(p, neu)?],
        }),
        None => Ok(um),
    }
}

fn parse_befehl_strict(text: &str) -> Result<Op, ReadError> {
    if quote_depth(text) > MAX_QUOTE_DEPTH {
        return Err(ReadError::TooDeep {
            max: MAX_QUOTE_DEPTH,
        });
    }
    let pairs = AenderungParser::parse(Rule::befehl, text.trim()).map_err(|e| stuck(text, &e))?;
    let befehl = pairs
        .into_iter()
        .next()
        .ok_or(ReadError::Missing(Fehlt::Befehl))?;
    let cmd = befehl
        .into_inner()
        .find(|p| p.as_rule() != Rule::EOI)
        .ok_or(ReadError::Missing(Fehlt::Befehl))?;
    let rule = cmd.as_rule();
    let parts: Vec<Pair<Rule>> = cmd.into_inner().collect();
    op_of_rule(rule, &parts)
}

/// Where the grammar stopped reading `text`: its first words, the words
/// at that point, and the offset.
fn stuck(text: &str, e: &pest::error::Error<Rule>) -> ReadError {
    let short: String = text
        .split_whitespace()
        .take(12)
        .collect::<Vec<_>>()
        .join(" ");
    let at = match e.location {
        pest::error::InputLocation::Pos(p) => p,
        pest::error::InputLocation::Span((p, _)) => p,
    };
    let near: String = text.trim()[at.min(text.trim().len())..]
        .chars()
        .take(30)
        .collect();
    let lead = text.len() - text.trim_start().len();
    ReadError::Stuck {
        start: short,
        near,
        at: lead + at.min(text.trim().len()),
    }
}

/// The operation a command of the grammar's `rule` with the parts `parts` says.
fn op_of_rule(rule: Rule, parts: &[Pair<Rule>]) -> Result<Op, ReadError> {
    let parts = parts.to_vec();
    let orts: Vec<Ort> = parts
        .iter()
        .filter(|p| matches!(p.as_rule(), Rule::ort | Rule::in_ort | Rule::dativ_ort))
        .map(ort_of)
        .collect();
    let objekte: Vec<Objekt> = parts
        .iter()
        .filter(|p| p.as_rule() == Rule::objekt)
        .map(objekt_of)
        .collect();
    let zitate: Vec<String> = parts
        .iter()
        .filter(|p| p.as_rule() == Rule::zitat)
        .map(zitat_of)
        .collect();
    let jeweils = parts.iter().any(|p| p.as_rule() == Rule::jeweils);
    let ort0 = orts.first().cloned().unwrap_or_default();
    let neue: Option<Ort> = parts
        .iter()
        .find(|p| p.as_rule() == Rule::neue_einheit)
        .map(|p| {
            p.clone()
                .into_inner()
                .filter(|q| q.as_rule() == Rule::teil)
                .map(teil_of)
                .collect()
        });
    Ok(match rule {
        Rule::rahmen => rahmen_of(&parts, objekte, jeweils)?,
        Rule::aendern => Op::Aendern { ort: ort0 },
        Rule::fassen => Op::Fassen {
            ort: ort0,
            zitat: zitate.into_iter().next().unwrap_or_default(),
        },
        Rule::ersetzen_einheit => Op::ErsetzenEinheit { ort: ort0, zitate },
        Rule::ersetzen => {
            let mut ops = ersetzen_pairs(&parts, ort0.clone())?;
            // "… ersetzt und nach dem Wort „c“ das Wort „d“ eingefügt"
            if let Some(dann) = parts.iter().find(|p| p.as_rule() == Rule::dann_einfuegen) {
                let inner: Vec<Pair<Rule>> = dann.clone().into_inner().collect();
                let jeweils = inner.iter().any(|p| p.as_rule() == Rule::jeweils);
                ops.extend(einfuegungen(&inner, ort0, jeweils)?);
            }
            one_or_more(ops)
        }
        Rule::streichen => Op::Streichen {
            ort: ort0,
            alt: objekte
                .into_iter()
                .next()
                .ok_or(ReadError::Missing(Fehlt::Zitat))?,
            jeweils,
        },
        Rule::einfuegen_wort => one_or_more(einfuegungen(&parts, ort0, jeweils)?),
        Rule::einfuegen => match lage(&parts, Rule::position, Rule::ort) {
            Some((nach, ort)) => Op::Einfuegen {
                nach,
                ort: ort_of(&ort),
                zitate,
            },
            // "Folgende neue Nummer 2 wird eingefügt": before the present Nummer 2
            None => Op::Einfuegen {
                nach: false,
                ort: neue
                    .filter(|n| !n.is_empty())
                    .ok_or(ReadError::Missing(Fehlt::Stelle))?,
                zitate,
            },
        },
        Rule::anfuegen | Rule::voranstellen => Op::Anfuegen {
            ort: ort0,
            neu: neue.unwrap_or_default(),
            zitate,
            vorn: rule == Rule::voranstellen,
        },
        Rule::aufheben => Op::Aufheben {
            // "In Absatz 1 werden die Sätze 2 und 3 aufgehoben": both places, in order
            ort: orts.concat(),
            streichen: !parts
                .iter()
                .any(|p| p.as_rule() == Rule::aufhebung && p.as_str() == "aufgehoben"),
        },
        Rule::umnummern => umnummern_of(&parts, ort0, orts.get(1).cloned().unwrap_or_default())?,
        _ => return Err(ReadError::Missing(Fehlt::Befehl)),
    })
}

/// "nach …" / "vor …": whether it is "nach", and the part of kind `inner` it names.
/// The part after "und" of "Absatz 3 wird Absatz 4 und …", at the unit's new place `ort`.
fn und_teil(p: &Pair<Rule>, ort: Ort) -> Result<Op, ReadError> {
    let inner: Vec<Pair<Rule>> = p.clone().into_inner().collect();
    // "und in Satz 2 wird …": a place below the renumbered unit
    let ort = match inner.iter().find(|q| q.as_rule() == Rule::in_ort) {
        Some(q) => ort.into_iter().chain(ort_of(q)).collect(),
        None => ort,
    };
    let objekte: Vec<Objekt> = inner
        .iter()
        .filter(|q| q.as_rule() == Rule::objekt)
        .map(objekt_of)
        .collect();
    let jeweils = inner.iter().any(|q| q.as_rule() == Rule::jeweils);
    let mut objekte = objekte.into_iter();
    let mut next = || objekte.next().ok_or(ReadError::Missing(Fehlt::Zitat));
    Ok(match p.as_rule() {
        Rule::und_aendern => Op::Aendern { ort },
        Rule::und_fassen => Op::Fassen {
            ort,
            zitat: inner
                .iter()
                .find(|q| q.as_rule() == Rule::zitat)
                .map(zitat_of)
                .unwrap_or_default(),
        },
        Rule::und_ersetzen => Op::Ersetzen {
            ort,
            alt: next()?,
            neu: next()?,
            jeweils,
        },
        _ => Op::Streichen {
            ort,
            alt: next()?,
            jeweils,
        },
    })
}

/// An item under a frame (`Op::Rahmen`): under "Es werden ersetzt:" (or
/// gestrichen, aufgehoben) a place and words, the verb is the frame's; under
/// "In den folgenden Vorschriften wird … ersetzt:" a place, the edit the frame's.
pub fn parse_rahmen_item(rahmen: &Op, text: &str) -> Result<Op, ReadError> {
    let Op::Rahmen { verb, vorlage } = rahmen else {
        return parse_befehl(text);
    };
    let rule = match (verb, vorlage) {
        (_, Some(_)) => Rule::rahmen_ort,
        (RahmenVerb::Ersetzt, _) => Rule::rahmen_ersetzen,
        (RahmenVerb::Gestrichen, _) => Rule::rahmen_streichen,
        (RahmenVerb::Aufgehoben | RahmenVerb::FolgendeStellen, None) => Rule::rahmen_aufheben,
    };
    if quote_depth(text) > MAX_QUOTE_DEPTH {
        return Err(ReadError::TooDeep {
            max: MAX_QUOTE_DEPTH,
        });
    }
    let item = AenderungParser::parse(rule, text.trim())
        .map_err(|_| ReadError::Stuck {
            start: text
                .split_whitespace()
                .take(12)
                .collect::<Vec<_>>()
                .join(" "),
            near: format!("(an item of „Es werden {verb}:“)"),
            at: text.len() - text.trim_start().len(),
        })?
        .next()
        .ok_or(ReadError::Missing(Fehlt::Befehl))?;
    let parts: Vec<Pair<Rule>> = item.into_inner().collect();
    let ort = parts
        .iter()
        .find(|p| matches!(p.as_rule(), Rule::ort | Rule::in_ort))
        .map(ort_of)
        .unwrap_or_default();
    let jeweils = parts.iter().any(|p| p.as_rule() == Rule::jeweils);
    let mut objekte = parts
        .iter()
        .filter(|p| p.as_rule() == Rule::objekt)
        .map(objekt_of);
    let mut next = || objekte.next().ok_or(ReadError::Missing(Fehlt::Zitat));
    if let Some(v) = vorlage {
        let mut op = (**v).clone();
        if let Some(o) = op.ort_mut() {
            *o = ort;
        }
        return Ok(op);
    }
    Ok(match rule {
        Rule::rahmen_ersetzen => Op::Ersetzen {
            ort,
            alt: next()?,
            neu: next()?,
            jeweils,
        },
        Rule::rahmen_streichen => Op::Streichen {
            ort,
            alt: next()?,
            jeweils,
        },
        _ => Op::Aufheben {
            ort,
            streichen: false,
        },
    })
}

/// "Die bisherige Nummer 2 wird Nummer 3 und wie folgt geändert: Die Worte
/// „…“ werden durch die Worte „…“ ersetzt.": a frame and its one command in
/// one item; the command is at the frame's place.
fn with_follow_up(text: &str) -> Option<Op> {
    const FRAME: &str = "wie folgt geändert:";
    let cut = top_level_find(text, &[FRAME]).map(|i| i + FRAME.len());
    let (head, rest) = text.split_at(cut?);
    if rest.trim().is_empty() {
        return None;
    }
    let head = parse_befehl(head).ok()?;
    let mut then = parse_befehl(rest.trim()).ok()?;
    let (mut ops, frame) = match head {
        Op::Aendern { ort } => (Vec::new(), ort),
        Op::Mehrere { mut ops } => match ops.pop() {
            Some(Op::Aendern { ort }) => (ops, ort),
            _ => return None,
        },
        _ => return None,
    };
    if let Some(o) = then.ort_mut() {
        *o = combine(&frame, o);
    }
    ops.push(then);
    Some(one_or_more(ops))
}

/// One Op, or several of one command in order.
fn one_or_more(mut ops: Vec<Op>) -> Op {
    if ops.len() == 1 {
        ops.remove(0)
    } else {
        Op::Mehrere { ops }
    }
}

/// The pairs of "werden X (jeweils) durch Y (und X' (jeweils) durch Y') ersetzt".
fn ersetzen_pairs(parts: &[Pair<Rule>], ort: Ort) -> Result<Vec<Op>, ReadError> {
    let mut ops = Vec::new();
    let mut alt: Option<Objekt> = None;
    let mut jeweils = false;
    for p in parts {
        match p.as_rule() {
            Rule::jeweils => jeweils = true,
            Rule::objekt => match alt.take() {
                None => alt = Some(objekt_of(p)),
                Some(a) => {
                    ops.push(Op::Ersetzen {
                        ort: ort.clone(),
                        alt: a,
                        neu: objekt_of(p),
                        jeweils,
                    });
                    jeweils = false;
                }
            },
            _ => {}
        }
    }
    if ops.is_empty() || alt.is_some() {
        return Err(ReadError::Missing(Fehlt::Zitat));
    }
    Ok(ops)
}

/// The insertions of "werden nach X Y (und nach X' Y') eingefügt".
fn einfuegungen(parts: &[Pair<Rule>], ort: Ort, jeweils: bool) -> Result<Vec<Op>, ReadError> {
    let mut ops = Vec::new();
    let mut anker: Option<(bool, Objekt)> = None;
    for p in parts {
        match p.as_rule() {
            Rule::lage => {
                let nach = !p.as_str().to_lowercase().starts_with("vor");
                let o = p
                    .clone()
                    .into_inner()
                    .find(|q| q.as_rule() == Rule::objekt)
                    .ok_or(ReadError::Missing(Fehlt::Anker))?;
                anker = Some((nach, objekt_of(&o)));
            }
            Rule::objekt => {
                let (nach, anker) = anker.take().ok_or(ReadError::Missing(Fehlt::Anker))?;
                ops.push(Op::EinfuegenWort {
                    ort: ort.clone(),
                    nach,
                    anker,
                    neu: objekt_of(p),
                    jeweils,
                });
            }
            _ => {}
        }
    }
    if ops.is_empty() {
        return Err(ReadError::Missing(Fehlt::Zitat));
    }
    Ok(ops)
}

fn lage<'i>(parts: &[Pair<'i, Rule>], outer: Rule, inner: Rule) -> Option<(bool, Pair<'i, Rule>)> {
    let l = parts.iter().find(|p| p.as_rule() == outer)?;
    let nach = !l.as_str().to_lowercase().starts_with("vor");
    let x = l.clone().into_inner().find(|p| p.as_rule() == inner)?;
    Some((nach, x))
}

fn ort_of(p: &Pair<Rule>) -> Ort {
    let mut out = Vec::new();
    for q in p.clone().into_inner() {
        match q.as_rule() {
            Rule::teil => out.push(teil_of(q)),
            Rule::ort => out.extend(ort_of(&q)),
            _ => {}
        }
    }
    out
}

fn nums_of(p: Pair<Rule>) -> (Vec<String>, bool) {
    let mut nums = Vec::new();
    let mut range = false;
    for q in p.into_inner() {
        match q.as_rule() {
            Rule::num => nums.push(q.as_str().to_string()),
            Rule::verbinder if q.as_str() == "bis" => range = true,
            _ => {}
        }
    }
    (nums, range)
}

fn teil_of(p: Pair<Rule>) -> Teil {
    match p.into_inner().next() {
        Some(inner) => teil_of_unit(inner),
        None => Teil {
            kind: TeilKind::Gesetz,
            gliederung: None,
            nums: Vec::new(),
            range: false,
        },
    }
}

/// A part from the rule of its kind (`absatz`, `paragraf`, `angabe_zu` …).
fn teil_of_unit(inner: Pair<Rule>) -> Teil {
    let rule = inner.as_rule();
    let mut t = Teil {
        kind: TeilKind::Gesetz,
        gliederung: None,
        nums: Vec::new(),
        range: false,
    };
    for q in inner.clone().into_inner() {
        match q.as_rule() {
            Rule::nummern => (t.nums, t.range) = nums_of(q),
            Rule::gliederung_word => t.gliederung = gliederung_kind(q.as_str()),
            // "Angabe zu § 5": the unit the entry names
            Rule::paragraf | Rule::artikel_nr | Rule::anhang | Rule::anlage | Rule::gliederung
                if rule == Rule::angabe_zu =>
            {
                let named = teil_of_unit(q);
                t.nums = named.nums;
                t.range = named.range;
                t.gliederung = match named.kind {
                    TeilKind::Gliederung => named.gliederung,
                    k => k.unit_kind(),
                };
            }
            _ => {}
        }
    }
    t.kind = match rule {
        Rule::ueberschrift => TeilKind::Ueberschrift,
        Rule::satzteil => {
            let s = inner.as_str();
            if s.contains("abschließend") || s.contains(" nach ") {
                TeilKind::Schluss
            } else {
                TeilKind::Einleitung
            }
        }
        Rule::gesetz => TeilKind::Gesetz,
        Rule::eingangsformel => TeilKind::Eingangsformel,
        Rule::praeambel => TeilKind::Praeambel,
        Rule::inhaltsuebersicht => TeilKind::Inhaltsuebersicht,
        Rule::angabe_zu => TeilKind::Angabe,
        Rule::wortlaut => TeilKind::Wortlaut,
        Rule::paragraf => TeilKind::Paragraf,
        Rule::artikel_nr => TeilKind::Artikel,
        Rule::absatz => TeilKind::Absatz,
        Rule::satz => TeilKind::Satz,
        Rule::nummer => TeilKind::Nummer,
        Rule::buchstabe => TeilKind::Buchstabe,
        Rule::doppelbuchstabe => TeilKind::Doppelbuchstabe,
        Rule::anhang => TeilKind::Anhang,
        Rule::anlage => TeilKind::Anlage,
        Rule::gliederung => TeilKind::Gliederung,
        _ => TeilKind::Gesetz,
    };
    t
}

fn objekt_of(p: &Pair<Rule>) -> Objekt {
    let mut o = Objekt {
        text: String::new(),
        am_ende: false,
    };
    // the parts in order: "ein Komma und das Wort „x“" is ", x"
    let mut push = |part: &str| {
        if !o.text.is_empty() && part.starts_with(|c: char| c.is_alphanumeric() || c == '§') {
            o.text.push(' ');
        }
        o.text.push_str(part);
    };
    for q in p.clone().into_inner() {
        match q.as_rule() {
            Rule::zitat => push(&wording_of(&zitat_of(&q))),
            Rule::zeichen => push(match q.as_str() {
                "Punkt" => ".",
                "Komma" => ",",
                "Semikolon" | "Strichpunkt" => ";",
                _ => ":",
            }),
            Rule::am_ende => o.am_ende = true,
            _ => {}
        }
    }
    o
}

/// Quoted words as wording: the emphasis markup a law text may carry
/// ("des **Anhangs III**") and its line wrapping are not part of it.
fn wording_of(quoted: &str) -> String {
    let plain = if quoted.contains("**") {
        quoted.replace("**", "")
    } else {
        quoted.to_string()
    };
    if plain.contains(['\n', '\r', '\t']) || plain.contains("  ") {
        plain.split_ascii_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        plain
    }
}

fn zitat_of(p: &Pair<Rule>) -> String {
    p.clone()
        .into_inner()
        .next()
        .map(|q| q.as_str().to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_common_forms() {
        let cases = [
            "In § 20 Absatz 1 Satz 2 wird die Angabe „§ 9 Abs. 1 Satz 2, Abs. 2“ durch die Wörter „§ 9 Absatz 1 Satz 2, Absatz 2 oder 3“ ersetzt.",
            "In Nummer 3 wird das Wort „oder“ am Ende durch ein „,“ ersetzt.",
            "In Nummer 4 wird die Angabe „50“ durch die Angabe „30“ ersetzt",
            "wird der „.“ am Ende durch das Wort „oder“ ersetzt.",
            "In Absatz 1 wird nach den Wörtern „gegenüber den Organen“ das Wort „, Gremien“ eingefügt.",
            "In dem Teilsatz vor Nummer 1 wird nach den Wörtern „nach § 3 Absatz 1“ die Angabe „und 2“ eingefügt.",
            "Vor dem Wort „Interessenvertreterinnen“ wird das Wort „Alle“ eingefügt.",
            "Folgende Nummer 5 wird angefügt: „5. neu.“",
            "Die folgenden Buchstaben e bis g werden angefügt: „e) x, f) y, g) z“",
            "Nummer 5 wird aufgehoben.",
            "Satz 2 wird aufgehoben.",
            "Satz 2 wird durch die folgenden Sätze ersetzt: „A. B.“",
            "Nach Absatz 8 wird folgender Absatz 9 eingefügt: „(9) Neu.“",
            "§ 9 Absatz 1 wird wie folgt gefasst: „(1) Neu.“",
            "§ 3 wird wie folgt geändert:",
            "Die Überschrift des § 6 wird wie folgt gefasst:\n„Neu“",
            "Der bisherige Absatz 3 wird Absatz 4.",
            "Dem Gesetz wird der folgende Anhang I angefügt:\n„Anhang I Inhalt\n\n1. a,“",
            "Dem § 1 wird folgender Satz angefügt: „Neu.“",
            "In § 5 werden die Wörter „x y“ gestrichen.",
            "In § 5 wird die Angabe „x“ jeweils durch die Angabe „y“ ersetzt.",
            "Absatz 2 bis Absatz 3 wird ersetzt durch: „(2) a“",
            "Der Titel des Gesetzes wird ersetzt durch: „Neu“",
            "Die Absätze 3 und 4 werden aufgehoben.",
            "Die bisherigen Nummern 4 bis 8 werden durch die folgenden Nummern 5 bis 8 ersetzt: „5. a“",
        ];
        for c in cases {
            if let Err(e) = parse_befehl(c) {
                panic!("{c}: {e}");
            }
        }
        let op = parse_befehl(
            "In § 3 Absatz 3 werden die Wörter „kann“ durch die Wörter „wird“ ersetzt.",
        )
        .unwrap();
        match op {
            Op::Ersetzen { ort, alt, neu, .. } => {
                assert_eq!(super::super::ort_text(&ort), "§ 3 Absatz 3");
                assert_eq!(alt.text, "kann");
                assert_eq!(neu.text, "wird");
            }
            o => panic!("{o:?}"),
        }
    }

    #[test]
    fn a_frame_reads_its_verb_and_writes_it_as_before() {
        use RahmenVerb::*;
        for (text, verb) in [
            ("Es werden ersetzt:", Ersetzt),
            ("Es werden gestrichen:", Gestrichen),
            ("Es werden aufgehoben:", Aufgehoben),
        ] {
            let op = parse_befehl(text).unwrap();
            assert_eq!(
                op,
                Op::Rahmen {
                    verb,
                    vorlage: None
                }
            );
            assert_eq!(
                serde_json::to_string(&op).unwrap(),
                format!(r#"{{"op":"rahmen","verb":"{verb}"}}"#)
            );
            assert_eq!(crate::print::befehl(&op).as_deref(), Some(text));
        }
        let op = parse_befehl(
            "In den folgenden Vorschriften wird die Angabe „§ 9“ durch die Angabe „§ 10“ ersetzt:",
        )
        .unwrap();
        assert!(
            matches!(
                &op,
                Op::Rahmen {
                    verb: FolgendeStellen,
                    vorlage: Some(_)
                }
            ),
            "{op:?}"
        );
        assert!(serde_json::to_string(&op)
            .unwrap()
            .contains(r#""verb":"an den folgenden Stellen""#));
        // an item under "Es werden ersetzt:" without its new words
        let e = parse_rahmen_item(
            &parse_befehl("Es werden ersetzt:").unwrap(),
            "in § 1 die Angabe „§ 9“",
        );
        assert!(matches!(e, Err(ReadError::Stuck { .. })), "{e:?}");
    }
}
