//! Resolving citations to the nodes they name.

use super::extract::{extract_from_text, rank, Locator};
use super::{Item, Level, Reference, Resolved, Scope, Status, Step};
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::rc::Rc;
use syntax::ast::{Document, Kind, Node};
use syntax::source::LineIndex;

/// Lookup tables of one law.
pub struct Index<'a> {
    einzel: FxHashMap<(bool, &'a str), Vec<&'a Node>>,
    /// "§§ 3 bis 6 (weggefallen)" and the like: (is Artikel, from, to, node).
    ranges: Vec<(bool, u64, u64, &'a Node)>,
    annex: FxHashMap<&'a str, Vec<&'a Node>>,
    /// Children by kind and number of nodes with many children, built on first use,
    /// so that n citations into a unit with n Absätze cost O(n), not O(n²).
    kids: RefCell<FxHashMap<*const Node, Rc<Kids<'a>>>>,
    /// The numbered parts of the annexes, built on first use: see [`Index::annex_part`].
    annex_parts: std::cell::OnceCell<AnnexParts<'a>>,
    /// The annex cited last, and the annex the citation stood in: "gemäß Anlage 2a
    /// Abschnitt I der Berufsbildposition" … "lfd. Nr. 3.3" means Anlage 2a's row.
    last_cited_annex: std::cell::Cell<Option<(&'a Node, &'a Node)>>,
    /// The numbered nodes below a node, by number, built on first use: see
    /// [`Index::find_numbered`].
    numbered_below: RefCell<FxHashMap<(*const Node, Kind), Rc<NumberedBelow<'a>>>>,
    doc: &'a Document,
}

type NumberedBelow<'a> = FxHashMap<&'a str, &'a Node>;

/// Number → (annex, part) for the Nummern, table rows and numbered lines of every annex.
type AnnexParts<'a> = FxHashMap<&'a str, Vec<(&'a Node, &'a Node)>>;

/// The number a part of an annex starts with: a Nummer's number, a table row's
/// first cell ("1311", "3.3"), a line's first word ("2.", "4a)").
fn part_number(n: &Node) -> Option<&str> {
    let raw = match n.kind {
        Kind::Nummer => n.num.as_deref()?,
        Kind::Zeile => n.cells.first()?.trim(),
        Kind::Listenpunkt | Kind::Text => first_word(n)?,
        _ => return None,
    };
    let num = raw.trim_end_matches(['.', ')']);
    (num.len() <= 12 && num.starts_with(|c: char| c.is_ascii_digit())).then_some(num)
}

/// The first word of a unit's first Satz ("2." of a line "2. Text").
fn first_word(n: &Node) -> Option<&str> {
    n.children
        .iter()
        .find(|s| s.kind == Kind::Satz)?
        .text
        .as_deref()?
        .split_whitespace()
        .next()
}

/// Nodes with fewer children are scanned; the index would cost more than it saves.
const MANY_CHILDREN: usize = 64;

struct Kids<'a> {
    by_num: FxHashMap<(Kind, &'a str), Vec<&'a Node>>,
    count: FxHashMap<Kind, usize>,
    saetze: Vec<&'a Node>,
}

impl<'a> Index<'a> {
    fn kids(&self, n: &'a Node) -> Rc<Kids<'a>> {
        let key = n as *const Node;
        if let Some(k) = self.kids.borrow().get(&key) {
            return k.clone();
        }
        let mut k = Kids {
            by_num: FxHashMap::default(),
            count: FxHashMap::default(),
            saetze: saetze(n),
        };
        for c in &n.children {
            *k.count.entry(c.kind).or_default() += 1;
            if let Some(num) = c.num.as_deref() {
                k.by_num.entry((c.kind, num)).or_default().push(c);
            }
        }
        let k = Rc::new(k);
        self.kids.borrow_mut().insert(key, k.clone());
        k
    }

    /// The children of `n` of `kind` numbered `num`, and how many of `kind` it has.
    fn numbered(&self, n: &'a Node, kind: Kind, num: &str) -> (Vec<&'a Node>, usize) {
        if n.children.len() < MANY_CHILDREN {
            let all = n.children.iter().filter(|c| c.kind == kind);
            let count = all.clone().count();
            let hits = all.filter(|c| c.num.as_deref() == Some(num)).collect();
            return (hits, count);
        }
        let k = self.kids(n);
        (
            k.by_num.get(&(kind, num)).cloned().unwrap_or_default(),
            k.count.get(&kind).copied().unwrap_or(0),
        )
    }

    /// Satz `k` (from 1) of `n`, and how many Sätze it has.
    fn satz(&self, n: &'a Node, k: usize) -> (Option<&'a Node>, usize) {
        let pick = |s: &[&'a Node]| (k.checked_sub(1).and_then(|i| s.get(i).copied()), s.len());
        if n.children.len() < MANY_CHILDREN {
            pick(&saetze(n))
        } else {
            pick(&self.kids(n).saetze)
        }
    }
}

use syntax::vocab::leading_number;

impl<'a> Index<'a> {
    /// The index of a parsed law: its §§ and Artikel by number, ranges of
    /// repealed units and annexes.
    pub fn new(doc: &'a Document) -> Index<'a> {
        let mut ix = Index {
            einzel: FxHashMap::default(),
            ranges: Vec::new(),
            annex: FxHashMap::default(),
            kids: RefCell::default(),
            annex_parts: std::cell::OnceCell::new(),
            last_cited_annex: std::cell::Cell::new(None),
            numbered_below: RefCell::default(),
            doc,
        };
        doc.root.walk(&mut |n, _| {
            if n.kind.is_einzelvorschrift() {
                let art = n.kind == Kind::Artikel;
                if let Some(num) = n.num.as_deref() {
                    if num.contains(' ') || num.contains(',') {
                        // a range or list of numbers in one heading
                        let nums: Vec<&str> = num
                            .split([' ', ','])
                            .filter(|w| leading_number(w).is_some())
                            .collect();
                        if let (Some(a), Some(b)) = (
                            nums.first().and_then(|x| leading_number(x)),
                            nums.last().and_then(|x| leading_number(x)),
                        ) {
                            ix.ranges.push((art, a, b, n));
                        }
                        for w in nums {
                            ix.einzel.entry((art, w)).or_default().push(n);
                        }
                    } else {
                        ix.einzel.entry((art, num)).or_default().push(n);
                    }
                }
            } else if n.kind.is_annex() {
                ix.annex
                    .entry(n.num.as_deref().unwrap_or(""))
                    .or_default()
                    .push(n);
            }
        });
        ix
    }
}

impl<'a> Index<'a> {
    /// The part of an annex numbered `num` ("Nummer 1311" of a Kostenverzeichnis, a
    /// row "lfd. Nr. 3.3"): the only one in the annex the citation stands in, else
    /// the only one in all annexes.
    fn annex_part(&self, num: &str, chain: &[&'a Node]) -> Option<&'a Node> {
        let parts = self.annex_parts.get_or_init(|| {
            let mut m: AnnexParts<'a> = FxHashMap::default();
            for a in annexes(&self.doc.root) {
                a.walk(&mut |n, _| {
                    if let Some(k) = part_number(n) {
                        m.entry(k).or_default().push((a, n));
                    }
                });
            }
            m
        });
        let hits = parts.get(num)?;
        let own = chain.iter().find(|p| p.kind.is_annex()).copied();
        let cited = self
            .last_cited_annex
            .get()
            .filter(|(from, _)| own.is_some_and(|o| std::ptr::eq(*from, o)))
            .map(|(_, cited)| cited);
        for annex in [own, cited].into_iter().flatten() {
            let mut mine = hits.iter().filter(|(a, _)| std::ptr::eq(*a, annex));
            if let (Some(one), None) = (mine.next(), mine.next()) {
                return Some(one.1);
            }
        }
        match hits.as_slice() {
            [(_, one)] => Some(one),
            _ => None,
        }
    }
}

impl<'a> Index<'a> {
    /// Remembers the annex a resolved citation in an annex names.
    fn note_cited_annex(&self, r: &Resolved, chain: &[&'a Node]) {
        if r.status != Status::Resolved || r.reference.scope != Scope::Internal {
            return;
        }
        let Some(step) = r.reference.steps.first() else {
            return;
        };
        if !matches!(step.level, Level::Anhang | Level::Anlage) {
            return;
        }
        let Some(own) = chain.iter().find(|p| p.kind.is_annex()) else {
            return;
        };
        if let Some([cited]) = step
            .items
            .first()
            .and_then(|i| self.annex.get(i.from.as_str()))
            .map(|v| v.as_slice())
        {
            self.last_cited_annex.set(Some((own, cited)));
        }
    }
}

/// The annexes of a law, outermost only.
fn annexes(root: &Node) -> Vec<&Node> {
    fn go<'n>(n: &'n Node, out: &mut Vec<&'n Node>) {
        for c in &n.children {
            if c.kind.is_annex() {
                out.push(c);
            } else {
                go(c, out);
            }
        }
    }
    let mut out = Vec::new();
    go(root, &mut out);
    out
}

enum Outcome<'a> {
    Found(&'a Node),
    Fail(Status, String),
}

fn label(n: &Node) -> String {
    match (&n.marker, n.kind) {
        (Some(m), Kind::Absatz) => format!("Absatz {}", m.trim_matches(['(', ')'])),
        (Some(m), Kind::Nummer) => format!("Nummer {}", m.trim_end_matches('.')),
        (Some(m), Kind::Buchstabe | Kind::Doppelbuchstabe) => {
            format!("Buchstabe {}", m.trim_end_matches(')'))
        }
        (Some(m), _) => m.clone(),
        (None, k) => k.as_str().to_string(),
    }
}

fn saetze(n: &Node) -> Vec<&Node> {
    let mut v = Vec::new();
    for c in &n.children {
        match c.kind {
            Kind::Satz => v.push(c),
            Kind::Text => v.extend(c.children.iter().filter(|s| s.kind == Kind::Satz)),
            _ => {}
        }
    }
    v
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

fn child<'a>(ix: &Index<'a>, n: &'a Node, level: Level, num: &str) -> Outcome<'a> {
    let kind = match level {
        Level::Absatz => Kind::Absatz,
        Level::Nummer => Kind::Nummer,
        Level::Buchstabe => Kind::Buchstabe,
        Level::Doppelbuchstabe => Kind::Doppelbuchstabe,
        Level::Satz => {
            let (hit, count) = ix.satz(n, num.parse().unwrap_or(0));
            return match hit {
                Some(h) => Outcome::Found(h),
                None => Outcome::Fail(
                    Status::Unresolved,
                    format!("{} has {}", label(n), plural(count, "Satz", "Sätze")),
                ),
            };
        }
        Level::Teil | Level::Unterabsatz => return Outcome::Found(n),
        _ => {
            return Outcome::Fail(
                Status::Unresolved,
                format!("no {} {num} in {}", level.word(), label(n)),
            )
        }
    };
    let (hits, count) = ix.numbered(n, kind, num);
    if count == 0 && level == Level::Absatz && num == "1" && n.kind.is_einzelvorschrift() {
        // "§ 2 Abs. 1" of a § written without Absätze: its one Absatz is its text
        return Outcome::Found(n);
    }
    match hits.len() {
        1 => {
            let h = hits[0];
            if h.repealed {
                Outcome::Fail(Status::Repealed, format!("{} is repealed", label(h)))
            } else {
                Outcome::Found(h)
            }
        }
        0 => {
            let words = match level {
                Level::Absatz => ("Absatz", "Absätze"),
                Level::Nummer => ("Nummer", "Nummern"),
                _ => ("Buchstabe", "Buchstaben"),
            };
            if count == 0 {
                Outcome::Fail(
                    Status::Unresolved,
                    format!("{} has no {}", label(n), words.1),
                )
            } else {
                Outcome::Fail(
                    Status::Unresolved,
                    format!(
                        "{} has {}, none numbered {num}",
                        label(n),
                        plural(count, words.0, words.1)
                    ),
                )
            }
        }
        _ => Outcome::Fail(
            Status::Ambiguous,
            format!("{} has {} units numbered {num}", label(n), hits.len()),
        ),
    }
}

fn einzel<'a>(ix: &Index<'a>, art: bool, num: &str) -> Outcome<'a> {
    let word = if art { "Artikel" } else { "§" };
    let mut hits = ix.einzel.get(&(art, num));
    // "§ 5f" is "§ 5 folgende" when the law has no § 5f
    let num = match num.strip_suffix('f') {
        Some(head) if hits.is_none() && head.ends_with(|c: char| c.is_ascii_digit()) => {
            hits = ix.einzel.get(&(art, head));
            head
        }
        _ => num,
    };
    match hits.map(|v| v.as_slice()) {
        Some([one]) => {
            if one.repealed {
                Outcome::Fail(
                    Status::Repealed,
                    format!("{} is repealed", one.marker.as_deref().unwrap_or(word)),
                )
            } else {
                Outcome::Found(one)
            }
        }
        Some(many) if many.len() > 1 => Outcome::Fail(
            Status::Ambiguous,
            format!("the law has {} units numbered {word} {num}", many.len()),
        ),
        _ => {
            if let Some(n) = leading_number(num) {
                if let Some((_, _, _, r)) = ix.ranges.iter().find(|(a, f, t, _)| {
                    *a == art && *f <= n && n <= *t && num.chars().all(|c| c.is_ascii_digit())
                }) {
                    if r.repealed {
                        return Outcome::Fail(
                            Status::Repealed,
                            format!(
                                "{word} {num} is repealed ({})",
                                r.marker.as_deref().unwrap_or("")
                            ),
                        );
                    }
                    return Outcome::Found(r);
                }
            }
            Outcome::Fail(Status::Unresolved, format!("the law has no {word} {num}"))
        }
    }
}

fn annex<'a>(ix: &Index<'a>, level: Level, num: &str) -> Outcome<'a> {
    match ix.annex.get(num).map(|v| v.as_slice()) {
        Some([one]) => Outcome::Found(one),
        Some(many) if many.len() > 1 => Outcome::Fail(
            Status::Ambiguous,
            format!("the law has {} annexes numbered {num}", many.len()),
        ),
        _ => Outcome::Fail(
            Status::Unresolved,
            format!("the law has no {} {num}", level.word()),
        ),
    }
}

impl<'a> Index<'a> {
    /// The first Nummer or Buchstabe below `n` (pre-order) numbered `num`, or list
    /// item whose text starts with the number ("3", "3.", "3)"). The numbers below
    /// a node are collected once, so that citations of the Nummern of a long table
    /// cost one walk, not one each.
    fn find_numbered(&self, n: &'a Node, level: Level, num: &str) -> Option<&'a Node> {
        let kind = if level == Level::Nummer {
            Kind::Nummer
        } else {
            Kind::Buchstabe
        };
        let key = (n as *const Node, kind);
        let known = self.numbered_below.borrow().get(&key).cloned();
        let map = match known {
            Some(m) => m,
            None => {
                let m = Rc::new(numbered_below(n, kind));
                self.numbered_below.borrow_mut().insert(key, m.clone());
                m
            }
        };
        map.get(num).copied()
    }
}

/// Every number a node below `n` answers to in [`Index::find_numbered`], mapped
/// to the first such node in pre-order.
fn numbered_below(n: &Node, kind: Kind) -> NumberedBelow<'_> {
    let mut m: NumberedBelow<'_> = FxHashMap::default();
    n.walk(&mut |c, _| {
        if c.kind == kind {
            if let Some(x) = c.num.as_deref() {
                m.entry(x).or_insert(c);
            }
        }
        if matches!(c.kind, Kind::Listenpunkt | Kind::Text | Kind::Nummer) {
            if let Some(w) = first_word(c) {
                m.entry(w).or_insert(c);
                if let Some(x) = w.strip_suffix(['.', ')']) {
                    m.entry(x).or_insert(c);
                }
            }
        }
    });
    m
}

/// Where a relative citation ("Absatz 2", "Satz 3", "Nummer 1") starts: the
/// unit around the citing text it counts in; `Err` is the outcome when the
/// citation is already decided (found deeper, or standing outside any unit).
fn relative_start<'a>(
    ix: &Index<'a>,
    path: &[(Level, Item)],
    parents: &[&'a Node],
) -> Result<&'a Node, Outcome<'a>> {
    let first = &path[0].0;
    const UNITS: &[Kind] = &[
        Kind::Paragraf,
        Kind::Artikel,
        Kind::Anhang,
        Kind::Anlage,
        Kind::Eingangsformel,
        Kind::Praeambel,
    ];
    let want: &[Kind] = match first {
        Level::Absatz => UNITS,
        Level::Satz
            if parents.len() == 1 && matches!(parents[0].kind, Kind::Nummer | Kind::Buchstabe) =>
        {
            &[Kind::Nummer, Kind::Buchstabe]
        }
        Level::Satz => &[
            Kind::Absatz,
            Kind::Paragraf,
            Kind::Artikel,
            Kind::Anhang,
            Kind::Anlage,
        ],
        Level::Nummer => &[
            Kind::Absatz,
            Kind::Paragraf,
            Kind::Artikel,
            Kind::Anhang,
            Kind::Anlage,
        ],
        Level::Buchstabe => &[
            Kind::Nummer,
            Kind::Absatz,
            Kind::Paragraf,
            Kind::Artikel,
            Kind::Anhang,
            Kind::Anlage,
        ],
        Level::Doppelbuchstabe => &[Kind::Buchstabe, Kind::Nummer],
        _ => &[],
    };
    // "Satz 2" in a Text block counts the Sätze of the unit around it
    let want: Vec<Kind> = want.to_vec();
    let cur = parents
        .iter()
        .rev()
        .find(|p| want.contains(&p.kind))
        .copied();
    if *first == Level::Satz && parents.len() > 1 {
        // "Satz 2" inside a Nummer: the Absatz's Satz 2, or else that of the
        // innermost Buchstabe or Nummer around it that has one
        if let Some(c) = cur {
            if let Outcome::Fail(..) = resolve_path(ix, path, &[c], true) {
                for item in parents
                    .iter()
                    .rev()
                    .filter(|p| matches!(p.kind, Kind::Nummer | Kind::Buchstabe))
                {
                    if let Outcome::Found(n) = resolve_path(ix, path, &[item], true) {
                        return Err(Outcome::Found(n));
                    }
                }
            }
        }
    }
    let Some(cur) = cur else {
        // text outside of any unit (tables, notes): a numbered line anywhere above
        if matches!(first, Level::Nummer | Level::Buchstabe) {
            if let Some(top) = parents.first() {
                if let Some(x) = ix.find_numbered(top, *first, &path[0].1.from) {
                    return Err(Outcome::Found(x));
                }
            }
        }
        return Err(Outcome::Fail(
            Status::Unresolved,
            format!(
                "\"{}\" stands outside of any unit it could refer to",
                first.word()
            ),
        ));
    };
    Ok(cur)
}

/// Resolve one target path (the numbers of a range: both ends).
fn resolve_path<'a>(
    ix: &Index<'a>,
    path: &[(Level, Item)],
    parents: &[&'a Node],
    relative: bool,
) -> Outcome<'a> {
    if path.is_empty() {
        return Outcome::Fail(Status::Unresolved, "empty citation".into());
    }
    let mut cur: Option<&'a Node> = None;
    if relative {
        match relative_start(ix, path, parents) {
            Ok(n) => cur = Some(n),
            Err(o) => return o,
        }
    }
    // after a Satz, Nummern and Buchstaben are those of the unit the Satz belongs to
    let mut container: Option<&'a Node> = None;
    for (k, (level, item)) in path.iter().enumerate() {
        let last = k + 1 == path.len();
        if let (Some(c), Some(n)) = (container.take(), cur) {
            if n.kind == Kind::Satz && !matches!(level, Level::Satz) {
                cur = Some(c);
            }
        }
        let nums: Vec<&str> = if last {
            std::iter::once(item.from.as_str())
                .chain(item.to.as_deref())
                .collect()
        } else {
            vec![item.from.as_str()]
        };
        let mut found = None;
        for num in nums {
            let o = match (cur, level) {
                (None, Level::Paragraf) => einzel(ix, false, num),
                (None, Level::Artikel) => einzel(ix, true, num),
                (_, Level::Anhang | Level::Anlage) => annex(ix, *level, num),
                (Some(n), Level::Paragraf) if n.kind == Kind::Artikel => {
                    // "Artikel 246a § 1": a § inside an Artikel
                    match n
                        .children
                        .iter()
                        .find(|c| c.kind == Kind::Paragraf && c.num.as_deref() == Some(num))
                    {
                        Some(c) => Outcome::Found(c),
                        None => Outcome::Found(n),
                    }
                }
                (Some(n), l) => {
                    if *l == Level::Satz {
                        container = Some(n);
                    }
                    match child(ix, n, *l, num) {
                        Outcome::Fail(st, reason)
                            if matches!(l, Level::Nummer | Level::Buchstabe) =>
                        {
                            // Nummern written as table rows or list items („*   1.“): look deeper
                            match ix.find_numbered(n, *l, num) {
                                Some(x) => Outcome::Found(x),
                                None => Outcome::Fail(st, reason),
                            }
                        }
                        o => o,
                    }
                }
                (None, l) => Outcome::Fail(
                    Status::Unresolved,
                    format!("\"{}\" without a unit above it", l.word()),
                ),
            };
            match o {
                Outcome::Found(n) => {
                    found.get_or_insert(n);
                }
                fail => return fail,
            }
        }
        cur = found;
    }
    match cur {
        Some(n) => Outcome::Found(n),
        None => Outcome::Fail(Status::Unresolved, "nothing found".into()),
    }
}

/// Phrases of Änderungsbefehle: their citations name the amended law.
const AMENDING: &[&str] = &[
    "wie folgt geändert",
    "wie folgt gefasst",
    "eingefügt",
    "angefügt",
    "gestrichen",
    "ersetzt",
    "vorangestellt",
    "wird aufgehoben",
    "werden aufgehoben",
];

/// [`AMENDING`] as searchers built once (each Satz with a citation is
/// searched for all of them).
fn amending_words() -> &'static [memchr::memmem::Finder<'static>] {
    static FINDERS: std::sync::OnceLock<Vec<memchr::memmem::Finder<'static>>> =
        std::sync::OnceLock::new();
    FINDERS.get_or_init(|| AMENDING.iter().map(memchr::memmem::Finder::new).collect())
}

/// A law of the series other than the one being checked.
pub struct OtherLaw<'a> {
    /// Its short name in `paragraf.toml` („Gesetz VI“).
    pub short: String,
    /// Its file.
    pub path: String,
    /// The law, parsed.
    pub doc: &'a Document,
    /// Its parts declared to exist outside the repository.
    pub declared: Vec<String>,
}

