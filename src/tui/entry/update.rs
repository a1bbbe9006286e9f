//! Keys in, the form's state out; the draft kept and the file stored are
//! effects the loop performs.

use super::state::{Ask, Cell, EntryState};
use crate::entry::schema::{self, Kind};
use crate::entry::{Draft, parse_date, stage};
use crate::error::Result;
use crate::tui::action::EntryCmd;
use crate::tui::app::{App, Screen};
use crate::tui::update::Effect;
use crate::workspace::{NEW_SLOT, Workspace, edit_slot};
use crossterm::event::KeyEvent;

/// The draft slot remembering the last file's department and officers.
pub(crate) const LAST: &str = "上次录入";

fn with_last(ws: &Workspace, mut d: Draft) -> Result<Draft> {
    if let Some((last, _)) = ws.draft(LAST)? {
        d.set("department", last.get("department"));
        let officers = last.rows("officers").to_vec();
        if !officers.is_empty() {
            *d.rows_mut("officers") = officers;
        }
    }
    Ok(d)
}

fn open(app: &mut App, ws: &Workspace, mut st: EntryState, slot: &str) -> Result<()> {
    st.departments = ws.departments()?;
    if st.editing.is_none() {
        for d in &st.departments {
            if let Some((last, _)) = ws.draft(&format!("{LAST}:{d}"))? {
                st.last_officers
                    .insert(d.clone(), last.rows("officers").to_vec());
            }
        }
        st.offered_officers = st.draft.rows("officers").to_vec();
    }
    if let Some((d, at)) = ws.draft(slot)? {
        st.pending = Some((d, at));
        st.ask = Some(Ask::Resume);
    }
    st.back = app.screen;
    refresh(&mut st, ws)?;
    app.entry = Some(Box::new(st));
    app.screen = Screen::Entry;
    Ok(())
}

/// 新建案卷: the form on a new draft (the last department and officers
/// offered again), or the draft left from before.
pub fn open_new(app: &mut App, ws: &Workspace) -> Result<()> {
    let d = with_last(ws, Draft::new())?;
    open(app, ws, EntryState::new(d, NEW_SLOT.into(), None), NEW_SLOT)
}

/// 修改案卷: the form on a stored file.
pub fn open_edit(app: &mut App, ws: &Workspace, case_no: &str) -> Result<()> {
    let case = ws.stored_case(case_no)?;
    let slot = edit_slot(case_no);
    let st = EntryState::new(Draft::from_case(&case), slot.clone(), Some(case_no.into()));
    open(app, ws, st, &slot)
}

/// Steps through the files that came from a ledger (待录入), one form each.
pub fn open_queue(app: &mut App, ws: &Workspace) -> Result<()> {
    let mut queue = ws.ledger_cases()?;
    if queue.is_empty() {
        app.info("没有待录入的案卷（台账导入、只含台账信息的案卷）");
        return Ok(());
    }
    let first = queue.remove(0);
    open_edit(app, ws, &first)?;
    if let Some(st) = &mut app.entry {
        st.queue = queue;
    }
    Ok(())
}

/// Validation, the checks and the duplicate warning on the draft as it is.
pub fn refresh(st: &mut EntryState, ws: &Workspace) -> Result<()> {
    st.problems = st.draft.validate().err().unwrap_or_default();
    // The checks speak once the timeline has a dated step (an empty form
    // would only be told it has no officers yet).
    st.suggestions = st
        .draft
        .for_checks()
        .filter(|c| !c.events.is_empty())
        .map(|c| ws.check_file(&c))
        .unwrap_or_default();
    let no = st.draft.get("case_no").trim();
    st.duplicate = !no.is_empty() && st.editing.as_deref() != Some(no) && ws.case_exists(no)?;
    Ok(())
}

/// The draft kept in the database as typed.
fn keep_draft(st: &EntryState) -> Effect {
    Effect::SaveDraft {
        slot: st.slot.clone(),
        draft: st.draft.clone(),
    }
}

