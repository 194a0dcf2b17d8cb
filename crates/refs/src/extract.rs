//! Finding citations: a scan for words that can start one, then `grammar/refs.pest`.

use super::{EuAct, EuKind, Item, Level, Scope, Step};
use crate::grammar::{RefsParser, Rule};
use pest::iterators::Pair;
use pest::Parser;

/// The first bytes of the words [`may_start`] accepts: the scan for
/// citations looks at no other byte.
const FIRST_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    let first = b"\xC2ASNBDRVEZlGd";
    let mut k = 0;
    while k < first.len() {
        t[first[k] as usize] = true;
        k += 1;
    }
    t
};

/// Whether a citation can start at `b`: the first words `grammar/refs.pest`
/// can begin with ("§", "Artikel", "Art. 3", "Absatz", "Abs.", "Anhang", "Anlage",
/// "Satz", "S.", "Nummer", "Nr.", "Buchstabe", "lit.", "Gesetz VI", "des Gesetzes
/// VI"), told apart on their first bytes, so that the many other capitalised
/// words ("Abschnitt", "Anhörung", "Art und Weise", "Gesetzes über") are not
/// handed to the grammar, which could only fail on them.
#[inline]
fn may_start(b: &[u8]) -> bool {
    let at = |p: &str| b.starts_with(p.as_bytes());
    match b.first() {
        Some(0xC2) => at("§"),
        Some(b'A') => {
            at("Absatz")
                || at("Absätz")
                || at("Abs.")
                || at("Artikel")
                || at("Art.")
                || (at("Art") && ws_then(&b[3..], |c| c.is_ascii_digit()))
                || at("Anhang")
                || at("Anhäng")
                || at("Anlage")
        }
        Some(b'S') => at("Satz") || at("Sätze") || at("S."),
        Some(b'N') => at("Numm") || at("Nr"),
        Some(b'B') => at("Buchst") || at("Beschluss ") || at("Beschlusses "),
        Some(b'D') => at("Doppelbuchst") || at("Durchführungs") || at("Delegierte"),
        // an act of the European Union ("Richtlinie 2008/94/EG"), tried only
        // when a number or "(EU)" follows the word
        Some(b'R') => {
            (at("Richtlinie ") || at("Rahmenbeschluss ") || at("Rahmenbeschlusses "))
                && eu_number_follows(b)
        }
        Some(b'V') => at("Verordnung ") && eu_number_follows(b),
        Some(b'E') => (at("Entscheidung ") || at("Empfehlung ")) && eu_number_follows(b),
        Some(b'Z') => at("Ziff"),
        Some(b'l') => at("lit."),
        Some(b'G') => series_after(b, "Gesetz"),
        Some(b'd') => series_after(b, "des Gesetz") || series_after(b, "dem Gesetz"),
        _ => false,
    }
}

/// The word at `b` is followed by "(EU)", "(EG)", "Nr." or a digit.
fn eu_number_follows(b: &[u8]) -> bool {
    let Some(sp) = b.iter().position(|&c| c == b' ') else {
        return false;
    };
    let rest = &b[sp + 1..];
    rest.first().is_some_and(|c| c.is_ascii_digit())
        || rest.starts_with(b"(E")
        || rest.starts_with(b"Nr. ")
}

/// `b` starts with one or more spaces ([`ws` of the grammar](grammar/refs.pest))
/// and then a byte that `next` accepts.
fn ws_then(b: &[u8], next: impl Fn(u8) -> bool) -> bool {
    let mut k = 0;
    loop {
        let rest = &b[k..];
        if rest.starts_with(b" ") {
            k += 1;
        } else if rest.starts_with("\u{a0}".as_bytes()) {
            k += 2;
        } else if rest.starts_with("\u{202f}".as_bytes()) {
            k += 3;
        } else {
            break;
        }
    }
    k > 0 && b.get(k).is_some_and(|&c| next(c))
}

/// "Gesetz VI", "Gesetzes VI" (`series_law`): `word`, "es" or not, spaces, a
/// Roman numeral.
fn series_after(b: &[u8], word: &str) -> bool {
    let Some(rest) = b.strip_prefix(word.as_bytes()) else {
        return false;
    };
    let roman = |c: u8| b"MDCLXVI".contains(&c);
    ws_then(rest, roman) || rest.strip_prefix(b"es").is_some_and(|r| ws_then(r, roman))
}

/// Publication organs whose "S." and "Nr." are pages and issues, not Sätze and Nummern.
const GAZETTES: &[&str] = &[
    "BGBl", "RGBl", "ABl", "BAnz", "GVBl", "GBl", "Bl.", "Gesetzbl", "Nr. L", "S. ", "BStBl",
    "VkBl", "GMBl", "Slg.",
];

/// A citation found in a piece of text: byte range in the text, steps, scope.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// Byte offset of its start in the text.
    pub start: usize,
    /// Byte offset of its end (after a law designation that belongs to it).
    pub end: usize,
    /// Its levels with their numbers, outermost first.
    pub steps: Vec<Step>,
    /// Whose units it names, as far as the citation itself says.
    pub scope: Scope,
}

/// Citations in one piece of normalized text.
pub fn extract_from_text(text: &str) -> Vec<Found> {
    let mut out = Vec::new();
    let mut i = 0;
    let b = text.as_bytes();
    while let Some(k) = b[i.min(b.len())..]
        .iter()
        .position(|&c| FIRST_BYTE[c as usize])
    {
        i += k;
        // a word a citation can start with (its first bytes, cheap), then
        // whether a word starts here (every first byte is ASCII or the
        // first byte of "§", so `i` is on a character boundary)
        let at_word = match b[..i].last() {
            None => true,
            // (most first bytes stand inside a word: one look at the byte before)
            Some(&p) if p.is_ascii() => !p.is_ascii_alphanumeric() && p != b'.' && p != b'-',
            Some(_) => !text[..i]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric),
        };
        if at_word && may_start(&b[i..]) {
            if let Some(f) = parse_at(text, i) {
                i = f.end.max(i + 1);
                out.push(f);
                continue;
            }
        }
        i += 1;
    }
    inherit_context(text, &mut out);
    propagate_law(text, &mut out);
    possessive_law(text, &mut out);
    out
}

/// "das Abkommen nach seinem Artikel 5 Abs. 1", "die Zweite
/// Zusatzvereinbarung nach ihrem Artikel 2": a possessive after an
/// instrument named just before designates the citation as its.
fn possessive_law(text: &str, found: &mut [Found]) {
    for f in found.iter_mut() {
        if f.scope != Scope::Internal {
            continue;
        }
        let before = text[..f.start].trim_end();
        let mut words = before.rsplit(' ');
        let Some(pronoun) = words.next() else {
            continue;
        };
        if !matches!(
            pronoun,
            "seinem" | "seines" | "seiner" | "ihrem" | "ihres" | "ihrer"
        ) {
            continue;
        }
        // "dieses Gesetzes nach seinem § 1 Absatz 3" (SchSG): the law itself
        let near: Vec<&str> = words.take(4).collect();
        if near
            .iter()
            .any(|w| matches!(*w, "dieses" | "dieser" | "diesem"))
        {
            continue;
        }
        if let Some(law) = near.into_iter().find(|w| {
            w.starts_with(|c: char| c.is_uppercase())
                && is_law_word(w)
                && !matches!(*w, "Gesetz" | "Gesetzes" | "Verordnung" | "Satzung")
        }) {
            f.scope = Scope::External(law.trim_matches(|c: char| !c.is_alphanumeric()).to_string());
        }
    }
}

