//! A case file as it is being typed: text in every field, one line per
//! element of the repeated parts. A draft is not a case file: it becomes
//! one only through the importer's validation ([`Draft::validate`]), so the
//! form, `case new`, `case edit` and `import` give the same messages.

use super::date::{case_no_year, parse_date};
use super::schema::{self, Field, Group, Kind};
use crate::import::{ImportError, ImportIssue};
use crate::model::{CaseFile, SOURCE_FIELD};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// Text of each single field, by spec path.
    pub fields: BTreeMap<String, String>,
    /// Lines of each group, by the group's path; cells in column order.
    pub groups: BTreeMap<String, Vec<Vec<String>>>,
    /// The file being corrected, as stored: what the form does not show
    /// (unknown fields) is kept from it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<Value>,
}

/// What validation says about a draft, with each problem placed on the
/// form: the group line it belongs to is the draft's, not the record's.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    /// Spec path of the field in the draft (`events[4].date`).
    pub field: Option<String>,
    pub message: String,
}

impl Draft {
    /// A new file's draft: 行政处罚 under 普通程序, one empty line in each group.
    pub fn new() -> Draft {
        let mut d = Draft::default();
        d.set("kind", "行政处罚");
        d.set("procedure", "普通程序");
        for g in schema::groups() {
            d.groups
                .insert(g.path.to_string(), vec![vec![String::new(); g.cols.len()]]);
        }
        d
    }

    pub fn get(&self, path: &str) -> &str {
        self.fields.get(path).map_or("", String::as_str)
    }

    pub fn set(&mut self, path: &str, text: &str) {
        self.fields.insert(path.to_string(), text.to_string());
    }

    pub fn rows(&self, group: &str) -> &[Vec<String>] {
        self.groups.get(group).map_or(&[], Vec::as_slice)
    }

    pub fn rows_mut(&mut self, group: &str) -> &mut Vec<Vec<String>> {
        self.groups.entry(group.to_string()).or_default()
    }

    /// The year short dates fall in: the case number's (〔2024〕), else the
    /// first full date of the timeline.
    pub fn year(&self) -> Option<i32> {
        use chrono::Datelike;
        case_no_year(self.get("case_no")).or_else(|| {
            self.rows(schema::EVENTS)
                .iter()
                .filter_map(|r| r.get(1))
                .find_map(|d| parse_date(d, None))
                .map(|d| d.year())
        })
    }

    /// The draft of a stored file (for 修改案卷).
    pub fn from_case(case: &CaseFile) -> Draft {
        let v = serde_json::to_value(case).unwrap_or(Value::Null);
        let mut d = Draft::default();
        for f in schema::fields() {
            if let Some(x) = get_path(&v, f.path) {
                d.set(f.path, &text_of(x, f.kind));
            }
        }
        for g in schema::groups() {
            let mut rows: Vec<Vec<String>> = v
                .get(g.path)
                .and_then(Value::as_array)
                .map(|items| {
                    items
                        .iter()
                        .map(|item| {
                            g.cols
                                .iter()
                                .map(|c| {
                                    item.get(c.path)
                                        .map_or(String::new(), |x| text_of(x, c.kind))
                                })
                                .collect()
                        })
                        .collect()
                })
                .unwrap_or_default();
            rows.push(vec![String::new(); g.cols.len()]);
            d.groups.insert(g.path.to_string(), rows);
        }
        d.base = Some(v);
        d
    }

