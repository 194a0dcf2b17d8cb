//! The rules, one file each. Add a rule: write its file (doc comment + `pub const RULE`),
//! list it in `ALL`, add a case to `tests/lint_rules.rs`.

use super::Rule;
use syntax::ast::Node;

mod abbreviated_citation;
// the rules on amending laws (A001–A007) and what they share
mod abbreviation_before_definition;
mod abbreviation_defined_twice;
mod aenderung;
mod angabe_for_words;
mod eingangssatz_vollzitat;
mod function_word_anchor;
mod gestrichen_unit;
mod list_of_one;
mod quoted_punctuation;
mod word_count;
pub(crate) use abbreviation_defined_twice::{definitions, Definition};
mod ambiguous_target;
mod dash_range;
mod double_space;
mod duplicate_number;
mod empty_unit;
mod gliederung_inversion;
mod lone_absatz_number;
mod markdown_emphasis;
mod mixed_absatz_markers;
mod number_gap;
mod number_order;
mod parse_warning;
mod repealed_target;
mod self_reference;
mod straight_quotes;
mod unbalanced_parentheses;
mod unbalanced_quotes;
mod unclear_law;
mod unresolved_reference;

pub static ALL: &[Rule] = &[
    unresolved_reference::RULE,
    repealed_target::RULE,
    ambiguous_target::RULE,
    unclear_law::RULE,
    self_reference::RULE,
    duplicate_number::RULE,
    number_order::RULE,
    number_gap::RULE,
    empty_unit::RULE,
    lone_absatz_number::RULE,
    gliederung_inversion::RULE,
    mixed_absatz_markers::RULE,
    markdown_emphasis::RULE,
    abbreviation_before_definition::RULE,
    abbreviation_defined_twice::RULE,
    unbalanced_quotes::RULE,
    unbalanced_parentheses::RULE,
    straight_quotes::RULE,
    double_space::RULE,
    abbreviated_citation::RULE,
    dash_range::RULE,
    parse_warning::RULE,
    angabe_for_words::RULE,
    word_count::RULE,
    quoted_punctuation::RULE,
    function_word_anchor::RULE,
    gestrichen_unit::RULE,
    list_of_one::RULE,
    eingangssatz_vollzitat::RULE,
];

/// A unit number as a sortable key: "4" < "4a" < "5"; Roman and letters too.
pub(crate) fn num_key(num: &str) -> Option<(u64, String)> {
    let digits: String = num.chars().take_while(|c| c.is_ascii_digit()).collect();
    if !digits.is_empty() {
        return Some((digits.parse().ok()?, num[digits.len()..].to_string()));
    }
    if !num.is_empty() && num.chars().all(|c| "IVXLCDM".contains(c)) {
        return roman(num).map(|v| (v, String::new()));
    }
    let mut cs = num.chars();
    let first = cs.next()?;
    if first.is_ascii_lowercase() && num.chars().all(|c| c == first) {
        // a, b, ... z, aa, bb ...
        return Some((
            (num.len() as u64 - 1) * 26 + (first as u64 - 'a' as u64) + 1,
            String::new(),
        ));
    }
    None
}

fn roman(s: &str) -> Option<u64> {
    let val = |c| match c {
        'I' => 1,
        'V' => 5,
        'X' => 10,
        'L' => 50,
        'C' => 100,
        'D' => 500,
        'M' => 1000,
        _ => 0,
    };
    let v: Vec<u64> = s.chars().map(val).collect();
    let mut total = 0u64;
    for i in 0..v.len() {
        if i + 1 < v.len() && v[i] < v[i + 1] {
            total = total.checked_sub(v[i])?;
        } else {
            total += v[i];
        }
    }
    Some(total)
}

/// The last number of a unit ("§§ 3 bis 6" → 6), for order checks.
pub(crate) fn last_num(n: &Node) -> Option<&str> {
    n.num
        .as_deref()
        .map(|s| s.rsplit([' ', ',']).find(|w| !w.is_empty()).unwrap_or(s))
}