/// How deep a level sits: § and annexes 0, Absatz 2, Satz 3, Nummer 4 …
pub(crate) fn rank(l: Level) -> u8 {
    match l {
        Level::Paragraf | Level::Artikel | Level::Anhang | Level::Anlage => 0,
        Level::Teil => 1,
        Level::Absatz => 2,
        Level::Unterabsatz => 2,
        Level::Satz => 3,
        Level::Nummer => 4,
        Level::Buchstabe => 5,
        Level::Doppelbuchstabe => 6,
    }
}

/// Whether a text is nothing but its citations ("§ 10 Satz 1 § 49 Absatz 1 Nummer 10"):
/// a cell of a table that cites, like the StVO column of the Bußgeldkatalog.
pub fn citations_only(text: &str, found: &[Found]) -> bool {
    let mut at = 0;
    for f in found {
        if f.start < at || !only_connectors(text.get(at..f.start).unwrap_or("x")) {
            return false;
        }
        at = f.end;
    }
    !found.is_empty() && only_connectors(text.get(at..).unwrap_or("x"))
}

fn only_connectors(between: &str) -> bool {
    between
        .split(|c: char| c.is_whitespace() || c == ',' || c == ';')
        .filter(|w| !w.is_empty())
        .all(|w| CONNECTORS.contains(&w))
}

/// "§ 20 Absatz 4 oder Absatz 5": a relative citation right after a fuller
/// one continues it (here: § 20 Absatz 5).
fn inherit_context(text: &str, found: &mut [Found]) {
    for k in 1..found.len() {
        if found[k].scope != Scope::Relative {
            continue;
        }
        let between = &text[found[k - 1].end.min(found[k].start)..found[k].start];
        if !only_connectors(between) {
            continue;
        }
        let Some(first) = found[k].steps.first().map(|s| s.level) else {
            continue;
        };
        let prefix: Vec<Step> = found[k - 1]
            .steps
            .iter()
            .take_while(|s| rank(s.level) < rank(first))
            .map(|s| Step {
                level: s.level,
                items: s.items.last().cloned().into_iter().collect(),
                abbreviation: None,
            })
            .collect();
        if prefix.is_empty() {
            continue;
        }
        let mut steps = prefix;
        steps.append(&mut found[k].steps);
        found[k].steps = steps;
        found[k].scope = found[k - 1].scope.clone();
    }
}

/// Words between a citation and the law designation that belongs to it:
/// "§ 9 Absatz 2 Satz 2, auch in Verbindung mit Absatz 11, des …gesetzes".
const BEFORE_DESIGNATION: &[&str] = &[
    "und",
    "oder",
    "sowie",
    "auch",
    "in",
    "Verbindung",
    "mit",
    "i.",
    "V.",
    "m.",
    "iVm",
    "jeweils",
    "bis",
    "allein",
    "insbesondere",
    "ebenso",
    "entsprechend",
];

/// Whether a law designation follows the citation that ends at `end`, with
/// nothing but further citations and connecting words between: the
/// designation then belongs to the citation by the grammar of German
/// citations ("§ 9 Absatz 2 Satz 2, auch in Verbindung mit Absatz 11, des
/// Arbeitsplatzschutzgesetzes"). A law named anywhere else does not count.
pub fn designation_follows(text: &str, end: usize) -> bool {
    let mut pos = end.min(text.len());
    while !text.is_char_boundary(pos) {
        pos -= 1;
    }
    for _ in 0..16 {
        let rest = &text[pos..];
        let trimmed = rest.trim_start_matches([' ', ',', '\u{a0}']);
        pos += rest.len() - trimmed.len();
        if trimmed.is_empty() {
            return false;
        }
        // a designation here?
        let probe = format!(" {trimmed}");
        if let Some(p) = RefsParser::parse(Rule::law_suffix, &probe)
            .ok()
            .and_then(|mut p| p.next())
        {
            if let Some((scope, _)) = law_suffix(p) {
                return match scope {
                    // a name, not "auf Grund dieses Gesetzes erlassenen …"
                    Scope::External(name) => {
                        name.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                            && !name
                                .split_whitespace()
                                .any(|w| matches!(w, "dieses" | "dieser" | "diesem"))
                    }
                    Scope::Series(_) | Scope::Eu(_) => true,
                    Scope::Internal | Scope::Relative => false,
                };
            }
        }
        // a further citation, or a connecting word: step over it; a further
        // citation with a designation ends the chain and gives it ("Anlage 1
        // Nummer 3 in Verbindung mit Nummer 6 der Richtlinie 2005/55/EG")
        if may_start(trimmed.as_bytes()) {
            if let Some(f) = parse_at(text, pos) {
                if matches!(
                    f.scope,
                    Scope::External(_) | Scope::Series(_) | Scope::Eu(_)
                ) {
                    return true;
                }
                pos = f.end.max(pos + 1);
                continue;
            }
        }
        let word = trimmed.split([' ', ',']).next().unwrap_or("");
        if BEFORE_DESIGNATION.contains(&word) {
            pos += word.len();
            continue;
        }
        return false;
    }
    false
}

/// Words that may stand between the parts of one enumeration of citations.
const CONNECTORS: &[&str] = &[
    "und",
    "oder",
    "sowie",
    "der",
    "des",
    "die",
    "den",
    "dem",
    "in",
    "Verbindung",
    "mit",
    "i.",
    "V.",
    "m.",
    "bis",
    "nach",
    "gemäß",
    "auch",
    "jeweils",
    "auch in",
    "im",
    "Fall",
    "Falle",
    "Fällen",
    "von",
    "vom",
];

/// "§ 10 Abs. 1 und der §§ 12 und 26 des Gesetzes X": the law named at the
/// end of an enumeration applies to all its parts.
fn propagate_law(text: &str, found: &mut [Found]) {
    for k in (0..found.len().saturating_sub(1)).rev() {
        let next = found[k + 1].scope.clone();
        if !matches!(next, Scope::External(_) | Scope::Series(_))
            || found[k].scope != Scope::Internal
        {
            continue;
        }
        let between = &text[found[k].end.min(found[k + 1].start)..found[k + 1].start];
        // "nach § 2 und nach den §§ 2, 3 … des …gesetzes": a preposition
        // again starts a phrase of its own, which the designation ends
        let new_phrase = between
            .split_whitespace()
            .any(|w| matches!(w, "nach" | "gemäß" | "von" | "vom"));
        if only_connectors(between) && !new_phrase {
            found[k].scope = next;
        }
    }
}

/// How much of the text after a citation's start the grammar is given
/// first, and how close to that window's end a match or a failure may come
/// before the whole rest is parsed instead. pest indexes the lines of all
/// the input it is given, on every call: a Satz of a table of a few thousand
/// bytes was indexed again for each citation in it.
const WINDOW: usize = 1024;
const WINDOW_MARGIN: usize = 256;

