//! The pest parser of citations (`grammar/refs.pest`).

#[derive(pest_derive::Parser)]
#[grammar = "../../../grammar/refs.pest"]
pub struct RefsParser;
