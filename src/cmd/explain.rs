use anyhow::{bail, Result};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// A rule code (R001) or name (unresolved-reference), or `config` for the
    /// keys of paragraf.toml; without one, all rules are listed.
    code: Option<String>,
}

/// Every key of `paragraf.toml`, in the one place they are documented
/// (`paragraf explain config`; the README points here).
pub const CONFIG: &str = r#"# paragraf.toml: the workspace
#
# paragraf looks for paragraf.toml in the directory of a law and above it
# (`lint`, `fmt`, `build`, `watch`, `lsp` alike). Every key is optional; an
# unknown key is an error with its line:column.

[series]
name = "VIRES"                  # the series: the volume's title in `build`

[[law]]                         # one table per law of the series
file = "gesetz-vii.txt"         # path relative to paragraf.toml (must exist)
short = "Gesetz VII"            # how the other laws cite it („des Gesetzes VII“)
external = ["Anhang III"]       # parts that exist outside the repository: citations of them resolve
history = [                     # its Fassungen: the amending laws that changed it, in order
  { amending = "aenderung-gesetz-vii-2026.txt", verkuendet = "2026-02-28" },
]                               # amending: path relative to paragraf.toml;
                                # verkuendet: date of the Verkündung (YYYY-MM-DD), needed
                                # where the Inkrafttreten depends on it
date = "2025-10-14"             # its Ausfertigungsdatum: an amending law's Eingangssatz
                                # may name it by it („vom 14. Oktober 2025“)
fundstelle = "BGBl. I S. 1394"  # its Fundstelle, likewise („(BGBl. I S. 1394)“)

[library]                       # laws outside the series that citations of other laws
bund = "../corpus/bund"         # resolve against, by name: a directory (relative to
                                # paragraf.toml) of laws, indexed by title and abbreviation
                                # (front matter or first line; the index is cached in
                                # $XDG_CACHE_HOME/paragraf or ~/.cache/paragraf); then
                                # „§ 823 Absatz 5 BGB“ is checked like a citation of this law

[lint]
ignore = ["T004"]               # rules to switch off, by code or name
citation-style = "written"      # C001: "written" (Absatz, Nummer), "abbreviated" (Abs., Nr.)
                                # or "auto" (default: what most citations of the law use)

[lint.severity]
S003 = "error"                  # per rule (code or name): "error", "warning" or "info"

[format]
heading-separator = "–"         # between § number and title in `fmt`, `amend`, `show`:
                                # "–" (default), "-", or "" for none
"#;

pub fn run(a: Args) -> Result<ExitCode> {
    match a.code {
        None => {
            for r in lint::registry() {
                println!(
                    "{}  {:<32} {:<8} {}",
                    r.code,
                    r.name,
                    r.severity.as_str(),
                    r.summary
                );
            }
            println!("\n`paragraf explain CODE` explains a rule, `paragraf explain config` the keys of paragraf.toml.");
        }
        Some(c) if c == "config" => print!("{CONFIG}"),
        Some(c) => match lint::rule(&c) {
            Some(r) => {
                println!("# {} ({}): {}\n", r.name, r.code, r.summary);
                println!("Default severity: {}\n", r.severity.as_str());
                println!("{}", r.doc());
            }
            None => bail!("no rule {c}; `paragraf explain` lists them, `paragraf explain config` the keys of paragraf.toml"),
        },
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    /// The example in CONFIG is a paragraf.toml that loads, with every key.
    #[test]
    fn the_documented_config_is_complete_and_valid() {
        let cfg: paragraf::workspace::Config = toml::from_str(super::CONFIG).unwrap();
        assert_eq!(cfg.series.name.as_deref(), Some("VIRES"));
        let law = &cfg.laws[0];
        assert!(law.short.is_some() && !law.external.is_empty());
        assert!(law.history[0].verkuendet.is_some());
        assert!(!cfg.lint.ignore.is_empty() && !cfg.lint.severity.is_empty());
        assert!(cfg.format.heading_separator.is_some());
        assert!(law.date.is_some() && law.fundstelle.is_some() && !cfg.library.is_empty());
        // every key the types know is written in CONFIG (deny_unknown_fields
        // makes a renamed key fail above; a new key must be added here)
        for key in [
            "[series]",
            "name =",
            "[[law]]",
            "file =",
            "short =",
            "external =",
            "history =",
            "amending =",
            "verkuendet =",
            "date =",
            "fundstelle =",
            "[library]",
            "[lint]",
            "ignore =",
            "citation-style =",
            "[lint.severity]",
            "[format]",
            "heading-separator =",
        ] {
            assert!(super::CONFIG.contains(key), "{key}");
        }
    }
}