/// The citation grammar's match at the start of `rest`, read first from a
/// window of it: a match or a failure that comes no nearer than
/// [`WINDOW_MARGIN`] to the window's end is the same on the whole rest (no
/// rule of the grammar looks that far ahead), any other is read again.
fn citation_pair(rest: &str) -> Option<Pair<'_, Rule>> {
    if rest.len() > WINDOW + WINDOW_MARGIN {
        let mut w = WINDOW;
        while !rest.is_char_boundary(w) {
            w += 1;
        }
        let window = &rest[..w];
        let settled = |pos: usize| pos + WINDOW_MARGIN <= w;
        match RefsParser::parse(Rule::citation, window) {
            Ok(mut pairs) => {
                let pair = pairs.next()?;
                if settled(pair.as_span().end()) {
                    return Some(pair);
                }
            }
            Err(e) => {
                let pos = match e.location {
                    pest::error::InputLocation::Pos(p) => p,
                    pest::error::InputLocation::Span((_, b)) => b,
                };
                if settled(pos) {
                    return None;
                }
            }
        }
    }
    RefsParser::parse(Rule::citation, rest).ok()?.next()
}

fn parse_at(text: &str, i: usize) -> Option<Found> {
    let rest = &text[i..];
    let pair = citation_pair(rest)?;
    let mut steps = Vec::new();
    let mut scope = None;
    let mut end = pair.as_span().end();
    let mut relative = false;
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::unit_chain | Rule::annex_chain => collect_steps(p, &mut steps),
            Rule::relative_chain => {
                relative = true;
                collect_steps(p, &mut steps)
            }
            Rule::annex_of => {
                // "Nummer 2 der Anlage 2" is Anlage 2 Nummer 2, absolute
                let mut annex = Vec::new();
                collect_steps(p, &mut annex);
                annex.append(&mut steps);
                steps = annex;
                relative = false;
            }
            Rule::series_law => scope = Some(Scope::Series(series_name(p.as_str()))),
            Rule::eu_act => scope = Some(Scope::Eu(eu_act(p.as_str())?)),
            Rule::law_suffix => {
                let suffix_start = p.as_span().start();
                match law_suffix(p) {
                    Some((s, cut)) => {
                        if let Some(cut) = cut {
                            end = cut;
                        }
                        scope = Some(s)
                    }
                    None => end = suffix_start,
                }
            }
            _ => {}
        }
    }
    let first = steps.first().map(|s| s.level);
    // "S. 123" and "Nr. 5" after a gazette are pages and issues
    if relative
        && matches!(first, Some(Level::Satz | Level::Nummer))
        && publication(text, i, &steps)
    {
        return None;
    }
    if steps.is_empty() && !matches!(scope, Some(Scope::Series(_) | Scope::Eu(_))) {
        return None;
    }
    let scope = scope.unwrap_or(if relative {
        Scope::Relative
    } else {
        Scope::Internal
    });
    // trim trailing spaces that the grammar consumed
    let trimmed = rest[..end].trim_end_matches([' ', '\u{a0}', '\u{202f}', ',']);
    Some(Found {
        start: i,
        end: i + trimmed.len(),
        steps,
        scope,
    })
}

/// Words before "Nr." that make it the number of a publication, a row or a
/// register entry, not a Nummer: "Bundesanzeiger Nr. 26", "lfd. Nr. 6".
const NOT_NUMMER_AFTER: &[&str] = &[
    "lfd.",
    "laufende",
    "laufenden",
    "laufender",
    "Posten",
    "Aktivposten",
    "Passivposten",
    "Bundesanzeiger",
    "Bundesanzeigers",
    "Amtsblatt",
    "Amtsblatts",
    "Amtsblattes",
    "Verkehrsblatt",
    "Drucksache",
    "Drucksachen",
    "Verfügung",
    "Mitteilung",
    "Rundschreiben",
    "Heft",
    "Ausgabe",
    "Bekanntmachung",
    "Registernummer",
    "Tabelle",
    "Zeile",
    "Spalte",
];

/// Whether a relative "S. 5" or "Nr. 26" at `i` is a page, an issue, a row or
/// a file number rather than a Satz or Nummer.
fn publication(text: &str, i: usize, steps: &[Step]) -> bool {
    let before = &text[..i];
    let window = &before[floor_boundary(before, before.len().saturating_sub(24))..];
    let prev_word = before.trim_end().rsplit([' ', '(']).next().unwrap_or("");
    let after_number = prev_word.chars().next().is_some_and(|c| c.is_ascii_digit())
        || matches!(prev_word, "I" | "II" | "III" | "L" | "C" | "Nr." | "S.");
    let first = &steps[0];
    let page_number = first
        .items
        .first()
        .and_then(|i| i.from.parse::<u32>().ok())
        .is_some_and(|n| n > 40);
    // "BMPT Nr. 25/1997", "Nr. 3/2004": a number of the year
    let after = &text[i..];
    let of_year = first.level == Level::Nummer
        && after
            .split_once(|c: char| c.is_ascii_digit())
            .map(|(_, r)| r.trim_start_matches(|c: char| c.is_ascii_digit()))
            .is_some_and(|r| {
                r.strip_prefix('/')
                    .is_some_and(|y| y.starts_with(|c: char| c.is_ascii_digit()))
            });
    // an authority's or gazette's abbreviation before it: "BMPT Nr. 25"
    let acronym = prev_word.len() >= 2
        && prev_word.chars().all(|c| c.is_ascii_uppercase())
        && first.level == Level::Nummer;
    let not_nummer = first.level == Level::Nummer && NOT_NUMMER_AFTER.contains(&prev_word);
    (first.abbreviation.is_some()
        && (GAZETTES.iter().any(|g| window.contains(g)) || after_number || page_number))
        || of_year
        || acronym
        || not_nummer
}

/// An act of the European Union from its words: "Richtlinie 2008/94/EG",
/// "Verordnung (EG) Nr. 1371/2007" (number/year before 2015, with "Nr."),
/// "Verordnung (EU) 2016/679" (year/number).
pub fn eu_act(text: &str) -> Option<EuAct> {
    let text = text.trim();
    let digits = text.find(|c: char| c.is_ascii_digit())?;
    let head = text[..digits].trim_end();
    let words = head
        .trim_end_matches("Nr.")
        .trim_end()
        .trim_end_matches(|c: char| c != ' ' && c != ')' && !c.is_alphabetic());
    let kind_words = match words.find(" (") {
        Some(k) => &words[..k],
        None => words,
    };
    let kind = EuKind::from_words(kind_words.trim())?;
    let numbers = &text[digits..];
    let mut parts = numbers.split('/');
    let a: u32 = parts.next()?.parse().ok()?;
    let b: u32 = parts
        .next()?
        .trim_end_matches(|c: char| !c.is_ascii_digit())
        .parse()
        .ok()?;
    let numbered_first = head.ends_with("Nr.");
    let (year, number) = if numbered_first { (b, a) } else { (a, b) };
    let year = match year {
        0..=49 => 2000 + year,
        50..=99 => 1900 + year,
        1950..=2100 => year,
        _ => return None,
    };
    Some(EuAct {
        kind,
        year: u16::try_from(year).ok()?,
        number,
        text: text.to_string(),
    })
}

fn floor_boundary(s: &str, mut k: usize) -> usize {
    while k > 0 && !s.is_char_boundary(k) {
        k -= 1;
    }
    k
}

fn series_name(s: &str) -> String {
    // "des Gesetzes VI" → "Gesetz VI"
    let roman = s.split_whitespace().last().unwrap_or("");
    format!("Gesetz {roman}")
}

