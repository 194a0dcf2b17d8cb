//! A change list applied to the old Fassung's units.

use crate::{Change, Entry};

/// Why a change list does not fit the old Fassung it is applied to.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApplyError {
    /// A change applies after the old Fassung's last unit.
    #[error("change at unit {at} beyond the {units} units of the old Fassung")]
    Beyond {
        /// Where the change applies.
        at: usize,
        /// How many units the old Fassung has.
        units: usize,
    },
    /// The unit a change names is not the old Fassung's unit at its place.
    #[error("change of {id} does not match the old Fassung at unit {at}")]
    Mismatch {
        /// The unit the change names.
        id: String,
        /// Where it applies.
        at: usize,
    },
}

/// Apply changes to the old Fassung's units; gives the new Fassung's units.
pub fn apply(old: &[Entry], changes: &[Change]) -> Result<Vec<Entry>, ApplyError> {
    let mut out = Vec::with_capacity(old.len() + changes.len());
    let mut i = 0;
    let mut sorted: Vec<&Change> = changes.iter().collect();
    // at one position, insertions come before the change of the unit there
    sorted.sort_by(|x, y| {
        x.at.cmp(&y.at)
            .then_with(|| x.old().is_some().cmp(&y.old().is_some()))
    });
    for c in sorted {
        if c.at > old.len() {
            return Err(ApplyError::Beyond {
                at: c.at,
                units: old.len(),
            });
        }
        while i < c.at {
            out.push(old[i].clone());
            i += 1;
        }
        match (c.old(), c.new_unit()) {
            (Some(o), n) => {
                if i >= old.len() || old[i].id != o.id {
                    return Err(ApplyError::Mismatch {
                        id: o.id.clone(),
                        at: c.at,
                    });
                }
                i += 1;
                out.extend(n.cloned());
            }
            (None, n) => out.extend(n.cloned()),
        }
    }
    out.extend(old[i..].iter().cloned());
    Ok(out)
}
