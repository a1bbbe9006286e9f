//! Property (fuzz) targets on stable: the JSON/JSONL importer, the CSV and
//! XLSX ledger readers and the checklist parser never panic on any input,
//! and whatever the importer accepts obeys the interchange format's rules.
//!
//! Bounded for CI (a few seconds each, `PROPTEST_CASES` raises it for a
//! long run, e.g. `PROPTEST_CASES=200000 cargo test --release --test
//! fuzz_inputs`).

use pingcha::import::{check_case, load_bytes};
use proptest::prelude::*;
use serde_json::{Value, json};

fn config(default_cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default_cases);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// A record that imports, to be mutated.
fn base() -> Value {
    json!({
        "case_no": "潜市监罚〔2024〕15号",
        "department": "潜江市市场监督管理局",
        "kind": "行政处罚",
        "procedure": "普通程序",
        "title": "某某超市销售超过保质期食品案",
        "party": {"name": "潜江市某某超市有限公司", "type": "法人", "id_no": "91429005MA4XXXXX0Q"},
        "officers": [{"name": "张明", "cert_no": "42090012345", "cert_valid_until": "2026-12-31"}],
        "events": [{"stage": "立案", "date": "2024-03-04", "doc": "立案审批表"},
                   {"stage": "决定", "date": "2024-04-22"}],
        "decision": {"date": "2024-04-22", "measures": ["警告", "罚款"], "fine_yuan": 50000,
                     "confiscation_yuan": 1280.5, "discretion": "一般"},
        "documents": [{"title": "立案审批表", "date": "2024-03-04", "pages": "1-2", "signed": true}],
        "recordings": [{"stage": "现场检查", "medium": "音像", "duration_s": 1260}],
        "legal_review": {"received": "2024-04-15", "date": "2024-04-18", "opinion": "同意"},
        "disclosure": {"date": "2024-05-08", "channel": "国家企业信用信息公示系统"},
        "amount_involved_yuan": 1280.5,
        "referred_to_police": false
    })
}

/// Strings an attacker would try: controls, escapes, odd dates, huge
/// numbers written as text, mojibake, long runs.
fn nasty_string() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[\\x00-\\x1f\\x7f-\\x9f]{0,4}[a-z0-9案号局]{0,6}",
        "[0-9+\\-]{0,12}",
        Just("0000-01-01".to_string()),
        Just("+2024-01-01".to_string()),
        Just("2024-1-1".to_string()),
        Just("2024-02-30".to_string()),
        Just("\u{1b}]0;x\u{7}".to_string()),
        Just("æ¡\u{88}å\u{8f}·".to_string()),
        Just("\u{FFFD}".to_string()),
        (1usize..400).prop_map(|n| "罚".repeat(n)),
    ]
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        prop_oneof![Just(1e308), Just(-0.01), Just(1.005), Just(1e12), Just(0.0)]
            .prop_map(|f| json!(f)),
        nasty_string().prop_map(Value::String),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,8}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Field paths of the base record to overwrite.
const PATHS: &[&[&str]] = &[
    &["case_no"],
    &["department"],
    &["kind"],
    &["procedure"],
    &["title"],
    &["party"],
    &["party", "name"],
    &["party", "type"],
    &["party", "id_no"],
    &["officers"],
    &["events"],
    &["decision", "date"],
    &["decision", "fine_yuan"],
    &["decision", "measures"],
    &["documents"],
    &["recordings"],
    &["legal_review", "received"],
    &["disclosure"],
    &["amount_involved_yuan"],
    &["extra_field"],
];

fn set(v: &mut Value, path: &[&str], new: Value) {
    let mut at = v;
    for (i, p) in path.iter().enumerate() {
        if i + 1 == path.len() {
            at[*p] = new;
            return;
        }
        if !at.get(*p).is_some_and(Value::is_object) {
            at[*p] = json!({});
        }
        at = &mut at[*p];
    }
}

