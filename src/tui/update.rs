//! The update step: an action in, the state changed. Writes go through the
//! workspace (the same library calls as the command line), each committed at
//! once; errors become the status line's message, never a panic.

use super::action::Action;
use super::app::{App, ConfirmState, PickOption, PickerState, Popup, Screen};
use super::detail_model::{DetailState, Line, Pane};
use super::form::{self, Choice, FormState, Outcome};
use super::list_model::{CaseList, Column};
use super::widgets::cjk;
use crate::error::Result;
use crate::model::{FindingStatus, ItemMark, ReviewStatus};
use crate::store::FindingPatch;
use crate::workspace::{NewFinding, Workspace};

/// Loads the case list of the workspace's batch.
pub fn load_list(ws: &Workspace) -> Result<CaseList> {
    Ok(CaseList::new(ws.store().db().case_rows(ws.batch(), None)?))
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

pub fn update(app: &mut App, ws: &mut Workspace, action: Action) {
    if !is_navigation(&action) {
        app.message = None;
    }
    if let Err(e) = step(app, ws, action) {
        app.error(e.to_string());
    }
}

fn page_height(app: &App) -> isize {
    let h = match app.screen {
        Screen::List => app.ui.list_body.get().height,
        Screen::Detail => app.ui.items_area.get().height,
        Screen::Summary => app.ui.screen.get().height.saturating_sub(4),
    };
    h.max(1) as isize
}

fn step(app: &mut App, ws: &mut Workspace, action: Action) -> Result<()> {
    if app.help.is_some() {
        return help_step(app, action);
    }
    match action {
        Action::Quit => app.quit = true,
        Action::Help => app.help = Some(0),
        Action::Resize => {}
        Action::Paste(s) => paste(app, &s),
        Action::PickerKey(k) => {
            if let Some(Popup::Picker(p)) = &mut app.popup
                && p.query.handle_key(&k)
            {
                p.requery();
            }
        }
        Action::PickerChoose => choose_filter(app),
        Action::FormKey(k) => form_key(app, ws, k)?,
        Action::Yes => {
            if let Some(Popup::Confirm(c)) = app.popup.take() {
                return step(app, ws, c.yes);
            }
        }
        Action::No => app.popup = None,
        Action::DoDelete(id) => {
            ws.remove_finding(&id)?;
            reload_detail(app, ws)?;
            app.info("已删除问题");
        }
        Action::DoComplete => complete(app, ws)?,
        Action::DoReopen => {
            let Some(d) = &app.detail else { return Ok(()) };
            let no = d.case_no().to_string();
            ws.complete(&no, true, app.reviewer_opt())?;
            reload_detail(app, ws)?;
            app.info(format!("已重新打开：{no}（评查中）"));
        }
        Action::Click { col, row } => click(app, ws, col, row)?,
        Action::Wheel { col, row, down } => wheel(app, col, row, down),
        a if app.popup.is_some() => popup_step(app, a),
        a => match app.screen {
            Screen::List => list_step(app, ws, a)?,
            Screen::Detail => detail_step(app, ws, a)?,
            Screen::Summary => summary_step(app, ws, a)?,
        },
    }
    Ok(())
}

fn help_step(app: &mut App, action: Action) -> Result<()> {
    let max = app.ui.help_max.get();
    let s = app.help.unwrap_or(0);
    app.help = match action {
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
        Some(Popup::Confirm(_)) => {}
        None if app.screen == Screen::List => {
            app.searching = true;
            app.search.insert_str(s);
            app.list.set_query(app.search.text());
        }
        None => {}
    }
}

fn choose_filter(app: &mut App) {
    let Some(Popup::Picker(p)) = app.popup.take() else {
        return;
    };
    let Some(opt) = p.current().cloned() else {
        return;
    };
    let mut f = app.list.filter.clone();
    // Choosing the active condition again removes it.
    let opt = if opt.active(&f) {
        match opt {
            PickOption::Status(_) => PickOption::Status(None),
            PickOption::Grade(_) => PickOption::Grade(None),
            PickOption::Department(_) => PickOption::Department(None),
            o => o,
        }
    } else {
        opt
    };
    opt.apply(&mut f);
    app.list.set_filter(f);
    app.info(format!("{}（显示 {} 件）", opt.label(), app.list.len()));
}

fn list_step(app: &mut App, ws: &mut Workspace, action: Action) -> Result<()> {
    let page = page_height(app);
    let l = &mut app.list;
    match action {
        Action::Back => {}
        Action::Move(d) => l.move_by(d),
        Action::Page(d) => l.move_by(d * page),
        Action::Top => l.select(0),
        Action::Bottom => l.select(usize::MAX),
        Action::Open => open_current(app, ws)?,
        Action::Refresh => {
            replace_list(app, load_list(ws)?);
            app.info("已重新读取案卷列表");
        }
        Action::SearchStart => {
            app.searching = true;
            app.search.set(&app.list.query.clone());
        }
        Action::SearchKey(k) if app.search.handle_key(&k) => {
            let q = app.search.text().to_string();
            app.list.set_query(&q);
        }
        Action::SearchAccept => app.searching = false,
        Action::SearchCancel => {
            app.searching = false;
            app.search.clear();
            app.list.set_query("");
        }
        Action::FilterOpen => {
            app.popup = Some(Popup::Picker(PickerState::new(&app.list.departments)));
        }
        Action::ClearFilters if !app.list.filter.is_empty() || !app.list.query.is_empty() => {
            app.search.clear();
            app.list.set_query("");
            app.list.set_filter(Default::default());
            app.info("已清除搜索和筛选");
        }
        Action::Sort(c) => sort(app, c),
        Action::SortNext => {
            let next = match app.list.sort {
                None => Column::CaseNo,
                Some((c, _)) => {
                    let i = Column::ALL.iter().position(|x| *x == c).unwrap_or(0);
                    Column::ALL[(i + 1) % Column::ALL.len()]
                }
            };
            sort(app, next);
        }
        Action::NextUnreviewed => match app.list.next_unreviewed() {
            Some(p) => app.list.select(p),
            None => app.info("列表中没有未完成评查的案卷"),
        },
        Action::ShowSummary => {
            app.summary = Some(ws.summary()?);
            app.summary_scroll = 0;
            app.screen = Screen::Summary;
        }
        _ => {}
    }
    Ok(())
}

/// Puts a freshly read list in place, keeping the sort, filter, search and
/// selected file of the old one.
pub fn replace_list(app: &mut App, mut fresh: CaseList) {
    let cur = app.list.current().map(|r| r.case_no.clone());
    if let Some((c, desc)) = app.list.sort {
        fresh.sort_by(c);
        if desc {
            fresh.sort_by(c);
        }
    }
    fresh.set_filter(app.list.filter.clone());
    fresh.set_query(&app.list.query.clone());
    if let Some(c) = cur {
        fresh.select_case(&c);
    }
    app.list = fresh;
}

/// Takes the background-read list when it has arrived.
pub fn poll_loader(app: &mut App) {
    let Some((_, rx)) = &app.loading else { return };
    match rx.try_recv() {
        Ok(Ok(list)) => {
            app.loading = None;
            replace_list(app, list);
        }
        Ok(Err(e)) => {
            app.loading = None;
            app.error(format!("读取案卷列表失败：{e}"));
        }
        Err(std::sync::mpsc::TryRecvError::Empty) => {}
        Err(std::sync::mpsc::TryRecvError::Disconnected) => {
            app.loading = None;
            app.error("读取案卷列表失败");
        }
    }
}

fn sort(app: &mut App, c: Column) {
    app.list.sort_by(c);
    let desc = app.list.sort.is_some_and(|(_, d)| d);
    app.info(format!(
        "按“{}”{}排序",
        c.label(),
        if desc { "倒序" } else { "顺序" }
    ));
}

fn open_current(app: &mut App, ws: &Workspace) -> Result<()> {
    let Some(row) = app.list.current() else {
        app.info("列表为空：没有可打开的案卷");
        return Ok(());
    };
    let view = ws.case_view(&row.case_no)?;
    app.detail = Some(DetailState::new(view, ws.calendar()));
    app.screen = Screen::Detail;
    app.ui.items_offset.set(0);
    Ok(())
}

fn summary_step(app: &mut App, ws: &mut Workspace, action: Action) -> Result<()> {
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
        _ => {}
    }
    Ok(())
}

