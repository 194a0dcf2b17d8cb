//! The AST as a LegalDocML.de Regelungstext (Verkündungsfassung).

use crate::ast::Document;

/// Write `doc` as LegalDocML.de XML.
pub fn export(_doc: &Document) -> String {
    String::new()
}
