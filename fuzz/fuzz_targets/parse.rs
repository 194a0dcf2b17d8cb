//! Parse any bytes: no panic, and every parse serializes.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = syntax::source::decode("fuzz", data.to_vec()) {
        let doc = syntax::parse(&s);
        // spans stay inside the text
        doc.root.walk(&mut |n, _| {
            assert!(
                n.span.start <= n.span.end && n.span.end <= s.len(),
                "span out of range"
            );
        });
        let _ = syntax::outline::outline(&doc);
    }
});
