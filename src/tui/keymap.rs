//! Terminal events → actions, per screen; and the key lists that `?` and the
//! status line show (one table, so help never disagrees with the keys).

use super::action::Action;
use super::app::{App, Popup, Screen};
use super::list_model::Column;
use crate::model::ItemMark;
use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};

/// The action for a terminal event, if any.
pub fn action(app: &App, ev: Event) -> Option<Action> {
    match ev {
        Event::Key(k) if k.kind != KeyEventKind::Release => key(app, k),
        Event::Key(_) => None,
        Event::Paste(s) => Some(Action::Paste(s)),
        Event::Resize(..) => Some(Action::Resize),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => Some(Action::Wheel {
                col: m.column,
                row: m.row,
                down: m.kind == MouseEventKind::ScrollDown,
            }),
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                col: m.column,
                row: m.row,
            }),
            _ => None,
        },
        _ => None,
    }
}

fn movement(k: &KeyEvent) -> Option<Action> {
    let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
    Some(match k.code {
        KeyCode::Down => Action::Move(1),
        KeyCode::Up => Action::Move(-1),
        KeyCode::Char('j') if !ctrl => Action::Move(1),
        KeyCode::Char('k') if !ctrl => Action::Move(-1),
        KeyCode::PageDown => Action::Page(1),
        KeyCode::PageUp => Action::Page(-1),
        KeyCode::Char('d' | 'f') if ctrl => Action::Page(1),
        KeyCode::Char('u' | 'b') if ctrl => Action::Page(-1),
        KeyCode::Home | KeyCode::Char('g') => Action::Top,
        KeyCode::End | KeyCode::Char('G') => Action::Bottom,
        _ => return None,
    })
}

fn key(app: &App, k: KeyEvent) -> Option<Action> {
    let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
    if app.screen == Screen::Entry && (app.help_scroll.is_none() || ctrl) {
        return Some(Action::EntryKey(k));
    }
    if ctrl && k.code == KeyCode::Char('c') {
        return Some(Action::Quit);
    }
    if app.help_scroll.is_some() {
        return match k.code {
            KeyCode::Esc | KeyCode::Char('q' | '?') | KeyCode::Enter | KeyCode::F(1) => {
                Some(Action::Back)
            }
            _ => movement(&k),
        };
    }
    if k.code == KeyCode::F(1) {
        return Some(Action::Help);
    }
    match &app.popup {
        Some(Popup::Form(_)) => return Some(Action::FormKey(k)),
        Some(Popup::Confirm(_)) => {
            return match k.code {
                KeyCode::Char('y' | 'Y') | KeyCode::Enter => Some(Action::Yes),
                KeyCode::Char('n' | 'N' | 'q') | KeyCode::Esc => Some(Action::No),
                _ => None,
            };
        }
        Some(Popup::Picker(_)) => {
            return match k.code {
                KeyCode::Esc => Some(Action::Back),
                KeyCode::Enter => Some(Action::PickerChoose),
                KeyCode::Up => Some(Action::Move(-1)),
                KeyCode::Down => Some(Action::Move(1)),
                KeyCode::Char('p') if ctrl => Some(Action::Move(-1)),
                KeyCode::Char('n') if ctrl => Some(Action::Move(1)),
                KeyCode::PageDown => Some(Action::Page(1)),
                KeyCode::PageUp => Some(Action::Page(-1)),
                _ => Some(Action::PickerKey(k)),
            };
        }
        None => {}
    }
    if app.screen == Screen::List && app.searching {
        return match k.code {
            KeyCode::Enter => Some(Action::SearchAccept),
            KeyCode::Esc => Some(Action::SearchCancel),
            KeyCode::Up | KeyCode::Down | KeyCode::PageUp | KeyCode::PageDown => movement(&k),
            _ => Some(Action::SearchKey(k)),
        };
    }
    if k.code == KeyCode::Char('?') {
        return Some(Action::Help);
    }
    match app.screen {
        Screen::List => Some(match k.code {
            KeyCode::Char('q') => Action::Quit,
            KeyCode::Esc => Action::ClearFilters,
            KeyCode::Enter | KeyCode::Right | KeyCode::Char('l') => Action::Open,
            KeyCode::Char('/') => Action::SearchStart,
            KeyCode::Char('f') if !ctrl => Action::FilterOpen,
            KeyCode::Char(c @ '1'..='8') => Action::Sort(Column::ALL[c as usize - '1' as usize]),
            KeyCode::Char('s') => Action::SortNext,
            KeyCode::Char('n') => Action::NextUnreviewed,
            KeyCode::Tab | KeyCode::Char('t') => Action::ShowSummary,
            KeyCode::Char('r') => Action::Refresh,
            KeyCode::Char('N') => Action::NewCase,
            KeyCode::Char('E') => Action::LedgerQueue,
            _ => return movement(&k),
        }),
        Screen::Detail => Some(match k.code {
            KeyCode::Char('q') | KeyCode::Esc | KeyCode::Left | KeyCode::Char('h') => Action::Back,
            KeyCode::Tab | KeyCode::BackTab => Action::SwitchPane,
            KeyCode::Char('J') => Action::ScrollInfo(3),
            KeyCode::Char('K') => Action::ScrollInfo(-3),
            KeyCode::Enter => Action::Open,
            KeyCode::Char('a') => Action::AddFinding,
            KeyCode::Char('e') => Action::EditFinding,
            KeyCode::Char('d') if !ctrl => Action::DeleteFinding,
            KeyCode::Delete => Action::DeleteFinding,
            KeyCode::Char('y') => Action::ConfirmSuggestion,
            KeyCode::Char('n') => Action::DismissSuggestion,
            KeyCode::Char('o') => Action::Mark(ItemMark::Compliant),
            KeyCode::Char('b') if !ctrl => Action::Mark(ItemMark::NotApplicable),
            KeyCode::Char('u') if !ctrl => Action::Mark(ItemMark::Unchecked),
            KeyCode::Char('c') => Action::Complete,
            KeyCode::Char('[') => Action::Sibling(-1),
            KeyCode::Char(']') => Action::Sibling(1),
            KeyCode::Char('r') => Action::Refresh,
            KeyCode::Char('M') => Action::EditCase,
            _ => return movement(&k),
        }),
        Screen::Entry => None,
        Screen::Summary => Some(match k.code {
            KeyCode::Char('q') | KeyCode::Esc | KeyCode::Tab | KeyCode::Char('t') => Action::Back,
            KeyCode::Char('r') => Action::Refresh,
            KeyCode::Char('w') => Action::WriteDocuments,
            _ => return movement(&k),
        }),
    }
}

