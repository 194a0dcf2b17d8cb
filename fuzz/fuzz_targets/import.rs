//! Import any text as LegalDocML.de, and export what was imported: no panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data) {
        if let Ok(imp) = legaldocml::import(s) {
            let _ = legaldocml::export(&imp.doc);
            let _ = syntax::print::print(&imp.doc, &Default::default());
        }
        let _ = legaldocml::import_amendments("fuzz", s, None);
        // and any law text exported
        let _ = legaldocml::export(&syntax::parse(s));
    }
});