/// What a law's citations are resolved against.
pub struct Universe<'a> {
    /// Parts of this law declared to exist outside the repository ("Anhang III").
    pub declared: Vec<String>,
    /// The other laws of the series.
    pub others: Vec<OtherLaw<'a>>,
    /// Laws outside the series that citations of other laws resolve
    /// against (`[library]` of `paragraf.toml`).
    pub libraries: &'a [super::Library],
}

/// The indexes of the other laws cited so far, built on first use.
struct Others<'a> {
    series: Vec<Option<Index<'a>>>,
    /// (library, law, slot of the cited § or `None` for the whole law).
    library: FxHashMap<(usize, usize, Option<usize>), Index<'a>>,
}

fn declared_part(declared: &[String], level: Level, num: &str) -> bool {
    let want = format!("{} {num}", level.word());
    declared
        .iter()
        .any(|d| d.split_whitespace().collect::<Vec<_>>().join(" ") == want)
}

/// Find, and resolve, every citation of a law.
pub fn resolve_all(doc: &Document, src: &str, uni: &Universe) -> Vec<Resolved> {
    resolve_all_with(doc, src, uni, &LineIndex::new(src))
}

/// [`resolve_all`] with the source's line index at hand (shared with the lint).
pub fn resolve_all_with(
    doc: &Document,
    src: &str,
    uni: &Universe,
    line_index: &LineIndex,
) -> Vec<Resolved> {
    let ix = Index::new(doc);
    let laws_units = LawsUnits::of(&ix);
    let mut other_ix = Others {
        series: uni.others.iter().map(|_| None).collect(),
        library: FxHashMap::default(),
    };
    let names = Names::of(doc, uni);
    let seen = OtherLawMemo::default();
    let mut out = Vec::new();
    // „quoted text“ (an amending law quoting the law it amends) may span units
    let mut quote_depth: i32 = 0;
    let mut before: Vec<(Vec<Step>, Scope, Status)> = Vec::new();
    let mut before_unit: *const Node = std::ptr::null();
    doc.root.walk_with_parents(&mut |n, parents| {
        if n.kind.is_einzelvorschrift() {
            quote_depth = 0;
        }
        for (t, is_title) in [(n.title.as_ref(), true), (n.text.as_ref(), false)] {
            let Some(t) = t.filter(|_| may_cite(n.kind, is_title)) else {
                continue;
            };
            let found = citations_in(t, !is_title && after_gazette(n, parents));
            // a table cell in an Anlage that only cites: the column's law, when not this one's
            let cell =
                parents.iter().any(|p| p.kind.is_annex()) && super::citations_only(t, &found);
            let (quoted, end_depth) = quoted_at(t, &found, quote_depth);
            if !is_title {
                quote_depth = end_depth.max(0);
            }
            if found.is_empty() {
                continue;
            }
            let src_text = source_of(src, n, t, is_title);
            // an Eingangsformel cites the enabling law; an Änderungsbefehl the law it amends
            let in_formula = parents.iter().any(|p| p.kind == Kind::Eingangsformel);
            let amending = amending_words()
                .iter()
                .any(|w| w.find(t.as_bytes()).is_some());
            let chain: Vec<&Node> = parents.iter().copied().chain([n]).collect();
            let (s0, sbase) = src_text;
            let (slice, locator) = (
                &src[s0..],
                Locator::new(&src[s0..][..sbase.min(src.len() - s0)], t),
            );
            // the citations of this unit's Sätze so far, for "des § 775 Nr. 1, 3 … der Nummer 2"
            let unit: *const Node = parents.last().map_or(std::ptr::null(), |p| *p);
            if n.kind != Kind::Satz || unit != before_unit {
                before.clear();
                before_unit = unit;
            }
            for (f, quoted) in found.into_iter().zip(quoted) {
                let span = citation_span(&locator, slice, s0, &f, line_index);
                let scope =
                    context_scope(f.scope, &f.steps, quoted, in_formula, amending, &laws_units);
                let scope = instrument_named(scope, &t[f.start..f.end], doc.title.as_deref());
                let scope = series_or_own(scope, &t[f.end..], &names.own, &names.others, uni);
                let reference = Reference {
                    text: t[f.start..f.end].to_string(),
                    span,
                    node: n.id.clone(),
                    text_range: (f.start, f.end),
                    in_title: is_title,
                    steps: f.steps,
                    scope,
                };
                let mut r = resolve_one(reference, &ix, &mut other_ix, uni, &chain);
                ix.note_cited_annex(&r, &chain);
                if r.status == Status::Unresolved && r.reference.scope == Scope::Relative {
                    anaphora(&mut r, &before, &ix, &mut other_ix, uni, &chain);
                }
                let (steps, scope) = (r.reference.steps.clone(), r.reference.scope.clone());
                before.push((steps, scope, r.status));
                if r.status == Status::Unresolved {
                    let here = Here {
                        text: t,
                        span: (f.start, f.end),
                        cell,
                        title_names_law: names.title_names_law,
                        other_in_title: names.other_in_title.clone(),
                        own: &names.own,
                        chain: &chain,
                        seen: &seen,
                    };
                    let evidence = another_laws(&ix, &r.reference, &here);
                    take_evidence(&mut r, evidence, &ix, &chain);
                }
                out.push(r);
            }
        }
    });
    out
}

