//! Applying Änderungsbefehle to the AST of a law.
//!
//! Places are found by kind and number ("§ 3" anywhere in the law, "Absatz 2"
//! among the children of what came before), never by position. Quoted
//! passages are parsed as law text ([`syntax::parse::parse_fragment`]), so an
//! inserted unit has the same structure as if it had been written there.

use super::{
    ort_text, Aenderungsgesetz, AmendError, Applied, Befehl, Objekt, Op, Ort, Teil, TeilKind,
};
use syntax::ast::{Document, Emphasis, Kind, Node, Span};
use syntax::parse::text::split_saetze;

type Path = Vec<usize>;

/// Why a command could not apply; its text is the message after "command N:".
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    /// A command the grammar could not read, with the reader's message.
    #[error("{0}")]
    Unreadable(String),
    /// The command names no unit to act on, nor does the "… wird wie folgt
    /// geändert:" it stands under.
    #[error("the command names no place")]
    NoPlace,
    /// A place that does not resolve: "§ 3 Absatz 4: Absatz 4 not found".
    #[error("{place}: {problem}")]
    Place {
        /// The place as the command names it ("§ 3 Absatz 4").
        place: String,
        /// Why it does not resolve.
        problem: Box<Problem>,
    },
    /// No unit of the law is the one named: "Absatz 4 not found".
    #[error("{0} not found")]
    NotFound(String),
    /// A part without number ("die Überschrift") that fits several units.
    #[error("{what} is ambiguous: the law has {count}")]
    Ambiguous {
        /// The part named ("Überschrift").
        what: String,
        /// How many units it fits.
        count: usize,
    },
    /// A numbered unit the law has more than once at this place ("Nummer 3").
    #[error("{what} is ambiguous: the law has it {count} times")]
    AmbiguousNumber {
        /// The unit named, with its number ("Nummer 3").
        what: String,
        /// How many units carry that number.
        count: usize,
    },
    /// A range whose end comes before its start in the law ("§§ 8 bis 5").
    #[error("{what} {from} bis {to}: empty range")]
    EmptyRange {
        /// The part named, without numbers ("§", "Absatz").
        what: String,
        /// The number the range starts with.
        from: String,
        /// The number it ends with.
        to: String,
    },
    /// "Satz x": a Satz named by something that is not a number.
    #[error("Satz {0}?")]
    NotASatzNumber(String),
    /// "Satz 4" of a unit with fewer Sätze.
    #[error("Satz {k} not found: the unit has {count} Sätze")]
    SatzNotFound {
        /// The Satz named, from 1.
        k: usize,
        /// How many Sätze the unit has.
        count: usize,
    },
    /// The quoted words do not occur at the place (or not at its end).
    #[error("„{words}“ not found{}", if *at_end { " at the end" } else { "" })]
    WordsNotFound {
        /// The words sought.
        words: String,
        /// They were sought at the end of the text only ("am Ende").
        at_end: bool,
    },
    /// The quoted words occur more than once and the command does not say
    /// "jeweils".
    #[error("„{words}“ occurs {count} times; the command does not say which (\"jeweils\" would mean all)")]
    WordsAmbiguous {
        /// The words sought.
        words: String,
        /// How often they occur at the place.
        count: usize,
    },
    /// A new unit or text quoted as „“ (nothing to insert or restate with).
    #[error("the quoted passage is empty")]
    EmptyPassage,
    /// "Nummer 8 wird wie folgt gefasst: „6. …“": the restated unit would
    /// carry another number than the place.
    #[error(
        "the quoted {k} is numbered {quoted}, but the command restates {k} {old}",
        k = syntax::vocab::word(*kind).unwrap_or("unit")
    )]
    NumberDiffers {
        /// The kind of the restated unit (§, Absatz, Nummer, …).
        kind: Kind,
        /// The number the place names.
        old: String,
        /// The number the quoted unit carries.
        quoted: String,
    },
    /// "… wird wie folgt gefasst:" at a place that names no unit.
    #[error("nothing to restate")]
    NothingToRestate,
    /// "Das Gesetz wird wie folgt gefasst:": a Neufassung of the whole law,
    /// which is no edit of its text.
    #[error("the whole law cannot be restated")]
    WholeLawRestated,
    /// "… werden durch die folgenden … ersetzt:" at a place that names no unit.
    #[error("nothing to replace")]
    NothingToReplace,
    /// An insertion "nach …" or "vor …" whose place names no unit.
    #[error("no place")]
    NoInsertionPlace,
    /// "Nach dem Gesetz wird … eingefügt": the law has no neighbours.
    #[error("cannot insert before or after the whole law")]
    InsertAroundLaw,
    /// "Den §§ 3 und 4 wird … angefügt", or "der bisherige Wortlaut" of
    /// several units: such a command speaks of one unit.
    #[error("can append to one unit only")]
    AppendToSeveral,
    /// "Das Gesetz wird aufgehoben.": a repeal of the law is no edit of its text.
    #[error("cannot repeal the whole law here")]
    WholeLawRepealed,
    /// "Der bisherige Wortlaut wird Absatz 1" below a unit that is no § or Artikel.
    #[error("\"der bisherige Wortlaut\" is the text of a § or Artikel: name it (\"§ 3 wird wie folgt geändert:\")")]
    WortlautOfNoUnit,
    /// "Die bisherigen Nummern 3 bis 7 werden die Nummern 4a bis 8": a range
    /// of new numbers whose start is no number to count up from.
    #[error("cannot count from {0}")]
    CannotCount(String),
    /// A renumbering of more units than it gives numbers, or fewer.
    #[error("{units} units renumbered to {numbers} numbers")]
    RenumberCount {
        /// How many units the old place names.
        units: usize,
        /// How many new numbers the command gives.
        numbers: usize,
    },
}

/// What a place names.
#[derive(Debug, Clone, PartialEq)]
enum Ziel {
    /// A unit (or a Satz node).
    Node(Path),
    /// The heading of a unit.
    Titel(Path),
    /// The Sätze of a unit before its sub-units.
    Einleitung(Path),
    /// The free text after the sub-units of a unit.
    Schluss(Path),
}

fn at<'a>(root: &'a Node, path: &[usize]) -> &'a Node {
    let mut n = root;
    for &i in path {
        n = &n.children[i];
    }
    n
}

fn at_mut<'a>(root: &'a mut Node, path: &[usize]) -> &'a mut Node {
    let mut n = root;
    for &i in path {
        n = &mut n.children[i];
    }
    n
}

fn child(path: &[usize], i: usize) -> Path {
    let mut p = path.to_vec();
    p.push(i);
    p
}

/// The kind of node a part names (Sätze are counted, not found as nodes).
fn node_kind(t: TeilKind) -> Option<Kind> {
    t.unit_kind().filter(|k| *k != Kind::Satz)
}

fn same_num(a: &str, b: &str) -> bool {
    a == b
        || a.trim_end_matches('.') == b.trim_end_matches('.')
        || syntax::vocab::same_numbers(a, b)
}

/// All descendants of `from` (not `from` itself) of `kind` with number `num`.
fn find_deep(root: &Node, from: &[usize], kind: Kind, num: Option<&str>, out: &mut Vec<Path>) {
    let n = at(root, from);
    for (i, c) in n.children.iter().enumerate() {
        let p = child(from, i);
        if c.kind == kind && num.is_none_or(|x| c.num.as_deref().is_some_and(|y| same_num(x, y))) {
            out.push(p.clone());
        }
        // §§ of an Anlage are not the §§ of the law
        let annex_paragraf = c.kind.is_annex() && from.is_empty() && kind.is_einzelvorschrift();
        // nor are §§ found inside a § or below an Absatz, Nummer … or Satz
        let no_deeper = c.kind.is_gliederungseinheit()
            || c.kind == Kind::Satz
            || (c.kind.is_einzelvorschrift() && kind.is_einzelvorschrift());
        if !annex_paragraf && !no_deeper {
            find_deep(root, &p, kind, num, out);
        }
    }
}

/// Children of `from` of `kind` (looking through unnumbered text paragraphs).
fn find_child(root: &Node, from: &[usize], kind: Kind) -> Vec<Path> {
    let n = at(root, from);
    let mut out = Vec::new();
    for (i, c) in n.children.iter().enumerate() {
        if c.kind == kind {
            out.push(child(from, i));
        } else if matches!(c.kind, Kind::Text | Kind::Listenpunkt) {
            for (j, d) in c.children.iter().enumerate() {
                if d.kind == kind {
                    out.push(child(&child(from, i), j));
                }
            }
        }
    }
    out
}

