//! The change list: what happened to which unit, and the word edits inside it.

use crate::Entry;
use serde::{Deserialize, Serialize};

/// What happened to a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// Same unit, other wording (or other title).
    Modified,
    /// A new unit.
    Inserted,
    /// A unit removed.
    Removed,
    /// A unit now marked „(weggefallen)“.
    Repealed,
    /// Same wording under another number.
    Renumbered,
    /// Same wording elsewhere.
    Moved,
    /// Only the layout changed (list dash, emphasis), not the wording.
    Layout,
}

/// A word-level edit inside a modified unit. Offsets are byte ranges into the old and new text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WordEdit {
    /// Whether the words are kept, deleted or inserted.
    pub op: WordOp,
    /// The words it keeps, deletes or inserts.
    pub text: String,
    /// Its byte range in the old text (empty for an insertion).
    pub old: (usize, usize),
    /// Its byte range in the new text (empty for a deletion).
    pub new: (usize, usize),
}

/// What a word edit does; in the JSON `"equal"`, `"delete"` or `"insert"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WordOp {
    /// The words are in both texts.
    Equal,
    /// The words are in the old text only.
    Delete,
    /// The words are in the new text only.
    Insert,
}

/// What a change holds of the two Fassungen: the old unit, the new one, or both.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Units {
    /// A unit in both Fassungen (modified, repealed, layout; a renumbered or
    /// moved unit whose old wording stood at this place).
    Both {
        /// The unit in the old Fassung.
        old: Entry,
        /// The unit in the new Fassung.
        new: Entry,
    },
    /// A unit of the old Fassung only (removed; the old half of a renumbered or moved unit).
    Old {
        /// The unit in the old Fassung.
        old: Entry,
    },
    /// A unit of the new Fassung only (inserted; the new half of a renumbered or moved unit).
    New {
        /// The unit in the new Fassung.
        new: Entry,
    },
}

impl Units {
    pub(crate) fn both(old: &Entry, new: &Entry) -> Units {
        Units::Both {
            old: old.clone(),
            new: new.clone(),
        }
    }
}

/// One change. `at` is the position in the old law's units where it applies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// What happened to the unit.
    pub kind: ChangeKind,
    /// Where it applies: the position among the old Fassung's units.
    pub at: usize,
    /// The unit in the old Fassung, the new one, or both.
    #[serde(flatten)]
    pub units: Units,
    /// The word edits of a modified (or renumbered and reworded) unit.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub words: Vec<WordEdit>,
    /// For renumbered and moved units: the id on the other side.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pair: Option<String>,
}

impl Change {
    pub(crate) fn new(kind: ChangeKind, at: usize, units: Units) -> Change {
        Change {
            kind,
            at,
            units,
            words: Vec::new(),
            pair: None,
        }
    }

    pub(crate) fn removed(at: usize, old: &Entry) -> Change {
        Change::new(ChangeKind::Removed, at, Units::Old { old: old.clone() })
    }

    pub(crate) fn inserted(at: usize, new: &Entry) -> Change {
        Change::new(ChangeKind::Inserted, at, Units::New { new: new.clone() })
    }

    /// The unit in the old Fassung, if the change has one.
    pub fn old(&self) -> Option<&Entry> {
        match &self.units {
            Units::Both { old, .. } | Units::Old { old } => Some(old),
            Units::New { .. } => None,
        }
    }

    /// The unit in the new Fassung, if the change has one.
    pub fn new_unit(&self) -> Option<&Entry> {
        match &self.units {
            Units::Both { new, .. } | Units::New { new } => Some(new),
            Units::Old { .. } => None,
        }
    }

    /// The id of the unit concerned (new id when there is one).
    pub fn id(&self) -> &str {
        self.new_unit()
            .or(self.old())
            .map(|e| e.id.as_str())
            .unwrap_or("")
    }
}
