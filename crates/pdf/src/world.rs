//! The Typst `World`: templates and data in memory, fixed date, bundled fonts only.

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;
use typst::diag::{FileError, FileResult, Severity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

/// The templates a PDF is typeset with: the built-in ones or a directory's.
#[derive(Clone)]
pub struct Template {
    /// File name → content (only `.typ` files).
    files: Vec<(String, String)>,
    /// Where they came from, for error messages.
    origin: String,
}

impl Template {
    /// The templates shipped in `templates/`, compiled into the binary.
    pub fn builtin() -> Template {
        Template {
            files: vec![
                (
                    "gesetz.typ".into(),
                    include_str!("../../../templates/gesetz.typ").into(),
                ),
                (
                    "synopse.typ".into(),
                    include_str!("../../../templates/synopse.typ").into(),
                ),
            ],
            origin: "templates".into(),
        }
    }

    /// The `.typ` files of a directory (not its subdirectories).
    pub fn from_dir(dir: &Path) -> Result<Template, PdfError> {
        let rd = std::fs::read_dir(dir)
            .map_err(|e| PdfError::Template(format!("{}: {e}", dir.display())))?;
        let mut files = Vec::new();
        for e in rd.flatten() {
            let p = e.path();
            if p.extension().and_then(|x| x.to_str()) == Some("typ") && p.is_file() {
                let name = p
                    .file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or_default()
                    .to_string();
                let text = std::fs::read_to_string(&p)
                    .map_err(|e| PdfError::Template(format!("{}: {e}", p.display())))?;
                files.push((name, text));
            }
        }
        if !files.iter().any(|(n, _)| n == "gesetz.typ") {
            return Err(PdfError::Template(format!(
                "{}: no gesetz.typ",
                dir.display()
            )));
        }
        Ok(Template {
            files,
            origin: dir.display().to_string(),
        })
    }
}

/// Why a PDF cannot be written.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// A template cannot be read (a custom template directory).
    #[error("template: {0}")]
    Template(String),
    /// Typst failed to compile or export, with its diagnostics.
    #[error("{0}")]
    Typst(String),
}

/// How to write the PDF.
#[derive(Clone, Default)]
pub struct Options {
    /// PDF/A-2b for archiving.
    pub pdf_a: bool,
}

struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| {
        let fonts: Vec<Font> = typst_assets::fonts()
            .flat_map(|data| Font::iter(Bytes::new(data)))
            .collect();
        let book = FontBook::from_fonts(&fonts);
        Fonts {
            book: LazyHash::new(book),
            fonts,
        }
    })
}

struct LawWorld {
    library: LazyHash<Library>,
    main: FileId,
    sources: HashMap<FileId, Source>,
    data: (FileId, Bytes),
}

fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("valid virtual path");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

impl World for LawWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }
    fn book(&self) -> &LazyHash<FontBook> {
        &fonts().book
    }
    fn main(&self) -> FileId {
        self.main
    }
    fn source(&self, id: FileId) -> FileResult<Source> {
        self.sources
            .get(&id)
            .cloned()
            .ok_or(FileError::AccessDenied)
    }
    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data.0 {
            return Ok(self.data.1.clone());
        }
        match self.sources.get(&id) {
            Some(s) => Ok(Bytes::from_string(s.clone())),
            None => Err(FileError::AccessDenied),
        }
    }
    fn font(&self, index: usize) -> Option<Font> {
        fonts().fonts.get(index).cloned()
    }
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        // fixed: the same input gives the same bytes
        Datetime::from_ymd(2000, 1, 1)
    }
}

