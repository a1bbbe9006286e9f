//! One open file as the detail screen needs it: the library's `CaseView`,
//! the checklist as selectable lines (categories, items, their problems) and
//! the timeline with its gaps.

use crate::calendar::Calendar;
use crate::model::{FindingStatus, ItemMark};
use crate::workspace::CaseView;
use chrono::NaiveDate;
use uuid::Uuid;

/// A line of the checklist pane.
#[derive(Debug, Clone, PartialEq)]
pub enum Line {
    /// A category header: name, its points and what it lost.
    Category {
        name: String,
        points: f64,
        deducted: f64,
    },
    /// An item (index into `view.items`).
    Item(usize),
    /// A problem of an item (indexes into `view.items` and `view.findings`).
    Finding { item: usize, finding: usize },
}

impl Line {
    pub fn selectable(&self) -> bool {
        !matches!(self, Line::Category { .. })
    }
}

/// Which pane has the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Info,
    Items,
}

/// One procedure step with the gap since the step before.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub date: NaiveDate,
    pub stage: String,
    pub doc: Option<String>,
    pub note: Option<String>,
    /// (calendar days, working days) since the previous step.
    pub gap: Option<(i64, Option<i64>)>,
}

pub struct DetailState {
    pub view: CaseView,
    pub lines: Vec<Line>,
    /// Index into `lines` (always a selectable line when any exists).
    pub sel: usize,
    pub focus: Pane,
    pub info_scroll: usize,
    pub steps: Vec<Step>,
}

/// Working days between two dates (exclusive of the first), when the
/// calendar knows the years.
pub fn workdays(cal: &Calendar, a: NaiveDate, b: NaiveDate) -> Option<i64> {
    cal.workdays_between(a, b)
}

pub fn steps(view: &CaseView, cal: &Calendar) -> Vec<Step> {
    let mut out: Vec<Step> = Vec::new();
    let mut prev: Option<NaiveDate> = None;
    for e in view.case.timeline() {
        let gap = prev.map(|p| ((e.date - p).num_days(), workdays(cal, p, e.date)));
        out.push(Step {
            date: e.date,
            stage: e.stage.to_string(),
            doc: e.doc.clone(),
            note: e.note.clone(),
            gap,
        });
        prev = Some(e.date);
    }
    out
}

/// The checklist as lines: only the items that apply to the file, grouped
/// by category in checklist order, each followed by its problems.
pub fn lines(view: &CaseView) -> Vec<Line> {
    let mut cats: Vec<&str> = Vec::new();
    for it in view.items.iter().filter(|i| i.applies) {
        if !cats.contains(&it.category.as_str()) {
            cats.push(&it.category);
        }
    }
    let mut out = Vec::new();
    for cat in cats {
        let (points, deducted) = view
            .result
            .as_ref()
            .and_then(|r| r.by_category.iter().find(|c| c.name == cat))
            .map_or((0.0, 0.0), |c| (c.points.unwrap_or(0.0), c.deducted));
        out.push(Line::Category {
            name: cat.to_string(),
            points,
            deducted,
        });
        for (i, it) in view.items.iter().enumerate() {
            if it.applies && it.category == cat {
                out.push(Line::Item(i));
                for &f in &it.findings {
                    out.push(Line::Finding {
                        item: i,
                        finding: f,
                    });
                }
            }
        }
    }
    out
}

/// What the selection points at, to find it again after a reload.
#[derive(Debug, Clone, PartialEq)]
pub enum Anchor {
    Item(String),
    Finding(Uuid, String),
}

impl DetailState {
    pub fn new(view: CaseView, cal: &Calendar) -> DetailState {
        let lines = lines(&view);
        let steps = steps(&view, cal);
        // Start on the first ordinary item: a veto item selected by default
        // is too easy to log a problem against by mistake.
        let sel = lines
            .iter()
            .position(|l| matches!(l, Line::Item(i) if view.items[*i].veto.is_none()))
            .or_else(|| lines.iter().position(Line::selectable))
            .unwrap_or(0);
        DetailState {
            view,
            lines,
            sel,
            focus: Pane::Items,
            info_scroll: 0,
            steps,
        }
    }

    pub fn case_no(&self) -> &str {
        &self.view.case.case_no
    }

    pub fn anchor(&self) -> Option<Anchor> {
        match self.lines.get(self.sel)? {
            Line::Item(i) => Some(Anchor::Item(self.view.items[*i].id.clone())),
            Line::Finding { item, finding } => Some(Anchor::Finding(
                self.view.findings[*finding].id,
                self.view.items[*item].id.clone(),
            )),
            Line::Category { .. } => None,
        }
    }

    /// Replaces the view (after a change), keeping the selection on the same
    /// problem, else on its item.
    pub fn reload(&mut self, view: CaseView, cal: &Calendar) {
        let anchor = self.anchor();
        self.lines = lines(&view);
        self.steps = steps(&view, cal);
        self.view = view;
        let find = |a: &Anchor| {
            self.lines.iter().position(|l| match (l, a) {
                (Line::Finding { finding, .. }, Anchor::Finding(id, _)) => {
                    self.view.findings[*finding].id == *id
                }
                (Line::Item(i), Anchor::Item(id)) => self.view.items[*i].id == *id,
                _ => false,
            })
        };
        let pos = anchor.and_then(|a| {
            find(&a).or_else(|| match a {
                Anchor::Finding(_, item) => find(&Anchor::Item(item)),
                Anchor::Item(_) => None,
            })
        });
        self.sel = pos
            .or_else(|| self.lines.iter().position(Line::selectable))
            .unwrap_or(0)
            .min(self.lines.len().saturating_sub(1));
    }

    /// Selects a problem by id.
    pub fn select_finding(&mut self, id: Uuid) {
        if let Some(p) = self.lines.iter().position(
            |l| matches!(l, Line::Finding { finding, .. } if self.view.findings[*finding].id == id),
        ) {
            self.sel = p;
        }
    }

    /// Moves the selection by `delta` selectable lines.
    pub fn move_by(&mut self, delta: isize) {
        let sel: Vec<usize> = (0..self.lines.len())
            .filter(|&i| self.lines[i].selectable())
            .collect();
        if sel.is_empty() {
            return;
        }
        let cur = sel.iter().position(|&i| i >= self.sel).unwrap_or(0) as isize;
        let next = (cur + delta).clamp(0, sel.len() as isize - 1) as usize;
        self.sel = sel[next];
    }

    pub fn select_line(&mut self, line: usize) {
        if self.lines.get(line).is_some_and(Line::selectable) {
            self.sel = line;
        }
    }

    /// The item under the selection (an item line or a problem's item).
    pub fn item(&self) -> Option<usize> {
        match self.lines.get(self.sel)? {
            Line::Item(i) | Line::Finding { item: i, .. } => Some(*i),
            Line::Category { .. } => None,
        }
    }

    /// The problem under the selection.
    pub fn finding(&self) -> Option<usize> {
        match self.lines.get(self.sel)? {
            Line::Finding { finding, .. } => Some(*finding),
            _ => None,
        }
    }

    /// The selected problem if it is a suggestion waiting for a reviewer.
    pub fn suggestion(&self) -> Option<usize> {
        self.finding()
            .filter(|&f| self.view.findings[f].status == FindingStatus::Suggested)
    }

    /// Suggestions still waiting.
    pub fn pending(&self) -> usize {
        self.view.suggested().count()
    }

    pub fn mark_of(&self, item: usize) -> ItemMark {
        self.view.items[item].state
    }
}
