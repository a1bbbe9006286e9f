//! The left pane of the detail screen: metadata, the procedure timeline
//! with its gaps (calendar and working days), documents, recordings, legal
//! review and disclosure — as lines pre-wrapped to the pane's width.

use crate::tui::detail_model::Step;
use crate::tui::theme::Theme;
use crate::tui::widgets::cjk;
use crate::workspace::CaseView;
use ratatui::text::{Line, Span};

fn section(out: &mut Vec<Line<'static>>, title: &str, t: &Theme) {
    if !out.is_empty() {
        out.push(Line::raw(""));
    }
    out.push(Line::styled(title.to_string(), t.header()));
}

/// `label  value`, the value wrapped with a hanging indent.
fn field(out: &mut Vec<Line<'static>>, label: &str, value: &str, width: usize, t: &Theme) {
    let lw = 9;
    let vw = width.saturating_sub(lw).max(4);
    for (i, l) in cjk::wrap(value, vw).into_iter().enumerate() {
        let head = if i == 0 {
            cjk::pad(label, lw)
        } else {
            " ".repeat(lw)
        };
        out.push(Line::from(vec![Span::styled(head, t.dim()), Span::raw(l)]));
    }
}

fn yes_no(b: Option<bool>, yes: &str, no: &str) -> String {
    match b {
        Some(true) => yes.into(),
        Some(false) => no.into(),
        None => String::new(),
    }
}

/// Columns of the gap ("+126天/90工作日" is 15).
const GAP_W: usize = 15;

pub fn gap_text(gap: Option<(i64, Option<i64>)>) -> String {
    match gap {
        None => String::new(),
        Some((d, Some(w))) => format!("+{d}天/{w}工作日"),
        Some((d, None)) => format!("+{d}天"),
    }
}