/// The Satz nodes of a unit, in order (its own, or those of its text paragraphs).
fn saetze_of(root: &Node, from: &[usize]) -> Vec<Path> {
    let n = at(root, from);
    if n.kind == Kind::Satz {
        return vec![from.to_vec()];
    }
    let own: Vec<Path> = n
        .children
        .iter()
        .enumerate()
        .filter(|(_, c)| c.kind == Kind::Satz)
        .map(|(i, _)| child(from, i))
        .collect();
    if !own.is_empty() {
        return own;
    }
    let mut out = Vec::new();
    for (i, c) in n.children.iter().enumerate() {
        if c.kind == Kind::Text {
            for (j, d) in c.children.iter().enumerate() {
                if d.kind == Kind::Satz {
                    out.push(child(&child(from, i), j));
                }
            }
        }
    }
    out
}

fn pick(
    cands: Vec<Path>,
    what: &str,
    nums: &[String],
    range: bool,
    root: &Node,
) -> Result<Vec<Path>, Problem> {
    let num_of = |p: &Path| at(root, p).num.clone().unwrap_or_default();
    if nums.is_empty() {
        return match cands.len() {
            1 => Ok(cands),
            0 => Err(Problem::NotFound(what.to_string())),
            count => Err(Problem::Ambiguous {
                what: what.to_string(),
                count,
            }),
        };
    }
    let one = |num: &str| -> Result<Path, Problem> {
        let hits: Vec<&Path> = cands.iter().filter(|p| same_num(&num_of(p), num)).collect();
        // places name units in the numbering before the amending law: of a unit
        // renumbered into the number and the one that had it, the latter
        let hits = if hits.len() > 1 {
            let before: Vec<&Path> = hits
                .iter()
                .copied()
                .filter(|p| !changed_here(at(root, p)))
                .collect();
            if before.len() == 1 {
                before
            } else {
                hits
            }
        } else {
            hits
        };
        match hits.as_slice() {
            [p] => Ok((*p).clone()),
            [] => Err(Problem::NotFound(format!("{what} {num}"))),
            _ => Err(Problem::AmbiguousNumber {
                what: format!("{what} {num}"),
                count: hits.len(),
            }),
        }
    };
    // "§§ 802a bis 802j (weggefallen)" is one unit with a range for a number
    let joined = nums.join(if range { " bis " } else { " und " });
    if nums.len() > 1 {
        if let Ok(p) = one(&joined) {
            return Ok(vec![p]);
        }
    }
    if range && nums.len() == 2 {
        let a = one(&nums[0])?;
        let b = one(&nums[1])?;
        let ia = cands.iter().position(|p| *p == a).unwrap_or(0);
        let ib = cands.iter().position(|p| *p == b).unwrap_or(0);
        if ib < ia {
            return Err(Problem::EmptyRange {
                what: what.to_string(),
                from: nums[0].clone(),
                to: nums[1].clone(),
            });
        }
        return Ok(cands[ia..=ib].to_vec());
    }
    nums.iter().map(|n| one(n)).collect()
}

/// Whether the unit at `p` is an entry of an Inhaltsübersicht (a line of it).
fn is_entry(root: &Node, p: &[usize]) -> bool {
    match p.split_last() {
        Some((_, parent)) => {
            at(root, parent).kind == Kind::Inhaltsuebersicht
                && matches!(at(root, p).kind, Kind::Text | Kind::Listenpunkt)
        }
        None => false,
    }
}

/// "die Angabe zu § 5": the lines of the Inhaltsübersicht (under `from`, or
/// anywhere) that begin with "§ 5" (not "§ 5a"), one per number.
fn entries(root: &Node, from: &[usize], t: &Teil) -> Result<Vec<Path>, Problem> {
    let kind = t.gliederung.unwrap_or(Kind::Paragraf);
    let word = syntax::vocab::word(kind).unwrap_or("§");
    let mut lines: Vec<Path> = Vec::new();
    let mut p = from.to_vec();
    walk_paths(at(root, from), &mut p, &mut |n, path| {
        if matches!(n.kind, Kind::Text | Kind::Listenpunkt) && is_entry(root, path) {
            lines.push(path.to_vec());
        }
    });
    let what = format!("Angabe zu {word}");
    let mut out = Vec::new();
    for num in &t.nums {
        let label = format!("{word} {num}");
        let hits: Vec<&Path> = lines
            .iter()
            .filter(|p| {
                let text = syntax::print::own_text(at(root, p));
                let text = text.trim_start();
                let prefix = text.strip_prefix(label.as_str()).is_some_and(|rest| {
                    !rest.starts_with(|c: char| c.is_alphanumeric() || c == '.')
                });
                // "Erstes Buch Allgemeine Vorschriften" is the Angabe zu Buch 1
                prefix
                    || (kind.is_gliederung()
                        && syntax::parse::heading::classify(text).is_some_and(|h| {
                            h.kind == kind && h.num.as_deref().is_some_and(|n| same_num(n, num))
                        }))
            })
            .collect();
        match hits.as_slice() {
            [p] => out.push((*p).clone()),
            [] => return Err(Problem::NotFound(format!("{what} {num}"))),
            _ => {
                return Err(Problem::AmbiguousNumber {
                    what: format!("{what} {num}"),
                    count: hits.len(),
                })
            }
        }
    }
    Ok(out)
}

/// Lines for the Inhaltsübersicht from quoted passages: one entry per line.
fn entry_nodes(zitate: &[String]) -> Vec<Node> {
    zitate
        .iter()
        .flat_map(|z| z.lines())
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .map(|l| {
            let mut satz = Node::new(Kind::Satz, Span::default());
            satz.text = Some(l);
            let mut t = Node::new(Kind::Text, Span::default());
            t.children.push(satz);
            t
        })
        .collect()
}

/// The Sätze "Satz 2", "Sätze 1 bis 3" of the unit at `c`.
fn saetze_named(root: &Node, c: &[usize], t: &Teil) -> Result<Vec<Path>, Problem> {
    let numbered = saetze_of(root, c);
    let mut picked = Vec::new();
    let idx = |n: &str| -> Result<usize, Problem> {
        let k: usize = n
            .parse()
            .map_err(|_| Problem::NotASatzNumber(n.to_string()))?;
        if k == 0 || k > numbered.len() {
            Err(Problem::SatzNotFound {
                k,
                count: numbered.len(),
            })
        } else {
            Ok(k - 1)
        }
    };
    if t.range && t.nums.len() == 2 {
        let (a, b) = (idx(&t.nums[0])?, idx(&t.nums[1])?);
        picked.extend(numbered[a..=b.max(a)].iter().cloned());
    } else {
        for n in &t.nums {
            picked.push(numbered[idx(n)?].clone());
        }
    }
    Ok(picked)
}

/// The §§, Artikel or Gliederungseinheiten `t` names below `c`; a law whose
/// §§ stand only in its annexes has them there.
fn vorschriften_named(root: &Node, c: &[usize], t: &Teil) -> Result<Vec<Path>, Problem> {
    let kind = match t.kind {
        TeilKind::Gliederung => t.gliederung.unwrap_or(Kind::Abschnitt),
        k => node_kind(k).unwrap_or(Kind::Paragraf),
    };
    let mut cands = Vec::new();
    find_deep(root, c, kind, None, &mut cands);
    if cands.is_empty() && c.is_empty() && kind.is_einzelvorschrift() {
        let n = at(root, c);
        for (i, a) in n.children.iter().enumerate() {
            if a.kind.is_annex() {
                find_deep(root, &[i], kind, None, &mut cands);
            }
        }
    }
    pick(cands, &what_word(t), &t.nums, t.range, root)
}

