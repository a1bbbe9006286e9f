use super::output;
use super::output::say;
use crate::error::Error;
use crate::model::FindingStatus;
use crate::workspace::{CaseView, Workspace};
use serde_json::{Value, json};

/// The JSON of `show`: the file as imported, plus its review, score and findings.
pub fn to_json(ws: &Workspace, v: &CaseView) -> Value {
    let mut obj = serde_json::to_value(&v.case).unwrap_or(Value::Null);
    if let Value::Object(m) = &mut obj {
        m.insert("status".into(), json!(v.status));
        m.insert("reviewer".into(), json!(v.reviewer));
        m.insert("checklist".into(), json!(v.checklist));
        m.insert("checklist_name".into(), json!(v.checklist_name));
        m.insert("score".into(), json!(v.result.as_ref().map(|r| r.score)));
        m.insert("grade".into(), json!(v.result.as_ref().map(|r| r.grade)));
        m.insert("total".into(), json!(v.result.as_ref().map(|r| r.total)));
        m.insert(
            "deducted".into(),
            json!(v.result.as_ref().map(|r| r.deducted)),
        );
        m.insert("bonus".into(), json!(v.result.as_ref().map(|r| r.bonus)));
        m.insert(
            "computed".into(),
            json!(v.result.as_ref().map(|r| r.computed)),
        );
        m.insert(
            "vetoed".into(),
            json!(v.result.as_ref().map(|r| r.vetoed())),
        );
        m.insert("items".into(), json!(v.result.as_ref().map(|r| &r.items)));
        m.insert(
            "by_category".into(),
            json!(v.result.as_ref().map(|r| &r.by_category)),
        );
        m.insert("vetoes".into(), json!(v.result.as_ref().map(|r| &r.vetoes)));
        let findings: Vec<Value> = v.findings.iter().map(|f| ws.finding_json(f)).collect();
        m.insert("findings".into(), json!(findings));
        m.insert("remark".into(), json!(v.team.remark));
        m.insert("return_remark".into(), json!(v.team.return_remark));
        m.insert("submitted_by".into(), json!(v.team.submitted_by));
        m.insert("approved_by".into(), json!(v.team.approved_by));
        m.insert("approved_at".into(), json!(v.team.approved_at));
        m.insert("reviewers".into(), json!(v.reviewers));
        if !v.basis_changed.is_empty() {
            m.insert("basis_changed".into(), json!(v.basis_changed));
        }
    }
    obj
}

pub fn run(ws: &Workspace, case_no: &str, as_json: bool) -> Result<(), Error> {
    let v = ws.case_view(case_no)?;
    if as_json {
        return output::json(&to_json(ws, &v));
    }
    let c = &v.case;
    say!("案号：{}", c.case_no);
    say!("部门：{}", c.department);
    say!(
        "类型：{}{}",
        c.kind,
        c.procedure.map(|p| format!("（{p}）")).unwrap_or_default()
    );
    if let Some(t) = &c.title {
        say!("案由：{t}");
    }
    if let Some(p) = &c.party {
        let ty = p.party_type.map(|t| format!("（{t}）")).unwrap_or_default();
        say!("当事人：{}{ty}", p.name.as_deref().unwrap_or("—"));
    }
    if !c.officers.is_empty() {
        let names: Vec<_> = c.officers.iter().map(|o| o.name.as_str()).collect();
        say!("承办人：{}", names.join("、"));
    }
    if c.from_ledger() {
        say!("来源：{}", crate::model::LEDGER_NOTE);
    }
    say!(
        "状态：{}{}",
        v.status,
        v.reviewer
            .as_ref()
            .map(|r| format!("（评查人员：{r}）"))
            .unwrap_or_default()
    );
    if let Some(r) = &v.team.return_remark {
        say!("组长退回意见：{r}");
    }
    if let Some(a) = &v.team.approved_by {
        let at = v.team.approved_at.as_deref().unwrap_or("");
        say!("复核：{a} 通过（{}）", at.get(..10).unwrap_or(at));
    }
    if let Some(r) = &v.team.remark {
        say!("评查意见：{r}");
    }
    match &v.result {
        Some(r) => {
            let veto = r
                .vetoes
                .first()
                .map(|h| format!("；{}：{}", h.level.label_zh(), h.item))
                .unwrap_or_default();
            say!(
                "得分：{} / {}，等次：{}{veto}（评查标准：{}）",
                output::score(r.score),
                output::score(r.total),
                r.grade,
                v.checklist_name.as_deref().unwrap_or("")
            )
        }
        None => say!("得分：—（没有适用于{}的评查标准）", c.kind),
    }
    if !c.events.is_empty() {
        say!("\n办案流程：");
        let mut prev: Option<chrono::NaiveDate> = None;
        for e in c.timeline() {
            let doc = e
                .doc
                .as_ref()
                .map(|d| format!("（{d}）"))
                .unwrap_or_default();
            // The gap from the step before, in calendar and working days.
            let gap = match prev {
                Some(p) if e.date > p => {
                    let days = (e.date - p).num_days();
                    match ws.calendar().workdays_between(p, e.date) {
                        Some(w) => format!("  +{days} 日 / {w} 个工作日"),
                        None => format!("  +{days} 日 / 工作日无法计算（缺节假日数据）"),
                    }
                }
                _ => String::new(),
            };
            say!("  {}  {}{doc}{gap}", e.date, e.stage);
            prev = Some(e.date);
        }
    }
    if !v.findings.is_empty() {
        say!("\n问题：");
        for f in &v.findings {
            let mark = match f.status {
                FindingStatus::Confirmed if v.basis_changed.contains(&f.id.to_string()) => {
                    "已确认·依据已变，请复核"
                }
                FindingStatus::Confirmed => "已确认",
                FindingStatus::Suggested => "待确认",
                FindingStatus::Dismissed => "已驳回",
            };
            let page = f
                .page
                .as_ref()
                .map(|p| format!("（第{p}页）"))
                .unwrap_or_default();
            let veto = v.items.iter().find(|i| i.id == f.item).and_then(|i| i.veto);
            let cost = match veto {
                Some(veto) if f.deduction == 0.0 => veto.label_zh().to_string(),
                _ => format!("扣{}分", output::score(f.deduction)),
            };
            say!(
                "  [{mark}] {} {cost} {}{page}  {}",
                f.item,
                f.note,
                crate::model::short_id(&f.id)
            );
        }
    }
    Ok(())
}
