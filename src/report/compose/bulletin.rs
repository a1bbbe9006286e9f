//! 评查情况通报: the overall numbers, departments ranked, common problems,
//! deductions per category.

use super::*;

impl Composer<'_> {
    /// 评查情况通报.
    pub fn bulletin(&self) -> Result<Doc, String> {
        let data = self.data;
        let t = &data.totals;
        let departments = Table {
            widths: vec![6, 29, 9, 7, 7, 7, 8, 14, 10],
            header: [
                "排名",
                "单位",
                "评查卷数",
                "优秀",
                "良好",
                "合格",
                "不合格",
                "合格率",
                "平均分",
            ]
            .map(String::from)
            .to_vec(),
            rows: data
                .departments
                .iter()
                .map(|d| {
                    vec![
                        d.rank.to_string(),
                        d.name.clone(),
                        d.reviewed.to_string(),
                        d.excellent.to_string(),
                        d.good.to_string(),
                        d.pass.to_string(),
                        d.fail.to_string(),
                        pct(d.pass_rate),
                        d.average_score.map_or("—".into(), num),
                    ]
                })
                .collect(),
            centred: vec![0, 2, 3, 4, 5, 6, 7, 8],
            ..Table::default()
        };
        let problems = Table {
            widths: vec![7, 50, 14, 10, 10],
            header: ["序号", "问题（评查项目）", "评查类别", "次数", "涉及卷数"]
                .map(String::from)
                .to_vec(),
            rows: data
                .problems
                .iter()
                .take(10)
                .map(|p| {
                    vec![
                        p.rank.to_string(),
                        p.text.clone(),
                        p.category.clone(),
                        p.count.to_string(),
                        p.files.to_string(),
                    ]
                })
                .collect(),
            centred: vec![0, 3, 4],
            ..Table::default()
        };
        let categories = Table {
            widths: vec![40, 30, 30],
            header: ["评查类别", "问题数", "扣分合计"]
                .map(String::from)
                .to_vec(),
            rows: data
                .categories
                .iter()
                .map(|c| vec![c.name.clone(), c.findings.to_string(), num(c.deducted)])
                .collect(),
            centred: vec![1, 2],
            ..Table::default()
        };
        #[derive(Serialize)]
        struct Top {
            text: String,
            count: usize,
            files: usize,
            examples: Vec<String>,
        }
        let top: Vec<Top> = data
            .problems
            .iter()
            .take(5)
            .map(|p| Top {
                text: p.text.trim_end_matches('。').to_string(),
                count: p.count,
                files: p.files,
                examples: p.examples.clone(),
            })
            .collect();
        let ranked: Vec<&DepartmentReport> =
            data.departments.iter().filter(|d| d.reviewed > 0).collect();
        let best = ranked.first().map(|d| d.name.clone());
        let worst = ranked
            .iter()
            .max_by(|a, b| {
                (a.findings as f64 / a.reviewed as f64)
                    .total_cmp(&(b.findings as f64 / b.reviewed as f64))
                    .then(b.rank.cmp(&a.rank))
            })
            .filter(|d| ranked.len() > 1 && d.findings > 0 && Some(&d.name) != best.as_ref())
            .map(|d| d.name.clone());
        let ctx = context! {
            s => self.settings_ctx(),
            batch => &self.batch,
            date => cn_date(self.date),
            doc_no => self.bulletin_no(),
            t => context! {
                departments => t.departments,
                files => t.files,
                reviewed => t.reviewed,
                excellent => t.excellent,
                good => t.good,
                pass => t.pass,
                fail => t.fail,
                pass_rate => pct(t.pass_rate),
                excellent_rate => pct(t.excellent_rate),
                average_score => t.average_score.map_or("—".into(), num),
                findings => t.findings,
                deducted => num(t.deducted),
            },
            pending => data.pending.len(),
            top => top,
            best => best,
            worst => worst,
        };
        self.render(
            DocKind::Official,
            "bulletin.j2",
            ctx,
            HashMap::from([
                ("departments", departments),
                ("problems", problems),
                ("categories", categories),
            ]),
            true,
        )
    }
}
