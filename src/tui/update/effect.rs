//! What an update asks for outside the state, as values: every write to the
//! database and every document written. The loop (or [`crate::tui::handle`])
//! performs them with [`perform`], which then brings the state up to date
//! (the open file re-read, the status line). Nothing else in the TUI writes.

use super::*;
use crate::entry::Draft;
use crate::model::CaseFile;
use chrono::NaiveDate;
use std::path::PathBuf;
use uuid::Uuid;

/// A problem saved from the form: a new one, or changes to one.
#[derive(Debug, Clone, PartialEq)]
pub enum FindingSave {
    Add(NewFinding),
    Edit { id: Uuid, patch: FindingPatch },
}

/// What an update asks the loop to do outside the state.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Write every document of the batch into `out`, dated `today`.
    /// `issue`: issue them (文号 from the register, follow-up registered);
    /// otherwise drafts that record nothing.
    WriteDocuments {
        out: PathBuf,
        today: NaiveDate,
        issue: bool,
    },
    /// Save the problem form: `item` and `amount` (as typed) for the
    /// message; `award`: the amount is points awarded; `reviewer` is
    /// remembered once saved.
    SaveFinding {
        save: FindingSave,
        item: String,
        amount: f64,
        award: bool,
        reviewer: String,
    },
    RemoveFinding {
        id: Uuid,
    },
    /// Confirm (`confirm`) or dismiss a suggestion of item `item`.
    DecideSuggestion {
        id: Uuid,
        item: String,
        confirm: bool,
        reviewer: Option<String>,
    },
    RestoreSuggestion {
        id: Uuid,
        item: String,
        reviewer: Option<String>,
    },
    /// Mark one item of the file (then on to the next item).
    SetMark {
        case_no: String,
        item: String,
        mark: ItemMark,
        reviewer: Option<String>,
    },
    /// Mark the items 符合.
    MarkCompliant {
        case_no: String,
        items: Vec<String>,
        reviewer: Option<String>,
    },
    /// Submit the file (complete it when the batch has no leaders);
    /// `reason`: why the quality checks' warnings are overridden.
    Submit {
        case_no: String,
        reviewer: Option<String>,
        reason: Option<String>,
    },
    /// Reopen a completed or submitted file.
    Reopen {
        case_no: String,
        reviewer: Option<String>,
    },
    /// Remember the reviewer's name in the database.
    RememberReviewer {
        name: String,
    },
    /// Record the 评查意见 (empty: cleared).
    SetRemark {
        case_no: String,
        remark: String,
        reviewer: Option<String>,
    },
    Approve {
        case_no: String,
        by: String,
        remark: String,
    },
    Return {
        case_no: String,
        by: String,
        remark: String,
    },
    /// Keep the entry form's draft as typed.
    SaveDraft {
        slot: String,
        draft: Draft,
    },
    DiscardDraft {
        slot: String,
    },
    /// Store the entry form's file (`replace`: a correction of a stored
    /// file), its draft `slot` dropped; `last`: the department and officers
    /// remembered for the next new file.
    SaveCase {
        case: Box<CaseFile>,
        replace: bool,
        slot: String,
        last: Option<Draft>,
    },
}

/// Performs an effect, reporting the outcome on the status line.
pub fn perform(app: &mut App, ws: &mut Workspace, effect: Effect) {
    if let Err(e) = run(app, ws, effect) {
        app.error(e.to_string());
    }
    let changes = ws.changes();
    if changes != app.precomputed.latest {
        app.precomputed.start(changes);
    }
}

