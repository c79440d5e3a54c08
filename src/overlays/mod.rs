//! What opens over a screen and takes the keyboard: the editor, a picker, the help, the
//! next-workshop dialog. Same shape as `screens`.

pub mod copies;
pub mod editor;
pub mod help;
pub mod next_workshop;
pub mod picker;
pub mod room;
