//! pest parsers generated from `grammar/*.pest`.

/// The line grammar (`grammar/law.pest`).
pub mod law {
    #[derive(pest_derive::Parser)]
    #[grammar = "../grammar/law.pest"]
    pub struct LawParser;
}

/// The heading grammar (`grammar/heading.pest`).
pub mod heading {
    #[derive(pest_derive::Parser)]
    #[grammar = "../grammar/heading.pest"]
    pub struct HeadingParser;
}

/// The citation grammar (`grammar/refs.pest`).
pub mod refs {
    #[derive(pest_derive::Parser)]
    #[grammar = "../grammar/refs.pest"]
    pub struct RefsParser;
}

/// The grammar of Änderungsbefehle (`grammar/aenderung.pest`).
pub mod aenderung {
    #[derive(pest_derive::Parser)]
    #[grammar = "../grammar/aenderung.pest"]
    pub struct AenderungParser;
}