/// The names of the law being checked and of the other laws of the series.
struct Names {
    own: super::LawNames,
    others: Vec<super::LawNames>,
    /// The title names another law ("Gesetz zu dem Abkommen …").
    title_names_law: bool,
    /// "Gesetz zu dem Abkommen vom …", "Einführungsgesetz zum Aktiengesetz".
    other_in_title: Option<String>,
}

impl Names {
    fn of(doc: &Document, uni: &Universe) -> Names {
        let own = super::LawNames::of(doc, None);
        let title = doc.title.as_deref();
        Names {
            title_names_law: title.is_some_and(super::title_names_other_law),
            other_in_title: title.and_then(|t| super::extract::other_law_in_title(t, &own)),
            others: uni
                .others
                .iter()
                .map(|o| super::LawNames::of(o.doc, Some(&o.short)))
                .collect(),
            own,
        }
    }
}

/// Whether the text (or, with `is_title`, the heading) of a node of `kind`
/// is read for citations: not metadata, table rows or the long title, and
/// headings only of units, Gliederung and annexes.
fn may_cite(kind: Kind, is_title: bool) -> bool {
    if matches!(
        kind,
        Kind::Frontmatter | Kind::Metadatum | Kind::Zeile | Kind::Langtitel | Kind::Fassung
    ) {
        return false;
    }
    !is_title || kind.is_einzelvorschrift() || kind.is_gliederung() || kind.is_annex()
}

