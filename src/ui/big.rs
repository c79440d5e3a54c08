//! Text in large glyphs (tui-big-text's 8×8 font), as large as the room allows: the theme
//! being presented, the person speaking, the zone, the plenary's headings.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::Widget;
use tui_big_text::{BigText, PixelSize};

use super::{fit, put};

/// Characters the 8×8 font draws; others fall back to plain bold text.
pub(crate) fn drawable(s: &str) -> bool {
    s.chars().all(|c| (c as u32) < 0x100)
}

/// `text` in the largest glyphs that fit `width` and at most `max_rows` rows, on one line or
/// two; plain bold when nothing fits. Returns the rows used.
pub(crate) fn big(
    text: &str,
    style: Style,
    x: u16,
    y: u16,
    width: u16,
    max_rows: u16,
    buf: &mut Buffer,
) -> u16 {
    let tw = fit::width(text) as u16;
    let words: Vec<&str> = text.split_whitespace().collect();
    let half = words.len().div_ceil(2);
    let two = [
        words.get(..half).unwrap_or(&[]).join(" "),
        words.get(half..).unwrap_or(&[]).join(" "),
    ];
    let two_w = two.iter().map(|l| fit::width(l) as u16).max().unwrap_or(0);
    let choice = drawable(text)
        .then(|| {
            [
                (PixelSize::Full, 8u16, 8u16, false),
                (PixelSize::HalfHeight, 8, 4, false),
                (PixelSize::HalfHeight, 8, 4, true),
                (PixelSize::Quadrant, 4, 4, false),
                (PixelSize::Quadrant, 4, 4, true),
            ]
            .into_iter()
            .find(|(_, cw, ch, split)| {
                let (w, rows) = if *split { (two_w, 2) } else { (tw, 1) };
                w * cw <= width && ch * rows <= max_rows
            })
        })
        .flatten();
    match choice {
        Some((px, _, ch, split)) => {
            let lines: Vec<Line> = if split {
                two.iter().map(|l| Line::from(l.clone())).collect()
            } else {
                vec![Line::from(text.to_string())]
            };
            let h = ch * lines.len() as u16;
            BigText::builder()
                .pixel_size(px)
                .style(style)
                .alignment(Alignment::Left)
                .lines(lines)
                .build()
                .render(Rect::new(x, y, width, h), buf);
            h
        }
        None => {
            if max_rows == 0 {
                return 0;
            }
            let lines = fit::wrap(text, width as usize);
            let n = (lines.len() as u16).min(max_rows).min(3);
            for (i, l) in lines.iter().take(n as usize).enumerate() {
                put(
                    buf,
                    x,
                    y + i as u16,
                    l,
                    width,
                    style.add_modifier(Modifier::BOLD),
                );
            }
            n
        }
    }
}