    /// The record the draft stands for, in the interchange format's JSON (`docs/case-file.md`), and for each
    /// group element the draft line it came from (empty lines are left out).
    pub fn to_record(&self) -> (Value, BTreeMap<String, Vec<usize>>) {
        let year = self.year();
        let mut root = match &self.base {
            Some(Value::Object(o)) => o.clone(),
            _ => Map::new(),
        };
        root.remove(SOURCE_FIELD);
        for f in schema::fields() {
            let text = self.get(f.path).trim();
            let value = (!text.is_empty()).then(|| value_of(text, f.kind, year));
            set_path(&mut root, f.path, value);
        }
        // The form's default 普通程序 means nothing on a new file of another
        // kind (docs/case-file.md: 行政处罚 only); it is not written there.
        if self.base.is_none()
            && root.get("kind").and_then(Value::as_str) != Some("行政处罚")
            && root.get("procedure").and_then(Value::as_str) == Some("普通程序")
        {
            root.remove("procedure");
        }
        let mut lines = BTreeMap::new();
        for g in schema::groups() {
            let (items, from) = self.group_record(g, year);
            if items.is_empty() {
                root.remove(g.path);
            } else {
                root.insert(g.path.to_string(), Value::Array(items));
            }
            lines.insert(g.path.to_string(), from);
        }
        (Value::Object(root), lines)
    }

    fn group_record(&self, g: &Group, year: Option<i32>) -> (Vec<Value>, Vec<usize>) {
        let mut items = Vec::new();
        let mut from = Vec::new();
        for (i, row) in self.rows(g.path).iter().enumerate() {
            if row.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let mut o = Map::new();
            for (c, text) in g.cols.iter().zip(row) {
                let t = text.trim();
                if !t.is_empty() {
                    o.insert(c.path.to_string(), value_of(t, c.kind, year));
                }
            }
            items.push(Value::Object(o));
            from.push(i);
        }
        (items, from)
    }

    /// The case file, through the importer's validation; or every problem
    /// with its place on the form.
    pub fn validate(&self) -> Result<(CaseFile, Vec<Placed>), Vec<Placed>> {
        let (record, lines) = self.to_record();
        let place = |issues: Vec<ImportIssue>| -> Vec<Placed> {
            issues
                .into_iter()
                .map(|i| Placed {
                    field: i.field.as_deref().map(|f| to_draft_path(f, &lines)),
                    message: i.message,
                })
                .collect()
        };
        match crate::import::validate_record(Path::new("录入表"), record) {
            Ok((case, warnings)) => Ok((case, place(warnings))),
            Err(ImportError::Invalid(issues)) => Err(place(issues)),
            Err(e) => Err(vec![Placed {
                field: None,
                message: e.to_string(),
            }]),
        }
    }

    /// A case file for the checks while typing: what is wrong or missing
    /// is left out (a placeholder number, department and kind; steps with no
    /// readable date dropped), so the dates typed so far are checked.
    pub fn for_checks(&self) -> Option<CaseFile> {
        let mut d = self.clone();
        for (path, fill) in [("case_no", "（草稿）"), ("department", "（草稿）")] {
            if d.get(path).trim().is_empty() {
                d.set(path, fill);
            }
        }
        if schema::pick(schema::KINDS, d.get("kind")).is_none() {
            d.set("kind", "行政处罚");
        }
        let (mut record, lines) = d.to_record();
        for _ in 0..3 {
            match crate::import::validate_record(Path::new("录入表"), record.clone()) {
                Ok((c, _)) => return Some(c),
                Err(ImportError::Invalid(issues)) => {
                    let fields: Vec<String> = issues.into_iter().filter_map(|i| i.field).collect();
                    if fields.is_empty() {
                        return None;
                    }
                    drop_fields(&mut record, &fields);
                }
                Err(_) => return None,
            }
        }
        let _ = lines;
        None
    }
}

/// `events[2].date` of the record → `events[5].date` of the draft.
fn to_draft_path(field: &str, lines: &BTreeMap<String, Vec<usize>>) -> String {
    if let Some((head, rest)) = field.split_once('[')
        && let Some((idx, tail)) = rest.split_once(']')
        && let Ok(i) = idx.parse::<usize>()
        && let Some(&line) = lines.get(head).and_then(|v| v.get(i))
    {
        return format!("{head}[{line}]{tail}");
    }
    field.to_string()
}

