//! The team's review in the terminal: who is reviewing, the 评查意见,
//! submitting after the quality checks, a leader's approval or return, and
//! the 待复核 queue.

use super::*;
use crate::model::workflow::{self, ReviewAction, ReviewState};
use crate::tui::app::{PromptFor, PromptState};
use crate::tui::input::LineInput;
use crate::workspace::quality_warnings;

/// The setting the reviewer's name is remembered under, per database.
pub const REVIEWER_SETTING: &str = "tui.reviewer";

fn prompt(app: &mut App, purpose: PromptFor, title: &str, text: String, value: &str) {
    app.popup = Some(Popup::Prompt(PromptState {
        title: title.to_string(),
        text,
        input: LineInput::new(value),
        purpose,
    }));
}

pub(super) fn ask_reviewer(app: &mut App, why: Option<&str>) {
    let mut text = String::from(
        "请输入您的姓名：之后登记的问题、标记和提交都记在此名下（记在数据库中，下次打开仍用）。",
    );
    if let Some(w) = why {
        text = format!("{w}\n{text}");
    }
    let current = app.reviewer.clone();
    prompt(app, PromptFor::Reviewer, "评查人", text, &current);
}

/// `v`: only the files waiting for 复核, or all files again.
pub(super) fn review_queue(app: &mut App) {
    let mut f = app.list.filter.clone();
    if f.status == Some(ReviewStatus::PendingReview) {
        f.status = None;
        app.list.set_filter(f);
        app.info(format!("已显示全部状态（{} 件）", app.list.len()));
    } else {
        f.status = Some(ReviewStatus::PendingReview);
        app.list.set_filter(f);
        app.info(format!(
            "待复核队列：{} 件等待组长复核；Enter 打开，A 通过，R 退回；再按 v 取消",
            app.list.len()
        ));
    }
}

pub(super) fn ask_remark(app: &mut App) {
    let Some(d) = &app.detail else { return };
    if matches!(
        d.view.status,
        ReviewStatus::Completed | ReviewStatus::PendingReview
    ) {
        app.error(format!(
            "该案卷{}，不能修改评查意见；按 c 重新打开后再改",
            d.view.status
        ));
        return;
    }
    let current = d.view.team.remark.clone().unwrap_or_default();
    prompt(
        app,
        PromptFor::Remark,
        "评查意见",
        "对本案卷的总体评查意见（印在评查表上；留空则清除）：".into(),
        &current,
    );
}

/// Would a leader step by the current name be allowed? The refusal's text if not.
fn leader_refusal(app: &App, ws: &Workspace, action: &ReviewAction) -> Result<Option<String>> {
    let Some(d) = &app.detail else {
        return Ok(None);
    };
    let state = ReviewState {
        status: d.view.status,
        reviewers: d.view.reviewers.clone(),
    };
    Ok(
        workflow::transition(&state, action, app.reviewer_opt(), &ws.team()?)
            .err()
            .map(|r| r.to_string()),
    )
}

pub(super) fn ask_leader(app: &mut App, ws: &Workspace, approve: bool) -> Result<()> {
    if app.reviewer_opt().is_none() {
        ask_reviewer(app, Some("复核须以组长本人的姓名进行。"));
        return Ok(());
    }
    let probe = if approve {
        ReviewAction::Approve { remark: None }
    } else {
        ReviewAction::Return { remark: "-".into() }
    };
    if let Some(why) = leader_refusal(app, ws, &probe)? {
        app.error(format!("{why}（当前评查人：{}；按 i 切换）", app.reviewer));
        return Ok(());
    }
    let no = app
        .detail
        .as_ref()
        .map(|d| d.case_no().to_string())
        .unwrap_or_default();
    if approve {
        prompt(
            app,
            PromptFor::Approve,
            "复核通过",
            format!(
                "以组长“{}”复核通过 {no}。复核意见（可留空）：",
                app.reviewer
            ),
            "",
        );
    } else {
        prompt(
            app,
            PromptFor::Return,
            "退回",
            format!(
                "以组长“{}”退回 {no}，评查人员将看到退回意见。退回意见（必填）：",
                app.reviewer
            ),
            "",
        );
    }
    Ok(())
}