/// (keys, what they do) for `?`, for the current screen or popup.
pub fn help(app: &App) -> (&'static str, Vec<(&'static str, &'static str)>) {
    const MOVE: (&str, &str) = ("j k / ↑ ↓", "上下移动");
    const PAGE: (&str, &str) = ("PgUp PgDn / Ctrl-U Ctrl-D", "翻页");
    const ENDS: (&str, &str) = ("g G / Home End", "到开头 / 到末尾");
    match &app.popup {
        Some(Popup::Form(_)) => {
            return (
                "登记问题",
                vec![
                    ("Tab / Shift-Tab", "下一栏 / 上一栏"),
                    ("评查项目栏：输入文字", "按编号或内容模糊查找项目"),
                    ("评查项目栏：↑ ↓", "选择项目（扣分随之改为该项分值）"),
                    ("问题描述栏：Enter", "换行（可直接粘贴多行文字）"),
                    ("扣分栏：+ - / ← →", "以 0.5 分增减（不超过该项分值）"),
                    ("Ctrl-S", "保存（立即写入数据库）"),
                    ("评查人栏：Enter", "保存"),
                    ("Esc", "放弃，不保存"),
                ],
            );
        }
        Some(Popup::Picker(_)) => {
            return (
                "筛选",
                vec![
                    ("输入文字", "查找筛选条件"),
                    ("↑ ↓", "选择"),
                    ("Enter", "应用（再次选择同一条件可取消）"),
                    ("Esc", "关闭"),
                ],
            );
        }
        _ => {}
    }
    match app.screen {
        Screen::List => (
            "案卷列表",
            vec![
                MOVE,
                PAGE,
                ENDS,
                ("Enter / l / →", "打开案卷详情"),
                (
                    "/",
                    "搜索案号、当事人、案由（模糊匹配；Enter 保留，Esc 清除）",
                ),
                ("f", "按部门、状态、等次筛选"),
                ("1-8", "按第 1-8 列排序（再按一次倒序）"),
                ("s", "换下一列排序"),
                ("n", "跳到下一件未完成的案卷"),
                ("Esc", "清除搜索和筛选"),
                ("Tab / t", "评查汇总"),
                ("N", "新建案卷：录入纸质案卷（录入时即运行自动程序检查）"),
                ("E", "逐件补录待录入案卷（台账导入、只含台账信息的案卷）"),
                ("r", "重新读取"),
                ("鼠标", "滚轮滚动，单击选中，再次单击打开；单击表头排序"),
                ("?", "本帮助"),
                ("q / Ctrl-C", "退出"),
            ],
        ),
        Screen::Detail => (
            "案卷详情",
            vec![
                MOVE,
                ("Tab", "切换左侧案卷信息 / 右侧评查项目"),
                ("J K", "滚动左侧案卷信息"),
                ("a / 项目上 Enter", "登记问题"),
                ("e / 问题上 Enter", "修改问题"),
                ("d / Delete", "删除问题（先确认）"),
                ("y", "确认自动发现的建议问题"),
                ("n", "驳回自动发现的建议问题"),
                ("o", "标记该项 符合"),
                ("b", "标记该项 不适用"),
                ("u", "撤销标记（未查）"),
                ("c", "完成评查 / 重新打开"),
                ("[ ]", "上一件 / 下一件案卷"),
                (
                    "M",
                    "修改案卷：改正导入有误的内容（按导入规则校验，记入审计记录，重新检查）",
                ),
                ("q / Esc / ←", "返回案卷列表"),
                ("鼠标", "滚轮滚动，单击选中"),
                ("?", "本帮助"),
            ],
        ),
        Screen::Entry => ("新建 / 修改案卷", super::entry::view::HELP.to_vec()),
        Screen::Summary => (
            "评查汇总",
            vec![
                MOVE,
                PAGE,
                ("r", "重新统计"),
                (
                    "w",
                    "生成全部文书：评查表、评查建议书、整改通知书、评查情况通报（写入数据库旁的“评查文书”文件夹）",
                ),
                ("q / Esc / Tab", "返回案卷列表"),
                ("?", "本帮助"),
            ],
        ),
    }
}

