//! Colours, in one place. Dark, light (bright meeting rooms) and no colour (`NO_COLOR`).

use ratatui::style::{Color, Modifier, Style};

use crate::app::PaletteName;

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
    pub fn new(theme: PaletteName, color: bool) -> Palette {
        if !color {
            let plain = Style::default();
            return Palette {
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
            };
        }
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
