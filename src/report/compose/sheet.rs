//! 评查表: one file's header, checklist with deductions and reasons, score,
//! grade, veto and signature lines.

use super::*;
use crate::report::doc::Cell;

impl Composer<'_> {
    /// 联合署名: one line per reviewer (the first label of
    /// `sheet_signatures`) with the review date, then the approving leader
    /// (the second label) with the approval date; a blank line to sign by
    /// hand where no name is known; further labels as blank lines.
    fn signature_rows(&self, f: &FileReport) -> Vec<Vec<Cell>> {
        let labels = &self.settings.sheet_signatures;
        let line = |label: &str, name: &str, date: Option<NaiveDate>| {
            vec![
                Cell::from(label.to_string()),
                Cell::from(name.to_string()),
                Cell::from("日期"),
                Cell::from(
                    date.map(cn_date)
                        .unwrap_or_else(|| crate::report::doc::template::BLANK_DATE.to_string()),
                ),
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
    pub fn sheet(&self, f: &FileReport) -> Result<Doc, ReportError> {
        let party_id = f.party_id.as_deref().map(|id| {
            if f.party_natural {
                crate::report::mask::mask_id(id)
            } else {
                self.masker.internal(id)
            }
        });
        // The sheet shows reviewers' and officers' names in full; the party's
        // name is masked wherever it appears (title, party, notes).
        let pm = |s: &str| self.public(s);
        let (role, party) = party_of(f);
        let title = pm(f.title.as_deref().unwrap_or(""));
        let identity = Table {
            widths: vec![14, 36, 14, 36],
            rows: [
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
                    role.into(),
                    pm(party),
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
            ]
            .into_iter()
            .map(|r: Vec<String>| r.into_iter().map(Cell::from).collect())
            .collect(),
            small: true,
            grid: true,
            ..Table::default()
        };
        let mut rows = Vec::new();
        for c in &f.categories {
            let cat = match c.earned {
                Some(earned) => Cell(vec![
                    c.name.clone(),
                    format!("（{}分，实得{}分）", score(c.points), score(earned)),
                ]),
                None => Cell::from(c.name.clone()),
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
                            s.push_str(&format!("，扣{}分", score(fd.deduction)));
                        }
                        if fd.award > 0.0 {
                            s.push_str(&format!("，加{}分", score(fd.award)));
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
                    score(it.points)
                };
                let (ded, reason) = if !it.applies {
                    ("—".to_string(), vec!["不适用".to_string()])
                } else {
                    (
                        if it.deducted > 0.0 {
                            score(it.deducted)
                        } else if it.awarded > 0.0 {
                            format!("+{}", score(it.awarded))
                        } else {
                            String::new()
                        },
                        reasons,
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
                rows.push(vec![
                    cat.clone(),
                    Cell::from(text),
                    Cell::from(points),
                    Cell::from(ded),
                    Cell(reason),
                ]);
            }
        }
        rows.push(vec![
            Cell::from("合计"),
            Cell::default(),
            Cell::from(score(f.total)),
            Cell::from(score(f.deducted)),
            Cell::from(match &f.score_note {
                Some(note) => format!("{note}；得分{}分，{}", score(f.score), f.grade),
                None if f.bonus > 0.0 => format!(
                    "加分{}分；得分{}分，{}",
                    score(f.bonus),
                    score(f.score),
                    f.grade
                ),
                None => format!("得分{}分，{}", score(f.score), f.grade),
            }),
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
        let mut ctx = self.base_ctx();
        ctx.insert(
            "f".into(),
            serde_json::json!({
                "case_no": &f.case_no,
                "department": &f.department,
                "kind": &f.kind,
                "title": &title,
                "party_role": role,
                "party": pm(party),
                "checklist": &f.checklist,
                "total": score(f.total),
                "score": score(f.score),
                "deducted": score(f.deducted),
                "bonus": score(f.bonus),
                "has_bonus": f.bonus > 0.0,
                "score_note": &f.score_note,
                "grade": &f.grade,
                "vetoes": &f.vetoes,
                "reviewers": &f.reviewers,
                "completed": f.completed.map(cn_date),
                "remark": f.remark.as_deref().map(pm),
                "approved_by": &f.approved_by,
                "approved_on": f.approved_on.map(cn_date),
            }),
        );
        self.render(
            DocKind::Form,
            "sheet.j2",
            serde_json::Value::Object(ctx),
            HashMap::from([
                ("identity", identity),
                ("items", items),
                ("signatures", signatures),
            ]),
            HashMap::new(),
            false,
        )
    }
}
