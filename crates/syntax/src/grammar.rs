//! pest parsers generated from the line and heading grammars in `grammar/`.

/// The line grammar (`grammar/law.pest`).
#[allow(missing_docs)] // the `Rule` enum pest derives
pub mod law {
    /// The parser of `grammar/law.pest`.
    #[derive(pest_derive::Parser)]
    #[grammar = "../../../grammar/law.pest"]
    pub struct LawParser;
}

/// The heading grammar (`grammar/heading.pest`).
#[allow(missing_docs)] // the `Rule` enum pest derives
pub mod heading {
    /// The parser of `grammar/heading.pest`.
    #[derive(pest_derive::Parser)]
    #[grammar = "../../../grammar/heading.pest"]
    pub struct HeadingParser;
}