/// The source span of a citation found in a node's normalized text.
fn citation_span(
    locator: &Locator,
    slice: &str,
    s0: usize,
    f: &super::Found,
    line_index: &LineIndex,
) -> syntax::ast::Span {
    let a = locator.get(f.start).unwrap_or(0);
    let b = locator.get(f.end).unwrap_or(a);
    let b = a + slice[a..b].trim_end_matches(['*', ' ', '\n', '\r']).len();
    line_index.span(s0 + a, s0 + b)
}

/// Whether each citation stands inside „quoted text“, counted from the
/// depth the text starts at, and the depth at its end.
fn quoted_at(t: &str, found: &[super::Found], start: i32) -> (Vec<bool>, i32) {
    let mut depth = start;
    let mut pos = 0;
    let mut depth_at = |to: usize| {
        let to = to.max(pos).min(t.len());
        let piece = t.get(pos..to).unwrap_or("").as_bytes();
        // „ is E2 80 9E, “ E2 80 9C: one pass for both
        depth += memchr::memchr_iter(0xE2, piece)
            .map(|k| match piece.get(k + 1..k + 3) {
                Some([0x80, 0x9E]) => 1,
                Some([0x80, 0x9C]) => -1,
                _ => 0,
            })
            .sum::<i32>();
        pos = to;
        depth
    };
    let quoted = found.iter().map(|f| depth_at(f.start) > 0).collect();
    (quoted, depth_at(t.len()))
}

