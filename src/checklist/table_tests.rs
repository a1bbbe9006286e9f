use super::*;

#[test]
fn rule_shapes() {
    let each = |a| Some(DeductRule::Each { amount: a });
    let fixed = |a| Some(DeductRule::Fixed { amount: a });
    let range = |a, b| Some(DeductRule::Range { min: a, max: b });
    assert_eq!(read_rule("每处扣0.5分", Some(2.0)), each(0.5));
    assert_eq!(
        read_rule("漏项、内容不完整等每项扣1分", Some(4.0)),
        each(1.0)
    );
    assert_eq!(
        read_rule("当事人情况缺一项扣0.5分，扣完为止", Some(2.0)),
        each(0.5)
    );
    assert_eq!(read_rule("每发现一处扣3分，扣完为止", None), each(3.0));
    assert_eq!(read_rule("未使用扣2分", Some(2.0)), fixed(2.0));
    assert_eq!(read_rule("扣全分", Some(4.0)), fixed(4.0));
    assert_eq!(read_rule("扣1—3分", Some(3.0)), range(1.0, 3.0));
    assert_eq!(read_rule("扣1-3分", None), range(1.0, 3.0));
    assert_eq!(read_rule("扣1～3分", None), range(1.0, 3.0));
    assert_eq!(read_rule("扣０．５—２分", None), range(0.5, 2.0));
    assert_eq!(read_rule("扣2分/处", None), each(2.0));
    assert_eq!(read_rule("1-3分", None), range(1.0, 3.0));
    assert_eq!(read_rule("扣全部分数", Some(5.0)), fixed(5.0));
    assert_eq!(read_rule("视情节酌情扣分", Some(3.0)), None);
    assert_eq!(read_rule("", Some(3.0)), None);
    assert_eq!(read_rule("不规范扣1分，缺失扣2分", Some(2.0)), None);
}

#[test]
fn column_letters() {
    assert_eq!(column_letter(0), "A");
    assert_eq!(column_letter(4), "E");
    assert_eq!(column_letter(26), "AA");
}

fn table(rows: &[&[&str]], facts: &[(&str, &str)]) -> StandardTable {
    StandardTable {
        file: "t.xlsx".into(),
        sheet: "工作表“评查标准”".into(),
        facts_at: "“说明”工作表".into(),
        facts: facts
            .iter()
            .enumerate()
            .map(|(i, (k, v))| Fact {
                key: k.to_string(),
                value: v.to_string(),
                row: i + 1,
            })
            .collect(),
        rows: rows
            .iter()
            .map(|r| r.iter().map(|s| s.to_string()).collect())
            .collect(),
        first_row: 1,
    }
}

const H: &[&str] = &[
    "类别",
    "类别分值",
    "编号",
    "评查内容",
    "分值",
    "扣分标准",
    "否决",
    "加分",
];
const FACTS_OK: &[(&str, &str)] = &[
    ("标准名称", "测试标准"),
    ("编号", "T"),
    ("适用案件类型", "行政处罚"),
    ("满分", "10"),
    ("优秀", "9"),
    ("合格", "6"),
];

#[test]
fn reads_rules_and_facts() {
    let t = table(
        &[
            H,
            &["基本标准", "", "T-V1", "主体不合法", "—", "", "不合格", ""],
            &["卷面", "10", "T-1", "文书填写", "4", "每项扣1分", "", ""],
            &["", "", "T-2", "封面", "2", "扣2分", "", ""],
            &["", "", "T-3", "装订", "4", "扣1—3分", "不得评为优秀", ""],
            &["加分", "", "T-B", "说理充分", "", "", "", "2"],
        ],
        FACTS_OK,
    );
    let r = t.read().expect("valid");
    let c = &r.checklist;
    assert_eq!(
        c.item("T-1").map(|i| i.rule),
        Some(DeductRule::Each { amount: 1.0 })
    );
    assert_eq!(
        c.item("T-2").map(|i| i.rule),
        Some(DeductRule::Fixed { amount: 2.0 })
    );
    assert_eq!(
        c.item("T-3").map(|i| i.rule),
        Some(DeductRule::Range { min: 1.0, max: 3.0 })
    );
    assert_eq!(
        c.item("T-B").map(|i| i.rule),
        Some(DeductRule::Bonus { max: 2.0 })
    );
    assert_eq!(c.item("T-V1").and_then(|i| i.veto), Some(Veto::Fail));
    assert_eq!(c.total, 10.0);
    assert_eq!(r.rows.len(), 5);
    assert_eq!(r.rows[1].rule, "每处扣1分");
}

#[test]
fn errors_name_row_and_column() {
    let t = table(
        &[
            H,
            &["卷面", "10", "T-1", "文书填写", "", "视情节扣分", "", ""],
        ],
        FACTS_OK,
    );
    let e = t.read().expect_err("missing points");
    assert_eq!((e.row, e.column.as_deref()), (Some(2), Some("E列（分值）")));
    assert!(e.message.contains("缺少分值"), "{e}");

    let t = table(
        &[H, &["卷面", "10", "T-1", "文书填写", "4", "", "一票", ""]],
        FACTS_OK,
    );
    let e = t.read().expect_err("bad veto");
    assert_eq!((e.row, e.column.as_deref()), (Some(2), Some("G列（否决）")));

    let t = table(
        &[
            H,
            &["卷面", "10", "T-1", "文书填写", "4", "", "", ""],
            &["卷面", "", "T-1", "封面", "2", "", "", ""],
        ],
        FACTS_OK,
    );
    let e = t.read().expect_err("duplicate");
    assert_eq!((e.row, e.column.as_deref()), (Some(3), Some("C列（编号）")));
    assert!(e.message.contains("第 2 行"), "{e}");

    let t = table(
        &[
            H,
            &["卷面", "4", "T-1", "文书填写", "4", "", "", ""],
            &["内容", "5", "T-2", "封面", "2", "", "", ""],
        ],
        FACTS_OK,
    );
    let e = t.read().expect_err("sum");
    assert_eq!(
        (e.row, e.column.as_deref()),
        (Some(2), Some("B列（类别分值）"))
    );
    assert!(e.message.contains("之和为 9"), "{e}");
}
