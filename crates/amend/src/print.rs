//! The printer of Änderungsbefehle: an [`Op`] as the sentence of an amending
//! law, in the Handbuch's phrasing, such that [`crate::parse::parse_befehl`]
//! reads it back as the same `Op` (a property test holds it to that).

use crate::capitalize;
use crate::{Objekt, Op, Ort, Teil, TeilKind};
use syntax::ast::Kind;

/// A place in the nominative: "§ 3 Absatz 2 Satz 1", "Die Absätze 2 bis 4",
/// "Der einleitende Satzteil".
pub fn ort(ort: &[Teil]) -> String {
    ort.iter().map(teil).collect::<Vec<_>>().join(" ")
}

fn teil(t: &Teil) -> String {
    let several = t.nums.len() > 1;
    let word = match t.kind {
        TeilKind::Einleitung => return "einleitende Satzteil".into(),
        TeilKind::Schluss => return "abschließende Satzteil".into(),
        TeilKind::Ueberschrift => return "Überschrift".into(),
        TeilKind::Gesetz => return "Gesetz".into(),
        TeilKind::Wortlaut => return "Wortlaut".into(),
        TeilKind::Angabe => {
            let kind = t.gliederung.and_then(syntax::vocab::word).unwrap_or("§");
            return format!("Angabe zu {kind} {}", t.nums.join(" und "));
        }
        TeilKind::Gliederung => t
            .gliederung
            .and_then(syntax::vocab::gliederung_word)
            .unwrap_or("Abschnitt"),
        k => {
            let kind = k.unit_kind();
            let w = if several {
                kind.and_then(syntax::vocab::plural)
            } else {
                kind.and_then(syntax::vocab::word)
            };
            w.unwrap_or_default()
        }
    };
    if t.nums.is_empty() {
        return word.to_string();
    }
    let nums = if t.range {
        t.nums.join(" bis ")
    } else {
        match t.nums.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} und {last}", rest.join(", ")),
            _ => t.nums.join(""),
        }
    };
    format!("{word} {nums}")
}

/// How quoted words are called: an Angabe (numbers, §), one Wort, or Wörter.
#[derive(Clone, Copy, PartialEq)]
enum Called {
    Angabe,
    Wort,
    Woerter,
}

fn called(o: &Objekt) -> Called {
    if o.text.chars().any(|c| c.is_ascii_digit() || c == '§') {
        Called::Angabe
    } else if o.text.split_whitespace().count() > 1 {
        Called::Woerter
    } else {
        Called::Wort
    }
}

/// Quoted words in the nominative: "die Wörter „x“", "das Wort „x“",
/// "die Angabe „§ 5“", with "am Ende".
fn objekt(o: &Objekt) -> String {
    let word = match called(o) {
        Called::Angabe => "die Angabe",
        Called::Wort => "das Wort",
        Called::Woerter => "die Wörter",
    };
    with_end(format!("{word} „{}“", o.text), o)
}

/// The same in the dative: "nach den Wörtern „x“", "nach dem Wort „x“", "nach der Angabe „x“".
fn objekt_dativ(o: &Objekt) -> String {
    let word = match called(o) {
        Called::Angabe => "der Angabe",
        Called::Wort => "dem Wort",
        Called::Woerter => "den Wörtern",
    };
    with_end(format!("{word} „{}“", o.text), o)
}

fn with_end(s: String, o: &Objekt) -> String {
    if o.am_ende {
        s + " am Ende"
    } else {
        s
    }
}

/// "wird" for one word or Angabe, "werden" for Wörter.
fn verb_for(o: &Objekt) -> &'static str {
    if called(o) == Called::Woerter {
        "werden"
    } else {
        "wird"
    }
}

