//! Citation links after layout, checked on the laid-out frames.

#[test]
fn citations_link_to_their_targets_after_layout() {
    use typst::foundations::Label;
    use typst::introspection::{Introspector, Tag};
    use typst::layout::{Abs, Frame, FrameItem};
    use typst::model::{Destination, LinkMarker};
    use typst::utils::PicoStr;
    let src = "# Gesetz\n\n## § 1 Eins\n\n(1) Es gilt § 2 Absatz 2.\n\n(2) Nach Absatz 1 und nach § 2.\n\n## § 2 Zwei\n\n(1) Text.\n\n(2) Mehr Text.\n";
    let doc = syntax::parse(src);
    let uni = refs::Universe {
        declared: Vec::new(),
        libraries: &[],
        others: Vec::new(),
    };
    let refs = refs::resolve_all(&doc, src, &uni);
    let data = paragraf_pdf::model::law(&doc, &refs, None, None);
    let tpl = paragraf_pdf::Template::builtin();
    let paged = paragraf_pdf::typeset("gesetz.typ", data, &tpl).unwrap();
    fn walk(f: &Frame, links: &mut Vec<Destination>, alts: &mut Vec<String>) {
        for (_, item) in f.items() {
            match item {
                FrameItem::Group(g) => walk(&g.frame, links, alts),
                FrameItem::Link(d, _) => links.push(d.clone()),
                FrameItem::Tag(Tag::Start(c, _)) => {
                    if let Some(m) = c.to_packed::<LinkMarker>() {
                        alts.push(m.alt.as_deref().unwrap_or("").to_string());
                    }
                }
                _ => {}
            }
        }
    }
    let (mut links, mut alts) = (Vec::new(), Vec::new());
    for p in paged.pages() {
        walk(&p.frame, &mut links, &mut alts);
    }
    // no placeholder is left
    assert!(!links
        .iter()
        .any(|d| matches!(d, Destination::Position(p) if p.point.x == Abs::pt(-1.0))));
    let intro = paged.introspector();
    let loc = |id: &str| {
        intro
            .query_label(Label::new(PicoStr::intern(id)).unwrap())
            .unwrap()
            .location()
            .unwrap()
    };
    for id in ["para-2_abs-2", "para-1_abs-1", "para-2"] {
        let n = links
            .iter()
            .filter(|d| **d == Destination::Location(loc(id)))
            .count();
        assert_eq!(n, 1, "{id}: {links:?}");
    }
    // alt text names the target's page, as Typst's own label links do
    assert!(
        alts.iter().filter(|a| *a == "Seite 1").count() >= 3,
        "{alts:?}"
    );
}