/// The text a cell keeps when the focus leaves it: the stage completed,
/// the choice picked, the date written out in full.
fn settle(st: &mut EntryState) {
    let c = st.current();
    let typed = st.input.text().trim().to_string();
    if typed.is_empty() {
        return;
    }
    let f = c.field();
    let settled = match f.kind {
        Kind::Stage => stage::complete(&typed)
            .first()
            .filter(|_| !stage::STAGES.iter().any(|(n, _)| *n == typed))
            .map(|s| s.to_string()),
        Kind::Choice(options) => schema::pick(options, &typed).map(str::to_string),
        Kind::Date => parse_date(&typed, st.draft.year()).map(|d| d.format("%Y-%m-%d").to_string()),
        Kind::Bool => match crate::entry::draft::value_of(&typed, Kind::Bool, None) {
            serde_json::Value::Bool(b) => Some(if b { "是" } else { "否" }.to_string()),
            _ => None,
        },
        // A known department starting with the text, else the only one
        // containing it; otherwise the text is a new department.
        _ if f.path == "department" => st
            .departments
            .iter()
            .find(|d| d.starts_with(&typed))
            .or_else(|| {
                let mut hits = st.departments.iter().filter(|d| d.contains(&typed));
                match (hits.next(), hits.next()) {
                    (Some(d), None) => Some(d),
                    _ => None,
                }
            })
            .cloned(),
        _ => None,
    };
    if let Some(s) = settled.filter(|s| *s != typed) {
        st.set_text(c, &s);
        st.changed = true;
    }
    if f.path == "department" {
        offer_officers(st);
    }
}

/// The officers of the department's last file, offered when the officers
/// are still the ones offered on opening (not typed for this file).
fn offer_officers(st: &mut EntryState) {
    let dept = st.draft.get("department").trim().to_string();
    let Some(known) = st.last_officers.get(&dept) else {
        return;
    };
    if st.draft.rows("officers") == st.offered_officers.as_slice() {
        *st.draft.rows_mut("officers") = known.clone();
        st.offered_officers = known.clone();
    }
}

fn focus(st: &mut EntryState, to: usize) {
    let n = st.cells().len();
    st.focus = to.min(n - 1);
    st.load_input();
}

/// Focus on `target`, or on the cell at `otherwise` when there is none.
fn focus_on(st: &mut EntryState, target: Cell, otherwise: usize) {
    let at = st
        .cells()
        .iter()
        .position(|c| *c == target)
        .unwrap_or(otherwise);
    focus(st, at);
}

fn move_by(st: &mut EntryState, delta: isize) {
    settle(st);
    let to = st.focus.saturating_add_signed(delta);
    focus(st, to);
}

/// Up/Down: the same column of the line above/below inside a group, the
/// previous/next cell elsewhere.
fn vertical(st: &mut EntryState, down: bool) {
    if let Cell::Line { group, .. } = st.current() {
        let n = group.cols.len() as isize;
        let to = st.focus as isize + if down { n } else { -n };
        let cells = st.cells();
        if to >= 0
            && let Some(Cell::Line { group: g, .. }) = cells.get(to as usize)
            && g.path == group.path
        {
            settle(st);
            focus(st, to as usize);
            return;
        }
    }
    move_by(st, if down { 1 } else { -1 });
}

/// Enter: inside a group, the next line's first cell (a new line after the
/// last); elsewhere the next cell.
fn enter(st: &mut EntryState) {
    let Cell::Line { group, row, .. } = st.current() else {
        return move_by(st, 1);
    };
    settle(st);
    let rows = st.draft.rows(group.path).len();
    if row + 1 >= rows {
        st.draft
            .rows_mut(group.path)
            .push(vec![String::new(); group.cols.len()]);
    }
    let target = Cell::Line {
        group,
        row: row + 1,
        col: 0,
    };
    focus_on(st, target, st.focus);
}

fn remove_line(st: &mut EntryState) -> bool {
    let Cell::Line { group, row, col } = st.current() else {
        return false;
    };
    let rows = st.draft.rows_mut(group.path);
    if rows.len() > 1 {
        rows.remove(row);
    } else {
        rows[0] = vec![String::new(); group.cols.len()];
    }
    let row = row.min(st.draft.rows(group.path).len() - 1);
    focus_on(st, Cell::Line { group, row, col }, 0);
    true
}

fn insert_line(st: &mut EntryState) -> bool {
    let Cell::Line { group, row, .. } = st.current() else {
        return false;
    };
    settle(st);
    st.draft
        .rows_mut(group.path)
        .insert(row + 1, vec![String::new(); group.cols.len()]);
    let target = Cell::Line {
        group,
        row: row + 1,
        col: 0,
    };
    focus_on(st, target, st.focus);
    true
}