/// `c` on an open file: reopen what is submitted or completed; otherwise
/// the quality checks first, then submit (a reason asked for when they warn).
pub(super) fn complete_key(app: &mut App) {
    let Some(d) = &app.detail else { return };
    let no = d.case_no().to_string();
    match d.view.status {
        ReviewStatus::Completed => {
            app.popup = Some(Popup::Confirm(ConfirmState {
                title: "重新打开".into(),
                text: format!("{no} 已完成评查。重新打开以便修改吗？"),
                yes: Action::DoReopen,
            }));
        }
        ReviewStatus::PendingReview => {
            app.popup = Some(Popup::Confirm(ConfirmState {
                title: "撤回提交".into(),
                text: format!("{no} 已提交复核，正等待组长复核。撤回（回到评查中）以便修改吗？"),
                yes: Action::DoReopen,
            }));
        }
        _ => {
            if app.reviewer_opt().is_none() {
                ask_reviewer(app, Some("提交前请先写明评查人。"));
                return;
            }
            let warnings = quality_warnings(&d.view);
            if warnings.is_empty() {
                app.popup = Some(Popup::Confirm(ConfirmState {
                    title: "提交".into(),
                    text: format!("检查未发现问题。以“{}”提交 {no} 吗？", app.reviewer),
                    yes: Action::DoComplete,
                }));
                return;
            }
            let mut text = format!("提交前检查发现 {} 处问题：", warnings.len());
            for w in &warnings {
                text.push_str("\n· ");
                text.push_str(&w.message);
            }
            text.push_str("\n改正请按 Esc 返回；仍要按现状提交，请写明理由后按 Enter。");
            prompt(app, PromptFor::OverrideReason, "提交前检查", text, "");
        }
    }
}

pub(super) fn prompt_accept(app: &mut App) {
    let Some(Popup::Prompt(p)) = &app.popup else {
        return;
    };
    let value = p.input.text().trim().to_string();
    let purpose = p.purpose.clone();
    let needs_text = matches!(
        purpose,
        PromptFor::Return | PromptFor::OverrideReason | PromptFor::Reviewer
    );
    if needs_text && value.is_empty() {
        app.error(match purpose {
            PromptFor::Return => "退回须写明退回意见",
            PromptFor::Reviewer => "姓名不能为空",
            _ => "请写明按现状提交的理由，或按 Esc 返回改正",
        });
        return;
    }
    app.popup = None;
    let no = app.detail.as_ref().map(|d| d.case_no().to_string());
    let effect = match (purpose, no) {
        (PromptFor::Reviewer, _) => Effect::RememberReviewer { name: value },
        (PromptFor::Remark, Some(case_no)) => Effect::SetRemark {
            case_no,
            remark: value,
            reviewer: app.reviewer_opt().map(str::to_string),
        },
        (PromptFor::Approve, Some(case_no)) => Effect::Approve {
            case_no,
            by: app.reviewer.clone(),
            remark: value,
        },
        (PromptFor::Return, Some(case_no)) => Effect::Return {
            case_no,
            by: app.reviewer.clone(),
            remark: value,
        },
        (PromptFor::OverrideReason, Some(_)) => return submit(app, Some(value)),
        (_, None) => return,
    };
    app.effects.push(effect);
}

/// Submits the open file (completes it when the batch has no leaders);
/// once performed, on to the next file not done.
pub(super) fn submit(app: &mut App, reason: Option<String>) {
    let Some(d) = &app.detail else { return };
    let case_no = d.case_no().to_string();
    let reviewer = app.reviewer_opt().map(str::to_string);
    app.effects.push(Effect::Submit {
        case_no,
        reviewer,
        reason,
    });
}

/// `O` / `W`: the items left 未查 of the category (or the file), counted in
/// a confirmation before they are marked 符合.
pub(super) fn bulk_compliant(app: &mut App, whole_file: bool) {
    let Some(d) = &app.detail else { return };
    let category = d.item().map(|i| d.view.items[i].category.clone());
    if !whole_file && category.is_none() {
        app.info("请先选中一个项目，再按 O 把该类别其余未查项目标为符合");
        return;
    }
    let items: Vec<String> = d
        .view
        .items
        .iter()
        .filter(|it| it.applies && it.state == ItemMark::Unchecked)
        .filter(|it| whole_file || Some(&it.category) == category.as_ref())
        .map(|it| it.id.clone())
        .collect();
    let scope = if whole_file {
        "全卷".to_string()
    } else {
        format!("“{}”类别", category.unwrap_or_default())
    };
    if items.is_empty() {
        app.info(format!("{scope}没有未查的项目"));
        return;
    }
    app.popup = Some(Popup::Confirm(ConfirmState {
        title: "批量标为符合".into(),
        text: format!(
            "将{scope}其余 {} 个未查项目（{}）全部标为“符合”吗？",
            items.len(),
            items.join("、")
        ),
        yes: Action::DoBulkCompliant(items),
    }));
}

pub(super) fn do_bulk_compliant(app: &mut App, items: Vec<String>) {
    let Some(d) = &app.detail else { return };
    let case_no = d.case_no().to_string();
    let reviewer = app.reviewer_opt().map(str::to_string);
    app.effects.push(Effect::MarkCompliant {
        case_no,
        items,
        reviewer,
    });
}
