use anyhow::Result;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// LAW AMENDING: the law to amend (plain text, Markdown or LegalDocML.de
    /// XML) and the amending law (plain text or LegalDocML.de XML). AMENDING
    /// alone: a Mantelgesetz, applied to every law of its workspace
    /// (paragraf.toml) that one of its Artikel amends; needs `-o DIR`.
    #[arg(num_args = 1..=2, required = true, value_names = ["LAW", "AMENDING"])]
    files: Vec<PathBuf>,
    /// Write the consolidated text here (default: standard output); with
    /// AMENDING alone, the directory for the consolidated laws.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Print the report of applied commands as JSON on standard error.
    #[arg(long)]
    json: bool,
    /// Apply every command that can apply, report the others, and still write
    /// the result (exit 1 when a command failed).
    #[arg(short, long)]
    keep_going: bool,
    /// The Fassung at this date (YYYY-MM-DD): only the commands in force then
    /// apply, read from the amending law's Inkrafttreten ("Dieses Gesetz tritt
    /// am … in Kraft", "Artikel 1 Nummer 3 tritt am … in Kraft", "… außer Kraft").
    #[arg(long, value_name = "DATE", value_parser = super::iso_date)]
    as_of: Option<String>,
    /// Apply every command whatever its Inkrafttreten (without it, and
    /// without --as-of, the commands in force today); says which date the
    /// consolidated text carries.
    #[arg(long, conflicts_with = "as_of")]
    all: bool,
    /// The date of the amending law's Verkündung, for an Inkrafttreten "am Tag
    /// nach der Verkündung" or "am ersten Tag des … folgenden Kalendermonats".
    #[arg(long, value_name = "DATE", value_parser = super::iso_date)]
    verkuendet: Option<String>,
    /// Write nothing: print for each command what it would do (its place
    /// resolved, the old wording → the new, or why it cannot apply), then
    /// the changes to the text (exit 1 when a command would fail).
    #[arg(long, conflicts_with_all = ["output", "synopse", "json"])]
    dry_run: bool,
    /// Write a three-column Synopse (bisherige | neue Fassung |
    /// Änderungsbefehl, HTML) of what each command did.
    #[arg(long, value_name = "OUT.html")]
    synopse: Option<PathBuf>,
}