/// PageDown / PageUp: the first cell of the next / previous part.
fn section(st: &mut EntryState, down: bool) {
    settle(st);
    let cells = st.cells();
    let part = |c: &Cell| {
        schema::FORM
            .iter()
            .position(|s| {
                s.blocks.iter().any(|b| match (b, c) {
                    (schema::Block::Field(f), Cell::Field(g)) => f.path == g.path,
                    (schema::Block::Group(g), Cell::Line { group, .. }) => g.path == group.path,
                    _ => false,
                })
            })
            .unwrap_or(0)
    };
    let now = part(&cells[st.focus]);
    let want = if down {
        (now + 1).min(schema::FORM.len() - 1)
    } else {
        now.saturating_sub(1)
    };
    let at = cells
        .iter()
        .position(|c| part(c) == want)
        .unwrap_or(st.focus);
    focus(st, at);
}

fn close(app: &mut App, ws: &Workspace) -> Result<()> {
    let back = app.entry.as_ref().map_or(Screen::List, |s| s.back);
    app.entry = None;
    app.screen = back;
    if app.list.filter.pending_entry.is_some() {
        app.list.filter.pending_entry = Some(ws.ledger_cases()?.into_iter().collect());
    }
    crate::tui::update::replace_list(app, crate::tui::update::load_list(ws)?);
    if back == Screen::Detail {
        crate::tui::update::reload_open_detail(app, ws)?;
    }
    Ok(())
}

fn save(app: &mut App, ws: &Workspace) -> Result<()> {
    let Some(st) = app.entry.as_mut() else {
        return Ok(());
    };
    settle(st);
    refresh(st, ws)?;
    app.effects.push(keep_draft(st));
    let case = match st.draft.validate() {
        Ok((c, _)) => c,
        Err(problems) => {
            let first = problems
                .iter()
                .find_map(|p| p.field.as_deref().and_then(|f| st.cell_of(f)));
            st.problems = problems;
            let missing = st.missing();
            st.message = Some((
                format!(
                    "还不能保存：{} 处需补正——{}",
                    missing.len(),
                    missing.first().cloned().unwrap_or_default()
                ),
                true,
            ));
            if let Some(at) = first {
                focus(st, at);
            }
            return Ok(());
        }
    };
    if let Some(no) = st.editing.as_ref().filter(|no| **no != case.case_no) {
        st.message = Some((
            crate::error::Error::CaseNoChanged(no.clone()).to_string(),
            true,
        ));
        return Ok(());
    }
    let last = st.editing.is_none().then(|| {
        let mut last = Draft::default();
        last.set("department", &case.department);
        *last.rows_mut("officers") = st.draft.rows("officers").to_vec();
        last
    });
    app.effects.push(Effect::SaveCase {
        replace: st.editing.is_some(),
        case: Box::new(case),
        slot: st.slot.clone(),
        last,
    });
    Ok(())
}

/// After the form's file is stored: the form closed, the file selected in
/// the list, and the next file of the 待录入 queue opened.
pub(crate) fn saved(
    app: &mut App,
    ws: &Workspace,
    r: &crate::workspace::EntryReport,
) -> Result<()> {
    let queue = app
        .entry
        .as_mut()
        .map(|st| std::mem::take(&mut st.queue))
        .unwrap_or_default();
    let text = format!(
        "已保存 {}{}：自动程序检查新增建议问题 {}，撤回 {}{}",
        r.case_no,
        if r.changed { "" } else { "（内容未变）" },
        r.checks.added + r.checks.reopened,
        r.checks.removed,
        if r.basis_changed.is_empty() {
            String::new()
        } else {
            format!("；{} 个已确认问题依据已变，请复核", r.basis_changed.len())
        }
    );
    close(app, ws)?;
    if !app.list.select_case(&r.case_no) {
        app.list.select(0);
    }
    if let Some((next, rest)) = queue.split_first() {
        open_edit(app, ws, next)?;
        if let Some(st) = &mut app.entry {
            st.queue = rest.to_vec();
            st.message = Some((format!("{text}；待录入还有 {} 件", rest.len() + 1), false));
        }
    } else {
        app.info(text);
    }
    Ok(())
}

