use crate::text::unit_name;
use crate::{Ctx, Rule, Severity, Sink};

/// ## What it checks
/// A Gliederung unit nested inside a unit of a lower level: a Teil inside an
/// Abschnitt, a Kapitel inside a Titel. The levels run Buch > Teil > Kapitel >
/// Unterkapitel > Abschnitt > Unterabschnitt > Titel > Untertitel.
///
/// ## Why
/// The Handbuch der Rechtsförmlichkeit fixes the order of the Gliederung
/// levels; an inverted nesting confuses readers and citations („Kapitel 1 des
/// Titels 2“).
///
/// ## Example
/// ```text
/// Abschnitt 1 – Allgemeines
/// Teil 1 – Grundsätze
/// ```
///
/// ## Instead
/// Use the level that fits below the enclosing one (here: Unterabschnitt).
pub const RULE: Rule = Rule {
    code: "S006",
    name: "gliederung-inversion",
    summary: "A Gliederung level nested inside a lower one",
    severity: Severity::Warning,
    source: include_str!("gliederung_inversion.rs"),
    check,
};

fn check(ctx: &Ctx, out: &mut Sink) {
    ctx.doc.root.walk_with_parents(&mut |n, parents| {
        if !n.kind.is_gliederung() || n.kind.gliederung_rank() > 8 {
            return;
        }
        if let Some(p) = parents
            .iter()
            .rev()
            .find(|p| p.kind.is_gliederung() && p.kind.gliederung_rank() <= 8)
        {
            if p.kind.gliederung_rank() > n.kind.gliederung_rank() {
                out.push(
                    ctx.head_span(n),
                    format!(
                        "{} stands inside {}, a lower level",
                        unit_name(n),
                        unit_name(p)
                    ),
                    None,
                );
            }
        }
    });
}
