//! Read any text as an amending law and apply it to Gesetz VII; write the
//! result and parse it again: no panic, and applied commands leave a law
//! that formats to itself.
#![no_main]
use libfuzzer_sys::fuzz_target;

const SEED: &str = include_str!("../../laws/gesetz-vii.txt");

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data) {
        let doc = paragraf::parse(SEED);
        // commands alone, and after an Eingangssatz
        let _ = paragraf::amend::parse::parse_befehl(s);
        let src = format!("Das Gesetz wird wie folgt geändert:\n\n{s}");
        if let Ok(g) = paragraf::amend::parse::parse("fuzz", &src, doc.title.as_deref(), None) {
            let mut d = doc.clone();
            let _ = paragraf::amend::apply::apply(&mut d, &g, "fuzz", &Default::default(), true);
            let out = paragraf::write::write(&d, &Default::default());
            let _ = paragraf::parse(&out);
        }
    }
});
