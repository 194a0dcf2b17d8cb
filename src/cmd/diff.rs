use super::side::Side;
use amend::generate;
use anyhow::Result;
use diff::render;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AmendStyle {
    Hdr4,
    Hdr3,
}

/// How `diff` prints the changes.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Unit by unit, changed words marked in the text
    Inline,
    /// Old and new side by side (--width)
    SideBySide,
    /// A unified text diff by unit
    Unified,
    /// The change list as JSON
    Json,
    /// The Bundestag's two-column Synopse as HTML („Geltende Fassung |
    /// Entwurf“: only the units that change, the changes in bold)
    Synopse2,
}

#[derive(clap::Args)]
pub struct Args {
    /// The old Fassung (with --from/--to: the law whose Fassungen to compare).
    old: PathBuf,
    /// The new Fassung (not with --from/--to).
    #[arg(required_unless_present = "to")]
    new: Option<PathBuf>,
    /// Compare two dates of one law, from the history its paragraf.toml
    /// declares: the Fassung in force on --from with the one on --to.
    #[arg(long, value_name = "DATE", requires = "to", value_parser = super::iso_date)]
    from: Option<String>,
    /// See --from.
    #[arg(long, value_name = "DATE", requires = "from", value_parser = super::iso_date)]
    to: Option<String>,
    /// How to print the changes (default: inline).
    #[arg(long, value_enum, value_name = "FORMAT")]
    format: Option<Format>,
    /// Same as --format side-by-side.
    #[arg(long, conflicts_with_all = ["format", "unified", "json"])]
    side_by_side: bool,
    /// Same as --format unified.
    #[arg(long, conflicts_with_all = ["format", "json"])]
    unified: bool,
    /// Same as --format json.
    #[arg(long, conflicts_with = "format")]
    json: bool,
    /// Write the Synopse (HTML) to this file: two columns, or with
    /// --amendments three (bisherige | neue Fassung | Änderungsbefehl).
    #[arg(long, value_name = "OUT.html")]
    synopse: Option<PathBuf>,
    /// Write the Synopse as PDF (embedded Typst).
    #[cfg(feature = "pdf")]
    #[arg(long, value_name = "OUT.pdf")]
    pdf: Option<PathBuf>,
    /// Print the Änderungsbefehle of an amending law that turns OLD into NEW.
    #[arg(long, conflicts_with_all = ["format", "side_by_side", "unified", "json"])]
    amendments: bool,
    /// Phrasing of the Änderungsbefehle.
    #[arg(long, value_enum, default_value = "hdr4")]
    style: AmendStyle,
    /// With --amendments: the day the amending law takes effect (its last
    /// Artikel); without it, the day after its Verkündung.
    #[arg(long, value_name = "DATE", requires = "amendments", value_parser = super::iso_date)]
    in_kraft: Option<String>,
    /// With --amendments: the Eingangsformel (a Verordnung's names its
    /// Ermächtigung); a Gesetz's is the Bundestag's by default.
    #[arg(long, value_name = "TEXT", requires = "amendments")]
    eingangsformel: Option<String>,
    /// With --amendments: write the skeleton of the Begründung („Zu Artikel
    /// 1 / Zu Nummer 1 …“, one entry per command) to this file.
    #[arg(long, value_name = "OUT.txt", requires = "amendments")]
    begruendung: Option<PathBuf>,
    /// Terminal width for --side-by-side (default: $COLUMNS or 100).
    #[arg(long)]
    width: Option<usize>,
}

impl Args {
    /// The output format: --format, or one of its aliases.
    fn format(&self) -> Option<Format> {
        if self.side_by_side {
            Some(Format::SideBySide)
        } else if self.unified {
            Some(Format::Unified)
        } else if self.json {
            Some(Format::Json)
        } else {
            self.format
        }
    }
}

/// The units of a side, as the diff compares them.
type UnitList = Vec<diff::Entry>;

