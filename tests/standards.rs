//! A bureau's standard typed into the template, imported, and a batch graded
//! by it through the command line: every score, grade, department average
//! and rank computed by hand here.

mod cli_common;

use cli_common::*;
use std::path::{Path, PathBuf};

/// The standard's items as a clerk types them: 类别 only on a category's
/// first row, no category caps (宣武 style), fixed, per-occurrence, range,
/// 扣全分 and a 加分项.
const ITEMS: &[[&str; 8]] = &[
    [
        "类别",
        "编号",
        "评查内容",
        "分值",
        "扣分标准",
        "否决",
        "加分",
        "依据",
    ],
    [
        "合法性",
        "XW-V1",
        "实施主体不合法",
        "—",
        "扣除全部分数",
        "不合格",
        "",
        "《中华人民共和国行政处罚法》第十七条",
    ],
    [
        "规范性",
        "XW-01",
        "文书填写完整规范",
        "10",
        "每处扣0.5分，扣完为止",
        "",
        "",
        "",
    ],
    [
        "",
        "XW-02",
        "使用统一封面",
        "2",
        "未使用的扣2分",
        "",
        "",
        "",
    ],
    ["", "XW-03", "卷内材料排列有序", "3", "扣1—3分", "", "", ""],
    ["", "XW-04", "送达回证齐全", "5", "扣全分", "", "", ""],
    ["加分项", "XW-B1", "说理充分", "", "", "", "2", ""],
];

const FACTS: &[[&str; 2]] = &[
    ["项目", "内容"],
    ["标准名称", "某区行政处罚案卷评查细则"],
    ["编号", "XW"],
    ["版本", "2026.1"],
    ["适用案件类型", "行政处罚"],
    ["满分", "100"],
    ["优秀", "90"],
    ["合格", "60"],
    ["否决计分", "零分"],
    ["单位排名", "平均分"],
    ["加分上限", "3"],
];

fn write_xlsx(path: &Path, items: &[[&str; 8]], facts: &[[&str; 2]]) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("评查标准").unwrap();
    for (r, row) in items.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            // Numbers typed as numbers, as Excel keeps them.
            match v.parse::<f64>() {
                Ok(n) if r > 0 => ws.write_number(r as u32, c as u16, n).unwrap(),
                _ => ws.write_string(r as u32, c as u16, *v).unwrap(),
            };
        }
    }
    let notes = wb.add_worksheet();
    notes.set_name("说明").unwrap();
    for (r, row) in facts.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            notes.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    wb.save(path).unwrap();
}

fn setup() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let cases = dir.path().join("cases.jsonl");
    let line = |no: &str, dept: &str, kind: &str| {
        format!("{{\"case_no\":\"{no}\",\"department\":\"{dept}\",\"kind\":\"{kind}\"}}\n")
    };
    std::fs::write(
        &cases,
        [
            line("甲罚〔2024〕1号", "甲局", "行政处罚"),
            line("甲罚〔2024〕2号", "甲局", "行政处罚"),
            line("乙罚〔2024〕1号", "乙局", "行政处罚"),
            line("乙罚〔2024〕2号", "乙局", "行政处罚"),
            line("丙罚〔2024〕1号", "丙局", "行政处罚"),
            line("丙罚〔2024〕2号", "丙局", "行政处罚"),
            line("乙许〔2024〕1号", "乙局", "行政许可"),
        ]
        .concat(),
    )
    .unwrap();
    ok(&db, &["import", cases.to_str().unwrap()]);
    let xlsx = dir.path().join("细则.xlsx");
    write_xlsx(&xlsx, ITEMS, FACTS);
    ok(&db, &["checklists", "import", xlsx.to_str().unwrap()]);
    ok(
        &db,
        &[
            "batch",
            "new",
            "--name",
            "2024年度评查",
            "--type",
            "年度",
            "--checklists",
            "XW",
            "--all",
        ],
    );
    (dir, db)
}