/// Re-reads the open file and its list row after a change.
fn reload_detail(app: &mut App, ws: &Workspace) -> Result<()> {
    let Some(d) = &mut app.detail else {
        return Ok(());
    };
    let view = ws.case_view(d.case_no())?;
    let dept = view.case.department.clone();
    let no = view.case.case_no.clone();
    d.reload(view, ws.calendar());
    refresh_row(app, ws, &dept, &no)
}

fn refresh_row(app: &mut App, ws: &Workspace, dept: &str, case_no: &str) -> Result<()> {
    let rows = ws.store().db().case_rows(ws.batch(), Some(dept))?;
    if let Some(r) = rows.into_iter().find(|r| r.case_no == case_no) {
        app.list.update_row(r);
    }
    Ok(())
}

fn score_line(d: &DetailState) -> String {
    match &d.view.result {
        Some(r) => format!("当前得分 {}，等次 {}", cjk::num(r.score), r.grade),
        None => "该类案卷没有评分标准".to_string(),
    }
}

fn detail_step(app: &mut App, ws: &mut Workspace, action: Action) -> Result<()> {
    let page = page_height(app);
    let Some(d) = &mut app.detail else {
        app.screen = Screen::List;
        return Ok(());
    };
    let info_max = app.ui.info_max.get();
    match action {
        Action::Back => {
            let no = d.case_no().to_string();
            app.list.select_case(&no);
            app.screen = Screen::List;
            app.detail = None;
        }
        Action::SwitchPane => {
            d.focus = match d.focus {
                Pane::Info => Pane::Items,
                Pane::Items => Pane::Info,
            }
        }
        Action::ScrollInfo(n) => {
            d.info_scroll = d.info_scroll.saturating_add_signed(n).min(info_max)
        }
        Action::Move(n) | Action::Page(n) => {
            let n = if matches!(action, Action::Page(_)) {
                n * page
            } else {
                n
            };
            match d.focus {
                Pane::Items => d.move_by(n),
                Pane::Info => d.info_scroll = d.info_scroll.saturating_add_signed(n).min(info_max),
            }
        }
        Action::Top => match d.focus {
            Pane::Items => d.move_by(isize::MIN / 2),
            Pane::Info => d.info_scroll = 0,
        },
        Action::Bottom => match d.focus {
            Pane::Items => d.move_by(isize::MAX / 2),
            Pane::Info => d.info_scroll = info_max,
        },
        Action::Open => match d.lines.get(d.sel) {
            Some(Line::Finding { .. }) => open_form(app, ws, true)?,
            Some(Line::Item(_)) => open_form(app, ws, false)?,
            _ => {}
        },
        Action::AddFinding => open_form(app, ws, false)?,
        Action::EditFinding => {
            if d.finding().is_some() {
                open_form(app, ws, true)?;
            } else {
                app.info("请先选中一条问题（项目下方缩进的行），再按 e 修改");
            }
        }
        Action::DeleteFinding => match d.finding() {
            Some(f) => {
                let f = &d.view.findings[f];
                app.popup = Some(Popup::Confirm(ConfirmState {
                    title: "删除问题".into(),
                    text: format!(
                        "确定删除 {} 的这条问题（扣 {} 分）吗？删除后不能恢复。\n{}",
                        f.item,
                        cjk::num(f.deduction),
                        f.note
                    ),
                    yes: Action::DoDelete(f.id),
                }));
            }
            None => app.info("请先选中一条问题，再按 d 删除"),
        },
        Action::ConfirmSuggestion | Action::DismissSuggestion => {
            let confirm = action == Action::ConfirmSuggestion;
            let target = d.suggestion().or_else(|| {
                let item = d.item()?;
                d.view.items[item]
                    .findings
                    .iter()
                    .copied()
                    .find(|&f| d.view.findings[f].status == FindingStatus::Suggested)
            });
            let Some(f) = target else {
                app.info("这里没有待确认的建议问题（建议问题标为“建议”）");
                return Ok(());
            };
            let id = d.view.findings[f].id;
            let item = d.view.findings[f].item.clone();
            let reviewer = app.reviewer_opt().map(str::to_string);
            if confirm {
                ws.confirm(&id, reviewer.as_deref())?;
            } else {
                ws.dismiss(&id, reviewer.as_deref())?;
            }
            reload_detail(app, ws)?;
            let d = app.detail.as_ref().expect("detail is open");
            let what = if confirm {
                "已确认建议问题"
            } else {
                "已驳回建议问题"
            };
            app.info(format!("{what} {item}；{}", score_line(d)));
        }
        Action::Mark(m) => {
            let Some(i) = d.item() else { return Ok(()) };
            let it = &d.view.items[i];
            if it.state == ItemMark::Problem && m != ItemMark::Unchecked {
                let msg = format!(
                    "{} 已登记问题，不能标为“{}”；如无问题请先删除该问题",
                    it.id, m
                );
                app.error(msg);
                return Ok(());
            }
            let (no, id) = (d.case_no().to_string(), it.id.clone());
            ws.set_mark(&no, &id, m, app.reviewer_opt())?;
            reload_detail(app, ws)?;
            if let Some(d) = &mut app.detail
                && m != ItemMark::Unchecked
            {
                // On to the next item: marking is the common case.
                let next =
                    (d.sel + 1..d.lines.len()).find(|&l| matches!(d.lines[l], Line::Item(_)));
                if let Some(n) = next {
                    d.sel = n;
                }
            }
            app.info(format!("{id}：{m}"));
        }
        Action::Complete => {
            if d.view.status == ReviewStatus::Completed {
                app.popup = Some(Popup::Confirm(ConfirmState {
                    title: "重新打开".into(),
                    text: format!("{} 已完成评查。重新打开以便修改吗？", d.case_no()),
                    yes: Action::DoReopen,
                }));
            } else if d.pending() > 0 {
                app.popup = Some(Popup::Confirm(ConfirmState {
                    title: "完成评查".into(),
                    text: format!(
                        "尚有 {} 条建议问题未处理（y 确认 / n 驳回），未处理的建议不扣分。\n仍要完成评查吗？",
                        d.pending()
                    ),
                    yes: Action::DoComplete,
                }));
            } else {
                complete(app, ws)?;
            }
        }
        Action::Sibling(n) => {
            let no = d.case_no().to_string();
            app.list.select_case(&no);
            app.list.move_by(n);
            if app.list.current().is_some_and(|r| r.case_no != no) {
                open_current(app, ws)?;
            }
        }
        Action::Refresh => {
            reload_detail(app, ws)?;
            app.info("已重新读取");
        }
        _ => {}
    }
    Ok(())
}

