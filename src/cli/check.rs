use super::output;
use super::output::say;
use crate::error::Error;
use crate::workspace::Workspace;
use serde_json::json;

pub fn run(ws: &mut Workspace, case_nos: &[String], as_json: bool) -> Result<(), Error> {
    if let Some(p) = ws.profile_problem() {
        eprintln!("警告：{}", super::output::safe_lines(p));
    }
    let r = ws.run_checks(case_nos)?;
    if as_json {
        let v: Vec<_> = r
            .suggestions
            .iter()
            .map(|(no, s)| {
                let mut v = serde_json::to_value(s).unwrap_or_default();
                if let Some(m) = v.as_object_mut() {
                    m.insert("case_no".into(), json!(no));
                    m.insert("profile".into(), json!(r.profile));
                }
                v
            })
            .collect();
        return output::json(&v);
    }
    for (no, s) in &r.suggestions {
        let prompt = if s.prompt_only { "（提示）" } else { "" };
        say!(
            "{no}  [{}→{}]{prompt} {}  依据：{}",
            s.rule,
            s.item,
            s.message,
            s.basis
        );
    }
    say!(
        "检查完成（配置：{}）：发现 {} 处，新增建议 {}，已有 {}，因案卷变更重新提出 {}，撤回过时建议 {}",
        r.profile,
        r.suggestions.len(),
        r.sync.added,
        r.sync.kept,
        r.sync.reopened,
        r.sync.removed
    );
    Ok(())
}
