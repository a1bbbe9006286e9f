//! What changed between two versions of a record, field by field, for the
//! audit log.

use serde_json::Value;

fn shown(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => "（无）".into(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

fn walk(path: &str, a: Option<&Value>, b: Option<&Value>, out: &mut Vec<(String, String, String)>) {
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
        _ => out.push((path.to_string(), shown(a), shown(b))),
    }
}

/// (path, before, after) of every leaf that differs (`decision.date`,
/// `events[3]`); a whole record added or removed is one line.
pub fn changes(before: &Value, after: &Value) -> Vec<(String, String, String)> {
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
            out.push(("案卷".into(), b, a));
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
                (
                    "decision.date".to_string(),
                    "2024-06-20".to_string(),
                    "2024-06-28".to_string()
                ),
                (
                    "events[1]".into(),
                    "（无）".into(),
                    r#"{"stage":"决定"}"#.into()
                ),
                ("导入来源".into(), "台账".into(), "（无）".into()),
            ]
        );
        assert_eq!(changes(&Value::Null, &a)[0].2, "新建 X");
    }
}
