//! The skeleton of an amending law's Begründung („Besonderer Teil“): „Zu
//! Artikel 1“, „Zu Nummer 1“, „Zu Buchstabe a“ …, one entry per command
//! saying what it changes, with a place for the reasons the drafter writes.

use crate::generate::Numbered;

/// The placeholder for the reasons of one entry.
pub const GRUENDE: &str = "[Begründung]";

/// One Artikel of the amending law: its heading („Änderung des Gesetzes
/// VII“) and its commands (empty for an Artikel without commands, such as
/// the Inkrafttreten).
pub struct ArtikelBefehle<'a> {
    /// The heading after „Artikel N – “.
    pub heading: &'a str,
    /// Its numbered commands.
    pub befehle: &'a [Numbered],
}

/// A command's sentence with long quotations shortened to „…“ and the
/// quoted units after its colon left out: what it changes, in its words.
pub fn was(befehl: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    let mut quoted = String::new();
    for c in befehl.chars() {
        match c {
            '„' => {
                depth += 1;
                if depth == 1 {
                    quoted.clear();
                    continue;
                }
            }
            '“' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    let short = quoted.chars().count() <= 40 && !quoted.contains('\n');
                    out.push('„');
                    out.push_str(if short { &quoted } else { "…" });
                    out.push('“');
                    continue;
                }
            }
            _ => {}
        }
        if depth > 0 {
            quoted.push(c);
        } else {
            out.push(c);
        }
    }
    let flat = out.split_whitespace().collect::<Vec<_>>().join(" ");
    // „… wird wie folgt gefasst: „…““: the sentence up to its colon
    match flat.split_once(": „…“") {
        Some((head, _)) => format!("{head}."),
        None => flat.trim_end_matches(':').to_string(),
    }
}

/// The entries of one numbered command: the command itself, or its
/// Buchstaben („a) …“) each as „Zu Buchstabe a“.
fn nummer(out: &mut String, b: &Numbered, one: bool) {
    let body = b.text.strip_prefix(&b.nummer).unwrap_or(&b.text).trim();
    if !one {
        out.push_str(&format!("Zu Nummer {}\n\n", b.nummer.trim_end_matches('.')));
    }
    let mut parts = body.split("\n   ").filter(|p| !p.trim().is_empty());
    let head = parts.next().unwrap_or("");
    let letters: Vec<&str> = parts
        .filter(|p| {
            let m = p.split(' ').next().unwrap_or("");
            m.ends_with(')') && m[..m.len() - 1].chars().all(|c| c.is_ascii_lowercase())
        })
        .collect();
    if letters.is_empty() || !head.trim_end().ends_with("wie folgt geändert:") {
        out.push_str(&format!("{}\n\n{GRUENDE}\n\n", was(body)));
        return;
    }
    out.push_str(&format!("{}:\n\n", was(head)));
    for l in letters {
        let (m, rest) = l.split_once(' ').unwrap_or((l, ""));
        out.push_str(&format!(
            "Zu Buchstabe {}\n\n{}\n\n{GRUENDE}\n\n",
            m.trim_end_matches(')'),
            was(rest)
        ));
    }
}

/// The Begründung's Besonderer Teil for the Artikel of an amending law, in
/// order (Artikel 1 first).
pub fn skeleton(artikel: &[ArtikelBefehle]) -> String {
    let mut out = String::from("Begründung\n\nB. Besonderer Teil\n\n");
    for (i, a) in artikel.iter().enumerate() {
        out.push_str(&format!("Zu Artikel {} ({})\n\n", i + 1, a.heading));
        if a.befehle.is_empty() {
            out.push_str(&format!("{GRUENDE}\n\n"));
        }
        let one = a.befehle.len() == 1;
        for b in a.befehle {
            nummer(&mut out, b, one);
        }
    }
    out.trim_end().to_string() + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_entry_per_command_with_what_it_changes() {
        let b = |n: &str, t: &str| Numbered {
            unit: String::new(),
            nummer: n.into(),
            text: t.into(),
        };
        let befehle = [
            b("1.", "1. § 3 Absatz 3 wird wie folgt gefasst:\n   „(3) Die Wirkungsweise wird nach Maßgabe des Anhangs III eingestuft und dem Betreiber mitgeteilt.“"),
            b("2.", "2. § 5 wird wie folgt geändert:\n\n   a) In Absatz 1 wird das Wort „Behörde“ durch das Wort „Stelle“ ersetzt.\n\n   b) Absatz 4 wird aufgehoben."),
        ];
        let s = skeleton(&[
            ArtikelBefehle {
                heading: "Änderung des Gesetzes VII",
                befehle: &befehle,
            },
            ArtikelBefehle {
                heading: "Inkrafttreten",
                befehle: &[],
            },
        ]);
        assert_eq!(
            s,
            "Begründung\n\nB. Besonderer Teil\n\nZu Artikel 1 (Änderung des Gesetzes VII)\n\n\
             Zu Nummer 1\n\n§ 3 Absatz 3 wird wie folgt gefasst.\n\n[Begründung]\n\n\
             Zu Nummer 2\n\n§ 5 wird wie folgt geändert:\n\n\
             Zu Buchstabe a\n\nIn Absatz 1 wird das Wort „Behörde“ durch das Wort „Stelle“ ersetzt.\n\n[Begründung]\n\n\
             Zu Buchstabe b\n\nAbsatz 4 wird aufgehoben.\n\n[Begründung]\n\n\
             Zu Artikel 2 (Inkrafttreten)\n\n[Begründung]\n"
        );
    }
}
