//! The shipped checklists load and validate; invalid files are rejected with
//! the right line, column and message.

use pingcha::checklist::{self, ChecklistError, ChecklistRole, Problem};
use pingcha::model::{CaseKind, Veto};
use std::collections::HashSet;

fn shipped() -> Vec<pingcha::checklist::Checklist> {
    match checklist::try_builtin() {
        Ok(c) => c,
        Err(e) => panic!("shipped checklist does not load: {e}"),
    }
}

#[test]
fn every_shipped_checklist_loads() {
    let all = shipped();
    assert_eq!(all.len(), checklist::BUILTIN_FILES.len());
    assert_eq!(checklist::builtin(), all);
    let ids: Vec<&str> = all.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["CF", "GS", "JL", "QZ", "SH", "TY", "XK"]);
}

#[test]
fn load_dir_reads_the_shipped_directory() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/checklists");
    let loaded = checklist::load_dir(dir).expect("checklists/ loads");
    assert_eq!(loaded, shipped());
}

#[test]
fn totals_add_up_and_ids_are_unique() {
    for c in shipped() {
        let sum: f64 = c.categories.iter().map(|k| k.points.unwrap_or(0.0)).sum();
        assert_eq!(sum, c.total, "{}: categories add up to the total", c.id);
        assert_eq!(c.total, 100.0, "{}: 100 points", c.id);
        let ids: HashSet<&str> = c.items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids.len(), c.items.len(), "{}: item ids unique", c.id);
        for item in &c.items {
            assert!(
                c.category(&item.category).is_some(),
                "{}: category declared",
                item.id
            );
            assert!(
                !item.text.is_empty() && !item.basis.is_empty() && !item.source.is_empty(),
                "{}",
                item.id
            );
            assert!(
                item.id.starts_with(&format!("{}-", c.id)),
                "{} in {}",
                item.id,
                c.id
            );
            if item.veto.is_none() {
                assert!(item.points > 0.0, "{}: a scored item has points", item.id);
            }
            assert!(c.max_deduction_for(item) <= item.points);
        }
        assert_eq!(c.thresholds.excellent, 90.0);
        assert_eq!(c.thresholds.pass, 60.0);
    }
}

/// Every category's items can take off at least the category's points, so a
/// category's points are reachable.
#[test]
fn item_points_fill_their_categories() {
    for c in shipped() {
        for cat in &c.categories {
            let sum: f64 = c.items_in(&cat.name).map(|i| i.points).sum();
            assert_eq!(Some(sum), cat.points, "{} / {}", c.id, cat.name);
        }
    }
}

fn ids(c: &pingcha::checklist::Checklist) -> Vec<&str> {
    c.items.iter().map(|i| i.id.as_str()).collect()
}

fn numbered(prefix: &str, range: std::ops::RangeInclusive<u32>) -> Vec<String> {
    range.map(|n| format!("{prefix}{n:02}")).collect()
}

/// The research ids, verbatim: other modules map automatic checks to them.
#[test]
fn shipped_ids_are_the_research_ids() {
    let all = shipped();
    let by_id = |id: &str| all.iter().find(|c| c.id == id).expect(id);
    let expect = |id: &str, vetoes: Vec<String>, items: Vec<String>| {
        let want: Vec<String> = vetoes.into_iter().chain(items).collect();
        assert_eq!(ids(by_id(id)), want, "{id}");
    };
    expect("CF", numbered("CF-V", 1..=13), numbered("CF-", 1..=42));
    expect("GS", vec![], numbered("GS-", 1..=12));
    expect("JL", vec![], numbered("JL-", 1..=11));
    expect("SH", vec![], numbered("SH-", 1..=11));
    expect("XK", numbered("XK-V", 1..=2), numbered("XK-", 1..=13));
    expect("QZ", numbered("QZ-V", 1..=1), numbered("QZ-", 1..=14));
    expect("TY", numbered("TY-V", 1..=5), numbered("TY-", 1..=22));
}