pub fn run(mut a: Args) -> Result<ExitCode> {
    a.files = a.files.iter().map(|f| super::input(f)).collect();
    if a.dry_run {
        // every command is tried, none stops the others
        a.keep_going = true;
    }
    let [law, amending] = a.files.as_slice() else {
        return series(&a);
    };
    let (text, report) = match consolidate_in_time(&a, law, amending) {
        Ok(r) => r,
        Err(paragraf::consolidate::ConsolidateError::Amend(ae)) => {
            eprint!("{}", render_error(&ae, "error"));
            return Ok(ExitCode::from(1));
        }
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(ExitCode::from(1));
        }
    };
    if a.dry_run {
        print!("{}", dry_run(law, amending, &text, &report)?);
        return Ok(if report.failed.is_empty() {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        });
    }
    report_outcome(&a, &report)?;
    if let Some(p) = &a.synopse {
        synopse(law, amending, &text, &report, p)?;
    }
    match &a.output {
        Some(p) => syntax::fsutil::write_atomic(p, text.as_bytes())?,
        None => print!("{text}"),
    }
    Ok(if report.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The consolidated text at the time asked: `--as-of DATE`; `--all` every
/// command; else the commands in force today. Where the Inkrafttreten cannot
/// be read (none, or it needs the Verkündung) every command applies, and it
/// says so; in each case it says which date the text carries.
fn consolidate_in_time(
    a: &Args,
    law: &std::path::Path,
    amending: &std::path::Path,
) -> Result<(String, amend::Outcome), paragraf::consolidate::ConsolidateError> {
    use paragraf::consolidate::{consolidate_at, ConsolidateError, Zeit};
    let today = syntax::date::today();
    let asked = a.as_of.clone().or((!a.all).then(|| today.clone()));
    let zeit = Zeit {
        as_of: asked.clone(),
        verkuendet: a.verkuendet.clone(),
        inkraft: true,
    };
    let (text, report, how) = match consolidate_at(law, amending, a.keep_going, &zeit) {
        Ok((t, r)) => {
            let how = match (&a.as_of, a.all) {
                (Some(d), _) => format!("the commands in force on {d}"),
                (None, true) => "every command (--all)".to_string(),
                (None, false) => {
                    format!("the commands in force today ({today}; --all for every command)")
                }
            };
            (t, r, how)
        }
        Err(ConsolidateError::Inkraft { source, .. }) if a.as_of.is_none() => {
            let (t, r) = consolidate_at(law, amending, a.keep_going, &Zeit::default())?;
            (t, r, format!("every command: {source}"))
        }
        Err(e) => return Err(e),
    };
    let fassung = syntax::parse(&text)
        .fassung
        .and_then(|d| syntax::date::german(&d))
        .map_or("no Fassung date".to_string(), |d| {
            format!("the Fassung of {d}")
        });
    eprintln!("applied {how}; the text is {fassung}");
    Ok((text, report))
}

/// A Mantelgesetz applied to the laws of its workspace, each written to the output directory.
fn series(a: &Args) -> Result<ExitCode> {
    let amending = &a.files[0];
    let Some(dir) = &a.output else {
        anyhow::bail!("an amending law alone is applied to its workspace's laws: give the directory for them with -o DIR");
    };
    let Some(ws) = paragraf::workspace::Workspace::find(amending)? else {
        anyhow::bail!(
            "{}: no paragraf.toml at or above it; give the law to amend: paragraf amend LAW AMENDING",
            amending.display()
        );
    };
    let all = match paragraf::consolidate::consolidate_series(&ws, amending, a.keep_going) {
        Ok(all) => all,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(ExitCode::from(1));
        }
    };
    std::fs::create_dir_all(dir)?;
    let mut failed = false;
    for c in &all {
        eprintln!("== {}", c.law.display());
        report_outcome(a, &c.outcome)?;
        failed |= !c.outcome.failed.is_empty();
    }
    // written only when every law consolidated (or with --keep-going)
    for c in &all {
        let name = c.law.file_name().unwrap_or_default();
        let out = dir.join(name);
        syntax::fsutil::write_atomic(&out, c.text.as_bytes())?;
        eprintln!("wrote {}", out.display());
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// What `--dry-run` prints: each command in the order of the amending law
/// with what it would do or why it cannot, the count, and the changes to
/// the law's text (old → new, word by word) that a person can check.
fn dry_run(
    law: &std::path::Path,
    amending: &std::path::Path,
    text: &str,
    report: &amend::Outcome,
) -> Result<String> {
    use std::fmt::Write as _;
    let mut rows: Vec<(u32, String)> = report
        .applied
        .iter()
        .map(|r| {
            (
                r.line,
                format!("{:<10} line {:>4}  {}", r.nummer, r.line, r.what),
            )
        })
        .collect();
    for e in &report.failed {
        let (nummer, why) = match &e.grund {
            amend::Grund::Anwenden(g) => (g.nummer.as_str(), g.problem.to_string()),
            g @ amend::Grund::Lesen(_) => ("", g.to_string()),
        };
        rows.push((
            e.line,
            format!("{nummer:<10} line {:>4}  cannot apply: {why}", e.line),
        ));
    }
    rows.sort_by_key(|(line, _)| *line);
    let mut out = String::new();
    writeln!(
        out,
        "dry run: {} applied to {} (nothing written)
",
        amending.display(),
        law.display()
    )?;
    for (_, r) in &rows {
        writeln!(out, "{r}")?;
    }
    writeln!(
        out,
        "\n{} of {} command(s) would apply\n",
        report.applied.len(),
        rows.len()
    )?;
    let (old, _) = paragraf::consolidate::load_law(law)?;
    let new = syntax::parse(text);
    let (oe, ne) = (diff::entries(&old), diff::entries(&new));
    let changes = diff::diff_entries(&oe, &ne);
    if changes.is_empty() {
        writeln!(out, "the text would not change")?;
    } else {
        writeln!(out, "the text would change so:\n")?;
        out.push_str(&diff::render::inline(&changes, &oe, &ne, false));
    }
    Ok(out)
}

fn report_outcome(a: &Args, report: &amend::Outcome) -> Result<()> {
    if a.json {
        eprintln!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        for r in &report.applied {
            eprintln!("applied {:<8} (line {:>3}) {}", r.nummer, r.line, r.what);
        }
        for e in &report.failed {
            eprint!("{}", render_error(e, "failed"));
        }
        eprintln!(
            "{} command(s) applied, {} failed",
            report.applied.len(),
            report.failed.len()
        );
    }
    Ok(())
}

/// The unit a command changed, as its id in `new` (or `old`): the unit it
/// inserts („§ 4a – …“), else the §, Artikel or annex its place names.
fn unit_of_command(
    text: &str,
    what: &str,
    old: &syntax::Document,
    new: &syntax::Document,
) -> String {
    use syntax::parse::heading::classify;
    let inserted = text
        .split_once('„')
        .filter(|(head, _)| {
            head.contains(" eingefügt")
                || head.contains(" angefügt")
                || head.contains(" vorangestellt")
        })
        .and_then(|(_, q)| classify(q.lines().next().unwrap_or("")));
    let place = what.split(':').next().unwrap_or("");
    let place = place.strip_prefix("Überschrift ").unwrap_or(place);
    let Some(info) = inserted.or_else(|| classify(place)) else {
        return String::new();
    };
    let find = |d: &syntax::Document| {
        let mut hit = None;
        d.root.walk(&mut |n, _| {
            if hit.is_none()
                && n.kind == info.kind
                && n.num == info.num
                && (n.kind.is_einzelvorschrift() || n.kind.is_annex())
            {
                hit = Some(n.id.clone());
            }
        });
        hit
    };
    find(new).or_else(|| find(old)).unwrap_or_default()
}

/// The Synopse of an amending law applied: each of its commands beside the
/// units it changed.
fn synopse(
    law: &std::path::Path,
    amending: &std::path::Path,
    text: &str,
    report: &amend::Outcome,
    out: &std::path::Path,
) -> Result<()> {
    let (old, _) = paragraf::consolidate::load_law(law)?;
    let new = syntax::parse(text);
    let src = syntax::source::read_law(amending)?;
    let gesetz = amend::parse::parse(
        &amending.display().to_string(),
        &src,
        old.title.as_deref(),
        old.abbreviation.as_deref(),
    )?;
    let befehle = report
        .applied
        .iter()
        .filter_map(|a| {
            let b = gesetz.befehle.iter().find(|b| b.nummer == a.nummer)?;
            Some(amend::generate::Numbered {
                unit: unit_of_command(&b.text, &a.what, &old, &new),
                nummer: a.nummer.clone(),
                text: format!("{} {}", a.nummer, b.text),
            })
        })
        .collect();
    let (oe, ne) = (diff::entries(&old), diff::entries(&new));
    let changes = diff::diff_entries(&oe, &ne);
    let section = amend::synopse::Section {
        heading: String::new(),
        rows: diff::render::synopse_rows(&oe, &ne, &changes),
        befehle,
    };
    let (old_title, new_title) = super::folge::fassung_titles(&old, &new);
    let html = amend::synopse::html(
        old.title.as_deref().unwrap_or_default(),
        &old_title,
        &new_title,
        vec![section],
    );
    syntax::fsutil::write_atomic(out, html.as_bytes())?;
    eprintln!("wrote {}", out.display());
    Ok(())
}

/// What the reader understands where it stopped: the forms a command takes.
fn hint(text: &str, at: usize) -> &'static str {
    let before = text.get(..at).unwrap_or("").trim();
    if before.is_empty() {
        "a command starts with its place or with what it puts there: „In § 3 Absatz 2 werden …“, \
         „§ 5 wird …“, „Nach § 4 wird folgender § 4a eingefügt:“, „Dem § 2 wird folgender Satz angefügt:“, \
         „Die Überschrift des § 6 …“"
    } else if text.get(at..).is_some_and(|t| t.starts_with('„')) {
        "a quotation „…“ follows what it is: „die Wörter“, „das Wort“, „die Angabe“, \
         „folgende Fassung:“, „wie folgt gefasst:“, „folgender Satz“"
    } else {
        "the forms read here: „… werden die Wörter „x“ durch die Wörter „y“ ersetzt.“, \
         „… wird wie folgt gefasst: „…““, „… wird aufgehoben.“, „… werden nach dem Wort „x“ \
         die Wörter „y“ eingefügt.“, „… werden die Wörter „x“ gestrichen.“ (README, „Amending laws“, \
         lists them all)"
    }
}

/// An error of `amend` in lint's rustc style: for a command that could not be
/// read, its text with a caret under where reading stopped and a hint of the
/// forms expected there; the target's place in the law as a note.
fn render_error(e: &amend::AmendError, what: &str) -> String {
    use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
    let renderer = if super::use_color() {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let level = if what == "error" {
        Level::ERROR
    } else {
        Level::ERROR.with_name(what)
    };
    let message = e.grund.to_string();
    let title = level.clone().primary_title(message.as_str());
    let mut out = match &e.stuck {
        Some(s) => {
            let at = s.at.min(s.text.len());
            // the command's lines in the amending law, where its text stands
            // in them line by line (else the command's text alone)
            let src = syntax::source::read_law(std::path::Path::new(&e.path)).ok();
            let (excerpt, first, pos) = src
                .as_deref()
                .and_then(|src| in_source(src, e.line as usize, &s.text, at))
                .unwrap_or((s.text.as_str(), e.line as usize, at));
            // one character under the caret (or the end of the text)
            let end = excerpt[pos..]
                .chars()
                .next()
                .map_or(pos, |c| pos + c.len_utf8());
            let group = title
                .element(
                    Snippet::source(excerpt)
                        .line_start(first)
                        .path(e.path.as_str())
                        .annotation(
                            AnnotationKind::Primary
                                .span(pos..end)
                                .label("reading stopped here"),
                        ),
                )
                .element(Level::HELP.message(hint(&s.text, at)));
            renderer.render(&[group])
        }
        None => {
            let mut group =
                annotate_snippets::Group::with_title(level.primary_title(e.to_string()));
            if let Some(t) = &e.target {
                group = group.element(Level::NOTE.message(format!("the target: {t}")));
            }
            renderer.render(&[group])
        }
    };
    out.push('\n');
    out
}

/// The lines of `src` from `line` (1-based) that hold `text` line by line
/// (each line of the text within its source line), and `at` moved into them:
/// the excerpt, its first line number and the offset in the excerpt.
fn in_source<'s>(
    src: &'s str,
    line: usize,
    text: &str,
    at: usize,
) -> Option<(&'s str, usize, usize)> {
    let start = src
        .split_inclusive('\n')
        .take(line.checked_sub(1)?)
        .map(str::len)
        .sum::<usize>();
    let n = text.lines().count().max(1);
    let rest = src.get(start..)?;
    let len: usize = rest.split_inclusive('\n').take(n).map(str::len).sum();
    let excerpt = rest[..len].trim_end_matches('\n');
    let (mut t_off, mut e_off) = (0usize, 0usize);
    for (t_line, s_line) in text.split('\n').zip(excerpt.split('\n')) {
        let k = s_line.find(t_line.trim_end())?;
        if at <= t_off + t_line.len() {
            return Some((excerpt, line, e_off + k + (at - t_off)));
        }
        t_off += t_line.len() + 1;
        e_off += s_line.len() + 1;
    }
    None
}
