//! Where a record came from and what is wrong with it, as one Chinese line.

use std::fmt;
use std::path::{Path, PathBuf};

/// How many problems an [`super::ImportError::Invalid`] lists before it
/// summarises the rest in one line.
pub const MAX_LISTED: usize = 50;

/// A place inside a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Locator {
    /// The file as a whole (a `.json` holding one object, or a file-level problem).
    Whole,
    /// The n-th element (1-based) of a `.json` array.
    Record(usize),
    /// A line (1-based) of a text file: a `.jsonl` record, or a syntax error.
    Line(usize),
    /// A ledger row, numbered as the spreadsheet shows it (the header is row 1).
    Row(usize),
}

impl fmt::Display for Locator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Locator::Whole => Ok(()),
            Locator::Record(n) => write!(f, "第 {n} 条记录"),
            Locator::Line(n) | Locator::Row(n) => write!(f, "第 {n} 行"),
        }
    }
}

/// Where an imported case file came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Origin {
    pub file: PathBuf,
    pub locator: Locator,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if self.locator != Locator::Whole {
            write!(f, " {}", self.locator)?;
        }
        Ok(())
    }
}

/// One problem (or warning) found while importing.
///
/// Displays as one line: file, line/record/row, 案号 when known, the field
/// (a JSON path such as `decision.date`, or a ledger column), then the
/// message, which names the offending value and what was expected.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportIssue {
    pub file: PathBuf,
    pub locator: Locator,
    pub case_no: Option<String>,
    /// A JSON path (`events[2].date`) or, for a ledger row, the column header.
    pub field: Option<String>,
    pub message: String,
    /// Non-zero only on the summary line that stands for this many further
    /// problems left out of the list (see [`problem_count`]).
    pub omitted: usize,
}

impl ImportIssue {
    pub fn new(file: &Path, locator: Locator, message: impl Into<String>) -> Self {
        ImportIssue {
            file: file.to_path_buf(),
            locator,
            case_no: None,
            field: None,
            message: message.into(),
            omitted: 0,
        }
    }

    pub fn case_no(mut self, case_no: Option<&str>) -> Self {
        self.case_no = case_no.filter(|c| !c.trim().is_empty()).map(str::to_string);
        self
    }

    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    /// The summary line standing for `n` problems not listed.
    fn summary(n: usize, what: &str) -> Self {
        ImportIssue {
            file: PathBuf::new(),
            locator: Locator::Whole,
            case_no: None,
            field: None,
            message: format!("……另有 {n} 处{what}未列出"),
            omitted: n,
        }
    }
}

impl fmt::Display for ImportIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.omitted > 0 {
            return f.write_str(&self.message);
        }
        write!(f, "{}", self.file.display())?;
        if self.locator != Locator::Whole {
            write!(f, " {}", self.locator)?;
        }
        let mut sep = " ";
        if let Some(c) = &self.case_no {
            write!(f, "（案号 {c}）")?;
            sep = "";
        }
        if let Some(field) = &self.field {
            if matches!(self.locator, Locator::Row(_)) {
                write!(f, "{sep}列“{field}”")?;
            } else {
                write!(f, "{sep}字段 {field}")?;
            }
        }
        write!(f, "：{}", self.message)
    }
}

/// How many problems a list stands for, counting the ones a summary line
/// left out.
pub fn problem_count(issues: &[ImportIssue]) -> usize {
    issues
        .iter()
        .map(|i| if i.omitted > 0 { i.omitted } else { 1 })
        .sum()
}

/// Keeps the first [`MAX_LISTED`] issues and summarises the rest, and
/// `more` issues never kept, in one line.
pub(crate) fn cap_more(mut issues: Vec<ImportIssue>, more: usize, what: &str) -> Vec<ImportIssue> {
    if more == 0 {
        return cap(issues, what);
    }
    let rest = issues.len().saturating_sub(MAX_LISTED) + more;
    issues.truncate(MAX_LISTED);
    issues.push(ImportIssue::summary(rest, what));
    issues
}

/// Keeps the first [`MAX_LISTED`] issues and summarises the rest in one line.
pub(crate) fn cap(mut issues: Vec<ImportIssue>, what: &str) -> Vec<ImportIssue> {
    if issues.len() > MAX_LISTED {
        let rest = issues.len() - MAX_LISTED;
        issues.truncate(MAX_LISTED);
        issues.push(ImportIssue::summary(rest, what));
    }
    issues
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_names_file_place_case_field_and_message() {
        let i = ImportIssue::new(
            Path::new("bad.jsonl"),
            Locator::Line(2),
            "“2024-02-30” 不是有效日期",
        )
        .case_no(Some("X2"))
        .field("decision.date");
        assert_eq!(
            i.to_string(),
            "bad.jsonl 第 2 行（案号 X2）字段 decision.date：“2024-02-30” 不是有效日期"
        );
        let r = ImportIssue::new(Path::new("a.csv"), Locator::Row(3), "m").field("决定日期");
        assert_eq!(r.to_string(), "a.csv 第 3 行 列“决定日期”：m");
        let w = ImportIssue::new(Path::new("a.json"), Locator::Whole, "m");
        assert_eq!(w.to_string(), "a.json：m");
    }

    #[test]
    fn capping_keeps_the_count() {
        let many: Vec<_> = (0..120)
            .map(|n| ImportIssue::new(Path::new("f"), Locator::Line(n), "m"))
            .collect();
        let capped = cap(many, "问题");
        assert_eq!(capped.len(), MAX_LISTED + 1);
        assert_eq!(problem_count(&capped), 120);
        assert!(capped[MAX_LISTED].to_string().contains("另有 70 处问题"));
    }
}