const LAW_WORDS: &[&str] = &[
    "gesetz",
    "gesetzes",
    "gesetze",
    "gesetzbuch",
    "gesetzbuchs",
    "gesetzbuches",
    "gesetzbuche",
    "buch",
    "buches",
    "buchs",
    "ordnung",
    "verordnung",
    "richtlinie",
    "vertrag",
    "vertrages",
    "vertrags",
    "vereinbarung",
    "abkommen",
    "abkommens",
    "übereinkommen",
    "übereinkommens",
    "satzung",
    "konvention",
    "statut",
    "statuts",
    "protokoll",
    "protokolls",
    "grundgesetzes",
    "grundgesetz",
    "verfassung",
];

/// A law's abbreviation: "DNG", "StVO", "SGB", "DGL-VO" (not "EU", "BGBl").
fn is_abbreviation(w: &str) -> bool {
    let upper = w.chars().filter(|c| c.is_uppercase()).count();
    (2..=15).contains(&w.chars().count())
        && upper >= 2
        && w.starts_with(|c: char| c.is_uppercase())
        && !w.ends_with('-')
        && w.chars().all(|c| c.is_alphabetic() || c == '-')
        && !NOT_LAWS.contains(&w)
}

fn is_roman(w: &str) -> bool {
    !w.is_empty() && w.chars().all(|c| "IVXLCDM".contains(c))
}

/// The Länder as the abbreviations of their laws name them ("DGL-VO SH").
const LANDS: &[&str] = &[
    "BW", "BY", "BE", "Bln", "BB", "Bbg", "HB", "HH", "HE", "MV", "M-V", "NI", "Nds", "NW", "NRW",
    "RP", "RhPf", "SL", "SN", "ST", "LSA", "SH", "TH",
];

/// Words that end like a law's but name none ("Anordnung", "Zuordnung").
const NOT_LAW_WORDS: &[&str] = &[
    "anordnung",
    "zuordnung",
    "einordnung",
    "unterordnung",
    "beiordnung",
    "neuordnung",
    "rangordnung",
    "tagesordnung",
    "anordnungen",
];

fn is_law_word(w: &str) -> bool {
    let l = w.to_lowercase();
    if NOT_LAW_WORDS.iter().any(|n| l.ends_with(n)) {
        return false;
    }
    LAW_WORDS.iter().any(|s| l.ends_with(s))
        // the vehicle regulations of the UNECE: "UN-Regelung Nr. 132", "ECE-Regelung Nr. 96"
        || ["un-regelung", "ece-regelung", "unece-regelung"].contains(&l.as_str())
}

/// Abbreviations that look like a law's ("EStG") but are not one.
const NOT_LAWS: &[&str] = &[
    "EU",
    "EG",
    "EWG",
    "EWR",
    "EGKS",
    "BGBl",
    "DDR",
    "GmbH",
    "AG",
    "KG",
    "OHG",
    "EUR",
    "DM",
    "DIN",
    "EN",
    "ISO",
    "IEC",
    "VDE",
    "VDI",
    "UN",
    "UNO",
    "USA",
    "BRD",
    "NATO",
    "OECD",
    "ABl",
    "BAnz",
    "RGBl",
    "GBl",
    "VO",
    "II",
    "III",
    "IV",
    "VI",
    "VII",
    "VIII",
    "IX",
    "XI",
    "XII",
    "RdNr",
    "Rdnr",
    "RNr",
    "Rn",
    "Rz",
    "Randnr",
    "Randnummer",
    "Buchst",
    "Abs",
    "Nr",
    "Nrn",
    "Hs",
    "HS",
    "Alt",
    "Var",
    "Satz",
    "ABl",
    "BMPT",
    "BStBl",
    "BT",
    "BR",
    "Drs",
];

/// Whether `text` names another law after `from`: a law's word ("…gesetzes",
/// "…verordnung", "Abgabenordnung") or an abbreviation of one ("EStG", "StPO"),
/// but not "dieses Gesetzes" / "dieser Verordnung", which name the law itself.
/// A § the law does not have, cited in such a sentence, is that other law's
/// ("nach § 24 Absatz 1 Nummer 1 oder … nach § 24 Absatz 1 Nummer 15 des Kreditwesengesetzes").
pub fn names_law_after(text: &str, from: usize) -> bool {
    names_law(text, from, true)
}

/// Law words that name no particular law: "des Gesetzes" in a lead-in is the law
/// at hand as often as another.
const GENERIC_LAW_WORDS: &[&str] = &[
    "satzung",
    "satzungen",
    "ordnung",
    "richtlinie",
    "richtlinien",
    "vereinbarung",
    "gesetz",
    "gesetzes",
    "gesetze",
    "verordnung",
    "verordnungen",
    "vertrag",
    "vertrages",
    "vertrags",
    "vereinbarung",
    "abkommen",
    "abkommens",
];

/// Like [`names_law_after`], but only a law named as such counts ("des
/// Strafgesetzbuches", "StGB"), not a bare "des Gesetzes" nor an abbreviation that
/// ends unlike a law's ("BKIE").
pub fn names_particular_law(text: &str) -> bool {
    names_law(text, 0, false)
}

fn names_law(text: &str, from: usize, generic: bool) -> bool {
    let mut any = false;
    law_words_in(text, from, generic, &mut |_| {
        any = true;
        false
    });
    any
}

/// The words of `text` (after `from`) that name a law ("Strafgesetzbuches",
/// "StGB"), not counting "dieses Gesetzes".
pub fn laws_named(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    law_words_in(text, 0, false, &mut |w| {
        out.push(w);
        true
    });
    out
}

/// Calls `hit` with each word that names a law, while it returns true.
fn law_words_in<'t>(
    text: &'t str,
    from: usize,
    generic: bool,
    hit: &mut dyn FnMut(&'t str) -> bool,
) {
    let Some(rest) = text.get(from..) else {
        return;
    };
    let mut prev = "";
    let mut after_hyphen = false;
    for w in rest.split(|c: char| !c.is_alphanumeric() && c != '-') {
        let (word, hyphen) = match w.strip_prefix('-') {
            Some(x) => (x.trim_end_matches('-'), true),
            None => (w.trim_end_matches('-'), false),
        };
        // "Artikel 10-Gesetzes": the name's last part
        let word = match word.rsplit_once('-') {
            Some((_, last)) if last.starts_with(|c: char| c.is_uppercase()) => last,
            _ => word,
        };
        if word.is_empty() {
            continue;
        }
        let own = matches!(
            prev,
            "dieses" | "dieser" | "diesem" | "diese" | "vorliegenden" | "vorliegende"
        );
        // "UN-Regelung": a hyphenated name as a whole
        let whole = w.trim_matches('-');
        if !own
            && whole.contains('-')
            && whole.starts_with(char::is_uppercase)
            && is_law_word(whole)
        {
            if !hit(whole) {
                return;
            }
            prev = word;
            continue;
        }
        let capital = word.chars().next().is_some_and(|c| c.is_uppercase());
        // the second half of "Justizvergütungs- und -entschädigungsgesetzes"
        let compound_tail = hyphen || after_hyphen;
        let particular = generic || !GENERIC_LAW_WORDS.contains(&word.to_lowercase().as_str());
        if !own
            && particular
            && word.chars().count() >= 6
            && (capital || compound_tail)
            && is_law_word(word)
        {
            if !hit(word) {
                return;
            }
            prev = word;
            continue;
        }
        let upper = word.chars().filter(|c| c.is_ascii_uppercase()).count();
        // a particular law's abbreviation ends as laws' do ("StGB", "ZPO", "SchSV",
        // "KWG"), not as an authority's ("BKIE", "BSI")
        let last = word.chars().last();
        let abbreviation = (2..=7).contains(&word.len())
            && word.chars().all(|c| c.is_ascii_alphabetic())
            && capital
            && upper >= 2
            && last.is_some_and(|c| {
                if generic {
                    c.is_ascii_uppercase() || c == 'G'
                } else {
                    matches!(c, 'G' | 'V' | 'O' | 'B')
                }
            })
            && !NOT_LAWS.contains(&word);
        if !own && abbreviation && !hit(word) {
            return;
        }
        after_hyphen = w.ends_with('-') && word.len() > 1;
        prev = word;
    }
}

