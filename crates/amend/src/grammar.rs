//! The pest parser of one Änderungsbefehl (`grammar/aenderung.pest`, with the unit words of `grammar/units.pest`).

#[derive(pest_derive::Parser)]
#[grammar = "../../../grammar/units.pest"]
#[grammar = "../../../grammar/aenderung.pest"]
pub struct AenderungParser;
