//! Finding law files in directories.

use std::path::{Path, PathBuf};

/// Law text extensions paragraf reads from directories.
pub const LAW_EXTENSIONS: &[&str] = &["md", "txt", "law"];

/// Law files under `dir` (sorted, symlinks not followed, loops impossible).
pub fn law_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| {
            p.extension().and_then(|e| e.to_str()).is_some_and(|e| LAW_EXTENSIONS.contains(&e))
                && !p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.') || n.eq_ignore_ascii_case("README.md"))
        })
        .collect();
    v.sort();
    v
}
