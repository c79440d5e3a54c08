//! Screen geometry shared by the views and by `update` (mouse clicks, arrow keys in the grid).

use ratatui::layout::Rect;

pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;
pub const HEADER_ROWS: u16 = 2;
pub const FOOTER_ROWS: u16 = 1;

pub fn too_small(size: (u16, u16)) -> bool {
    size.0 < MIN_WIDTH || size.1 < MIN_HEIGHT
}

pub fn screen(size: (u16, u16)) -> Rect {
    Rect::new(0, 0, size.0, size.1)
}

pub fn header(size: (u16, u16)) -> Rect {
    Rect::new(0, 0, size.0, HEADER_ROWS.min(size.1))
}

pub fn footer(size: (u16, u16)) -> Rect {
    Rect::new(
        0,
        size.1.saturating_sub(FOOTER_ROWS),
        size.0,
        FOOTER_ROWS.min(size.1),
    )
}

/// Between header and footer.
pub fn body(size: (u16, u16)) -> Rect {
    let h = size.1.saturating_sub(HEADER_ROWS + FOOTER_ROWS);
    Rect::new(0, HEADER_ROWS.min(size.1), size.0, h)
}

/// Width of the timer column beside the group grid.
pub fn timer_column_width(width: u16) -> u16 {
    if width >= 180 {
        44
    } else if width >= 120 {
        30
    } else {
        22
    }
}

/// (grid, timer) areas of a timed screen with a side timer.
pub fn split_timer(area: Rect) -> (Rect, Rect) {
    let tw = timer_column_width(area.width).min(area.width);
    let grid = Rect::new(area.x, area.y, area.width - tw, area.height);
    let timer = Rect::new(area.x + area.width - tw, area.y, tw, area.height);
    (grid, timer)
}

/// Columns of the group grid for `n` groups in an area `width` wide.
pub fn grid_columns(n: usize, width: u16) -> usize {
    match n {
        0 | 1 => 1,
        2 => 2,
        3 if width >= 140 => 3,
        3 | 4 => 2,
        _ if width >= 140 => 3,
        _ => 2,
    }
}

/// The rectangles of the group panes, row by row.
pub fn group_panes(body: Rect, n: usize, _width: u16) -> Vec<Rect> {
    let (grid, _) = split_timer(body);
    if n == 0 || grid.width == 0 || grid.height == 0 {
        return Vec::new();
    }
    let cols = grid_columns(n, grid.width);
    let rows = n.div_ceil(cols);
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let (r, c) = (i / cols, i % cols);
        let x0 = grid.x + (grid.width as usize * c / cols) as u16;
        let x1 = grid.x + (grid.width as usize * (c + 1) / cols) as u16;
        let y0 = grid.y + (grid.height as usize * r / rows) as u16;
        let y1 = grid.y + (grid.height as usize * (r + 1) / rows) as u16;
        out.push(Rect::new(x0, y0, x1 - x0, y1 - y0));
    }
    out
}

/// A centred rectangle of at most `w`×`h` inside `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panes_tile_the_grid_without_overlap() {
        for (w, h) in [(80, 24), (120, 35), (200, 60), (300, 100)] {
            for n in 1..=9 {
                let body = body((w, h));
                let panes = group_panes(body, n, w);
                assert_eq!(panes.len(), n);
                let area: u32 = panes.iter().map(|r| r.width as u32 * r.height as u32).sum();
                let (grid, _) = split_timer(body);
                let rows = n.div_ceil(grid_columns(n, grid.width));
                let full = rows * grid_columns(n, grid.width);
                // Equal to the grid when the last row is full.
                if full == n {
                    assert_eq!(area, grid.width as u32 * grid.height as u32);
                }
                for (i, a) in panes.iter().enumerate() {
                    for b in &panes[i + 1..] {
                        assert!(a.intersection(*b).is_empty(), "{a:?} {b:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn tiny_sizes_do_not_underflow() {
        for (w, h) in [(0, 0), (1, 1), (3, 2), (10, 3)] {
            let b = body((w, h));
            let _ = group_panes(b, 4, w);
            let _ = centered(b, 50, 10);
            let _ = footer((w, h));
        }
    }
}
