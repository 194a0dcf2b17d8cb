//! `paragraf watch` re-lints when a law changes, once per change of content.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc::RecvTimeoutError;
use std::time::{Duration, Instant};

#[test]
fn watch_relints_once_per_change_of_content() {
    let dir = tempfile::tempdir().unwrap();
    let law = dir.path().join("gesetz.txt");
    std::fs::write(&law, common::seed()).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_paragraf"))
        .args(["watch", "--no-pdf"])
        .arg(dir.path())
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = BufReader::new(child.stdout.take().unwrap());
    let stderr = BufReader::new(child.stderr.take().unwrap());
    let (tx, rx) = std::sync::mpsc::channel::<String>();
    let tx2 = tx.clone();
    std::thread::spawn(move || {
        stdout
            .lines()
            .map_while(Result::ok)
            .for_each(|l| drop(tx.send(l)))
    });
    std::thread::spawn(move || {
        stderr
            .lines()
            .map_while(Result::ok)
            .for_each(|l| drop(tx2.send(l)))
    });
    // stdout and stderr are read by two threads, so lines of the two
    // streams may arrive in either order: keep every line and look back.
    let seen = std::cell::RefCell::new(Vec::<String>::new());
    let wait = |pred: &dyn Fn(&str) -> bool, from: usize, what: &str| -> (usize, String) {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Some((i, l)) = seen
                .borrow()
                .iter()
                .enumerate()
                .skip(from)
                .find(|(_, l)| pred(l))
            {
                return (i, l.clone());
            }
            match rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
                Ok(l) => seen.borrow_mut().push(l),
                Err(RecvTimeoutError::Timeout) => {
                    panic!("no {what} within 60 s; saw {:?}", seen.borrow())
                }
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("watch exited before {what}; saw {:?}", seen.borrow())
                }
            }
        }
    };
    let (_, first) = wait(&|l| l.contains("file(s):"), 0, "first lint");
    assert!(first.contains("5 error(s)"), "{first}");
    wait(&|l| l.starts_with("watching "), 0, "watcher");
    let mark = seen.borrow().len();
    // the drafters fix two of the five citations
    let src = common::seed().replace("im **Anhang III**", "in § 3");
    std::fs::write(&law, src).unwrap();
    wait(
        &|l| l.contains("changed: gesetz.txt"),
        mark,
        "change notice",
    );
    let (_, second) = wait(&|l| l.contains("3 error(s)"), mark, "second lint");
    assert!(second.contains("file(s):"), "{second}");
    // reading the law, and writing the same bytes again, are no changes
    let _ = std::fs::read(&law).unwrap();
    std::fs::write(&law, std::fs::read(&law).unwrap()).unwrap();
    // more than the debounce time (200 ms) several times over
    let quiet = Instant::now() + Duration::from_millis(2500);
    while let Ok(l) = rx.recv_timeout(quiet.saturating_duration_since(Instant::now())) {
        seen.borrow_mut().push(l);
    }
    let _ = child.kill();
    let _ = child.wait();
    let after: Vec<String> = seen.borrow()[mark..].to_vec();
    let count = |what: &str| after.iter().filter(|l| l.contains(what)).count();
    assert_eq!(
        (count("changed:"), count("file(s):")),
        (1, 1),
        "one edit, one rebuild; saw {after:?}"
    );
}
