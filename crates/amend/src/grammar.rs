//! The pest parser of one Änderungsbefehl (`grammar/aenderung.pest`).

#[derive(pest_derive::Parser)]
#[grammar = "../../../grammar/aenderung.pest"]
pub struct AenderungParser;