/// Resolve a place.
fn locate(root: &Node, ort: &[Teil]) -> Result<Vec<Ziel>, Problem> {
    // "Die Überschrift des § 6": the heading belongs to the unit after it
    let mut ort: Vec<Teil> = ort.to_vec();
    if ort
        .first()
        .is_some_and(|t| t.kind == TeilKind::Ueberschrift)
        && ort.len() > 1
    {
        let u = ort.remove(0);
        ort.push(u);
    }
    let mut cur: Vec<Path> = vec![vec![]];
    let mut out_kind: Option<TeilKind> = None;
    for t in &ort {
        let mut next = Vec::new();
        for c in &cur {
            match t.kind {
                TeilKind::Gesetz | TeilKind::Wortlaut => next.push(c.clone()),
                TeilKind::Ueberschrift | TeilKind::Einleitung | TeilKind::Schluss => {
                    out_kind = Some(t.kind);
                    next.push(c.clone());
                }
                TeilKind::Angabe => next.extend(entries(root, c, t)?),
                TeilKind::Satz => next.extend(saetze_named(root, c, t)?),
                TeilKind::Paragraf | TeilKind::Artikel | TeilKind::Gliederung => {
                    next.extend(vorschriften_named(root, c, t)?)
                }
                _ => {
                    let Some(kind) = node_kind(t.kind) else {
                        continue;
                    };
                    // "§ 2 Absatz 1 Satz 1 Nummer 3": the Nummern that continue a
                    // Satz are those of the unit that holds the Satz
                    let holder;
                    let c = if !c.is_empty() && at(root, c).kind == Kind::Satz {
                        holder = c[..c.len() - 1].to_vec();
                        &holder
                    } else {
                        c
                    };
                    let mut cands = find_child(root, c, kind);
                    if cands.is_empty() && !c.is_empty() {
                        // "§ 3 Nummer 2" where the Nummern sit in the only Absatz
                        let mut deep = Vec::new();
                        find_deep(root, c, kind, None, &mut deep);
                        cands = deep;
                    }
                    if cands.is_empty() && c.is_empty() {
                        find_deep(root, c, kind, None, &mut cands);
                    }
                    next.extend(pick(cands, &what_word(t), &t.nums, t.range, root)?);
                }
            }
        }
        cur = next;
    }
    let is_satz = |p: &Path| !p.is_empty() && at(root, p).kind == Kind::Satz;
    Ok(cur
        .into_iter()
        .map(|p| match out_kind {
            Some(TeilKind::Ueberschrift) => Ziel::Titel(p),
            // "Satz 1 Satzteil vor Nummer 1": the Satz that leads into the Nummern
            Some(TeilKind::Einleitung) if is_satz(&p) => Ziel::Node(p),
            Some(TeilKind::Einleitung) => Ziel::Einleitung(p),
            // "Satz 1 Satzteil nach Nummer 3": the words after the Nummern of its unit
            Some(TeilKind::Schluss) if is_satz(&p) => Ziel::Schluss(p[..p.len() - 1].to_vec()),
            Some(TeilKind::Schluss) => Ziel::Schluss(p),
            _ => Ziel::Node(p),
        })
        .collect())
}

fn what_word(t: &Teil) -> String {
    let mut t = t.clone();
    t.nums.clear();
    ort_text(&[t])
}

// ----- text slots ------------------------------------------------------------

/// A run of text that a word command can edit: the Sätze of one unit, or one text field.
#[derive(Debug, Clone)]
enum Slot {
    Saetze(Path),
    Satz(Path),
    Field(Path),
    Cell(Path, usize),
}

fn slots(root: &Node, z: &Ziel) -> Vec<Slot> {
    let mut out = Vec::new();
    match z {
        Ziel::Titel(p) => {
            // a heading is a field of its own; for the law: the Langtitel
            if p.is_empty() {
                if let Some(i) = root.children.iter().position(|c| c.kind == Kind::Langtitel) {
                    out.push(Slot::Field(vec![i]));
                }
            } else {
                out.push(Slot::Field(p.clone()));
            }
        }
        Ziel::Einleitung(p) => out.push(Slot::Saetze(p.clone())),
        Ziel::Schluss(p) => {
            let n = at(root, p);
            let last_item = n
                .children
                .iter()
                .rposition(|c| c.kind.is_gliederungseinheit());
            for (i, c) in n.children.iter().enumerate() {
                if c.kind == Kind::Text && last_item.is_some_and(|l| i > l) {
                    out.push(Slot::Saetze(child(p, i)));
                }
            }
        }
        Ziel::Node(p) => {
            fn walk(root: &Node, p: &Path, out: &mut Vec<Slot>) {
                let n = at(root, p);
                if n.kind == Kind::Satz {
                    out.push(Slot::Satz(p.clone()));
                    return;
                }
                if n.children.iter().any(|c| c.kind == Kind::Satz) {
                    out.push(Slot::Saetze(p.clone()));
                } else if n.text.is_some() {
                    out.push(Slot::Field(p.clone()));
                }
                for i in 0..n.cells.len() {
                    out.push(Slot::Cell(p.clone(), i));
                }
                for (i, c) in n.children.iter().enumerate() {
                    if c.kind != Kind::Satz {
                        walk(root, &child(p, i), out);
                    }
                }
            }
            walk(root, p, &mut out);
        }
    }
    out
}

/// Whether a field slot is the node's heading (else its `text`: title line,
/// Fassung, Metadatum value, footnote).
fn field_is_title(n: &Node) -> bool {
    n.title.is_some()
        && !matches!(
            n.kind,
            Kind::Langtitel | Kind::Fassung | Kind::Metadatum | Kind::Fussnote
        )
}

fn slot_text(root: &Node, s: &Slot) -> String {
    match s {
        Slot::Saetze(p) => syntax::print::own_text(at(root, p)),
        Slot::Satz(p) => at(root, p).text.clone().unwrap_or_default(),
        Slot::Field(p) => {
            let n = at(root, p);
            let f = if field_is_title(n) { &n.title } else { &n.text };
            f.clone().unwrap_or_default()
        }
        Slot::Cell(p, i) => at(root, p).cells[*i].clone(),
    }
}

/// The texts of the Sätze of `parent`, and the index among them of child `i`.
fn satz_texts(parent: &Node, i: usize) -> (Vec<String>, usize) {
    let texts = parent
        .children
        .iter()
        .filter(|c| c.kind == Kind::Satz)
        .filter_map(|c| c.text.clone())
        .collect();
    let k = parent.children[..i.min(parent.children.len())]
        .iter()
        .filter(|c| c.kind == Kind::Satz)
        .count();
    (texts, k)
}

/// Replace the Sätze of a unit by `text`, split anew; the emphasis of the
/// words a change leaves alone stays on them.
fn set_saetze(n: &mut Node, text: &str) {
    // the Sätze as one text, with their emphasis
    let mut old = String::new();
    let mut em = Vec::new();
    for c in n.children.iter().filter(|c| c.kind == Kind::Satz) {
        let Some(t) = &c.text else { continue };
        if !old.is_empty() {
            old.push(' ');
        }
        let off = old.len();
        old.push_str(t);
        em.extend(c.emphasis.iter().map(|e| Emphasis {
            start: e.start + off,
            end: e.end + off,
            strong: e.strong,
        }));
    }
    let em = carry_emphasis(&old, &em, text);
    let first = n.children.iter().position(|c| c.kind == Kind::Satz);
    n.children.retain(|c| c.kind != Kind::Satz);
    let at = first.unwrap_or(0).min(n.children.len());
    let new: Vec<Node> = split_saetze(text)
        .into_iter()
        .map(|(s, e)| {
            let mut c = Node::new(Kind::Satz, Span::default());
            c.text = Some(text[s..e].to_string());
            c.emphasis = em
                .iter()
                .filter(|x| s <= x.start && x.end <= e)
                .map(|x| Emphasis {
                    start: x.start - s,
                    end: x.end - s,
                    strong: x.strong,
                })
                .collect();
            c
        })
        .collect();
    n.children.splice(at..at, new);
}

/// The emphasis of `old` carried to `new`: runs in the head and tail the two
/// share keep their words; runs in what changed go.
pub fn carry_emphasis(old: &str, em: &[Emphasis], new: &str) -> Vec<Emphasis> {
    if em.is_empty() {
        return Vec::new();
    }
    let head = old
        .char_indices()
        .zip(new.chars())
        .find(|((_, a), b)| a != b)
        .map_or(old.len().min(new.len()), |((i, _), _)| i);
    let tail = old
        .chars()
        .rev()
        .zip(new.chars().rev())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum::<usize>()
        .min(old.len().min(new.len()) - head);
    em.iter()
        .filter_map(|e| {
            if e.end <= head {
                Some(*e)
            } else if e.start >= old.len() - tail && e.end <= old.len() {
                let shift = new.len() + e.start - old.len();
                Some(Emphasis {
                    start: shift,
                    end: shift + (e.end - e.start),
                    strong: e.strong,
                })
            } else {
                None
            }
        })
        .collect()
}

