//! What changed between two versions of a record, field by field, for the
//! audit log.

use serde_json::Value;

/// One field that differs: its path (`decision.date`, `events[3]`) and
/// its text before and after (`（无）` where absent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    pub path: String,
    pub before: String,
    pub after: String,
}

fn change(path: impl Into<String>, before: String, after: String) -> FieldChange {
    FieldChange {
        path: path.into(),
        before,
        after,
    }
}

fn shown(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => "（无）".into(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

fn walk(path: &str, a: Option<&Value>, b: Option<&Value>, out: &mut Vec<FieldChange>) {
    if a == b {
        return;
    }
    let join = |k: &str| {
        if path.is_empty() {
            k.to_string()
        } else {
            format!("{path}.{k}")
        }
    };
    match (a, b) {
        (Some(Value::Object(x)), Some(Value::Object(y))) => {
            let mut keys: Vec<&String> = x.keys().collect();
            keys.extend(y.keys().filter(|k| !x.contains_key(*k)));
            for k in keys {
                walk(&join(k), x.get(k), y.get(k), out);
            }
        }
        (Some(Value::Array(x)), Some(Value::Array(y))) => {
            for i in 0..x.len().max(y.len()) {
                walk(&format!("{path}[{i}]"), x.get(i), y.get(i), out);
            }
        }
        _ => out.push(change(path, shown(a), shown(b))),
    }
}

/// Every leaf that differs (`decision.date`, `events[3]`); a whole record
/// added or removed is one change, of `案卷`.
pub fn changes(before: &Value, after: &Value) -> Vec<FieldChange> {
    let mut out = Vec::new();
    if before.is_null() || after.is_null() {
        if before != after {
            let v = if before.is_null() { after } else { before };
            let what = v
                .get("case_no")
                .map_or_else(String::new, |c| shown(Some(c)));
            let (b, a) = if before.is_null() {
                ("（无）".to_string(), format!("新建 {what}"))
            } else {
                (what, "（删除）".to_string())
            };
            out.push(change("案卷", b, a));
        }
        return out;
    }
    walk("", Some(before), Some(after), &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn leaf_changes() {
        let a = json!({"case_no": "X", "decision": {"date": "2024-06-20"}, "events": [{"stage": "立案"}], "导入来源": "台账"});
        let b = json!({"case_no": "X", "decision": {"date": "2024-06-28"}, "events": [{"stage": "立案"}, {"stage": "决定"}]});
        assert_eq!(
            changes(&a, &b),
            [
                change("decision.date", "2024-06-20".into(), "2024-06-28".into()),
                change("events[1]", "（无）".into(), r#"{"stage":"决定"}"#.into()),
                change("导入来源", "台账".into(), "（无）".into()),
            ]
        );
        assert_eq!(changes(&Value::Null, &a)[0].after, "新建 X");
    }
}
