//! Data → the documents' typed tree: fills the templates and builds the
//! tables. Every string that reaches a document passes through the
//! [`Masker`] and the scrubber of internal terms.

use super::ReportError;
use super::data::{DepartmentReport, FileReport, ReportData};
use super::doc::template::{self, Values};
use super::doc::{Block, Doc, DocKind, Table};
use super::mask::Masker;
use super::settings::{Settings, cn_date};
use chrono::NaiveDate;
use minijinja::Environment;
use serde::Serialize;
use std::collections::HashMap;

mod bulletin;
mod letter;
pub mod numbers;
pub mod problems;
mod scrub;
mod sheet;
pub mod templates;

pub use bulletin::BatchProblem;
pub use letter::{Group, Problem, body_text, problem_text};
pub use numbers::{case_list, cn_num, pct, review_name, score};
pub use templates::BUILTIN_TEMPLATES;

/// The kinds of numbered documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Numbered {
    Letter,
    Notice,
    Bulletin,
}

impl Numbered {
    /// The register's name of the kind.
    pub fn key(self) -> &'static str {
        match self {
            Numbered::Letter => "letter",
            Numbered::Notice => "notice",
            Numbered::Bulletin => "bulletin",
        }
    }
}

/// How one run dates and numbers its documents.
#[derive(Debug, Clone)]
pub struct Issue {
    /// 成文日期.
    pub date: NaiveDate,
    /// The rectification reply's due date.
    pub due: NaiveDate,
    /// 文号 assigned from the register, by kind and department (`None`:
    /// the bulletin). Empty in a draft run: the numbers stay blank.
    pub numbers: HashMap<(Numbered, Option<String>), String>,
    /// 征求意见稿: every page's header says so.
    pub draft: bool,
    /// 审计摘要 printed in the 版记 of issued documents.
    pub digest: Option<String>,
}

impl Issue {
    /// A draft run dated `date`: no numbers, no digest.
    pub fn draft(date: NaiveDate, due: NaiveDate) -> Issue {
        Issue {
            date,
            due,
            numbers: HashMap::new(),
            draft: false,
            digest: None,
        }
    }
}

#[derive(Serialize)]
struct BatchCtx {
    name: String,
    kind: String,
    period: Option<String>,
}

/// The documents of one run, composed from the data.
pub struct Composer<'a> {
    pub data: &'a ReportData,
    pub settings: &'a Settings,
    pub issue: Issue,
    env: Environment<'static>,
    masker: Masker,
    scrubber: scrub::Scrubber,
    batch: BatchCtx,
}

impl<'a> Composer<'a> {
    pub fn new(
        data: &'a ReportData,
        settings: &'a Settings,
        issue: Issue,
    ) -> Result<Self, ReportError> {
        let env = templates::environment(settings.template_dir.as_deref())?;
        let style = if settings.mask_style == "某" {
            crate::report::mask::MaskStyle::Mou
        } else {
            crate::report::mask::MaskStyle::Star
        };
        let masker = Masker::with_style(
            data.files
                .iter()
                .filter(|f| f.party_natural)
                .filter_map(|f| f.party.as_deref())
                .chain(data.people.iter().map(String::as_str)),
            style,
        );
        let period = match (data.batch.period_from, data.batch.period_to) {
            (Some(a), Some(b)) => Some(format!("{}至{}", cn_date(a), cn_date(b))),
            (Some(a), None) => Some(format!("{}以后", cn_date(a))),
            (None, Some(b)) => Some(format!("{}以前", cn_date(b))),
            (None, None) => None,
        };
        Ok(Composer {
            data,
            settings,
            issue,
            env,
            masker,
            scrubber: scrub::Scrubber::new(&data.scope.internal_terms),
            batch: BatchCtx {
                name: review_name(&data.batch.name),
                kind: data.batch.kind.clone(),
                period,
            },
        })
    }

    pub fn masker(&self) -> &Masker {
        &self.masker
    }

    /// A string as a circulated document prints it: names and ID numbers
    /// masked in the configured style, internal terms removed.
    pub fn public(&self, s: &str) -> String {
        self.scrubber.scrub(&self.masker.public(s))
    }

    /// A string for the panel's own form: ID numbers masked, internal
    /// terms removed.
    pub fn internal(&self, s: &str) -> String {
        self.scrubber.scrub(&self.masker.internal(s))
    }

    pub fn date(&self) -> NaiveDate {
        self.issue.date
    }

    pub fn due(&self) -> NaiveDate {
        self.issue.due
    }

    fn year(&self) -> i32 {
        chrono::Datelike::year(&self.issue.date)
    }

    /// The 文号 of a document: the registered one, or in a draft the
    /// pattern with the number left blank.
    pub fn doc_no(&self, kind: Numbered, department: Option<&str>) -> String {
        if let Some(n) = self
            .issue
            .numbers
            .get(&(kind, department.map(str::to_string)))
        {
            return n.clone();
        }
        let pattern = self.pattern(kind);
        pattern
            .replace("{year}", &self.year().to_string())
            .replace("{seq}", "")
    }

