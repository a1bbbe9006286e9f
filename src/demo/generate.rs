//! One generated file: a clean procedure first, then the defects laid on it.

use super::dates::{Dates, refile};
use super::defects::Defect;
use super::departments::Department;
use super::people;
use super::rng::Rng;
use super::workdays::{add, date, sub};
use crate::model::*;
use chrono::{Duration, NaiveDate};

/// A generated file and the defects put into it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct GeneratedCase {
    pub case: CaseFile,
    pub defects: Vec<Defect>,
}

fn title(t: &str, party: &Party) -> String {
    t.replace("{}", party.name.as_deref().unwrap_or("某某"))
}

/// The decision date: mostly any working day of the year; some placed just
/// before the 2024 National Day or the 2025 Spring Festival, so that the law's
/// 7 working days run across the holiday and its make-up working days.
fn decision_date(rng: &mut Rng, year: i32) -> NaiveDate {
    match rng.below(100) {
        0..=7 if year == 2024 => date(2024, 9, 27),
        8..=12 if year == 2024 => date(2025, 1, 24),
        _ => add(date(year, 3, 1) + Duration::days(rng.range(0, 280)), 0),
    }
}

/// A 行政处罚 file (普通程序).
pub fn penalty(
    rng: &mut Rng,
    dept_no: usize,
    dept: &Department,
    number: u32,
    year: i32,
) -> GeneratedCase {
    let case_no = format!("{}〔{year}〕{number}号", dept.penalty);
    let party = people::party(rng);
    let person = party.party_type == Some(PartyType::NaturalPerson);
    let major = rng.chance(20);
    let hearing = !major && rng.chance(8);
    let mut d = Dates::default();
    let dec = decision_date(rng, year);
    let notice = if major {
        sub(dec, rng.range(9, 12))
    } else {
        sub(dec, rng.range(4, 8))
    };
    let filing = sub(notice, rng.range(10, 30));
    d.filing = Some(filing);
    d.onsite = Some(add(filing, 1));
    d.inquiry = Some(add(filing, rng.range(2, 5)));
    d.notice = Some(notice);
    d.statement = rng.chance(30).then(|| add(notice, 2));
    d.decision = Some(dec);
    if hearing {
        d.hearing_request = Some(add(notice, 2));
        d.hearing_notice = Some(add(notice, 3));
        d.hearing = Some(add(notice, 3 + rng.range(7, 9)));
        d.decision = Some(add(d.hearing.unwrap_or(notice), rng.range(2, 4)));
    }
    let dec = d.decision.unwrap_or(dec);
    if major {
        d.review = Some(add(notice, rng.range(4, 6)));
        d.collective = Some(add(notice, 8));
    }
    // Before a holiday, serve on the very last lawful day: the 7th working
    // day after the decision, counted with the make-up working days.
    let anchored = dec == date(2024, 9, 27) || dec == date(2025, 1, 24);
    d.service = Some(if anchored {
        add(dec, 7)
    } else {
        add(dec, rng.range(0, 5))
    });
    d.disclosure = Some(add(dec, rng.range(1, 6)));

    let heavy = major && rng.chance(30);
    let mut measures = vec![Measure::Fine];
    if rng.chance(30) {
        measures.insert(0, Measure::Warning);
    }
    let mut fine = if person {
        rng.range(5, 200) * 100
    } else {
        rng.range(5, 200) * 1000
    } as f64;
    let confiscation = rng.chance(20).then(|| rng.range(200, 9000) as f64 + 0.5);
    if confiscation.is_some() {
        measures.push(Measure::ConfiscateIncome);
    }
    if heavy {
        measures.push(Measure::SuspendBusiness);
        fine = fine.max(100_000.0);
    }
    let service = d.service.unwrap_or(dec);
    d.payment = Some(service + Duration::days(rng.range(3, 12)));
    d.closing = Some(add(
        d.payment
            .unwrap_or(service)
            .max(d.disclosure.unwrap_or(dec)),
        rng.range(2, 6),
    ));
    d.archive = Some(add(d.closing.unwrap_or(service), rng.range(2, 10)));

    let mut case = CaseFile::new(&case_no, dept.name, CaseKind::Penalty);
    case.procedure = Some(Procedure::Ordinary);
    let t: &&str = rng.pick(dept.titles);
    case.title = Some(title(t, &party));
    case.party = Some(party);
    case.officers = people::officers(rng, dept_no);
    case.major_decision = Some(major);
    case.hearing_notified = Some(true);
    case.decision = Some(Decision {
        date: Some(dec),
        measures,
        fine_yuan: Some(fine),
        confiscation_yuan: confiscation,
        legal_basis: vec![rng.pick(dept.basis).to_string()],
        discretion: Some(*rng.pick(&[
            Discretion::Ordinary,
            Discretion::Ordinary,
            Discretion::Lenient,
            Discretion::Severe,
        ])),
        extra: Extra::new(),
    });
    case.amount_involved_yuan = confiscation;
    case.referred_to_police = Some(false);

    // Defects: about 45% of files are clean.
    let mut defects = Vec::new();
    if !rng.chance(45) {
        let n = 1 + rng.below(3) as usize;
        for _ in 0..n {
            let pool = if major && rng.chance(50) {
                Defect::MAJOR
            } else {
                Defect::COMMON
            };
            let def = *rng.pick(pool);
            if !defects.contains(&def) {
                defects.push(def);
            }
        }
    }
    // Dates that a holiday anchor made meaningful: late service across it.
    for def in &defects {
        apply(*def, rng, &mut case, &mut d);
    }
    let (events, documents) = d.materialize(&case_no);
    case.events = events;
    case.documents = documents;
    if d.onsite.is_some() && !defects.contains(&Defect::NoRecording) {
        case.recordings.push(Recording {
            stage: Stage::Known(KnownStage::OnSiteInspection),
            medium: Medium::AudioVideo,
            file: Some(format!(
                "执法记录仪/{}.mp4",
                d.onsite.map(|x| x.to_string()).unwrap_or_default()
            )),
            duration_s: Some(rng.range(600, 2400) as f64),
            extra: Extra::new(),
        });
    }
    if major && !defects.contains(&Defect::NoLegalReview) {
        case.legal_review = Some(LegalReview {
            reviewer: Some(format!("法制科 {}", people::person_name(rng))),
            received: d.review.map(|r| sub(r, 2)),
            date: d.review,
            opinion: Some(ReviewOpinion::Approve),
            doc: Some("重大执法决定法制审核意见书".into()),
            extra: Extra::new(),
        });
    }
    if let Some(date) = d.disclosure {
        case.disclosure = Some(Disclosure {
            date: Some(date),
            channel: Some(
                if person {
                    "部门网站"
                } else {
                    "国家企业信用信息公示系统"
                }
                .into(),
            ),
            url: None,
            extra: Extra::new(),
        });
    }
    GeneratedCase { case, defects }
}