/// What kinds of § a law has, for [`context_scope`].
struct LawsUnits {
    has_artikel: bool,
    has_paragraf: bool,
    /// "§ 1.07": decimal numbers are another ordinance's (BinSchStrO) unless
    /// this law has them.
    has_decimal: bool,
}

impl LawsUnits {
    fn of(ix: &Index) -> LawsUnits {
        LawsUnits {
            has_artikel: ix.einzel.keys().any(|(art, _)| *art),
            has_paragraf: ix.einzel.keys().any(|(art, _)| !*art),
            has_decimal: ix.einzel.keys().any(|(_, num)| num.contains('.')),
        }
    }
}

/// The scope of a citation without designation from where it stands:
/// quoted text (an amending law quoting the law it amends), an
/// Eingangsformel (the enabling law), an Änderungsbefehl (the amended law),
/// an Artikel in a law without Artikel.
fn context_scope(
    scope: Scope,
    steps: &[Step],
    quoted: bool,
    in_formula: bool,
    amending: bool,
    law: &LawsUnits,
) -> Scope {
    if !matches!(scope, Scope::Internal | Scope::Relative) {
        return scope;
    }
    if quoted {
        return Scope::External("zitierter Text".into());
    }
    let first = steps.first().map(|s| s.level);
    let decimal = steps.first().is_some_and(|s| {
        s.level == Level::Paragraf && s.items.iter().any(|i| i.from.contains('.'))
    });
    let foreign_unit = match first {
        Some(Level::Artikel) => !law.has_artikel,
        Some(Level::Paragraf) => !law.has_paragraf || (decimal && !law.has_decimal),
        _ => false,
    };
    if in_formula {
        Scope::External("Ermächtigungsgrundlage".into())
    } else if scope == Scope::Relative && (!decimal || law.has_decimal) {
        scope
    } else if amending {
        Scope::External("geänderte Vorschrift".into())
    } else if foreign_unit {
        // a law without Artikel cannot cite its own Artikel
        Scope::External("ungenannt".into())
    } else {
        scope
    }
}

/// "des Anhangs II dieser Richtlinie" in a law that is no Richtlinie: the
/// directive its text quotes or transposes, not this law.
fn instrument_named(scope: Scope, text: &str, title: Option<&str>) -> Scope {
    // (every citation of this law passes here: one look before any allocation)
    if scope != Scope::Internal || !text.contains("dieser ") {
        return scope;
    }
    for word in ["Richtlinie", "Satzung", "Ordnung"] {
        let own = title.is_some_and(|t| t.to_lowercase().contains(&word.to_lowercase()));
        if text.ends_with(&format!("dieser {word}")) && !own {
            return Scope::External(format!("dieser {word}"));
        }
    }
    scope
}

/// The scope of a citation whose designation names this law ("§ 5 des
/// Datennutzungsgesetzes" in that law) or a law of the series ("des DNG"),
/// unless it cites an earlier Fassung ("§ 59 Abs. 2 des Waffengesetzes in
/// der vor dem 1. April 2003 geltenden Fassung"). `after`: the text after
/// the citation.
fn series_or_own(
    scope: Scope,
    after: &str,
    own: &super::LawNames,
    others: &[super::LawNames],
    uni: &Universe,
) -> Scope {
    let Scope::External(name) = &scope else {
        return scope;
    };
    let after = after.trim_start();
    let earlier = after.starts_with("in der")
        && after
            .chars()
            .take(120)
            .collect::<String>()
            .contains("Fassung")
        || after.starts_with("a. F.")
        || after.starts_with("alter Fassung");
    if earlier {
        scope
    } else if own.names(name) {
        Scope::Internal
    } else if let Some(k) = others.iter().position(|o| o.names(name)) {
        Scope::Series(uni.others[k].short.clone())
    } else {
        scope
    }
}

/// What the context says of an unresolved citation, applied to it.
fn take_evidence<'a>(r: &mut Resolved, evidence: Evidence, ix: &Index<'a>, chain: &[&'a Node]) {
    let reason = || r.reason.as_deref().unwrap_or("no such unit").to_string();
    match evidence {
        Evidence::Designation(named) => {
            r.status = Status::External;
            r.reference.scope = Scope::External(named.into());
            r.reason = None;
        }
        Evidence::Mention(why) => {
            r.reason = Some(format!(
                "{} ({why}; if that law is meant, designate it with the citation)",
                reason()
            ));
            r.named_nearby = Some(why);
        }
        Evidence::Unclear(why) => {
            r.status = Status::Unclear;
            r.reason = Some(format!("{}; {why}", reason()));
        }
        Evidence::None if r.reference.scope == Scope::Relative => sibling_nummern(r, ix, chain),
        Evidence::None => {}
    }
}

/// The citations in `t`; after a gazette's abbreviation ("(BAnz. | Nr. 67a
/// vom 9. April 1994)": a Satz split there), not the "Nr." or "S." it opens
/// with, which is the issue or page.
fn citations_in(t: &str, after_gazette: bool) -> Vec<super::Found> {
    let mut found = extract_from_text(t);
    if after_gazette {
        found.retain(|f| {
            f.start > 0
                || f.scope != Scope::Relative
                || !matches!(
                    f.steps.first().map(|s| s.level),
                    Some(Level::Nummer | Level::Satz)
                )
        });
    }
    found
}

/// Whether the Satz before `n` in its unit ends with a gazette's abbreviation
/// ("BAnz.", "BGBl. I"), so that a "Nr." or "S." opening `n` is its issue or page.
fn after_gazette(n: &Node, parents: &[&Node]) -> bool {
    if n.kind != Kind::Satz {
        return false;
    }
    let Some(unit) = parents.last() else {
        return false;
    };
    let Some(k) = unit.children.iter().position(|c| std::ptr::eq(c, n)) else {
        return false;
    };
    let Some(prev) = k.checked_sub(1).and_then(|j| unit.children.get(j)) else {
        return false;
    };
    prev.text.as_deref().is_some_and(|t| {
        let last = t.trim_end().rsplit([' ', '(']).next().unwrap_or("");
        matches!(
            last,
            "BAnz." | "BGBl." | "ABl." | "GVBl." | "RGBl." | "BStBl." | "VkBl." | "GMBl." | "GBl."
        )
    })
}

