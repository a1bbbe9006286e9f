//! The whole state of the terminal UI. Drawing reads it; only `update`
//! changes it (the `Cell`s in [`UiCache`] are what the last frame measured:
//! scroll offsets and hit areas for the mouse).

use super::action::Action;
use super::detail_model::DetailState;
use super::form::FormState;
use super::input::LineInput;
use super::list_model::{CaseList, Column, Filter, GradeFilter};
use super::theme::Theme;
use crate::model::{Grade, ReviewStatus};
use crate::workspace::Summary;
use ratatui::layout::Rect;
use std::cell::{Cell, RefCell};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    List,
    Detail,
    Summary,
    /// 新建案卷 / 修改案卷 (the entry form, `app.entry`).
    Entry,
}

/// One choice of the filter picker.
#[derive(Debug, Clone, PartialEq)]
pub enum PickOption {
    ClearAll,
    Status(Option<ReviewStatus>),
    Grade(Option<GradeFilter>),
    Department(Option<String>),
    /// 待录入: the files that came from a ledger (their case numbers), or
    /// `None` to show every file again.
    PendingEntry(Option<std::collections::BTreeSet<String>>),
}

impl PickOption {
    pub fn label(&self) -> String {
        match self {
            PickOption::ClearAll => "清除全部筛选".into(),
            PickOption::Status(None) => "状态：全部".into(),
            PickOption::Status(Some(s)) => format!("状态：{s}"),
            PickOption::Grade(None) => "等次：全部".into(),
            PickOption::Grade(Some(GradeFilter::Is(g))) => format!("等次：{g}"),
            PickOption::Grade(Some(GradeFilter::None)) => "等次：未定等次".into(),
            PickOption::Department(None) => "部门：全部".into(),
            PickOption::Department(Some(d)) => format!("部门：{d}"),
            PickOption::PendingEntry(Some(s)) => {
                format!(
                    "待录入：台账导入、只含台账信息的案卷（{} 件；E 逐件补录）",
                    s.len()
                )
            }
            PickOption::PendingEntry(None) => "待录入：全部案卷".into(),
        }
    }

    /// Is this choice what the filter has now?
    pub fn active(&self, f: &Filter) -> bool {
        match self {
            PickOption::ClearAll => false,
            PickOption::Status(s) => f.status == *s,
            PickOption::Grade(g) => f.grade == *g,
            PickOption::Department(d) => f.department == *d,
            PickOption::PendingEntry(s) => f.pending_entry.is_some() && s.is_some(),
        }
    }

    pub fn apply(&self, f: &mut Filter) {
        match self {
            PickOption::ClearAll => *f = Filter::default(),
            PickOption::Status(s) => f.status = *s,
            PickOption::Grade(g) => f.grade = *g,
            PickOption::Department(d) => f.department = d.clone(),
            PickOption::PendingEntry(s) => f.pending_entry = s.clone(),
        }
    }
}

pub struct PickerState {
    pub options: Vec<PickOption>,
    pub query: LineInput,
    /// Indexes into `options` matching the query.
    pub shown: Vec<usize>,
    pub sel: usize,
}

impl PickerState {
    pub fn new(departments: &[String]) -> PickerState {
        Self::with_pending(departments, Vec::new())
    }

    /// The picker with a 待录入 choice when some files came from a ledger.
    pub fn with_pending(departments: &[String], pending: Vec<String>) -> PickerState {
        let mut options = vec![PickOption::ClearAll, PickOption::Status(None)];
        if !pending.is_empty() {
            options.insert(
                1,
                PickOption::PendingEntry(Some(pending.into_iter().collect())),
            );
        }
        options.extend(
            ReviewStatus::ALL
                .iter()
                .map(|s| PickOption::Status(Some(*s))),
        );
        options.push(PickOption::Grade(None));
        for g in [Grade::Excellent, Grade::Good, Grade::Pass, Grade::Fail] {
            options.push(PickOption::Grade(Some(GradeFilter::Is(g))));
        }
        options.push(PickOption::Grade(Some(GradeFilter::None)));
        options.push(PickOption::Department(None));
        options.extend(
            departments
                .iter()
                .map(|d| PickOption::Department(Some(d.clone()))),
        );
        let shown = (0..options.len()).collect();
        PickerState {
            options,
            query: LineInput::default(),
            shown,
            sel: 0,
        }
    }

    pub fn requery(&mut self) {
        let q = self.query.text().trim().to_string();
        self.shown = (0..self.options.len())
            .filter(|&i| q.is_empty() || super::fuzzy_match(&q, &self.options[i].label()))
            .collect();
        self.sel = 0;
    }

    pub fn current(&self) -> Option<&PickOption> {
        self.shown.get(self.sel).map(|&i| &self.options[i])
    }
}

/// A question waiting for 是 / 否.
pub struct ConfirmState {
    pub title: String,
    pub text: String,
    /// What 是 does.
    pub yes: Action,
}

pub enum Popup {
    Picker(PickerState),
    Form(Box<FormState>),
    Confirm(ConfirmState),
}

/// A line for the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

/// What the last frame measured.
#[derive(Debug, Default)]
pub struct UiCache {
    pub list_body: Cell<Rect>,
    pub list_offset: Cell<usize>,
    pub list_header: Cell<Rect>,
    /// Column x ranges of the list header: (start, end, column).
    pub list_columns: RefCell<Vec<(u16, u16, Column)>>,
    pub items_area: Cell<Rect>,
    pub items_offset: Cell<usize>,
    pub info_area: Cell<Rect>,
    pub info_max: Cell<usize>,
    pub summary_max: Cell<usize>,
    pub help_max: Cell<usize>,
    pub picker_area: Cell<Rect>,
    pub screen: Cell<Rect>,
}

pub struct App {
    pub screen: Screen,
    pub popup: Option<Popup>,
    /// The help overlay (over anything) when shown: how far it is scrolled.
    pub help_scroll: Option<usize>,
    pub list: CaseList,
    /// The search line is being edited.
    pub searching: bool,
    pub search: LineInput,
    pub detail: Option<DetailState>,
    /// The entry form, while [`Screen::Entry`] is shown.
    pub entry: Option<Box<super::entry::EntryState>>,
    pub summary: Option<Summary>,
    pub summary_scroll: usize,
    pub message: Option<Message>,
    /// Remembered between problems.
    pub reviewer: String,
    pub theme: Theme,
    pub quit: bool,
    pub ui: UiCache,
    /// The full case list being read in the background (large databases).
    pub loading: Option<Loading>,
}

/// A case list being read in the background.
#[derive(Debug)]
pub struct Loading {
    /// The number of files being read.
    pub total: i64,
    /// Where the list will arrive.
    pub rx: std::sync::mpsc::Receiver<crate::error::Result<CaseList>>,
}

impl App {
    pub fn new(list: CaseList, reviewer: &str, theme: Theme) -> App {
        App {
            screen: Screen::List,
            popup: None,
            help_scroll: None,
            list,
            searching: false,
            search: LineInput::default(),
            detail: None,
            entry: None,
            summary: None,
            summary_scroll: 0,
            message: None,
            reviewer: reviewer.to_string(),
            theme,
            quit: false,
            ui: UiCache::default(),
            loading: None,
        }
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: false,
        });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: true,
        });
    }

    pub fn reviewer_opt(&self) -> Option<&str> {
        let r = self.reviewer.trim();
        (!r.is_empty()).then_some(r)
    }
}