fn quoted(zitate: &[String]) -> String {
    zitate
        .iter()
        .map(|z| format!("„{z}“"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn verb(o: &Ort) -> &'static str {
    if o.iter().any(|t| t.nums.len() > 1) {
        "werden"
    } else {
        "wird"
    }
}

/// "In § 3 Absatz 2 " (with "Im" before a Satzteil), or nothing for no place.
fn in_ort(o: &Ort) -> String {
    match o.first().map(|t| t.kind) {
        None => String::new(),
        Some(TeilKind::Einleitung | TeilKind::Schluss) => {
            format!("Im {}n ", ort(o))
        }
        _ => format!("In {} ", ort(o)),
    }
}

/// The units a passage brings: "der folgende Absatz 4", or "die folgenden Vorschriften".
fn neue(neu: &Ort) -> String {
    if neu.is_empty() {
        "die folgenden Vorschriften".into()
    } else {
        format!("folgende {}", ort(neu))
    }
}

/// Several replacements or insertions at one place, as one sentence.
fn mehrere(ops: &[Op]) -> Option<String> {
    let first = ops.first()?;
    // "Absatz 3 wird Absatz 4 und wie folgt gefasst: „…“"
    if let ([Op::Umnummern { alt, neu }, then], true) = (ops, ops.len() == 2) {
        let head = format!("Der bisherige {} wird {} und", ort(alt), ort(neu));
        return Some(match then {
            Op::Aendern { ort: o } if o == neu => format!("{head} wie folgt geändert:"),
            Op::Fassen { ort: o, zitat } if o == neu => {
                format!("{head} wie folgt gefasst:\n„{zitat}“")
            }
            Op::Ersetzen {
                ort: o,
                alt: a,
                neu: n,
                jeweils,
            } if o == neu => format!(
                "{head} {} {}{} durch {} ersetzt.",
                objekt(a),
                verb_for(a),
                if *jeweils { " jeweils" } else { "" },
                objekt(n)
            ),
            _ => return None,
        });
    }
    let ort0 = match first {
        Op::Ersetzen { ort, .. } | Op::EinfuegenWort { ort, .. } => ort,
        _ => return None,
    };
    // the replacements, then the insertions: "werden X durch Y (und …) ersetzt
    // und nach A B (und …) eingefügt"
    let (mut ersetzt, mut eingefuegt) = (Vec::new(), Vec::new());
    for op in ops {
        match op {
            Op::Ersetzen {
                ort,
                alt,
                neu,
                jeweils,
            } if ort == ort0 && eingefuegt.is_empty() => ersetzt.push((
                alt,
                format!(
                    "{}{} durch {}",
                    objekt(alt),
                    if *jeweils { " jeweils" } else { "" },
                    objekt(neu)
                ),
            )),
            Op::EinfuegenWort {
                ort,
                nach,
                anker,
                neu,
                jeweils: false,
            } if ort == ort0 => eingefuegt.push(format!(
                "{} {} {}",
                if *nach { "nach" } else { "vor" },
                objekt_dativ(anker),
                objekt(neu)
            )),
            _ => return None,
        }
    }
    let joined = |parts: Vec<String>| parts.join(" und ");
    let sentence = match (ersetzt.len(), eingefuegt.is_empty()) {
        (0, _) => format!("werden {} eingefügt", joined(eingefuegt)),
        (_, true) => format!(
            "werden {} ersetzt",
            joined(ersetzt.into_iter().map(|(_, p)| p).collect())
        ),
        (n, false) => {
            let verb = match ersetzt.first() {
                Some((alt, _)) if n == 1 => verb_for(alt),
                _ => "werden",
            };
            format!(
                "{verb} {} ersetzt und {} eingefügt",
                joined(ersetzt.into_iter().map(|(_, p)| p).collect()),
                joined(eingefuegt)
            )
        }
    };
    Some(capitalize(&format!("{}{sentence}.", in_ort(ort0))))
}

/// The sentence of one command; `None` for a command that was not read.
pub fn befehl(op: &Op) -> Option<String> {
    Some(match op {
        Op::Aendern { ort: o } => {
            format!("{} {} wie folgt geändert:", capitalize(&ort(o)), verb(o))
        }
        Op::Fassen { ort: o, zitat } => format!(
            "{} {} wie folgt gefasst:\n„{zitat}“",
            capitalize(&ort(o)),
            verb(o)
        ),
        Op::ErsetzenEinheit { ort: o, zitate } => format!(
            "{} {} durch die folgenden Vorschriften ersetzt:\n{}",
            capitalize(&ort(o)),
            verb(o),
            quoted(zitate)
        ),
        Op::Ersetzen { .. } | Op::Streichen { .. } | Op::EinfuegenWort { .. } => wortbefehl(op)?,
        Op::Einfuegen {
            nach,
            ort: o,
            zitate,
        } => format!(
            "{} {} werden die folgenden Vorschriften eingefügt:\n{}",
            if *nach { "Nach" } else { "Vor" },
            ort(o),
            quoted(zitate)
        ),
        Op::Anfuegen {
            ort: o,
            neu,
            zitate,
            vorn,
        } => anfuegen(o, neu, zitate, *vorn),
        Op::Aufheben { ort: o, streichen } => format!(
            "{} {} {}.",
            capitalize(&ort(o)),
            verb(o),
            if *streichen {
                "gestrichen"
            } else {
                "aufgehoben"
            }
        ),
        Op::Umnummern { alt, neu } => {
            format!("Der bisherige {} wird {}.", ort(alt), ort(neu))
        }
        Op::Mehrere { ops } => mehrere(ops)?,
        Op::Rahmen {
            verb,
            vorlage: None,
        } => format!("Es werden {verb}:"),
        Op::Rahmen { .. } => return None,
        Op::Unlesbar { .. } => return None,
    })
}

/// „Dem § 3 werden die folgenden Absätze 4 und 5 angefügt:“ (or vorangestellt).
fn anfuegen(o: &Ort, neu: &Ort, zitate: &[String], vorn: bool) -> String {
    let verb = if vorn { "vorangestellt" } else { "angefügt" };
    if o.is_empty() {
        format!(
            "{} werden {verb}:\n{}",
            capitalize(&neue(neu)),
            quoted(zitate)
        )
    } else {
        let article = match o.first().and_then(|t| t.kind.unit_kind()) {
            Some(Kind::Nummer | Kind::Anlage | Kind::Praeambel | Kind::Eingangsformel) => "Der",
            _ => "Dem",
        };
        format!(
            "{article} {} werden {} {verb}:\n{}",
            ort(o),
            neue(neu),
            quoted(zitate)
        )
    }
}

/// A command on words: „… werden die Wörter „…“ durch … ersetzt.“,
/// „… gestrichen.“, „… eingefügt.“; None for any other operation.
fn wortbefehl(op: &Op) -> Option<String> {
    Some(match op {
        Op::Ersetzen {
            ort: o,
            alt,
            neu,
            jeweils,
        } => capitalize(&format!(
            "{}{} {}{} durch {} ersetzt.",
            in_ort(o),
            verb_for(alt),
            objekt(alt),
            if *jeweils { " jeweils" } else { "" },
            objekt(neu)
        )),
        Op::Streichen {
            ort: o,
            alt,
            jeweils,
        } => capitalize(&format!(
            "{}{} {}{} gestrichen.",
            in_ort(o),
            verb_for(alt),
            objekt(alt),
            if *jeweils { " jeweils" } else { "" }
        )),
        Op::EinfuegenWort {
            ort: o,
            nach,
            anker,
            neu,
            jeweils,
        } => capitalize(&format!(
            "{}{}{} {} {} {} eingefügt.",
            in_ort(o),
            verb_for(neu),
            if *jeweils { " jeweils" } else { "" },
            if *nach { "nach" } else { "vor" },
            objekt_dativ(anker),
            objekt(neu)
        )),
        _ => return None,
    })
}
