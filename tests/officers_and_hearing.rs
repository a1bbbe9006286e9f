//! 第四十二条 counts people: the same officer listed twice counts once; and
//! 第六十三条 lists the measures that need a hearing: 限制开展生产经营活动,
//! which it does not list, raises a prompt, never a defect.

use pingcha::calendar::Calendar;
use pingcha::model::{CaseFile, Suggestion};
use pingcha::rules::{Profile, run_all};
use serde_json::{Value, json};

fn check(v: &Value, rule: &str) -> Vec<Suggestion> {
    let case: CaseFile = serde_json::from_value(v.clone()).expect("case");
    run_all(&case, &Calendar::builtin(), &Profile::national())
        .into_iter()
        .filter(|s| s.rule == rule)
        .collect()
}

/// A clean penalty file (普通程序), decided and served on 2024-09-20.
fn penalty() -> Value {
    json!({
        "case_no": "测罚〔2024〕1号", "department": "测试局", "kind": "行政处罚",
        "procedure": "普通程序", "party": {"name": "某公司", "type": "法人"},
        "officers": [{"name": "甲", "cert_no": "1"}, {"name": "乙", "cert_no": "2"}],
        "hearing_notified": true,
        "events": [{"stage": "决定", "date": "2024-09-20"}, {"stage": "送达", "date": "2024-09-20"}],
        "decision": {"date": "2024-09-20", "measures": ["罚款"], "fine_yuan": 5000}
    })
}

// ── 第四十二条: 执法人员不得少于两人 — people, not entries ──

#[test]
fn the_same_officer_listed_twice_counts_once() {
    let with = |officers: Value| {
        let mut v = penalty();
        v["officers"] = officers;
        check(&v, "officers")
    };
    // Same name and certificate number.
    let s = with(json!([{"name": "张明", "cert_no": "42090012345"},
                        {"name": "张明", "cert_no": "42090012345"}]));
    assert_eq!((s.len(), s[0].item.as_str()), (1, "CF-V04"), "{s:?}");
    assert_eq!(
        s[0].message,
        "承办执法人员仅 1 人（张明）：案卷列出 2 人次，其中张明重复列出 2 次（执法证号相同），\
         同一人只计一次，少于两人"
    );
    // The same certificate under a differently written name: one person.
    let s = with(json!([{"name": "张明", "cert_no": "42090012345"},
                        {"name": "张 明", "cert_no": " 42090012345 "}]));
    assert_eq!(s.len(), 1, "{s:?}");
    // No certificate numbers: by name.
    let s = with(json!([{"name": "张明"}, {"name": "张明"}]));
    let few: Vec<_> = s.iter().filter(|s| s.item == "CF-V04").collect();
    assert_eq!(few.len(), 1, "{s:?}");
    assert!(few[0].message.contains("姓名相同"), "{}", few[0].message);
    // Two people who share a name but not a certificate: two officers.
    assert_eq!(
        with(json!([{"name": "张明", "cert_no": "1"}, {"name": "张明", "cert_no": "2"}])),
        vec![]
    );
    assert_eq!(
        with(json!([{"name": "张明", "cert_no": "1"}, {"name": "李华", "cert_no": "2"}])),
        vec![]
    );
    // One officer, once: the plain message.
    let s = with(json!([{"name": "张明", "cert_no": "1"}]));
    assert_eq!(s[0].message, "承办执法人员仅 1 人（张明），少于两人");
}

// ── 第六十三条: the measures it lists, and 限制开展生产经营活动 ──

#[test]
fn restricting_business_without_a_hearing_notice_is_a_prompt() {
    let with = |measures: Value| {
        let mut v = penalty();
        v["hearing_notified"] = json!(false);
        v["decision"]["measures"] = measures;
        v["decision"]["fine_yuan"] = json!(1000);
        check(&v, "hearing_right")
    };
    let s = with(json!(["限制开展生产经营活动"]));
    assert_eq!(s.len(), 1, "{s:?}");
    assert!(s[0].prompt_only);
    assert_eq!(s[0].item, "CF-V11");
    assert_eq!(s[0].basis, "《中华人民共和国行政处罚法》第六十三条");
    assert!(
        s[0].message.contains("第（五）项“其他较重的行政处罚”"),
        "{}",
        s[0].message
    );
    // With a listed measure: a firm defect naming the listed one.
    let s = with(json!(["限制开展生产经营活动", "责令停产停业"]));
    assert!(s.len() == 1 && !s[0].prompt_only, "{s:?}");
    assert!(s[0].message.contains("责令停产停业"));
    for m in [
        "降低资质等级",
        "吊销许可证件",
        "责令停产停业",
        "责令关闭",
        "限制从业",
    ] {
        let s = with(json!([m]));
        assert!(s.len() == 1 && !s[0].prompt_only, "{m}: {s:?}");
    }
    // Told of the right: nothing.
    let mut v = penalty();
    v["decision"]["measures"] = json!(["限制开展生产经营活动"]);
    assert_eq!(check(&v, "hearing_right"), vec![]);
}
