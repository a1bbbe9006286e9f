//! 评查情况通报: the review's reach in the batch's own words, the results,
//! the departments ranked, the veto failures, the typical problems with
//! their departments and files, and the next steps.

use super::letter::body_text;
use super::*;
use crate::report::doc::Cell;

/// A problem found across the batch.
#[derive(Debug, Clone, Serialize)]
pub struct BatchProblem {
    pub text: String,
    pub category: String,
    pub count: usize,
    pub files: usize,
    pub departments: Vec<String>,
    pub examples: String,
}

impl Composer<'_> {
    /// The distinct problems of the batch, most frequent first.
    pub fn batch_problems(&self) -> Vec<BatchProblem> {
        struct Acc {
            text: String,
            category: String,
            count: usize,
            files: Vec<String>,
            departments: Vec<String>,
            order: usize,
        }
        let mut acc: Vec<Acc> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        for f in &self.data.files {
            for fd in &f.findings {
                let text = self.public(&body_text(fd));
                let i = *index.entry(text.clone()).or_insert_with(|| {
                    acc.push(Acc {
                        text,
                        category: if fd.veto {
                            "一票否决".to_string()
                        } else {
                            fd.category.clone()
                        },
                        count: 0,
                        files: Vec::new(),
                        departments: Vec::new(),
                        order: fd.order,
                    });
                    acc.len() - 1
                });
                let a = &mut acc[i];
                a.count += 1;
                if !a.files.contains(&fd.case_no) {
                    a.files.push(fd.case_no.clone());
                }
                if !a.departments.contains(&fd.department) {
                    a.departments.push(fd.department.clone());
                }
            }
        }
        acc.sort_by(|a, b| {
            b.files
                .len()
                .cmp(&a.files.len())
                .then(b.count.cmp(&a.count))
                .then(a.order.cmp(&b.order))
        });
        acc.into_iter()
            .map(|a| BatchProblem {
                examples: case_list(&a.files[..a.files.len().min(3)]),
                text: a.text,
                category: a.category,
                count: a.count,
                files: a.files.len(),
                departments: a.departments,
            })
            .collect()
    }

    /// The grades that occur in the batch (a three-grade standard never
    /// shows 良好).
    fn grades_used(&self) -> Vec<&'static str> {
        self.standard_grades()
    }

    /// The departments ranked.
    pub fn ranking_table(&self) -> Table {
        let grades = self.grades_used();
        let mut header = vec!["排名".to_string(), "单位".to_string(), "卷数".to_string()];
        header.extend(grades.iter().map(|g| g.to_string()));
        header.extend(["合格率".to_string(), "平均分".to_string()]);
        let n = header.len();
        let mut widths = vec![8, 27, 9];
        widths.extend(grades.iter().map(|_| 11));
        widths.extend([12, 12]);
        Table {
            widths,
            header,
            rows: self
                .data
                .departments
                .iter()
                .filter(|d| d.reviewed > 0)
                .map(|d| {
                    let mut r = vec![
                        Cell::from(d.rank.to_string()),
                        Cell::from(d.name.clone()),
                        Cell::from(d.reviewed.to_string()),
                    ];
                    for g in &grades {
                        let k = match *g {
                            "优秀" => d.excellent,
                            "良好" => d.good,
                            "合格" => d.pass,
                            _ => d.fail,
                        };
                        r.push(Cell::from(k.to_string()));
                    }
                    r.push(Cell::from(pct(d.pass_rate)));
                    r.push(Cell::from(d.average_score.map_or("—".into(), score)));
                    r
                })
                .collect(),
            centred: (0..n).filter(|&i| i != 1).collect(),
            ..Table::default()
        }
    }

    /// 评查情况通报.
    pub fn bulletin(&self) -> Result<Doc, ReportError> {
        let data = self.data;
        let t = &data.totals;
        let problems = self.batch_problems();
        let top: Vec<serde_json::Value> = problems
            .iter()
            .take(5)
            .map(|p| {
                serde_json::json!({
                    "text": &p.text,
                    "count": p.count,
                    "files": p.files,
                    "departments": p.departments.join("、"),
                    "department_count": p.departments.len(),
                    "examples": &p.examples,
                })
            })
            .collect();
        let problem_table = Table {
            widths: vec![7, 53, 14, 10, 10],
            header: ["序号", "问题", "评查类别", "次数", "涉及卷数"]
                .map(String::from)
                .to_vec(),
            rows: problems
                .iter()
                .take(10)
                .enumerate()
                .map(|(i, p)| {
                    vec![
                        Cell::from((i + 1).to_string()),
                        Cell::from(p.text.clone()),
                        Cell::from(p.category.clone()),
                        Cell::from(p.count.to_string()),
                        Cell::from(p.files.to_string()),
                    ]
                })
                .collect(),
            centred: vec![0, 3, 4],
            ..Table::default()
        };
        // Files failed on a veto, by department: 清江市交通运输局3件（…6号、7号、8号）.
        let mut vetoed_by: Vec<(String, Vec<String>)> = Vec::new();
        for f in data.files.iter().filter(|f| !f.vetoes.is_empty()) {
            match vetoed_by.iter_mut().find(|(d, _)| *d == f.department) {
                Some((_, v)) => v.push(f.case_no.clone()),
                None => vetoed_by.push((f.department.clone(), vec![f.case_no.clone()])),
            }
        }
        let vetoed_files: usize = vetoed_by.iter().map(|(_, v)| v.len()).sum();
        let vetoed: Vec<String> = vetoed_by
            .iter()
            .map(|(d, v)| format!("{d}{}件（{}）", v.len(), case_list(v)))
            .collect();
        let ranked: Vec<&DepartmentReport> =
            data.departments.iter().filter(|d| d.reviewed > 0).collect();
        let scope = &data.scope;
        let coverage = scope
            .pool
            .filter(|p| *p > 0 && scope.sampled)
            .map(|p| pct(t.files as f64 / p as f64));
        let mut ctx = self.base_ctx();
        ctx.insert(
            "doc_no".into(),
            self.doc_no(Numbered::Bulletin, None).into(),
        );
        ctx.insert(
            "t".into(),
            serde_json::json!({
                "departments": ranked.len(),
                "files": t.files,
                "reviewed": t.reviewed,
                "grades": self.grade_counts(t.excellent, t.good, t.pass, t.fail),
                "pass_rate": pct(t.pass_rate),
                "excellent_rate": pct(t.excellent_rate),
                "average_score": t.average_score.map_or("—".into(), score),
                "findings": t.findings,
                "distinct": problems.len(),
                "deducted": score(t.deducted),
            }),
        );
        ctx.insert(
            "scope".into(),
            serde_json::json!({
                "verb": if scope.sampled { "抽查" } else { "评查" },
                "sampled": scope.sampled,
                "pool": scope.pool,
                "coverage": coverage,
                "idle_units": scope.idle_units.join("、"),
            }),
        );
        ctx.insert("vetoed".into(), vetoed.into());
        ctx.insert("vetoed_files".into(), vetoed_files.into());
        ctx.insert("top".into(), top.into());
        ctx.insert("best".into(), ranked.first().map(|d| d.name.clone()).into());
        ctx.insert(
            "worst".into(),
            ranked
                .last()
                .filter(|d| ranked.len() > 1 && d.pass_rate < ranked[0].pass_rate)
                .map(|d| d.name.clone())
                .into(),
        );
        ctx.insert("pending".into(), data.pending.len().into());
        self.render(
            DocKind::Official,
            "bulletin.j2",
            serde_json::Value::Object(ctx),
            HashMap::from([
                ("departments", self.ranking_table()),
                ("problems", problem_table),
            ]),
            HashMap::from([("chart", Block::Chart(self.chart()))]),
            true,
        )
    }

    /// 各单位合格率: the bulletin's chart.
    pub fn chart(&self) -> crate::report::doc::Chart {
        crate::report::doc::Chart {
            title: "各单位案卷合格率".to_string(),
            bars: self
                .data
                .departments
                .iter()
                .filter(|d| d.reviewed > 0)
                .map(|d| (d.name.clone(), (d.pass_rate * 1000.0).round() / 10.0))
                .collect(),
        }
    }
}
