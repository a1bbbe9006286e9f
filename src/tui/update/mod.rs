//! The update step: an action in, the state changed, and what must happen
//! outside returned as [`Effect`] values: every write (through the
//! workspace, the same library calls as the command line) is one, performed
//! by the loop with [`perform`]. The update reads the workspace and never
//! writes it; errors become the status line's message, never a panic.

use super::action::Action;
use super::app::{App, ConfirmState, PickOption, PickerState, Popup, Screen};
use super::detail_model::{DetailState, Line, Pane};
use super::form::{self, Choice, FormState, Outcome};
use super::list_model::{CaseList, Column};
use super::widgets::cjk;
use crate::error::Result;
use crate::model::{FindingStatus, ItemMark, ReviewStatus};
use crate::workspace::{FindingPatch, NewFinding, Workspace};

mod detail;
mod effect;
mod form_keys;
mod list;
mod mouse;
mod precompute;
mod team;

use detail::*;
pub use effect::{Effect, FindingSave, perform};
use form_keys::*;
pub use list::*;
use mouse::*;
pub use precompute::Precomputed;
pub use team::REVIEWER_SETTING;
use team::*;

/// Re-reads the open file (after the entry form changed it).
pub fn reload_open_detail(app: &mut App, ws: &Workspace) -> Result<()> {
    reload_detail(app, ws)
}

/// Loads the case list of the workspace's batch.
pub fn load_list(ws: &Workspace) -> Result<CaseList> {
    Ok(CaseList::new(ws.case_rows(None)?))
}

fn is_navigation(a: &Action) -> bool {
    matches!(
        a,
        Action::Move(_)
            | Action::Page(_)
            | Action::Top
            | Action::Bottom
            | Action::Resize
            | Action::Wheel { .. }
            | Action::ScrollInfo(_)
    )
}

/// Applies an action to the state; returns the effects to perform, in
/// order. The workspace is only read here.
pub fn update(app: &mut App, ws: &Workspace, action: Action) -> Vec<Effect> {
    if !is_navigation(&action) {
        app.message = None;
    }
    if let Err(e) = step(app, ws, action) {
        app.error(e.to_string());
    }
    std::mem::take(&mut app.effects)
}

fn page_height(app: &App) -> isize {
    let h = match app.screen {
        Screen::List => app.ui.list_body.get().height,
        Screen::Detail => app.ui.items_area.get().height,
        Screen::Summary | Screen::Entry => app.ui.screen.get().height.saturating_sub(4),
    };
    h.max(1) as isize
}

fn step(app: &mut App, ws: &Workspace, action: Action) -> Result<()> {
    // The entry form's keys arrive under its help too (Ctrl keys).
    if app.screen == Screen::Entry && app.popup.is_none() {
        match action {
            Action::Entry(c) => return super::entry::update::command(app, ws, c),
            Action::EntryKey(k) => return super::entry::update::key(app, ws, k),
            Action::Yes | Action::No => {
                return super::entry::update::answer_ask(app, ws, action == Action::Yes);
            }
            _ => {}
        }
    }
    if app.help_scroll.is_some() {
        return help_step(app, action);
    }
    match action {
        Action::Quit => app.quit = true,
        Action::Help => app.help_scroll = Some(0),
        Action::Resize => {}
        Action::Paste(s) if app.screen != Screen::Entry => paste(app, &s),
        Action::PickerKey(k) => {
            if let Some(Popup::Picker(p)) = &mut app.popup
                && p.query.handle_key(&k)
            {
                p.requery();
            }
        }
        Action::PickerChoose => choose_filter(app),
        Action::FormKey(k) => form_key(app, k),
        Action::EntryKey(k) => super::entry::update::key(app, ws, k)?,
        Action::Entry(c) => super::entry::update::command(app, ws, c)?,
        Action::Paste(s) if app.screen == Screen::Entry => {
            super::entry::update::paste(app, ws, &s)?
        }
        Action::Yes => {
            if let Some(Popup::Confirm(c)) = app.popup.take() {
                return step(app, ws, c.yes);
            }
        }
        Action::No => app.popup = None,
        Action::DoDelete(id) => app.effects.push(Effect::RemoveFinding { id }),
        Action::DoComplete => submit(app, None),
        Action::PromptKey(k) => {
            if let Some(Popup::Prompt(p)) = &mut app.popup {
                p.input.handle_key(&k);
            }
        }
        Action::PromptAccept => prompt_accept(app),
        Action::AskReviewer => ask_reviewer(app, None),
        Action::DoBulkCompliant(items) => do_bulk_compliant(app, items),
        Action::DoWriteDocuments { issue } => {
            let out = ws
                .data_dir()
                .parent()
                .map(|p| p.join("评查文书"))
                .unwrap_or_else(|| "评查文书".into());
            app.effects.push(Effect::WriteDocuments {
                out,
                today: app.today,
                issue,
            });
        }
        Action::DoReopen => {
            let Some(d) = &app.detail else { return Ok(()) };
            let case_no = d.case_no().to_string();
            let reviewer = app.reviewer_opt().map(str::to_string);
            app.effects.push(Effect::Reopen { case_no, reviewer });
        }
        Action::Click { col, row } => click(app, ws, col, row)?,
        Action::Wheel { col, row, down } => wheel(app, col, row, down),
        a if app.popup.is_some() => popup_step(app, a),
        a => match app.screen {
            Screen::List => list_step(app, ws, a)?,
            Screen::Detail => detail_step(app, ws, a)?,
            Screen::Summary => summary_step(app, ws, a)?,
            Screen::Entry => {}
        },
    }
    Ok(())
}

