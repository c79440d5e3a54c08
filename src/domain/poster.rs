//! The group poster: reactions to the constat and the action plan
//! (solutions · actions · responsables · échéances · statut).

use serde::{Deserialize, Serialize};

use super::{LineId, ReactionId, due::Due};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Poster {
    #[serde(default)]
    pub reactions: Vec<Reaction>,
    #[serde(default)]
    pub lines: Vec<ActionLine>,
}

/// A short note reacting to the constat. Reactions carry ids so that concurrent edits can
/// address them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reaction {
    pub id: ReactionId,
    pub text: String,
    #[serde(default = "first_workshop")]
    pub workshop: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActionLine {
    pub id: LineId,
    #[serde(default)]
    pub solution: String,
    #[serde(default)]
    pub action: String,
    #[serde(default)]
    pub owners: Vec<Owner>,
    #[serde(default)]
    pub due: Due,
    #[serde(default)]
    pub status: Status,
    /// The workshop in which the line was written.
    #[serde(default = "first_workshop")]
    pub workshop: u32,
    /// Texts that a concurrent edit of the same cell replaced: kept, visible, restorable.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<Overwritten>,
    /// Deleted by one process while another edited it: brought back rather than lost.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub restored: bool,
    /// How many times a cell was changed: the calendar's SEQUENCE, so that a subscribed
    /// calendar takes the new version. Not part of the fingerprint.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub revision: u32,
    /// When a save last raised `revision`: the calendar's LAST-MODIFIED (the store sets it,
    /// with the revision; older files have none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revised_at: Option<super::Timestamp>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// A cell value that lost a same-cell conflict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Overwritten {
    pub field: CellName,
    pub text: String,
    /// Who wrote the text that replaced it, and when.
    #[serde(default)]
    pub replaced_by: String,
    pub at: super::Timestamp,
}

/// The cells of a line, by name (for the history of a line).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CellName {
    Solution,
    Action,
    Owners,
    Due,
    Status,
}

fn first_workshop() -> u32 {
    1
}

impl ActionLine {
    /// Its deadline is past and it is neither done nor dropped.
    pub fn is_overdue(&self, today: chrono::NaiveDate) -> bool {
        matches!(self.status, Status::Todo | Status::InProgress)
            && self.due.deadline().is_some_and(|d| d < today)
    }

    pub fn new(id: LineId, workshop: u32) -> Self {
        ActionLine {
            id,
            solution: String::new(),
            action: String::new(),
            owners: Vec::new(),
            due: Due::None,
            status: Status::Todo,
            workshop,
            history: Vec::new(),
            restored: false,
            revision: 0,
            revised_at: None,
        }
    }

    /// A 64-bit FNV-1a fingerprint of the cells (solution, action, owners, due, status),
    /// not of the history: equal cells, equal fingerprint. Stored in session files (a
    /// workshop's baseline), so how it is computed must never change.
    pub fn fingerprint(&self) -> u64 {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        let mut eat = |bytes: &[u8]| {
            for &b in bytes {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0000_0100_0000_01b3);
            }
            // A separator no UTF-8 text contains, so ("ab", "c") and ("a", "bc") differ.
            h ^= 0xff;
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        };
        eat(self.solution.as_bytes());
        eat(self.action.as_bytes());
        for o in &self.owners {
            eat(o.who.as_bytes());
            eat(o.role.as_bytes());
        }
        eat(b"|");
        let due = match &self.due {
            super::due::Due::None => "n".to_string(),
            super::due::Due::Date(d) => format!("d{d}"),
            super::due::Due::Month(y, m) => format!("m{y}-{m}"),
            // A period was text before atelier read it as a date (« T2 2027 »): the same
            // fingerprint, so a baseline written then still matches.
            super::due::Due::Period { text, .. } | super::due::Due::Text(text) => {
                format!("t{text}")
            }
        };
        eat(due.as_bytes());
        let status: &[u8] = match self.status {
            Status::Todo => b"todo",
            Status::InProgress => b"doing",
            Status::Done => b"done",
            Status::Abandoned => b"dropped",
        };
        eat(status);
        h
    }

    /// What names the line in a list: its action, or its solution while it has no action.
    pub fn title(&self) -> &str {
        if self.action.trim().is_empty() {
            &self.solution
        } else {
            &self.action
        }
    }

    pub fn is_blank(&self) -> bool {
        self.solution.trim().is_empty()
            && self.action.trim().is_empty()
            && self.owners.is_empty()
            && self.due == Due::None
    }
}

/// Who carries an action, and in what role ("porteur", "pilote", "contributeur"…).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Owner {
    pub who: String,
    #[serde(default)]
    pub role: String,
}

impl Owner {
    /// Parses the owners cell as typed by a rapporteur: `SARL Dupont (porteur), CC`.
    /// Commas inside parentheses do not split.
    pub fn parse_list(text: &str) -> Vec<Owner> {
        let mut parts = Vec::new();
        let mut depth = 0usize;
        let mut current = String::new();
        for c in text.chars() {
            match c {
                '(' => {
                    depth += 1;
                    current.push(c);
                }
                ')' => {
                    depth = depth.saturating_sub(1);
                    current.push(c);
                }
                ',' | ';' if depth == 0 => parts.push(std::mem::take(&mut current)),
                _ => current.push(c),
            }
        }
        parts.push(current);
        parts
            .iter()
            .map(|p| p.trim())
            .filter(|p| !p.is_empty())
            .map(Owner::parse_one)
            .collect()
    }

