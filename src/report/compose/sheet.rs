//! 评查表: one file's header, checklist with deductions and reasons, score,
//! grade, veto and signature lines.

use super::*;

impl Composer<'_> {
    /// 联合署名: one line per reviewer (the first label of
    /// `sheet_signatures`) with the review date, then the approving leader
    /// (the second label) with the approval date; a blank line to sign by
    /// hand where no name is known; further labels as blank lines.
    fn signature_rows(&self, f: &FileReport) -> Vec<Vec<String>> {
        let labels = &self.settings.sheet_signatures;
        let blank_date = || "    年  月  日".to_string();
        let line = |label: &str, name: &str, date: Option<NaiveDate>| {
            vec![
                label.to_string(),
                name.to_string(),
                "日期".into(),
                date.map(cn_date).unwrap_or_else(blank_date),
            ]
        };
        let mut rows = Vec::new();
        for (i, label) in labels.iter().enumerate() {
            match i {
                0 if !f.reviewers.is_empty() => {
                    for r in &f.reviewers {
                        rows.push(line(label, r, f.completed.or(f.approved_on)));
                    }
                }
                1 if f.approved_by.is_some() => {
                    rows.push(line(
                        label,
                        f.approved_by.as_deref().unwrap_or(""),
                        f.approved_on,
                    ));
                }
                _ => rows.push(line(label, "", None)),
            }
        }
        rows
    }

    /// 行政执法案卷评查表.
    pub fn sheet(&self, f: &FileReport) -> Result<Doc, String> {
        let party_id = f.party_id.as_deref().map(|id| {
            if f.party_natural {
                mask_id(id)
            } else {
                self.masker.internal(id)
            }
        });
        // The sheet shows reviewers' and officers' names in full; every
        // natural person named as a party anywhere in the database is masked
        // where a party can appear (title, party, notes).
        let pm = |s: &str| self.masker.public(s);
        let title = pm(f.title.as_deref().unwrap_or(""));
        let identity = Table {
            widths: vec![14, 36, 14, 36],
            rows: vec![
                vec![
                    "案号".into(),
                    f.case_no.clone(),
                    "执法部门".into(),
                    f.department.clone(),
                ],
                vec![
                    "案件名称".into(),
                    title.clone(),
                    "案件类型".into(),
                    match &f.procedure {
                        Some(p) => format!("{}（{p}）", f.kind),
                        None => f.kind.clone(),
                    },
                ],
                vec![
                    "当事人".into(),
                    pm(f.party.as_deref().unwrap_or("")),
                    "证件号码".into(),
                    party_id.unwrap_or_default(),
                ],
                vec![
                    "承办人员".into(),
                    f.officers.join("、"),
                    "评查标准".into(),
                    f.checklist.clone().unwrap_or_default(),
                ],
                vec![
                    "评查人员".into(),
                    f.reviewers.join("、"),
                    "评查日期".into(),
                    f.completed.map(cn_date).unwrap_or_default(),
                ],
            ],
            small: true,
            grid: true,
            ..Table::default()
        };
        let mut rows = Vec::new();
        for c in &f.categories {
            let cat = match c.earned {
                Some(earned) => {
                    format!("{}\n（{}分，实得{}分）", c.name, num(c.points), num(earned))
                }
                None => c.name.clone(),
            };
            for it in &c.items {
                let reasons: Vec<String> = it
                    .findings
                    .iter()
                    .map(|&k| {
                        let fd = &f.findings[k];
                        let mut s = if fd.note.trim().is_empty() {
                            fd.item_text.clone()
                        } else {
                            pm(fd.note.trim())
                        };
                        if let Some(p) = &fd.page {
                            s.push_str(&format!("（第{p}页）"));
                        }
                        if let Some(n) = fd.count {
                            s.push_str(&format!("，{n}处"));
                        }
                        if fd.deduction > 0.0 {
                            s.push_str(&format!("，扣{}分", num(fd.deduction)));
                        }
                        if fd.award > 0.0 {
                            s.push_str(&format!("，加{}分", num(fd.award)));
                        }
                        if !fd.rule.is_empty() {
                            s.push_str(&format!("（扣分标准：{}）", fd.rule));
                        }
                        s
                    })
                    .collect();
                let points = if it.points == 0.0 && it.veto.is_some() {
                    "—".to_string()
                } else {
                    num(it.points)
                };
                let (ded, reason) = if !it.applies {
                    ("—".to_string(), "不适用".to_string())
                } else {
                    (
                        if it.deducted > 0.0 {
                            num(it.deducted)
                        } else if it.awarded > 0.0 {
                            format!("+{}", num(it.awarded))
                        } else {
                            String::new()
                        },
                        reasons.join("\n"),
                    )
                };
                let mut text = it.text.clone();
                if let Some(v) = &it.veto {
                    text.push_str(if v.starts_with("一票否决") {
                        "【一票否决】"
                    } else {
                        "【不得评为优秀】"
                    });
                }
                rows.push(vec![cat.clone(), text, points, ded, reason]);
            }
        }
        rows.push(vec![
            "合计".into(),
            String::new(),
            num(f.total),
            num(f.deducted),
            match &f.score_note {
                Some(note) => format!("{note}；得分{}分，{}", num(f.score), f.grade),
                None if f.bonus > 0.0 => {
                    format!(
                        "加分{}分；得分{}分，{}",
                        num(f.bonus),
                        num(f.score),
                        f.grade
                    )
                }
                None => format!("得分{}分，{}", num(f.score), f.grade),
            },
        ]);
        let items = Table {
            widths: vec![13, 45, 8, 8, 26],
            header: [
                "评查类别",
                "评查内容",
                "分值",
                "扣分",
                "扣分理由（问题及页码）",
            ]
            .map(String::from)
            .to_vec(),
            rows,
            merge_first: true,
            centred: vec![0, 2, 3],
            small: true,
            grid: false,
        };
        let signatures = Table {
            widths: vec![24, 36, 12, 28],
            rows: self.signature_rows(f),
            small: true,
            grid: true,
            ..Table::default()
        };
        let ctx = context! {
            s => self.settings_ctx(),
            batch => &self.batch,
            date => cn_date(self.date),
            f => context! {
                case_no => &f.case_no,
                department => &f.department,
                kind => &f.kind,
                title => &title,
                party => f.party.as_deref().map(pm),
                checklist => &f.checklist,
                total => num(f.total),
                score => num(f.score),
                deducted => num(f.deducted),
                bonus => num(f.bonus),
                score_note => &f.score_note,
                grade => &f.grade,
                vetoes => &f.vetoes,
                reviewers => &f.reviewers,
                remark => f.remark.as_deref().map(pm),
                approved_by => &f.approved_by,
                approved_on => f.approved_on.map(cn_date),
                completed => f.completed.map(cn_date),
            },
        };
        self.render(
            DocKind::Form,
            "sheet.j2",
            ctx,
            HashMap::from([
                ("identity", identity),
                ("items", items),
                ("signatures", signatures),
            ]),
            false,
        )
    }
}