/// The two Fassungen with their units: two files, or one law at two dates.
fn sides(a: &Args) -> Result<((Side, UnitList), (Side, UnitList))> {
    if let (Some(from), Some(to)) = (&a.from, &a.to) {
        if a.new.is_some() {
            anyhow::bail!("--from/--to compare two dates of one law: give one LAW, not two");
        }
        let (ws, entry) = paragraf::history::law_of(&a.old)?;
        let at = |d: &str| -> Result<Side> {
            let doc = paragraf::history::fassung_at(&ws, &entry, Some(d))?.doc;
            let src = syntax::print::print(&doc, &Default::default());
            Ok(Side {
                doc: syntax::parse(&src),
                src,
                path: PathBuf::from(format!("{}@{d}", a.old.display())),
            })
        };
        let (old, new) = (at(from)?, at(to)?);
        let (oe, ne) = rayon::join(|| diff::entries(&old.doc), || diff::entries(&new.doc));
        return Ok(((old, oe), (new, ne)));
    }
    let new_path = a
        .new
        .clone()
        .ok_or_else(|| anyhow::anyhow!("NEW is missing"))?;
    // both Fassungen at once, one per core, each with its units (the
    // shorter one's while the other is still being read)
    let load = |path: &std::path::Path| -> Result<(Side, UnitList)> {
        let law = paragraf::project::Law::load(path)?;
        let units = diff::entries(&law.doc);
        let side = Side {
            doc: law.doc,
            src: law.src,
            path: path.to_path_buf(),
        };
        Ok((side, units))
    };
    let (old, new) = rayon::join(|| load(&a.old), || load(&new_path));
    Ok((old?, new?))
}

