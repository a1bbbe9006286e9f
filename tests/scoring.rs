//! Scoring rules: caps, floor, vetoes, applicability, finding status,
//! thresholds, rates.

use chrono::{NaiveDate, Utc};
use pingcha::checklist::{self, Checklist};
use pingcha::model::{
    CaseFile, CaseKind, Event, Finding, FindingSource, FindingStatus, Grade, KnownStage, Veto,
};
use pingcha::scoring::{self, Rates, rates, score};
use proptest::prelude::*;

fn mini() -> Checklist {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/checklists/valid/mini.toml"
    );
    let text = std::fs::read_to_string(path).expect("fixture");
    checklist::parse(&text, "mini.toml").expect("valid fixture")
}

fn case() -> CaseFile {
    CaseFile::new("测试〔2024〕1号", "某局", CaseKind::Penalty)
}

/// A file with a 听证申请, so the item `P-2` applies.
fn case_with_hearing() -> CaseFile {
    let mut c = case();
    let date = NaiveDate::from_ymd_opt(2024, 5, 6).expect("date");
    c.events.push(Event::new(KnownStage::HearingRequest, date));
    c
}

fn finding(item: &str, deduction: f64, status: FindingStatus) -> Finding {
    Finding {
        id: uuid::Uuid::new_v4(),
        case_no: "测试〔2024〕1号".into(),
        item: item.into(),
        deduction,
        note: String::new(),
        page: None,
        reviewer: None,
        status,
        source: FindingSource::Manual,
        rule: None,
        basis: None,
        created_at: Utc::now(),
        updated_at: Utc::now(),
        count: None,
    }
}

fn confirmed(item: &str, deduction: f64) -> Finding {
    finding(item, deduction, FindingStatus::Confirmed)
}

fn category(r: &scoring::ScoreResult, name: &str) -> f64 {
    r.by_category
        .iter()
        .find(|c| c.name == name)
        .expect("category")
        .deducted
}

#[test]
fn no_findings_full_marks() {
    let r = score(&mini(), &case(), &[]);
    assert_eq!(
        (r.score, r.deducted, r.grade),
        (100.0, 0.0, Grade::Excellent)
    );
    assert_eq!(r.checklist, "MINI");
    assert_eq!(r.total, 100.0);
    assert!(r.vetoes.is_empty() && !r.vetoed());
    assert_eq!(r.by_category.len(), 3);
}

#[test]
fn item_cap() {
    let r = score(
        &mini(),
        &case(),
        &[confirmed("P-1", 4.0), confirmed("P-1", 4.0)],
    );
    assert_eq!(r.deducted, 6.0, "P-1 is worth 6");
    assert_eq!(r.score, 94.0);
    let r = score(&mini(), &case(), &[confirmed("P-1", 50.0)]);
    assert_eq!(r.deducted, 6.0);
}

#[test]
fn category_cap() {
    let f = [confirmed("P-1", 6.0), confirmed("P-2", 6.0)];
    let r = score(&mini(), &case_with_hearing(), &f);
    assert_eq!(category(&r, "程序"), 10.0, "程序 is worth 10");
    assert_eq!(r.deducted, 10.0);
    assert_eq!(r.score, 90.0);
}

#[test]
fn floor_at_zero() {
    let f = [
        confirmed("E-1", 100.0),
        confirmed("E-2", 100.0),
        confirmed("E-3", 100.0),
        confirmed("P-1", 100.0),
        confirmed("P-2", 100.0),
    ];
    let r = score(&mini(), &case_with_hearing(), &f);
    assert_eq!((r.score, r.deducted, r.grade), (0.0, 100.0, Grade::Fail));
    assert!(r.score.is_sign_positive());
}

