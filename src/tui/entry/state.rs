//! The entry form's state: the draft, which cell has the focus, what the
//! validation and the checks last said, and the question being asked.

use crate::entry::schema::{self, Block, Field, Group};
use crate::entry::{Draft, Placed};
use crate::model::Suggestion;
use crate::tui::app::Screen;
use crate::tui::input::LineInput;

/// One cell of the form: a single field, or a column of a group line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    Field(&'static Field),
    Line {
        group: &'static Group,
        row: usize,
        col: usize,
    },
}

impl Cell {
    pub fn field(&self) -> &'static Field {
        match self {
            Cell::Field(f) => f,
            Cell::Line { group, col, .. } => &group.cols[*col],
        }
    }

    /// The draft path of the cell (`case_no`, `events[2].date`).
    pub fn path(&self) -> String {
        match self {
            Cell::Field(f) => f.path.to_string(),
            Cell::Line { group, row, col } => {
                format!("{}[{row}].{}", group.path, group.cols[*col].path)
            }
        }
    }
}

/// What the form is asking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    /// Esc on a changed form: discard the typing?
    Discard,
    /// Ctrl-C: leave pingcha?
    Quit,
    /// A draft was found on opening: continue with it?
    Resume,
}

pub struct EntryState {
    pub draft: Draft,
    /// Where the draft is kept in the database.
    pub slot: String,
    /// The case number of the stored file being corrected (修改案卷).
    pub editing: Option<String>,
    pub focus: usize,
    pub input: LineInput,
    /// Something was typed since the form opened.
    pub changed: bool,
    /// What validation says now (missing and wrong fields).
    pub problems: Vec<Placed>,
    /// What the automatic checks raise on the draft now.
    pub suggestions: Vec<Suggestion>,
    /// The 案号 typed is already stored.
    pub duplicate: bool,
    pub departments: Vec<String>,
    pub ask: Option<Ask>,
    /// A draft found on opening, waiting for the answer to [`Ask::Resume`].
    pub pending: Option<(Draft, String)>,
    /// The files still to complete when stepping through 待录入.
    pub queue: Vec<String>,
    /// The line of the form that was first on screen last frame.
    pub scroll: std::cell::Cell<usize>,
    pub message: Option<(String, bool)>,
    /// Each department's officers on its last file entered here.
    pub last_officers: std::collections::BTreeMap<String, Vec<Vec<String>>>,
    /// The officer lines offered on opening (replaced by the department's
    /// own when the department changes, unless typed over).
    pub offered_officers: Vec<Vec<String>>,
    /// The screen the form was opened from.
    pub back: Screen,
}

impl EntryState {
    pub fn new(draft: Draft, slot: String, editing: Option<String>) -> EntryState {
        let mut s = EntryState {
            draft,
            slot,
            editing,
            focus: 0,
            input: LineInput::default(),
            changed: false,
            problems: Vec::new(),
            suggestions: Vec::new(),
            duplicate: false,
            departments: Vec::new(),
            ask: None,
            pending: None,
            queue: Vec::new(),
            scroll: std::cell::Cell::new(0),
            message: None,
            last_officers: Default::default(),
            offered_officers: Vec::new(),
            back: Screen::List,
        };
        s.load_input();
        s
    }

    /// Every cell in the order Tab walks them.
    pub fn cells(&self) -> Vec<Cell> {
        let mut v = Vec::new();
        for s in schema::FORM {
            for b in s.blocks {
                match b {
                    Block::Field(f) => v.push(Cell::Field(f)),
                    Block::Group(g) => {
                        for row in 0..self.draft.rows(g.path).len().max(1) {
                            for col in 0..g.cols.len() {
                                v.push(Cell::Line { group: g, row, col });
                            }
                        }
                    }
                }
            }
        }
        v
    }

    pub fn current(&self) -> Cell {
        let cells = self.cells();
        cells[self.focus.min(cells.len() - 1)]
    }

    /// The text of a cell in the draft.
    pub fn text(&self, c: Cell) -> &str {
        match c {
            Cell::Field(f) => self.draft.get(f.path),
            Cell::Line { group, row, col } => self
                .draft
                .rows(group.path)
                .get(row)
                .and_then(|r| r.get(col))
                .map_or("", String::as_str),
        }
    }

    pub fn set_text(&mut self, c: Cell, text: &str) {
        match c {
            Cell::Field(f) => self.draft.set(f.path, text),
            Cell::Line { group, row, col } => {
                let rows = self.draft.rows_mut(group.path);
                while rows.len() <= row {
                    rows.push(vec![String::new(); group.cols.len()]);
                }
                rows[row][col] = text.to_string();
            }
        }
    }

    /// Puts the focused cell's text into the line input.
    pub fn load_input(&mut self) {
        let c = self.current();
        self.input = LineInput::new(self.text(c));
    }

    /// The cell at which a draft path sits, if shown.
    pub fn cell_of(&self, path: &str) -> Option<usize> {
        self.cells().iter().position(|c| c.path() == path)
    }

    /// The problem validation reports for a cell.
    pub fn problem_at(&self, c: Cell) -> Option<&str> {
        let p = c.path();
        self.problems
            .iter()
            .find(|x| x.field.as_deref() == Some(p.as_str()))
            .map(|x| x.message.as_str())
    }

    /// The completions offered for the focused cell.
    pub fn completions(&self) -> Vec<String> {
        let c = self.current();
        let typed = self.input.text().trim();
        match c.field().kind {
            schema::Kind::Stage => crate::entry::stage::complete(typed)
                .into_iter()
                .filter(|s| *s != typed)
                .map(str::to_string)
                .collect(),
            _ if c.field().path == "department" && !typed.is_empty() => self
                .departments
                .iter()
                .filter(|d| d.as_str() != typed && d.contains(typed))
                .take(5)
                .cloned()
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The fields `docs/case-file.md` requires that are still missing or wrong, named.
    pub fn missing(&self) -> Vec<String> {
        self.problems
            .iter()
            .map(
                |p| match p.field.as_deref().and_then(|f| self.label_of(f)) {
                    Some(l) => format!("{l}：{}", p.message),
                    None => p.message.clone(),
                },
            )
            .collect()
    }

    /// A reader's name of a draft path (`events[2].date` → 程序环节第 3 行 日期).
    pub fn label_of(&self, path: &str) -> Option<String> {
        let (g, f) = schema::lookup(path)?;
        Some(match g {
            None => f.label.to_string(),
            Some((g, i)) => format!("{}第 {} 行{}", g.label, i + 1, f.label),
        })
    }
}