/// The first number of a unit ("§§ 3 bis 6" → 3).
pub(crate) fn first_num(n: &Node) -> Option<&str> {
    n.num
        .as_deref()
        .map(|s| s.split([' ', ',']).next().unwrap_or(s))
}

/// Sibling groups whose numbers must run in order: the §§ (or Artikel) of
/// the law and of each annex, and the Absätze, Nummern, Buchstaben and
/// Gliederung units of the same kind under one parent.
pub(crate) fn numbered_groups(root: &Node) -> Vec<Vec<&Node>> {
    let mut groups: Vec<Vec<&Node>> = Vec::new();
    let mut einzel: Vec<Vec<&Node>> = vec![Vec::new()];
    fn go<'a>(n: &'a Node, groups: &mut Vec<Vec<&'a Node>>, einzel: &mut Vec<Vec<&'a Node>>) {
        let mut by_kind: Vec<(syntax::ast::Kind, Vec<&'a Node>)> = Vec::new();
        for c in &n.children {
            if c.kind.is_einzelvorschrift() {
                einzel.last_mut().expect("stack").push(c);
            } else if (c.kind.is_gliederungseinheit()
                || (c.kind.is_gliederung() && c.kind != syntax::ast::Kind::Ueberschrift))
                && c.num.is_some()
            {
                match by_kind.iter_mut().find(|(k, _)| *k == c.kind) {
                    Some((_, v)) => v.push(c),
                    None => by_kind.push((c.kind, vec![c])),
                }
            }
            if c.kind.is_annex() {
                einzel.push(Vec::new());
                go(c, groups, einzel);
                let e = einzel.pop().expect("pushed");
                groups.push(e);
            } else {
                go(c, groups, einzel);
            }
        }
        groups.extend(by_kind.into_iter().map(|(_, v)| v));
    }
    go(root, &mut groups, &mut einzel);
    // Artikel and §§ are numbered separately; the §§ after an Artikel (a
    // Mantelgesetz) start anew
    for e in einzel {
        let mut arts = Vec::new();
        let mut paras = Vec::new();
        for n in e {
            if n.kind == syntax::ast::Kind::Artikel {
                arts.push(n);
                groups.push(std::mem::take(&mut paras));
            } else {
                paras.push(n);
            }
        }
        groups.push(paras);
        groups.push(arts);
    }
    groups.retain(|g| g.len() > 1);
    groups
}

/// Neighbouring units of each numbered group with their number keys:
/// (unit, next unit, key of the unit's last number, key of the next unit's first number).
pub(crate) type NumKey = (u64, String);

pub(crate) type Neighbours<'a> = (&'a Node, &'a Node, NumKey, NumKey);

pub(crate) fn neighbours(root: &Node) -> Vec<Neighbours<'_>> {
    let mut out = Vec::new();
    for group in numbered_groups(root) {
        for w in group.windows(2) {
            let (a, b) = (w[0], w[1]);
            if let (Some(ka), Some(kb)) = (
                last_num(a).and_then(num_key),
                first_num(b).and_then(num_key),
            ) {
                out.push((a, b, ka, kb));
            }
        }
    }
    out
}

/// How a unit is named in messages: "§ 4", "Absatz 3", "Nummer 2", "Abschnitt 1".
pub(crate) fn unit_name(n: &Node) -> String {
    use syntax::ast::Kind::*;
    let num = n.num.as_deref().unwrap_or("");
    match n.kind {
        Paragraf => n.marker.clone().unwrap_or_else(|| format!("§ {num}")),
        Artikel => format!("Artikel {num}"),
        Absatz => format!("Absatz {num}"),
        Nummer => format!("Nummer {num}"),
        Buchstabe | Doppelbuchstabe => format!("Buchstabe {num}"),
        _ => n
            .marker
            .clone()
            .unwrap_or_else(|| format!("{} {num}", n.kind.as_str())),
    }
}
