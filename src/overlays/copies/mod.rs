//! The dialog that offers, at opening, to merge the copies a file-sync tool left beside the
//! session (Syncthing, Nextcloud, Dropbox): one key, nothing lost.

pub mod model;
pub mod update;
pub mod view;
