//! The case list as data: all rows of the batch, an order, a filter and a
//! fuzzy search, and the visible rows as indexes. Nothing here draws; the
//! view builds only the rows on screen.

use crate::model::{Grade, ReviewStatus};
use crate::scoring::Rates;
use crate::workspace::CaseRow;
use std::cmp::Ordering;

/// A column of the list (also a sort key).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    CaseNo,
    Department,
    Kind,
    Party,
    Status,
    Score,
    Grade,
    Findings,
}

impl Column {
    pub const ALL: [Column; 8] = [
        Column::CaseNo,
        Column::Department,
        Column::Kind,
        Column::Party,
        Column::Status,
        Column::Score,
        Column::Grade,
        Column::Findings,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Column::CaseNo => "案号",
            Column::Department => "部门",
            Column::Kind => "类型",
            Column::Party => "当事人",
            Column::Status => "状态",
            Column::Score => "得分",
            Column::Grade => "等次",
            Column::Findings => "问题数",
        }
    }
}

/// The grade filter: a grade, or files not graded yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GradeFilter {
    Is(Grade),
    None,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub department: Option<String>,
    pub status: Option<ReviewStatus>,
    pub grade: Option<GradeFilter>,
    /// Only files with suggestions still to confirm or dismiss.
    pub pending: bool,
    /// 待录入: only these files (those that came from a ledger row).
    pub pending_entry: Option<std::collections::BTreeSet<String>>,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.department.is_none()
            && self.status.is_none()
            && self.grade.is_none()
            && self.pending_entry.is_none()
            && !self.pending
    }

    fn accepts(&self, r: &CaseRow) -> bool {
        (!self.pending || r.suggested > 0)
            && self
                .pending_entry
                .as_ref()
                .is_none_or(|s| s.contains(&r.case_no))
            && self.department.as_ref().is_none_or(|d| *d == r.department)
            && self.status.is_none_or(|s| s == r.status)
            && self.grade.is_none_or(|g| match g {
                GradeFilter::Is(g) => r.grade == Some(g) && r.status == ReviewStatus::Completed,
                GradeFilter::None => r.grade.is_none() || r.status != ReviewStatus::Completed,
            })
    }
}

/// Progress over the whole batch (not the filtered view).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Progress {
    pub total: usize,
    pub completed: usize,
    /// The completed files' grades counted by [`crate::scoring::rates`],
    /// the one definition of what passes.
    pub rates: Rates,
}

impl Progress {
    /// 合格率 of the completed files with a grade; `None` before any.
    pub fn pass_rate(&self) -> Option<f64> {
        (self.rates.completed > 0).then_some(self.rates.pass_rate)
    }
}

pub struct CaseList {
    rows: Vec<CaseRow>,
    /// What the search looks at: 案号, 当事人, 案由 (lower case).
    hay: Vec<Box<str>>,
    /// Each row's rank in natural case-number order (built at first sort).
    rank: Vec<u32>,
    /// All rows in the current sort order.
    order: Vec<u32>,
    /// The rows shown: `order` filtered and searched.
    pub visible: Vec<u32>,
    pub selected: usize,
    /// `None`: as stored (by department, then case number).
    pub sort: Option<(Column, bool)>,
    pub filter: Filter,
    pub query: String,
    pub departments: Vec<String>,
    pub progress: Progress,
    /// Per column, every row in ascending order (ties by case number),
    /// computed once ([`CaseList::precompute_orders`], in the loader's
    /// thread for a large list) and kept up to date row by row, so that a
    /// sort is a copy, not a sort of 100,000 rows.
    orders: Vec<Option<Vec<u32>>>,
}

fn haystack(r: &CaseRow) -> Box<str> {
    let mut s = String::with_capacity(96);
    s.push_str(&r.case_no);
    s.push(' ');
    s.push_str(r.party.as_deref().unwrap_or(""));
    s.push(' ');
    s.push_str(r.title.as_deref().unwrap_or(""));
    s.to_lowercase().into_boxed_str()
}

/// Fuzzy match: every word of the query (split at spaces) appears in the
/// text as a subsequence — its characters in order, gaps allowed, case
/// ignored (`query` already lower case). Works by character, so Chinese
/// matches as well as Latin (`刘伟` finds 刘大伟).
pub fn fuzzy(query: &str, hay: &str) -> bool {
    query.split_whitespace().all(|word| {
        let mut rest = hay;
        word.chars().all(|c| match rest.find(c) {
            Some(i) => {
                rest = &rest[i + c.len_utf8()..];
                true
            }
            None => false,
        })
    })
}

