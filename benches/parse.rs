//! In-process parser benchmark: phase by phase, over bgb.md and the corpus.
//! Run: `cargo bench --bench parse` (needs ../shared/corpus; prints a skip otherwise).
//! The whole-process comparison with a baseline is `benches/run.sh`.

use std::time::Instant;

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/bund");
    if !dir.is_dir() {
        println!("skipped: ../shared/corpus not found");
        return;
    }
    let files = paragraf::workspace::law_files(&dir);
    let texts: Vec<String> = files
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    let mb = bytes as f64 / 1e6;
    let bgb = std::fs::read_to_string(dir.join("bgb.md")).expect("bgb.md");

    let t = Instant::now();
    let mut lines = 0;
    for s in &texts {
        lines += memchr_count(s);
    }
    let base = t.elapsed().as_secs_f64();
    println!(
        "baseline (count newlines, 1 core): {:>8.1} MB/s  ({lines} lines)",
        mb / base
    );

    let t = Instant::now();
    let mut n = 0;
    for s in &texts {
        n += paragraf::parse::lines::classify(s).lines.len();
    }
    let cls = t.elapsed().as_secs_f64();
    println!(
        "pest line grammar only (1 core):   {:>8.1} MB/s  ({n} lines)",
        mb / cls
    );

    let t = Instant::now();
    let mut units = 0;
    for s in &texts {
        units += paragraf::parse(s).einzelvorschriften().len();
    }
    let full = t.elapsed().as_secs_f64();
    println!(
        "full parse to AST (1 core):        {:>8.1} MB/s  ({units} §/Artikel)",
        mb / full
    );

    // best of 20: the machine is shared, the minimum is the stable figure
    let mut per = f64::MAX;
    for _ in 0..20 {
        let t = Instant::now();
        std::hint::black_box(paragraf::parse(&bgb));
        per = per.min(t.elapsed().as_secs_f64());
    }
    let mut cls = f64::MAX;
    for _ in 0..20 {
        let t = Instant::now();
        std::hint::black_box(paragraf::parse::lines::classify(&bgb));
        cls = cls.min(t.elapsed().as_secs_f64());
    }
    println!("bgb.md line grammar only: {:.1} ms", cls * 1e3);
    println!(
        "bgb.md ({:.2} MB): {:.1} ms per parse, {:.1} MB/s",
        bgb.len() as f64 / 1e6,
        per * 1e3,
        bgb.len() as f64 / 1e6 / per
    );
}

fn memchr_count(s: &str) -> usize {
    s.bytes().filter(|&b| b == b'\n').count()
}