pub fn info_lines(v: &CaseView, steps: &[Step], width: usize, t: &Theme) -> Vec<Line<'static>> {
    let c = &v.case;
    let mut out = Vec::new();
    section(&mut out, "基本信息", t);
    field(&mut out, "案号", &c.case_no, width, t);
    field(&mut out, "部门", &c.department, width, t);
    let kind = match c.procedure {
        Some(p) => format!("{}（{}）", c.kind, p),
        None => c.kind.to_string(),
    };
    field(&mut out, "类型", &kind, width, t);
    if let Some(title) = &c.title {
        field(&mut out, "案由", title, width, t);
    }
    if let Some(p) = &c.party {
        let mut s = p.name.clone().unwrap_or_default();
        if let Some(ty) = p.party_type {
            s.push_str(&format!("（{ty}）"));
        }
        field(&mut out, "当事人", &s, width, t);
    }
    if !c.officers.is_empty() {
        let s: Vec<String> = c
            .officers
            .iter()
            .map(|o| match &o.cert_no {
                Some(n) => format!("{}（证号 {n}）", o.name),
                None => format!("{}（无证号）", o.name),
            })
            .collect();
        field(&mut out, "执法人员", &s.join("，"), width, t);
    }
    if c.is_major() {
        field(&mut out, "重大决定", "是（需法制审核）", width, t);
    }
    if c.from_ledger() {
        field(&mut out, "来源", crate::model::LEDGER_NOTE, width, t);
    }
    if let Some(d) = &c.decision {
        let mut s = String::new();
        if let Some(date) = d.date {
            s.push_str(&format!("{date} "));
        }
        let m: Vec<&str> = d.measures.iter().map(|m| m.label()).collect();
        s.push_str(&m.join("、"));
        if let Some(f) = d.fine_yuan {
            s.push_str(&format!("；罚款 {} 元", cjk::num(f)));
        }
        if let Some(f) = d.confiscation_yuan {
            s.push_str(&format!("；没收 {} 元", cjk::num(f)));
        }
        if let Some(di) = d.discretion {
            s.push_str(&format!("；裁量 {di}"));
        }
        field(&mut out, "决定", &s, width, t);
        if !d.legal_basis.is_empty() {
            field(&mut out, "依据", &d.legal_basis.join("；"), width, t);
        }
    }
    let status = match &v.reviewer {
        Some(r) => format!("{}（评查人 {r}）", v.status),
        None => v.status.to_string(),
    };
    field(&mut out, "评查状态", &status, width, t);

    section(&mut out, "程序时间线（间隔：自然日/工作日）", t);
    if steps.is_empty() {
        out.push(Line::styled("（案卷未记录程序环节）", t.dim()));
    }
    for s in steps {
        let gap = gap_text(s.gap);
        let mut spans = vec![
            Span::raw(format!("{} ", s.date)),
            Span::styled(cjk::pad(&s.stage, 8), t.title()),
            // Wide enough for "+126天/90工作日", and always a space after.
            Span::styled(format!(" {} ", cjk::pad(&gap, GAP_W)), t.warn()),
        ];
        let used = 11 + 8 + GAP_W + 2;
        let doc = s.doc.clone().unwrap_or_default();
        if width > used + 2 && !doc.is_empty() {
            spans.push(Span::styled(cjk::shorten(&doc, width - used), t.dim()));
        }
        out.push(Line::from(spans));
        if width <= used + 2 && !doc.is_empty() {
            out.push(Line::styled(
                format!("  {}", cjk::truncate(&doc, width.saturating_sub(2))),
                t.dim(),
            ));
        }
        if let Some(n) = &s.note {
            for l in cjk::wrap(n, width.saturating_sub(2)) {
                out.push(Line::styled(format!("  {l}"), t.dim()));
            }
        }
    }

    section(&mut out, "卷内文书", t);
    if c.documents.is_empty() {
        out.push(Line::styled("（无）", t.dim()));
    }
    for d in &c.documents {
        let mut s = d.title.clone();
        if let Some(p) = &d.pages {
            s.push_str(&format!("  第{p}页"));
        }
        if let Some(date) = d.date {
            s.push_str(&format!("  {date}"));
        }
        let sign = [
            yes_no(d.signed, "已签名", "未签名"),
            yes_no(d.sealed, "已盖章", "未盖章"),
        ]
        .into_iter()
        .filter(|x| !x.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
        if !sign.is_empty() {
            s.push_str(&format!("  {sign}"));
        }
        for (i, l) in cjk::wrap(&s, width.saturating_sub(2))
            .into_iter()
            .enumerate()
        {
            out.push(Line::raw(if i == 0 {
                format!("- {l}")
            } else {
                format!("  {l}")
            }));
        }
    }

    section(&mut out, "全过程记录", t);
    if c.recordings.is_empty() {
        out.push(Line::styled("（无）", t.dim()));
    }
    for r in &c.recordings {
        let mut s = format!("{} {}", r.stage, r.medium);
        if let Some(d) = r.duration_s {
            s.push_str(&format!(" {}分钟", (d / 60.0).round()));
        }
        if let Some(f) = &r.file {
            s.push_str(&format!(" {f}"));
        }
        out.push(Line::raw(format!(
            "- {}",
            cjk::truncate(&s, width.saturating_sub(2))
        )));
    }

    section(&mut out, "法制审核", t);
    match &c.legal_review {
        None => out.push(Line::styled(
            if c.is_major() {
                "（未记录：重大执法决定应经法制审核）"
            } else {
                "（无）"
            },
            if c.is_major() { t.error() } else { t.dim() },
        )),
        Some(l) => {
            let mut s = Vec::new();
            if let Some(r) = &l.reviewer {
                s.push(format!("审核人 {r}"));
            }
            if let Some(d) = l.received {
                s.push(format!("收件 {d}"));
            }
            if let Some(d) = l.date {
                s.push(format!("意见 {d}"));
            }
            if let Some(o) = l.opinion {
                s.push(o.to_string());
            }
            if let Some(d) = &l.doc {
                s.push(d.clone());
            }
            for line in cjk::wrap(&s.join("，"), width) {
                out.push(Line::raw(line));
            }
        }
    }

    section(&mut out, "公示", t);
    match &c.disclosure {
        None => out.push(Line::styled("（未记录）", t.dim())),
        Some(d) => {
            let mut s = Vec::new();
            if let Some(date) = d.date {
                s.push(date.to_string());
            }
            if let Some(ch) = &d.channel {
                s.push(ch.clone());
            }
            if let Some(u) = &d.url {
                s.push(u.clone());
            }
            for line in cjk::wrap(&s.join("  "), width) {
                out.push(Line::raw(line));
            }
        }
    }
    out
}