#[test]
fn fail_veto_fails_and_scores_zero() {
    let r = score(
        &mini(),
        &case(),
        &[confirmed("V-FAIL", 0.0), confirmed("P-1", 2.0)],
    );
    assert_eq!(r.grade, Grade::Fail);
    assert_eq!(r.score, 0.0, "veto_score defaults to zero");
    assert_eq!(
        r.computed, 98.0,
        "what the points came to is kept beside it"
    );
    assert_eq!(r.grade, Grade::Fail, "不合格 whatever its score");
    assert_eq!(
        r.deducted, 2.0,
        "a veto item without points deducts nothing"
    );
    assert!(r.vetoed());
    assert_eq!(r.vetoes.len(), 1);
    assert_eq!(
        (r.vetoes[0].level, r.vetoes[0].item.as_str()),
        (Veto::Fail, "V-FAIL")
    );
    assert_eq!(r.vetoes[0].text, "主体不合法");
}

#[test]
fn not_excellent_veto_caps_the_grade() {
    let c = mini();
    let r = score(&c, &case(), &[confirmed("V-NE", 0.0)]);
    assert_eq!(
        (r.score, r.grade),
        (100.0, Grade::Good),
        "良好 when the thresholds have it"
    );
    assert!(!r.vetoed());

    let mut no_good = c.clone();
    no_good.thresholds.good = None;
    let r = score(&no_good, &case(), &[confirmed("V-NE", 0.0)]);
    assert_eq!(r.grade, Grade::Pass, "合格 when there is no 良好");

    // It never raises a grade.
    let r = score(
        &c,
        &case(),
        &[confirmed("V-NE", 0.0), confirmed("E-1", 35.0)],
    );
    assert_eq!((r.score, r.grade), (65.0, Grade::Pass));
    let r = score(
        &c,
        &case(),
        &[confirmed("V-NE", 0.0), confirmed("E-1", 45.0)],
    );
    assert_eq!(r.grade, Grade::Fail);
}

#[test]
fn vetoes_listed_fail_first_once_each() {
    let f = [
        confirmed("V-NE", 0.0),
        confirmed("V-FAIL", 0.0),
        confirmed("V-FAIL", 0.0),
    ];
    let r = score(&mini(), &case(), &f);
    let levels: Vec<Veto> = r.vetoes.iter().map(|v| v.level).collect();
    assert_eq!(levels, [Veto::Fail, Veto::NotExcellent]);
}

#[test]
fn non_applicable_items_cost_nothing() {
    // P-2 applies only when the file has a 听证申请.
    let r = score(&mini(), &case(), &[confirmed("P-2", 6.0)]);
    assert_eq!((r.score, r.deducted), (100.0, 0.0));
    let r = score(&mini(), &case_with_hearing(), &[confirmed("P-2", 6.0)]);
    assert_eq!(r.score, 94.0);
}

#[test]
fn findings_on_other_items_cost_nothing() {
    let r = score(
        &mini(),
        &case(),
        &[confirmed("CF-27", 3.0), confirmed("", 1.0)],
    );
    assert_eq!(r.score, 100.0);
}

#[test]
fn only_confirmed_findings_count() {
    let f = [
        finding("P-1", 6.0, FindingStatus::Suggested),
        finding("E-1", 45.0, FindingStatus::Dismissed),
        finding("V-FAIL", 0.0, FindingStatus::Suggested),
        finding("V-NE", 0.0, FindingStatus::Dismissed),
    ];
    let r = score(&mini(), &case(), &f);
    assert_eq!((r.score, r.grade), (100.0, Grade::Excellent));
    assert!(r.vetoes.is_empty());
}

#[test]
fn negative_and_non_finite_deductions_cost_nothing() {
    let f = [
        confirmed("P-1", -3.0),
        confirmed("E-1", f64::NAN),
        confirmed("E-2", f64::INFINITY),
    ];
    let r = score(&mini(), &case(), &f);
    assert_eq!(r.score, 100.0);
}

#[test]
fn threshold_boundaries() {
    let grade_after = |d: f64| {
        let r = score(&mini(), &case(), &[confirmed("E-1", d)]);
        (r.score, r.grade)
    };
    assert_eq!(grade_after(10.0), (90.0, Grade::Excellent));
    assert_eq!(grade_after(10.5), (89.5, Grade::Good));
    assert_eq!(grade_after(20.0), (80.0, Grade::Good));
    assert_eq!(grade_after(20.5), (79.5, Grade::Pass));
    assert_eq!(grade_after(40.0), (60.0, Grade::Pass));
    assert_eq!(grade_after(40.5), (59.5, Grade::Fail));
}

