//! Errors of loading a checklist, in Chinese, with the file, line and column.

use thiserror::Error;

/// Why a checklist file cannot be used.
///
/// `Display` reads `文件:行:列: 问题（怎么改）`, e.g.
/// `checklists/cf.toml:57:12: 评查项目 CF-12 的类别“法律适用X”未在 [[categories]] 中声明…`.
/// Lines and columns count from 1; a column counts characters, not bytes.
#[derive(Debug, Error)]
pub enum ChecklistError {
    /// The file is not valid TOML, does not follow the format, or fails a check.
    #[error("{file}:{line}:{column}: {problem}")]
    Invalid {
        file: String,
        line: usize,
        column: usize,
        problem: Problem,
    },
    /// Two checklists of one directory conflict (same id, or two general
    /// checklists for one case kind).
    #[error("{file}: {problem}")]
    Conflict { file: String, problem: Problem },
    /// The file or directory cannot be read.
    #[error(
        "{path}: 无法读取（{}）。请确认路径存在且有读取权限",
        crate::error::io_reason(source)
    )]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

impl ChecklistError {
    /// `(line, column)` of the problem, 1-based, when known.
    pub fn location(&self) -> Option<(usize, usize)> {
        match self {
            ChecklistError::Invalid { line, column, .. } => Some((*line, *column)),
            _ => None,
        }
    }

    /// What is wrong, when it is about the content (not I/O).
    pub fn problem(&self) -> Option<&Problem> {
        match self {
            ChecklistError::Invalid { problem, .. } | ChecklistError::Conflict { problem, .. } => {
                Some(problem)
            }
            ChecklistError::Io { .. } => None,
        }
    }

    /// The file the error is about.
    pub fn file(&self) -> &str {
        match self {
            ChecklistError::Invalid { file, .. } | ChecklistError::Conflict { file, .. } => file,
            ChecklistError::Io { path, .. } => path,
        }
    }

    /// An error at a byte offset of `text`.
    pub(crate) fn at(file: &str, text: &str, offset: usize, problem: Problem) -> Self {
        let (line, column) = line_col(text, offset);
        ChecklistError::Invalid {
            file: file.to_string(),
            line,
            column,
            problem,
        }
    }
}

/// What is wrong with a checklist, and what to do about it.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum Problem {
    #[error("TOML 语法错误{0}。请检查引号、括号、等号和换行是否配对完整")]
    Syntax(String),
    #[error("缺少必填字段“{0}”。请补上该字段（字段说明见 checklists/README.md）")]
    MissingField(String),
    #[error("未知字段“{field}”，可用字段：{allowed}。请检查拼写，或删除该字段")]
    UnknownField { field: String, allowed: String },
    #[error("字段“{key}”的取值“{value}”无效，可用取值：{allowed}")]
    UnknownValue {
        key: String,
        value: String,
        allowed: String,
    },
    #[error(
        "字段“{key}”类型错误：应为{expected}，实为{found}。请按 checklists/README.md 的字段说明填写（数字不加引号，文字加引号，列表用 [ ]）"
    )]
    Type {
        key: String,
        expected: String,
        found: String,
    },
    #[error("格式错误：{0}。请对照 checklists/README.md 修改")]
    Format(String),
    #[error("字段“{0}”不能为空。请填写内容")]
    Empty(String),
    #[error(
        "评查项目编号“{id}”重复（第一次出现在第 {first_line} 行）。每个评查项目的 id 必须唯一，请改用新编号"
    )]
    DuplicateItemId { id: String, first_line: usize },
    #[error("评查类别“{0}”重复声明。每个类别只在 [[categories]] 中声明一次")]
    DuplicateCategory(String),
    #[error(
        "评查项目 {item} 的类别“{category}”未在 [[categories]] 中声明。请改为已声明的类别（{declared}），或在 [[categories]] 中增加该类别"
    )]
    UnknownCategory {
        item: String,
        category: String,
        declared: String,
    },
    #[error("{what}的分值 {points} 无效：分值必须大于 0 且为 0.5 的整数倍")]
    BadPoints { what: String, points: f64 },
    #[error(
        "评查项目 {item} 的分值为 0 但不是否决项：只有设置了 veto 的否决项可以不计分值，请填写大于 0 的分值或设置 veto"
    )]
    ZeroPointsWithoutVeto { item: String },
    #[error(
        "评查项目 {item} 的分值 {points} 超过其类别“{category}”的分值 {category_points}。请调低该项分值或调高类别分值"
    )]
    ItemExceedsCategory {
        item: String,
        points: f64,
        category: String,
        category_points: f64,
    },
    #[error(
        "各类别分值之和为 {sum}，与总分 total = {total} 不一致。请调整 [[categories]] 的 points 使之相加等于总分"
    )]
    CategorySum { sum: f64, total: f64 },
    #[error("总分 total = {0} 无效：总分必须大于 0 且为 0.5 的整数倍")]
    BadTotal(f64),
    #[error("等次分数线无效：{0}。应满足 0 ≤ 合格 pass < 良好 good < 优秀 excellent ≤ 总分")]
    Thresholds(String),
    #[error(
        "通用评查标准（role = \"general\"）必须在 kinds 中列出它评查的案件类型，例如 kinds = [\"行政处罚\"]"
    )]
    GeneralWithoutKinds,
    #[error("applies_when.{0} 是空列表，该项将永远不适用。请删除该条件或填写取值")]
    EmptyCondition(String),
    #[error("{0}")]
    Rule(String),
    #[error("评查标准编号“{id}”重复：{other} 中已有同一编号。请修改其中一个文件的 id")]
    DuplicateChecklistId { id: String, other: String },
    #[error(
        "案件类型“{kind}”已有通用评查标准（{other}）。同一案件类型只能有一个 role = \"general\" 的评查标准，请删除或改为 role = \"special\""
    )]
    DuplicateGeneral { kind: String, other: String },
}