/// A relative citation that fails where it stands continues the last citation of
/// the same unit's Sätze that names a unit above its level: "In den Fällen des § 775 Nr. 1, 3
/// … der Nummern 4, 5" cites § 775's Nummern, "nach Absatz 1 Nummer 2, nach Nummer 5"
/// Absatz 1's, "gilt § 60e mit Ausnahme der Absätze 5 und 6" § 60e's. When that
/// citation is another law's, so is this one.
fn anaphora<'a>(
    r: &mut Resolved,
    before: &[(Vec<Step>, Scope, Status)],
    ix: &Index<'a>,
    other_ix: &mut Others<'a>,
    uni: &Universe<'a>,
    chain: &[&'a Node],
) {
    let Some(level) = r.reference.steps.first().map(|s| s.level) else {
        return;
    };
    let above = |steps: &[Step]| {
        steps
            .iter()
            .take_while(|s| rank(s.level) < rank(level))
            .count()
    };
    let Some((steps, scope, status)) = before.iter().rev().find(|(steps, _, _)| above(steps) > 0)
    else {
        return;
    };
    let k = above(steps);
    // the units above must be single ones: "§ 775", not "§§ 3, 5"; an annex's parts
    // are looked up by their own rules (`annex_part`)
    if steps[..k].iter().any(|s| {
        s.items.len() != 1
            || s.items[0].to.is_some()
            || matches!(s.level, Level::Anhang | Level::Anlage)
    }) {
        return;
    }
    match (scope, status) {
        (Scope::External(name), _) => {
            r.status = Status::External;
            r.reference.scope = Scope::External(name.clone());
            r.reason = None;
        }
        (Scope::Internal | Scope::Relative, Status::Resolved) => {
            let mut joined = r.reference.clone();
            joined.steps = steps[..k]
                .iter()
                .cloned()
                .chain(r.reference.steps.iter().cloned())
                .collect();
            joined.scope = scope.clone();
            let again = resolve_one(joined, ix, other_ix, uni, chain);
            if again.status == Status::Resolved {
                r.status = Status::Resolved;
                r.target = again.target;
                r.reason = None;
            }
        }
        _ => {}
    }
}

/// (start of the source text of `t` in `src`, its length)
fn source_of(src: &str, n: &Node, t: &str, is_title: bool) -> (usize, usize) {
    let s0 = n.span.start.min(src.len());
    let s1 = n.span.end.min(src.len()).max(s0);
    let mut s0 = s0;
    while !src.is_char_boundary(s0) {
        s0 -= 1;
    }
    let mut s1 = s1;
    while !src.is_char_boundary(s1) {
        s1 += 1;
    }
    if !is_title {
        // a numbered Satz's text starts after its Satznummer
        if n.kind == Kind::Satz {
            if let Some(m) = &n.marker {
                let rest = &src[s0..s1];
                if let Some(after) = rest.strip_prefix(m.as_str()) {
                    let k = m.len() + (after.len() - after.trim_start().len());
                    return (s0 + k, s1 - s0 - k);
                }
            }
        }
        return (s0, s1 - s0);
    }
    let slice = &src[s0..s1];
    let line_end = slice.find(['\n', '\r']).unwrap_or(slice.len());
    let heading = &slice[..line_end];
    let first = t.split_whitespace().next().unwrap_or("");
    // the title is at the end of its heading line
    let k = heading
        .rfind(t)
        .or_else(|| heading.find(first))
        .unwrap_or(0);
    (s0 + k, line_end - k)
}

/// Where an unresolved citation stands, for [`another_laws`].
struct Here<'t> {
    /// The Satz (or title) the citation stands in, and its byte range there.
    text: &'t str,
    span: (usize, usize),
    /// The Satz is a cell of an Anlage's table with nothing but citations.
    cell: bool,
    /// The law's title names another law ("Einführungsgesetz zum Aktiengesetz").
    title_names_law: bool,
    /// That other law's word in the title.
    other_in_title: Option<String>,
    /// This law's names: a Satz that names them names no other law.
    own: &'t super::LawNames,
    /// The units around the Satz, outermost first, the Satz's own unit last.
    chain: &'t [&'t Node],
    /// What [`another_laws`] found another law named in a text (by the text's
    /// address and length), kept for the law: the lead-in of a list and the
    /// Sätze of a unit are asked again for each of their unresolved citations.
    seen: &'t OtherLawMemo,
}

/// The other law a text names, by the text's address and length (see [`Here::seen`]).
type OtherLawMemo = RefCell<FxHashMap<(usize, usize), Option<String>>>;

/// The lead-ins of the lists a unit stands in: the last Satz of each
/// enclosing unit before its first sub-unit, innermost last.
fn lead_ins<'n>(chain: &'n [&'n Node]) -> impl Iterator<Item = &'n str> + 'n {
    let own = chain.last();
    let around = &chain[..chain.len().saturating_sub(1)];
    around.iter().filter_map(move |p| {
        let k = p
            .children
            .iter()
            .take_while(|c| c.kind == Kind::Satz)
            .count();
        // a lead-in introduces sub-units, and the citation stands in one of them
        let is_own = |s: &Node| own.is_some_and(|o| std::ptr::eq(s, *o));
        if k == 0 || k == p.children.len() || p.children[..k].iter().any(is_own) {
            return None;
        }
        p.children[k - 1].text.as_deref()
    })
}

/// The text without its citations: "Ordnungswidrig im Sinne des § 15 Absatz 1 Nummer 2
/// des Binnenschifffahrtsaufgabengesetzes handelt, wer" names no law of its own; the
/// items below it cite the ordinance itself.
fn outside_citations(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for f in extract_from_text(text) {
        if f.start >= at && f.end <= text.len() {
            out.push_str(&text[at..f.start]);
            at = f.end;
        }
    }
    out.push_str(&text[at.min(text.len())..]);
    out
}