/// The other law a title names after its own kind ("Einführungsgesetz zum
/// Aktiengesetz" → "Aktiengesetz", "Gesetz zu dem Abkommen vom … über Soziale
/// Sicherheit" → "Abkommen"), not one of the law's own names.
pub fn other_law_in_title(title: &str, own: &crate::LawNames) -> Option<String> {
    let words: Vec<&str> = title
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    let first = words.iter().position(|w| is_law_word(w))?;
    words[first + 1..]
        .iter()
        .find(|w| {
            let w = w.trim_matches('-');
            w.chars().count() >= 6
                && w.starts_with(|c: char| c.is_uppercase())
                && is_law_word(w)
                && !own.names(w)
        })
        .map(|w| w.to_string())
}

/// Whether a law's title names another law after its own kind: "Einführungsgesetz
/// zur Abgabenordnung", "Achtes Gesetz zur Änderung des Lastenausgleichsgesetzes",
/// "Verordnung zur Durchführung des Wertpapierhandelsgesetzes" (not "Zweites Gesetz
/// über die Krankenversicherung der Landwirte"). Abbreviations do not count here.
pub fn title_names_other_law(title: &str) -> bool {
    let mut words = title
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty());
    if !words.any(is_law_word) {
        return false;
    }
    words.any(|w| {
        let w = w.trim_matches('-');
        w.chars().count() >= 6 && w.starts_with(|c: char| c.is_uppercase()) && is_law_word(w)
    })
}

/// The scope a law suffix names, and where the citation ends when only part of it is the name.
fn law_suffix(p: Pair<Rule>) -> Option<(Scope, Option<usize>)> {
    let inner = p.into_inner().next()?;
    match inner.as_rule() {
        Rule::this_law => Some((Scope::Internal, None)),
        Rule::series_law => Some((Scope::Series(series_name(inner.as_str())), None)),
        Rule::eu_act_of => {
            let act = inner.into_inner().find(|q| q.as_rule() == Rule::eu_act)?;
            Some((Scope::Eu(eu_act(act.as_str())?), None))
        }
        Rule::sgb_book => Some((Scope::External(inner.as_str().to_string()), None)),
        Rule::numbered_abbr => {
            let s = inner.as_str();
            let s = s
                .strip_prefix("der ")
                .or_else(|| s.strip_prefix("die "))
                .unwrap_or(s);
            Some((Scope::External(s.to_string()), None))
        }
        Rule::named_law => named_law(inner),
        Rule::bare_law => {
            is_law_word(inner.as_str()).then(|| (Scope::External(inner.as_str().to_string()), None))
        }
        Rule::law_abbr => {
            let s = inner.as_str();
            let s = ["des ", "der ", "dem "]
                .iter()
                .find_map(|a| s.strip_prefix(a))
                .unwrap_or(s);
            let head = s.split(' ').next().unwrap_or(s);
            let upper = head.chars().filter(|c| c.is_uppercase()).count();
            if NOT_LAWS.contains(&head) {
                None
            } else if upper >= 2 && !head.ends_with('-') {
                Some((Scope::External(s.to_string()), None))
            } else if is_law_word(head) {
                // "§ 100 Abs. 2 Aktiengesetz": a short law name without article
                Some((
                    Scope::External(head.to_string()),
                    Some(inner.as_span().start() + head.len()),
                ))
            } else {
                None
            }
        }
        _ => None,
    }
}

/// "des Bürgerlichen Gesetzbuchs", "des Gesetzes über die Feuerwehr", "des
/// DNG": the law named after an article, and where its name ends.
/// Whether a law word is a law's proper name, which does not go on („des
/// Grundgesetzes zur Abwehr“), unlike „des Gesetzes über …“ and „des
/// Einführungsgesetzes zum …“.
fn proper_name(name: &str) -> bool {
    let l = name.to_lowercase();
    ["gesetz", "gesetzes", "gesetzbuch", "gesetzbuchs", "gesetzbuches", "ordnung"]
        .iter()
        .any(|e| l.ends_with(e) && l.len() > e.len() + 3)
        && !matches!(l.as_str(), "verordnung" | "verordnungen")
        // "des Einführungsgesetzes zum Bürgerlichen Gesetzbuche"
        && !["einführungs", "ausführungs", "durchführungs", "änderungs", "anpassungs", "zustimmungs", "überleitungs"]
            .iter()
            .any(|p| l.starts_with(p))
}

/// "des Gesetzes über die Feuerwehr": where a law's name that goes on
/// after „über“, „zur“ … ends, from token `j` on (`e`: its end so far).
fn name_goes_on(toks: &[Pair<Rule>], mut j: usize, mut e: usize) -> usize {
    const SMALL: &[&str] = &[
        "die",
        "der",
        "des",
        "den",
        "dem",
        "das",
        "und",
        "von",
        "vom",
        "im",
        "in",
        "zur",
        "zum",
        "für",
        "über",
        "gegen",
        "bei",
        "mit",
        "an",
        "auf",
        "aus",
        "betreffend",
        "zu",
    ];
    while let Some(x) = toks.get(j) {
        let w = x.as_str();
        let capital = w.chars().next().is_some_and(|c| c.is_uppercase());
        if capital || SMALL.contains(&w) || x.as_rule() == Rule::law_id {
            if capital || x.as_rule() == Rule::law_id {
                e = x.as_span().end();
            }
            j += 1;
        } else {
            break;
        }
    }
    e
}

fn named_law(inner: Pair<Rule>) -> Option<(Scope, Option<usize>)> {
    let words = inner
        .clone()
        .into_inner()
        .find(|q| q.as_rule() == Rule::law_words)?;
    let mut cut = None;
    let mut name_start = None;
    let toks: Vec<Pair<Rule>> = words.into_inner().collect();
    for (k, w) in toks.iter().enumerate() {
        name_start.get_or_insert(w.as_span().start());
        if w.as_rule() == Rule::law_word && is_law_word(w.as_str()) {
            let mut e = w.as_span().end();
            // "(EU) 2024/1689", "VI", "Nr. 1234/2007"; "des Zehnten Buches
            // Sozialgesetzbuch": a further law word names the same law
            for x in &toks[k + 1..] {
                let s = x.as_str();
                let id_like = x.as_rule() == Rule::law_id
                    || s.chars().all(|c| "IVXLCDM".contains(c))
                    || (s.starts_with(|c: char| c.is_uppercase())
                        && s.chars().count() >= 6
                        && is_law_word(s));
                if id_like {
                    e = x.as_span().end();
                } else {
                    break;
                }
            }
            // "des Gesetzes über die Feuerwehr": the name goes on after über/zur/zum
            let j = k + 1;
            // (a German law's proper name does not go on: "des
            // Grundgesetzes zur Abwehr", "der Nachweisverordnung von";
            // "des Gesetzes über …", "des Übereinkommens über …" do)
            let proper = proper_name(w.as_str());
            if !proper
                && toks.get(j).is_some_and(|x| {
                    matches!(
                        x.as_str(),
                        "über"
                            | "zur"
                            | "zum"
                            | "für"
                            | "betreffend"
                            | "zu"
                            | "vom"
                            | "von"
                            | "gegen"
                    )
                })
            {
                e = name_goes_on(&toks, j, e);
            }
            cut = Some(e);
            break;
        }
        // a law's name is capitalized words, "über", "zum", "zur"...; stop at a verb
        if k > 5 {
            break;
        }
    }
    let Some(cut) = cut else {
        // "des DNG", "der StVO", "des SGB V": an abbreviation after the article
        let first = toks.first()?;
        let w = first.as_str();
        if first.as_rule() != Rule::law_word || !is_abbreviation(w) {
            return None;
        }
        let mut e = first.as_span().end();
        if let Some(x) = toks.get(1) {
            if is_roman(x.as_str()) || LANDS.contains(&x.as_str()) {
                e = x.as_span().end();
            }
        }
        let input = inner.as_span().get_input();
        let name = &input[first.as_span().start()..e];
        return Some((Scope::External(name.to_string()), Some(e)));
    };
    let start = name_start?;
    let text = &inner.as_span().get_input()[start..cut];
    Some((Scope::External(text.to_string()), Some(cut)))
}

