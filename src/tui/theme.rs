//! Colours, or none: with `NO_COLOR` set every style is a plain modifier
//! (bold, reversed, underlined), so the screen stays readable in monochrome.

use crate::model::{Grade, ItemMark, ReviewStatus};
use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to a non-empty value (no-color.org).
    pub fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme { color: !no_color }
    }

    pub fn mono() -> Theme {
        Theme { color: false }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    /// Titles and headers.
    pub fn title(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn header(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    /// The selected row.
    pub fn selected(&self) -> Style {
        if self.color {
            Style::new().bg(Color::Blue).fg(Color::White)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    /// The selected row of a pane without focus.
    pub fn selected_unfocused(&self) -> Style {
        if self.color {
            Style::new().bg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::UNDERLINED)
        }
    }

    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new()
        }
    }

    pub fn key(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn ok(&self) -> Style {
        self.fg(Color::Green)
    }

    pub fn warn(&self) -> Style {
        self.fg(Color::Yellow)
    }

    pub fn border(&self) -> Style {
        self.fg(Color::Gray)
    }

    pub fn focus_border(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn bar(&self) -> Style {
        self.fg(Color::Green)
    }

    pub fn status(&self, s: ReviewStatus) -> Style {
        match s {
            ReviewStatus::NotStarted => self.dim(),
            ReviewStatus::InProgress => self.warn(),
            ReviewStatus::PendingReview => self.fg(Color::Cyan),
            ReviewStatus::Completed => self.ok(),
        }
    }

    pub fn grade(&self, g: Grade) -> Style {
        match g {
            Grade::Excellent => self.fg(Color::Green).add_modifier(Modifier::BOLD),
            Grade::Good => self.fg(Color::Green),
            Grade::Pass => self.fg(Color::Yellow),
            Grade::Fail => self.fg(Color::Red).add_modifier(Modifier::BOLD),
        }
    }

    pub fn mark(&self, m: ItemMark) -> Style {
        match m {
            ItemMark::Unchecked => self.dim(),
            ItemMark::Compliant => self.ok(),
            ItemMark::Problem => self.fg(Color::Red).add_modifier(Modifier::BOLD),
            ItemMark::NotApplicable => self.dim(),
        }
    }

    /// A suggestion waiting for 确认 / 驳回.
    pub fn suggestion(&self) -> Style {
        self.fg(Color::Magenta).add_modifier(Modifier::BOLD)
    }
}
