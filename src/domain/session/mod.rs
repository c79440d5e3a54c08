//! The session: one EIT approach for one business park (DESIGN.md §2, §7).

use serde::{Deserialize, Serialize};

use super::{
    FORMAT_VERSION, LineId, NeedId, ParticipantId, ReactionId, ThemeId, workshop::Workshop,
};

/// Minutes planned and spent on one kind of step of a workshop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhaseTime {
    pub kind: super::workshop::PhaseKind,
    pub planned_min: u32,
    /// Rounded to the nearest minute.
    pub actual_min: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub version: u32,
    /// Given once when the session is created (or first opened, for older files) and never
    /// changed: calendar items are named after it, so renaming the session or two sessions
    /// with the same title never mix them up.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    /// How many times atelier saved the file: one more at every save, by any process. A file
    /// whose count went down is an older copy written over it by another program (a sync
    /// tool restoring a version, a copy from a USB key): `store::sync` notices.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub saves: u64,
    pub title: String,
    pub zone: Zone,
    #[serde(default)]
    pub participants: Vec<Participant>,
    #[serde(default)]
    pub needs: Vec<Need>,
    #[serde(default)]
    pub themes: Vec<Theme>,
    #[serde(default)]
    pub groups: Vec<Group>,
    #[serde(default)]
    pub workshops: Vec<Workshop>,
    /// Follow-up: the yearly plenary of the whole approach.
    #[serde(default)]
    pub annual_plenary: Option<super::When>,
    /// Changes of the annual plenary's date (its SEQUENCE and LAST-MODIFIED).
    #[serde(default, skip_serializing_if = "Revision::is_none")]
    pub plenary_revision: Revision,
    /// The rencontres inter-entreprises before the workshops (0 to 2). Written one level
    /// deeper than the other lists (`rencontres: (list: [...])`) so that the file's depth
    /// limit puts one card, one dot, one log entry a line, like a poster's lines.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        with = "rencontre_list"
    )]
    pub rencontres: Vec<super::rencontre::Rencontre>,
    /// The register of synergies: the inter-company projects the groups' actions serve.
    /// One level deeper, like the rencontres: one member, impact or event a line.
    #[serde(default, skip_serializing_if = "Vec::is_empty", with = "synergy_list")]
    pub synergies: Vec<super::synergy::Synergy>,
    /// The annual plenaries (see `domain::plenary`), written one level deeper like the
    /// rencontres.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        with = "super::plenary::plenary_list"
    )]
    pub plenaries: Vec<super::plenary::Plenary>,
    /// The invitation list: the zone's establishments to contact (`atelier import sirene`),
    /// and the participants created from them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub invitations: Vec<super::invitation::Invitation>,
}

/// A list written one level deeper (`(list: [...])`), so that the file's depth limit puts
/// each item's small parts (a card, a dot, a member, an impact, an event) on one line.
macro_rules! deeper_list {
    ($name:ident, $item:ty) => {
        mod $name {
            use serde::{Deserialize, Deserializer, Serialize, Serializer};

            #[derive(Serialize)]
            struct ListRef<'a> {
                list: &'a [$item],
            }

            #[derive(Deserialize)]
            struct List {
                #[serde(default)]
                list: Vec<$item>,
            }

            pub fn serialize<S: Serializer>(v: &[$item], s: S) -> Result<S::Ok, S::Error> {
                ListRef { list: v }.serialize(s)
            }

            pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<$item>, D::Error> {
                Ok(List::deserialize(d)?.list)
            }
        }
    };
}

deeper_list!(rencontre_list, crate::domain::rencontre::Rencontre);
deeper_list!(synergy_list, crate::domain::synergy::Synergy);

mod groups;
mod people;
mod zone;

pub use groups::{Group, Meeting, Pilot, PilotKind, Revision, Theme};
pub use people::{Need, NeedKind, Participant, Role};
pub use zone::{Vocation, Zone};

fn is_zero(n: &u64) -> bool {
    *n == 0
}

impl Session {
    pub fn new(title: impl Into<String>, zone_name: impl Into<String>) -> Self {
        Session {
            version: FORMAT_VERSION,
            id: String::new(),
            saves: 0,
            title: title.into(),
            zone: Zone {
                name: zone_name.into(),
                vocation: Vocation::Mixed,
                specialisation: None,
                companies: 0,
                company_size: None,
                since: None,
                stakes: Vec::new(),
                steering: Vec::new(),
                profile: None,
            },
            participants: Vec::new(),
            needs: Vec::new(),
            themes: Vec::new(),
            groups: Vec::new(),
            workshops: vec![Workshop::new(1)],
            annual_plenary: None,
            plenary_revision: Revision::default(),
            rencontres: Vec::new(),
            synergies: Vec::new(),
            plenaries: Vec::new(),
            invitations: Vec::new(),
        }
    }

