//! The registry: the rules, one file each. Add a rule: write its file (doc
//! comment + `pub const RULE`), add its `mod` line and its line in `ALL`, and
//! a case to `crates/lint/tests/rules.rs`. Helpers two rules share live
//! outside this directory (`crate::numbering`, `crate::text`,
//! `crate::definitions`); a rule imports no other rule.

use super::Rule;

mod abbreviated_citation;
mod abbreviation_before_definition;
mod abbreviation_defined_twice;
mod ambiguous_target;
mod angabe_for_words;
mod dash_range;
mod double_space;
mod duplicate_number;
mod eingangssatz_vollzitat;
mod empty_unit;
mod function_word_anchor;
mod gestrichen_unit;
mod gliederung_inversion;
mod list_of_one;
mod lone_absatz_number;
mod markdown_emphasis;
mod mixed_absatz_markers;
mod number_gap;
mod number_order;
mod parse_warning;
mod quoted_punctuation;
mod repealed_target;
mod self_reference;
mod straight_quotes;
mod unbalanced_parentheses;
mod unbalanced_quotes;
mod unclear_law;
mod unresolved_reference;
mod word_count;

/// Every rule, in the order `paragraf explain` lists them; one line each.
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