impl CaseList {
    pub fn new(rows: Vec<CaseRow>) -> CaseList {
        let hay = rows.iter().map(haystack).collect();
        let departments: Vec<String> = rows
            .iter()
            .map(|r| r.department.as_str())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .map(str::to_string)
            .collect();
        let n = rows.len() as u32;
        let mut l = CaseList {
            rows,
            hay,
            rank: Vec::new(),
            order: (0..n).collect(),
            visible: (0..n).collect(),
            selected: 0,
            sort: None,
            filter: Filter::default(),
            query: String::new(),
            departments,
            progress: Progress::default(),
            orders: vec![None; Column::ALL.len()],
        };
        l.recount();
        l
    }

    pub fn rows(&self) -> &[CaseRow] {
        &self.rows
    }

    pub fn len(&self) -> usize {
        self.visible.len()
    }

    pub fn is_empty(&self) -> bool {
        self.visible.is_empty()
    }

    /// The row at a visible position.
    pub fn row(&self, pos: usize) -> Option<&CaseRow> {
        self.visible.get(pos).map(|&i| &self.rows[i as usize])
    }

    pub fn current(&self) -> Option<&CaseRow> {
        self.row(self.selected)
    }

    fn recount(&mut self) {
        let completed = self
            .rows
            .iter()
            .filter(|r| r.status == ReviewStatus::Completed);
        self.progress = Progress {
            total: self.rows.len(),
            completed: completed.clone().count(),
            rates: crate::scoring::rates(completed.map(|r| r.grade)),
        };
    }

    /// Replaces one row (after a change to its file), keeping the view.
    pub fn update_row(&mut self, row: CaseRow) {
        if let Some(i) = self.rows.iter().position(|r| r.id == row.id) {
            self.hay[i] = haystack(&row);
            if row.case_no != self.rows[i].case_no {
                self.rank.clear();
                self.orders.iter_mut().for_each(|o| *o = None);
            }
            self.rows[i] = row;
            self.reposition(i as u32);
            self.recount();
        }
    }

    pub fn select(&mut self, pos: usize) {
        self.selected = pos.min(self.visible.len().saturating_sub(1));
    }

    pub fn move_by(&mut self, delta: isize) {
        let max = self.visible.len().saturating_sub(1) as isize;
        self.selected = (self.selected as isize + delta).clamp(0, max.max(0)) as usize;
    }

    /// Selects a file by case number in the visible rows.
    pub fn select_case(&mut self, case_no: &str) -> bool {
        match self
            .visible
            .iter()
            .position(|&i| self.rows[i as usize].case_no == case_no)
        {
            Some(p) => {
                self.selected = p;
                true
            }
            None => false,
        }
    }

    /// The next visible file not completed, after the selection (wrapping).
    pub fn next_unreviewed(&self) -> Option<usize> {
        let n = self.visible.len();
        (1..=n)
            .map(|k| (self.selected + k) % n)
            .find(|&p| self.rows[self.visible[p] as usize].status != ReviewStatus::Completed)
    }

    fn ensure_rank(&mut self) {
        if self.rank.len() != self.rows.len() {
            let mut by_no: Vec<u32> = (0..self.rows.len() as u32).collect();
            let rows = &self.rows;
            by_no.sort_by(|&a, &b| natural(&rows[a as usize].case_no, &rows[b as usize].case_no));
            self.rank = vec![0; rows.len()];
            for (r, &i) in by_no.iter().enumerate() {
                self.rank[i as usize] = r as u32;
            }
            self.orders.iter_mut().for_each(|o| *o = None);
        }
    }

    fn column_index(col: Column) -> usize {
        Column::ALL.iter().position(|c| *c == col).unwrap_or(0)
    }

    fn ascending(&self, col: Column, a: u32, b: u32) -> Ordering {
        compare(col, &self.rows[a as usize], &self.rows[b as usize])
            .then_with(|| self.rank[a as usize].cmp(&self.rank[b as usize]))
    }

    /// The ascending order of one column, computed if not yet known.
    fn order_of(&mut self, col: Column) -> &[u32] {
        self.ensure_rank();
        let k = Self::column_index(col);
        if self.orders[k].is_none() {
            let mut o: Vec<u32> = (0..self.rows.len() as u32).collect();
            o.sort_unstable_by(|&a, &b| self.ascending(col, a, b));
            self.orders[k] = Some(o);
        }
        self.orders[k].as_deref().unwrap_or(&[])
    }

    /// Computes every column's order (the loader's thread does this, so
    /// that no sort key waits for it).
    pub fn precompute_orders(&mut self) {
        for c in Column::ALL {
            self.order_of(c);
        }
    }