/// Removes what the problems name: a group element whole, else the field.
fn drop_fields(record: &mut Value, fields: &[String]) {
    let mut elements: Vec<(String, usize)> = Vec::new();
    for f in fields {
        if let Some((head, rest)) = f.split_once('[')
            && let Some((idx, _)) = rest.split_once(']')
            && let Ok(i) = idx.parse::<usize>()
        {
            elements.push((head.to_string(), i));
        } else if let Value::Object(o) = record {
            set_path(o, f, None);
        }
    }
    elements.sort();
    elements.dedup();
    for (head, i) in elements.into_iter().rev() {
        if let Some(Value::Array(a)) = record.get_mut(&head)
            && i < a.len()
        {
            a.remove(i);
        }
    }
}

/// The interchange-format value of a field's text. What cannot be read is passed on as
/// the text itself, so that validation names it with the import's message.
pub fn value_of(text: &str, kind: Kind, year: Option<i32>) -> Value {
    let s = || Value::String(text.to_string());
    match kind {
        Kind::Text | Kind::Secret => s(),
        // Exact pinyin initials stand for their stage (`sd` → 送达); any
        // other word is kept (an unknown stage is a warning, as on import).
        Kind::Stage => super::stage::STAGES
            .iter()
            .find(|(_, ini)| *ini == text.to_lowercase())
            .map_or_else(s, |(name, _)| Value::String((*name).into())),
        Kind::Choice(options) => {
            schema::pick(options, text).map_or_else(s, |o| Value::String(o.into()))
        }
        Kind::Date => parse_date(text, year)
            .map_or_else(s, |d| Value::String(d.format("%Y-%m-%d").to_string())),
        Kind::Bool => match text.to_lowercase().as_str() {
            "是" | "有" | "y" | "yes" | "true" | "1" | "√" => Value::Bool(true),
            "否" | "无" | "n" | "no" | "false" | "0" | "×" => Value::Bool(false),
            _ => s(),
        },
        Kind::Money | Kind::Number => {
            let t = text.trim_end_matches('元').replace([',', '，'], "");
            match t.parse::<f64>() {
                Ok(x) => serde_json::Number::from_f64(x).map_or_else(s, Value::Number),
                Err(_) => s(),
            }
        }
        Kind::List(sep) => Value::Array(
            text.split([sep, '、', '；', ';'])
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(|p| Value::String(p.into()))
                .collect(),
        ),
    }
}

/// A stored value as the form shows it.
pub fn text_of(v: &Value, kind: Kind) -> String {
    match (v, kind) {
        (Value::Bool(b), _) => if *b { "是" } else { "否" }.into(),
        (Value::String(s), _) => s.clone(),
        (Value::Number(n), _) => match n.as_f64() {
            Some(x) if x.fract() == 0.0 && x.abs() < 1e15 => format!("{x:.0}"),
            _ => n.to_string(),
        },
        (Value::Array(a), Kind::List(sep)) => a
            .iter()
            .map(|x| x.as_str().map_or_else(|| x.to_string(), str::to_string))
            .collect::<Vec<_>>()
            .join(&sep.to_string()),
        (Value::Null, _) => String::new(),
        (other, _) => other.to_string(),
    }
}

fn get_path<'a>(v: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(v, |v, k| v.get(k))
}

/// Sets (or with `None` removes) a dotted path; an object left empty by a
/// removal is removed too.
pub fn set_path(root: &mut Map<String, Value>, path: &str, value: Option<Value>) {
    match path.split_once('.') {
        None => {
            match value {
                Some(v) => root.insert(path.to_string(), v),
                None => root.remove(path),
            };
        }
        Some((head, rest)) => {
            if value.is_none() && !root.contains_key(head) {
                return;
            }
            let child = root
                .entry(head.to_string())
                .or_insert_with(|| Value::Object(Map::new()));
            if !child.is_object() {
                *child = Value::Object(Map::new());
            }
            if let Value::Object(o) = child {
                set_path(o, rest, value);
                if o.is_empty() {
                    root.remove(head);
                }
            }
        }
    }
}

