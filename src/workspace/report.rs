//! Gathering the documents' data from the store: the batch, each
//! completed file with its checklist, findings and score. The types and the
//! aggregation live in `crate::report::data`.

use super::Workspace;
use crate::error::{Error, Result};
use crate::model::{FindingStatus, PartyType, ReviewStatus};
use crate::report::data::*;
use crate::scoring::{self, round1};
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap};

fn date(s: &Option<String>) -> Option<NaiveDate> {
    let s = s.as_deref()?;
    chrono::DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|d| d.with_timezone(&chrono::Local).date_naive())
        .or_else(|| s.get(..10).and_then(|d| d.parse().ok()))
}

impl Workspace {
    /// Gathers the documents' data for the current batch. Only completed
    /// reviews count; findings are the confirmed ones.
    pub fn report_data(&self) -> Result<ReportData> {
        let db = self.store.db();
        let row = self
            .batches()?
            .into_iter()
            .find(|b| b.id == self.batch)
            .ok_or(Error::UnknownBatch(self.batch))?;
        let reviews = db.report_reviews(self.batch)?;
        let rectifiers: HashMap<uuid::Uuid, String> =
            db.rectifiers(self.batch)?.into_iter().collect();
        let mut by_case: HashMap<String, Vec<crate::model::Finding>> = HashMap::new();
        let mut suggestions_pending = 0;
        for f in db.findings(self.batch, None)? {
            match f.status {
                FindingStatus::Confirmed => by_case.entry(f.case_no.clone()).or_default().push(f),
                FindingStatus::Suggested => suggestions_pending += 1,
                _ => {}
            }
        }
        let sampled = row.scope == "drawn";
        let pool = db
            .draws(self.batch)?
            .last()
            .and_then(|d| serde_json::from_str::<Vec<serde_json::Value>>(&d.pool).ok())
            .map(|v| v.len());
        let all_departments = db.all_departments()?;
        let mut internal_terms = vec![
            crate::rules::Profile::national().name.clone(),
            self.profile.name.clone(),
            row.profile.clone(),
        ];
        for c in &self.checklists {
            internal_terms.push(c.id.clone());
        }
        let batch = BatchInfo {
            id: row.id,
            name: row.name,
            kind: row.kind,
            period_from: row.period_from.and_then(|d| d.parse().ok()),
            period_to: row.period_to.and_then(|d| d.parse().ok()),
        };

        let mut files = Vec::new();
        let mut pending = Vec::new();
        let mut dept_files: BTreeMap<String, usize> = BTreeMap::new();
        for r in reviews {
            *dept_files.entry(r.case.department.clone()).or_default() += 1;
            if r.status != ReviewStatus::Completed {
                pending.push(r.case.case_no.clone());
                continue;
            }
            let findings = by_case.remove(&r.case.case_no).unwrap_or_default();
            let team = db.review_team(self.batch, r.case_id)?;
            let reviewers = db.file_reviewers(self.batch, r.case_id)?;
            let mut f = self.file_report(r, &findings);
            for rv in reviewers {
                if !f.reviewers.contains(&rv) && team.approved_by.as_ref() != Some(&rv) {
                    f.reviewers.push(rv);
                }
            }
            for fd in &mut f.findings {
                if let Some(who) = rectifiers.get(&fd.id) {
                    fd.rectifier = who.clone();
                }
            }
            f.remark = team.remark;
            f.approved_on = date(&team.approved_at);
            f.approved_by = team.approved_by;
            files.push(f);
        }
        // 清交执罚〔2024〕8号 before 〔2024〕12号.
        files.sort_by_cached_key(|f| (f.department.clone(), crate::model::natural_key(&f.case_no)));
        let unit = self
            .unit_checklist()
            .map(UnitStandard::of)
            .unwrap_or_default();
        let mut data = ReportData::assemble_by(batch, files, pending, &dept_files, unit);
        data.scope = Scope {
            sampled,
            pool,
            idle_units: all_departments
                .into_iter()
                .filter(|d| !dept_files.contains_key(d))
                .collect(),
            suggestions_pending,
            internal_terms,
        };
        data.people = db
            .parties()?
            .into_iter()
            .filter(|p| {
                crate::report::mask::is_natural_person(
                    &p.name,
                    p.party_type.map(|t| t == PartyType::NaturalPerson),
                    p.id_no.as_deref(),
                )
            })
            .map(|p| p.name)
            .collect();
        Ok(data)
    }
}

