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

    let mut n = 0;
    let mut cls = f64::MAX;
    let mut slow: Vec<(f64, usize)> = Vec::new();
    for _ in 0..2 {
        n = 0;
        slow.clear();
        let t = Instant::now();
        for (i, s) in texts.iter().enumerate() {
            let t1 = Instant::now();
            n += syntax::parse::lines::classify(s).lines.len();
            slow.push((t1.elapsed().as_secs_f64(), i));
        }
        cls = cls.min(t.elapsed().as_secs_f64());
    }
    slow.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (t, i) in slow.iter().take(8) {
        println!(
            "  slow: {:?} {:.1} ms {:.1} MB/s",
            files[*i].file_name().unwrap_or_default(),
            t * 1e3,
            texts[*i].len() as f64 / 1e6 / t
        );
    }
    println!(
        "pest line grammar only (1 core):   {:>8.1} MB/s  ({n} lines)",
        mb / cls
    );

    let t = Instant::now();
    let mut units = 0;
    for s in &texts {
        units += syntax::parse(s).einzelvorschriften().len();
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
        std::hint::black_box(syntax::parse(&bgb));
        per = per.min(t.elapsed().as_secs_f64());
    }
    let mut cls = f64::MAX;
    for _ in 0..20 {
        let t = Instant::now();
        std::hint::black_box(syntax::parse::lines::classify(&bgb));
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