/// One `--set path=value` of `case edit` on a stored record: the text is
/// read as the form reads that field (dates in every accepted form).
/// `events[N]` one past the end adds a step; an empty value removes the
/// field (`events[N]=` removes the step).
pub fn apply_set(record: &mut Value, path: &str, text: &str) -> Result<(), String> {
    let year = record
        .get("case_no")
        .and_then(Value::as_str)
        .and_then(case_no_year);
    let Value::Object(root) = record else {
        return Err("记录不是对象".into());
    };
    let text = text.trim();
    if let Some((head, idx)) = path.strip_suffix(']').and_then(|p| p.split_once('[')) {
        let head = if head == "timeline" {
            schema::EVENTS
        } else {
            head
        };
        if schema::group(head).is_some()
            && let Ok(i) = idx.parse::<usize>()
            && text.is_empty()
        {
            if let Some(Value::Array(a)) = root.get_mut(head)
                && i < a.len()
            {
                a.remove(i);
                return Ok(());
            }
            return Err(format!("“{path}”：{head} 没有第 {i} 项（从 0 起数）"));
        }
    }
    let Some((group, field)) = schema::lookup(path) else {
        return Err(format!(
            "“{path}” 不是可修改的字段；可用的字段：{}",
            schema::path_list()
        ));
    };
    let value = (!text.is_empty()).then(|| value_of(text, field.kind, year));
    match group {
        None => set_path(root, field.path, value),
        Some((g, i)) => {
            let items = root
                .entry(g.path.to_string())
                .or_insert_with(|| Value::Array(Vec::new()));
            let Value::Array(a) = items else {
                return Err(format!("“{}” 不是数组", g.path));
            };
            if i == a.len() {
                a.push(Value::Object(Map::new()));
            }
            let Some(Value::Object(o)) = a.get_mut(i) else {
                return Err(format!(
                    "“{path}”：{} 现有 {} 项（从 0 起数），只能改已有的项或用 [{}] 添加一项",
                    g.path,
                    a.len(),
                    a.len()
                ));
            };
            set_path(o, field.path, value);
        }
    }
    root.remove(SOURCE_FIELD);
    Ok(())
}