pub fn run(mut a: Args) -> Result<ExitCode> {
    a.old = super::input(&a.old);
    a.new = a.new.as_deref().map(super::input);
    let ((old, oe), (new, ne)) = sides(&a)?;
    let changes = diff::diff_entries(&oe, &ne);
    let color = super::use_color();
    let mut out = std::io::stdout().lock();
    if let Some(path) = a.synopse.as_ref().filter(|_| !a.amendments) {
        let title = new.doc.title.clone().unwrap_or_default();
        syntax::fsutil::write_atomic(
            path,
            render::synopse_html(&title, &oe, &ne, &changes).as_bytes(),
        )?;
        eprintln!("wrote {}", path.display());
    }
    #[cfg(feature = "pdf")]
    if let Some(path) = a.pdf.as_ref().filter(|_| !a.amendments) {
        let title = new.doc.title.clone().unwrap_or_default();
        let (old_title, new_title) = super::folge::fassung_titles(&old.doc, &new.doc);
        let data = serde_json::json!({
            "title": title,
            "old_title": old_title,
            "new_title": new_title,
            "rows": render::synopse_rows(&oe, &ne, &changes),
        });
        super::folge::pdf_synopse(path, data)?;
    }
    let format = a.format();
    // (an amending law unless the change list is asked for as JSON)
    if a.amendments && format != Some(Format::Json) {
        let style = if a.style == AmendStyle::Hdr3 {
            generate::Style::Hdr3
        } else {
            generate::Style::Hdr4
        };
        out.flush()?;
        let synopse = super::folge::SynopseOut {
            html: a.synopse.clone(),
            #[cfg(feature = "pdf")]
            pdf: a.pdf.clone(),
            #[cfg(not(feature = "pdf"))]
            pdf: None,
            begruendung: a.begruendung.clone(),
        };
        let rahmen = paragraf::mantel::Rahmen {
            in_kraft: a.in_kraft.clone(),
            ordinal: None,
            eingangsformel: a.eingangsformel.clone(),
        };
        return super::folge::amendments(&old, new, style, &synopse, &rahmen, &mut out);
    }
    // one arm per format: a new format does not compile without its own
    match format {
        Some(Format::Json) => write_json_pretty(&changes, &mut out)?,
        Some(Format::Synopse2) => {
            let title = new.doc.title.clone().unwrap_or_default();
            let rows = render::synopse_rows(&oe, &ne, &changes);
            write!(out, "{}", amend::synopse::zweispaltig(&title, rows))?;
        }
        Some(Format::Unified) => {
            write!(
                out,
                "{}",
                render::unified(
                    &changes,
                    &oe,
                    &ne,
                    &old.path.display().to_string(),
                    &new.path.display().to_string()
                )
            )?;
        }
        Some(Format::SideBySide) => {
            let width = a
                .width
                .or_else(|| std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()))
                .unwrap_or(100);
            write!(
                out,
                "{}",
                render::side_by_side(&changes, &oe, &ne, width, color)
            )?;
        }
        Some(Format::Inline) => write!(out, "{}", render::inline(&changes, &oe, &ne, color))?,
        // no format asked for: inline, unless only a Synopse or a PDF is
        None if a.synopse.is_none() && !pdf_only(&a) => {
            write!(out, "{}", render::inline(&changes, &oe, &ne, color))?
        }
        None => {}
    }
    let differ = changes.iter().any(|c| c.kind != diff::ChangeKind::Layout);
    out.flush()?;
    // the process ends here: freeing two laws node by node would only cost time
    std::mem::forget((old, new, oe, ne, changes));
    Ok(if differ {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Changes per piece of the JSON output that one core writes.
const JSON_PIECE: usize = 256;

/// A list as `serde_json::to_writer_pretty` writes it, and a line break, its
/// items written on both cores (the BGB's change list, 2.6 MB, was a tenth
/// of a diff on one core, after everything else). Each item is written as a
/// value on its own and indented one level by an indentation after each line
/// break: inside a JSON text a line break is only ever the formatter's
/// (strings escape theirs), so that is the text the list would hold.
fn write_json_pretty<T: serde::Serialize + Sync>(items: &[T], out: &mut impl Write) -> Result<()> {
    use rayon::prelude::*;
    if items.is_empty() {
        writeln!(out, "[]")?;
        return Ok(());
    }
    let pieces = items
        .par_chunks(JSON_PIECE)
        .enumerate()
        .map(|(k, chunk)| -> serde_json::Result<Vec<u8>> {
            let mut buf = Vec::with_capacity(chunk.len() * 512);
            let mut one = Vec::new();
            for (i, item) in chunk.iter().enumerate() {
                buf.extend_from_slice(if k == 0 && i == 0 { b"\n  " } else { b",\n  " });
                one.clear();
                serde_json::to_writer_pretty(&mut one, item)?;
                let mut from = 0;
                for nl in memchr::memchr_iter(b'\n', &one) {
                    buf.extend_from_slice(&one[from..=nl]);
                    buf.extend_from_slice(b"  ");
                    from = nl + 1;
                }
                buf.extend_from_slice(&one[from..]);
            }
            Ok(buf)
        })
        .collect::<serde_json::Result<Vec<Vec<u8>>>>()?;
    out.write_all(b"[")?;
    for p in &pieces {
        out.write_all(p)?;
    }
    out.write_all(b"\n]\n")?;
    out.flush()?;
    Ok(())
}

#[derive(clap::Args)]
pub struct GitArgs {
    /// The seven arguments git passes to an external diff:
    /// path old-file old-hex old-mode new-file new-hex new-mode.
    #[arg(num_args = 1..=9)]
    args: Vec<String>,
}

/// `GIT_EXTERNAL_DIFF` / `diff.<driver>.command`: prints the structural diff, exits 0 (git wants 0).
pub fn git(a: GitArgs) -> Result<ExitCode> {
    let [path, old, _, _, new, ..] = a.args.as_slice() else {
        anyhow::bail!("git-diff expects the arguments git passes to an external diff command");
    };
    let load = |p: &str| -> Result<syntax::Document> {
        if p == "/dev/null" {
            return Ok(syntax::parse(""));
        }
        Ok(paragraf::project::Law::load(std::path::Path::new(p))?.doc)
    };
    let (o, n) = (load(old)?, load(new)?);
    let (oe, ne) = (diff::entries(&o), diff::entries(&n));
    let changes = diff::diff_entries(&oe, &ne);
    let mut out = std::io::stdout().lock();
    writeln!(out, "paragraf diff {path}")?;
    write!(
        out,
        "{}",
        render::inline(&changes, &oe, &ne, super::use_color())
    )?;
    Ok(ExitCode::SUCCESS)
}

fn pdf_only(_a: &Args) -> bool {
    #[cfg(feature = "pdf")]
    return _a.pdf.is_some();
    #[cfg(not(feature = "pdf"))]
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Serialize)]
    struct Item {
        a: u32,
        s: String,
        v: Vec<u32>,
        e: Vec<u32>,
        o: Option<Box<Item>>,
    }

    fn item(i: u32) -> Item {
        Item {
            a: i,
            s: format!("Zeile {i}\nund „mehr“"),
            v: (0..i % 3).collect(),
            e: Vec::new(),
            o: i.is_multiple_of(2).then(|| Box::new(item(i + 1))),
        }
    }

    #[test]
    fn json_pretty_on_both_cores_is_serde_json_s() {
        for n in [
            0,
            1,
            2,
            JSON_PIECE - 1,
            JSON_PIECE,
            JSON_PIECE + 1,
            3 * JSON_PIECE + 7,
        ] {
            let items: Vec<Item> = (0..n as u32).map(item).collect();
            let mut want = serde_json::to_vec_pretty(&items).unwrap();
            want.push(b'\n');
            let mut got = Vec::new();
            write_json_pretty(&items, &mut got).unwrap();
            assert_eq!(
                String::from_utf8(got).unwrap(),
                String::from_utf8(want).unwrap(),
                "{n}"
            );
        }
    }
}