fn apply(def: Defect, rng: &mut Rng, case: &mut CaseFile, d: &mut Dates) {
    let dec = d.decision.unwrap_or_default();
    match def {
        Defect::LateService => d.service = Some(add(dec, rng.range(8, 11))),
        Defect::OneOfficer => case.officers.truncate(1),
        Defect::MissingCert => {
            if let Some(o) = case.officers.last_mut() {
                o.cert_no = None;
            }
        }
        Defect::ExpiredCert => {
            if let Some(o) = case.officers.last_mut() {
                o.cert_valid_until = d.filing.map(|f| f - Duration::days(rng.range(10, 60)));
            }
        }
        Defect::NoLegalReview => d.review = None,
        Defect::LegalReviewAfterDecision => d.review = Some(add(dec, 2)),
        Defect::NoCollectiveDiscussion => d.collective = None,
        Defect::NoNotice => {
            d.notice = None;
            d.statement = None;
        }
        Defect::NoHearingNotice => {
            case.hearing_notified = Some(false);
            let person = case.party_type() == Some(PartyType::NaturalPerson);
            if let Some(dc) = case.decision.as_mut() {
                dc.fine_yuan = Some(if person { 30_000.0 } else { 200_000.0 });
                if !dc.measures.contains(&Measure::SuspendBusiness) {
                    dc.measures.push(Measure::SuspendBusiness);
                }
            }
        }
        Defect::DecisionOver90Days => refile(d, rng.range(100, 130)),
        Defect::LateDisclosure => d.disclosure = Some(add(dec, rng.range(10, 14))),
        Defect::NoDisclosure => d.disclosure = None,
        Defect::NoRecording => {}
        Defect::PaymentNotFollowedUp => d.payment = None,
        Defect::StepsOutOfOrder => {
            d.archive = d.closing.map(|c| c - Duration::days(rng.range(3, 8)))
        }
    }
}

