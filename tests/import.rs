//! The importer against the interchange format (`docs/case-file.md`):
//! every accepted format, every kind of bad input and its message.

use pingcha::import::{ImportError, ImportIssue, Loaded, Locator, load_paths, problem_count};
use pingcha::model::{CaseKind, KnownStage, Measure, Stage};
use std::path::{Path, PathBuf};

const FIX: &str = "tests/fixtures/import";

fn fix(name: &str) -> PathBuf {
    Path::new(FIX).join(name)
}

fn load(paths: &[PathBuf]) -> Loaded {
    match load_paths(paths) {
        Ok(l) => l,
        Err(ImportError::Invalid(issues)) => panic!(
            "unexpected problems:\n{}",
            issues
                .iter()
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        ),
        Err(e) => panic!("{e}"),
    }
}

fn problems(paths: &[PathBuf]) -> Vec<ImportIssue> {
    match load_paths(paths) {
        Err(ImportError::Invalid(issues)) => issues,
        Err(e) => panic!("expected Invalid, got {e}"),
        Ok(l) => panic!("expected problems, loaded {} cases", l.cases.len()),
    }
}

fn lines(issues: &[ImportIssue]) -> Vec<String> {
    issues.iter().map(|i| i.to_string()).collect()
}

/// The one line mentioning `needle`, or a panic listing them all.
fn line_with(issues: &[ImportIssue], needle: &str) -> String {
    let all = lines(issues);
    all.iter()
        .find(|l| l.contains(needle))
        .cloned()
        .unwrap_or_else(|| panic!("no line with {needle:?} in:\n{}", all.join("\n")))
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

// ---- good input -------------------------------------------------------------

#[test]
fn the_samples_import_cleanly() {
    let s = Path::new("data/samples");
    let one = load(&[s.join("case.json")]);
    assert_eq!(one.cases.len(), 1);
    assert_eq!(one.cases[0].1.locator, Locator::Whole);
    let many = load(&[s.join("cases.jsonl")]);
    assert_eq!(many.cases.len(), 12);
    assert!(many.warnings.is_empty(), "{:?}", lines(&many.warnings));

    let utf8 = load(&[s.join("ledger.csv")]);
    let gbk = load(&[s.join("ledger-gbk.csv")]);
    assert_eq!(utf8.cases.len(), 6);
    assert!(utf8.warnings.is_empty(), "{:?}", lines(&utf8.warnings));
    let a: Vec<_> = utf8.cases.iter().map(|(c, _)| c).collect();
    let b: Vec<_> = gbk.cases.iter().map(|(c, _)| c).collect();
    assert_eq!(a, b, "GBK decodes to the same files as UTF-8");
    let w = line_with(&gbk.warnings, "GB18030");
    assert!(w.contains("ledger-gbk.csv") && w.contains("UTF-8"), "{w}");
    // 2024年10月21日 in the third data row (row 4 as a spreadsheet shows it).
    let (c, o) = &utf8.cases[2];
    assert_eq!(o.locator, Locator::Row(4));
    assert_eq!(
        c.first_event(KnownStage::Filing).unwrap().date.to_string(),
        "2024-10-21"
    );
}

#[test]
fn a_json_object_keeps_unknown_fields_through_a_round_trip() {
    let l = load(&[fix("extra-fields.json")]);
    let (c, o) = &l.cases[0];
    assert_eq!(o.locator, Locator::Whole);
    assert_eq!(c.extra["archive_box"], "A-17");
    assert_eq!(c.extra["exported_by"]["version"], "3.2");
    assert_eq!(c.party.as_ref().unwrap().extra["legal_rep"], "王五");
    assert_eq!(c.events[0].extra["system_id"], 77);
    let json = serde_json::to_string(c).unwrap();
    let again: pingcha::model::CaseFile = serde_json::from_str(&json).unwrap();
    assert_eq!(&again, c);
    // The unknown stage is kept and reported as a warning.
    assert_eq!(c.events[1].stage, Stage::Unknown("补正通知".into()));
    let w = line_with(&l.warnings, "补正通知");
    assert!(
        w.contains("events[1].stage") && w.contains("潜市监罚〔2024〕15号"),
        "{w}"
    );
}

#[test]
fn a_json_array_locates_records() {
    let l = load(&[fix("array.json")]);
    let locs: Vec<_> = l.cases.iter().map(|(_, o)| o.locator).collect();
    assert_eq!(locs, [Locator::Record(1), Locator::Record(2)]);
    assert_eq!(l.cases[1].0.kind, CaseKind::Licensing);
}

#[test]
fn jsonl_with_blank_lines_and_crlf() {
    let l = load(&[fix("cases.jsonl")]);
    let got: Vec<_> = l
        .cases
        .iter()
        .map(|(c, o)| (c.case_no.as_str(), o.locator))
        .collect();
    assert_eq!(got, [("L1", Locator::Line(1)), ("L2", Locator::Line(3))]);
}

#[test]
fn a_folder_is_walked_in_sorted_order_json_only() {
    let l = load(&[fix("folder")]);
    let nos: Vec<_> = l.cases.iter().map(|(c, _)| c.case_no.as_str()).collect();
    assert_eq!(nos, ["F0", "F1", "F2"], "a.jsonl, b.json, sub/c.json");
    let w = line_with(&l.warnings, "ledger.csv");
    assert!(w.contains("台账"), "{w}");
}

#[test]
fn a_file_named_twice_is_read_once() {
    let l = load(&[fix("folder"), fix("folder/b.json")]);
    assert_eq!(l.cases.len(), 3);
}

#[test]
fn a_csv_ledger_with_bom_maps_the_spec_columns() {
    let l = load(&[fix("ledger-bom.csv")]);
    assert_eq!(l.cases.len(), 2);
    let (c, o) = &l.cases[0];
    assert_eq!(o.locator, Locator::Row(2));
    assert_eq!(c.case_no, "C1");
    assert_eq!(c.kind, CaseKind::Penalty);
    assert_eq!(c.title.as_deref(), Some("某案"));
    assert_eq!(c.party_name(), Some("某公司"));
    let stages: Vec<_> = c.events.iter().map(|e| e.stage.to_string()).collect();
    assert_eq!(stages, ["立案", "决定"]);
    let d = c.decision.as_ref().unwrap();
    assert_eq!(d.date.unwrap().to_string(), "2024-04-22");
    assert_eq!(d.fine_yuan, Some(1280.5));
    assert_eq!(d.measures, [Measure::Fine]);
    let names: Vec<_> = c.officers.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(names, ["张三", "李四"]);
    assert_eq!(c.major_decision, Some(true));
    assert_eq!(c.extra["备注"], "补录");
    let c2 = &l.cases[1].0;
    assert!(c2.decision.is_none() && c2.title.is_none() && !c2.extra.contains_key("备注"));
    assert_eq!(c2.major_decision, Some(false));
}

fn xlsx(path: &Path, title_row: bool, bad: bool) {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let mut r = 0;
    if title_row {
        ws.write_string(0, 0, "2024年行政处罚案件台账").unwrap();
        r = 2; // a blank row between title and header
    }
    let header = [
        "案号",
        "执法部门",
        "案件类型",
        "立案日期",
        "决定日期",
        "罚款金额",
        "承办人",
        "是否重大",
        "系统编号",
    ];
    for (i, h) in header.iter().enumerate() {
        ws.write_string(r, i as u16, *h).unwrap();
    }
    // A date cell, a plain serial number, a text date.
    ws.write_string(r + 1, 0, "X1").unwrap();
    ws.write_string(r + 1, 1, "某局").unwrap();
    ws.write_string(r + 1, 2, "行政处罚").unwrap();
    let d = ExcelDateTime::from_ymd(2024, 3, 4).unwrap();
    ws.write_datetime_with_format(r + 1, 3, &d, &date).unwrap();
    ws.write_number(r + 1, 4, 45404.0).unwrap(); // 2024-04-22
    ws.write_number(r + 1, 5, 5000.0).unwrap();
    ws.write_string(r + 1, 6, "张三,李四").unwrap();
    ws.write_boolean(r + 1, 7, true).unwrap();
    ws.write_number(r + 1, 8, 1017.0).unwrap();
    ws.write_string(r + 2, 0, "X2").unwrap();
    ws.write_string(r + 2, 1, "某局").unwrap();
    ws.write_string(r + 2, 2, "行政检查").unwrap();
    ws.write_string(r + 2, 3, if bad { "2024/2/30" } else { "2024/5/6" })
        .unwrap();
    if bad {
        ws.write_string(r + 2, 5, "-10").unwrap();
    }
    wb.save(path).unwrap();
}

#[test]
fn an_xlsx_ledger_accepts_date_cells_serials_and_text() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("台账.xlsx");
    xlsx(&p, false, false);
    let l = load(std::slice::from_ref(&p));
    assert_eq!(l.cases.len(), 2);
    let (c, o) = &l.cases[0];
    assert_eq!(o.locator, Locator::Row(2));
    assert_eq!(c.events[0].date.to_string(), "2024-03-04");
    assert_eq!(c.decision_date().unwrap().to_string(), "2024-04-22");
    assert_eq!(c.decision.as_ref().unwrap().fine_yuan, Some(5000.0));
    assert_eq!(c.officers.len(), 2);
    assert_eq!(c.major_decision, Some(true));
    assert_eq!(c.extra["系统编号"], 1017);
    assert_eq!(l.cases[1].0.events[0].date.to_string(), "2024-05-06");
}

