//! Popups over wide characters: clear one extra column on each side, so a
//! double-width glyph straddling the popup's edge never leaves half a
//! character behind (ratatui#2526).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Clear;

/// A centred rectangle of at most `w`×`h` inside `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width.saturating_sub(2)).max(1);
    let h = h.min(area.height).max(1);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// Clears the popup's area and one column beyond each side.
pub fn clear(frame: &mut Frame, popup: Rect) {
    let screen = frame.area();
    let x = popup.x.saturating_sub(1).max(screen.x);
    let right = (popup.x + popup.width + 1).min(screen.x + screen.width);
    frame.render_widget(
        Clear,
        Rect {
            x,
            y: popup.y,
            width: right - x,
            height: popup.height,
        },
    );
}
