//! Read any text as an amending law and apply it to Gesetz VII; write the
//! result and parse it again: no panic, and applied commands leave a law
//! that formats to itself.
#![no_main]
use libfuzzer_sys::fuzz_target;

const SEED: &str = include_str!("../../laws/gesetz-vii.txt");

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data) {
        let doc = syntax::parse(SEED);
        // commands alone, and after an Eingangssatz
        let _ = amend::parse::parse_befehl(s);
        let src = format!("Das Gesetz wird wie folgt geändert:\n\n{s}");
        if let Ok(g) = amend::parse::parse("fuzz", &src, doc.title.as_deref(), None) {
            let mut d = doc.clone();
            let _ = amend::apply::apply(&mut d, &g, "fuzz", &Default::default(), true);
            let out = syntax::print::print(&d, &Default::default());
            let _ = syntax::parse(&out);
        }
    }
});