#[test]
fn rounded_to_one_decimal() {
    let third = 10.0 / 3.0;
    let f = [
        confirmed("E-1", third),
        confirmed("E-1", third),
        confirmed("E-1", third),
    ];
    let r = score(&mini(), &case(), &f);
    assert_eq!(
        (r.deducted, r.score, r.grade),
        (10.0, 90.0, Grade::Excellent)
    );
    let r = score(
        &mini(),
        &case(),
        &[
            confirmed("E-3", 0.5),
            confirmed("E-1", 0.1),
            confirmed("E-1", 0.2),
        ],
    );
    assert_eq!(r.score, 99.2);
}

#[test]
fn shipped_cf_scores_a_typical_file() {
    let all = checklist::builtin();
    let cf = checklist::general_for(&all, CaseKind::Penalty).expect("CF");
    let f = [
        confirmed("CF-27", 2.0),
        confirmed("CF-07", 1.0), // no 询问 in the file: not applicable
        confirmed("CF-40", 2.0),
        confirmed("CF-41", 2.0), // no on-site stage: not applicable
        finding("CF-V10", 0.0, FindingStatus::Suggested),
    ];
    let r = score(cf, &case(), &f);
    assert_eq!((r.score, r.grade), (96.0, Grade::Excellent));
    assert_eq!(category(&r, "执法程序"), 2.0);
    assert_eq!(category(&r, "三项制度"), 2.0);
    assert_eq!(cf.max_deduction_for(cf.item("CF-V01").expect("item")), 0.0);
    assert_eq!(cf.max_deduction_for(cf.item("CF-25").expect("item")), 3.0);
}

#[test]
fn rates_with_nothing_completed() {
    let r = rates(Vec::<Grade>::new());
    assert_eq!(r, Rates::default());
    let r = rates([None, None]);
    assert_eq!(
        (r.files, r.completed, r.pass_rate, r.excellent_rate),
        (2, 0, 0.0, 0.0)
    );
    assert!(!r.pass_rate.is_nan() && !r.excellent_rate.is_nan());
}

#[test]
fn rates_count_grades() {
    let r = rates([
        Grade::Excellent,
        Grade::Good,
        Grade::Pass,
        Grade::Pass,
        Grade::Fail,
    ]);
    assert_eq!((r.files, r.completed), (5, 5));
    assert_eq!((r.excellent, r.good, r.pass, r.fail), (1, 1, 2, 1));
    assert_eq!(r.pass_rate, 0.8);
    assert_eq!(r.excellent_rate, 0.2);
    assert_eq!(Rates::percent(r.pass_rate), 80.0);

    let r = rates([
        Some(Grade::Excellent),
        None,
        Some(Grade::Fail),
        Some(Grade::Pass),
    ]);
    assert_eq!((r.files, r.completed), (4, 3));
    assert_eq!(Rates::percent(r.pass_rate), 66.7);
    assert_eq!(Rates::percent(r.excellent_rate), 33.3);
}

fn any_finding(ids: Vec<String>) -> impl Strategy<Value = Finding> {
    let status = prop_oneof![
        Just(FindingStatus::Confirmed),
        Just(FindingStatus::Suggested),
        Just(FindingStatus::Dismissed)
    ];
    let deduction = prop_oneof![-5.0..100.0f64, (0u32..=40).prop_map(|h| f64::from(h) / 2.0)];
    (prop::sample::select(ids), deduction, status).prop_map(|(item, d, s)| finding(&item, d, s))
}

fn check_invariants(c: &Checklist, file: &CaseFile, findings: &[Finding]) {
    let r = score(c, file, findings);
    let category_sum: f64 = c.categories.iter().map(|k| k.points.unwrap_or(0.0)).sum();
    assert!((0.0..=c.total).contains(&r.score), "{}", r.score);
    assert!(r.deducted >= 0.0 && r.deducted <= category_sum + 1e-9);
    for k in &r.by_category {
        assert!(k.deducted >= 0.0 && k.points.is_none_or(|p| k.deducted <= p));
    }
    assert_eq!(r.computed, scoring::round1((c.total - r.deducted).max(0.0)));
    let expected = match (r.vetoed(), c.veto_score) {
        (true, checklist::VetoScore::Zero) => 0.0,
        _ => r.computed,
    };
    assert_eq!(r.score, expected);
    if r.vetoed() {
        assert_eq!(r.grade, Grade::Fail);
    } else {
        assert!(r.grade <= c.thresholds.grade(r.score));
    }
    assert_eq!(r.score, scoring::round1(r.score));
}