fn set_slot(root: &mut Node, s: &Slot, text: &str) {
    match s {
        Slot::Saetze(p) => {
            let n = at_mut(root, p);
            if n.text.is_some() {
                n.emphasis.clear();
            }
            set_saetze(n, text)
        }
        Slot::Satz(p) => {
            // the Satz may now be several: split within its parent
            let (parent, i) = p.split_at(p.len() - 1);
            let parent = at_mut(root, parent);
            let i = i[0];
            let (mut parts, k) = satz_texts(parent, i);
            if k < parts.len() {
                parts[k] = text.to_string();
            }
            parts.retain(|p| !p.trim().is_empty());
            set_saetze(parent, &parts.join(" "));
        }
        Slot::Field(p) => {
            let n = at_mut(root, p);
            if field_is_title(n) {
                n.emphasis.clear();
                n.title = Some(text.to_string());
            } else {
                let old = n.text.as_deref().unwrap_or("");
                n.emphasis = carry_emphasis(old, &n.emphasis, text);
                n.text = Some(text.to_string());
            }
        }
        Slot::Cell(p, i) => at_mut(root, p).cells[*i] = text.to_string(),
    }
}

/// Byte ranges where `needle` occurs in `hay` as whole words.
pub fn occurrences(hay: &str, o: &Objekt) -> Vec<(usize, usize)> {
    let needle = o.text.as_str();
    if needle.is_empty() {
        return Vec::new();
    }
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    let mut out = Vec::new();
    for (i, _) in hay.match_indices(needle) {
        let end = i + needle.len();
        let before = hay[..i].chars().next_back();
        let after = hay[end..].chars().next();
        let first = needle.chars().next();
        let last = needle.chars().next_back();
        if (word(first) && word(before)) || (word(last) && word(after)) {
            continue;
        }
        if o.am_ende && !hay[end..].trim().is_empty() {
            continue;
        }
        out.push((i, end));
    }
    out
}

/// Tidy the spaces an edit leaves: no double spaces, none before , ; . :
fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split(' ').filter(|w| !w.is_empty()) {
        if !out.is_empty() && !w.starts_with([',', ';', '.', ':', ')']) {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

// ----- commands ----------------------------------------------------------------

/// Everything that can go wrong with one command, before it gets its place in the file.
struct Fail {
    problem: Problem,
    target: Option<Span>,
}

impl From<Problem> for Fail {
    fn from(problem: Problem) -> Fail {
        Fail {
            problem,
            target: None,
        }
    }
}

fn node_span(root: &Node, z: &Ziel) -> Option<Span> {
    let p = match z {
        Ziel::Node(p) | Ziel::Titel(p) | Ziel::Einleitung(p) | Ziel::Schluss(p) => p,
    };
    let s = at(root, p).span;
    (s.line > 0).then_some(s)
}

fn word_edit(
    root: &mut Node,
    ziele: &[Ziel],
    find: &Objekt,
    jeweils: bool,
    edit: &dyn Fn(&str, (usize, usize)) -> String,
) -> Result<usize, Fail> {
    let mut hits: Vec<(Slot, Vec<(usize, usize)>)> = Vec::new();
    for z in ziele {
        for s in slots(root, z) {
            let t = slot_text(root, &s);
            let o = occurrences(&t, find);
            if !o.is_empty() {
                hits.push((s, o));
            }
        }
    }
    let total: usize = hits.iter().map(|h| h.1.len()).sum();
    let target = ziele.first().and_then(|z| node_span(root, z));
    if total == 0 {
        return Err(Fail {
            problem: Problem::WordsNotFound {
                words: find.text.clone(),
                at_end: find.am_ende,
            },
            target,
        });
    }
    if total > 1 && !jeweils {
        return Err(Fail {
            problem: Problem::WordsAmbiguous {
                words: find.text.clone(),
                count: total,
            },
            target,
        });
    }
    for (s, occ) in hits {
        let mut t = slot_text(root, &s);
        for &r in occ.iter().rev() {
            t = edit(&t, r);
        }
        set_slot(root, &s, &tidy(&t));
    }
    Ok(total)
}

fn fragment(zitat: &str) -> Result<Vec<Node>, Problem> {
    let nodes = syntax::parse::parse_fragment(&gazette_heading(zitat));
    if nodes.is_empty() {
        return Err(Problem::EmptyPassage);
    }
    Ok(nodes)
}

/// A quoted unit in the gazette's layout, its number and its heading on
/// lines of their own ("„§ 24⏎Übergangsvorschriften⏎(1) …"), as one heading
/// line ("§ 24 – Übergangsvorschriften"), so that it keeps its heading and
/// its Absätze.
fn gazette_heading(zitat: &str) -> std::borrow::Cow<'_, str> {
    let lines: Vec<&str> = zitat.lines().collect();
    let Some(i) = lines.iter().position(|l| !l.trim().is_empty()) else {
        return std::borrow::Cow::Borrowed(zitat);
    };
    let first = lines[i].trim();
    let bare_number = ["§ ", "Artikel ", "Art. "].iter().any(|w| {
        first.strip_prefix(w).is_some_and(|n| {
            n.starts_with(|c: char| c.is_ascii_digit())
                && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '.')
        })
    });
    // the heading: the paragraph after the number (it may wrap)
    let Some(j) = (i + 1..lines.len()).find(|&k| !lines[k].trim().is_empty()) else {
        return std::borrow::Cow::Borrowed(zitat);
    };
    let end = (j..lines.len())
        .find(|&k| lines[k].trim().is_empty())
        .unwrap_or(lines.len());
    let title = lines[j..end]
        .iter()
        .map(|l| l.trim())
        .collect::<Vec<_>>()
        .join(" ");
    let is_title = !title.starts_with(['(', '„', '"'])
        && !title.ends_with(['.', ':', ',', ';'])
        && title.chars().count() <= 200
        && end < lines.len()
        && !title.split_whitespace().next().is_some_and(|w| {
            w.trim_end_matches(['.', ')'])
                .chars()
                .all(|c| c.is_ascii_digit() || c.is_ascii_lowercase())
        });
    if !(bare_number && is_title) {
        return std::borrow::Cow::Borrowed(zitat);
    }
    let mut out: Vec<String> = lines[..i].iter().map(|l| l.to_string()).collect();
    out.push(format!("{first} – {title}"));
    out.extend(lines[end..].iter().map(|l| l.to_string()));
    std::borrow::Cow::Owned(out.join("\n"))
}

/// Whether the quoted passage is Sätze (no marker, no heading): "Neu. Auch neu."
fn is_satz_text(nodes: &[Node]) -> bool {
    nodes.iter().all(|n| n.kind == Kind::Text)
}

