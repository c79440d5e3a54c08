//! What the terminal knows of the room in the browsers: its links (given by the shell once
//! the server runs) and the panel that shows them.

/// One link to give out: who it is for, and its address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoomLink {
    pub label: String,
    pub url: String,
}

/// The room as it runs: where it listens and its links, room view first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoomInfo {
    pub addr: String,
    pub links: Vec<RoomLink>,
}

/// The panel over the screen: which link's QR code is shown.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RoomPanel {
    pub selected: usize,
    /// Why the room could not start (no network address, a port taken).
    pub error: Option<String>,
}

/// What the shell is asked to do with the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoomCommand {
    Start,
    /// A new token for the link at this row (the old one stops working).
    Revoke(usize),
    Stop,
}