proptest! {
    #[test]
    fn score_stays_in_range_mini(
        findings in prop::collection::vec(
            any_finding(["V-FAIL", "V-NE", "P-1", "P-2", "E-1", "E-2", "E-3", "X-9"].map(String::from).to_vec()),
            0..12,
        ),
        hearing in any::<bool>(),
    ) {
        let file = if hearing { case_with_hearing() } else { case() };
        check_invariants(&mini(), &file, &findings);
    }

    #[test]
    fn score_stays_in_range_shipped(
        which in 0usize..7,
        picks in prop::collection::vec(any::<prop::sample::Index>(), 0..30),
        deductions in prop::collection::vec(0.0..10.0f64, 30),
        major in any::<bool>(),
    ) {
        let all = checklist::builtin();
        let c = &all[which % all.len()];
        let mut file = case();
        file.major_decision = Some(major);
        let findings: Vec<Finding> = picks
            .iter()
            .zip(&deductions)
            .map(|(i, d)| confirmed(&i.get(&c.items).id, *d))
            .collect();
        check_invariants(c, &file, &findings);
    }
}

/// A standard written with every rule: per occurrence with and without a
/// cap, fixed, range, 扣全分, a category without a cap, bonus items with a
/// cap, four grades.
const RULES: &str = r#"
id = "R"
name = "规则测试"
version = "1"
source = "tests"
role = "general"
kinds = ["行政处罚"]
total = 100
veto_score = "zero"
bonus_cap = 3

[thresholds]
excellent = 90
good = 80
pass = 60

[[categories]]
name = "基本"

[[categories]]
name = "卷面"
points = 10

[[categories]]
name = "内容"

[[categories]]
name = "加分"

[[items]]
id = "R-V"
category = "基本"
text = "主体不合法"
veto = "fail"

[[items]]
id = "R-E"
category = "卷面"
text = "填写规范"
points = 4
deduct = { each = 0.5 }
deduction_rule = "每处扣0.5分，扣完为止"

[[items]]
id = "R-F"
category = "卷面"
text = "封面"
points = 2
deduct = { fixed = 2 }

[[items]]
id = "R-G"
category = "卷面"
text = "目录"
deduct = { min = 1, max = 3 }

[[items]]
id = "R-U"
category = "内容"
text = "每发现一处扣3分，扣完为止"
deduct = { each = 3 }

[[items]]
id = "R-W"
category = "内容"
text = "扣全分"
points = 10
deduct = { fixed = 10 }

[[items]]
id = "R-B1"
category = "加分"
text = "说理充分"
bonus = 2

[[items]]
id = "R-B2"
category = "加分"
text = "执法手段丰富"
bonus = 2
"#;

fn rules() -> Checklist {
    checklist::parse(RULES, "rules.toml").expect("valid")
}

fn counted(item: &str, n: u32) -> Finding {
    let mut f = confirmed(item, 0.0);
    f.count = Some(n);
    f
}

#[test]
fn per_occurrence_is_each_times_count_capped_at_the_points() {
    let c = rules();
    // 3 处 × 0.5 = 1.5.
    let r = score(&c, &case(), &[counted("R-E", 3)]);
    assert_eq!(
        (r.deducted, r.score, r.grade),
        (1.5, 98.5, Grade::Excellent)
    );
    // 5 + 6 处 = 11 × 0.5 = 5.5, capped at the item's 4.
    let r = score(&c, &case(), &[counted("R-E", 5), counted("R-E", 6)]);
    assert_eq!(r.deducted, 4.0);
    // No points: no item cap, and 内容 has no category cap — 12 × 3 = 36.
    let r = score(&c, &case(), &[counted("R-U", 12)]);
    assert_eq!((r.deducted, r.score, r.grade), (36.0, 64.0, Grade::Pass));
    // The total still stops at 0: 40 × 3 = 120 → 100.
    let r = score(&c, &case(), &[counted("R-U", 40)]);
    assert_eq!((r.deducted, r.score), (100.0, 0.0));
}