#[test]
fn an_xlsx_ledger_names_rows_as_excel_shows_them() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("bad.xlsx");
    xlsx(&p, true, true);
    let issues = problems(std::slice::from_ref(&p));
    // Title on row 1, header on row 3, data on rows 4 and 5.
    let date = line_with(&issues, "2024/2/30");
    assert!(
        date.contains("bad.xlsx 第 5 行（案号 X2）列“立案日期”"),
        "{date}"
    );
    let money = line_with(&issues, "罚款金额");
    assert!(
        money.contains("第 5 行") && money.contains("负数"),
        "{money}"
    );
    assert_eq!(issues.len(), 2, "{:?}", lines(&issues));
}

// ---- bad input ---------------------------------------------------------------

#[test]
fn a_bad_date_names_file_line_case_field_value_and_expectation() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "bad.jsonl",
        "{\"case_no\":\"X1\",\"department\":\"某局\",\"kind\":\"行政处罚\"}\n{\"case_no\":\"X2\",\"department\":\"某局\",\"kind\":\"行政处罚\",\"decision\":{\"date\":\"2024-02-30\"}}\n"
            .as_bytes(),
    );
    let issues = problems(&[p]);
    assert_eq!(issues.len(), 1);
    let line = issues[0].to_string();
    assert!(
        line.contains("bad.jsonl 第 2 行（案号 X2）字段 decision.date：“2024-02-30” 不是有效日期"),
        "{line}"
    );
    assert!(line.contains("YYYY-MM-DD"), "{line}");
    assert_eq!(issues[0].locator, Locator::Line(2));
    assert_eq!(issues[0].field.as_deref(), Some("decision.date"));
}

