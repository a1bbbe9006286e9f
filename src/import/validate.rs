//! The interchange format's rules (`docs/case-file.md`) for one record.
//!
//! Two halves sharing their wording:
//! - [`walk`] checks an untyped JSON value field by field (types, required
//!   fields, enums, dates, amounts) and reports every problem with its path.
//!   It runs only when the typed parse failed, to say exactly why.
//! - [`check`] runs on every typed record: what serde cannot express
//!   (amounts ≥ 0 with at most two decimals, non-empty required text) and the
//!   warnings (unknown stages, a procedure on a non-penalty file).

mod dup;
mod scan;
mod text;

pub(crate) use dup::duplicate_key;
pub use text::{MAX_CASE_NO_CHARS, YEARS};

use crate::model::*;
use serde_json::{Map, Value};

/// One problem in a record: the field path and the message.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub field: String,
    pub message: String,
}

fn problem(field: &str, message: String) -> Problem {
    Problem {
        field: field.to_string(),
        message,
    }
}

pub(crate) const DATE_EXPECTED: &str = "应为 YYYY-MM-DD";
pub(crate) const MONEY_EXPECTED: &str = "金额应为不小于 0 的数（单位：元），最多两位小数";
/// Amounts at or above this many yuan (一万亿元) are not real.
pub const MAX_YUAN: f64 = 1e12;

/// A value as a reviewer reads it in a message.
pub(crate) fn describe(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("布尔值 {b}"),
        Value::Number(n) => format!("数字 {n}"),
        Value::String(s) => format!("字符串“{s}”"),
        Value::Array(_) => "数组".into(),
        Value::Object(_) => "对象".into(),
    }
}

fn wrong_type(v: &Value, expected: &str) -> String {
    format!("{} 类型不对，应为{expected}", describe(v))
}

/// The message for an impossible date, or `None` when `s` is a date.
pub(crate) fn date_problem(s: &str) -> Option<String> {
    match crate::model::date::parse_iso_date(s) {
        Some(d) => text::year_problem(d),
        None => Some(format!("“{s}” 不是有效日期，{DATE_EXPECTED}")),
    }
}

/// The message for an amount that breaks the money rule.
pub(crate) fn money_problem(v: f64, shown: &dyn std::fmt::Display) -> Option<String> {
    if !v.is_finite() {
        return Some(format!("{shown} 不是有效金额，{MONEY_EXPECTED}"));
    }
    if v < 0.0 {
        return Some(format!("{shown} 是负数，{MONEY_EXPECTED}"));
    }
    if v >= MAX_YUAN {
        return Some(format!(
            "{shown} 超过合理上限（一万亿元），请检查单位和数位；{MONEY_EXPECTED}"
        ));
    }
    let cents = v * 100.0;
    if (cents - cents.round()).abs() > 1e-6 * cents.abs().max(1.0) {
        return Some(format!("{shown} 超过两位小数，{MONEY_EXPECTED}"));
    }
    None
}

