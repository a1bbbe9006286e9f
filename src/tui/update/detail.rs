//! The file's detail: items, suggestions, marks, completing the review.

use super::*;

/// Re-reads the open file and its list row after a change.
pub(super) fn reload_detail(app: &mut App, ws: &Workspace) -> Result<()> {
    let Some(d) = &mut app.detail else {
        return Ok(());
    };
    let view = ws.case_view(d.case_no())?;
    let dept = view.case.department.clone();
    let no = view.case.case_no.clone();
    d.reload(view, ws.calendar());
    refresh_row(app, ws, &dept, &no)
}

pub(super) fn refresh_row(app: &mut App, ws: &Workspace, dept: &str, case_no: &str) -> Result<()> {
    let rows = ws.case_rows(Some(dept))?;
    if let Some(r) = rows.into_iter().find(|r| r.case_no == case_no) {
        app.list.update_row(r);
    }
    Ok(())
}

pub(super) fn score_line(d: &DetailState) -> String {
    match &d.view.result {
        Some(r) => format!("当前得分 {}，等次 {}", cjk::num(r.score), r.grade),
        None => "该类案卷没有评分标准".to_string(),
    }
}

pub(super) fn detail_step(app: &mut App, ws: &Workspace, action: Action) -> Result<()> {
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
            app.effects.push(Effect::DecideSuggestion {
                id,
                item,
                confirm,
                reviewer,
            });
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
            let (case_no, item) = (d.case_no().to_string(), it.id.clone());
            let reviewer = app.reviewer_opt().map(str::to_string);
            app.effects.push(Effect::SetMark {
                case_no,
                item,
                mark: m,
                reviewer,
            });
        }
        Action::Complete => complete_key(app),
        Action::AskRemark => ask_remark(app),
        Action::RestoreSuggestion => {
            let Some(f) = d
                .finding()
                .filter(|&f| d.view.findings[f].status == FindingStatus::Dismissed)
            else {
                app.info("请先选中一条已驳回的建议（灰色），再按 z 撤销驳回");
                return Ok(());
            };
            let id = d.view.findings[f].id;
            let item = d.view.findings[f].item.clone();
            let reviewer = app.reviewer_opt().map(str::to_string);
            app.effects
                .push(Effect::RestoreSuggestion { id, item, reviewer });
        }
        Action::NextSuggestion => {
            let n = d.lines.len();
            let pending = |l: &Line| {
                matches!(l, Line::Finding { finding, .. }
                    if d.view.findings[*finding].status == FindingStatus::Suggested)
            };
            match (1..=n)
                .map(|k| (d.sel + k) % n)
                .find(|&p| pending(&d.lines[p]))
            {
                Some(p) => {
                    d.sel = p;
                    d.focus = Pane::Items;
                    app.info("待确认的建议问题：y 确认，n 驳回；s 下一条");
                }
                None => app.info("本案卷没有待确认的建议问题"),
            }
        }
        Action::BulkCompliant(whole) => bulk_compliant(app, whole),
        Action::AskApprove => ask_leader(app, ws, true)?,
        Action::AskReturn => ask_leader(app, ws, false)?,
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
        Action::EditCase => {
            let no = d.case_no().to_string();
            crate::tui::entry::update::open_edit(app, ws, &no)?;
        }
        _ => {}
    }
    Ok(())
}