fn help_step(app: &mut App, action: Action) -> Result<()> {
    let max = app.ui.help_max.get();
    let s = app.help_scroll.unwrap_or(0);
    app.help_scroll = match action {
        Action::Back | Action::Help => None,
        Action::Quit => {
            app.quit = true;
            None
        }
        Action::Move(d) | Action::Page(d) => Some(s.saturating_add_signed(d).min(max)),
        Action::Wheel { down, .. } => Some(if down {
            (s + 3).min(max)
        } else {
            s.saturating_sub(3)
        }),
        Action::Top => Some(0),
        Action::Bottom => Some(max),
        _ => Some(s),
    };
    Ok(())
}

fn popup_step(app: &mut App, action: Action) {
    if let Some(Popup::Picker(p)) = &mut app.popup {
        let n = p.shown.len();
        match action {
            Action::Back => app.popup = None,
            Action::Move(d) => p.sel = p.sel.saturating_add_signed(d).min(n.saturating_sub(1)),
            Action::Page(d) => p.sel = p.sel.saturating_add_signed(d * 8).min(n.saturating_sub(1)),
            _ => {}
        }
    } else if matches!(action, Action::Back) {
        app.popup = None;
    }
}

fn paste(app: &mut App, s: &str) {
    match &mut app.popup {
        Some(Popup::Form(f)) => f.paste(s),
        Some(Popup::Picker(p)) => {
            p.query.insert_str(s);
            p.requery();
        }
        Some(Popup::Prompt(p)) => p.input.insert_str(s),
        Some(Popup::Confirm(_)) => {}
        None if app.screen == Screen::List => {
            app.searching = true;
            app.search.insert_str(s);
            app.list.set_query(app.search.text());
        }
        None => {}
    }
}

fn summary_step(app: &mut App, ws: &Workspace, action: Action) -> Result<()> {
    let max = app.ui.summary_max.get();
    let page = page_height(app);
    let s = &mut app.summary_scroll;
    match action {
        Action::Back => app.screen = Screen::List,
        Action::Move(d) => *s = s.saturating_add_signed(d).min(max),
        Action::Page(d) => *s = s.saturating_add_signed(d * page).min(max),
        Action::Top => *s = 0,
        Action::Bottom => *s = max,
        Action::Refresh => {
            app.summary = Some(ws.summary()?);
            app.info("已重新统计");
        }
        Action::WriteDocuments => confirm_documents(app),
        _ => {}
    }
    Ok(())
}

/// The summary's `w`: asks first, saying what will be recorded. A
/// finished review is issued (文号 from the register, the follow-up
/// registered); an unfinished one can only be written as drafts.
fn confirm_documents(app: &mut App) {
    let (unfinished, suggested) = app.summary.as_ref().map_or((0, 0), |s| {
        ((s.files - s.reviewed).max(0), s.suggested.max(0))
    });
    let (text, issue) = if unfinished > 0 || suggested > 0 {
        (
            format!(
                "评查尚未结束（{unfinished} 件案卷未完成评查，{suggested} 条建议问题待处理），不能印发。\n生成征求意见稿到数据库旁的 评查文书/ 吗？草稿不编文号、不登记整改跟踪。"
            ),
            false,
        )
    } else {
        (
            "印发本批次文书到数据库旁的 评查文书/：\n从发文登记取文号、署今天的成文日期，并为有问题的部门登记整改跟踪（已登记的由新文号替代）。\n印发吗？"
                .to_string(),
            true,
        )
    };
    app.popup = Some(Popup::Confirm(ConfirmState {
        title: if issue {
            "印发文书"
        } else {
            "生成征求意见稿"
        }
        .into(),
        text,
        yes: Action::DoWriteDocuments { issue },
    }));
}