fn quoted_text(nodes: &[Node]) -> String {
    nodes
        .iter()
        .map(syntax::print::own_text)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The ranks of Gliederung types as this law nests them (the parser nests by
/// the order it meets them: the BGB has Kapitel below Untertitel). A type the
/// law does not have yet ranks right below the heading it is inserted into
/// (`container`), or by the usual order at the top level.
fn gliederung_ranks(root: &Node, extra: Kind, container: Option<Kind>) -> Vec<Kind> {
    fn walk(n: &Node, depth: usize, seen: &mut Vec<(Kind, usize)>) {
        for c in &n.children {
            if c.kind.is_gliederung() {
                match seen.iter_mut().find(|(k, _)| *k == c.kind) {
                    Some((_, d)) => *d = (*d).min(depth),
                    None => seen.push((c.kind, depth)),
                }
                walk(c, depth + 1, seen);
            } else if c.kind.is_annex() {
                walk(c, depth, seen);
            }
        }
    }
    let mut seen = Vec::new();
    walk(root, 0, &mut seen);
    seen.sort_by_key(|(k, d)| (*d, k.gliederung_rank()));
    let mut order: Vec<Kind> = seen.into_iter().map(|(k, _)| k).collect();
    if extra.is_gliederung() && !order.contains(&extra) {
        let below = container.and_then(|c| order.iter().position(|k| *k == c));
        let pos = match below {
            Some(p) => p + 1,
            None => order
                .iter()
                .position(|k| k.gliederung_rank() > extra.gliederung_rank())
                .unwrap_or(order.len()),
        };
        order.insert(pos, extra);
    }
    order
}

/// Insert `new` into the children of `parent` at `i`; a Gliederung heading takes
/// in the units after it, as a heading in the text would.
fn insert_at(root: &mut Node, parent: &[usize], i: usize, new: Vec<Node>) {
    let Some(last_kind) = new.last().map(|n| n.kind) else {
        return;
    };
    // a Satz holds no units: what goes "into" it follows it in its unit
    if let Some((&k, holder)) = parent.split_last() {
        if at(root, parent).kind == Kind::Satz {
            return insert_at(root, holder, k + 1, new);
        }
    }
    let order = if last_kind.is_gliederung() {
        // the innermost Gliederung unit on the way to `parent`
        let mut container = None;
        let mut node: &Node = root;
        for &k in parent {
            node = &node.children[k];
            if node.kind.is_gliederung() {
                container = Some(node.kind);
            }
        }
        gliederung_ranks(root, last_kind, container)
    } else {
        Vec::new()
    };
    let gliederung_rank = |k: Kind| order.iter().position(|x| *x == k);
    let mut new = new;
    // everything inserted is new, down to the § inside a Teil restated whole
    for x in &mut new {
        x.walk_mut(&mut |d| mark(d, INSERTED));
    }
    let n = at_mut(root, parent);
    let count = new.len();
    let i = i.min(n.children.len());
    n.children.splice(i..i, new);
    // the last inserted Gliederung unit absorbs what follows it
    let last = i + count - 1;
    let Some(rank) = gliederung_rank(n.children[last].kind) else {
        return;
    };
    let mut parent: Path = parent.to_vec();
    let mut idx = last;
    loop {
        let p = at_mut(root, &parent);
        let mut moved = Vec::new();
        while idx + 1 < p.children.len() {
            let c = &p.children[idx + 1];
            let stop = gliederung_rank(c.kind).is_some_and(|r| r <= rank) || c.kind.is_annex();
            if stop {
                break;
            }
            moved.push(p.children.remove(idx + 1));
        }
        p.children[idx].children.extend(moved);
        // a Gliederung unit cannot sit inside one of its own rank or lower
        let parent_rank = if parent.is_empty() {
            None
        } else {
            gliederung_rank(at(root, &parent).kind)
        };
        match parent_rank {
            Some(pr) if pr >= rank => {
                let (gp, pi) = parent.split_at(parent.len() - 1);
                let pi = pi[0];
                let g = at_mut(root, &parent).children.remove(idx);
                let gp: Path = gp.to_vec();
                at_mut(root, &gp).children.insert(pi + 1, g);
                parent = gp;
                idx = pi + 1;
            }
            _ => break,
        }
    }
}

/// Whether "wird aufgehoben" leaves "(weggefallen)" in place of child `i`:
/// §§ and Artikel always, other numbered units when a later one of their kind
/// follows (so that the numbering stays); otherwise the unit goes.
pub fn keeps_placeholder(parent: &Node, i: usize) -> bool {
    let n = &parent.children[i];
    n.num.is_some()
        && (n.kind.is_einzelvorschrift()
            || parent.children[i + 1..].iter().any(|c| c.kind == n.kind))
}

fn placeholder(n: &Node) -> Node {
    let m = n.marker.clone().unwrap_or_default();
    let text = format!("{m} (weggefallen)");
    let mut nodes = syntax::parse::parse_fragment(&text);
    let mut p = nodes
        .pop()
        .unwrap_or_else(|| Node::new(n.kind, Span::default()));
    if p.kind != n.kind {
        p = Node::new(n.kind, Span::default());
        p.marker = n.marker.clone();
        p.title = Some("(weggefallen)".into());
    }
    p.num = n.num.clone();
    p.repealed = true;
    p
}

/// Marks on the ids of units this amending law inserted or renumbered, for as
/// long as it applies (ids are given anew at the end): a place names units in
/// the numbering before the amending law.
const INSERTED: &str = "#neu";
const RENUMBERED: &str = "#bisher";

/// The unit this amending law renumbered into `neu` ("Absatz 4"), if it is one.
fn renumbered_unit(root: &Node, neu: &Ort) -> Option<Path> {
    let last = neu.last()?;
    let kind = node_kind(last.kind)?;
    let num = last.nums.first()?;
    let mut out = Vec::new();
    let mut p = Vec::new();
    walk_paths(root, &mut p, &mut |n, p| {
        if n.kind == kind && n.id.ends_with(RENUMBERED) && n.num.as_deref() == Some(num.as_str()) {
            out.push(p.to_vec());
        }
    });
    (out.len() == 1).then(|| out.remove(0))
}

fn walk_paths(n: &Node, p: &mut Path, f: &mut impl FnMut(&Node, &[usize])) {
    for (i, c) in n.children.iter().enumerate() {
        p.push(i);
        f(c, p);
        walk_paths(c, p, f);
        p.pop();
    }
}

fn changed_here(n: &Node) -> bool {
    n.id.ends_with(INSERTED) || n.id.ends_with(RENUMBERED)
}

fn mark(n: &mut Node, how: &str) {
    if !changed_here(n) {
        n.id.push_str(how);
    }
}

fn renumber(n: &mut Node, new_num: &str) {
    mark(n, RENUMBERED);
    if let (Some(m), Some(old)) = (&n.marker, &n.num) {
        if let Some(pos) = m.rfind(old.as_str()) {
            let mut s = m.clone();
            s.replace_range(pos..pos + old.len(), new_num);
            n.marker = Some(s);
        } else if let Some((first, rest)) = m.split_once(' ') {
            // "Erster Abschnitt" becomes "Zweiter Abschnitt", or "Abschnitt 2a"
            let ending = ["es", "er", "en", "e"]
                .into_iter()
                .find(|e| first.ends_with(e))
                .unwrap_or("er");
            n.marker = Some(
                match new_num
                    .parse()
                    .ok()
                    .and_then(|k| syntax::vocab::ordinal_word(k, ending))
                {
                    Some(w) => format!("{w} {rest}"),
                    None => format!("{rest} {new_num}"),
                },
            );
        }
    }
    n.num = Some(new_num.to_string());
}

fn path_of(z: &Ziel) -> &Path {
    match z {
        Ziel::Node(p) | Ziel::Titel(p) | Ziel::Einleitung(p) | Ziel::Schluss(p) => p,
    }
}

/// One command being applied: where it stands, and the target its eId names.
struct Cmd<'a> {
    b: &'a Befehl,
    eid_target: Option<&'a Path>,
    /// Resolve every place to the eId's target (the words named another unit).
    by_eid: bool,
}

impl Cmd<'_> {
    /// The place with the context of "… wird wie folgt geändert:" above it.
    fn full(&self, ort: &Ort) -> Ort {
        super::parse::combine(&self.b.kontext, ort)
    }

    /// The units a place names (the eId's target when the words do not resolve).
    fn resolve(&self, root: &Node, ort: &Ort) -> Result<Vec<Ziel>, Fail> {
        if let (true, Some(p)) = (self.by_eid, self.eid_target) {
            return Ok(vec![Ziel::Node(p.clone())]);
        }
        let o = self.full(ort);
        if o.is_empty() {
            return match self.eid_target {
                Some(p) => Ok(vec![Ziel::Node(p.clone())]),
                None => Err(Problem::NoPlace.into()),
            };
        }
        match locate(root, &o) {
            Ok(z) => Ok(z),
            Err(e) => match self.eid_target {
                Some(p) => Ok(vec![Ziel::Node(p.clone())]),
                None => Err(Problem::Place {
                    place: ort_text(&o),
                    problem: Box::new(e),
                }
                .into()),
            },
        }
    }

    fn place(&self, ort: &Ort) -> String {
        ort_text(&self.full(ort))
    }
}

/// Apply one command: one function per operation.
fn apply_one(
    root: &mut Node,
    b: &Befehl,
    eid_target: Option<&Path>,
    by_eid: bool,
) -> Result<String, Fail> {
    let cmd = Cmd {
        b,
        eid_target,
        by_eid,
    };
    match &b.op {
        Op::Unlesbar { message, .. } => Err(Problem::Unreadable(message.clone()).into()),
        Op::Rahmen { verb, .. } => Ok(format!("the items below: {verb}")),
        Op::Mehrere { ops } => {
            let mut done = Vec::new();
            // "Absatz 3 wird Absatz 4 und wie folgt gefasst": the second part is
            // about the unit just renumbered, not another Absatz 4
            let mut renumbered: Option<(Ort, Path)> = None;
            for op in ops {
                let mut one = Befehl {
                    op: op.clone(),
                    ..b.clone()
                };
                let here = match (&renumbered, one.op.ort_mut()) {
                    (Some((neu, path)), Some(ort)) if *ort == *neu => Some(path.clone()),
                    _ => None,
                };
                done.push(match &here {
                    Some(path) => apply_one(root, &one, Some(path), true)?,
                    None => apply_one(root, &one, eid_target, by_eid)?,
                });
                if let Op::Umnummern { neu, .. } = op {
                    renumbered = renumbered_unit(root, neu).map(|p| (neu.clone(), p));
                }
            }
            Ok(done.join("; "))
        }
        Op::Aendern { ort } => {
            cmd.resolve(root, ort)?;
            Ok(format!("{}: amended as follows", cmd.place(ort)))
        }
        Op::Ersetzen {
            ort,
            alt,
            neu,
            jeweils,
        } => ersetzen(&cmd, root, ort, alt, neu, *jeweils),
        Op::Streichen { ort, alt, jeweils } => streichen(&cmd, root, ort, alt, *jeweils),
        Op::EinfuegenWort {
            ort,
            nach,
            anker,
            neu,
            jeweils,
        } => einfuegen_wort(&cmd, root, ort, *nach, anker, neu, *jeweils),
        Op::Fassen { ort, zitat } => fassen(&cmd, root, ort, zitat),
        Op::ErsetzenEinheit { ort, zitate } => ersetzen_einheit(&cmd, root, ort, zitate),
        Op::Einfuegen { nach, ort, zitate } => einfuegen(&cmd, root, *nach, ort, zitate),
        Op::Anfuegen {
            ort,
            neu,
            zitate,
            vorn,
        } => anfuegen(&cmd, root, ort, neu, zitate, *vorn),
        Op::Aufheben { ort, streichen } => aufheben(&cmd, root, ort, *streichen),
        Op::Umnummern { alt, neu } => umnummern(&cmd, root, alt, neu),
    }
}