    /// A line of a poster or the follow-up line of a problem « hors atelier », by id: what
    /// the store revises (the calendar's SEQUENCE and LAST-MODIFIED) when it saves an edit.
    pub fn line_anywhere_mut(&mut self, line: super::LineId) -> Option<&mut super::ActionLine> {
        self.groups
            .iter_mut()
            .flat_map(|g| g.poster.lines.iter_mut())
            .chain(
                self.rencontres
                    .iter_mut()
                    .flat_map(|r| r.cards.iter_mut())
                    .filter_map(|c| c.follow.as_mut()),
            )
            .find(|l| l.id == line)
    }

    pub fn participant(&self, id: ParticipantId) -> Option<&Participant> {
        self.participants.iter().find(|p| p.id == id)
    }

    pub fn theme(&self, id: ThemeId) -> Option<&Theme> {
        self.themes.iter().find(|t| t.id == id)
    }

    pub fn group(&self, theme: ThemeId) -> Option<&Group> {
        self.groups.iter().find(|g| g.theme == theme)
    }

    pub(crate) fn group_mut(&mut self, theme: ThemeId) -> Option<&mut Group> {
        self.groups.iter_mut().find(|g| g.theme == theme)
    }

    /// Groups in the order of their themes (the order shown and presented).
    pub fn groups_in_order(&self) -> impl Iterator<Item = (&Theme, &Group)> {
        self.themes
            .iter()
            .filter_map(|t| self.group(t.id).map(|g| (t, g)))
    }

    /// The workshop being run or prepared: the one with the highest number.
    pub fn current_workshop(&self) -> Option<&Workshop> {
        self.workshops.iter().max_by_key(|w| w.number)
    }

    pub fn workshop(&self, number: u32) -> Option<&Workshop> {
        self.workshops.iter().find(|w| w.number == number)
    }

    pub(crate) fn workshop_mut(&mut self, number: u32) -> Option<&mut Workshop> {
        self.workshops.iter_mut().find(|w| w.number == number)
    }

