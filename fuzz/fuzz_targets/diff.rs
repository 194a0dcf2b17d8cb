//! Diff any two texts (split at a 0xFF byte): the change list applies back to
//! the new Fassung, every view renders, and the generated amending law reads.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let cut = data
        .iter()
        .position(|&b| b == 0xFF)
        .unwrap_or(data.len() / 2);
    let (a, b) = (&data[..cut], &data[(cut + 1).min(data.len())..]);
    let (Ok(a), Ok(b)) = (std::str::from_utf8(a), std::str::from_utf8(b)) else {
        return;
    };
    let (x, y) = (syntax::parse(a), syntax::parse(b));
    let (ea, eb) = (diff::entries(&x), diff::entries(&y));
    let changes = diff::diff_entries(&ea, &eb);
    assert_eq!(
        diff::apply(&ea, &changes).as_ref(),
        Ok(&eb),
        "apply must give the new Fassung"
    );
    let _ = diff::render::unified(&changes, &ea, &eb, "a", "b");
    let text =
        amend::generate::aenderungsbefehle(&x, &y, &ea, &eb, &changes, Default::default());
    if let Ok(g) = amend::parse::parse("fuzz", &text, x.title.as_deref(), None) {
        let mut d = x.clone();
        let _ = amend::apply::apply(&mut d, &g, "fuzz", &Default::default(), true);
    }
});