fn describe(world: &LawWorld, origin: &str, d: &SourceDiagnostic) -> String {
    let mut loc = String::new();
    if let Some(id) = d.span.id() {
        if let (Ok(src), Some(range)) = (world.source(id), world.range(d.span)) {
            let lines = src.lines();
            let line = lines.byte_to_line(range.start).unwrap_or(0) + 1;
            let col = lines.byte_to_column(range.start).unwrap_or(0) + 1;
            let name = id
                .vpath()
                .get_with_slash()
                .trim_start_matches('/')
                .to_string();
            loc = format!("{origin}/{name}:{line}:{col}: ");
        }
    }
    let mut s = format!("{loc}{}", d.message);
    for h in &d.hints {
        s.push_str(&format!("\n  hint: {}", h.v));
    }
    s
}

/// Typeset render data (see [`super::model`]) with a template into PDF bytes.
pub fn compile(
    data: serde_json::Value,
    template: &Template,
    options: &Options,
) -> Result<Vec<u8>, PdfError> {
    compile_main("gesetz.typ", data, template, options)
}

/// Typeset with the template file `main_file` ("gesetz.typ", "synopse.typ").
pub fn compile_main(
    main_file: &str,
    data: serde_json::Value,
    template: &Template,
    options: &Options,
) -> Result<Vec<u8>, PdfError> {
    let (world, doc) = build(main_file, data, template)?;
    export(&world, &template.origin, &doc, options)
}

/// The laid-out document, links resolved, before export (for tests and tools).
pub fn typeset(
    main_file: &str,
    data: serde_json::Value,
    template: &Template,
) -> Result<PagedDocument, PdfError> {
    Ok(build(main_file, data, template)?.1)
}

fn build(
    main_file: &str,
    mut data: serde_json::Value,
    template: &Template,
) -> Result<(LawWorld, PagedDocument), PdfError> {
    if !template.files.iter().any(|(n, _)| n == main_file) {
        return Err(PdfError::Template(format!(
            "{}: no {main_file}",
            template.origin
        )));
    }
    // citations are linked by slot and resolved after layout (see `links`); the
    // data is freed before Typst starts, which holds it as JSON bytes
    let slots = super::links::assign_slots(&mut data);
    let json = serde_json::to_vec(&data).map_err(|e| PdfError::Typst(e.to_string()))?;
    drop(data);
    let mut sources = HashMap::new();
    for (name, text) in &template.files {
        let id = file_id(&format!("/{name}"));
        sources.insert(id, Source::new(id, text.clone()));
    }
    let main = file_id(&format!("/{main_file}"));
    let world = LawWorld {
        library: LazyHash::new(Library::builder().build()),
        main,
        sources,
        data: (file_id("/law.json"), Bytes::new(json)),
    };
    let warned = typst::compile::<PagedDocument>(&world);
    let doc = warned.output.map_err(|errs| {
        PdfError::Typst(
            errs.iter()
                .filter(|d| d.severity == Severity::Error)
                .map(|d| describe(&world, &template.origin, d))
                .collect::<Vec<_>>()
                .join("\n"),
        )
    })?;
    let doc = super::links::resolve(doc, &slots);
    // the laid-out document holds what export needs; the memoized layout and
    // evaluation (the law's data among them) are freed before export
    typst::comemo::evict(0);
    Ok((world, doc))
}

fn export(
    world: &LawWorld,
    origin: &str,
    doc: &PagedDocument,
    options: &Options,
) -> Result<Vec<u8>, PdfError> {
    let standards = if options.pdf_a {
        typst_pdf::PdfStandards::new(&[typst_pdf::PdfStandard::A_2b])
            .map_err(|e| PdfError::Typst(e.message().to_string()))?
    } else {
        typst_pdf::PdfStandards::default()
    };
    let pdf_options = typst_pdf::PdfOptions {
        ident: typst::foundations::Smart::Custom("paragraf".into()),
        timestamp: None,
        standards,
        ..Default::default()
    };
    typst_pdf::pdf(doc, &pdf_options).map_err(|errs| {
        PdfError::Typst(
            errs.iter()
                .map(|d| describe(world, origin, d))
                .collect::<Vec<_>>()
                .join("\n"),
        )
    })
}

use typst::WorldExt;