#[test]
fn fixed_costs_its_amount_once_and_range_stays_in_range() {
    let c = rules();
    // Fixed: the given amount is ignored, two findings cost it once.
    let r = score(&c, &case(), &[confirmed("R-F", 0.5), confirmed("R-F", 9.0)]);
    assert_eq!(r.deducted, 2.0);
    // Range 1—3: 0.5 counts as 1, 5 as 3.
    let r = score(&c, &case(), &[confirmed("R-G", 0.5)]);
    assert_eq!(r.deducted, 1.0);
    let r = score(&c, &case(), &[confirmed("R-G", 5.0)]);
    assert_eq!(r.deducted, 3.0);
    // 卷面 is capped at 10: 4 (each, capped) + 2 + 3 + 扣全分 elsewhere 10.
    let r = score(
        &c,
        &case(),
        &[
            counted("R-E", 20),
            confirmed("R-F", 0.0),
            confirmed("R-G", 3.0),
            confirmed("R-G", 3.0),
            confirmed("R-W", 0.0),
        ],
    );
    // 卷面 4 + 2 + min(6, 3) = 9 ≤ 10; 内容 10 → 19; 81 良好.
    assert_eq!((r.deducted, r.score, r.grade), (19.0, 81.0, Grade::Good));
}

#[test]
fn bonus_adds_within_its_caps_and_never_lifts_a_veto() {
    let c = rules();
    // 2 + 2 awarded, bonus_cap 3; max_score = total 100: 100 − 4 + 3 = 99.
    let r = score(
        &c,
        &case(),
        &[
            counted("R-E", 8),
            confirmed("R-B1", 2.0),
            confirmed("R-B2", 5.0),
        ],
    );
    assert_eq!((r.deducted, r.bonus, r.score), (4.0, 3.0, 99.0));
    // The score never passes max_score.
    let r = score(&c, &case(), &[confirmed("R-B1", 2.0)]);
    assert_eq!(r.score, 100.0);
    // Vetoed: 0 under "zero", no bonus.
    let r = score(
        &c,
        &case(),
        &[confirmed("R-V", 0.0), confirmed("R-B1", 2.0)],
    );
    assert_eq!((r.score, r.bonus, r.grade), (0.0, 0.0, Grade::Fail));
}

#[test]
fn veto_keep_scores_total_minus_deducted() {
    let keep = checklist::parse(
        &RULES.replace("veto_score = \"zero\"", "veto_score = \"keep\""),
        "keep.toml",
    )
    .expect("valid");
    let r = score(
        &keep,
        &case(),
        &[
            confirmed("R-V", 0.0),
            counted("R-E", 2),
            confirmed("R-B1", 2.0),
        ],
    );
    // 100 − 1, no bonus for a vetoed file, 不合格 whatever the score.
    assert_eq!((r.score, r.computed, r.grade), (99.0, 99.0, Grade::Fail));
}

#[test]
fn three_grades_never_give_good() {
    let three = checklist::parse(&RULES.replace("good = 80\n", ""), "three.toml").expect("valid");
    let r = score(&three, &case(), &[counted("R-U", 5)]);
    // 100 − 15 = 85: 合格 under 90/60, 良好 under 90/80/60.
    assert_eq!(r.grade, Grade::Pass);
    assert_eq!(
        score(&rules(), &case(), &[counted("R-U", 5)]).grade,
        Grade::Good
    );
}

#[test]
fn the_optional_standards_load() {
    for f in ["ch.toml", "hj.toml"] {
        let path = format!("{}/checklists/extra/{f}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).expect("file");
        let c = checklist::parse(&text, &path).unwrap_or_else(|e| panic!("{e}"));
        assert!(c.items.iter().all(|i| !i.source.is_empty()), "{f}");
    }
}