fn run(app: &mut App, ws: &mut Workspace, effect: Effect) -> Result<()> {
    match effect {
        Effect::WriteDocuments { out, today, issue } => {
            write_documents(app, ws, out, today, issue)?
        }
        Effect::SaveFinding {
            save,
            item,
            amount,
            award,
            reviewer,
        } => {
            let res = match save {
                FindingSave::Add(new) => ws.add_finding(new).map(|f| ("已登记问题", f.id)),
                FindingSave::Edit { id, patch } => {
                    ws.edit_finding(&id, patch).map(|f| ("已修改问题", f.id))
                }
            };
            match res {
                Err(e) => {
                    // The form stays open with the reason.
                    if let Some(Popup::Form(f)) = &mut app.popup {
                        f.error = Some(e.to_string());
                    }
                }
                Ok((what, id)) => {
                    app.reviewer = reviewer;
                    app.popup = None;
                    reload_detail(app, ws)?;
                    let Some(d) = app.detail.as_mut() else {
                        return Ok(());
                    };
                    d.select_finding(id);
                    let amount = d
                        .view
                        .findings
                        .iter()
                        .find(|x| x.id == id)
                        .map_or(amount, |x| x.deduction);
                    let verb = if award { "加" } else { "扣" };
                    let msg = format!(
                        "{what} {item}：{verb} {} 分；{}",
                        cjk::num(amount),
                        score_line(d)
                    );
                    app.info(msg);
                }
            }
        }
        Effect::RemoveFinding { id } => {
            ws.remove_finding(&id)?;
            reload_detail(app, ws)?;
            app.info("已删除问题");
        }
        Effect::DecideSuggestion {
            id,
            item,
            confirm,
            reviewer,
        } => {
            if confirm {
                ws.confirm(&id, reviewer.as_deref())?;
            } else {
                ws.dismiss(&id, reviewer.as_deref())?;
            }
            reload_detail(app, ws)?;
            let what = if confirm {
                "已确认建议问题"
            } else {
                "已驳回建议问题"
            };
            let score = app.detail.as_ref().map(score_line).unwrap_or_default();
            app.info(format!("{what} {item}；{score}"));
        }
        Effect::RestoreSuggestion { id, item, reviewer } => {
            ws.restore_suggestion(&id, reviewer.as_deref())?;
            reload_detail(app, ws)?;
            app.info(format!(
                "已撤销驳回：{item} 的建议恢复为待确认（y 确认，n 驳回）"
            ));
        }
        Effect::SetMark {
            case_no,
            item,
            mark,
            reviewer,
        } => {
            ws.set_mark(&case_no, &item, mark, reviewer.as_deref())?;
            reload_detail(app, ws)?;
            if let Some(d) = &mut app.detail
                && mark != ItemMark::Unchecked
            {
                // On to the next item: marking is the common case.
                let next =
                    (d.sel + 1..d.lines.len()).find(|&l| matches!(d.lines[l], Line::Item(_)));
                if let Some(n) = next {
                    d.sel = n;
                }
            }
            app.info(format!("{item}：{mark}"));
        }
        Effect::MarkCompliant {
            case_no,
            items,
            reviewer,
        } => {
            ws.set_marks(&case_no, &items, ItemMark::Compliant, reviewer.as_deref())?;
            reload_detail(app, ws)?;
            app.info(format!("已将 {} 个未查项目标为符合", items.len()));
        }
        Effect::Submit {
            case_no,
            reviewer,
            reason,
        } => {
            let status =
                ws.complete_with(&case_no, false, reviewer.as_deref(), reason.as_deref())?;
            reload_detail(app, ws)?;
            submitted(app, &case_no, status);
        }
        Effect::Reopen { case_no, reviewer } => {
            ws.complete(&case_no, true, reviewer.as_deref())?;
            reload_detail(app, ws)?;
            app.info(format!("已重新打开：{case_no}（评查中）"));
        }
        Effect::RememberReviewer { name } => {
            ws.set_setting(REVIEWER_SETTING, &name)?;
            app.reviewer = name;
            app.info(format!(
                "评查人：{}（已记住，下次打开仍用；按 i 切换）",
                app.reviewer
            ));
        }
        Effect::SetRemark {
            case_no,
            remark,
            reviewer,
        } => {
            ws.set_remark(&case_no, &remark, reviewer.as_deref())?;
            reload_detail(app, ws)?;
            app.info(if remark.is_empty() {
                "已清除评查意见"
            } else {
                "已记录评查意见"
            });
        }
        Effect::Approve {
            case_no,
            by,
            remark,
        } => {
            ws.approve(&case_no, &by, Some(&remark))?;
            reload_detail(app, ws)?;
            app.info(format!("已复核通过：{case_no}（已完成，计入合格率和文书）"));
        }
        Effect::Return {
            case_no,
            by,
            remark,
        } => {
            ws.return_file(&case_no, &by, &remark)?;
            reload_detail(app, ws)?;
            app.info(format!(
                "已退回：{case_no}（回到评查中，退回意见：{remark}）"
            ));
        }
        Effect::SaveDraft { slot, draft } => ws.save_draft(&slot, &draft)?,
        Effect::DiscardDraft { slot } => ws.discard_draft(&slot)?,
        Effect::SaveCase {
            case,
            replace,
            slot,
            last,
        } => {
            let source = std::path::Path::new("录入表");
            let result = if replace {
                ws.replace_case(&case, source, Some(&slot))
            } else {
                ws.create_case(&case, source, Some(&slot))
            };
            match result {
                Err(e) => {
                    if let Some(st) = app.entry.as_mut() {
                        st.message = Some((e.to_string(), true));
                    }
                }
                Ok(r) => {
                    if let Some(last) = last {
                        ws.save_draft(crate::tui::entry::update::LAST, &last)?;
                        ws.save_draft(
                            &format!("{}:{}", crate::tui::entry::update::LAST, case.department),
                            &last,
                        )?;
                    }
                    crate::tui::entry::update::saved(app, ws, &r)?;
                }
            }
        }
    }
    Ok(())
}

/// After a submit: back to the list, on to the next file not done.
fn submitted(app: &mut App, no: &str, status: ReviewStatus) {
    let score = app.detail.as_ref().map(score_line).unwrap_or_default();
    app.detail = None;
    app.screen = Screen::List;
    app.list.select_case(no);
    let done = if status == ReviewStatus::PendingReview {
        format!("已提交复核：{no}（{score}），等待组长复核")
    } else {
        format!("已完成评查：{no}（{score}）")
    };
    match app.list.next_unreviewed() {
        Some(p) => {
            app.list.select(p);
            app.info(format!("{done}。已移到下一件未完成的案卷，按 Enter 打开"));
        }
        None => app.info(format!("{done}。列表中的案卷都已完成")),
    }
}

/// Writes every document of the batch into 评查文书/ beside the database
/// (issued, or as drafts), then refreshes the summary.
fn write_documents(
    app: &mut App,
    ws: &mut Workspace,
    out: PathBuf,
    today: NaiveDate,
    issue: bool,
) -> Result<()> {
    let opts = crate::workspace::Options {
        out: out.clone(),
        departments: Vec::new(),
        formats: crate::workspace::Formats::default(),
        today,
    };
    let mode = crate::workspace::RunMode {
        issue,
        draft: !issue,
    };
    let done = ws.write_documents(&opts, None, mode, &|_, _| {})?;
    app.summary = Some(ws.summary()?);
    app.info(format!(
        "已{} {} 个文书（评查表 {}，建议书 {}）到 {}；{}",
        if issue {
            "印发"
        } else {
            "生成征求意见稿"
        },
        done.written.len(),
        done.count("评查表"),
        done.count("评查建议书"),
        out.display(),
        if issue {
            format!("登记整改跟踪 {} 份", done.notices_recorded)
        } else {
            "未登记".to_string()
        }
    ));
    Ok(())
}
