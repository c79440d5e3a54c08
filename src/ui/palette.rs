//! Colours, in one place. Dark, light (bright meeting rooms), each in 24-bit colour or in the
//! 16 named ANSI colours (old Windows console, macOS Terminal.app), and no colour (`NO_COLOR`).

use ratatui::style::{Color, Modifier, Style};

pub use crate::app::Depth;
use crate::app::PaletteName;

/// The colour depth to draw with, from the environment (`NO_COLOR`, `COLORTERM`, `TERM`,
/// `WT_SESSION`, `TERM_PROGRAM`), first rule that applies:
///
/// 1. `NO_COLOR` set and not empty (<https://no-color.org>): [`Depth::None`].
/// 2. `COLORTERM` is `truecolor` or `24bit`: [`Depth::TrueColor`].
/// 3. `WT_SESSION` set (Windows Terminal, also inside WSL): [`Depth::TrueColor`].
/// 4. `TERM_PROGRAM` is `iTerm.app`, `vscode` or `WezTerm`: [`Depth::TrueColor`];
///    `Apple_Terminal` (macOS Terminal.app, 256 colours): [`Depth::Ansi16`], since a
///    Terminal.app that does 24-bit colour says so with `COLORTERM` (rule 2).
/// 5. `TERM` names a 24-bit terminal (`*-direct`, `xterm-kitty`, `alacritty`, `foot`,
///    `wezterm`, `xterm-ghostty`): [`Depth::TrueColor`]. These `TERM` values, unlike
///    `COLORTERM`, reach the far end of an `ssh` connection.
/// 6. Anything else, `*-256color`, `dumb` and no `TERM` at all included: [`Depth::Ansi16`].
///
/// Why `*-256color` gets 16 colours and not 24-bit ones: crossterm does not approximate an
/// RGB colour for the terminal at hand. It writes `Color::Rgb` as the 24-bit sequence
/// `ESC[38;2;r;g;bm` whatever `TERM` says, and a 256-colour terminal that does not know it
/// shows other colours or none (Terminal.app before it learnt 24-bit colour). Where crossterm
/// cannot use escape sequences at all (the console host of Windows before 10, through
/// WinAPI calls) it turns `Rgb` and `AnsiValue` into attribute 0: black on black. The 16
/// named colours are the ones every terminal and console host has; a third palette in the
/// 256 indexed colours would only serve the terminals between the two.
///
/// With no `TERM` (the Windows console host outside Windows Terminal, which sets none of
/// these variables) the answer is [`Depth::Ansi16`], so no test of the operating system is
/// needed here.
pub fn depth_from(
    no_color: Option<&str>,
    colorterm: Option<&str>,
    term: Option<&str>,
    wt_session: Option<&str>,
    term_program: Option<&str>,
) -> Depth {
    let set = |v: Option<&str>| v.is_some_and(|v| !v.is_empty());
    if set(no_color) {
        return Depth::None;
    }
    let colorterm = colorterm.unwrap_or("").trim();
    if colorterm.eq_ignore_ascii_case("truecolor") || colorterm.eq_ignore_ascii_case("24bit") {
        return Depth::TrueColor;
    }
    if set(wt_session) {
        return Depth::TrueColor;
    }
    match term_program.unwrap_or("").trim() {
        "iTerm.app" | "vscode" | "WezTerm" => return Depth::TrueColor,
        "Apple_Terminal" => return Depth::Ansi16,
        _ => {}
    }
    let term = term.unwrap_or("").trim();
    const TRUE_COLOR_TERMS: [&str; 5] = [
        "xterm-kitty",
        "alacritty",
        "foot",
        "wezterm",
        "xterm-ghostty",
    ];
    if term.ends_with("-direct") || TRUE_COLOR_TERMS.contains(&term) {
        return Depth::TrueColor;
    }
    Depth::Ansi16
}

#[derive(Debug, Clone, Copy)]
pub struct Palette {
    pub base: Style,
    pub dim: Style,
    pub title: Style,
    pub accent: Style,
    pub border: Style,
    pub focus: Style,
    pub selected: Style,
    pub ok: Style,
    pub warn: Style,
    pub danger: Style,
    pub header: Style,
    pub current_step: Style,
    pub new_mark: Style,
}

impl Palette {
    pub fn new(theme: PaletteName, depth: Depth) -> Palette {
        match depth {
            Depth::TrueColor => Palette::true_color(theme),
            Depth::Ansi16 => Palette::ansi16(theme),
            Depth::None => Palette::plain(),
        }
    }