fn complete(app: &mut App, ws: &mut Workspace) -> Result<()> {
    let Some(d) = &app.detail else { return Ok(()) };
    let no = d.case_no().to_string();
    ws.complete(&no, false, app.reviewer_opt())?;
    reload_detail(app, ws)?;
    let score = app.detail.as_ref().map(score_line).unwrap_or_default();
    app.detail = None;
    app.screen = Screen::List;
    app.list.select_case(&no);
    let next = app.list.next_unreviewed();
    match next {
        Some(p) => {
            app.list.select(p);
            app.info(format!(
                "已完成评查：{no}（{score}）。已移到下一件未完成的案卷，按 Enter 打开"
            ));
        }
        None => app.info(format!("已完成评查：{no}（{score}）。列表中的案卷都已完成")),
    }
    Ok(())
}

fn open_form(app: &mut App, ws: &Workspace, edit: bool) -> Result<()> {
    let Some(d) = &app.detail else { return Ok(()) };
    if d.view.status == ReviewStatus::Completed {
        app.error("该案卷已完成评查；按 c 重新打开后才能登记或修改问题");
        return Ok(());
    }
    let checklist = ws.checklist_for(&d.view.case)?;
    let choices: Vec<Choice> = d
        .view
        .items
        .iter()
        .filter(|i| i.applies)
        .map(|i| Choice {
            id: i.id.clone(),
            category: i.category.clone(),
            text: i.text.clone(),
            max: checklist
                .item(&i.id)
                .map_or(i.points, |it| checklist.max_deduction_for(it)),
            veto: i.veto,
        })
        .collect();
    let item = d.item().map(|i| d.view.items[i].id.clone());
    let state = if edit {
        let Some(fi) = d.finding() else { return Ok(()) };
        let f = &d.view.findings[fi];
        FormState::new(form::Init {
            case_no: d.case_no().to_string(),
            editing: Some(f.id),
            choices,
            item: Some(&f.item),
            note: &f.note,
            deduction: Some(f.deduction),
            page: f.page.as_deref().unwrap_or(""),
            reviewer: f.reviewer.as_deref().unwrap_or(&app.reviewer),
        })
    } else {
        FormState::new(form::Init {
            case_no: d.case_no().to_string(),
            editing: None,
            choices,
            item: item.as_deref(),
            note: "",
            deduction: None,
            page: "",
            reviewer: &app.reviewer,
        })
    };
    app.popup = Some(Popup::Form(Box::new(state)));
    Ok(())
}

