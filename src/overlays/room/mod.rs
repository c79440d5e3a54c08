//! The room in the browsers (`W`): its links, a QR code to project, revoking a link,
//! stopping the room. The server itself is the shell's (`web::Room`, run by `tui`).

pub mod model;
pub mod update;
pub mod view;