/// The message for a value not in a vocabulary, listing the allowed ones.
pub(crate) fn enum_problem(s: &str, allowed: &str) -> String {
    format!("“{s}” 不是允许的值，应为以下之一：{allowed}")
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// Field-by-field checker of an untyped record.
struct Walker {
    problems: Vec<Problem>,
}

impl Walker {
    fn push(&mut self, field: &str, message: String) {
        self.problems.push(problem(field, message));
    }

    /// A field that must be present and a non-empty string.
    fn req_str(&mut self, o: &Map<String, Value>, path: &str, key: &str, what: &str) {
        let field = join(path, key);
        match o.get(key) {
            None | Some(Value::Null) => {
                self.push(&field, format!("缺少必填字段（{what}），应为非空字符串"))
            }
            Some(Value::String(s)) if s.trim().is_empty() => {
                self.push(&field, format!("必填字段（{what}）为空，应为非空字符串"))
            }
            Some(Value::String(_)) => {}
            Some(v) => self.push(&field, wrong_type(v, "字符串")),
        }
    }

    fn opt_str(&mut self, o: &Map<String, Value>, path: &str, key: &str) {
        match o.get(key) {
            None | Some(Value::Null) | Some(Value::String(_)) => {}
            Some(v) => self.push(&join(path, key), wrong_type(v, "字符串")),
        }
    }

    fn opt_bool(&mut self, o: &Map<String, Value>, path: &str, key: &str) {
        match o.get(key) {
            None | Some(Value::Null) | Some(Value::Bool(_)) => {}
            Some(v) => self.push(&join(path, key), wrong_type(v, "布尔值 true 或 false")),
        }
    }

    fn date(&mut self, o: &Map<String, Value>, path: &str, key: &str, required: bool) {
        let field = join(path, key);
        match o.get(key) {
            None | Some(Value::Null) if required => {
                self.push(&field, format!("缺少必填字段（日期），{DATE_EXPECTED}"))
            }
            None | Some(Value::Null) => {}
            Some(Value::String(s)) => {
                if let Some(m) = date_problem(s) {
                    self.push(&field, m)
                }
            }
            Some(v) => self.push(&field, wrong_type(v, "YYYY-MM-DD 格式的日期字符串")),
        }
    }

    fn money(&mut self, o: &Map<String, Value>, path: &str, key: &str) {
        let field = join(path, key);
        match o.get(key) {
            None | Some(Value::Null) => {}
            Some(Value::Number(n)) => {
                let v = n.as_f64().unwrap_or(f64::NAN);
                if let Some(m) = money_problem(v, n) {
                    self.push(&field, m)
                }
            }
            Some(v) => self.push(&field, wrong_type(v, &format!("数字；{MONEY_EXPECTED}"))),
        }
    }

    fn non_negative(&mut self, o: &Map<String, Value>, path: &str, key: &str) {
        let field = join(path, key);
        match o.get(key) {
            None | Some(Value::Null) => {}
            Some(Value::Number(n)) if n.as_f64().is_some_and(|v| v >= 0.0) => {}
            Some(Value::Number(n)) => self.push(&field, format!("{n} 是负数，应为不小于 0 的数")),
            Some(v) => self.push(&field, wrong_type(v, "不小于 0 的数字")),
        }
    }

    fn enumeration(
        &mut self,
        o: &Map<String, Value>,
        path: &str,
        key: &str,
        required: bool,
        ok: fn(&str) -> bool,
        allowed: fn() -> String,
    ) {
        let field = join(path, key);
        match o.get(key) {
            None | Some(Value::Null) if required => {
                self.push(&field, format!("缺少必填字段，应为以下之一：{}", allowed()))
            }
            None | Some(Value::Null) => {}
            Some(Value::String(s)) => {
                if s.trim() != s || !ok(s) {
                    self.push(&field, enum_problem(s, &allowed()))
                }
            }
            Some(v) => self.push(
                &field,
                wrong_type(v, &format!("字符串，以下之一：{}", allowed())),
            ),
        }
    }

    /// An optional object; `f` checks its fields.
    fn object(
        &mut self,
        o: &mut Map<String, Value>,
        path: &str,
        key: &str,
        f: fn(&mut Walker, &mut Map<String, Value>, &str),
    ) {
        let field = join(path, key);
        match o.get_mut(key) {
            None | Some(Value::Null) => {}
            Some(Value::Object(inner)) => f(self, inner, &field),
            Some(v) => {
                let m = wrong_type(v, "对象");
                self.push(&field, m)
            }
        }
    }

    /// An optional array; `null` is taken as absent (removed); `f` checks
    /// each element at `path.key[i]`.
    fn array(
        &mut self,
        o: &mut Map<String, Value>,
        path: &str,
        key: &str,
        f: &dyn Fn(&mut Walker, &mut Value, &str),
    ) {
        let field = join(path, key);
        match o.get_mut(key) {
            None => {}
            Some(Value::Null) => {
                o.remove(key);
            }
            Some(Value::Array(items)) => {
                for (i, item) in items.iter_mut().enumerate() {
                    f(self, item, &format!("{field}[{i}]"));
                }
            }
            Some(v) => {
                let m = wrong_type(v, "数组");
                self.push(&field, m)
            }
        }
    }

    /// An element that must be an object; `f` checks its fields.
    fn element(
        &mut self,
        v: &mut Value,
        path: &str,
        f: fn(&mut Walker, &mut Map<String, Value>, &str),
    ) {
        match v {
            Value::Object(o) => f(self, o, path),
            other => {
                let m = wrong_type(other, "对象");
                self.push(path, m)
            }
        }
    }
}

fn ok<T>(parse: fn(&str) -> Option<T>, s: &str) -> bool {
    parse(s).is_some()
}

fn party(w: &mut Walker, o: &mut Map<String, Value>, p: &str) {
    w.opt_str(o, p, "name");
    w.enumeration(
        o,
        p,
        "type",
        false,
        |s| ok(PartyType::parse, s),
        PartyType::allowed,
    );
    w.opt_str(o, p, "id_no");
}

fn officer(w: &mut Walker, o: &mut Map<String, Value>, p: &str) {
    w.req_str(o, p, "name", "执法人员姓名");
    w.opt_str(o, p, "cert_no");
    w.date(o, p, "cert_valid_until", false);
}

fn stage(w: &mut Walker, o: &Map<String, Value>, p: &str) {
    // Any word is a stage (unknown ones are warnings, raised on the typed record).
    w.req_str(o, p, "stage", "环节");
}

fn event(w: &mut Walker, o: &mut Map<String, Value>, p: &str) {
    stage(w, o, p);
    w.date(o, p, "date", true);
    w.opt_str(o, p, "doc");
    w.opt_str(o, p, "note");
}

fn decision(w: &mut Walker, o: &mut Map<String, Value>, p: &str) {
    w.date(o, p, "date", false);
    w.array(o, p, "measures", &|w, v, path| match v {
        Value::String(s) if s.trim() == s && Measure::parse(s).is_some() => {}
        Value::String(s) => {
            let m = enum_problem(s, &Measure::allowed());
            w.push(path, m)
        }
        other => {
            let m = wrong_type(other, &format!("字符串，以下之一：{}", Measure::allowed()));
            w.push(path, m)
        }
    });
    w.money(o, p, "fine_yuan");
    w.money(o, p, "confiscation_yuan");
    w.array(o, p, "legal_basis", &|w, v, path| {
        if !v.is_string() {
            let m = wrong_type(v, "字符串（法律依据条文）");
            w.push(path, m)
        }
    });
    w.enumeration(
        o,
        p,
        "discretion",
        false,
        |s| ok(Discretion::parse, s),
        Discretion::allowed,
    );
}

fn document(w: &mut Walker, o: &mut Map<String, Value>, p: &str) {
    w.req_str(o, p, "title", "文书名称");
    w.opt_str(o, p, "doc_no");
    w.date(o, p, "date", false);
    w.opt_str(o, p, "pages");
    w.opt_bool(o, p, "signed");
    w.opt_bool(o, p, "sealed");
}

fn recording(w: &mut Walker, o: &mut Map<String, Value>, p: &str) {
    stage(w, o, p);
    w.enumeration(
        o,
        p,
        "medium",
        true,
        |s| ok(Medium::parse, s),
        Medium::allowed,
    );
    w.opt_str(o, p, "file");
    w.non_negative(o, p, "duration_s");
}

fn legal_review(w: &mut Walker, o: &mut Map<String, Value>, p: &str) {
    w.opt_str(o, p, "reviewer");
    w.date(o, p, "received", false);
    w.date(o, p, "date", false);
    w.enumeration(
        o,
        p,
        "opinion",
        false,
        |s| ok(ReviewOpinion::parse, s),
        ReviewOpinion::allowed,
    );
    w.opt_str(o, p, "doc");
}

fn disclosure(w: &mut Walker, o: &mut Map<String, Value>, p: &str) {
    w.date(o, p, "date", false);
    w.opt_str(o, p, "channel");
    w.opt_str(o, p, "url");
}

/// Checks an untyped record; removes `null` arrays (taken as absent) so that
/// a record with no problems deserialises. Returns every problem found.
pub(crate) fn walk(record: &mut Value) -> Vec<Problem> {
    let mut w = Walker {
        problems: Vec::new(),
    };
    let Value::Object(o) = record else {
        let m = format!("{}，每个案卷应为一个 JSON 对象", describe(record));
        return vec![problem("", m)];
    };
    w.req_str(o, "", "case_no", "案号");
    w.req_str(o, "", "department", "执法部门");
    w.enumeration(
        o,
        "",
        "kind",
        true,
        |s| ok(CaseKind::parse, s),
        CaseKind::allowed,
    );
    w.enumeration(
        o,
        "",
        "procedure",
        false,
        |s| ok(Procedure::parse, s),
        Procedure::allowed,
    );
    w.opt_str(o, "", "title");
    w.object(o, "", "party", party);
    w.array(o, "", "officers", &|w, v, p| w.element(v, p, officer));
    w.opt_bool(o, "", "major_decision");
    w.opt_bool(o, "", "hearing_notified");
    w.array(o, "", "events", &|w, v, p| w.element(v, p, event));
    w.object(o, "", "decision", decision);
    w.array(o, "", "documents", &|w, v, p| w.element(v, p, document));
    w.array(o, "", "recordings", &|w, v, p| w.element(v, p, recording));
    w.object(o, "", "legal_review", legal_review);
    w.object(o, "", "disclosure", disclosure);
    w.money(o, "", "amount_involved_yuan");
    w.opt_bool(o, "", "referred_to_police");
    w.problems
}

/// Problems and warnings of a typed record.
#[derive(Debug, Default)]
pub struct Checked {
    pub errors: Vec<Problem>,
    pub warnings: Vec<Problem>,
}

fn unknown_stage(out: &mut Vec<Problem>, stage: &Stage, field: impl FnOnce() -> String) {
    if let Stage::Unknown(s) = stage {
        out.push(Problem {
            field: field(),
            message: format!(
                "“{s}” 不是已知环节，已按原文保留；已知环节：{}",
                KnownStage::allowed()
            ),
        });
    }
}

/// The rules serde cannot express, on a typed record: the one check every
/// way a case file enters (import, ledger, entry form) goes through.
pub fn check(c: &CaseFile) -> Checked {
    let mut out = Checked::default();
    if c.case_no.trim().is_empty() {
        out.errors.push(problem(
            "case_no",
            "必填字段（案号）为空，应为非空字符串".into(),
        ));
    }
    if c.department.trim().is_empty() {
        out.errors.push(problem(
            "department",
            "必填字段（执法部门）为空，应为非空字符串".into(),
        ));
    }
    let mut money = |field: &str, v: Option<f64>| {
        if let Some(m) = v.and_then(|v| money_problem(v, &v)) {
            out.errors.push(problem(field, m));
        }
    };
    if let Some(d) = &c.decision {
        money("decision.fine_yuan", d.fine_yuan);
        money("decision.confiscation_yuan", d.confiscation_yuan);
    }
    money("amount_involved_yuan", c.amount_involved_yuan);
    for (i, o) in c.officers.iter().enumerate() {
        if o.name.trim().is_empty() {
            out.errors.push(problem(
                &format!("officers[{i}].name"),
                "必填字段（执法人员姓名）为空，应为非空字符串".into(),
            ));
        }
    }
    for (i, e) in c.events.iter().enumerate() {
        if e.stage.as_str().trim().is_empty() {
            out.errors.push(problem(
                &format!("events[{i}].stage"),
                "必填字段（环节）为空，应为非空字符串".into(),
            ));
        } else {
            unknown_stage(&mut out.warnings, &e.stage, || format!("events[{i}].stage"));
        }
    }
    for (i, d) in c.documents.iter().enumerate() {
        if d.title.trim().is_empty() {
            out.errors.push(problem(
                &format!("documents[{i}].title"),
                "必填字段（文书名称）为空，应为非空字符串".into(),
            ));
        }
    }
    for (i, r) in c.recordings.iter().enumerate() {
        if r.stage.as_str().trim().is_empty() {
            out.errors.push(problem(
                &format!("recordings[{i}].stage"),
                "必填字段（环节）为空，应为非空字符串".into(),
            ));
        } else {
            unknown_stage(&mut out.warnings, &r.stage, || {
                format!("recordings[{i}].stage")
            });
        }
        if let Some(d) = r.duration_s.filter(|d| !d.is_finite() || *d < 0.0) {
            out.errors.push(problem(
                &format!("recordings[{i}].duration_s"),
                format!("{d} 是负数，应为不小于 0 的数"),
            ));
        }
    }
    text::check_text(c, &mut out.errors);
    if let Some(p) = c.procedure
        && c.kind != CaseKind::Penalty
    {
        out.warnings.push(problem(
            "procedure",
            format!(
                "“{p}” 只适用于行政处罚案卷，本案卷类型为“{}”；已按原文保留",
                c.kind
            ),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn walk_reports_every_problem_with_its_path() {
        let mut v = json!({
            "department": 3,
            "kind": "行政处理",
            "officers": null,
            "events": [{"stage": "立案", "date": "2024-02-30"}, {"stage": "决定"}],
            "decision": {"fine_yuan": -5, "confiscation_yuan": 1.234, "measures": ["罚金"]},
            "recordings": [{"stage": "询问", "medium": "视频"}]
        });
        let p = walk(&mut v);
        let fields: Vec<&str> = p.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "case_no",
                "department",
                "kind",
                "events[0].date",
                "events[1].date",
                "decision.measures[0]",
                "decision.fine_yuan",
                "decision.confiscation_yuan",
                "recordings[0].medium"
            ]
        );
        assert!(p[2].message.contains("行政处罚 · 行政许可"));
        assert!(p[3].message.contains("2024-02-30"));
        assert!(v.get("officers").is_none(), "null array taken as absent");
    }

    #[test]
    fn money_rule() {
        assert!(money_problem(1280.5, &1280.5).is_none());
        assert!(money_problem(0.29, &0.29).is_none());
        assert!(money_problem(12.345, &12.345).unwrap().contains("两位小数"));
        assert!(money_problem(-1.0, &-1.0).unwrap().contains("负数"));
    }
}