/// What the text around a citation that does not resolve here says of the law it
/// belongs to.
enum Evidence {
    /// A law designation belongs to it by the grammar of German citations: it
    /// follows the citation with nothing but further citations and connecting
    /// words between ("§ 9 Absatz 2 Satz 2, auch in Verbindung mit Absatz 11,
    /// des Arbeitsplatzschutzgesetzes"), the citation is the bracketed
    /// apposition of a phrase that designates a law ("die Vorschriften des
    /// Patentgesetzes über die Priorität (§ 41)"), or the lead-in of its list
    /// ends with the law ("1. aus dem Strafgesetzbuch: a) … nach den §§ 80a
    /// bis 82"). The citation is that law's.
    Designation(&'static str),
    /// The citation stands in a table cell of nothing but citations, whose
    /// column may name the law in its head: the text alone leaves it open. A
    /// warning (R005) says so.
    Unclear(String),
    /// Another law is named where it could be meant but is not designated
    /// for the citation: in the lead-in of its list, in its Satz, in another
    /// Satz of its unit, in the title ("Einführungsgesetz zum …"). That
    /// decides nothing: the citation stays unresolved (R001), and the reason
    /// says what was seen and how to designate the law. Neither the law's own
    /// names nor an authority's abbreviation ("BKIE") count.
    Mention(String),
    None,
}

/// What the context says of an unresolved citation (see [`Evidence`]). Never
/// anything when the citation says it is this law's ("§ 18a dieses Gesetzes").
fn another_laws(ix: &Index, r: &Reference, here: &Here) -> Evidence {
    let says_own = r
        .text
        .split_whitespace()
        .any(|w| matches!(w, "dieses" | "dieser" | "diesem"));
    match r.scope {
        Scope::Internal if !says_own => {}
        Scope::Relative => {}
        _ => return Evidence::None,
    }
    let (start, end) = here.span;
    let lacks_top = r.scope == Scope::Internal && lacks_top_unit(ix, r);
    if super::extract::designation_follows(here.text, end) {
        return Evidence::Designation("im Satz genannt");
    }
    if bracketed_apposition(here.text, start) {
        return Evidence::Designation("Klammerzusatz");
    }
    if r.scope == Scope::Internal && lead_in_designates_law(here.chain) {
        return Evidence::Designation("in der Einleitung der Aufzählung genannt");
    }
    // another law a text names: a citation designated with it ("§ 6 des
    // Europawahlgesetzes", "der Verordnung (EG) Nr. 1907/2006"), or a law's
    // name outside citations
    let other = |text: &str| {
        let key = (text.as_ptr() as usize, text.len());
        if let Some(seen) = here.seen.borrow().get(&key) {
            return seen.clone();
        }
        let named = other_law_named(text, here.own);
        here.seen.borrow_mut().insert(key, named.clone());
        named
    };
    if r.scope == Scope::Internal {
        if let Some(w) = lead_ins(here.chain).find_map(&other) {
            return Evidence::Mention(format!(
                "the lead-in of the list names „{w}“ without designating the list"
            ));
        }
    }
    // a unit below a § the law has: only a law named after the citation counts
    let satz = if lacks_top || r.scope == Scope::Relative {
        here.text
    } else {
        here.text.get(end..).unwrap_or("")
    };
    if let Some(w) = other(satz) {
        Evidence::Mention(format!("the Satz names „{w}“"))
    } else if let Some(w) = unit_names_other_law(here.chain, &other) {
        Evidence::Mention(format!("another Satz of the unit names „{w}“"))
    } else if here.cell {
        Evidence::Unclear("it stands in a table cell of citations".into())
    } else if let Some(w) = lacks_top
        .then_some(())
        .and(here.title_names_law.then_some(()))
        .and(here.other_in_title.clone())
    {
        Evidence::Mention(format!("the title names „{w}“"))
    } else {
        Evidence::None
    }
}

/// Another law a text names: a citation designated with it ("§ 6 des
/// Europawahlgesetzes", "der Verordnung (EG) Nr. 1907/2006"), or a law's name
/// outside citations; never one of `own`'s names.
fn other_law_named(text: &str, own: &super::LawNames) -> Option<String> {
    extract_from_text(text)
        .into_iter()
        .find_map(|f| match f.scope {
            Scope::External(name) if !own.names(&name) => Some(name),
            Scope::Eu(act) => Some(act.text),
            _ => None,
        })
        .or_else(|| {
            super::extract::laws_named(&outside_citations(text))
                .into_iter()
                .find(|w| !own.names(w))
                .map(str::to_string)
        })
}

/// A law other than this one that another Satz of the citation's unit names.
fn unit_names_other_law(chain: &[&Node], other: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    let [.., unit, own] = chain else {
        return None;
    };
    if own.kind != Kind::Satz {
        return None;
    }
    unit.children
        .iter()
        .filter(|s| s.kind == Kind::Satz && !std::ptr::eq(*s, *own))
        .find_map(|s| s.text.as_deref().and_then(other))
}

/// "des Bundesnaturschutzgesetzes (§ 8 Abs. 7)", "die Vorschriften des
/// Patentgesetzes über die Priorität (§ 41)": the citation is the bracketed
/// apposition of a phrase that designates a law (in the same clause: after the
/// last comma, semicolon or colon before the bracket).
fn bracketed_apposition(text: &str, start: usize) -> bool {
    let before = text[..start.min(text.len())].trim_end();
    let Some(phrase) = before.strip_suffix('(') else {
        return false;
    };
    let clause = phrase.rsplit([',', ';', ':', '(']).next().unwrap_or(phrase);
    let words: Vec<&str> = clause.split_whitespace().collect();
    // a designation in the phrase: an article and a law word ("des
    // Patentgesetzes"), or the law's name right before the bracket
    // (a particular law: not "die Satzung (§ 5)", "des Gesetzes (§ 16)")
    words
        .windows(2)
        .any(|w| matches!(w[0], "des" | "der" | "dem") && super::names_particular_law(w[1]))
        || words.last().is_some_and(|w| super::names_particular_law(w))
}

/// Whether the lead-in of the list a citation stands in ends with a law:
/// "1. aus dem Strafgesetzbuch:" (the catalog of § 100a StPO).
fn lead_in_designates_law(chain: &[&Node]) -> bool {
    lead_ins(chain).any(|l| {
        let l = l.trim_end();
        let Some(head) = l.strip_suffix(':') else {
            return false;
        };
        let words: Vec<&str> = head.split_whitespace().collect();
        let tail = words[words.len().saturating_sub(4)..].join(" ");
        words.len() <= 8 && super::names_particular_law(&tail)
    })
}

/// Whether a citation names a §, Artikel, Anhang or Anlage the law does not have at all.
fn lacks_top_unit(ix: &Index, r: &Reference) -> bool {
    r.targets().iter().any(|t| match t.first() {
        Some((Level::Paragraf, i)) => matches!(
            einzel(ix, false, &i.from),
            Outcome::Fail(Status::Unresolved, _)
        ),
        Some((Level::Artikel, i)) => matches!(
            einzel(ix, true, &i.from),
            Outcome::Fail(Status::Unresolved, _)
        ),
        Some((l @ (Level::Anhang | Level::Anlage), i)) => {
            matches!(annex(ix, *l, &i.from), Outcome::Fail(Status::Unresolved, _))
        }
        _ => false,
    })
}

/// A target's outcome in the slice of its § or Artikel alone
/// ([`super::Library::unit_doc`]); `None` when the slice cannot decide it
/// and the whole law must.
fn in_slice<'a>(
    library: &'a super::Library,
    (lib, k): (usize, usize),
    path: &[(Level, super::Item)],
    other_ix: &mut Others<'a>,
) -> Option<Result<String, (Status, String)>> {
    let (level, item) = path.first()?;
    let artikel = match level {
        Level::Paragraf => false,
        Level::Artikel => true,
        _ => return None,
    };
    if item.to.is_some() || item.folgende {
        return None;
    }
    let (slot, doc) = library.unit(k, artikel, &item.from)?;
    let index = other_ix
        .library
        .entry((lib, k, Some(slot)))
        .or_insert_with(|| Index::new(doc));
    match resolve_path(index, path, &[], false) {
        Outcome::Found(n) => Some(Ok(n.id.clone())),
        // below a § the slice holds, the slice's tree is the whole law's
        // (tests/citations.rs checks it over the corpus): a failure there
        // is the whole law's, unless an annex is named
        Outcome::Fail(status, reason)
            if path.len() > 1
                && path[1..]
                    .iter()
                    .all(|(l, _)| !matches!(l, Level::Anhang | Level::Anlage | Level::Teil))
                && matches!(
                    resolve_path(index, &path[..1], &[], false),
                    Outcome::Found(_)
                ) =>
        {
            Some(Err((status, reason)))
        }
        Outcome::Fail(..) => None,
    }
}