#[test]
fn veto_levels_as_researched() {
    let all = shipped();
    let cf = all.iter().find(|c| c.id == "CF").expect("CF");
    assert_eq!(cf.veto_items().count(), 13);
    assert!(
        cf.veto_items()
            .all(|i| i.veto == Some(Veto::Fail) && i.points == 0.0)
    );
    let sh = all.iter().find(|c| c.id == "SH").expect("SH");
    let sh_vetoes: Vec<(&str, f64)> = sh.veto_items().map(|i| (i.id.as_str(), i.points)).collect();
    assert_eq!(sh_vetoes, [("SH-02", 16.0), ("SH-03", 10.0)]);
    let ty = all.iter().find(|c| c.id == "TY").expect("TY");
    assert_eq!(
        ty.item("TY-V05").and_then(|i| i.veto),
        Some(Veto::NotExcellent)
    );
}

#[test]
fn general_checklist_for_every_kind() {
    let all = shipped();
    for kind in CaseKind::ALL {
        let c = checklist::general_for(&all, *kind).expect("a general checklist");
        assert_eq!(c.role, ChecklistRole::General);
        let want = match kind {
            CaseKind::Penalty => "CF",
            CaseKind::Licensing => "XK",
            CaseKind::Enforcement => "QZ",
            _ => "TY",
        };
        assert_eq!(c.id, want, "{kind}");
    }
    for special in ["GS", "JL", "SH"] {
        let c = all.iter().find(|c| c.id == special).expect(special);
        assert_eq!(c.role, ChecklistRole::Special);
    }
    assert!(checklist::general_for(&[], CaseKind::Penalty).is_none());
}

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/checklists");

fn parse_invalid(name: &str) -> ChecklistError {
    let path = format!("{FIXTURES}/invalid/{name}");
    let text = std::fs::read_to_string(&path).expect("fixture");
    match checklist::parse(&text, &format!("invalid/{name}")) {
        Ok(_) => panic!("{name} should not load"),
        Err(e) => e,
    }
}

/// Asserts the position and that the message says what is wrong.
fn assert_error(name: &str, line: usize, column: usize, parts: &[&str]) -> Problem {
    let e = parse_invalid(name);
    assert_eq!(e.location(), Some((line, column)), "{name}: {e}");
    let shown = e.to_string();
    assert!(
        shown.starts_with(&format!("invalid/{name}:{line}:{column}: ")),
        "{shown}"
    );
    for part in parts {
        assert!(shown.contains(part), "{name}: {shown:?} lacks {part:?}");
    }
    e.problem().cloned().expect("a content problem")
}

#[test]
fn bad_syntax() {
    let p = assert_error("bad_syntax.toml", 2, 13, &["TOML 语法错误", "引号"]);
    assert!(matches!(p, Problem::Syntax(_)));
}

#[test]
fn wrong_type() {
    let p = assert_error(
        "wrong_type.toml",
        7,
        9,
        &["字段“total”类型错误", "应为数字", "文字“一百”"],
    );
    assert!(matches!(p, Problem::Type { .. }));
}

#[test]
fn duplicate_id() {
    let p = assert_error(
        "duplicate_id.toml",
        24,
        6,
        &["评查项目编号“A-01”重复", "第 18 行", "唯一"],
    );
    assert_eq!(
        p,
        Problem::DuplicateItemId {
            id: "A-01".into(),
            first_line: 18
        }
    );
}

#[test]
fn unknown_category() {
    assert_error(
        "unknown_category.toml",
        25,
        12,
        &[
            "评查项目 A-02 的类别“法律适用X”未在 [[categories]] 中声明",
            "（程序）",
        ],
    );
}

#[test]
fn bad_veto() {
    let p = assert_error(
        "bad_veto.toml",
        27,
        8,
        &["items.veto", "“failed”无效", "fail、not_excellent"],
    );
    assert!(matches!(p, Problem::UnknownValue { .. }));
}

#[test]
fn category_sums() {
    let p = assert_error(
        "category_sum.toml",
        7,
        9,
        &["各类别分值之和为 8", "总分 total = 10"],
    );
    assert_eq!(
        p,
        Problem::CategorySum {
            sum: 8.0,
            total: 10.0
        }
    );
}