fn add(db: &Path, case: &str, item: &str, extra: &[&str]) {
    let mut args = vec![
        "finding",
        "add",
        "--case",
        case,
        "--item",
        item,
        "--reviewer",
        "王芳",
    ];
    args.extend_from_slice(extra);
    ok(db, &args);
}

fn score_of(db: &Path, case: &str) -> (f64, String) {
    let v = json(db, &["show", case, "--json"]);
    (
        v["score"].as_f64().unwrap_or(-1.0),
        v["grade"].as_str().unwrap_or("").to_string(),
    )
}

#[test]
fn a_batch_graded_by_an_imported_standard_scores_as_the_standard_says() {
    let (_dir, db) = setup();
    // 甲1: 3 处 × 0.5 = 1.5, fixed 2 → 100 − 3.5 = 96.5 优秀.
    add(&db, "甲罚〔2024〕1号", "XW-01", &["--count", "3"]);
    add(&db, "甲罚〔2024〕1号", "XW-02", &[]);
    // 甲2: the veto zeroes the score whatever else was found.
    add(&db, "甲罚〔2024〕2号", "XW-V1", &[]);
    add(&db, "甲罚〔2024〕2号", "XW-03", &["--deduct", "2"]);
    // 乙1: 扣全分 5, bonus 2 → 97. 乙2: 30 处 × 0.5 = 15, capped at 10 → 90.
    add(&db, "乙罚〔2024〕1号", "XW-04", &[]);
    add(&db, "乙罚〔2024〕1号", "XW-B1", &["--award", "2"]);
    add(&db, "乙罚〔2024〕2号", "XW-01", &["--count", "30"]);
    // 丙1: 13 处 × 0.5 = 6.5 → 93.5. 丙2 stays under review.
    add(&db, "丙罚〔2024〕1号", "XW-01", &["--count", "13"]);
    add(&db, "丙罚〔2024〕2号", "XW-02", &[]);
    for c in [
        "甲罚〔2024〕1号",
        "甲罚〔2024〕2号",
        "乙罚〔2024〕1号",
        "乙罚〔2024〕2号",
        "丙罚〔2024〕1号",
    ] {
        ok(&db, &["complete", c, "--reviewer", "王芳"]);
    }
    assert_eq!(score_of(&db, "甲罚〔2024〕1号"), (96.5, "优秀".into()));
    assert_eq!(score_of(&db, "甲罚〔2024〕2号"), (0.0, "不合格".into()));
    assert_eq!(score_of(&db, "乙罚〔2024〕1号"), (97.0, "优秀".into()));
    assert_eq!(score_of(&db, "乙罚〔2024〕2号"), (90.0, "优秀".into()));
    assert_eq!(score_of(&db, "丙罚〔2024〕1号"), (93.5, "优秀".into()));
    // The 许可 file is graded by the built-in XK, which the batch did not replace.
    let v = json(&db, &["show", "乙许〔2024〕1号", "--json"]);
    assert_eq!(v["checklist"], "XK", "{v}");

    let fl = json(
        &db,
        &["finding", "list", "--case", "甲罚〔2024〕1号", "--json"],
    );
    let f = fl
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["item"] == "XW-01")
        .cloned()
        .unwrap();
    assert_eq!(
        (f["count"].as_u64(), f["deduction"].as_f64()),
        (Some(3), Some(1.5))
    );

    let s = json(&db, &["summary", "--json"]);
    let dept = |name: &str| {
        s["departments"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["department"] == name)
            .cloned()
            .unwrap()
    };
    // 甲 (96.5 + 0) / 2 = 48.25 → 48.3 不合格; 乙 (97 + 90) / 2 = 93.5 total
    // 187, plus its 许可 file (XK, 100) not completed; 丙 93.5 total 93.5:
    // 乙 and 丙 tie on average, 乙's total is higher.
    let a = dept("甲局");
    assert_eq!(
        (
            a["average_score"].as_f64(),
            a["grade"].as_str(),
            a["rank"].as_u64()
        ),
        (Some(48.3), Some("不合格"), Some(3))
    );
    let b = dept("乙局");
    assert_eq!(
        (
            b["average_score"].as_f64(),
            b["grade"].as_str(),
            b["rank"].as_u64()
        ),
        (Some(93.5), Some("优秀"), Some(1))
    );
    let c = dept("丙局");
    assert_eq!(
        (
            c["average_score"].as_f64(),
            c["grade"].as_str(),
            c["rank"].as_u64()
        ),
        (Some(93.5), Some("优秀"), Some(2))
    );
    assert_eq!(c["reviewed"].as_i64(), Some(1));
    assert!(
        s["grades"].get("良好").is_none(),
        "a three-grade standard has no 良好: {}",
        s["grades"]
    );
    assert_eq!(s["unit_rule"]["checklist"], "XW");
}

