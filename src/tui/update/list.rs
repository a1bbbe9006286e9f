//! The case list: moving, filtering, sorting, searching, opening a file.

use super::*;

pub(super) fn choose_filter(app: &mut App) {
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
            PickOption::Pending(_) => PickOption::Pending(false),
            PickOption::PendingEntry(_) => PickOption::PendingEntry(None),
            o => o,
        }
    } else {
        opt
    };
    opt.apply(&mut f);
    app.list.set_filter(f);
    app.info(format!("{}（显示 {} 件）", opt.label(), app.list.len()));
}

pub(super) fn list_step(app: &mut App, ws: &Workspace, action: Action) -> Result<()> {
    let page = page_height(app);
    let l = &mut app.list;
    match action {
        Action::Back => {}
        Action::Move(d) => l.move_by(d),
        Action::Page(d) => l.move_by(d * page),
        Action::Top => l.select(0),
        Action::Bottom => l.select(usize::MAX),
        Action::Open => open_current(app, ws)?,
        Action::NewCase => crate::tui::entry::update::open_new(app, ws)?,
        Action::LedgerQueue => crate::tui::entry::update::open_queue(app, ws)?,
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
            app.popup = Some(Popup::Picker(PickerState::with_pending(
                &app.list.departments,
                ws.ledger_cases()?,
            )));
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
        Action::ReviewQueue => review_queue(app),
        Action::PendingFilter => {
            let mut f = app.list.filter.clone();
            f.pending = !f.pending;
            app.list.set_filter(f);
            if app.list.filter.pending {
                app.info(format!(
                    "只看有待确认建议的案卷（{} 件）；再按 p 取消",
                    app.list.len()
                ));
            } else {
                app.info("已显示全部案卷（不限建议）");
            }
        }
        Action::ShowSummary => {
            app.summary = Some(app.precomputed.take(ws)?);
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
    let Some(crate::tui::app::Loading { rx, .. }) = &app.loading else {
        return;
    };
    match rx.try_recv() {
        Ok(Ok(list)) => {
            app.loading = None;
            replace_list(app, list);
            app.precomputed.start_latest();
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

pub(super) fn sort(app: &mut App, c: Column) {
    app.list.sort_by(c);
    let desc = app.list.sort.is_some_and(|(_, d)| d);
    app.info(format!(
        "按“{}”{}排序",
        c.label(),
        if desc { "倒序" } else { "顺序" }
    ));
}

pub(super) fn open_current(app: &mut App, ws: &Workspace) -> Result<()> {
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