impl Workspace {
    fn file_report(
        &self,
        r: crate::store::ReportReview,
        findings: &[crate::model::Finding],
    ) -> FileReport {
        let case = &r.case;
        let checklist = self.checklist_for(case).ok();
        let result = checklist.map(|c| scoring::score(c, case, findings));
        let mut out_findings = Vec::new();
        let mut categories = Vec::new();
        if let Some(c) = checklist {
            let mut item_findings: Vec<Vec<usize>> = vec![Vec::new(); c.items.len()];
            for f in findings {
                let Some(idx) = c.items.iter().position(|i| i.id == f.item) else {
                    continue;
                };
                let it = &c.items[idx];
                item_findings[idx].push(out_findings.len());
                out_findings.push(FindingReport {
                    case_no: case.case_no.clone(),
                    department: case.department.clone(),
                    item: it.id.clone(),
                    item_text: it.text.clone(),
                    category: it.category.clone(),
                    deduction: if it.applies(case) && !it.is_bonus() {
                        let d = it.rule.finding_amount(f.deduction, f.count);
                        round1(it.cap().map_or(d, |c| d.min(c)))
                    } else {
                        0.0
                    },
                    count: f.count,
                    award: if it.applies(case) && it.is_bonus() {
                        it.rule.finding_amount(f.deduction, f.count)
                    } else {
                        0.0
                    },
                    rule: it.rule_wording(),
                    note: f.note.clone(),
                    page: f.page.clone().filter(|p| !p.trim().is_empty()),
                    basis: f
                        .basis
                        .clone()
                        .filter(|b| !b.trim().is_empty())
                        .unwrap_or_else(|| it.basis.clone()),
                    reviewer: f.reviewer.clone(),
                    rectifier: case.department.clone(),
                    check: (f.source == crate::model::FindingSource::Auto)
                        .then(|| f.rule.clone())
                        .flatten(),
                    id: f.id,
                    veto: it.veto.is_some(),
                    order: c
                        .categories
                        .iter()
                        .position(|k| k.name == it.category)
                        .unwrap_or(usize::MAX / 20_000)
                        * 10_000
                        + idx,
                });
            }
            let by_cat = result.as_ref().map(|r| &r.by_category);
            for cat in &c.categories {
                let items = c
                    .items
                    .iter()
                    .enumerate()
                    .filter(|(_, i)| i.category == cat.name)
                    .map(|(idx, it)| {
                        let applies = it.applies(case);
                        let scored = result
                            .as_ref()
                            .and_then(|r| r.items.iter().find(|s| s.item == it.id));
                        SheetItem {
                            id: it.id.clone(),
                            text: it.text.clone(),
                            points: it.points,
                            rule: it.rule_wording(),
                            bonus: it.is_bonus(),
                            awarded: scored.map_or(0.0, |s| s.awarded),
                            deducted: if applies {
                                scored.map_or(0.0, |s| s.deducted)
                            } else {
                                0.0
                            },
                            applies,
                            veto: it.veto.map(|v| v.label_zh().to_string()),
                            findings: item_findings[idx].clone(),
                        }
                    })
                    .collect();
                let deducted = by_cat
                    .and_then(|b| b.iter().find(|x| x.name == cat.name))
                    .map_or(0.0, |x| x.deducted);
                categories.push(SheetCategory {
                    name: cat.name.clone(),
                    points: cat.points.unwrap_or(0.0),
                    capped: cat.points.is_some(),
                    deducted,
                    earned: cat
                        .points
                        .filter(|p| *p > 0.0)
                        .map(|p| round1((p - deducted).max(0.0))),
                    items,
                });
            }
        }
        let mut reviewers: Vec<String> = r.reviewer.iter().cloned().collect();
        for f in findings {
            if let Some(rv) = &f.reviewer
                && !reviewers.contains(rv)
            {
                reviewers.push(rv.clone());
            }
        }
        let grade = result.as_ref().map(|r| r.grade);
        FileReport {
            case_no: case.case_no.clone(),
            department: case.department.clone(),
            kind: case.kind.to_string(),
            procedure: case.procedure.map(|p| p.to_string()),
            title: case.title.clone(),
            party: case.party_name().map(str::to_string),
            party_role: if case.kind == crate::model::CaseKind::Licensing {
                "申请人".to_string()
            } else {
                "当事人".to_string()
            },
            party_natural: case.party_name().is_some_and(|n| {
                crate::report::mask::is_natural_person(
                    n,
                    case.party_type().map(|t| t == PartyType::NaturalPerson),
                    case.party.as_ref().and_then(|p| p.id_no.as_deref()),
                )
            }),
            party_id: case.party.as_ref().and_then(|p| p.id_no.clone()),
            officers: case.officers.iter().map(|o| o.name.clone()).collect(),
            reviewers,
            completed: date(&r.completed_at),
            checklist: checklist.map(|c| c.name.clone()),
            total: result.as_ref().map_or(100.0, |r| r.total),
            score: result.as_ref().map_or(0.0, |r| r.score),
            deducted: result.as_ref().map_or(0.0, |r| r.deducted),
            bonus: result.as_ref().map_or(0.0, |r| r.bonus),
            vetoed: result.as_ref().is_some_and(|r| r.vetoed()),
            score_note: result.as_ref().filter(|r| r.vetoed()).map(|r| {
                if checklist.is_some_and(|c| c.veto_score == crate::checklist::VetoScore::Zero) {
                    format!(
                        "一票否决，计0分（已确认扣分{}分）",
                        crate::report::compose::score(r.deducted)
                    )
                } else {
                    format!(
                        "一票否决，评为不合格（得分按满分减扣分计{}分）",
                        crate::report::compose::score(r.score)
                    )
                }
            }),
            grade: grade.map_or("未定等次".to_string(), |g| g.label().to_string()),
            passed: grade.is_some_and(|g| g.is_pass()),
            vetoes: result
                .as_ref()
                .map(|r| {
                    r.vetoes
                        .iter()
                        .map(|v| format!("{}（{}）", v.text, v.level.label_zh()))
                        .collect()
                })
                .unwrap_or_default(),
            categories,
            findings: out_findings,
            remark: None,
            approved_by: None,
            approved_on: None,
        }
    }
}