#[test]
fn findings_give_what_the_rule_needs() {
    let (_dir, db) = setup();
    let c = "甲罚〔2024〕1号";
    // (item, the option given, its value, what the refusal must say)
    for (item, option, value, says) in [
        ("XW-01", "--deduct", "1", "--count"),
        ("XW-02", "--deduct", "1", "固定"),
        ("XW-03", "--deduct", "0.5", "1—3"),
        ("XW-B1", "--award", "5", "0—2"),
        ("XW-02", "--count", "2", "处数"),
    ] {
        let e = fails(
            &db,
            &["finding", "add", "--case", c, "--item", item, option, value],
        );
        assert!(e.contains(says), "{item} {option} {value}: {e}");
    }
}

#[test]
fn table_errors_name_sheet_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let bad = dir.path().join("坏.xlsx");
    let mut items = ITEMS.to_vec();
    items[3][3] = "";
    items[3][4] = "酌情扣分";
    write_xlsx(&bad, &items, FACTS);
    let e = fails(&db, &["checklists", "import", bad.to_str().unwrap()]);
    assert!(
        e.contains("工作表“评查标准”") && e.contains("第 4 行") && e.contains("D列（分值）"),
        "{e}"
    );

    let mut items = ITEMS.to_vec();
    items[1][5] = "一票";
    write_xlsx(&bad, &items, FACTS);
    let e = fails(&db, &["checklists", "import", bad.to_str().unwrap()]);
    assert!(
        e.contains("第 2 行") && e.contains("F列（否决）") && e.contains("不合格"),
        "{e}"
    );

    let mut items = ITEMS.to_vec();
    items[4][1] = "XW-01";
    write_xlsx(&bad, &items, FACTS);
    let e = fails(&db, &["checklists", "import", bad.to_str().unwrap()]);
    assert!(e.contains("第 5 行") && e.contains("重复"), "{e}");

    let list = json(&db, &["checklists", "--json"]);
    assert!(
        !list.as_array().unwrap().iter().any(|c| c["id"] == "XW"),
        "nothing written on error"
    );
}

#[test]
fn csv_in_gbk_with_facts_above_and_category_sums() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let text = "标准名称：测绘地理信息行政处罚案卷评查标准（摘录）\n编号：CHT\n适用案件类型：行政处罚\n满分：100\n优秀：90\n合格：60\n\
类别,类别分值,编号,评查内容,分值,扣分标准,否决\n\
基本标准,,CH-V1,实施主体不合法,—,,不合格\n\
卷面,20,CH-J01,使用执法文书格式文本,2,未使用扣2分,\n\
卷面,,CH-J02,按文书规范填写,4,漏项、内容不完整等每项扣1分,\n\
内容,75,CH-N01,事实清楚,75,,\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(text);
    let file = dir.path().join("标准.csv");
    std::fs::write(&file, &gbk).unwrap();
    let e = fails(&db, &["checklists", "import", file.to_str().unwrap()]);
    assert!(
        e.contains("之和为 95") && e.contains("第 9 行") && e.contains("B列（类别分值）"),
        "{e}"
    );
    let fixed = text.replace("内容,75,CH-N01,事实清楚,75", "内容,80,CH-N01,事实清楚,80");
    let (gbk, _, _) = encoding_rs::GBK.encode(&fixed);
    std::fs::write(&file, &gbk).unwrap();
    let out = ok(
        &db,
        &["checklists", "import", file.to_str().unwrap(), "--dry-run"],
    );
    assert!(
        out.contains("每处扣1分") && out.contains("扣2分") && out.contains("未写入"),
        "{out}"
    );
    let list = json(&db, &["checklists", "--json"]);
    assert!(!list.as_array().unwrap().iter().any(|c| c["id"] == "CHT"));
    ok(&db, &["checklists", "import", file.to_str().unwrap()]);
    let list = json(&db, &["checklists", "--json"]);
    let cht = list
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "CHT")
        .cloned()
        .unwrap();
    assert_eq!(cht["veto_score"], "zero");
}