#[test]
fn every_problem_of_a_record_and_a_file_is_named() {
    let issues = problems(&[fix("bad-values.jsonl")]);
    let kind = line_with(&issues, "行政处理");
    assert!(kind.contains("第 1 行（案号 B1）字段 kind"), "{kind}");
    assert!(kind.contains(&CaseKind::allowed()), "{kind}");
    let missing = line_with(&issues, "字段 department");
    assert!(
        missing.contains("第 3 行（案号 B2）") && missing.contains("缺少必填字段"),
        "{missing}"
    );
    let neg = line_with(&issues, "decision.fine_yuan");
    assert!(
        neg.contains("第 4 行") && neg.contains("-200") && neg.contains("负数"),
        "{neg}"
    );
    let dec = line_with(&issues, "decision.confiscation_yuan");
    assert!(dec.contains("12.345") && dec.contains("两位小数"), "{dec}");
    let ty = line_with(&issues, "amount_involved_yuan");
    assert!(ty.contains("“5000”") && ty.contains("应为数字"), "{ty}");
    let date = line_with(&issues, "events[0].date");
    assert!(
        date.contains("第 5 行（案号 B4）") && date.contains("2024/03/04"),
        "{date}"
    );
    let req = line_with(&issues, "events[1].date");
    assert!(req.contains("缺少必填字段"), "{req}");
    let medium = line_with(&issues, "recordings[0].medium");
    assert!(
        medium.contains("视频") && medium.contains("音像"),
        "{medium}"
    );
    assert_eq!(issues.len(), 8, "{:#?}", lines(&issues));
}

#[test]
fn a_json_syntax_error_gives_line_and_column() {
    let issues = problems(&[fix("syntax.json")]);
    assert_eq!(issues.len(), 1);
    let line = issues[0].to_string();
    assert!(
        line.starts_with(&format!("{}", fix("syntax.json").display())),
        "{line}"
    );
    assert!(
        line.contains("第 4 行第 3 列") && line.contains("逗号"),
        "{line}"
    );
    assert_eq!(issues[0].locator, Locator::Line(4));

    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "x.jsonl",
        b"{\"case_no\":\"a\",\"department\":\"b\",\"kind\":\"\xe5\x85\xb6\xe4\xbb\x96\"}\n{\"case_no\": \"b\",\n",
    );
    let line = problems(&[p])[0].to_string();
    assert!(
        line.contains("x.jsonl 第 2 行") && line.contains("第 2 行第 16 列"),
        "{line}"
    );
}