/// "In § 3 werden die Wörter „x“ durch die Wörter „y“ ersetzt."
fn ersetzen(
    cmd: &Cmd,
    root: &mut Node,
    ort: &Ort,
    alt: &Objekt,
    neu: &Objekt,
    jeweils: bool,
) -> Result<String, Fail> {
    let z = cmd.resolve(root, ort)?;
    let neu = neu.text.clone();
    let n = word_edit(root, &z, alt, jeweils, &|t, r| replaced(t, r, &neu))?;
    Ok(format!(
        "{}: „{}“ → „{}“ ({n}×)",
        cmd.place(ort),
        alt.text,
        neu
    ))
}

/// `text` with the quoted words at `start..end` replaced by `neu`, spaced as
/// words are: a mark replaced by a word keeps the words apart ("können," →
/// "können und", "3378), die" → "3378) in"). The generator checks its word
/// commands with this very function.
pub fn replaced(text: &str, (start, end): (usize, usize), neu: &str) -> String {
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let closes = |c: Option<char>| word(c) || matches!(c, Some(')' | ']' | '“' | '"'));
    let alt = &text[start..end];
    let pre = !word(alt.chars().next())
        && word(neu.chars().next())
        && closes(text[..start].chars().last());
    let post =
        !word(alt.chars().last()) && word(neu.chars().last()) && word(text[end..].chars().next());
    format!(
        "{}{}{neu}{}{}",
        &text[..start],
        if pre { " " } else { "" },
        if post { " " } else { "" },
        &text[end..]
    )
}

/// "In § 5 werden die Wörter „x“ gestrichen."
fn streichen(
    cmd: &Cmd,
    root: &mut Node,
    ort: &Ort,
    alt: &Objekt,
    jeweils: bool,
) -> Result<String, Fail> {
    let z = cmd.resolve(root, ort)?;
    let n = word_edit(root, &z, alt, jeweils, &|t, (s, e)| {
        format!("{} {}", &t[..s], &t[e..])
    })?;
    Ok(format!("{}: „{}“ struck ({n}×)", cmd.place(ort), alt.text))
}

/// "In Absatz 1 wird nach dem Wort „x“ das Wort „y“ eingefügt."
fn einfuegen_wort(
    cmd: &Cmd,
    root: &mut Node,
    ort: &Ort,
    after: bool,
    anker: &Objekt,
    neu: &Objekt,
    jeweils: bool,
) -> Result<String, Fail> {
    let z = cmd.resolve(root, ort)?;
    let ins = neu.text.clone();
    let n = word_edit(root, &z, anker, jeweils, &|t, (s, e)| {
        if after {
            format!("{} {}{}", &t[..e], ins, &t[e..])
        } else {
            format!("{}{} {}", &t[..s], ins, &t[s..])
        }
    })?;
    Ok(format!(
        "{}: „{}“ inserted {} „{}“ ({n}×)",
        cmd.place(ort),
        neu.text,
        if after { "after" } else { "before" },
        anker.text
    ))
}

/// "§ 3 Absatz 3 wird wie folgt gefasst: „…“"
fn fassen(cmd: &Cmd, root: &mut Node, ort: &Ort, zitat: &str) -> Result<String, Fail> {
    let z = cmd.resolve(root, ort)?;
    if z.len() > 1 {
        // "Absatz 2 bis Absatz 3 wird ersetzt durch: …"
        return ersetzen_einheit(cmd, root, ort, &[zitat.to_string()]);
    }
    let Some(z) = z.first() else {
        return Err(Problem::NothingToRestate.into());
    };
    match z {
        Ziel::Titel(p) => {
            let t = zitat.split_whitespace().collect::<Vec<_>>().join(" ");
            if t.is_empty() {
                return Err(Problem::EmptyPassage.into());
            }
            let s = slots(root, z);
            match s.first() {
                // a unit without a heading gets one ("§ 1" → "§ 1 Anwendbarkeit …")
                Some(_) if !p.is_empty() && at(root, p).title.is_none() => {
                    at_mut(root, p).title = Some(t)
                }
                Some(s) => set_slot(root, s, &t),
                None => at_mut(root, p).title = Some(t),
            }
        }
        Ziel::Einleitung(p) | Ziel::Schluss(p) => {
            let nodes = fragment(zitat)?;
            let t = quoted_text(&nodes);
            set_saetze(at_mut(root, p), &t);
        }
        // "Die Inhaltsübersicht wird wie folgt gefasst: „§ 1 Zweck …“": its lines
        Ziel::Node(p) if at(root, p).kind == Kind::Inhaltsuebersicht => {
            // a list (juris' nested bullets) keeps its structure
            let nodes = fragment(zitat)?;
            let nodes = match nodes.as_slice() {
                [t] if t.kind == Kind::Inhaltsuebersicht => t.children.clone(),
                _ => nodes,
            };
            if nodes.iter().any(|n| n.kind == Kind::Listenpunkt) {
                let heading = at(root, p).marker.clone().unwrap_or_default();
                let mut nodes = nodes;
                if nodes.first().is_some_and(|n| {
                    let t = syntax::print::own_text(n);
                    n.kind == Kind::Text
                        && (t == heading || t == "Inhaltsübersicht" || t == "Inhaltsverzeichnis")
                }) {
                    nodes.remove(0);
                }
                at_mut(root, p).children = nodes;
                return Ok(format!("{}: restated", cmd.place(ort)));
            }
            let mut lines = entry_nodes(&[zitat.to_string()]);
            if lines
                .first()
                .is_some_and(|l| syntax::print::own_text(l) == "Inhaltsübersicht")
            {
                lines.remove(0);
            }
            at_mut(root, p).children = lines;
        }
        // "Die Angabe zu § 5 wird wie folgt gefasst: „§ 5 Neuer Titel“"
        Ziel::Node(p) if is_entry(root, p) => {
            let nodes = entry_nodes(&[zitat.to_string()]);
            let (parent, i) = p.split_at(p.len() - 1);
            at_mut(root, parent).children.remove(i[0]);
            insert_at(root, parent, i[0], nodes);
        }
        Ziel::Node(p) => restate_unit(root, p, fragment(zitat)?)?,
    }
    Ok(format!("{}: restated", cmd.place(ort)))
}

/// The unit at `p` in the wording of `nodes`.
fn restate_unit(root: &mut Node, p: &Path, nodes: Vec<Node>) -> Result<(), Problem> {
    let old = at(root, p);
    let container = matches!(
        old.kind,
        Kind::Praeambel | Kind::Eingangsformel | Kind::Inhaltsuebersicht | Kind::Schlussformel
    );
    if container && !nodes.iter().any(|n| n.kind == old.kind) {
        // the content of the Präambel (or Inhaltsübersicht) anew, under its heading
        at_mut(root, p).children = nodes;
    } else if old.kind == Kind::Satz || (is_satz_text(&nodes) && old.kind != Kind::Text) {
        let s = if old.kind == Kind::Satz {
            Slot::Satz(p.clone())
        } else {
            Slot::Saetze(p.clone())
        };
        set_slot(root, &s, &quoted_text(&nodes));
    } else if p.is_empty() {
        return Err(Problem::WholeLawRestated);
    } else {
        if let [new] = nodes.as_slice() {
            let numbered = matches!(
                old.kind,
                Kind::Paragraf
                    | Kind::Artikel
                    | Kind::Absatz
                    | Kind::Nummer
                    | Kind::Buchstabe
                    | Kind::Doppelbuchstabe
            );
            if let (true, Some(a), Some(b)) = (numbered && new.kind == old.kind, &old.num, &new.num)
            {
                // (one number each: "§§ 114, 115" restated as „§§ 114 und 115“ is no contradiction)
                let simple = |n: &str| !n.contains([' ', ',']);
                if a != b && simple(a) && simple(b) {
                    return Err(Problem::NumberDiffers {
                        kind: old.kind,
                        old: a.clone(),
                        quoted: b.clone(),
                    });
                }
            }
        }
        let (parent, i) = p.split_at(p.len() - 1);
        let i = i[0];
        at_mut(root, parent).children.remove(i);
        insert_at(root, parent, i, nodes);
    }
    Ok(())
}

