//! `submit`, `approve`, `return`, `remark` and `review-check`: the team's
//! review (复核) from the command line.

use super::output;
use super::output::say;
use crate::error::Result;
use crate::workspace::{ReviewCheck, StepOutcome, Workspace};

fn said(o: &StepOutcome) {
    say!("{}：{}", o.case_no, o.status);
    if !o.warnings.is_empty() {
        eprintln!("已按所写理由提交，以下检查提示仍在：");
        for w in &o.warnings {
            eprintln!("  · {}", w.message);
        }
    }
}

pub fn submit(
    ws: &mut Workspace,
    case_no: &str,
    reviewer: Option<&str>,
    remark: Option<&str>,
    override_reason: Option<&str>,
) -> Result<()> {
    if let Some(r) = remark {
        ws.set_remark(case_no, r, reviewer)?;
    }
    let o = ws.submit(case_no, reviewer, override_reason)?;
    said(&o);
    Ok(())
}

pub fn approve(ws: &mut Workspace, case_no: &str, by: &str, remark: Option<&str>) -> Result<()> {
    let o = ws.approve(case_no, by, remark)?;
    said(&o);
    Ok(())
}

pub fn return_file(ws: &mut Workspace, case_no: &str, by: &str, remark: &str) -> Result<()> {
    let o = ws.return_file(case_no, by, remark)?;
    say!("{}：{}（已退回：{}）", o.case_no, o.status, remark.trim());
    Ok(())
}

pub fn remark(ws: &mut Workspace, case_no: &str, text: &str, reviewer: Option<&str>) -> Result<()> {
    ws.set_remark(case_no, text, reviewer)?;
    if text.trim().is_empty() {
        say!("{case_no}：已清除评查意见");
    } else {
        say!("{case_no}：已记录评查意见");
    }
    Ok(())
}

fn print_check(c: &ReviewCheck) {
    if c.warnings.is_empty() {
        say!("{}（{}）：未发现问题", c.case_no, c.status);
        return;
    }
    say!("{}（{}）：{} 处提示", c.case_no, c.status, c.warnings.len());
    for w in &c.warnings {
        say!("  · {}", w.message);
    }
}

pub fn review_check(ws: &Workspace, case_no: Option<&str>, json: bool) -> Result<()> {
    let checks = match case_no {
        Some(no) => vec![ws.review_check(no)?],
        None => ws.review_checks()?,
    };
    if json {
        return output::json(&checks);
    }
    if checks.is_empty() {
        say!("评查中、待复核的案卷均未发现问题");
    }
    for c in &checks {
        print_check(c);
    }
    Ok(())
}
