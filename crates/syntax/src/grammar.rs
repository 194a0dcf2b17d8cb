//! pest parsers generated from the line and heading grammars in `grammar/`.

/// The line grammar (`grammar/law.pest`).
pub mod law {
    #[derive(pest_derive::Parser)]
    #[grammar = "../../../grammar/law.pest"]
    pub struct LawParser;
}

/// The heading grammar (`grammar/heading.pest`).
pub mod heading {
    #[derive(pest_derive::Parser)]
    #[grammar = "../../../grammar/heading.pest"]
    pub struct HeadingParser;
}