/// The quoted passages of a command, parsed, one after the other.
fn fragments(zitate: &[String]) -> Result<Vec<Node>, Problem> {
    Ok(zitate
        .iter()
        .map(|q| fragment(q))
        .collect::<Result<Vec<_>, _>>()?
        .concat())
}

/// "Satz 2 wird durch die folgenden Sätze ersetzt: „…“"
fn ersetzen_einheit(
    cmd: &Cmd,
    root: &mut Node,
    ort: &Ort,
    zitate: &[String],
) -> Result<String, Fail> {
    let z = cmd.resolve(root, ort)?;
    // "Die Überschrift wird durch die folgende Überschrift ersetzt: „…“"
    if let [Ziel::Titel(_)] = z.as_slice() {
        return fassen(cmd, root, ort, &zitate.join("\n"));
    }
    let paths: Vec<Path> = z.iter().map(|z| path_of(z).clone()).collect();
    let first = paths.first().cloned().ok_or(Problem::NothingToReplace)?;
    // "Die Angabe zu § 3 wird durch die folgende Angabe ersetzt: „§ 2a …“"
    let nodes = if is_entry(root, &first) {
        entry_nodes(zitate)
    } else {
        fragments(zitate)?
    };
    if at(root, &first).kind == Kind::Satz {
        // replace the Sätze by the quoted ones
        let (parent, _) = first.split_at(first.len() - 1);
        let parent: Path = parent.to_vec();
        let mut parts: Vec<String> = Vec::new();
        let mut done = false;
        for (i, c) in at(root, &parent).children.iter().enumerate() {
            if c.kind != Kind::Satz {
                continue;
            }
            if paths.contains(&child(&parent, i)) {
                if !done {
                    parts.push(quoted_text(&nodes));
                    done = true;
                }
            } else {
                parts.push(c.text.clone().unwrap_or_default());
            }
        }
        set_saetze(at_mut(root, &parent), &parts.join(" "));
    } else {
        let (parent, i) = first.split_at(first.len() - 1);
        let parent: Path = parent.to_vec();
        let i = i[0];
        // remove from the back so that earlier paths stay valid
        for p in paths.iter().rev() {
            let (pp, j) = p.split_at(p.len() - 1);
            if pp == parent.as_slice() {
                at_mut(root, &parent).children.remove(j[0]);
            }
        }
        insert_at(root, &parent, i, nodes);
    }
    Ok(format!("{}: replaced", cmd.place(ort)))
}

/// "Nach § 4 wird der folgende § 4a eingefügt: „…“"
fn einfuegen(
    cmd: &Cmd,
    root: &mut Node,
    nach: bool,
    ort: &Ort,
    zitate: &[String],
) -> Result<String, Fail> {
    let z = cmd.resolve(root, ort)?;
    let p = path_of(
        z.last()
            .filter(|_| nach)
            .or(z.first())
            .ok_or(Problem::NoInsertionPlace)?,
    )
    .clone();
    if p.is_empty() {
        return Err(Problem::InsertAroundLaw.into());
    }
    // "Nach der Angabe zu § 4 wird folgende Angabe eingefügt: „§ 4a …“"
    let nodes = if is_entry(root, &p) {
        entry_nodes(zitate)
    } else {
        fragments(zitate)?
    };
    if at(root, &p).kind == Kind::Satz && is_satz_text(&nodes) {
        let (parent, i) = p.split_at(p.len() - 1);
        let parent: Path = parent.to_vec();
        let (mut parts, k) = satz_texts(at(root, &parent), i[0]);
        parts.insert(if nach { k + 1 } else { k }, quoted_text(&nodes));
        set_saetze(at_mut(root, &parent), &parts.join(" "));
    } else {
        let (parent, i) = p.split_at(p.len() - 1);
        let i = if nach { i[0] + 1 } else { i[0] };
        insert_at(root, parent, i, nodes);
    }
    Ok(format!(
        "{}: inserted {}",
        cmd.place(ort),
        if nach { "after" } else { "before" }
    ))
}

/// "Dem § 3 wird folgender Absatz 4 angefügt: „…“" (`vorn`: "vorangestellt").
fn anfuegen(
    cmd: &Cmd,
    root: &mut Node,
    ort: &Ort,
    neu: &Ort,
    zitate: &[String],
    vorn: bool,
) -> Result<String, Fail> {
    let o = cmd.full(ort);
    let z = if o.is_empty() {
        vec![Ziel::Node(vec![])]
    } else {
        cmd.resolve(root, ort)?
    };
    let [z] = z.as_slice() else {
        return Err(Problem::AppendToSeveral.into());
    };
    let p = path_of(z).clone();
    // "Der Inhaltsübersicht wird folgende Angabe angefügt: „§ 9 …“"
    if at(root, &p).kind == Kind::Inhaltsuebersicht {
        let n = at(root, &p).children.len();
        let i = if vorn { 0 } else { n };
        insert_at(root, &p, i, entry_nodes(zitate));
        return Ok(format!(
            "{}: entries {}",
            cmd.place(ort),
            if vorn { "prepended" } else { "appended" }
        ));
    }
    let nodes = fragments(zitate)?;
    let saetze = neu.first().is_some_and(|t| t.kind == TeilKind::Satz)
        || is_satz_text(&nodes) && !p.is_empty();
    if saetze {
        let s = saetze_of(root, &p);
        let holder: Path = match s.first() {
            Some(f) => f[..f.len() - 1].to_vec(),
            None => p.clone(),
        };
        let t = syntax::print::own_text(at(root, &holder));
        let q = quoted_text(&nodes);
        let t = if vorn {
            format!("{q} {t}")
        } else {
            format!("{t} {q}")
        };
        set_saetze(at_mut(root, &holder), t.trim());
    } else {
        // "Dem Satz 1 wird folgende Nummer 5 angefügt": the Nummern of its unit
        let p = if !p.is_empty() && at(root, &p).kind == Kind::Satz {
            p[..p.len() - 1].to_vec()
        } else {
            p
        };
        let n = at(root, &p);
        let k = nodes.first().map(|x| x.kind);
        let i = if vorn {
            n.children
                .iter()
                .position(|c| Some(c.kind) == k)
                .unwrap_or(n.children.len())
        } else {
            // after the last unit of its kind (a Satz after the Nummern stays last)
            match n.children.iter().rposition(|c| Some(c.kind) == k) {
                Some(last) if k.is_some_and(|k| k.is_gliederungseinheit()) => last + 1,
                _ => n.children.len(),
            }
        };
        insert_at(root, &p, i, nodes);
    }
    Ok(format!(
        "{}: {}",
        if o.is_empty() {
            "Gesetz".into()
        } else {
            ort_text(&o)
        },
        if vorn { "prepended" } else { "appended" }
    ))
}

/// "§ 5 Absatz 4 wird aufgehoben." (`streichen`: "gestrichen", no placeholder).
fn aufheben(cmd: &Cmd, root: &mut Node, ort: &Ort, streichen: bool) -> Result<String, Fail> {
    let mut ziele = cmd.resolve(root, ort)?;
    ziele.reverse();
    for z in &ziele {
        match z {
            Ziel::Titel(p) => at_mut(root, p).title = None,
            Ziel::Einleitung(p) | Ziel::Schluss(p) => set_saetze(at_mut(root, p), ""),
            Ziel::Node(p) if p.is_empty() => return Err(Problem::WholeLawRepealed.into()),
            Ziel::Node(p) => remove_unit(root, p, streichen),
        }
    }
    Ok(format!(
        "{}: {}",
        cmd.place(ort),
        if streichen { "struck" } else { "repealed" }
    ))
}