/// A 行政许可 file: accepted, decided within 20 working days, served, disclosed.
pub fn permit(rng: &mut Rng, dept: &Department, number: u32, year: i32) -> GeneratedCase {
    let case_no = format!("{}〔{year}〕{number}号", dept.permit);
    let mut party = people::party(rng);
    party.party_type = Some(PartyType::LegalPerson);
    party.name = Some(format!(
        "清江市{}有限公司",
        rng.pick(super::departments::FIRM_WORDS)
    ));
    party.id_no = Some(people::credit_code(rng));
    let filing = add(date(year, 2, 1) + Duration::days(rng.range(0, 300)), 0);
    let dec = add(filing, rng.range(8, 18));
    let grant = rng.chance(85);
    let mut case = CaseFile::new(&case_no, dept.name, CaseKind::Licensing);
    let t: &&str = rng.pick(dept.permits);
    case.title = Some(title(t, &party));
    case.party = Some(party);
    case.officers = people::officers(rng, 0);
    let service = add(dec, rng.range(1, 5));
    let disclosed = add(dec, rng.range(1, 6));
    let mut events = vec![
        Event::new(KnownStage::Filing, filing),
        Event::new(KnownStage::OnSiteInspection, add(filing, 3)),
        Event::new(KnownStage::Decision, dec),
        Event::new(KnownStage::Service, service),
        Event::new(KnownStage::Disclosure, disclosed),
        Event::new(KnownStage::Closing, add(service, 2)),
    ];
    events[0].doc = Some("行政许可受理通知书".into());
    events[2].doc = Some(
        if grant {
            "准予行政许可决定书"
        } else {
            "不予行政许可决定书"
        }
        .into(),
    );
    case.events = events;
    case.decision = Some(Decision {
        date: Some(dec),
        measures: vec![if grant {
            Measure::Grant
        } else {
            Measure::Refuse
        }],
        ..Default::default()
    });
    case.disclosure = Some(Disclosure {
        date: Some(disclosed),
        channel: Some("部门网站".into()),
        ..Default::default()
    });
    GeneratedCase {
        case,
        defects: vec![],
    }
}

/// A 行政检查 file: an inspection and its closing.
pub fn inspection(
    rng: &mut Rng,
    dept_no: usize,
    dept: &Department,
    number: u32,
    year: i32,
) -> GeneratedCase {
    let prefix = dept.penalty.trim_end_matches('罚').trim_end_matches("执");
    let case_no = format!("{prefix}检〔{year}〕{number}号");
    let party = people::party(rng);
    let day = add(date(year, 2, 1) + Duration::days(rng.range(0, 300)), 0);
    let mut case = CaseFile::new(&case_no, dept.name, CaseKind::Inspection);
    case.title = Some(format!(
        "{}日常监督检查",
        party.name.as_deref().unwrap_or("某某")
    ));
    case.party = Some(party);
    case.officers = people::officers(rng, dept_no);
    case.events = vec![
        Event::new(KnownStage::OnSiteInspection, day),
        Event::new(KnownStage::Closing, add(day, rng.range(1, 5))),
    ];
    case.events[0].doc = Some("现场检查笔录".into());
    case.recordings.push(Recording {
        stage: Stage::Known(KnownStage::OnSiteInspection),
        medium: Medium::AudioVideo,
        file: None,
        duration_s: Some(rng.range(300, 1800) as f64),
        extra: Extra::new(),
    });
    GeneratedCase {
        case,
        defects: vec![],
    }
}