/// 1-based line and column (in characters) of a byte offset.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// Turns one of toml's (English) errors into a [`Problem`].
pub(crate) fn translate(e: &toml::de::Error, syntax: bool) -> Problem {
    let message = e.message().trim();
    if syntax {
        // The position is given with the problem; toml's words are English.
        return Problem::Syntax(String::new());
    }
    let key = key_path(e);
    if let Some(rest) = message.strip_prefix("missing field ") {
        return Problem::MissingField(unquote(rest));
    }
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let (field, allowed) = split_expected(rest);
        return Problem::UnknownField { field, allowed };
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let (value, allowed) = split_expected(rest);
        return Problem::UnknownValue {
            key,
            value,
            allowed,
        };
    }
    if let Some(rest) = message.strip_prefix("invalid type: ")
        && let Some((found, expected)) = rest.rsplit_once(", expected ")
    {
        return Problem::Type {
            key,
            expected: zh_expected(expected),
            found: zh_found(found),
        };
    }
    Problem::Format(crate::error::toml_what(e))
}

/// The dotted key of the value in error, e.g. `items.veto` (toml prints it
/// only when it has no input to quote).
fn key_path(e: &toml::de::Error) -> String {
    let mut bare = e.clone();
    bare.set_input(None);
    let shown = bare.to_string();
    shown
        .lines()
        .find_map(|l| l.strip_prefix("in `").and_then(|l| l.strip_suffix('`')))
        .map(|k| k.to_string())
        .unwrap_or_else(|| "?".to_string())
}

fn zh_expected(expected: &str) -> String {
    match expected.trim() {
        "f64" | "f32" | "i64" | "u64" | "usize" => "数字".into(),
        "a string" => "加引号的文字".into(),
        "a sequence" => "列表 [ ]".into(),
        "a boolean" => "true 或 false".into(),
        s if s.starts_with("struct ") || s == "a map" => "表（{ } 或 [表名]）".into(),
        s => s.into(),
    }
}

fn zh_found(found: &str) -> String {
    let found = found.trim();
    let value = |prefix: &str| {
        found
            .strip_prefix(prefix)
            .map(|v| v.trim_matches(['`', '"']).to_string())
    };
    if let Some(v) = value("string ") {
        return format!("文字“{v}”");
    }
    if let Some(v) = value("integer ") {
        return format!("整数 {v}");
    }
    if let Some(v) = value("floating point ") {
        return format!("小数 {v}");
    }
    if let Some(v) = value("boolean ") {
        return format!("布尔值 {v}");
    }
    match found {
        "sequence" => "列表".into(),
        "map" => "表".into(),
        s => s.into(),
    }
}

/// "`x`, expected one of `a`, `b`" → ("x", "a、b").
fn split_expected(rest: &str) -> (String, String) {
    match rest.split_once(", expected ") {
        Some((value, expected)) => {
            let expected = expected.strip_prefix("one of ").unwrap_or(expected);
            let allowed: Vec<String> = expected
                .split([',', ' '])
                .filter(|s| !s.is_empty() && *s != "or")
                .map(unquote)
                .collect();
            (unquote(value), allowed.join("、"))
        }
        None => (unquote(rest), String::new()),
    }
}

fn unquote(s: &str) -> String {
    s.trim().trim_matches('`').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters() {
        let text = "a = 1\nname = \"评查\"\nx";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 6), (2, 1));
        let x = text.find('x').unwrap_or(0);
        assert_eq!(line_col(text, x), (3, 1));
        let quote = text.rfind('"').unwrap_or(0);
        assert_eq!(
            line_col(text, quote),
            (2, 11),
            "评查 is two columns, not six bytes"
        );
        assert_eq!(line_col(text, text.len() + 5), (3, 2));
    }

    #[test]
    fn split_expected_lists() {
        let (v, a) = split_expected("`failed`, expected `fail` or `not_excellent`");
        assert_eq!((v.as_str(), a.as_str()), ("failed", "fail、not_excellent"));
        let (v, a) = split_expected("`x`, expected one of `a`, `b`, `c`");
        assert_eq!((v.as_str(), a.as_str()), ("x", "a、b、c"));
    }
}