/// Take the unit at `p` (not the root) out of the law: a Satz goes, a struck
/// Gliederung heading leaves its units in place, a repealed unit leaves
/// „(weggefallen)“ where its siblings keep numbers.
fn remove_unit(root: &mut Node, p: &Path, streichen: bool) {
    let (parent, i) = p.split_at(p.len() - 1);
    let parent: Path = parent.to_vec();
    let i = i[0];
    let n = at(root, p);
    if n.kind == Kind::Satz {
        let (mut parts, k) = satz_texts(at(root, &parent), i);
        parts.remove(k);
        set_saetze(at_mut(root, &parent), &parts.join(" "));
        return;
    }
    if streichen && n.kind.is_gliederung() {
        // the heading goes, the units under it stay where they are
        let kids = std::mem::take(&mut at_mut(root, p).children);
        at_mut(root, &parent).children.remove(i);
        // as in the text: they now follow the innermost heading before them
        let mut host = parent.clone();
        let mut k = i;
        while k > 0 && at(root, &host).children[k - 1].kind.is_gliederung() {
            host.push(k - 1);
            k = at(root, &host).children.len();
        }
        at_mut(root, &host).children.splice(k..k, kids);
        return;
    }
    if !streichen && keeps_placeholder(at(root, &parent), i) {
        let ph = placeholder(n);
        at_mut(root, &parent).children[i] = ph;
    } else {
        at_mut(root, &parent).children.remove(i);
    }
}

/// The content of a unit (all but its heading) as its Absatz `num`.
fn wortlaut_to_absatz(unit: &mut Node, num: &str) {
    let first = unit
        .children
        .iter()
        .position(|c| !c.kind.is_gliederung())
        .unwrap_or(unit.children.len());
    let mut content: Vec<Node> = unit.children.drain(first..).collect();
    let mut absatz = Node::new(Kind::Absatz, Span::default());
    absatz.marker = Some(format!("({num})"));
    absatz.num = Some(num.to_string());
    // the first paragraph's Sätze are the Absatz's own text
    if content.first().is_some_and(|c| c.kind == Kind::Text) {
        let text = content.remove(0);
        absatz.children.extend(text.children);
    }
    absatz.children.extend(content);
    mark(&mut absatz, RENUMBERED);
    unit.children.push(absatz);
}

/// "Der bisherige Absatz 3 wird Absatz 4."
fn umnummern(cmd: &Cmd, root: &mut Node, alt: &Ort, neu: &Ort) -> Result<String, Fail> {
    let z = cmd.resolve(root, alt)?;
    // "Der bisherige Wortlaut wird Absatz 1.": the text of the unit becomes its first Absatz
    if alt.last().is_some_and(|t| t.kind == TeilKind::Wortlaut) {
        let unit = match z.as_slice() {
            [z] => path_of(z).clone(),
            _ => return Err(Problem::AppendToSeveral.into()),
        };
        if !(at(root, &unit).kind.is_einzelvorschrift() || at(root, &unit).kind.is_annex()) {
            return Err(Problem::WortlautOfNoUnit.into());
        }
        let num = neu
            .last()
            .and_then(|t| t.nums.first())
            .cloned()
            .unwrap_or_else(|| "1".into());
        wortlaut_to_absatz(at_mut(root, &unit), &num);
        return Ok(format!("{} → {}", cmd.place(alt), ort_text(neu)));
    }
    let news: Vec<String> = neu.last().map(|t| t.nums.clone()).unwrap_or_default();
    let olds: Vec<Path> = z.iter().map(|z| path_of(z).clone()).collect();
    let news: Vec<String> =
        if neu.last().is_some_and(|t| t.range) && news.len() == 2 && olds.len() > 2 {
            // "4 bis 8": count up from the first
            let start: u32 = news[0]
                .parse()
                .map_err(|_| Problem::CannotCount(news[0].clone()))?;
            (0..olds.len() as u32)
                .map(|k| (start + k).to_string())
                .collect()
        } else {
            news
        };
    if news.len() != olds.len() {
        return Err(Problem::RenumberCount {
            units: olds.len(),
            numbers: news.len(),
        }
        .into());
    }
    for (p, n) in olds.iter().zip(&news) {
        renumber(at_mut(root, p), n);
    }
    // "Nummer 5 wird aufgehoben. Nummer 6 wird Nummer 5.": the number is used
    // again, so the place of the repealed unit is not kept
    let reused: Vec<(Path, Kind, String)> = olds
        .iter()
        .zip(&news)
        .filter_map(|(p, n)| Some((p.split_last()?.1.to_vec(), at(root, p).kind, n.clone())))
        .collect();
    for (parent, kind, n) in reused {
        let siblings = &at(root, &parent).children;
        if let Some(k) = siblings
            .iter()
            .position(|c| c.kind == kind && c.repealed && c.num.as_deref() == Some(n.as_str()))
        {
            at_mut(root, &parent).children.remove(k);
        }
    }
    Ok(format!("{} → {}", cmd.place(alt), ort_text(neu)))
}

/// Apply all commands to `doc` in order; `path` is the amending law's path
/// for errors. Stops at the first command that cannot apply, unless
/// `keep_going`: then the others still apply and every failure is reported.
pub fn apply(
    doc: &mut Document,
    law: &Aenderungsgesetz,
    path: &str,
    eids: &std::collections::HashMap<String, String>,
    keep_going: bool,
) -> super::Outcome {
    let mut out = super::Outcome::default();
    for b in &law.befehle {
        // the eId of the target, or of the nearest unit around it
        let eid_target = b.eid.as_ref().and_then(|e| eid_path(&doc.root, eids, e));
        let mut result = apply_one(&mut doc.root, b, eid_target.as_ref(), false);
        // the words name one unit, the eId another (a LegalDocML.de document
        // whose sentence and akn:ref disagree): the eId's unit, if it applies there
        // (not when the quoted unit's number contradicts the place: that is
        // the amending law's error, wherever it applies)
        let contradicts = result
            .as_ref()
            .is_err_and(|f| matches!(f.problem, Problem::NumberDiffers { .. }));
        if result.is_err() && eid_target.is_some() && !contradicts {
            let mut copy = doc.root.clone();
            if let Ok(what) = apply_one(&mut copy, b, eid_target.as_ref(), true) {
                doc.root = copy;
                result = Ok(format!("{what} (at the unit its eId names)"));
            }
        }
        match result {
            Ok(what) => out.applied.push(Applied {
                nummer: b.nummer.clone(),
                line: b.line,
                what,
            }),
            Err(f) => {
                out.failed.push(AmendError {
                    path: path.to_string(),
                    line: b.line,
                    column: b.column,
                    grund: crate::Grund::Anwenden(Box::new(crate::Gescheitert {
                        nummer: b.nummer.clone(),
                        problem: f.problem,
                    })),
                    stuck: match &b.op {
                        Op::Unlesbar { at: Some(at), .. } => Some(Box::new(crate::Stuck {
                            text: b.text.clone(),
                            at: *at,
                        })),
                        _ => None,
                    },
                    target: f.target.map(|s| crate::Zielort {
                        path: doc.path.clone().unwrap_or_default(),
                        line: s.line,
                        column: s.column,
                    }),
                });
                if !keep_going {
                    break;
                }
            }
        }
    }
    syntax::parse::assign_ids(&mut doc.root);
    out
}

/// The unit an eId names, or the nearest unit around it that the law has;
/// an eId written with the body's segment ("hauptteil-1_art-6_abs-3") also
/// finds a law whose eIds leave it out ("art-6_abs-3").
fn eid_path(
    root: &Node,
    eids: &std::collections::HashMap<String, String>,
    eid: &str,
) -> Option<Path> {
    // the path and how many segments of the eId matched
    let find = |mut e: &str| loop {
        if let Some(p) = eids.get(e).and_then(|id| path_by_id(root, id)) {
            return Some((e.matches('_').count(), p));
        }
        e = e.rsplit_once('_')?.0;
    };
    let whole = find(eid);
    let without_body = eid
        .split_once('_')
        .filter(|(head, _)| head.starts_with("hauptteil"))
        .and_then(|(_, rest)| find(rest))
        .map(|(n, p)| (n + 1, p));
    match (whole, without_body) {
        (Some(a), Some(b)) => Some(if b.0 > a.0 { b.1 } else { a.1 }),
        (a, b) => a.or(b).map(|(_, p)| p),
    }
}

fn path_by_id(root: &Node, id: &str) -> Option<Path> {
    fn go(n: &Node, id: &str, p: &mut Path) -> bool {
        if n.id == id || n.id.split('#').next() == Some(id) {
            return true;
        }
        for (i, c) in n.children.iter().enumerate() {
            p.push(i);
            if go(c, id, p) {
                return true;
            }
            p.pop();
        }
        false
    }
    let mut p = Vec::new();
    go(root, id, &mut p).then_some(p)
}
