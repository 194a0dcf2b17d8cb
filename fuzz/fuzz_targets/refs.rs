//! Extract, resolve and lint citations in any text: no panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = refs::extract_from_text(s);
        let law = paragraf::project::Law {
            path: "fuzz".into(),
            src: s.to_string(),
            doc: syntax::parse(s),
        };
        let uni = refs::Universe {
            declared: Vec::new(),
            others: Vec::new(),
        };
        let _ = paragraf::project::check(&law, &uni, &Default::default());
    }
});