#[test]
fn replacing_needs_replace_and_completed_files_keep_their_score() {
    let (dir, db) = setup();
    add(&db, "甲罚〔2024〕1号", "XW-02", &[]);
    ok(&db, &["complete", "甲罚〔2024〕1号", "--reviewer", "王芳"]);
    add(&db, "甲罚〔2024〕2号", "XW-02", &[]);
    assert_eq!(score_of(&db, "甲罚〔2024〕1号"), (98.0, "优秀".into()));
    let mut items = ITEMS.to_vec();
    items[3][3] = "4";
    items[3][4] = "扣4分";
    let xlsx = dir.path().join("细则2.xlsx");
    write_xlsx(&xlsx, &items, FACTS);
    let e = fails(&db, &["checklists", "import", xlsx.to_str().unwrap()]);
    assert!(
        e.contains("--replace") && e.contains("XW-02") && e.contains("甲罚〔2024〕1号"),
        "{e}"
    );
    assert_eq!(score_of(&db, "甲罚〔2024〕1号"), (98.0, "优秀".into()));
    ok(
        &db,
        &["checklists", "import", xlsx.to_str().unwrap(), "--replace"],
    );
    // The file under review takes the new rule; the completed one keeps its score.
    assert_eq!(score_of(&db, "甲罚〔2024〕2号"), (96.0, "优秀".into()));
    assert_eq!(score_of(&db, "甲罚〔2024〕1号"), (98.0, "优秀".into()));
    let log = ok(&db, &["audit", "log"]);
    assert!(log.contains("checklists"), "{log}");
    ok(
        &db,
        &[
            "checklists",
            "import",
            xlsx.to_str().unwrap(),
            "--replace",
            "--regrade",
        ],
    );
    assert_eq!(score_of(&db, "甲罚〔2024〕1号"), (96.0, "优秀".into()));
}

#[test]
fn the_template_is_ready_to_fill() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("模板.xlsx");
    let db = dir.path().join("unused.db");
    ok(
        &db,
        &["checklists", "template", "--out", out.to_str().unwrap()],
    );
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&out).unwrap();
    assert_eq!(
        wb.sheet_names(),
        vec!["评查标准".to_string(), "说明".to_string()]
    );
    let r = wb.worksheet_range("评查标准").unwrap();
    let header: Vec<String> = r
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    for h in [
        "类别",
        "类别分值",
        "编号",
        "评查内容",
        "分值",
        "扣分标准",
        "否决",
        "加分",
        "依据",
        "来源",
    ] {
        assert!(header.contains(&h.to_string()), "{h}");
    }
    let r = wb.worksheet_range("说明").unwrap();
    let keys: Vec<String> = r.rows().map(|row| row[0].to_string()).collect();
    for k in [
        "标准名称",
        "编号",
        "版本",
        "适用案件类型",
        "满分",
        "优秀",
        "良好",
        "合格",
        "否决计分",
        "单位排名",
        "来源",
    ] {
        assert!(keys.contains(&k.to_string()), "{k}");
    }
    assert!(!db.exists(), "the template needs no database");
}

