//! A one-line text input: the text, a cursor (in chars), and a width-aware
//! view for drawing, so the real terminal cursor (where the IME draws its
//! candidate window) sits after the last character typed.

use super::widgets::cjk;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineInput {
    text: String,
    /// Cursor position in chars.
    cursor: usize,
}

impl LineInput {
    pub fn new(text: &str) -> LineInput {
        LineInput {
            text: text.to_string(),
            cursor: text.chars().count(),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn set(&mut self, text: &str) {
        *self = LineInput::new(text);
    }

    pub fn clear(&mut self) {
        *self = LineInput::default();
    }

    fn byte_at(&self, chars: usize) -> usize {
        self.text
            .char_indices()
            .nth(chars)
            .map_or(self.text.len(), |(i, _)| i)
    }

    pub fn insert_str(&mut self, s: &str) {
        let clean = cjk::one_line(s);
        let at = self.byte_at(self.cursor);
        self.text.insert_str(at, &clean);
        self.cursor += clean.chars().count();
    }

    /// Applies an editing key; returns whether the key was used.
    pub fn handle_key(&mut self, key: &KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Char('u') if ctrl => self.clear(),
            KeyCode::Char('a') if ctrl => self.cursor = 0,
            KeyCode::Char('e') if ctrl => self.cursor = self.text.chars().count(),
            KeyCode::Char(_) if ctrl => return false,
            KeyCode::Char(c) => {
                let mut b = [0u8; 4];
                self.insert_str(c.encode_utf8(&mut b));
            }
            KeyCode::Backspace if self.cursor > 0 => {
                let at = self.byte_at(self.cursor - 1);
                self.text.remove(at);
                self.cursor -= 1;
            }
            KeyCode::Delete if self.cursor < self.text.chars().count() => {
                let at = self.byte_at(self.cursor);
                self.text.remove(at);
            }
            KeyCode::Left => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Right => self.cursor = (self.cursor + 1).min(self.text.chars().count()),
            KeyCode::Home => self.cursor = 0,
            KeyCode::End => self.cursor = self.text.chars().count(),
            KeyCode::Backspace | KeyCode::Delete => {}
            _ => return false,
        }
        true
    }

    /// The part of the text to draw in `w` columns and the cursor's column
    /// in it; scrolls horizontally so that the cursor stays visible.
    pub fn view(&self, w: usize) -> (String, usize) {
        let w = w.max(1);
        let chars: Vec<char> = self
            .text
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let before: usize = chars[..self.cursor]
            .iter()
            .map(|c| cjk::char_width(*c))
            .sum();
        // First visible char: drop chars from the left until the cursor fits.
        let mut start = 0;
        let mut skipped = 0;
        while before - skipped >= w && start < self.cursor {
            skipped += cjk::char_width(chars[start]);
            start += 1;
        }
        let mut out = String::new();
        let mut used = 0;
        for &c in &chars[start..] {
            let cw = cjk::char_width(c);
            if used + cw > w {
                break;
            }
            out.push(c);
            used += cw;
        }
        (out, before - skipped)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: KeyCode) -> KeyEvent {
        KeyEvent::new(c, KeyModifiers::NONE)
    }

    #[test]
    fn edits_chinese() {
        let mut i = LineInput::default();
        for c in "送达超期".chars() {
            i.handle_key(&key(KeyCode::Char(c)));
        }
        assert_eq!(i.view(20), ("送达超期".to_string(), 8));
        i.handle_key(&key(KeyCode::Backspace));
        i.handle_key(&key(KeyCode::Left));
        i.insert_str("a\nb");
        assert_eq!(i.text(), "送达a b超");
    }

    #[test]
    fn view_scrolls_to_cursor() {
        let i = LineInput::new("一二三四五六七八九十");
        let (s, col) = i.view(7);
        assert!(cjk::width(&s) <= 7);
        assert!(col < 7);
        assert!(s.ends_with('十'));
    }
}
