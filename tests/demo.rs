//! The demo generator: deterministic, realistic, valid by the interchange format, with the
//! defects it claims and clean files free of them.

use pingcha::demo::{self, Defect, DemoSpec, add_workdays, id_check, workdays_between};
use pingcha::model::{CaseKind, KnownStage, PartyType};
use std::collections::HashSet;

fn files() -> Vec<demo::GeneratedCase> {
    demo::generate(42, &DemoSpec::default())
}

#[test]
fn same_seed_same_files_and_another_seed_other_files() {
    let a = serde_json::to_string(&files()).unwrap();
    let b = serde_json::to_string(&files()).unwrap();
    assert_eq!(a, b);
    let c = serde_json::to_string(&demo::generate(43, &DemoSpec::default())).unwrap();
    assert_ne!(a, c);
}

#[test]
fn golden_first_file_pins_the_algorithm() {
    // If this changes, the generator's output changed: update the samples
    // (`data/samples`) and this vector together, on purpose.
    let first = &files()[0].case;
    assert_eq!(first.case_no, "清市监罚〔2024〕1号");
    let json = serde_json::to_string(first).unwrap();
    let digest: u64 = json.bytes().fold(0xcbf29ce484222325, |h, b| {
        (h ^ b as u64).wrapping_mul(0x100000001b3)
    });
    assert_eq!(digest, GOLDEN, "FNV-1a of the first file's JSON: {json}");
}

const GOLDEN: u64 = 15784489713484683731;

#[test]
fn eight_departments_of_thirty_with_the_right_mix() {
    let fs = files();
    assert_eq!(fs.len(), 240);
    let depts: HashSet<_> = fs.iter().map(|g| g.case.department.clone()).collect();
    assert_eq!(depts.len(), 8);
    let penalties = fs
        .iter()
        .filter(|g| g.case.kind == CaseKind::Penalty)
        .count();
    assert!((180..=200).contains(&penalties), "{penalties} 行政处罚");
    assert!(fs.iter().any(|g| g.case.kind == CaseKind::Licensing));
    assert!(fs.iter().any(|g| g.case.kind == CaseKind::Inspection));
    let clean = fs
        .iter()
        .filter(|g| g.case.kind == CaseKind::Penalty && g.defects.is_empty())
        .count();
    let share = clean as f64 / penalties as f64;
    assert!((0.35..=0.60).contains(&share), "clean share {share}");
    let nos: HashSet<_> = fs.iter().map(|g| g.case.case_no.clone()).collect();
    assert_eq!(nos.len(), fs.len(), "case numbers unique");
}

#[test]
fn identity_numbers_are_well_formed() {
    for g in files() {
        let Some(p) = &g.case.party else { continue };
        let id = p.id_no.as_deref().unwrap_or_default();
        assert_eq!(id.chars().count(), 18, "{id}");
        if p.party_type == Some(PartyType::NaturalPerson) {
            assert_eq!(id.chars().last(), Some(id_check(&id[..17])), "{id}");
        }
    }
}

#[test]
fn every_file_round_trips_through_the_spec_json() {
    for g in files() {
        let json = serde_json::to_string(&g.case).unwrap();
        let back: pingcha::model::CaseFile = serde_json::from_str(&json).unwrap();
        assert_eq!(back, g.case);
        assert!(!g.case.case_no.is_empty() && !g.case.department.is_empty());
    }
}

fn late_service(c: &pingcha::model::CaseFile) -> bool {
    match (c.decision_date(), c.first_event(KnownStage::Service)) {
        (Some(d), Some(s)) => s.date > add_workdays(d, 7),
        _ => false,
    }
}

#[test]
fn defects_are_in_the_data_and_clean_files_are_clean() {
    for g in files().iter().filter(|g| g.case.kind == CaseKind::Penalty) {
        let c = &g.case;
        let has = |d: Defect| g.defects.contains(&d);
        assert_eq!(
            late_service(c),
            has(Defect::LateService),
            "{} {:?}",
            c.case_no,
            g.defects
        );
        assert_eq!(
            c.officers.len() < 2,
            has(Defect::OneOfficer),
            "{}",
            c.case_no
        );
        let filing = c.first_event(KnownStage::Filing).map(|e| e.date).unwrap();
        let dec = c.decision_date().unwrap();
        assert_eq!(
            (dec - filing).num_days() > 90,
            has(Defect::DecisionOver90Days),
            "{}",
            c.case_no
        );
        assert_eq!(
            c.first_event(KnownStage::Notice).is_none(),
            has(Defect::NoNotice),
            "{}",
            c.case_no
        );
        if let Some(p) = c.first_event(KnownStage::Disclosure) {
            assert_eq!(
                workdays_between(dec, p.date) > 7,
                has(Defect::LateDisclosure),
                "{}",
                c.case_no
            );
        } else {
            assert!(has(Defect::NoDisclosure));
        }
        if c.is_major() && !has(Defect::NoLegalReview) {
            let r = c.legal_review.as_ref().and_then(|r| r.date).unwrap();
            assert_eq!(
                r > dec,
                has(Defect::LegalReviewAfterDecision),
                "{}",
                c.case_no
            );
        }
        if let Some(p) = c.first_event(KnownStage::Payment) {
            let s = c.first_event(KnownStage::Service).unwrap().date;
            assert!((p.date - s).num_days() <= 15, "{}", c.case_no);
        }
    }
}

#[test]
fn holiday_deadlines_sit_on_the_make_up_working_days() {
    let fs = files();
    // Decision 2024-09-27: the 7th working day after is Saturday 2024-10-12.
    let nd: Vec<_> = fs
        .iter()
        .filter(|g| g.case.decision_date() == chrono::NaiveDate::from_ymd_opt(2024, 9, 27))
        .collect();
    assert!(
        !nd.is_empty(),
        "some files decided just before National Day"
    );
    for g in nd
        .iter()
        .filter(|g| !g.defects.contains(&Defect::LateService))
    {
        assert_eq!(
            g.case
                .first_event(KnownStage::Service)
                .unwrap()
                .date
                .to_string(),
            "2024-10-12"
        );
    }
}

#[test]
fn committed_samples_equal_a_fresh_generation() {
    for (name, bytes) in demo::sample_files() {
        let path = format!("{}/data/samples/{name}", env!("CARGO_MANIFEST_DIR"));
        let committed = std::fs::read(&path).unwrap_or_default();
        assert!(
            committed == bytes,
            "{path} differs: run `cargo test --test demo -- --ignored write_samples`"
        );
    }
}

#[test]
#[ignore = "writes data/samples; run on purpose"]
fn write_samples() {
    demo::write_samples(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/samples"
    )))
    .unwrap();
}

#[test]
fn the_demo_database_is_part_reviewed() {
    let dir = tempfile::tempdir().unwrap();
    let ws = pingcha::workspace::Workspace::build_demo(&dir.path().join("demo.db"), 2024).unwrap();
    let s = ws.summary().unwrap();
    assert_eq!(s.files, 240);
    assert!((70..=130).contains(&s.reviewed), "{} completed", s.reviewed);
    assert!(s.findings > 50);
}