    /// Moves one changed row to its place in every known order.
    fn reposition(&mut self, i: u32) {
        if self.rank.len() != self.rows.len() {
            return;
        }
        for (k, col) in Column::ALL.iter().enumerate() {
            let Some(mut o) = self.orders[k].take() else {
                continue;
            };
            if let Some(p) = o.iter().position(|&x| x == i) {
                o.remove(p);
            }
            let at = o.partition_point(|&x| self.ascending(*col, x, i) == Ordering::Less);
            o.insert(at, i);
            self.orders[k] = Some(o);
        }
    }

    /// Sorts by a column; the same column again reverses the order. 未评
    /// files have no score, grade or problems yet: on those columns they go
    /// last in both directions.
    pub fn sort_by(&mut self, col: Column) {
        let desc = matches!(self.sort, Some((c, d)) if c == col && !d);
        self.sort = Some((col, desc));
        let result_col = matches!(col, Column::Score | Column::Grade | Column::Findings);
        let asc = self.order_of(col).to_vec();
        let mut order = asc;
        if desc {
            order.reverse();
        }
        if result_col {
            let rows = &self.rows;
            let (mut done, open): (Vec<u32>, Vec<u32>) = order
                .into_iter()
                .partition(|&i| rows[i as usize].status != ReviewStatus::NotStarted);
            done.extend(open);
            order = done;
        }
        self.order = order;
        self.refilter();
    }

    pub fn set_filter(&mut self, f: Filter) {
        self.filter = f;
        self.refilter();
    }

    /// Sets the search text. A text that extends the previous one only
    /// searches the rows that matched before (a fuzzy match of the longer
    /// text is always a match of its prefix).
    pub fn set_query(&mut self, q: &str) {
        let narrowing = !self.query.is_empty() && q.starts_with(&self.query);
        self.query = q.to_string();
        if narrowing {
            let keep = self.visible.clone();
            self.apply(keep);
        } else {
            self.refilter();
        }
    }

    fn refilter(&mut self) {
        let base: Vec<u32> = if self.filter.is_empty() {
            self.order.clone()
        } else {
            let rows = &self.rows;
            self.order
                .iter()
                .copied()
                .filter(|&i| self.filter.accepts(&rows[i as usize]))
                .collect()
        };
        self.apply(base);
    }

    fn apply(&mut self, base: Vec<u32>) {
        let selected_id = self.current().map(|r| r.id);
        let q = self.query.trim();
        self.visible = if q.is_empty() {
            base
        } else {
            let q = q.to_lowercase();
            let mut kept = base;
            let hay = &self.hay;
            kept.retain(|&i| fuzzy(&q, &hay[i as usize]));
            kept
        };
        self.selected = selected_id
            .and_then(|id| {
                self.visible
                    .iter()
                    .position(|&i| self.rows[i as usize].id == id)
            })
            .unwrap_or(0);
    }
}

/// The first row to draw so that `selected` is on screen, moving as little
/// as possible from `offset`.
pub fn scrolled(offset: usize, selected: usize, height: usize, len: usize) -> usize {
    let h = height.max(1);
    let mut o = offset;
    if selected < o {
        o = selected;
    } else if selected >= o + h {
        o = selected + 1 - h;
    }
    o.min(len.saturating_sub(h))
}

pub use crate::model::natural;

fn status_rank(s: ReviewStatus) -> u8 {
    match s {
        ReviewStatus::NotStarted => 0,
        ReviewStatus::InProgress => 1,
        ReviewStatus::PendingReview => 2,
        ReviewStatus::Completed => 3,
    }
}

fn compare(col: Column, a: &CaseRow, b: &CaseRow) -> Ordering {
    match col {
        Column::CaseNo => Ordering::Equal, // by rank
        Column::Department => a.department.cmp(&b.department),
        Column::Kind => a.kind.cmp(&b.kind),
        Column::Party => a.party.cmp(&b.party),
        Column::Status => status_rank(a.status).cmp(&status_rank(b.status)),
        Column::Score => match (a.score, b.score) {
            (Some(x), Some(y)) => x.total_cmp(&y),
            (x, y) => x.is_some().cmp(&y.is_some()),
        },
        Column::Grade => a.grade.cmp(&b.grade),
        Column::Findings => a.findings.cmp(&b.findings),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fuzzy_is_subsequence_per_word() {
        assert!(fuzzy("刘伟", "刘大伟 案"));
        assert!(fuzzy("超市 15", "潜市监罚〔2024〕15号 某某超市"));
        assert!(!fuzzy("伟刘", "刘大伟"));
        assert!(fuzzy("abc", "xaybzc"));
    }

    #[test]
    fn natural_order() {
        assert_eq!(natural("罚〔2024〕7号", "罚〔2024〕15号"), Ordering::Less);
        assert_eq!(natural("a10", "a9"), Ordering::Greater);
        assert_eq!(natural("a", "a"), Ordering::Equal);
    }
}