fn level_of(word: Rule) -> Option<Level> {
    Some(match word {
        Rule::paragraf_sign => Level::Paragraf,
        Rule::artikel_word => Level::Artikel,
        Rule::absatz_word | Rule::absatz_bare => Level::Absatz,
        Rule::satz_word | Rule::satz_bare => Level::Satz,
        Rule::nummer_word | Rule::nummer_bare => Level::Nummer,
        Rule::buchstabe_word | Rule::buchstabe_bare => Level::Buchstabe,
        Rule::doppelbuchstabe_word => Level::Doppelbuchstabe,
        Rule::teil_word => Level::Teil,
        Rule::ziffer_word => Level::Nummer,
        Rule::unterabsatz_word => Level::Unterabsatz,
        _ => return None,
    })
}

/// A unit word written short: "Abs.", or juris' "Abs" without the period.
fn abbreviated(word: Rule, text: &str) -> bool {
    text.ends_with('.')
        || matches!(
            word,
            Rule::absatz_bare | Rule::satz_bare | Rule::nummer_bare | Rule::buchstabe_bare
        )
}

fn collect_steps(chain: Pair<Rule>, steps: &mut Vec<Step>) {
    for part in chain.into_inner() {
        let mut level = None;
        let mut abbreviation = None;
        let mut items = Vec::new();
        match part.as_rule() {
            Rule::annex_word => {
                let w = part.as_str();
                steps.push(Step {
                    level: if w.starts_with("Anh") {
                        Level::Anhang
                    } else {
                        Level::Anlage
                    },
                    items: Vec::new(),
                    abbreviation: None,
                });
                continue;
            }
            Rule::num_list => {
                // the numbers of an annex_word
                if let Some(last) = steps.last_mut() {
                    last.items = items_of(part);
                }
                continue;
            }
            Rule::paren_letter => {
                // "Nr. 2 a)": Buchstabe a
                steps.push(Step {
                    level: Level::Buchstabe,
                    items: vec![Item {
                        from: part.as_str().trim_end_matches(')').to_string(),
                        to: None,
                        dash: false,
                        folgende: false,
                    }],
                    abbreviation: None,
                });
                continue;
            }
            _ => {}
        }
        for q in part.into_inner() {
            match q.as_rule() {
                // a unit word that comes again ("Nr. 1 und Nr. 3") adds its numbers
                Rule::num_list | Rule::letter_list => items.extend(items_of(q)),
                Rule::teil_letter => items.push(Item {
                    from: q.as_str().to_string(),
                    to: None,
                    dash: false,
                    folgende: false,
                }),
                r => {
                    if let Some(l) = level_of(r) {
                        if level.is_none() && abbreviated(r, q.as_str()) {
                            abbreviation = Some(q.as_str().to_string());
                        }
                        level.get_or_insert(l);
                    }
                }
            }
        }
        if let Some(level) = level {
            steps.push(Step {
                level,
                items,
                abbreviation,
            });
        }
    }
}

fn items_of(list: Pair<Rule>) -> Vec<Item> {
    list.into_inner()
        .filter(|p| matches!(p.as_rule(), Rule::num_item | Rule::letter_item))
        .map(|it| {
            let mut nums = Vec::new();
            let mut dash = false;
            let mut folgende = false;
            for q in it.into_inner() {
                match q.as_rule() {
                    Rule::num | Rule::letter => {
                        let t = q.as_str().trim_end_matches(')');
                        // "§ 613 a" is § 613a
                        let t: String = t.chars().filter(|c| *c != ' ').collect();
                        // "§§ 156ff": folgende. "§ 5f" stays as written: it may be
                        // § 5f (the resolver falls back to § 5 when the law has none)
                        let t = if t.len() > 2
                            && t.chars().next().is_some_and(|c| c.is_ascii_digit())
                        {
                            match t.strip_suffix("ff") {
                                Some(head) => {
                                    folgende = true;
                                    head.to_string()
                                }
                                None => t,
                            }
                        } else {
                            t
                        };
                        nums.push(t)
                    }
                    Rule::folgende => folgende = true,
                    Rule::range_sep => dash = !q.as_str().contains("bis"),
                    _ => {}
                }
            }
            let mut nums = nums.into_iter();
            let from = nums.next().unwrap_or_default();
            let to = nums.next();
            Item {
                dash: dash && to.is_some(),
                from,
                to,
                folgende,
            }
        })
        .collect()
}

/// Byte offset in `src` of the normalized-text offset `target` of `text`,
/// where `text` is the normalized form of `src` (collapsed whitespace, no `*`).
/// For many offsets into one text, build a [`Locator`] once.
pub fn locate(src: &str, text: &str, target: usize) -> Option<usize> {
    Locator::new(src, text).get(target)
}

/// Maps byte offsets of a normalized text to offsets in the source it was
/// normalized from. The map is built lazily, one pass that stops at the
/// furthest offset asked for (so that locating n citations in a long unit is
/// linear, not quadratic, and a text whose citations sit early is not walked
/// to its end); a source that begins with the text verbatim maps one to one.
#[derive(Debug)]
pub struct Locator<'s> {
    src: &'s str,
    text: &'s str,
    identity: bool,
    state: std::cell::RefCell<LocatorState>,
}

#[derive(Debug, Default)]
struct LocatorState {
    /// `map[ti]`: source offset of text offset `ti`; `usize::MAX` where the
    /// text no longer follows the source.
    map: Vec<usize>,
    /// Next text offset to map; source offset reached.
    ti: usize,
    si: usize,
    /// The whole text is mapped (or lost).
    done: bool,
}

const NONE: usize = usize::MAX;

