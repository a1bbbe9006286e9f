//! Data → documents: fills the templates and builds the tables. Every
//! string that reaches a document passes through the [`Masker`].

use super::doc::{Block, Doc, DocKind, Table};
use super::mask::{Masker, mask_id};
use super::settings::{Settings, cn_date};
use crate::workspace::{DepartmentReport, FileReport, ReportData};
use chrono::NaiveDate;
use minijinja::{Environment, context};
use serde::Serialize;
use std::collections::HashMap;

mod bulletin;
mod sheet;

/// The built-in templates (`data/templates/`).
pub const BUILTIN_TEMPLATES: &[(&str, &str)] = &[
    (
        "letter.j2",
        include_str!("../../../data/templates/letter.j2"),
    ),
    (
        "notice.j2",
        include_str!("../../../data/templates/notice.j2"),
    ),
    (
        "bulletin.j2",
        include_str!("../../../data/templates/bulletin.j2"),
    ),
    ("sheet.j2", include_str!("../../../data/templates/sheet.j2")),
];

/// 1 → 一, 12 → 十二, 20 → 二十.
pub fn cn_num(n: usize) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n].to_string(),
        10 => "十".into(),
        11..=19 => format!("十{}", D[n - 10]),
        20..=99 => format!(
            "{}十{}",
            D[n / 10],
            if n.is_multiple_of(10) { "" } else { D[n % 10] }
        ),
        _ => n.to_string(),
    }
}