#[test]
fn duplicates_name_both_places() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(
        dir.path(),
        "a.jsonl",
        "{\"case_no\":\"D\",\"department\":\"甲局\",\"kind\":\"行政处罚\"}\n".as_bytes(),
    );
    let b = write(dir.path(), "b.json", "[{\"case_no\":\"E\",\"department\":\"乙局\",\"kind\":\"行政处罚\"},{\"case_no\":\"D\",\"department\":\"乙局\",\"kind\":\"行政处罚\"}]".as_bytes());
    let issues = problems(&[a.clone(), b]);
    assert_eq!(issues.len(), 1);
    let line = issues[0].to_string();
    assert!(line.contains("b.json 第 2 条记录（案号 D）"), "{line}");
    assert!(
        line.contains("a.jsonl 第 1 行") && line.contains("重复"),
        "{line}"
    );

    // The same content twice is harmless: kept once, with a warning.
    let c = write(
        dir.path(),
        "c.json",
        "{\"case_no\":\"D\",\"department\":\"甲局\",\"kind\":\"行政处罚\"}".as_bytes(),
    );
    let l = load(&[a, c]);
    assert_eq!(l.cases.len(), 1);
    assert!(line_with(&l.warnings, "重复").contains("c.json"));
}

#[test]
fn undecodable_bytes_are_refused_not_stored_as_mojibake() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "latin.csv",
        b"\xb0\xb8\xba\xc5,\xb2\xbf\xc3\xc5\nA1,caf\xe9 \xff\n",
    );
    let issues = problems(&[p]);
    let line = issues[0].to_string();
    assert!(
        line.contains("latin.csv 第 2 行") && line.contains("编码"),
        "{line}"
    );
    assert!(line.contains("UTF-8") && line.contains("GBK"), "{line}");

    let q = write(
        dir.path(),
        "damaged.jsonl",
        "{\"case_no\":\"\u{FFFD}\u{FFFD}\",\"department\":\"某局\",\"kind\":\"其他\"}\n".as_bytes(),
    );
    assert!(problems(&[q])[0].to_string().contains("U+FFFD"));
}

#[test]
fn utf16_is_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = vec![0xFF, 0xFE];
    for u in "案号,部门\n".encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    let p = write(dir.path(), "u16.csv", &bytes);
    let line = problems(&[p])[0].to_string();
    assert!(
        line.contains("u16.csv") && line.contains("UTF-16") && line.contains("另存为"),
        "{line}"
    );
}

#[test]
fn an_unknown_extension_names_the_accepted_kinds() {
    let line = problems(&[fix("folder/notes.txt")])[0].to_string();
    assert!(
        line.contains("notes.txt") && line.contains("不支持的文件类型"),
        "{line}"
    );
    for k in [".json", ".jsonl", ".csv", ".xlsx"] {
        assert!(line.contains(k), "{line}");
    }
}

#[test]
fn empty_files_are_problems() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["e.json", "e.jsonl", "e.csv", "e.xlsx"] {
        let p = write(dir.path(), name, b"");
        let line = problems(&[p])[0].to_string();
        assert!(line.contains(name) && line.contains("为空"), "{line}");
    }
    let p = write(dir.path(), "blank.jsonl", b"\n  \n");
    assert!(problems(&[p])[0].to_string().contains("为空"));
    let p = write(dir.path(), "arr.json", b"[]");
    assert!(problems(&[p])[0].to_string().contains("数组为空"));
    let p = write(dir.path(), "head.csv", "案号,部门,类型\n".as_bytes());
    assert!(problems(&[p])[0].to_string().contains("没有数据行"));
    let empty = tempfile::tempdir().unwrap();
    let line = problems(&[empty.path().to_path_buf()])[0].to_string();
    assert!(line.contains("文件夹中没有"), "{line}");
}

#[test]
fn ledger_problems_name_row_and_column() {
    let issues = problems(&[fix("ledger-bad.csv")]);
    let date = line_with(&issues, "2024-13-01");
    assert!(
        date.contains("ledger-bad.csv 第 2 行（案号 D1）列“立案日期”"),
        "{date}"
    );
    assert!(date.contains("2024/3/4"), "the accepted forms: {date}");
    let money = line_with(&issues, "一百元");
    assert!(money.contains("第 3 行（案号 D2）列“罚款金额”"), "{money}");

    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "nohead.csv", "案号,名称\nA,B\n".as_bytes());
    let issues = problems(&[p]);
    let line = line_with(&issues, "执法部门");
    assert!(
        line.contains("第 1 行") && line.contains("缺少必需的列"),
        "{line}"
    );
    assert_eq!(
        issues.len(),
        2,
        "部门 and 类型 missing: {:?}",
        lines(&issues)
    );
    let p = write(
        dir.path(),
        "kind.csv",
        "案号,部门,类型\nK1,某局,处罚\n,某局,行政处罚\n".as_bytes(),
    );
    let issues = problems(&[p]);
    assert!(line_with(&issues, "“处罚”").contains(&CaseKind::allowed()));
    assert!(line_with(&issues, "缺少案号").contains("第 3 行 列“案号”"));
}