    /// No colour at all: bold and reverse video only.
    fn plain() -> Palette {
        let plain = Style::default();
        Palette {
            base: plain,
            dim: plain,
            title: plain.add_modifier(Modifier::BOLD),
            accent: plain.add_modifier(Modifier::BOLD),
            border: plain,
            focus: plain.add_modifier(Modifier::BOLD),
            selected: plain.add_modifier(Modifier::REVERSED),
            ok: plain,
            warn: plain.add_modifier(Modifier::BOLD),
            danger: plain.add_modifier(Modifier::BOLD | Modifier::REVERSED),
            header: plain.add_modifier(Modifier::BOLD),
            current_step: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            new_mark: plain.add_modifier(Modifier::BOLD),
        }
    }

    /// The 16 named colours, high contrast: white on black or black on white, no grey or
    /// blue text on black, no yellow or light text on white. The header is the screen's own
    /// background, in bold, so that the schedule's red stays readable on it.
    fn ansi16(theme: PaletteName) -> Palette {
        match theme {
            PaletteName::Dark => {
                let on = |fg: Color| Style::default().fg(fg).bg(Color::Black);
                let bold = |fg: Color| on(fg).add_modifier(Modifier::BOLD);
                Palette {
                    base: on(Color::White),
                    dim: on(Color::Gray),
                    title: bold(Color::White),
                    accent: bold(Color::LightCyan),
                    border: on(Color::Gray),
                    focus: bold(Color::LightYellow),
                    selected: Style::default().fg(Color::Black).bg(Color::LightYellow),
                    ok: on(Color::LightGreen),
                    warn: bold(Color::LightYellow),
                    danger: bold(Color::LightRed),
                    header: bold(Color::White),
                    current_step: Style::default()
                        .fg(Color::Black)
                        .bg(Color::LightCyan)
                        .add_modifier(Modifier::BOLD),
                    new_mark: bold(Color::LightGreen),
                }
            }
            PaletteName::Light => {
                let on = |fg: Color| Style::default().fg(fg).bg(Color::White);
                let bold = |fg: Color| on(fg).add_modifier(Modifier::BOLD);
                Palette {
                    base: on(Color::Black),
                    dim: on(Color::DarkGray),
                    title: bold(Color::Black),
                    accent: bold(Color::Blue),
                    border: on(Color::DarkGray),
                    focus: bold(Color::Magenta),
                    // Reverse video: the strongest band there is on white.
                    selected: Style::default().fg(Color::White).bg(Color::Black),
                    ok: bold(Color::Green),
                    // Yellow as a background under black text, never as text on white.
                    warn: Style::default()
                        .fg(Color::Black)
                        .bg(Color::LightYellow)
                        .add_modifier(Modifier::BOLD),
                    danger: bold(Color::Red),
                    header: bold(Color::Black),
                    current_step: Style::default()
                        .fg(Color::White)
                        .bg(Color::Blue)
                        .add_modifier(Modifier::BOLD),
                    new_mark: bold(Color::Green),
                }
            }
        }
    }