fn form_key(app: &mut App, ws: &mut Workspace, k: crossterm::event::KeyEvent) -> Result<()> {
    let Some(Popup::Form(f)) = &mut app.popup else {
        return Ok(());
    };
    match f.key(k) {
        Outcome::Nothing => {}
        Outcome::Cancel => {
            app.popup = None;
            app.info("已放弃，未保存");
        }
        Outcome::Save => {
            let Some(filled) = f.validate() else {
                return Ok(());
            };
            let reviewer = (!filled.reviewer.is_empty()).then(|| filled.reviewer.clone());
            let res = match f.editing {
                None => ws
                    .add_finding(NewFinding {
                        case_no: f.case_no.clone(),
                        item: filled.item.clone(),
                        deduction: Some(filled.deduction),
                        note: filled.note.clone(),
                        page: filled.page.clone(),
                        reviewer: reviewer.clone(),
                    })
                    .map(|f| ("已登记问题", f.id)),
                Some(id) => ws
                    .edit_finding(
                        &id,
                        FindingPatch {
                            item: Some(filled.item.clone()),
                            deduction: Some(filled.deduction),
                            note: Some(filled.note.clone()),
                            page: Some(filled.page.clone()),
                            reviewer: Some(reviewer.clone()),
                            status: None,
                        },
                    )
                    .map(|f| ("已修改问题", f.id)),
            };
            match res {
                Err(e) => f.error = Some(e.to_string()),
                Ok((what, id)) => {
                    app.reviewer = filled.reviewer.clone();
                    app.popup = None;
                    reload_detail(app, ws)?;
                    let d = app.detail.as_mut().expect("detail is open");
                    d.select_finding(id);
                    let msg = format!(
                        "{what} {}：扣 {} 分；{}",
                        filled.item,
                        cjk::num(filled.deduction),
                        score_line(d)
                    );
                    app.info(msg);
                }
            }
        }
    }
    Ok(())
}