#[test]
fn problems_of_all_files_are_collected_and_capped() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::new();
    for i in 0..120 {
        text.push_str(&format!(
            "{{\"case_no\":\"N{i}\",\"department\":\"某局\",\"kind\":\"没有\"}}\n"
        ));
    }
    let many = write(dir.path(), "many.jsonl", text.as_bytes());
    let issues = problems(&[fix("syntax.json"), many, fix("ledger-bad.csv")]);
    assert_eq!(problem_count(&issues), 1 + 120 + 2);
    assert_eq!(issues.len(), pingcha::import::MAX_LISTED + 1);
    assert!(
        issues
            .last()
            .unwrap()
            .to_string()
            .contains("另有 73 处问题")
    );
    let err = pingcha::error::Error::from(ImportError::Invalid(issues));
    assert!(err.to_string().contains("发现 123 处问题"), "{err}");
}

#[test]
fn a_missing_path_is_an_io_error() {
    match load_paths(&[fix("no-such-file.json")]) {
        Err(ImportError::Io { path, .. }) => assert!(path.ends_with("no-such-file.json")),
        other => panic!("{other:?}"),
    }
}

#[test]
fn generated_files_load_without_problems() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::new();
    for c in pingcha::demo::generate_bulk(7, 2000) {
        text.push_str(&serde_json::to_string(&c).unwrap());
        text.push('\n');
    }
    let p = write(dir.path(), "bulk.jsonl", text.as_bytes());
    let l = load(&[p]);
    assert_eq!(l.cases.len(), 2000);
}

#[test]
fn garbage_never_panics() {
    let dir = tempfile::tempdir().unwrap();
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let seeds: [&[u8]; 4] = [
        b"{\"case_no\":\"a\",\"department\":\"b\",\"kind\":\"\xe5\x85\xb6\xe4\xbb\x96\",\"events\":[{\"stage\":1}]}",
        "案号,部门,类型,立案日期\nA,B,行政处罚,2024-01-01\n".as_bytes(),
        b"PK\x03\x04garbage",
        b"[1, \"x\", null, {}]",
    ];
    for round in 0..200 {
        let base = seeds[round % seeds.len()];
        let mut bytes = base.to_vec();
        for _ in 0..(next() % 6) {
            let at = (next() as usize) % bytes.len();
            bytes[at] = next() as u8;
        }
        for ext in ["json", "jsonl", "csv", "xlsx"] {
            let p = write(dir.path(), &format!("g.{ext}"), &bytes);
            let _ = load_paths(&[p]);
        }
    }
}

#[test]
fn pretty_json_in_a_jsonl_file_gets_one_hint() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "pretty.jsonl",
        "\n{\n  \"case_no\": \"P\",\n  \"department\": \"某局\",\n  \"kind\": \"其他\"\n}\n"
            .as_bytes(),
    );
    let issues = problems(&[p]);
    assert_eq!(issues.len(), 1, "{:?}", lines(&issues));
    let line = issues[0].to_string();
    assert!(
        line.contains("pretty.jsonl 第 2 行") && line.contains(".json 扩展名"),
        "{line}"
    );

    let q = write(
        dir.path(),
        "two.json",
        "{\"case_no\":\"A\",\"department\":\"某局\",\"kind\":\"其他\"}\n{\"case_no\":\"B\",\"department\":\"某局\",\"kind\":\"其他\"}\n"
            .as_bytes(),
    );
    let line = problems(&[q])[0].to_string();
    assert!(
        line.contains("第 2 行第 1 列") && line.contains(".jsonl"),
        "{line}"
    );
}

#[test]
fn a_folder_of_ledgers_only_says_to_name_them() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.csv",
        "案号,部门,类型\nA,某局,其他\n".as_bytes(),
    );
    let line = problems(&[dir.path().to_path_buf()])[0].to_string();
    assert!(line.contains("1 个台账文件请直接指定"), "{line}");
}
