//! 行政执法案卷评查建议书 (one per department): the review's facts, the
//! distinct problems by category (vetoes first), each once with its files,
//! the suggestions and the rectification demand; the per-file list as
//! 附件：评查问题清单. And the optional short 整改通知书.

use super::problems::common_wording;
use super::*;
use crate::report::data::FindingReport;
use crate::report::doc::{Cell, line};

/// A problem as the documents state it: the reviewer's note or the check's
/// wording, else "未做到：" and the item.
pub fn problem_text(fd: &FindingReport) -> String {
    let note = fd
        .note
        .trim()
        .trim_end_matches(['。', '；', '.', ';', '，'])
        .trim();
    if note.is_empty() {
        // The requirement's own "；" would read as the list's separator.
        format!(
            "未做到：{}",
            fd.item_text
                .trim()
                .trim_end_matches(['。', '；'])
                .replace('；', "，")
        )
    } else {
        note.to_string()
    }
}

/// "一是…；二是…；三是…。": the suggestions of the categories (vetoes
/// aside) where most problems were found, at most three, in checklist order.
pub fn suggestions(groups: &[Group]) -> String {
    let mut ranked: Vec<(usize, usize, &str)> = Vec::new();
    for (i, g) in groups.iter().enumerate() {
        let text = g.suggestion.trim().trim_end_matches(['。', '；', '.']);
        if g.veto || text.is_empty() || ranked.iter().any(|r| r.2 == text) {
            continue;
        }
        let found: usize = g.problems.iter().map(|p| p.case_nos.len()).sum();
        ranked.push((found, i, text));
    }
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    ranked.truncate(3);
    ranked.sort_by_key(|r| r.1);
    if ranked.is_empty() {
        return String::new();
    }
    let parts: Vec<String> = ranked
        .iter()
        .enumerate()
        .map(|(n, r)| format!("{}是{}", super::numbers::cn_num(n + 1), r.2))
        .collect();
    format!("{}。", parts.join("；"))
}

/// A problem as the letter's body states it once for all its files: an
/// automatic check's finding in the wording common to the item, else as
/// [`problem_text`].
pub fn body_text(fd: &FindingReport) -> String {
    match &fd.check {
        Some(check) => common_wording(check, &problem_text(fd)),
        None => problem_text(fd),
    }
}

/// One distinct problem and the files it was found in.
#[derive(Debug, Clone, Serialize)]
pub struct Problem {
    pub text: String,
    pub case_nos: Vec<String>,
    /// 涉及案卷3件：清应急罚〔2024〕9号、13号、17号
    pub files: String,
    #[serde(skip)]
    item: String,
    #[serde(skip)]
    order: usize,
}

/// The problems of one category (or 一票否决).
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub title: String,
    pub category: String,
    pub veto: bool,
    pub suggestion: String,
    pub problems: Vec<Problem>,
    /// The problems as one run-in paragraph: "1．…（涉及案卷2件：…）；2．…。"
    pub body: String,
    #[serde(skip)]
    order: usize,
}