/// The law of a library that `name` designates, and a citation's targets
/// in it: each target against the slice of its § or Artikel
/// ([`super::Library::unit_doc`]), and against the whole law when the slice
/// does not hold it, so the answer is the whole law's. A designation that
/// names several laws of a library is [`Status::Unclear`], with the laws.
fn resolve_in_library<'a>(
    r: &mut Resolved,
    name: &str,
    uni: &Universe<'a>,
    other_ix: &mut Others<'a>,
) {
    r.status = Status::External;
    let mut found = None;
    for (l, lib) in uni.libraries.iter().enumerate() {
        match lib.lookup(name) {
            super::LibraryMatch::One(k) => {
                found = Some((l, k));
                break;
            }
            super::LibraryMatch::Several(ks) => {
                r.status = Status::Unclear;
                r.candidates = ks.iter().map(|&k| lib.file(k).to_string()).collect();
                r.reason = Some(format!(
                    "„{name}“ names {} laws of the library {}",
                    ks.len(),
                    lib.name()
                ));
                return;
            }
            super::LibraryMatch::None => {}
        }
    }
    let Some((lib, k)) = found else {
        return;
    };
    let library = &uni.libraries[lib];
    let label = library.label(k);
    let mut target = None;
    for path in r.reference.targets() {
        let mut outcome = in_slice(library, (lib, k), &path, other_ix);
        if outcome.is_none() {
            let Some(doc) = library.doc(k) else {
                return;
            };
            let index = other_ix
                .library
                .entry((lib, k, None))
                .or_insert_with(|| Index::new(doc));
            outcome = Some(match resolve_path(index, &path, &[], false) {
                Outcome::Found(n) => Ok(n.id.clone()),
                Outcome::Fail(status, reason) => Err((status, reason)),
            });
        }
        match outcome {
            Some(Ok(id)) => {
                target.get_or_insert(id);
            }
            Some(Err((status, reason))) => {
                r.status = status;
                r.reason = Some(match reason.strip_prefix("the law ") {
                    Some(rest) => format!("{label} {rest}"),
                    None => format!("{label} {reason}"),
                });
                r.target = None;
                return;
            }
            None => {}
        }
    }
    r.status = Status::Resolved;
    if target.is_some() {
        r.target = target;
        r.target_file = Some(library.path(k).display().to_string());
    }
}

fn resolve_one<'a>(
    reference: Reference,
    ix: &Index<'a>,
    other_ix: &mut Others<'a>,
    uni: &Universe<'a>,
    chain: &[&'a Node],
) -> Resolved {
    let mut r = Resolved {
        reference,
        status: Status::Resolved,
        target: None,
        target_file: None,
        reason: None,
        named_nearby: None,
        candidates: Vec::new(),
    };
    let (index, declared, file): (&Index, &[String], Option<String>) = match &r.reference.scope {
        Scope::Eu(_) => {
            r.status = Status::External;
            return r;
        }
        Scope::External(name) => {
            let name = name.clone();
            resolve_in_library(&mut r, &name, uni, other_ix);
            return r;
        }
        Scope::Series(short) => match uni.others.iter().position(|o| o.short == *short) {
            Some(k) => {
                if other_ix.series[k].is_none() {
                    other_ix.series[k] = Some(Index::new(uni.others[k].doc));
                }
                if r.reference.steps.is_empty() {
                    r.target = Some("doc".into());
                    r.target_file = Some(uni.others[k].path.clone());
                    return r;
                }
                (
                    other_ix.series[k].as_ref().expect("built"),
                    &uni.others[k].declared,
                    Some(uni.others[k].path.clone()),
                )
            }
            None => {
                r.status = Status::External;
                r.reason = Some(format!("{short} is not a law of this workspace"));
                return r;
            }
        },
        _ => (ix, &uni.declared, None),
    };
    let relative = r.reference.scope == Scope::Relative;
    for target in r.reference.targets() {
        match resolve_path(
            index,
            &target,
            if file.is_some() { &[] } else { chain },
            relative,
        ) {
            Outcome::Found(n) => {
                if r.target.is_none() {
                    r.target = Some(n.id.clone());
                }
            }
            Outcome::Fail(status, reason) => {
                if let Some((level, item)) = target
                    .iter()
                    .find(|(l, _)| matches!(l, Level::Anhang | Level::Anlage))
                {
                    if declared_part(declared, *level, &item.from) {
                        r.status = Status::Declared;
                        continue;
                    }
                }
                r.status = status;
                r.reason = Some(reason);
                r.target = None;
                break;
            }
        }
    }
    if r.status == Status::Unresolved && relative && file.is_none() {
        annex_parts(&mut r, ix, chain);
    }
    if r.target.is_some() {
        r.target_file = file;
    }
    r
}

/// "nach den Nummern 100, 101 und 300 bis 321": relative Nummern that name
/// no unit of the citing one are the numbered parts of an annex.
fn annex_parts<'a>(r: &mut Resolved, ix: &Index<'a>, chain: &[&'a Node]) {
    // "nach den Nummern 100, 101 und 300 bis 321": the numbered parts of an annex
    let targets = r.reference.targets();
    let in_annex: Option<Vec<&Node>> = targets
        .iter()
        .map(|t| match t.as_slice() {
            [(Level::Nummer, item)] => {
                let to = item.to.as_deref().map(|to| ix.annex_part(to, chain));
                match to {
                    Some(None) => None,
                    _ => ix.annex_part(&item.from, chain),
                }
            }
            _ => None,
        })
        .collect();
    if let Some(first) = in_annex.and_then(|v| v.first().copied()) {
        r.status = Status::Resolved;
        r.target = Some(first.id.clone());
        r.reason = None;
    }
}

/// "(2) In den Fällen der Nummern 1, 3 findet die Klage nicht statt": Nummern cited
/// in an Absatz that has none are those of the one Absatz of its § that has Nummern.
fn sibling_nummern<'a>(r: &mut Resolved, ix: &Index<'a>, chain: &[&'a Node]) {
    if r.reference.steps.first().map(|s| s.level) != Some(Level::Nummer) {
        return;
    }
    let Some(k) = chain.iter().rposition(|p| p.kind == Kind::Absatz) else {
        return;
    };
    let has_nummern = |a: &Node| a.children.iter().any(|c| c.kind == Kind::Nummer);
    if k == 0 || has_nummern(chain[k]) || !chain[k - 1].kind.is_einzelvorschrift() {
        return;
    }
    let mut with = chain[k - 1]
        .children
        .iter()
        .filter(|a| a.kind == Kind::Absatz && has_nummern(a));
    let (Some(absatz), None) = (with.next(), with.next()) else {
        return;
    };
    let mut first = None;
    for target in r.reference.targets() {
        match resolve_path(ix, &target, &[absatz], true) {
            Outcome::Found(n) => {
                first.get_or_insert(n);
            }
            Outcome::Fail(..) => return,
        }
    }
    if let Some(n) = first {
        r.status = Status::Resolved;
        r.target = Some(n.id.clone());
        r.reason = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_issue_number_after_a_split_gazette_abbreviation_is_no_citation() {
        let src = "Gesetz\n\n§ 1 Eins\n\nText (BAnz. Nr. 67a vom 9. April 1994) und Nr. 3 gilt.\n";
        let doc = syntax::parse(src);
        let uni = Universe {
            declared: Vec::new(),
            others: Vec::new(),
            libraries: &[],
        };
        let texts: Vec<String> = resolve_all(&doc, src, &uni)
            .into_iter()
            .map(|r| r.reference.text)
            .collect();
        assert!(!texts.iter().any(|t| t.contains("67a")), "{texts:?}");
    }
}