/// 0.8333 → 83.3%.
pub fn pct(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

/// 98.0 → 98, 97.5 → 97.5.
pub fn num(x: f64) -> String {
    let r = (x * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

#[derive(Serialize)]
struct DeptCtx {
    name: String,
    files: usize,
    reviewed: usize,
    excellent: usize,
    good: usize,
    pass: usize,
    fail: usize,
    pass_rate: String,
    excellent_rate: String,
    average_score: String,
    findings: usize,
}

#[derive(Serialize)]
struct FindingCtx {
    case_no: String,
    note: String,
    item_text: String,
    page: Option<String>,
    basis: String,
    /// 整改主体.
    rectifier: String,
}

#[derive(Serialize)]
struct GroupCtx {
    category: String,
    suggestion: String,
    findings: Vec<FindingCtx>,
}

#[derive(Serialize)]
struct BatchCtx {
    name: String,
    kind: String,
    period: Option<String>,
}

/// The documents' numbers and dates, fixed once per run.
pub struct Composer<'a> {
    pub data: &'a ReportData,
    pub settings: &'a Settings,
    env: Environment<'static>,
    masker: Masker,
    pub date: NaiveDate,
    batch: BatchCtx,
}

impl<'a> Composer<'a> {
    pub fn new(
        data: &'a ReportData,
        settings: &'a Settings,
        today: NaiveDate,
    ) -> Result<Self, String> {
        let mut env = Environment::new();
        env.set_trim_blocks(false);
        env.set_lstrip_blocks(true);
        env.set_auto_escape_callback(|_| minijinja::AutoEscape::None);
        env.add_function("cn", |n: usize| cn_num(n));
        for (name, builtin) in BUILTIN_TEMPLATES {
            let user = settings
                .template_dir
                .as_ref()
                .map(|d| d.join(name))
                .filter(|p| p.is_file());
            let source = match user {
                Some(p) => std::fs::read_to_string(&p)
                    .map_err(|e| format!("无法读取模板 {}：{e}", p.display()))?,
                None => builtin.to_string(),
            };
            env.add_template_owned(name.to_string(), source)
                .map_err(|e| format!("模板 {name} 有误：{e}"))?;
        }
        let masker = Masker::new(
            data.files
                .iter()
                .filter(|f| f.party_natural)
                .filter_map(|f| f.party.as_deref())
                .chain(data.people.iter().map(String::as_str)),
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
            env,
            masker,
            date: settings.doc_date(today),
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

    fn year(&self) -> i32 {
        chrono::Datelike::year(&self.date)
    }

    /// Department `d`'s sequence number (its rank order).
    fn seq(&self, d: &DepartmentReport) -> u32 {
        self.settings.first_seq + (d.rank as u32).saturating_sub(1)
    }

    pub fn letter_no(&self, d: &DepartmentReport) -> String {
        Settings::doc_no(&self.settings.suggestion_doc_no, self.year(), self.seq(d))
    }

    pub fn notice_no(&self, d: &DepartmentReport) -> String {
        Settings::doc_no(&self.settings.notice_doc_no, self.year(), self.seq(d))
    }

    pub fn bulletin_no(&self) -> String {
        Settings::doc_no(
            &self.settings.bulletin_doc_no,
            self.year(),
            self.settings.first_seq,
        )
    }

    /// The rectification due date.
    pub fn due(&self) -> NaiveDate {
        self.date + chrono::Duration::days(self.settings.rectification_days)
    }

    /// Renders a template. `public`: mask names as well as ID numbers in
    /// every string (circulating documents); else ID numbers only (the
    /// caller masked the party's fields itself).
    fn render(
        &self,
        kind: DocKind,
        name: &str,
        ctx: minijinja::Value,
        tables: HashMap<&str, Table>,
        public: bool,
    ) -> Result<Doc, String> {
        let text = self
            .env
            .get_template(name)
            .and_then(|t| t.render(ctx))
            .map_err(|e| format!("模板 {name} 出错：{e:#}"))?;
        let mut doc = Doc::parse(kind, &text, tables)?;
        self.mask(&mut doc, public);
        Ok(doc)
    }

    /// Masks every string of a document.
    fn mask(&self, doc: &mut Doc, public: bool) {
        let m = |s: &mut String| {
            let masked = if public {
                self.masker.public(s)
            } else {
                self.masker.internal(s)
            };
            if masked != *s {
                *s = masked;
            }
        };
        for b in &mut doc.blocks {
            match b {
                Block::Table(t) => {
                    t.header.iter_mut().for_each(m);
                    t.rows.iter_mut().flatten().for_each(m);
                }
                other => {
                    if let Some(s) = other.text_mut() {
                        m(s);
                    }
                }
            }
        }
    }

    fn dept_ctx(d: &DepartmentReport) -> DeptCtx {
        DeptCtx {
            name: d.name.clone(),
            files: d.files,
            reviewed: d.reviewed,
            excellent: d.excellent,
            good: d.good,
            pass: d.pass,
            fail: d.fail,
            pass_rate: pct(d.pass_rate),
            excellent_rate: pct(d.excellent_rate),
            average_score: d.average_score.map_or("—".into(), num),
            findings: d.findings,
        }
    }

    /// The department's findings grouped by category, in checklist order of
    /// first appearance.
    fn groups(&self, d: &DepartmentReport) -> Vec<GroupCtx> {
        let mut groups: Vec<GroupCtx> = Vec::new();
        for f in self.data.files_of(d) {
            for fd in &f.findings {
                let g = match groups.iter().position(|g| g.category == fd.category) {
                    Some(i) => &mut groups[i],
                    None => {
                        groups.push(GroupCtx {
                            category: fd.category.clone(),
                            suggestion: self.settings.suggestion(&fd.category).to_string(),
                            findings: Vec::new(),
                        });
                        groups.last_mut().expect("pushed")
                    }
                };
                g.findings.push(FindingCtx {
                    case_no: fd.case_no.clone(),
                    note: fd
                        .note
                        .trim()
                        .trim_end_matches(['。', '；', '.'])
                        .to_string(),
                    item_text: fd.item_text.trim_end_matches('。').to_string(),
                    page: fd.page.clone(),
                    basis: fd.basis.clone(),
                    rectifier: fd.rectifier.clone(),
                });
            }
        }
        groups
    }

    /// 行政执法案卷评查建议书.
    pub fn letter(&self, d: &DepartmentReport) -> Result<Doc, String> {
        let files = Table {
            widths: vec![6, 33, 41, 10, 10],
            header: vec![
                "序号".into(),
                "案号".into(),
                "案件名称".into(),
                "得分".into(),
                "等次".into(),
            ],
            rows: self
                .data
                .files_of(d)
                .enumerate()
                .map(|(i, f)| {
                    vec![
                        (i + 1).to_string(),
                        f.case_no.clone(),
                        f.title.clone().unwrap_or_default(),
                        num(f.score),
                        f.grade.clone(),
                    ]
                })
                .collect(),
            centred: vec![0, 3, 4],
            ..Table::default()
        };
        let ctx = context! {
            s => self.settings_ctx(),
            batch => &self.batch,
            date => cn_date(self.date),
            doc_no => self.letter_no(d),
            dept => Self::dept_ctx(d),
            groups => self.groups(d),
            due => cn_date(self.due()),
            days => self.settings.rectification_days,
        };
        self.render(
            DocKind::Official,
            "letter.j2",
            ctx,
            HashMap::from([("files", files)]),
            true,
        )
    }

    /// 整改通知书 (only for departments with findings).
    pub fn notice(&self, d: &DepartmentReport) -> Result<Doc, String> {
        let mut rows = Vec::new();
        for f in self.data.files_of(d) {
            for fd in &f.findings {
                rows.push(vec![
                    (rows.len() + 1).to_string(),
                    fd.case_no.clone(),
                    if fd.note.trim().is_empty() {
                        fd.item_text.clone()
                    } else {
                        fd.note.trim().to_string()
                    },
                    fd.page.clone().unwrap_or_else(|| "—".into()),
                    fd.basis.clone(),
                ]);
            }
        }
        let problems = Table {
            widths: vec![6, 32, 31, 8, 23],
            header: vec![
                "序号".into(),
                "案号".into(),
                "存在问题".into(),
                "页码".into(),
                "依据".into(),
            ],
            rows,
            centred: vec![0, 3],
            ..Table::default()
        };
        let ctx = context! {
            s => self.settings_ctx(),
            batch => &self.batch,
            date => cn_date(self.date),
            doc_no => self.notice_no(d),
            letter_no => self.letter_no(d),
            dept => Self::dept_ctx(d),
            groups => self.groups(d),
            due => cn_date(self.due()),
            days => self.settings.rectification_days,
        };
        self.render(
            DocKind::Official,
            "notice.j2",
            ctx,
            HashMap::from([("problems", problems)]),
            true,
        )
    }

    fn settings_ctx(&self) -> minijinja::Value {
        let s = self.settings;
        context! {
            issuing_body => &s.issuing_body,
            letterhead => &s.letterhead,
            printing_body => &s.printing_body,
            cc => &s.cc,
            reply_form => &s.reply_form,
            reply_to => &s.reply_to,
            reply_address => &s.reply_address,
            contact => &s.contact,
            phone => &s.phone,
            review_basis => &s.review_basis,
            rectification_days => s.rectification_days,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals() {
        assert_eq!(cn_num(1), "一");
        assert_eq!(cn_num(10), "十");
        assert_eq!(cn_num(12), "十二");
        assert_eq!(cn_num(20), "二十");
        assert_eq!(cn_num(23), "二十三");
        assert_eq!(num(98.0), "98");
        assert_eq!(num(97.5), "97.5");
        assert_eq!(pct(0.8333), "83.3%");
    }
}

/// The review's name as the documents use it in a sentence ("组织开展了…",
/// "关于…情况的通报"): the batch's name, completed with 行政执法案卷评查 when
/// it does not say what it is (the default batch of a one-review database is
/// simply 行政执法案卷评查).
pub fn review_name(batch: &str) -> String {
    let b = batch.trim();
    if b.is_empty() || b == "默认批次" {
        "行政执法案卷评查".to_string()
    } else if b.contains("评查") {
        b.to_string()
    } else {
        format!("{b}行政执法案卷评查")
    }
}

#[cfg(test)]
mod review_name_tests {
    use super::review_name;

    #[test]
    fn a_batch_name_reads_as_the_review() {
        assert_eq!(review_name("默认批次"), "行政执法案卷评查");
        assert_eq!(
            review_name("2024年度行政执法案卷评查"),
            "2024年度行政执法案卷评查"
        );
        assert_eq!(
            review_name("2025年第三季度"),
            "2025年第三季度行政执法案卷评查"
        );
    }
}
