//! `extract_from_text` over every line of the files named on the command
//! line: the citation grammar's share of a lint, for callgrind
//! (`valgrind --tool=callgrind target/release/examples/refbench law.md …`).
//! With `DUMP=1`, every citation found is printed, to compare two builds.
fn main() {
    let dump = std::env::var_os("DUMP").is_some();
    let mut n = 0usize;
    for f in std::env::args().skip(1) {
        let Ok(s) = std::fs::read_to_string(&f) else {
            continue;
        };
        for line in s.lines() {
            for c in paragraf_refs::extract_from_text(line) {
                n += 1;
                if dump {
                    println!("{c:?}");
                }
            }
        }
    }
    eprintln!("{n} citations");
}