fn click(app: &mut App, ws: &mut Workspace, col: u16, row: u16) -> Result<()> {
    let inside = |r: ratatui::layout::Rect| {
        col >= r.x && col < r.x + r.width && row >= r.y && row < r.y + r.height
    };
    if app.help.is_some() {
        return Ok(());
    }
    if let Some(Popup::Picker(p)) = &mut app.popup {
        let area = app.ui.picker_area.get();
        if inside(area) {
            let pos = (row - area.y) as usize;
            if pos < p.shown.len() {
                p.sel = pos;
                choose_filter(app);
            }
        }
        return Ok(());
    }
    if app.popup.is_some() {
        return Ok(());
    }
    match app.screen {
        Screen::List => {
            if inside(app.ui.list_header.get()) {
                let hit = app
                    .ui
                    .list_columns
                    .borrow()
                    .iter()
                    .find(|(a, b, _)| col >= *a && col < *b)
                    .map(|c| c.2);
                if let Some(c) = hit {
                    sort(app, c);
                }
            } else if inside(app.ui.list_body.get()) {
                let body = app.ui.list_body.get();
                let pos = app.ui.list_offset.get() + (row - body.y) as usize;
                if pos < app.list.len() {
                    if pos == app.list.selected {
                        open_current(app, ws)?;
                    } else {
                        app.list.select(pos);
                    }
                }
            }
        }
        Screen::Detail => {
            let Some(d) = &mut app.detail else {
                return Ok(());
            };
            let items = app.ui.items_area.get();
            if inside(items) {
                d.focus = Pane::Items;
                d.select_line(app.ui.items_offset.get() + (row - items.y) as usize);
            } else if inside(app.ui.info_area.get()) {
                d.focus = Pane::Info;
            }
        }
        Screen::Summary => {}
    }
    Ok(())
}

fn wheel(app: &mut App, col: u16, row: u16, down: bool) {
    let n: isize = if down { 3 } else { -3 };
    let inside = |r: ratatui::layout::Rect| {
        col >= r.x && col < r.x + r.width && row >= r.y && row < r.y + r.height
    };
    if let Some(h) = app.help {
        app.help = Some(h.saturating_add_signed(n).min(app.ui.help_max.get()));
        return;
    }
    match &mut app.popup {
        Some(Popup::Picker(p)) => {
            p.sel = p
                .sel
                .saturating_add_signed(n.signum())
                .min(p.shown.len().saturating_sub(1));
            return;
        }
        Some(_) => return,
        None => {}
    }
    match app.screen {
        Screen::List => app.list.move_by(n),
        Screen::Summary => {
            app.summary_scroll = app
                .summary_scroll
                .saturating_add_signed(n)
                .min(app.ui.summary_max.get())
        }
        Screen::Detail => {
            let info = app.ui.info_area.get();
            if let Some(d) = &mut app.detail {
                if inside(info) {
                    d.info_scroll = d
                        .info_scroll
                        .saturating_add_signed(n)
                        .min(app.ui.info_max.get());
                } else {
                    d.move_by(n.signum());
                }
            }
        }
    }
}
