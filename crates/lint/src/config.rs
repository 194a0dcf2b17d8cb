//! The `[lint]` table of `paragraf.toml`, read into typed values: a rule
//! code the registry lacks or a severity that is not one of `error`,
//! `warning`, `info` is an error of deserialization, so the workspace loader
//! reports it with the file's line and column instead of ignoring it.

use crate::Severity;
use serde::{Deserialize, Deserializer};
use std::collections::BTreeMap;

/// Written-out ("Absatz") or abbreviated ("Abs.") citations.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CitationStyle {
    /// Whatever most citations of the law use.
    #[default]
    Auto,
    /// Units written out: „Absatz 1 Satz 2“ (the Handbuch der Rechtsförmlichkeit).
    Written,
    /// Units abbreviated: „Abs. 1 S. 2“ (the style of many older laws).
    Abbreviated,
}

/// The code of a rule of the registry ("R001"); deserializes from its code
/// (any case) or its name ("unresolved-reference").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RuleCode(pub &'static str);

impl<'de> Deserialize<'de> for RuleCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        crate::rule(&s).map(|r| RuleCode(r.code)).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "unknown rule `{s}` (`paragraf explain` lists the rules)"
            ))
        })
    }
}

/// `[lint]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LintConfig {
    /// Rules to switch off.
    #[serde(default)]
    pub ignore: Vec<RuleCode>,
    /// Severity per rule: `R001 = "warning"`.
    #[serde(default)]
    pub severity: BTreeMap<RuleCode, Severity>,
    /// How citations are to be written (C001).
    #[serde(default)]
    pub citation_style: CitationStyle,
}

impl LintConfig {
    /// Whether the rule with this code is switched off.
    pub fn ignores(&self, code: &str) -> bool {
        self.ignore.iter().any(|c| c.0 == code)
    }

    /// The severity configured for a rule, if any.
    pub fn severity_of(&self, code: &'static str) -> Option<Severity> {
        self.severity.get(&RuleCode(code)).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_codes_names_and_severities() {
        let c: LintConfig = toml::from_str(
            "ignore = [\"r002\", \"unresolved-reference\"]\n[severity]\nT001 = \"warn\"\nR003 = \"info\"\n",
        )
        .unwrap();
        assert!(c.ignores("R002") && c.ignores("R001"));
        assert_eq!(c.severity_of("T001"), Some(Severity::Warning));
        assert_eq!(c.severity_of("R003"), Some(Severity::Info));
    }

    #[test]
    fn typos_are_errors_with_a_position() {
        for (text, word) in [
            ("[severity]\nR001 = \"eror\"\n", "eror"),
            ("ignore = [\"X999\"]\n", "X999"),
            ("[severity]\nX999 = \"error\"\n", "X999"),
            ("ignore-rules = []\n", "ignore-rules"),
        ] {
            let e = toml::from_str::<LintConfig>(text).unwrap_err();
            assert!(e.message().contains(word), "{text}: {}", e.message());
            assert!(e.span().is_some(), "{text}: no position");
        }
    }
}
