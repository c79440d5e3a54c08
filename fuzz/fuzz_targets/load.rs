//! The session loader on arbitrary bytes: never panics; what loads writes and reads back.
//! Run: `cargo install cargo-fuzz && cargo +nightly fuzz run load` (not part of CI); on a stable
//! toolchain `RUSTC_BOOTSTRAP=1 cargo fuzz run load --sanitizer none`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(s) = atelier::store::parse(&text, std::path::Path::new("fuzz.ron"))
        && let Ok(again) = atelier::store::to_text(&s)
    {
        assert_eq!(
            atelier::store::parse(&again, std::path::Path::new("fuzz.ron")).ok(),
            Some(s)
        );
    }
});
