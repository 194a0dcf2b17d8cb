//! The pest parser of citations (`grammar/refs.pest`, with the unit words of `grammar/units.pest`).

#[derive(pest_derive::Parser)]
#[grammar = "../../../grammar/units.pest"]
#[grammar = "../../../grammar/refs.pest"]
pub struct RefsParser;
