//! Links resolved after layout.
//!
//! A link to a label (`link(<para-4>, …)`) makes Typst look the label up while it
//! lays out the paragraph and name the target's page in the link's alt text, so
//! every paragraph with a link depends on the layout of the whole document and is
//! laid out a second time. The built-in template instead links each citation to
//! a placeholder position that carries a *slot* (`(page: 1, x: -1pt, y: slot * 1pt)`);
//! after layout, each placeholder is pointed at its target's location, and the
//! link's alt text names the target's page ("Seite 12"), as Typst's own would.

use ecow::{eco_format, EcoString, EcoVec};
use serde_json::Value;
use std::collections::HashMap;
use typst::foundations::{Label, NativeElement};
use typst::introspection::{Introspector, Location, Tag};
use typst::layout::{Abs, Frame, FrameItem};
use typst::model::{Destination, LinkMarker};
use typst::utils::PicoStr;
use typst_layout::{Page, PagedDocument};

/// The x coordinate that marks a placeholder (no real link points left of a page).
const SLOT_X: f64 = -1.0;

/// Gives every run with a `link` a `slot` (the index of its target in the returned
/// list), so that the template can link it by slot.
pub fn assign_slots(data: &mut Value) -> Vec<String> {
    fn go(v: &mut Value, slots: &mut Vec<String>, seen: &mut HashMap<String, usize>) {
        match v {
            Value::Object(m) => {
                if let Some(Value::String(target)) = m.get("link") {
                    let next = seen.len();
                    let k = *seen.entry(target.clone()).or_insert(next);
                    if k == slots.len() {
                        slots.push(target.clone());
                    }
                    m.insert("slot".into(), Value::from(k));
                } else {
                    m.values_mut().for_each(|x| go(x, slots, seen));
                }
            }
            Value::Array(a) => a.iter_mut().for_each(|x| go(x, slots, seen)),
            _ => {}
        }
    }
    let mut slots = Vec::new();
    go(data, &mut slots, &mut HashMap::new());
    slots
}

fn slot_of(item: &FrameItem) -> Option<usize> {
    match item {
        FrameItem::Link(Destination::Position(p), _) if p.point.x == Abs::pt(SLOT_X) => {
            let y = p.point.y.to_pt();
            (y >= 0.0 && y.fract() == 0.0).then_some(y as usize)
        }
        _ => None,
    }
}

fn is_marker(item: &FrameItem) -> bool {
    matches!(item, FrameItem::Tag(Tag::Start(c, _)) if c.is::<LinkMarker>())
}

/// Whether a frame holds a placeholder or a link marker anywhere.
fn touches(frame: &Frame) -> bool {
    frame.items().any(|(_, item)| match item {
        FrameItem::Group(g) => touches(&g.frame),
        other => is_marker(other) || slot_of(other).is_some(),
    })
}

/// The slot of each link marker, in document order: the first placeholder after it.
fn marker_slots(frame: &Frame, pending: &mut Option<usize>, out: &mut Vec<Option<usize>>) {
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(g) => marker_slots(&g.frame, pending, out),
            other if is_marker(other) => {
                out.push(None);
                *pending = Some(out.len() - 1);
            }
            other => {
                if let (Some(slot), Some(k)) = (slot_of(other), *pending) {
                    out[k] = Some(slot);
                    *pending = None;
                }
            }
        }
    }
}

struct Rewrite<'a> {
    targets: &'a [Option<(Location, EcoString)>],
    markers: &'a [Option<usize>],
    marker: usize,
}

fn rewrite(frame: &mut Frame, rw: &mut Rewrite) {
    if !touches(frame) {
        return;
    }
    frame.retain(|item| {
        match item {
            FrameItem::Group(g) => rewrite(&mut g.frame, rw),
            FrameItem::Tag(Tag::Start(c, flags)) if c.is::<LinkMarker>() => {
                let k = rw.marker;
                rw.marker += 1;
                let alt = rw.markers[k].and_then(|s| rw.targets.get(s)?.as_ref());
                if let (Some((_, alt)), Some(m), Some(loc)) =
                    (alt, c.to_packed::<LinkMarker>(), c.location())
                {
                    let mut fixed = LinkMarker::new(m.body.clone(), Some(alt.clone()))
                        .pack()
                        .spanned(c.span());
                    fixed.set_location(loc);
                    *item = FrameItem::Tag(Tag::Start(fixed, *flags));
                }
            }
            other => {
                if let Some(slot) = slot_of(other) {
                    // a slot without a target (a custom template's own): no link
                    let Some(Some((loc, _))) = rw.targets.get(slot) else {
                        return false;
                    };
                    if let FrameItem::Link(dest, _) = other {
                        *dest = Destination::Location(*loc);
                    }
                }
            }
        }
        true
    });
}

/// Points the placeholders of `doc` at the units labelled with the ids in `slots`.
pub fn resolve(doc: PagedDocument, slots: &[String]) -> PagedDocument {
    if slots.is_empty() {
        return doc;
    }
    let intro = doc.introspector();
    let targets: Vec<Option<(Location, EcoString)>> = slots
        .iter()
        .map(|id| {
            let label = Label::new(PicoStr::intern(id))?;
            let loc = intro.query_label(label).ok()?.location()?;
            let page = intro.position(loc)?.page.get();
            let number = doc.pages().get(page - 1).map_or(page as u64, |p| p.number);
            Some((loc, eco_format!("Seite {number}")))
        })
        .collect();
    let mut markers = Vec::new();
    let mut pending = None;
    for page in doc.pages() {
        marker_slots(&page.frame, &mut pending, &mut markers);
    }
    let mut rw = Rewrite {
        targets: &targets,
        markers: &markers,
        marker: 0,
    };
    let mut pages: EcoVec<Page> = doc.pages().iter().cloned().collect();
    for page in pages.make_mut() {
        rewrite(&mut page.frame, &mut rw);
    }
    use typst::model::Document;
    PagedDocument::new(pages, doc.info().clone())
}