/// Whatever was accepted obeys the rules: the typed check finds nothing.
fn accepted_is_valid(loaded: &pingcha::import::Loaded) {
    for (c, _) in &loaded.cases {
        let checked = check_case(c);
        assert!(checked.errors.is_empty(), "{:?}", checked.errors);
        assert!(!c.case_no.chars().any(char::is_control));
        assert!(c.case_no.chars().count() <= pingcha::import::MAX_CASE_NO_CHARS);
    }
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn json_records_mutated_field_by_field(
        edits in prop::collection::vec((0..PATHS.len(), value()), 1..4),
        as_array in any::<bool>(),
    ) {
        let mut v = base();
        for (p, new) in edits {
            set(&mut v, PATHS[p], new);
        }
        let text = if as_array { json!([v]).to_string() } else { v.to_string() };
        if let Ok(loaded) = load_bytes("a.json", text.as_bytes()) {
            accepted_is_valid(&loaded);
        }
        if let Ok(loaded) = load_bytes("a.jsonl", format!("{}\n", v).as_bytes()) {
            accepted_is_valid(&loaded);
        }
    }

    #[test]
    fn json_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        for name in ["a.json", "a.jsonl", "a.csv"] {
            if let Ok(loaded) = load_bytes(name, &bytes) {
                accepted_is_valid(&loaded);
            }
        }
    }

    #[test]
    fn json_text_spliced_never_panics(at in 0usize..2000, cut in 0usize..40, insert in nasty_string()) {
        let text = base().to_string();
        let mut at = at.min(text.len());
        while !text.is_char_boundary(at) { at -= 1; }
        let mut end = (at + cut).min(text.len());
        while !text.is_char_boundary(end) { end -= 1; }
        let spliced = format!("{}{}{}", &text[..at], insert, &text[end..]);
        for name in ["a.json", "a.jsonl"] {
            if let Ok(loaded) = load_bytes(name, spliced.as_bytes()) {
                accepted_is_valid(&loaded);
            }
        }
    }

    #[test]
    fn csv_ledgers_never_panic(
        rows in prop::collection::vec(prop::collection::vec(nasty_string(), 0..8), 0..6),
        gbk in any::<bool>(),
    ) {
        let mut text = String::from("案号,执法部门,案件类型,当事人,立案日期,决定日期,罚款金额,承办人\n");
        for r in rows {
            text.push_str(&r.iter().map(|c| c.replace(['\n', '"'], "")).collect::<Vec<_>>().join(","));
            text.push('\n');
        }
        let bytes = if gbk {
            encoding_rs::GB18030.encode(&text).0.into_owned()
        } else {
            text.into_bytes()
        };
        if let Ok(loaded) = load_bytes("l.csv", &bytes) {
            accepted_is_valid(&loaded);
        }
    }
}

/// A small valid workbook, written by rust_xlsxwriter, to mutate.
fn workbook() -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["案号", "执法部门", "案件类型", "立案日期", "罚款金额"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "清交执罚〔2024〕1号").unwrap();
    ws.write_string(1, 1, "清江市交通运输局").unwrap();
    ws.write_string(1, 2, "行政处罚").unwrap();
    ws.write_number(1, 3, 45356.0).unwrap();
    ws.write_number(1, 4, 500.0).unwrap();
    wb.save_to_buffer().unwrap()
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn xlsx_bytes_mutated_never_panic(
        flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        truncate in prop::option::of(any::<prop::sample::Index>()),
    ) {
        let mut bytes = workbook();
        for (i, b) in flips {
            let i = i.index(bytes.len());
            bytes[i] = b;
        }
        if let Some(t) = truncate {
            bytes.truncate(t.index(bytes.len()));
        }
        if let Ok(loaded) = load_bytes("l.xlsx", &bytes) {
            accepted_is_valid(&loaded);
        }
    }

    #[test]
    fn xlsx_cells_with_any_text_never_panic(cells in prop::collection::vec(nasty_string(), 1..6)) {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        for (c, h) in ["案号", "执法部门", "案件类型", "立案日期", "罚款金额", "当事人"].iter().enumerate() {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        for (c, v) in cells.iter().enumerate() {
            let v: String = v.chars().take(1000).collect();
            let _ = ws.write_string(1, c as u16, &v);
        }
        let bytes = wb.save_to_buffer().unwrap();
        if let Ok(loaded) = load_bytes("l.xlsx", &bytes) {
            accepted_is_valid(&loaded);
        }
    }
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn checklist_parser_never_panics(at in 0usize..20000, cut in 0usize..60, insert in nasty_string()) {
        let text = std::fs::read_to_string("checklists/cf.toml").unwrap();
        let mut at = at.min(text.len());
        while !text.is_char_boundary(at) { at -= 1; }
        let mut end = (at + cut).min(text.len());
        while !text.is_char_boundary(end) { end -= 1; }
        let spliced = format!("{}{}{}", &text[..at], insert, &text[end..]);
        let _ = pingcha::checklist::parse(&spliced, "cf.toml");
    }

    #[test]
    fn checklist_parser_any_text_never_panics(text in any::<String>()) {
        let _ = pingcha::checklist::parse(&text, "x.toml");
    }
}
