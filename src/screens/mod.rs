//! One folder a screen: its model (what it remembers beyond the session), its update (keys in,
//! state out) and its view (a function of `&State`). See ARCHITECTURE.md.

pub mod closed;
pub mod commitments;
pub mod followup;
pub mod groups;
pub mod launcher;
pub mod plenary;
pub mod poster;
pub mod preparation;
pub mod presentation;
pub mod rencontre;
pub mod restitution;
pub mod rotation;
pub mod territory;