#[test]
fn the_score_sheet_shows_the_rule_behind_every_deduction() {
    let (dir, db) = setup();
    add(
        &db,
        "甲罚〔2024〕1号",
        "XW-01",
        &["--count", "3", "--note", "询问笔录未注明起止时间"],
    );
    add(&db, "甲罚〔2024〕1号", "XW-B1", &["--award", "1"]);
    add(&db, "甲罚〔2024〕2号", "XW-V1", &["--note", "主体不适格"]);
    add(&db, "甲罚〔2024〕2号", "XW-02", &[]);
    for c in ["甲罚〔2024〕1号", "甲罚〔2024〕2号"] {
        ok(&db, &["complete", c, "--reviewer", "王芳"]);
    }
    let out = dir.path().join("文书");
    ok(
        &db,
        &["report", "--out", out.to_str().unwrap(), "--format", "docx"],
    );
    let find = |no: &str| {
        std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| {
                let n = p.file_name().unwrap().to_string_lossy().to_string();
                n.contains("评查表") && n.contains(no)
            })
            .unwrap_or_else(|| panic!("score sheet of {no}"))
    };
    let one = docx_plain(&find("甲罚〔2024〕1号"));
    assert!(one.contains("3处") && one.contains("扣1.5分"), "{one}");
    assert!(one.contains("扣分标准：每处扣0.5分，扣完为止"), "{one}");
    assert!(one.contains("加1.0分"), "{one}");
    assert!(one.contains("得分99.5分"), "{one}");
    let two = docx_plain(&find("甲罚〔2024〕2号"));
    assert!(two.contains("一票否决，计0分（已确认扣分2.0分）"), "{two}");
    assert!(two.contains("扣分标准：未使用的扣2分"), "{two}");
    assert!(two.contains("得分0.0分"), "{two}");
}

#[test]
fn a_word_table_is_read_like_a_sheet() {
    use docx_rs::{Docx, Paragraph, Run, Table, TableCell, TableRow};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let p = |t: &str| Paragraph::new().add_run(Run::new().add_text(t));
    let row = |cells: &[&str]| {
        TableRow::new(
            cells
                .iter()
                .map(|c| TableCell::new().add_paragraph(p(c)))
                .collect(),
        )
    };
    let mut doc = Docx::new().add_paragraph(p("某局行政许可案卷评查细则"));
    for line in [
        "标准名称：某局行政许可案卷评查细则",
        "编号：XKD",
        "适用案件类型：行政许可",
        "优秀：90",
        "良好：80",
        "合格：60",
        "否决计分：保留",
        "单位排名：合格率",
    ] {
        doc = doc.add_paragraph(p(line));
    }
    let table = Table::new(vec![
        row(&[
            "类别",
            "类别分值",
            "编号",
            "评查项目",
            "分值",
            "扣分标准",
            "否决",
        ]),
        row(&[
            "受理",
            "40",
            "XKD-01",
            "申请材料齐全",
            "40",
            "缺一项扣2分",
            "",
        ]),
        row(&[
            "决定",
            "60",
            "XKD-02",
            "在法定期限内作出决定",
            "60",
            "扣10分",
            "不得评为优秀",
        ]),
    ]);
    doc = doc.add_table(table);
    let file = dir.path().join("细则.docx");
    let f = std::fs::File::create(&file).unwrap();
    doc.build().pack(f).unwrap();
    let out = ok(
        &db,
        &["checklists", "import", file.to_str().unwrap(), "--dry-run"],
    );
    assert!(out.contains("每处扣2分") && out.contains("扣10分"), "{out}");
    ok(&db, &["checklists", "import", file.to_str().unwrap()]);
    let list = json(&db, &["checklists", "--json"]);
    let c = list
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "XKD")
        .cloned()
        .unwrap();
    assert_eq!(c["thresholds"]["good"].as_f64(), Some(80.0));
    assert_eq!(c["veto_score"], "keep");
    assert_eq!(
        c["unit"]["rank_by"],
        serde_json::json!(["pass_rate", "average"])
    );
    assert_eq!(c["items"][1]["veto"], "not_excellent");
}