/// The field definition of a draft path (`events[2].date` → 日期).
pub fn field_of(path: &str) -> Option<&'static Field> {
    schema::lookup(path).map(|(_, f)| f)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn typed() -> Draft {
        let mut d = Draft::new();
        d.set("case_no", "潜市监罚〔2024〕15号");
        d.set("department", "潜江市市场监督管理局");
        d.set("kind", "处罚");
        d.set("party.type", "法");
        d.set("party.name", "某某超市");
        d.groups.insert(
            "events".into(),
            vec![
                vec!["立案".into(), "0304".into(), "立案审批表".into()],
                vec![String::new(); 3],
                vec!["决定".into(), "2024年4月22日".into(), String::new()],
                vec![String::new(); 3],
            ],
        );
        d.set("decision.measures", "警告、罚款");
        d.set("decision.fine_yuan", "50000");
        d.set("major_decision", "否");
        d
    }

    #[test]
    fn a_typed_draft_becomes_the_specs_record() {
        let (v, lines) = typed().to_record();
        assert_eq!(v["kind"], "行政处罚");
        assert_eq!(v["party"], json!({"type": "法人", "name": "某某超市"}));
        assert_eq!(
            v["events"],
            json!([
                {"stage": "立案", "date": "2024-03-04", "doc": "立案审批表"},
                {"stage": "决定", "date": "2024-04-22"}
            ])
        );
        assert_eq!(v["decision"]["measures"], json!(["警告", "罚款"]));
        assert_eq!(v["decision"]["fine_yuan"], json!(50000.0));
        assert_eq!(v["major_decision"], json!(false));
        assert!(v.get("officers").is_none(), "empty lines are not elements");
        assert_eq!(lines["events"], vec![0, 2]);
        let (c, warnings) = typed().validate().unwrap();
        assert_eq!(c.events.len(), 2);
        assert!(warnings.is_empty());
    }

    #[test]
    fn the_default_procedure_is_only_written_on_a_penalty_file() {
        let mut d = typed();
        assert_eq!(d.to_record().0["procedure"], "普通程序");
        d.set("kind", "许可");
        let (v, _) = d.to_record();
        assert_eq!(v["kind"], "行政许可");
        assert!(v.get("procedure").is_none());
        assert!(d.validate().unwrap().1.is_empty(), "no procedure warning");
    }

    #[test]
    fn problems_name_the_draft_line_with_the_importers_message() {
        let mut d = typed();
        d.set("case_no", "");
        d.rows_mut("events")[0][1] = "2024.3.4".into();
        d.rows_mut("events")[2][1] = "2024-02-30".into();
        let p = d.validate().unwrap_err();
        assert_eq!(p[0].field.as_deref(), Some("case_no"));
        assert_eq!(p[0].message, "缺少必填字段（案号），应为非空字符串");
        assert_eq!(p[1].field.as_deref(), Some("events[2].date"));
        assert_eq!(p[1].message, "“2024-02-30” 不是有效日期，应为 YYYY-MM-DD");
    }

    #[test]
    fn checks_see_the_readable_part() {
        let mut d = typed();
        d.set("case_no", "");
        d.rows_mut("events")[0][1] = "2024.3.4".into();
        d.rows_mut("events")[2][1] = "2024-02-30".into();
        let c = d.for_checks().unwrap();
        assert_eq!(c.events.len(), 1);
        assert_eq!(c.case_no, "（草稿）");
    }

    #[test]
    fn a_stored_file_round_trips_and_keeps_unknown_fields() {
        let mut c = typed().validate().unwrap().0;
        c.extra.insert("系统编号".into(), json!("A-1"));
        c.extra.insert(SOURCE_FIELD.into(), json!("台账"));
        let d = Draft::from_case(&c);
        assert_eq!(d.get("decision.measures"), "警告、罚款");
        assert_eq!(d.get("decision.fine_yuan"), "50000");
        assert_eq!(d.rows("events").len(), 3, "two steps and an empty line");
        let back = d.validate().unwrap().0;
        assert_eq!(back.extra.get("系统编号"), Some(&json!("A-1")));
        assert!(
            !back.from_ledger(),
            "a completed ledger file loses the mark"
        );
        c.extra.remove(SOURCE_FIELD);
        assert_eq!(back, c);
    }

    #[test]
    fn set_paths() {
        let mut v = serde_json::to_value(typed().validate().unwrap().0).unwrap();
        apply_set(&mut v, "decision.date", "4.22").unwrap();
        assert_eq!(v["decision"]["date"], "2024-04-22");
        apply_set(&mut v, "timeline[1].date", "2024/4/23").unwrap();
        assert_eq!(v["events"][1]["date"], "2024-04-23");
        apply_set(&mut v, "events[2].stage", "sd").unwrap();
        apply_set(&mut v, "events[2].date", "0430").unwrap();
        assert_eq!(
            v["events"][2],
            json!({"stage": "送达", "date": "2024-04-30"})
        );
        apply_set(&mut v, "events[0]", "").unwrap();
        assert_eq!(v["events"].as_array().unwrap().len(), 2);
        apply_set(&mut v, "title", "").unwrap();
        assert!(v.get("title").is_none());
        assert!(
            apply_set(&mut v, "events[9].date", "0101")
                .unwrap_err()
                .contains("现有 2 项")
        );
        assert!(
            apply_set(&mut v, "nope", "1")
                .unwrap_err()
                .contains("不是可修改的字段")
        );
    }
}
