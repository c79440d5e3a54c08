//! rust-i18n reads `locales/` inside a macro, which cargo does not track: without this, an
//! edited string is not in the next build.
fn main() {
    println!("cargo:rerun-if-changed=locales");
}