    /// The themes worked on in a workshop (all, unless the workshop chose some).
    pub fn themes_in<'a>(&'a self, w: &Workshop) -> Vec<&'a Theme> {
        self.themes
            .iter()
            .filter(|t| w.themes.as_ref().is_none_or(|ids| ids.contains(&t.id)))
            .collect()
    }

    /// The groups of a workshop, in theme order.
    pub fn groups_in<'a>(&'a self, w: &Workshop) -> Vec<(&'a Theme, &'a Group)> {
        self.themes_in(w)
            .into_iter()
            .filter_map(|t| self.group(t.id).map(|g| (t, g)))
            .collect()
    }

    pub fn needs_of(&self, theme: ThemeId) -> impl Iterator<Item = &Need> {
        self.needs.iter().filter(move |n| n.theme == Some(theme))
    }

    pub fn synergy(&self, id: super::synergy::SynergyId) -> Option<&super::synergy::Synergy> {
        self.synergies.iter().find(|s| s.id == id)
    }

    pub fn synergy_mut(
        &mut self,
        id: super::synergy::SynergyId,
    ) -> Result<&mut super::synergy::Synergy, super::DomainError> {
        self.synergies
            .iter_mut()
            .find(|s| s.id == id)
            .ok_or(super::DomainError::NoSynergy(id))
    }

    pub fn next_synergy_id(&self) -> super::synergy::SynergyId {
        self.synergies.iter().map(|s| s.id).max().unwrap_or(0) + 1
    }

    pub fn next_participant_id(&self) -> ParticipantId {
        self.participants.iter().map(|p| p.id).max().unwrap_or(0) + 1
    }

    pub fn next_theme_id(&self) -> ThemeId {
        self.themes.iter().map(|t| t.id).max().unwrap_or(0) + 1
    }

    pub fn next_need_id(&self) -> NeedId {
        self.needs.iter().map(|n| n.id).max().unwrap_or(0) + 1
    }

    /// Line ids are unique across all posters, so a line can be addressed by its id alone.
    pub fn next_line_id(&self) -> LineId {
        self.groups
            .iter()
            .flat_map(|g| g.poster.lines.iter().map(|l| l.id))
            .chain(self.outside_lines().map(|(_, l)| l.id))
            .max()
            .unwrap_or(0)
            + 1
    }

    pub fn next_reaction_id(&self) -> ReactionId {
        self.groups
            .iter()
            .flat_map(|g| g.poster.reactions.iter().map(|r| r.id))
            .max()
            .unwrap_or(0)
            + 1
    }

    /// Planned against actual time of each kind of step of a workshop (Présentation to
    /// Engagements), the actual time counted from the log up to `until`.
    pub fn time_by_phase(&self, w: &super::Workshop, until: super::Timestamp) -> Vec<PhaseTime> {
        use super::workshop::PhaseKind;
        let steps = self.steps(w);
        let actual = w.actual_seconds(until);
        PhaseKind::ALL
            .iter()
            .filter(|k| !matches!(k, PhaseKind::Preparation | PhaseKind::Closed))
            .map(|kind| {
                let planned_min = steps
                    .iter()
                    .filter(|st| st.kind() == *kind)
                    .map(|st| w.agenda.minutes_for(*st))
                    .sum();
                let secs: i64 = actual
                    .iter()
                    .filter(|(p, _)| p.kind() == *kind)
                    .map(|(_, s)| *s)
                    .sum();
                PhaseTime {
                    kind: *kind,
                    planned_min,
                    actual_min: (secs + 30) / 60,
                }
            })
            .collect()
    }

    /// A poster line, whichever group holds it.
    pub fn line(&self, id: LineId) -> Option<&super::ActionLine> {
        self.groups
            .iter()
            .find_map(|g| g.poster.line(id))
            .or_else(|| self.outside_lines().map(|(_, l)| l).find(|l| l.id == id))
    }

    /// Finds the group holding a line.
    pub fn group_of_line(&self, line: LineId) -> Option<ThemeId> {
        self.groups
            .iter()
            .find(|g| g.poster.lines.iter().any(|l| l.id == line))
            .map(|g| g.theme)
    }

    /// Keeps a cell's text that an edit replaced without having seen it (it came from another
    /// process while the editor was open) in the line's history, as the merge does on save.
    pub fn keep_overwritten(
        &mut self,
        line: LineId,
        field: super::poster::CellName,
        text: String,
        replaced_by: String,
        at: super::Timestamp,
    ) {
        if let Some(l) = self
            .groups
            .iter_mut()
            .flat_map(|g| g.poster.lines.iter_mut())
            .find(|l| l.id == line)
        {
            l.history.push(super::poster::Overwritten {
                field,
                text,
                replaced_by,
                at,
            });
        }
    }

    /// Problems in the data itself (dangling ids, duplicates). The loader reports them; they
    /// cannot arise through operations.
    pub fn integrity_problems(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for p in &self.participants {
            if !seen.insert(p.id) {
                out.push(Problem::ParticipantTwice(p.id));
            }
        }
        seen.clear();
        for t in &self.themes {
            if !seen.insert(t.id) {
                out.push(Problem::ThemeTwice(t.id));
            }
        }
        seen.clear();
        for g in &self.groups {
            if self.theme(g.theme).is_none() {
                out.push(Problem::GroupWithoutTheme(g.theme));
            }
            if !seen.insert(g.theme) {
                out.push(Problem::ThemeWithTwoGroups(g.theme));
            }
        }
        seen.clear();
        for l in self.groups.iter().flat_map(|g| g.poster.lines.iter()) {
            if !seen.insert(l.id) {
                out.push(Problem::LineTwice(l.id));
            }
        }
        seen.clear();
        for w in &self.workshops {
            if !seen.insert(w.number) {
                out.push(Problem::WorkshopTwice(w.number));
            }
        }
        out
    }
}

/// A problem in a session's data that only a hand-edited file can have. The store words it
/// for the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    ParticipantTwice(ParticipantId),
    ThemeTwice(ThemeId),
    GroupWithoutTheme(ThemeId),
    ThemeWithTwoGroups(ThemeId),
    LineTwice(LineId),
    WorkshopTwice(u32),
}

/// What `atelier list` and the launcher show of a session: its title, and where its
/// current workshop stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionSummary {
    pub title: String,
    pub workshop: u32,
    pub phase: Option<super::Phase>,
}

impl SessionSummary {
    pub fn of(s: &Session) -> Self {
        let w = s.current_workshop();
        SessionSummary {
            title: s.title.clone(),
            workshop: w.map(|w| w.number).unwrap_or(0),
            phase: w.map(|w| w.phase),
        }
    }
}
