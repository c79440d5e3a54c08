//! A QR code for the room's links, drawn with half blocks: two modules a character cell
//! (upper and lower), so that it is square on a terminal and scannable from a projector.

use qrcode::{Color, EcLevel, QrCode};

/// The quiet zone around the code, in modules (the standard asks 4; 2 is read by every
/// phone tried, and the projector's frame is dark anyway: the zone is drawn light).
const QUIET: usize = 2;

/// The code as lines of text, dark modules as blocks on a light background: `█` both
/// halves dark, `▀` upper, `▄` lower, space neither. Light is what the phone expects as
/// background, so the lines are meant to be drawn dark-on-light. Empty if the text is too
/// long for a QR code.
pub fn lines(text: &str) -> Vec<String> {
    scaled(text, 1)
}

/// The code `scale` times larger: at 1, half blocks (a module is one column and half a
/// row); at 2 and more, full blocks, a module `scale` columns wide and `scale / 2` rows high.
pub fn scaled(text: &str, scale: usize) -> Vec<String> {
    if scale >= 2 {
        let modules = modules(text);
        let (cols, rows) = (scale, scale / 2);
        return modules
            .iter()
            .flat_map(|row| {
                let line: String = row
                    .iter()
                    .flat_map(|dark| std::iter::repeat_n(if *dark { '█' } else { ' ' }, cols))
                    .collect();
                std::iter::repeat_n(line, rows)
            })
            .collect();
    }
    let rows = modules(text);
    let size = rows.len();
    let dark = |x: usize, y: usize| rows.get(y).and_then(|r| r.get(x)).copied().unwrap_or(false);
    (0..size.div_ceil(2))
        .map(|row| {
            (0..size)
                .map(|x| match (dark(x, 2 * row), dark(x, 2 * row + 1)) {
                    (true, true) => '█',
                    (true, false) => '▀',
                    (false, true) => '▄',
                    (false, false) => ' ',
                })
                .collect()
        })
        .collect()
}

/// The modules, quiet zone included, row by row: true for dark.
fn modules(text: &str) -> Vec<Vec<bool>> {
    let Ok(code) = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::L) else {
        return Vec::new();
    };
    let width = code.width();
    let colors = code.to_colors();
    let size = width + 2 * QUIET;
    let dark = |x: usize, y: usize| -> bool {
        if x < QUIET || y < QUIET || x >= width + QUIET || y >= width + QUIET {
            return false;
        }
        colors
            .get((y - QUIET) * width + (x - QUIET))
            .is_some_and(|c| *c == Color::Dark)
    };
    (0..size)
        .map(|y| (0..size).map(|x| dark(x, y)).collect())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_room_link_fits_an_80_by_24_screen() {
        let l = lines("http://192.168.100.123:8765/AbCdEfGhIjKlMnOp");
        assert!(!l.is_empty());
        let w = l[0].chars().count();
        assert!(w <= 37, "{w}");
        assert!(l.len() <= 19, "{}", l.len());
        assert!(l.iter().all(|r| r.chars().count() == w));
        // The finder pattern's top edge: seven dark modules in a row after the quiet zone.
        assert!(
            l[1].chars().skip(2).take(7).all(|c| c == '█' || c == '▀'),
            "{:?}",
            l[1]
        );
        // Twice as large: two columns and one row a module, the same pattern.
        let big = scaled("http://192.168.100.123:8765/AbCdEfGhIjKlMnOp", 2);
        assert_eq!(big[0].chars().count(), 2 * w);
        assert!(
            big[2].chars().skip(4).take(14).all(|c| c == '█'),
            "{:?}",
            big[2]
        );
    }
}