    /// 24-bit colour.
    fn true_color(theme: PaletteName) -> Palette {
        match theme {
            PaletteName::Dark => {
                let bg = Color::Rgb(16, 20, 26);
                let fg = Color::Rgb(235, 238, 242);
                Palette {
                    base: Style::default().fg(fg).bg(bg),
                    dim: Style::default().fg(Color::Rgb(150, 160, 172)).bg(bg),
                    title: Style::default()
                        .fg(Color::Rgb(255, 255, 255))
                        .bg(bg)
                        .add_modifier(Modifier::BOLD),
                    accent: Style::default()
                        .fg(Color::Rgb(110, 200, 255))
                        .bg(bg)
                        .add_modifier(Modifier::BOLD),
                    border: Style::default().fg(Color::Rgb(90, 100, 115)).bg(bg),
                    focus: Style::default()
                        .fg(Color::Rgb(255, 214, 90))
                        .bg(bg)
                        .add_modifier(Modifier::BOLD),
                    selected: Style::default()
                        .fg(Color::Rgb(10, 12, 16))
                        .bg(Color::Rgb(255, 214, 90)),
                    ok: Style::default().fg(Color::Rgb(120, 220, 140)).bg(bg),
                    warn: Style::default()
                        .fg(Color::Rgb(255, 176, 0))
                        .bg(bg)
                        .add_modifier(Modifier::BOLD),
                    danger: Style::default()
                        .fg(Color::Rgb(255, 95, 95))
                        .bg(bg)
                        .add_modifier(Modifier::BOLD),
                    header: Style::default()
                        .fg(fg)
                        .bg(Color::Rgb(34, 42, 54))
                        .add_modifier(Modifier::BOLD),
                    current_step: Style::default()
                        .fg(Color::Rgb(10, 12, 16))
                        .bg(Color::Rgb(110, 200, 255))
                        .add_modifier(Modifier::BOLD),
                    new_mark: Style::default()
                        .fg(Color::Rgb(120, 220, 140))
                        .bg(bg)
                        .add_modifier(Modifier::BOLD),
                }
            }
            PaletteName::Light => {
                // Black on white, saturated accents: readable on a washed-out projector.
                let bg = Color::Rgb(255, 255, 255);
                let fg = Color::Rgb(0, 0, 0);
                Palette {
                    base: Style::default().fg(fg).bg(bg),
                    dim: Style::default().fg(Color::Rgb(70, 70, 80)).bg(bg),
                    title: Style::default().fg(fg).bg(bg).add_modifier(Modifier::BOLD),
                    accent: Style::default()
                        .fg(Color::Rgb(0, 60, 170))
                        .bg(bg)
                        .add_modifier(Modifier::BOLD),
                    border: Style::default().fg(Color::Rgb(90, 90, 100)).bg(bg),
                    focus: Style::default()
                        .fg(Color::Rgb(170, 0, 90))
                        .bg(bg)
                        .add_modifier(Modifier::BOLD),
                    // Distinct from the current step (white on blue): black on amber.
                    selected: Style::default()
                        .fg(Color::Rgb(0, 0, 0))
                        .bg(Color::Rgb(255, 200, 60)),
                    ok: Style::default()
                        .fg(Color::Rgb(0, 110, 30))
                        .bg(bg)
                        .add_modifier(Modifier::BOLD),
                    warn: Style::default()
                        .fg(Color::Rgb(150, 70, 0))
                        .bg(bg)
                        .add_modifier(Modifier::BOLD),
                    danger: Style::default()
                        .fg(Color::Rgb(190, 0, 0))
                        .bg(bg)
                        .add_modifier(Modifier::BOLD),
                    header: Style::default()
                        .fg(fg)
                        .bg(Color::Rgb(225, 230, 238))
                        .add_modifier(Modifier::BOLD),
                    current_step: Style::default()
                        .fg(Color::Rgb(255, 255, 255))
                        .bg(Color::Rgb(0, 60, 170))
                        .add_modifier(Modifier::BOLD),
                    new_mark: Style::default()
                        .fg(Color::Rgb(0, 110, 30))
                        .bg(bg)
                        .add_modifier(Modifier::BOLD),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `depth_from` with only the variables named, the others unset.
    #[derive(Default)]
    struct Env<'a> {
        no_color: Option<&'a str>,
        colorterm: Option<&'a str>,
        term: Option<&'a str>,
        wt_session: Option<&'a str>,
        term_program: Option<&'a str>,
    }

    impl Env<'_> {
        fn depth(&self) -> Depth {
            depth_from(
                self.no_color,
                self.colorterm,
                self.term,
                self.wt_session,
                self.term_program,
            )
        }
    }

    const WT: &str = "8d2b4a1e-3c6f-4e0a-9b7d-1f2e3d4c5b6a";

    #[test]
    fn no_color_wins_over_everything() {
        for no_color in ["1", "0", "false", "yes"] {
            let env = Env {
                no_color: Some(no_color),
                colorterm: Some("truecolor"),
                term: Some("xterm-256color"),
                wt_session: Some(WT),
                term_program: Some("iTerm.app"),
            };
            assert_eq!(env.depth(), Depth::None, "NO_COLOR={no_color}");
        }
    }

    #[test]
    fn an_empty_no_color_is_not_set() {
        let env = Env {
            no_color: Some(""),
            colorterm: Some("truecolor"),
            ..Env::default()
        };
        assert_eq!(env.depth(), Depth::TrueColor);
        let env = Env {
            no_color: Some(""),
            ..Env::default()
        };
        assert_eq!(env.depth(), Depth::Ansi16);
    }

    #[test]
    fn colorterm_truecolor_or_24bit_is_true_colour() {
        for colorterm in ["truecolor", "24bit", "TrueColor", "24BIT", " truecolor "] {
            for term in [None, Some("xterm"), Some("xterm-256color"), Some("dumb")] {
                let env = Env {
                    colorterm: Some(colorterm),
                    term,
                    ..Env::default()
                };
                assert_eq!(env.depth(), Depth::TrueColor, "{colorterm:?} {term:?}");
            }
        }
    }

    #[test]
    fn other_colorterm_values_say_nothing() {
        for colorterm in ["", "1", "yes", "256", "rxvt-xpm", "gnome-terminal"] {
            let env = Env {
                colorterm: Some(colorterm),
                term: Some("xterm-256color"),
                ..Env::default()
            };
            assert_eq!(env.depth(), Depth::Ansi16, "COLORTERM={colorterm:?}");
        }
    }

    #[test]
    fn windows_terminal_is_true_colour() {
        // Windows Terminal sets WT_SESSION and no TERM (PowerShell, cmd) …
        let env = Env {
            wt_session: Some(WT),
            ..Env::default()
        };
        assert_eq!(env.depth(), Depth::TrueColor);
        // … and inside WSL, WT_SESSION with a 256-colour TERM.
        let env = Env {
            wt_session: Some(WT),
            term: Some("xterm-256color"),
            ..Env::default()
        };
        assert_eq!(env.depth(), Depth::TrueColor);
        let env = Env {
            wt_session: Some(""),
            ..Env::default()
        };
        assert_eq!(env.depth(), Depth::Ansi16, "an empty WT_SESSION is not set");
    }

    #[test]
    fn the_old_windows_console_host_gets_16_colours() {
        // conhost.exe (cmd or PowerShell in their own window): none of the variables.
        assert_eq!(Env::default().depth(), Depth::Ansi16);
    }

    #[test]
    fn macos_terminals() {
        for program in ["iTerm.app", "vscode", "WezTerm"] {
            let env = Env {
                term_program: Some(program),
                term: Some("xterm-256color"),
                ..Env::default()
            };
            assert_eq!(env.depth(), Depth::TrueColor, "{program}");
        }
        // Terminal.app: 256 colours, unless it says it has more.
        let apple = Env {
            term_program: Some("Apple_Terminal"),
            term: Some("xterm-256color"),
            ..Env::default()
        };
        assert_eq!(apple.depth(), Depth::Ansi16);
        let newer = Env {
            colorterm: Some("truecolor"),
            ..apple
        };
        assert_eq!(newer.depth(), Depth::TrueColor);
        let apple_kitty_term = Env {
            term_program: Some("Apple_Terminal"),
            term: Some("xterm-kitty"),
            ..Env::default()
        };
        assert_eq!(
            apple_kitty_term.depth(),
            Depth::Ansi16,
            "TERM_PROGRAM comes before TERM"
        );
    }

    #[test]
    fn unknown_term_programs_fall_through_to_term() {
        for program in ["tmux", "Hyper", "ghostty", ""] {
            let env = Env {
                term_program: Some(program),
                term: Some("screen-256color"),
                ..Env::default()
            };
            assert_eq!(env.depth(), Depth::Ansi16, "{program}");
            let env = Env {
                term_program: Some(program),
                term: Some("xterm-direct"),
                ..Env::default()
            };
            assert_eq!(env.depth(), Depth::TrueColor, "{program}");
        }
    }

    #[test]
    fn term_alone() {
        let cases = [
            (None, Depth::Ansi16),
            (Some(""), Depth::Ansi16),
            (Some("dumb"), Depth::Ansi16),
            (Some("linux"), Depth::Ansi16),
            (Some("vt100"), Depth::Ansi16),
            (Some("xterm"), Depth::Ansi16),
            (Some("screen"), Depth::Ansi16),
            (Some("tmux-256color"), Depth::Ansi16),
            (Some("xterm-256color"), Depth::Ansi16),
            (Some("rxvt-unicode-256color"), Depth::Ansi16),
            (Some("xterm-direct"), Depth::TrueColor),
            (Some("tmux-direct"), Depth::TrueColor),
            (Some("xterm-kitty"), Depth::TrueColor),
            (Some("alacritty"), Depth::TrueColor),
            (Some("foot"), Depth::TrueColor),
            (Some("wezterm"), Depth::TrueColor),
            (Some("xterm-ghostty"), Depth::TrueColor),
        ];
        for (term, depth) in cases {
            let env = Env {
                term,
                ..Env::default()
            };
            assert_eq!(env.depth(), depth, "TERM={term:?}");
        }
    }

    fn styles(p: &Palette) -> [(&'static str, Style); 13] {
        [
            ("base", p.base),
            ("dim", p.dim),
            ("title", p.title),
            ("accent", p.accent),
            ("border", p.border),
            ("focus", p.focus),
            ("selected", p.selected),
            ("ok", p.ok),
            ("warn", p.warn),
            ("danger", p.danger),
            ("header", p.header),
            ("current_step", p.current_step),
            ("new_mark", p.new_mark),
        ]
    }

    const THEMES: [PaletteName; 2] = [PaletteName::Dark, PaletteName::Light];

    #[test]
    fn sixteen_colours_are_named_colours_with_both_sides_set() {
        for theme in THEMES {
            for (name, style) in styles(&Palette::new(theme, Depth::Ansi16)) {
                for c in [style.fg, style.bg] {
                    let named = c.is_some_and(|c| {
                        !matches!(c, Color::Rgb(..) | Color::Indexed(_) | Color::Reset)
                    });
                    assert!(named, "{theme:?} {name}: {c:?}");
                }
                assert_ne!(style.fg, style.bg, "{theme:?} {name}");
            }
        }
    }

    #[test]
    fn sixteen_colours_keep_to_readable_pairs() {
        // Text colours that fade into the background (or nearly, on common schemes).
        let unreadable = |theme: PaletteName, fg: Color, bg: Color| match (theme, bg) {
            (_, Color::Black) => matches!(fg, Color::DarkGray | Color::Blue | Color::Black),
            (_, Color::White) => matches!(
                fg,
                Color::Yellow | Color::LightYellow | Color::White | Color::Gray | Color::LightCyan
            ),
            _ => false,
        };
        for theme in THEMES {
            let p = Palette::new(theme, Depth::Ansi16);
            let screen_bg = match theme {
                PaletteName::Dark => Color::Black,
                PaletteName::Light => Color::White,
            };
            assert_eq!(p.base.bg, Some(screen_bg), "{theme:?}");
            for (name, style) in styles(&p) {
                if let (Some(fg), Some(bg)) = (style.fg, style.bg) {
                    assert!(
                        !unreadable(theme, fg, bg),
                        "{theme:?} {name}: {fg:?} on {bg:?}"
                    );
                }
            }
            // The schedule's delay is drawn in danger's colour on the header's background.
            let delay = p.header.patch(p.danger).bg(p.header.bg.unwrap_or_default());
            assert_eq!(delay.bg, Some(screen_bg), "{theme:?}");
            assert!(!unreadable(theme, delay.fg.unwrap_or_default(), screen_bg));
        }
    }

    #[test]
    fn sixteen_colours_keep_the_roles_apart() {
        for theme in THEMES {
            let p = Palette::new(theme, Depth::Ansi16);
            let pairs = [
                ("selected", p.selected, "base", p.base),
                ("selected", p.selected, "current_step", p.current_step),
                ("current_step", p.current_step, "base", p.base),
                ("focus", p.focus, "border", p.border),
                ("focus", p.focus, "accent", p.accent),
                ("focus", p.focus, "title", p.title),
                ("warn", p.warn, "danger", p.danger),
                ("warn", p.warn, "title", p.title),
                ("warn", p.warn, "dim", p.dim),
                ("warn", p.warn, "accent", p.accent),
                ("danger", p.danger, "title", p.title),
                ("ok", p.ok, "warn", p.warn),
            ];
            for (a, sa, b, sb) in pairs {
                assert!(
                    (sa.fg, sa.bg) != (sb.fg, sb.bg),
                    "{theme:?}: {a} and {b} look the same"
                );
            }
            // A selected row is a band of another background.
            assert_ne!(p.selected.bg, p.base.bg, "{theme:?}");
        }
    }

    #[test]
    fn true_colour_is_rgb_and_no_colour_is_none() {
        for theme in THEMES {
            for (name, style) in styles(&Palette::new(theme, Depth::TrueColor)) {
                for c in [style.fg, style.bg] {
                    assert!(matches!(c, Some(Color::Rgb(..))), "{theme:?} {name}: {c:?}");
                }
            }
            for (name, style) in styles(&Palette::new(theme, Depth::None)) {
                assert_eq!((style.fg, style.bg), (None, None), "{theme:?} {name}");
            }
        }
    }
}