impl Composer<'_> {
    /// The department's distinct problems by category in checklist order,
    /// the vetoes first.
    pub fn groups(&self, d: &DepartmentReport) -> Vec<Group> {
        let mut groups: Vec<Group> = Vec::new();
        for f in self.data.files_of(d) {
            for fd in &f.findings {
                let title = if fd.veto {
                    "一票否决".to_string()
                } else {
                    format!("{}方面", fd.category)
                };
                let order = if fd.veto { 0 } else { fd.order / 10_000 + 1 };
                let g = match groups.iter().position(|g| g.title == title) {
                    Some(i) => &mut groups[i],
                    None => {
                        groups.push(Group {
                            title,
                            category: fd.category.clone(),
                            veto: fd.veto,
                            suggestion: self.settings.suggestion(&fd.category).to_string(),
                            problems: Vec::new(),
                            body: String::new(),
                            order,
                        });
                        let last = groups.len() - 1;
                        &mut groups[last]
                    }
                };
                g.order = g.order.min(order);
                // One entry per distinct problem: the same item and wording;
                // an automatic check's findings of one item in one wording.
                let text = self.public(&body_text(fd));
                match g
                    .problems
                    .iter_mut()
                    .find(|p| p.text == text && p.item == fd.item)
                {
                    Some(p) => {
                        if !p.case_nos.contains(&fd.case_no) {
                            p.case_nos.push(fd.case_no.clone());
                        }
                        p.order = p.order.min(fd.order);
                    }
                    None => g.problems.push(Problem {
                        item: fd.item.clone(),
                        text,
                        case_nos: vec![fd.case_no.clone()],
                        files: String::new(),
                        order: fd.order,
                    }),
                }
            }
        }
        groups.sort_by_key(|g| g.order);
        for g in &mut groups {
            g.problems.sort_by_key(|p| p.order);
            let mut parts = Vec::new();
            for (i, p) in g.problems.iter_mut().enumerate() {
                p.files = if p.case_nos.len() == 1 {
                    p.case_nos[0].clone()
                } else {
                    format!("涉及案卷{}件：{}", p.case_nos.len(), case_list(&p.case_nos))
                };
                parts.push(format!("{}．{}（{}）", i + 1, p.text, p.files));
            }
            g.body = format!("{}。", parts.join("；"));
        }
        groups
    }

    /// 附件：评查问题清单 — every finding of the department, file by file.
    fn problem_list(&self, d: &DepartmentReport, label: &str) -> Block {
        let mut rows = Vec::new();
        for f in self.data.files_of(d) {
            let mut findings: Vec<&FindingReport> = f.findings.iter().collect();
            findings.sort_by_key(|fd| fd.order);
            for fd in findings {
                rows.push(vec![
                    Cell::from((rows.len() + 1).to_string()),
                    Cell::from(fd.case_no.clone()),
                    Cell::from(if fd.rectifier.is_empty() || fd.rectifier == d.name {
                        problem_text(fd)
                    } else {
                        format!("{}（整改主体：{}）", problem_text(fd), fd.rectifier)
                    }),
                    Cell::from(fd.page.clone().unwrap_or_else(|| "—".into())),
                    Cell::from(fd.basis.clone()),
                ]);
            }
        }
        let table = Table {
            widths: vec![8, 28, 38, 11, 25],
            header: ["序号", "案号", "问题", "卷宗页码", "依据"]
                .map(String::from)
                .to_vec(),
            rows,
            centred: vec![0, 3],
            small: true,
            ..Table::default()
        };
        Block::Attachment {
            label: label.to_string(),
            title: line("评查问题清单"),
            blocks: vec![Block::Table(table)],
        }
    }

    /// The files by grade, in the standard's order, the failed ones named:
    /// "优秀2件、合格2件、不合格4件（清应急罚〔2024〕10号、13号、17号、19号，均系一票否决）".
    fn results(&self, d: &DepartmentReport) -> String {
        let mut parts = Vec::new();
        let mut grades: Vec<String> = self
            .standard_grades()
            .iter()
            .map(|g| g.to_string())
            .collect();
        for f in self.data.files_of(d) {
            if !grades.contains(&f.grade) {
                grades.push(f.grade.clone());
            }
        }
        for g in &grades {
            let files: Vec<&FileReport> = self.data.files_of(d).filter(|f| &f.grade == g).collect();
            if files.is_empty() {
                continue;
            }
            let nos: Vec<String> = files.iter().map(|f| f.case_no.clone()).collect();
            let vetoed: Vec<String> = files
                .iter()
                .filter(|f| f.vetoed)
                .map(|f| f.case_no.clone())
                .collect();
            let veto_note = if vetoed.is_empty() {
                String::new()
            } else if vetoed.len() == files.len() {
                if files.len() == 1 {
                    "，系一票否决".to_string()
                } else {
                    "，均系一票否决".to_string()
                }
            } else {
                format!("，其中{}系一票否决", case_list(&vetoed))
            };
            // The failed files are named; the others are counted.
            if files.iter().all(|f| f.passed) {
                parts.push(format!("{g}{}件", files.len()));
            } else {
                parts.push(format!(
                    "{g}{}件（{}{veto_note}）",
                    files.len(),
                    case_list(&nos)
                ));
            }
        }
        parts.join("、")
    }

    fn files_table(&self, d: &DepartmentReport) -> Table {
        Table {
            widths: vec![10, 50, 20, 20],
            header: ["序号", "案号", "得分", "等次"].map(String::from).to_vec(),
            rows: self
                .data
                .files_of(d)
                .enumerate()
                .map(|(i, f)| {
                    vec![
                        Cell::from((i + 1).to_string()),
                        Cell::from(f.case_no.clone()),
                        Cell::from(score(f.score)),
                        Cell::from(f.grade.clone()),
                    ]
                })
                .collect(),
            centred: vec![0, 1, 2, 3],
            ..Table::default()
        }
    }

    /// 行政执法案卷评查建议书.
    pub fn letter(&self, d: &DepartmentReport) -> Result<Doc, ReportError> {
        let groups = self.groups(d);
        let mut ctx = self.base_ctx();
        ctx.insert(
            "doc_no".into(),
            self.doc_no(Numbered::Letter, Some(&d.name)).into(),
        );
        ctx.insert(
            "notice_no".into(),
            self.doc_no(Numbered::Notice, Some(&d.name)).into(),
        );
        ctx.insert("dept".into(), self.dept_ctx(d));
        ctx.insert("results".into(), self.results(d).into());
        ctx.insert("suggestions".into(), suggestions(&groups).into());
        ctx.insert(
            "distinct".into(),
            groups
                .iter()
                .map(|g| g.problems.len())
                .sum::<usize>()
                .into(),
        );
        ctx.insert(
            "groups".into(),
            serde_json::to_value(&groups).unwrap_or_default(),
        );
        let mut attachments = HashMap::new();
        if d.findings > 0 {
            attachments.insert("problems", self.problem_list(d, "附件"));
        }
        self.render(
            DocKind::Official,
            "letter.j2",
            serde_json::Value::Object(ctx),
            HashMap::from([("files", self.files_table(d))]),
            attachments,
            true,
        )
    }

    /// 整改通知书 (when the settings issue one): short — the demand, the
    /// deadline, the reply — with the problem list as its attachment.
    pub fn notice(&self, d: &DepartmentReport) -> Result<Doc, ReportError> {
        let groups = self.groups(d);
        let mut ctx = self.base_ctx();
        ctx.insert(
            "doc_no".into(),
            self.doc_no(Numbered::Notice, Some(&d.name)).into(),
        );
        ctx.insert(
            "letter_no".into(),
            self.doc_no(Numbered::Letter, Some(&d.name)).into(),
        );
        ctx.insert("dept".into(), self.dept_ctx(d));
        ctx.insert(
            "distinct".into(),
            groups
                .iter()
                .map(|g| g.problems.len())
                .sum::<usize>()
                .into(),
        );
        self.render(
            DocKind::Official,
            "notice.j2",
            serde_json::Value::Object(ctx),
            HashMap::new(),
            HashMap::from([("problems", self.problem_list(d, "附件"))]),
            true,
        )
    }
}
