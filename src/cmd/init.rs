use anyhow::{bail, Context, Result};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The directory of the new workspace (created if missing; must not hold a paragraf.toml).
    #[arg(default_value = ".")]
    dir: PathBuf,
}

const EXAMPLE: &str = "Gesetz I – Beispielgesetz

Fassung

· 1. Januar 2026

Präambel

Dieses Beispiel zeigt die Form, die paragraf liest: ein Titel, die Fassung, Einzelvorschriften mit Überschrift und Absätze mit „(1)“.

§ 1 – Zweck des Gesetzes

Dieses Gesetz regelt, wie ein Gesetz in paragraf geschrieben wird.

§ 2 – Aufbau

(1) Jede Einzelvorschrift beginnt mit „§“, ihrer Nummer und ihrer Überschrift auf einer eigenen Zeile.

(2) Absätze beginnen mit ihrer Nummer in Klammern. Sätze enden mit einem Punkt.

(3) Nummern werden so geschrieben:

1. mit einer Zahl und einem Punkt,

2. Buchstaben darunter mit „a)“:

    a) eingerückt unter ihrer Nummer,

    b) Doppelbuchstaben darunter mit „aa)“.

(4) Eine Zeile, die als Nummer oder Überschrift gelesen würde, aber Text ist, beginnt mit einem umgekehrten Schrägstrich. Eine Gliederung beginnt mit ihrem Wort: „Abschnitt 2 – Pflichten“; eine Überschrift ohne ein solches Wort beginnt mit „##“.

(5) Eine Fußnote steht nach dem Text in einer eigenen Zeile, die mit „[^1]:“ beginnt.

[^1]: Beispiel einer Fußnote.

§ 3 – Verweise

Verweise wie „§ 2 Absatz 3 Nummer 1“ oder „Anlage 1“ prüft paragraf lint; ein Verweis auf eine Einheit, die es nicht gibt, ist ein Fehler.

§ 4 – Inkrafttreten

Dieses Gesetz tritt am Tag nach seiner Verkündung in Kraft.

Anlage 1 (zu § 2) – Beispiel einer Anlage

Eine Anlage steht am Ende des Gesetzes; „(zu § 2)“ nennt die Vorschrift, zu der sie gehört. Tabellen haben die Form von Markdown:

| Spalte | Wert |
| --- | --- |
| Gebühr | 10 Euro |

Hinweis: Beispiel für einen Hinweis. Ändern Sie diese Datei oder legen Sie weitere Gesetze in laws/ an und tragen Sie sie in paragraf.toml ein.
";

const CONFIG: &str = "# paragraf workspace: the laws of a series.

[series]
name = \"Beispielreihe\"

[[law]]
file = \"laws/beispiel.txt\"
short = \"Gesetz I\"
# parts that exist outside this repository, e.g. an Anhang submitted separately:
# external = [\"Anhang III\"]

[lint]
# rule codes or names to switch off (paragraf explain lists them)
ignore = []
# \"written\" (Absatz, Nummer), \"abbreviated\" (Abs., Nr.) or \"auto\"
citation-style = \"written\"
";

pub fn run(a: Args) -> Result<ExitCode> {
    let dir = &a.dir;
    if dir.join(paragraf::workspace::CONFIG_FILE).exists() {
        bail!(
            "{}: already a paragraf workspace (paragraf.toml exists)",
            dir.display()
        );
    }
    std::fs::create_dir_all(dir.join("laws"))
        .with_context(|| format!("{}: cannot create", dir.display()))?;
    std::fs::create_dir_all(dir.join("templates"))
        .with_context(|| format!("{}: cannot create", dir.display()))?;
    let write = |rel: &str, text: &str| -> Result<()> {
        let p = dir.join(rel);
        if p.exists() {
            bail!("{}: exists; nothing overwritten", p.display());
        }
        syntax::fsutil::write_atomic(&p, text.as_bytes())?;
        Ok(())
    };
    write("laws/beispiel.txt", EXAMPLE)?;
    write(
        "templates/gesetz.typ",
        include_str!("../../templates/gesetz.typ"),
    )?;
    write(
        "templates/synopse.typ",
        include_str!("../../templates/synopse.typ"),
    )?;
    write(paragraf::workspace::CONFIG_FILE, CONFIG)?;
    eprintln!(
        "created {} (paragraf.toml, laws/beispiel.txt, templates/); next: paragraf build {}",
        dir.display(),
        dir.display()
    );
    Ok(ExitCode::SUCCESS)
}