    /// The settings' 文号 pattern of a kind.
    pub fn pattern(&self, kind: Numbered) -> &str {
        match kind {
            Numbered::Letter => &self.settings.suggestion_doc_no,
            Numbered::Notice => &self.settings.notice_doc_no,
            Numbered::Bulletin => &self.settings.bulletin_doc_no,
        }
    }

    /// Renders a template into a document. `public`: mask names as well as
    /// ID numbers (circulating documents); else ID numbers only.
    fn render(
        &self,
        kind: DocKind,
        name: &str,
        ctx: serde_json::Value,
        tables: HashMap<&str, Table>,
        attachments: HashMap<&str, Block>,
        public: bool,
    ) -> Result<Doc, ReportError> {
        let mut values = Values::default();
        let ctx = values.tokenize(ctx);
        let text = self
            .env
            .get_template(name)
            .and_then(|t| t.render(minijinja::Value::from_serialize(&ctx)))
            .map_err(|e| ReportError::Template {
                name: name.to_string(),
                message: crate::report::doc::jinja_error::message(&e),
            })?;
        let blocks = template::parse(&text, &values, tables, attachments).map_err(|e| {
            ReportError::Template {
                name: name.to_string(),
                message: e.to_string(),
            }
        })?;
        let mut doc = Doc::new(kind, blocks);
        doc.draft = self.issue.draft;
        doc.creator = self.settings.issuing_body.clone();
        doc.created = Some(self.issue.date);
        for b in &mut doc.blocks {
            if let Block::Colophon(c) = b {
                c.digest = self
                    .issue
                    .digest
                    .as_ref()
                    .map(|d| format!("审计摘要：{}", d.chars().take(16).collect::<String>()));
            }
        }
        doc.for_each_text_mut(&mut |s: &mut String| {
            let t = if public {
                self.public(s)
            } else {
                self.internal(s)
            };
            if t != *s {
                *s = t;
            }
        });
        Ok(doc)
    }

    fn settings_ctx(&self) -> serde_json::Value {
        let s = self.settings;
        serde_json::json!({
            "issuing_body": &s.issuing_body,
            "letterhead": &s.letterhead,
            "printing_body": &s.printing_body,
            "cc": &s.cc,
            "reply_form": &s.reply_form,
            "reply_to": &s.reply_to,
            "reply_address": &s.reply_address,
            "contact": &s.contact,
            "phone": &s.phone,
            "review_basis": &s.review_basis,
            "rectification_days": s.rectification_days,
            "day_kind": if s.rectification_day_kind == "working" { "个工作日" } else { "日" },
            "self_ref": s.self_ref(),
            "circulation": s.circulation_phrase(),
            "letter_title": &s.letter_title,
            "notice_title": &s.notice_title,
            "notice": s.issues("notice"),
            "sheets": s.issues("sheet"),
        })
    }

    /// The context every template shares.
    fn base_ctx(&self) -> serde_json::Map<String, serde_json::Value> {
        let mut m = serde_json::Map::new();
        m.insert("s".into(), self.settings_ctx());
        m.insert(
            "batch".into(),
            serde_json::to_value(&self.batch).unwrap_or_default(),
        );
        m.insert("date".into(), cn_date(self.issue.date).into());
        m.insert("due".into(), cn_date(self.issue.due).into());
        m.insert("days".into(), self.settings.rectification_days.into());
        m
    }

    /// "优秀5件、合格2件、不合格1件": only the grades that occur.
    /// The grades the standard has, best first (a three-grade standard has
    /// no 良好).
    pub fn standard_grades(&self) -> Vec<&'static str> {
        let g = &self.data.unit.grades;
        if g.is_empty() {
            vec!["优秀", "合格", "不合格"]
        } else {
            g.iter().map(|g| g.label()).collect()
        }
    }

    /// "优秀5件、合格2件、不合格1件": the standard's grades (a grade the
    /// standard lacks but a file carries is still counted).
    fn grade_counts(&self, excellent: usize, good: usize, pass: usize, fail: usize) -> String {
        let grades = self.standard_grades();
        [
            ("优秀", excellent),
            ("良好", good),
            ("合格", pass),
            ("不合格", fail),
        ]
        .iter()
        .filter(|(g, n)| grades.contains(g) || *n > 0)
        .map(|(g, n)| format!("{g}{n}件"))
        .collect::<Vec<_>>()
        .join("、")
    }

    fn dept_ctx(&self, d: &DepartmentReport) -> serde_json::Value {
        serde_json::json!({
            "name": &d.name,
            "files": d.files,
            "reviewed": d.reviewed,
            "excellent": d.excellent,
            "good": d.good,
            "pass": d.pass,
            "fail": d.fail,
            "grades": self.grade_counts(d.excellent, d.good, d.pass, d.fail),
            "pass_rate": pct(d.pass_rate),
            "excellent_rate": pct(d.excellent_rate),
            "average_score": d.average_score.map_or("—".into(), score),
            "findings": d.findings,
        })
    }
}

/// The file's party label and value for the documents.
pub(crate) fn party_of(f: &FileReport) -> (&str, &str) {
    (f.party_role.as_str(), f.party.as_deref().unwrap_or(""))
}