    fn parse_one(text: &str) -> Owner {
        if let Some(open) = text.find('(')
            && text.ends_with(')')
            && open > 0
        {
            let who = text[..open].trim();
            let role = text[open + 1..text.len() - 1].trim();
            if !who.is_empty() {
                return Owner {
                    who: who.to_string(),
                    role: role.to_string(),
                };
            }
        }
        Owner {
            who: text.to_string(),
            role: String::new(),
        }
    }

    /// The inverse of [`Owner::parse_list`].
    pub fn format_list(owners: &[Owner]) -> String {
        owners
            .iter()
            .map(|o| {
                if o.role.is_empty() {
                    o.who.clone()
                } else {
                    format!("{} ({})", o.who, o.role)
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Status {
    #[default]
    Todo,
    InProgress,
    Done,
    Abandoned,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Todo,
        Status::InProgress,
        Status::Done,
        Status::Abandoned,
    ];

    /// The next status in the usual cycle, used by the one-key status toggle.
    pub fn cycle(self) -> Status {
        super::cycle(&Status::ALL, &self, true).unwrap_or_default()
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Status::Todo => "status.todo",
            Status::InProgress => "status.in_progress",
            Status::Done => "status.done",
            Status::Abandoned => "status.abandoned",
        }
    }
}

impl Poster {
    pub fn is_empty(&self) -> bool {
        self.lines.iter().all(ActionLine::is_blank) && self.reactions.is_empty()
    }

    pub fn line(&self, id: LineId) -> Option<&ActionLine> {
        self.lines.iter().find(|l| l.id == id)
    }

    pub fn line_index(&self, id: LineId) -> Option<usize> {
        self.lines.iter().position(|l| l.id == id)
    }

    pub fn reaction_index(&self, id: ReactionId) -> Option<usize> {
        self.reactions.iter().position(|r| r.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_follows_the_cells_and_never_changes_its_formula() {
        let mut l = ActionLine::new(7, 1);
        l.solution = "Parking mutualisé".into();
        l.action = "Recenser les places".into();
        l.owners = Owner::parse_list("SARL Dupont (porteur)");
        l.due = crate::domain::Due::Month(2027, 3);
        let fp = l.fingerprint();
        // Stored in files: a change of formula would mark every line of a running second
        // workshop as changed.
        assert_eq!(fp, 0xaeb4_ab14_19c1_6a7a, "{fp:#x}");
        let mut same = l.clone();
        same.id = 8;
        same.workshop = 2;
        same.history.push(Overwritten {
            field: CellName::Solution,
            text: "avant".into(),
            replaced_by: "Léa".into(),
            at: chrono::DateTime::default(),
        });
        assert_eq!(
            same.fingerprint(),
            fp,
            "id, workshop and history are not cells"
        );
        let changes: [fn(&mut ActionLine); 6] = [
            |l| l.solution.push('!'),
            |l| l.action.clear(),
            |l| l.owners[0].role = "pilote".into(),
            |l| l.due = crate::domain::Due::Month(2027, 4),
            |l| l.status = Status::Done,
            // The same characters split differently between two cells.
            |l| {
                l.solution = "Parking mutualis".into();
                l.action = "éRecenser les places".into();
            },
        ];
        for change in changes {
            let mut c = l.clone();
            change(&mut c);
            assert_ne!(c.fingerprint(), fp, "{c:?}");
        }
    }

    #[test]
    fn owners_parse_roles_and_keep_commas_in_parentheses() {
        let owners = Owner::parse_list("SARL Dupont (porteur), CC (pilote, financeur) ; Club");
        assert_eq!(
            owners,
            vec![
                Owner {
                    who: "SARL Dupont".into(),
                    role: "porteur".into()
                },
                Owner {
                    who: "CC".into(),
                    role: "pilote, financeur".into()
                },
                Owner {
                    who: "Club".into(),
                    role: String::new()
                },
            ]
        );
        assert_eq!(
            Owner::format_list(&owners),
            "SARL Dupont (porteur), CC (pilote, financeur), Club"
        );
    }

    #[test]
    fn owners_parse_odd_input_without_losing_text() {
        assert_eq!(Owner::parse_list("  ,, "), vec![]);
        let o = Owner::parse_list("(x)");
        assert_eq!(o[0].who, "(x)");
        let o = Owner::parse_list("Mairie (");
        assert_eq!(o[0].who, "Mairie (");
    }

    #[test]
    fn status_cycle_visits_all() {
        let mut s = Status::Todo;
        let mut seen = vec![s];
        for _ in 0..3 {
            s = s.cycle();
            seen.push(s);
        }
        assert_eq!(seen, Status::ALL.to_vec());
        assert_eq!(s.cycle(), Status::Todo);
    }
}