/// The few keys the status line shows.
pub fn hints(app: &App) -> Vec<(&'static str, &'static str)> {
    if app.help_scroll.is_some() {
        return vec![("j k", "滚动"), ("Esc", "关闭帮助")];
    }
    match &app.popup {
        Some(Popup::Form(_)) => {
            return vec![
                ("Tab", "下一栏"),
                ("Ctrl-S", "保存"),
                ("Esc", "放弃"),
                ("F1", "帮助"),
            ];
        }
        Some(Popup::Picker(_)) => return vec![("↑↓", "选择"), ("Enter", "应用"), ("Esc", "关闭")],
        Some(Popup::Confirm(_)) => return vec![("y", "是"), ("n", "否")],
        None => {}
    }
    match app.screen {
        Screen::List if app.searching => {
            vec![("Enter", "完成搜索"), ("Esc", "清除搜索"), ("↑↓", "移动")]
        }
        Screen::List => vec![
            ("Enter", "打开"),
            ("/", "搜索"),
            ("f", "筛选"),
            ("1-8", "排序"),
            ("n", "下一未评"),
            ("Tab", "汇总"),
            ("N", "新建案卷"),
            ("?", "帮助"),
            ("q", "退出"),
        ],
        Screen::Detail => vec![
            ("a", "登记问题"),
            ("y/n", "确认/驳回建议"),
            ("o/b", "符合/不适用"),
            ("c", "完成评查"),
            ("M", "修改案卷"),
            ("Tab", "切换"),
            ("?", "帮助"),
            ("q", "返回"),
        ],
        Screen::Entry => vec![
            ("Tab", "下一栏"),
            ("Enter", "下一行"),
            ("Ctrl-S", "保存"),
            ("Esc", "放弃"),
            ("?", "帮助"),
        ],
        Screen::Summary => vec![
            ("j k", "滚动"),
            ("r", "刷新"),
            ("w", "生成文书"),
            ("?", "帮助"),
            ("q", "返回"),
        ],
    }
}