#[test]
fn threshold_order() {
    assert_error(
        "threshold_order.toml",
        11,
        8,
        &["等次分数线无效", "良好 good = 9.5 不低于优秀 excellent = 9"],
    );
}

#[test]
fn unknown_applies_when_key() {
    let p = assert_error(
        "unknown_applies_when_key.toml",
        22,
        38,
        &["未知字段“stage”", "has_stage"],
    );
    assert!(matches!(p, Problem::UnknownField { .. }));
}

#[test]
fn unknown_item_key() {
    assert_error("unknown_item_key.toml", 19, 1, &["未知字段“veot”", "veto"]);
}

#[test]
fn bad_points() {
    assert_error(
        "bad_points.toml",
        27,
        10,
        &["评查项目 A-02 的分值 0.3 无效", "0.5 的整数倍"],
    );
}

#[test]
fn zero_points_without_veto() {
    assert_error(
        "zero_points_without_veto.toml",
        27,
        10,
        &["分值为 0 但不是否决项"],
    );
}

#[test]
fn empty_text() {
    assert_error("empty_text.toml", 26, 8, &["字段“text”不能为空"]);
}

/// Every invalid fixture is rejected (a new fixture cannot slip through).
#[test]
fn every_invalid_fixture_is_rejected() {
    let dir = std::fs::read_dir(format!("{FIXTURES}/invalid")).expect("dir");
    let mut n = 0;
    for entry in dir {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .to_string();
        let e = parse_invalid(&name);
        assert!(e.location().is_some(), "{name}: {e}");
        n += 1;
    }
    assert!(n >= 8);
}

#[test]
fn load_dir_rejects_conflicts_and_reports_the_file() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let cf = checklist::BUILTIN_FILES[0].1;
    std::fs::write(tmp.path().join("a.toml"), cf).expect("write");
    std::fs::write(
        tmp.path().join("b.toml"),
        cf.replacen("id = \"CF\"", "id = \"CF2\"", 1),
    )
    .expect("write");
    std::fs::write(tmp.path().join("notes.txt"), "ignored").expect("write");
    let e = checklist::load_dir(tmp.path()).expect_err("two general checklists for 行政处罚");
    assert!(e.file().ends_with("b.toml"), "{e}");
    assert!(
        e.to_string().contains("案件类型“行政处罚”已有通用评查标准"),
        "{e}"
    );

    std::fs::write(tmp.path().join("b.toml"), cf).expect("write");
    let e = checklist::load_dir(tmp.path()).expect_err("same id");
    assert!(
        matches!(e.problem(), Some(Problem::DuplicateChecklistId { .. })),
        "{e}"
    );

    std::fs::remove_file(tmp.path().join("b.toml")).expect("rm");
    let bad = format!("{FIXTURES}/invalid/category_sum.toml");
    std::fs::copy(bad, tmp.path().join("c.toml")).expect("copy");
    let e = checklist::load_dir(tmp.path()).expect_err("c.toml is invalid");
    assert!(
        e.file().ends_with("c.toml") && e.location() == Some((7, 9)),
        "{e}"
    );

    let e = checklist::load_dir(tmp.path().join("missing")).expect_err("no such dir");
    assert!(
        matches!(e, ChecklistError::Io { .. }) && e.to_string().contains("无法读取"),
        "{e}"
    );
}

#[test]
fn a_veto_item_may_omit_points_and_parse_keeps_every_field() {
    let text = std::fs::read_to_string(format!("{FIXTURES}/valid/mini.toml")).expect("fixture");
    let c = checklist::parse(&text, "mini.toml").expect("valid");
    let v = c.item("V-FAIL").expect("item");
    assert_eq!((v.points, v.veto), (0.0, Some(Veto::Fail)));
    assert_eq!(c.thresholds.good, Some(80.0));
    let cf = shipped().into_iter().find(|c| c.id == "CF").expect("CF");
    let i = cf.item("CF-07").expect("CF-07");
    assert_eq!(i.deduction_rule, "每缺一项扣1分");
    assert_eq!(i.basis, "《中华人民共和国行政处罚法》第五十五条");
    assert!(
        i.applies_when
            .as_ref()
            .and_then(|a| a.has_stage.as_ref())
            .is_some()
    );
}