fn answer(app: &mut App, ws: &Workspace, ask: Ask, yes: bool) -> Result<()> {
    let Some(st) = app.entry.as_mut() else {
        return Ok(());
    };
    st.ask = None;
    match (ask, yes) {
        (Ask::Discard, true) => {
            let slot = st.slot.clone();
            app.effects.push(Effect::DiscardDraft { slot });
            close(app, ws)?;
            app.info("已放弃录入，草稿已删除");
        }
        (Ask::Quit, true) => app.quit = true,
        (Ask::Resume, true) => {
            if let Some((d, _)) = st.pending.take() {
                st.draft = d;
                st.changed = true;
                st.focus = 0;
                st.load_input();
                refresh(st, ws)?;
                st.message = Some(("已恢复上次未保存的草稿".into(), false));
            }
        }
        (Ask::Resume, false) => {
            st.pending = None;
            let slot = st.slot.clone();
            app.effects.push(Effect::DiscardDraft { slot });
        }
        (_, false) => {}
    }
    Ok(())
}

/// The answer to the form's question (y / Enter, n / Esc / Ctrl-C).
pub fn answer_ask(app: &mut App, ws: &Workspace, yes: bool) -> Result<()> {
    let Some(ask) = app.entry.as_ref().and_then(|st| st.ask) else {
        return Ok(());
    };
    // Ctrl-C over the help: the help closes so that the question is seen.
    app.help_scroll = None;
    answer(app, ws, ask, yes)
}

/// One command of the form (the key table's rows for it).
pub fn command(app: &mut App, ws: &Workspace, cmd: EntryCmd) -> Result<()> {
    app.help_scroll = None;
    let Some(st) = app.entry.as_mut() else {
        return Ok(());
    };
    st.message = None;
    match cmd {
        EntryCmd::Quit => st.ask = Some(Ask::Quit),
        EntryCmd::Save => return save(app, ws),
        EntryCmd::Leave if st.changed => st.ask = Some(Ask::Discard),
        EntryCmd::Leave => {
            let slot = st.slot.clone();
            app.effects.push(Effect::DiscardDraft { slot });
            return close(app, ws);
        }
        EntryCmd::Next => move_by(st, 1),
        EntryCmd::Prev => move_by(st, -1),
        EntryCmd::Down => vertical(st, true),
        EntryCmd::Up => vertical(st, false),
        EntryCmd::NextPart => section(st, true),
        EntryCmd::PrevPart => section(st, false),
        EntryCmd::Enter => enter(st),
        EntryCmd::RemoveLine => {
            if remove_line(st) {
                st.changed = true;
            }
        }
        EntryCmd::InsertLine => {
            if insert_line(st) {
                st.changed = true;
            }
        }
    }
    after_key(app, ws)
}

/// Any other key: typing into the focused cell.
pub fn key(app: &mut App, ws: &Workspace, k: KeyEvent) -> Result<()> {
    app.help_scroll = None;
    let Some(st) = app.entry.as_mut() else {
        return Ok(());
    };
    if st.ask.is_some() {
        return Ok(());
    }
    st.message = None;
    if st.input.handle_key(&k) {
        let c = st.current();
        let text = st.input.text().to_string();
        if st.text(c) != text {
            st.set_text(c, &text);
            st.changed = true;
        }
    }
    after_key(app, ws)
}

/// After a key: the checks on the draft as it is, and the draft kept once
/// the form was changed.
fn after_key(app: &mut App, ws: &Workspace) -> Result<()> {
    let Some(st) = app.entry.as_mut() else {
        return Ok(());
    };
    refresh(st, ws)?;
    if st.changed {
        app.effects.push(keep_draft(st));
    }
    Ok(())
}

/// Pasted text into the focused cell.
pub fn paste(app: &mut App, ws: &Workspace, s: &str) -> Result<()> {
    let Some(st) = app.entry.as_mut() else {
        return Ok(());
    };
    st.input.insert_str(s);
    let c = st.current();
    let text = st.input.text().to_string();
    st.set_text(c, &text);
    st.changed = true;
    refresh(st, ws)?;
    app.effects.push(keep_draft(st));
    Ok(())
}