impl<'s> Locator<'s> {
    /// The map from `text` (a node's normalized text) back into `src`
    /// (the node's source).
    pub fn new(src: &'s str, text: &'s str) -> Locator<'s> {
        Locator {
            src,
            text,
            identity: src.starts_with(text),
            state: Default::default(),
        }
    }

    /// Source offset of text offset `target` (`None` where the text does not
    /// follow the source; offsets past the text are the text's end).
    pub fn get(&self, target: usize) -> Option<usize> {
        let target = target.min(self.text.len());
        if self.identity {
            return Some(target);
        }
        let mut st = self.state.borrow_mut();
        while st.map.len() <= target && !st.done {
            self.same_bytes(&mut st, target + 1);
            if st.map.len() <= target {
                self.step(&mut st);
            }
        }
        st.map.get(target).copied().filter(|&m| m != NONE)
    }

    /// Maps a run of bytes the source has verbatim, up to text offset `limit`
    /// (the common case, between line breaks and markup), ending on a
    /// character boundary.
    fn same_bytes(&self, st: &mut LocatorState, limit: usize) {
        let (s, t) = (self.src.as_bytes(), self.text.as_bytes());
        let n = (limit.min(t.len()).saturating_sub(st.ti)).min(s.len().saturating_sub(st.si));
        // a run starts only where the previous character's map is complete
        if n == 0 || st.map.len() != st.ti {
            return;
        }
        let mut k = 0;
        while k < n && t[st.ti + k] == s[st.si + k] {
            k += 1;
        }
        while k > 0 && !self.text.is_char_boundary(st.ti + k) {
            k -= 1;
        }
        st.map.extend(st.si..st.si + k);
        st.ti += k;
        st.si += k;
    }

    /// Maps the next character of the text (or, at its end, the end).
    fn step(&self, st: &mut LocatorState) {
        let (src, text) = (self.src, self.text);
        let ti = st.ti;
        let Some(tc) = text[ti..].chars().next() else {
            let si = st.si;
            st.map.resize(text.len() + 1, si);
            st.done = true;
            return;
        };
        // skip markup (and, before a letter, line breaks) before the character
        let mut at = st.si;
        while let Some(c) = src[at..].chars().next() {
            let skip = c == '*'
                || c == '\u{feff}'
                || (tc != ' ' && c.is_whitespace())
                || syntax::parse::text::is_escape(src.as_bytes(), at);
            if c == tc || !skip {
                break;
            }
            at += c.len_utf8();
        }
        // offsets inside the previous character map to this one
        st.map.resize(ti + 1, at);
        st.ti = ti + tc.len_utf8();
        let mut si = st.si;
        loop {
            let Some(sc) = src[si..].chars().next() else {
                return self.lose(st);
            };
            if sc == tc {
                si += sc.len_utf8();
                break;
            }
            if tc == ' ' && (sc.is_whitespace() && sc != '\u{a0}' && sc != '\u{202f}') {
                while let Some(c) = src[si..].chars().next() {
                    if c.is_whitespace() && c != '\u{a0}' && c != '\u{202f}' {
                        si += c.len_utf8();
                    } else {
                        break;
                    }
                }
                break;
            }
            if sc == '*'
                || sc.is_whitespace()
                || sc == '\u{feff}'
                || syntax::parse::text::is_escape(src.as_bytes(), si)
            {
                si += sc.len_utf8();
                continue;
            }
            return self.lose(st);
        }
        st.si = si;
    }

    /// The text stops following the source: the rest of it maps nowhere.
    fn lose(&self, st: &mut LocatorState) {
        st.map.resize(self.text.len() + 1, NONE);
        st.done = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The levels of a citation with their numbers (from, to).
    type Steps = Vec<(Level, Vec<(String, Option<String>)>)>;

    fn one(t: &str) -> (String, Steps, Scope) {
        let f = extract_from_text(t);
        assert_eq!(f.len(), 1, "{t}: {f:?}");
        let f = &f[0];
        (
            t[f.start..f.end].to_string(),
            f.steps
                .iter()
                .map(|s| {
                    (
                        s.level,
                        s.items
                            .iter()
                            .map(|i| (i.from.clone(), i.to.clone()))
                            .collect(),
                    )
                })
                .collect(),
            f.scope.clone(),
        )
    }

    fn n(s: &str) -> (String, Option<String>) {
        (s.to_string(), None)
    }

    #[test]
    fn internal() {
        let (t, s, sc) = one("nach § 5 Absatz 2 Satz 1 Nummer 3 Buchstabe a gilt");
        assert_eq!(t, "§ 5 Absatz 2 Satz 1 Nummer 3 Buchstabe a");
        assert_eq!(s.len(), 5);
        assert_eq!(s[4], (Level::Buchstabe, vec![n("a")]));
        assert_eq!(sc, Scope::Internal);
        let (t, s, _) = one("nach § 5 Abs. 2 S. 1 Nr. 3 Buchst. a gilt");
        assert_eq!(t, "§ 5 Abs. 2 S. 1 Nr. 3 Buchst. a");
        assert_eq!(s.len(), 5);
        let (_, s, _) = one("die §§ 3 bis 5 gelten");
        assert_eq!(s[0].1, vec![("3".to_string(), Some("5".to_string()))]);
        let (_, s, _) = one("die §§ 3, 5 und 7 gelten");
        assert_eq!(s[0].1, vec![n("3"), n("5"), n("7")]);
        let (_, s, _) = one("§ 4 Absatz 1 und 2");
        assert_eq!(s[1].1, vec![n("1"), n("2")]);
        let (_, s, _) = one("Art. 12 Abs. 1 ist");
        assert_eq!(s[0].0, Level::Artikel);
    }

    #[test]
    fn lists_with_articles_split() {
        let f = extract_from_text("der §§ 89, 90a Abs. 1 und des § 90b");
        assert_eq!(f.len(), 2, "{f:?}");
    }

    #[test]
    fn relative_and_annex() {
        assert_eq!(one("die Absätze 2 bis 4 gelten").2, Scope::Relative);
        assert_eq!(one("Satz 1 gilt nicht").0, "Satz 1");
        assert_eq!(
            one("nach Maßgabe des Anhangs III eingestuft").1[0].0,
            Level::Anhang
        );
        assert_eq!(one("Anlage 2").1[0], (Level::Anlage, vec![n("2")]));
        let (_, s, _) = one("Anhang IV Teil I Buchstabe a");
        assert_eq!(s.len(), 3);
    }

    #[test]
    fn external() {
        assert_eq!(one("§ 823 Abs. 1 BGB").2, Scope::External("BGB".into()));
        assert_eq!(
            one("§§ 194 bis 218 des Bürgerlichen Gesetzbuchs gelten").2,
            Scope::External("Bürgerlichen Gesetzbuchs".into())
        );
        assert_eq!(
            one("Artikel 3 Nummer 6 der Verordnung (EU) 2024/1689 und").2,
            Scope::Eu(EuAct {
                kind: EuKind::Verordnung,
                year: 2024,
                number: 1689,
                text: "Verordnung (EU) 2024/1689".into()
            })
        );
        assert_eq!(one("Art. 12 Abs. 1 GG").2, Scope::External("GG".into()));
        assert_eq!(
            one("im Sinne des Gesetzes VI gilt").2,
            Scope::Series("Gesetz VI".into())
        );
        assert_eq!(
            one("Anhang III des Gesetzes VII").2,
            Scope::Series("Gesetz VII".into())
        );
        assert_eq!(one("§ 5 dieses Gesetzes").2, Scope::Internal);
        // a short name without article; words between the citation and the name
        let (text, _, scope) =
            one("§ 100 Abs. 2 Aktiengesetz in der bis zum 30. April 1998 geltenden Fassung");
        assert_eq!(
            (text.as_str(), scope),
            (
                "§ 100 Abs. 2 Aktiengesetz",
                Scope::External("Aktiengesetz".into())
            )
        );
        assert_eq!(
            one("nach § 80 zweite Alternative des Einkommensteuergesetzes gilt").2,
            Scope::External("Einkommensteuergesetzes".into())
        );
        assert_eq!(one("§ 3 Satz 1 erster Halbsatz gilt").2, Scope::Internal);
    }

    /// The forms real texts use, each with its whole span and law.
    #[test]
    fn real_forms() {
        let cases: &[(&str, &str, &str)] = &[
            // juris: unit words without their period
            (
                "nach § 240 Abs 1 S 2 SGB V gilt",
                "§ 240 Abs 1 S 2 SGB V",
                "SGB V",
            ),
            ("§ 547 Halbsatz 1 ZPO ist", "§ 547 Halbsatz 1 ZPO", "ZPO"),
            (
                "§ 5 Abs. 1 S. 1 Hs. 2 BGB",
                "§ 5 Abs. 1 S. 1 Hs. 2 BGB",
                "BGB",
            ),
            ("§ 34 Abs. 1 Alt. 1 StGB", "§ 34 Abs. 1 Alt. 1 StGB", "StGB"),
            ("die §§ 174 ff. StGB", "§§ 174 ff. StGB", "StGB"),
            ("nach § 613 a BGB", "§ 613 a BGB", "BGB"),
            (
                "§ 37 Abs. 1 Nr. 1 und Nr. 3 HSOG",
                "§ 37 Abs. 1 Nr. 1 und Nr. 3 HSOG",
                "HSOG",
            ),
            (
                "§ 12 Abs. 1 und Abs. 3 BGB",
                "§ 12 Abs. 1 und Abs. 3 BGB",
                "BGB",
            ),
            ("§ 2 Abs. 4 DGL-VO SH", "§ 2 Abs. 4 DGL-VO SH", "DGL-VO SH"),
            ("§ 3 der 39. BImSchV", "§ 3 der 39. BImSchV", "39. BImSchV"),
            ("§ 7 des DNG", "§ 7 des DNG", "DNG"),
            ("Art. 6B PVÜ", "Art. 6B PVÜ", "PVÜ"),
            (
                "§ 218c Abs. 1 zweiter Halbsatz Siebtes Buch Sozialgesetzbuch),",
                "§ 218c Abs. 1 zweiter Halbsatz Siebtes Buch Sozialgesetzbuch",
                "Siebtes Buch Sozialgesetzbuch",
            ),
            (
                "§ 44 des Zehnten Buches Sozialgesetzbuch",
                "§ 44 des Zehnten Buches Sozialgesetzbuch",
                "Zehnten Buches Sozialgesetzbuch",
            ),
        ];
        for (text, span, law) in cases {
            let (t, _, scope) = one(text);
            assert_eq!(
                (t.as_str(), scope),
                (*span, Scope::External(law.to_string())),
                "{text}"
            );
        }
        let (_, s, _) = one("nach § 613 a BGB");
        assert_eq!(s[0].1, vec![n("613a")]);
        let (_, s, _) = one("§ 37 Abs. 1 Nr. 1 und Nr. 3 HSOG");
        assert_eq!(s[2].1, vec![n("1"), n("3")]);
        let (_, s, _) = one("nach § 5 Nr. 2 a) gilt");
        assert_eq!(s[2], (Level::Buchstabe, vec![n("a")]));
    }

    #[test]
    fn eu_acts() {
        for (text, span, kind, year, number) in [
            (
                "der Richtlinie 2008/94/EG gilt",
                "Richtlinie 2008/94/EG",
                EuKind::Richtlinie,
                2008,
                94,
            ),
            (
                "die Verordnung (EG) Nr. 1371/2007 des",
                "Verordnung (EG) Nr. 1371/2007",
                EuKind::Verordnung,
                2007,
                1371,
            ),
            (
                "Artikel 6 Absatz 1 der Verordnung (EU) 2016/679 gilt",
                "Artikel 6 Absatz 1 der Verordnung (EU) 2016/679",
                EuKind::Verordnung,
                2016,
                679,
            ),
            (
                "der Durchführungsverordnung (EU) 2019/947 der",
                "Durchführungsverordnung (EU) 2019/947",
                EuKind::Durchfuehrungsverordnung,
                2019,
                947,
            ),
            (
                "Richtlinie 93/42/EWG",
                "Richtlinie 93/42/EWG",
                EuKind::Richtlinie,
                1993,
                42,
            ),
        ] {
            let (t, _, scope) = one(text);
            assert_eq!(t, span, "{text}");
            match scope {
                Scope::Eu(a) => assert_eq!((a.kind, a.year, a.number), (kind, year, number)),
                s => panic!("{text}: {s:?}"),
            }
        }
    }

    #[test]
    fn publications_are_no_nummern() {
        for t in [
            "Bundesanzeiger Nr. 26 vom",
            "Verfügung BMPT Nr. 25/1997",
            "die lfd. Nr. 6 der Tabelle",
            "nach § 160a RdNr 5",
        ] {
            let f = extract_from_text(t);
            assert!(
                f.iter()
                    .all(|f| !matches!(f.scope, Scope::Relative | Scope::External(_))),
                "{t}: {f:?}"
            );
        }
    }

    #[test]
    fn not_references() {
        for t in [
            "am 1. Januar 2027",
            "Typ A–E",
            "18. Lebensjahr",
            "Der Satz der Abgabe",
            "BGBl. I S. 2309",
            "eine Nummer des Ausweises",
            "Satzung",
        ] {
            assert!(extract_from_text(t).is_empty(), "{t}");
        }
    }

    #[test]
    fn locate_maps_through_markup() {
        let src = "nach Maßgabe des **Anhangs\n  III** eingestuft";
        let text = "nach Maßgabe des Anhangs III eingestuft";
        let a = text.find("Anhangs").unwrap();
        assert_eq!(&src[locate(src, text, a).unwrap()..][..7], "Anhangs");
    }

    #[test]
    fn locator_maps_every_character() {
        let src = "\u{feff}Nach  **§ 5**\r\n  Absatz 2 gilt „*Satz*“ – nicht";
        let text = "Nach § 5 Absatz 2 gilt „Satz“ – nicht";
        let loc = Locator::new(src, text);
        for (ti, tc) in text.char_indices().filter(|(_, c)| *c != ' ') {
            let si = loc.get(ti).unwrap();
            assert!(src[si..].starts_with(tc), "{ti} {tc:?} -> {si}");
        }
        assert_eq!(loc.get(text.len()), Some(src.len()));
        // asked out of order, it answers the same
        let again = Locator::new(src, text);
        assert_eq!(again.get(text.len()), Some(src.len()));
        for (ti, _) in text.char_indices() {
            assert_eq!(again.get(ti), loc.get(ti));
        }
        // a source that starts with its text maps one to one
        let same = Locator::new("§ 5 Absatz 2\n", "§ 5 Absatz 2");
        assert_eq!((same.get(3), same.get(99)), (Some(3), Some(13)));
        // a run of equal bytes stops on a character boundary: "ä" and "ö"
        // share their first byte
        let umlaut = Locator::new("Mäßig", "Möglich");
        assert_eq!(
            (umlaut.get(0), umlaut.get(1), umlaut.get(3)),
            (Some(0), Some(1), None)
        );
        // a text that stops following its source maps no further
        let lost = Locator::new("ab", "ax");
        assert_eq!(
            (lost.get(0), lost.get(1), lost.get(2)),
            (Some(0), Some(1), None)
        );
    }
}
