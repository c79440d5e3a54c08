//! A session's id: given once, never changed, so that calendar items and e-mail drafts
//! keep their names whatever the session is called.

use crate::domain::Session;

use super::to_text;

/// The session's id, or, for a file never opened in the app yet (the shipped example, a
/// `demo` copy, a file written by hand or by an older version), the one its first opening
/// will give it: 16 hex digits of a fingerprint of its content (FNV-1a of its text without
/// id and save count). Exports name calendar items and e-mails after it, so that their UIDs
/// are the same before and after that first opening.
pub fn stable_id(session: &Session) -> String {
    if !session.id.is_empty() {
        return session.id.clone();
    }
    let mut s = session.clone();
    s.saves = 0;
    let text = to_text(&s).unwrap_or_else(|_| s.title.clone());
    let print = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    format!("{print:016x}")
}

/// A fresh session id: 16 hex digits from the time, the process and the standard library's
/// per-process random hash keys, so that two sessions created anywhere never share one.
pub fn new_id() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    h.write_u128(nanos);
    h.write_u32(std::process::id());
    format!("{:016x}", h.finish())
}
