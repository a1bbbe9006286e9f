//! Terminal events → actions, per screen, from one table of bindings: the
//! dispatch, `?` and the status line's hints all read [`BINDINGS`], so help
//! never disagrees with the keys. A new screen or popup adds a [`Scope`] and
//! its rows.

use super::action::Action;
use super::app::{App, Popup, Screen};
use super::list_model::Column;
use crate::model::ItemMark;
use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every screen and the help overlay (not popups, not the search line).
    Moving,
    List,
    /// The list while the search line is edited.
    Search,
    Detail,
    Summary,
    Help,
    Form,
    Picker,
    Confirm,
    /// A one-line text question (a name, a remark).
    Prompt,
    /// The entry form (新建 / 修改案卷): it takes its own keys
    /// ([`super::entry`]); its rows here are for `?` and the hint bar.
    Entry,
}

impl Scope {
    fn title(self) -> &'static str {
        match self {
            Scope::Moving => "移动",
            Scope::List => "案卷列表",
            Scope::Search => "搜索",
            Scope::Detail => "案卷详情",
            Scope::Summary => "评查汇总",
            Scope::Help => "帮助",
            Scope::Form => "登记问题",
            Scope::Picker => "筛选",
            Scope::Confirm => "确认",
            Scope::Prompt => "输入",
            Scope::Entry => "新建 / 修改案卷",
        }
    }

    /// Does the scope take the movement keys?
    fn moves(self) -> bool {
        matches!(
            self,
            Scope::List | Scope::Detail | Scope::Summary | Scope::Help
        )
    }
}

/// A key pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// A character with no Ctrl (Shift is in the character).
    Ch(char),
    Ctrl(char),
    Code(KeyCode),
}

impl Key {
    fn matches(self, k: &KeyEvent) -> bool {
        let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
        match (self, k.code) {
            (Key::Ch(c), KeyCode::Char(x)) => !ctrl && c == x,
            (Key::Ctrl(c), KeyCode::Char(x)) => ctrl && c == x.to_ascii_lowercase(),
            (Key::Code(c), code) => c == code,
            _ => false,
        }
    }
}

/// One row of the table.
pub struct Binding {
    pub scope: Scope,
    /// The keys that do it (empty: a row of help only, e.g. typing in a field).
    pub keys: &'static [Key],
    /// The keys as help shows them.
    pub shown: &'static str,
    /// What the keys do (`None` for help-only rows).
    pub action: Option<Action>,
    /// The help text.
    pub label: &'static str,
    /// The status line's short text (`None`: not on the status line).
    pub hint: Option<&'static str>,
}

const fn b(
    scope: Scope,
    keys: &'static [Key],
    shown: &'static str,
    action: Action,
    label: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        scope,
        keys,
        shown,
        action: Some(action),
        label,
        hint,
    }
}

/// A hint of a screen that takes its own keys (the entry form).
const fn hint(scope: Scope, shown: &'static str, hint: &'static str) -> Binding {
    Binding {
        scope,
        keys: &[],
        shown,
        action: None,
        label: "",
        hint: Some(hint),
    }
}

const fn doc(scope: Scope, shown: &'static str, label: &'static str) -> Binding {
    Binding {
        scope,
        keys: &[],
        shown,
        action: None,
        label,
        hint: None,
    }
}

use Key::{Ch, Code, Ctrl};
use Scope::*;

const fn sort(i: usize) -> Action {
    Action::Sort(Column::ALL[i])
}

/// Every key of every screen, in the order `?` lists them.
#[rustfmt::skip]
pub static BINDINGS: &[Binding] = &[
    // Moving (also in help).
    b(
        Moving,
        &[Ch('j'), Code(KeyCode::Down)],
        "j k / ↑ ↓",
        Action::Move(1),
        "上下移动",
        None,
    ),
    b(
        Moving,
        &[Ch('k'), Code(KeyCode::Up)],
        "",
        Action::Move(-1),
        "",
        None,
    ),
    b(
        Moving,
        &[Code(KeyCode::PageDown), Ctrl('d'), Ctrl('f')],
        "PgUp PgDn / Ctrl-U Ctrl-D",
        Action::Page(1),
        "翻页",
        None,
    ),
    b(
        Moving,
        &[Code(KeyCode::PageUp), Ctrl('u'), Ctrl('b')],
        "",
        Action::Page(-1),
        "",
        None,
    ),
    b(
        Moving,
        &[Ch('g'), Code(KeyCode::Home)],
        "g G / Home End",
        Action::Top,
        "到开头 / 到末尾",
        None,
    ),
    b(
        Moving,
        &[Ch('G'), Code(KeyCode::End)],
        "",
        Action::Bottom,
        "",
        None,
    ),
    // The case list.
    b(
        List,
        &[Code(KeyCode::Enter), Ch('l'), Code(KeyCode::Right)],
        "Enter / l / →",
        Action::Open,
        "打开案卷详情",
        Some("打开"),
    ),
    b(
        List,
        &[Ch('/')],
        "/",
        Action::SearchStart,
        "搜索案号、当事人、案由（模糊匹配；Enter 保留，Esc 清除）",
        Some("搜索"),
    ),
    b(
        List,
        &[Ch('f')],
        "f",
        Action::FilterOpen,
        "按部门、状态（含待复核）、等次筛选",
        Some("筛选"),
    ),
    b(
        List,
        &[Ch('v')],
        "v",
        Action::ReviewQueue,
        "待复核队列：只看等待组长复核的案卷（再按一次取消）",
        Some("待复核"),
    ),
    b(List, &[Ch('p')], "p", Action::PendingFilter, "只看有待确认建议（+N）的案卷（再按一次取消）", None),
    b(
        List,
        &[Ch('1')],
        "1-8",
        sort(0),
        "按第 1-8 列排序（再按一次倒序；未评的案卷总在最后）",
        Some("排序"),
    ),
    b(List, &[Ch('2')], "", sort(1), "", None),
    b(List, &[Ch('3')], "", sort(2), "", None),
    b(List, &[Ch('4')], "", sort(3), "", None),
    b(List, &[Ch('5')], "", sort(4), "", None),
    b(List, &[Ch('6')], "", sort(5), "", None),
    b(List, &[Ch('7')], "", sort(6), "", None),
    b(List, &[Ch('8')], "", sort(7), "", None),
    b(
        List,
        &[Ch('s')],
        "s",
        Action::SortNext,
        "换下一列排序",
        None,
    ),
    b(
        List,
        &[Ch('n')],
        "n",
        Action::NextUnreviewed,
        "跳到下一件未完成的案卷",
        Some("下一未评"),
    ),
    b(
        List,
        &[Code(KeyCode::Esc)],
        "Esc",
        Action::ClearFilters,
        "清除搜索和筛选",
        None,
    ),
    b(
        List,
        &[Code(KeyCode::Tab), Ch('t')],
        "Tab / t",
        Action::ShowSummary,
        "评查汇总",
        Some("汇总"),
    ),
    b(
        List,
        &[Ch('i')],
        "i",
        Action::AskReviewer,
        "切换评查人（本人姓名，记在数据库中，下次打开仍用）",
        Some("评查人"),
    ),
    b(List, &[Ch('N')], "N", Action::NewCase, "新建案卷：录入纸质案卷（录入时即运行自动程序检查）", Some("新建案卷")),
    b(List, &[Ch('E')], "E", Action::LedgerQueue, "逐件补录待录入案卷（台账导入、只含台账信息的案卷）", None),
    b(List, &[Ch('r')], "r", Action::Refresh, "重新读取", None),
    doc(
        List,
        "列表说明",
        "问题数旁“+N”：有 N 条建议问题待确认（未计入得分，按 p 只看这些案卷）；等次“不合格·否决”（窄窗口为“否决”）：因一票否决项定为不合格，与得分高低无关；状态“已退回”：组长退回待改正",
    ),
    doc(
        List,
        "鼠标",
        "滚轮滚动，单击选中，再次单击打开；单击表头排序",
    ),
    b(
        List,
        &[Ch('?'), Code(KeyCode::F(1))],
        "?",
        Action::Help,
        "本帮助",
        Some("帮助"),
    ),
    b(
        List,
        &[Ch('q'), Ctrl('c')],
        "q / Ctrl-C",
        Action::Quit,
        "退出",
        Some("退出"),
    ),
    // Searching.
    b(
        Search,
        &[Code(KeyCode::Enter)],
        "Enter",
        Action::SearchAccept,
        "完成搜索（保留结果）",
        Some("完成搜索"),
    ),
    b(
        Search,
        &[Code(KeyCode::Esc)],
        "Esc",
        Action::SearchCancel,
        "清除搜索",
        Some("清除搜索"),
    ),
    b(
        Search,
        &[Code(KeyCode::Down)],
        "↑ ↓ / PgUp PgDn",
        Action::Move(1),
        "移动",
        Some("移动"),
    ),
    b(Search, &[Code(KeyCode::Up)], "", Action::Move(-1), "", None),
    b(
        Search,
        &[Code(KeyCode::PageDown)],
        "",
        Action::Page(1),
        "",
        None,
    ),
    b(
        Search,
        &[Code(KeyCode::PageUp)],
        "",
        Action::Page(-1),
        "",
        None,
    ),
    b(
        Search,
        &[Code(KeyCode::F(1))],
        "F1",
        Action::Help,
        "帮助",
        None,
    ),
    b(Search, &[Ctrl('c')], "Ctrl-C", Action::Quit, "退出", None),
    doc(Search, "输入文字", "按案号、当事人、案由模糊查找"),
    // The file's detail.
    b(
        Detail,
        &[Code(KeyCode::Tab), Code(KeyCode::BackTab)],
        "Tab",
        Action::SwitchPane,
        "切换左侧案卷信息 / 右侧评查项目",
        Some("切换"),
    ),
    b(
        Detail,
        &[Ch('J')],
        "J K",
        Action::ScrollInfo(3),
        "滚动左侧案卷信息",
        None,
    ),
    b(Detail, &[Ch('K')], "", Action::ScrollInfo(-3), "", None),
    b(
        Detail,
        &[Code(KeyCode::Enter)],
        "Enter",
        Action::Open,
        "项目上：登记问题；问题上：修改问题",
        None,
    ),
    b(
        Detail,
        &[Ch('a')],
        "a",
        Action::AddFinding,
        "登记问题",
        Some("登记问题"),
    ),
    b(
        Detail,
        &[Ch('e')],
        "e",
        Action::EditFinding,
        "修改问题",
        None,
    ),
    b(
        Detail,
        &[Ch('d'), Code(KeyCode::Delete)],
        "d / Delete",
        Action::DeleteFinding,
        "删除问题（先确认）",
        None,
    ),
    b(
        Detail,
        &[Ch('y')],
        "y",
        Action::ConfirmSuggestion,
        "确认自动发现的建议问题",
        Some("确认/驳回建议"),
    ),
    b(
        Detail,
        &[Ch('n')],
        "n",
        Action::DismissSuggestion,
        "驳回自动发现的建议问题",
        None,
    ),
    b(
        Detail,
        &[Ch('o')],
        "o",
        Action::Mark(ItemMark::Compliant),
        "标记该项 符合",
        Some("符合/不适用"),
    ),
    b(
        Detail,
        &[Ch('b')],
        "b",
        Action::Mark(ItemMark::NotApplicable),
        "标记该项 不适用",
        None,
    ),
    b(
        Detail,
        &[Ch('u')],
        "u",
        Action::Mark(ItemMark::Unchecked),
        "撤销标记（未查）",
        None,
    ),
    b(Detail, &[Ch('z')], "z", Action::RestoreSuggestion, "撤销驳回：已驳回的建议（灰色）恢复为待确认", None),
    b(Detail, &[Ch('s')], "s", Action::NextSuggestion, "跳到下一条待确认的建议问题", None),
    b(Detail, &[Ch('O')], "O", Action::BulkCompliant(false), "本类别其余未查项目全部标为符合（先确认件数）", None),
    b(Detail, &[Ch('W')], "W", Action::BulkCompliant(true), "全卷其余未查项目全部标为符合（先确认件数）", None),
    b(
        Detail,
        &[Ch('m')],
        "m",
        Action::AskRemark,
        "填写评查意见（对案卷的总体意见，印在评查表上）",
        None,
    ),
    b(
        Detail,
        &[Ch('c')],
        "c",
        Action::Complete,
        "提交（先做提交前检查；设组长时交组长复核）/ 重新打开",
        Some("提交"),
    ),
    b(
        Detail,
        &[Ch('A')],
        "A",
        Action::AskApprove,
        "组长：复核通过（可写复核意见）",
        Some("通过"),
    ),
    b(
        Detail,
        &[Ch('R')],
        "R",
        Action::AskReturn,
        "组长：退回评查人员（须写退回意见）",
        Some("退回"),
    ),
    b(
        Detail,
        &[Ch('i')],
        "i",
        Action::AskReviewer,
        "切换评查人（本人姓名）",
        None,
    ),
    b(
        Detail,
        &[Ch('[')],
        "[ ]",
        Action::Sibling(-1),
        "上一件 / 下一件案卷",
        None,
    ),
    b(Detail, &[Ch(']')], "", Action::Sibling(1), "", None),
    b(Detail, &[Ch('M')], "M", Action::EditCase, "修改案卷：改正导入有误的内容（按导入规则校验，记入审计记录，重新检查）", None),
    b(Detail, &[Ch('r')], "r", Action::Refresh, "重新读取", None),
    b(
        Detail,
        &[Ch('q'), Code(KeyCode::Esc), Code(KeyCode::Left), Ch('h')],
        "q / Esc / ← / h",
        Action::Back,
        "返回案卷列表",
        Some("返回"),
    ),
    doc(Detail, "鼠标", "滚轮滚动，单击选中"),
    b(
        Detail,
        &[Ch('?'), Code(KeyCode::F(1))],
        "?",
        Action::Help,
        "本帮助",
        Some("帮助"),
    ),
    b(Detail, &[Ctrl('c')], "Ctrl-C", Action::Quit, "退出", None),
    // The summary.
    b(
        Summary,
        &[Ch('r')],
        "r",
        Action::Refresh,
        "重新统计",
        Some("刷新"),
    ),
    b(
        Summary,
        &[Ch('w')],
        "w",
        Action::WriteDocuments,
        "生成全部文书：评查表、评查建议书、整改通知书、评查情况通报（写入数据库旁的“评查文书”文件夹）",
        Some("生成文书"),
    ),
    b(
        Summary,
        &[Ch('q'), Code(KeyCode::Esc), Code(KeyCode::Tab), Ch('t')],
        "q / Esc / Tab",
        Action::Back,
        "返回案卷列表",
        Some("返回"),
    ),
    b(
        Summary,
        &[Ch('?'), Code(KeyCode::F(1))],
        "?",
        Action::Help,
        "本帮助",
        Some("帮助"),
    ),
    b(Summary, &[Ctrl('c')], "Ctrl-C", Action::Quit, "退出", None),
    // The help overlay.
    b(
        Help,
        &[
            Code(KeyCode::Esc),
            Ch('q'),
            Ch('?'),
            Code(KeyCode::Enter),
            Code(KeyCode::F(1)),
        ],
        "Esc / ?",
        Action::Back,
        "关闭帮助",
        Some("关闭帮助"),
    ),
    b(Help, &[Ctrl('c')], "Ctrl-C", Action::Quit, "退出", None),
    // The problem form.
    b(
        Form,
        &[Code(KeyCode::F(1)), Ch('?')],
        "? / F1",
        Action::Help,
        "本帮助（问题描述中的问号请输入全角“？”）",
        Some("帮助"),
    ),
    b(Form, &[Ctrl('c')], "Ctrl-C", Action::Quit, "退出", None),
    doc(Form, "Tab / Shift-Tab", "下一栏 / 上一栏"),
    doc(Form, "评查项目栏：输入文字", "按编号或内容模糊查找项目"),
    doc(Form, "评查项目栏：↑ ↓", "选择项目（扣分随之改为该项分值）"),
    doc(Form, "问题描述栏：Enter", "换行（可直接粘贴多行文字）"),
    doc(
        Form,
        "扣分栏：+ - / ← →",
        "以 0.5 分增减（不超过该项分值）；也可直接输入数字",
    ),
    doc(Form, "Ctrl-S", "保存（立即写入数据库）"),
    doc(Form, "评查人栏：Enter", "保存"),
    doc(Form, "Esc", "放弃，不保存"),
    // The filter picker.
    b(
        Picker,
        &[Code(KeyCode::Enter)],
        "Enter",
        Action::PickerChoose,
        "应用（再次选择同一条件可取消）",
        Some("应用"),
    ),
    b(
        Picker,
        &[Code(KeyCode::Down), Ctrl('n')],
        "↑ ↓",
        Action::Move(1),
        "选择",
        Some("选择"),
    ),
    b(
        Picker,
        &[Code(KeyCode::Up), Ctrl('p')],
        "",
        Action::Move(-1),
        "",
        None,
    ),
    b(
        Picker,
        &[Code(KeyCode::PageDown)],
        "PgUp PgDn",
        Action::Page(1),
        "翻页",
        None,
    ),
    b(
        Picker,
        &[Code(KeyCode::PageUp)],
        "",
        Action::Page(-1),
        "",
        None,
    ),
    b(
        Picker,
        &[Code(KeyCode::Esc)],
        "Esc",
        Action::Back,
        "关闭",
        Some("关闭"),
    ),
    b(
        Picker,
        &[Code(KeyCode::F(1))],
        "F1",
        Action::Help,
        "本帮助",
        None,
    ),
    b(Picker, &[Ctrl('c')], "Ctrl-C", Action::Quit, "退出", None),
    doc(Picker, "输入文字", "查找筛选条件"),
    // A yes/no question.
    b(
        Confirm,
        &[Ch('y'), Ch('Y'), Code(KeyCode::Enter)],
        "y / Enter",
        Action::Yes,
        "是",
        Some("是"),
    ),
    b(
        Confirm,
        &[Ch('n'), Ch('N'), Ch('q'), Code(KeyCode::Esc)],
        "n / Esc",
        Action::No,
        "否",
        Some("否"),
    ),
    b(
        Confirm,
        &[Code(KeyCode::F(1)), Ch('?')],
        "? / F1",
        Action::Help,
        "本帮助",
        None,
    ),
    b(Confirm, &[Ctrl('c')], "Ctrl-C", Action::Quit, "退出", None),
    // A one-line question.
    b(
        Prompt,
        &[Code(KeyCode::Enter)],
        "Enter",
        Action::PromptAccept,
        "确定",
        Some("确定"),
    ),
    b(
        Prompt,
        &[Code(KeyCode::Esc)],
        "Esc",
        Action::Back,
        "取消",
        Some("取消"),
    ),
    b(
        Prompt,
        &[Code(KeyCode::F(1))],
        "F1",
        Action::Help,
        "本帮助",
        None,
    ),
    b(Prompt, &[Ctrl('c')], "Ctrl-C", Action::Quit, "退出", None),
    doc(Prompt, "输入文字", "← → 移动，Backspace 删除，可粘贴"),
    // The entry form takes its own keys; `?` lists `entry::view::HELP`.
    hint(Entry, "Tab", "下一栏"),
    hint(Entry, "Enter", "下一行"),
    hint(Entry, "Ctrl-S", "保存"),
    hint(Entry, "Esc", "放弃"),
    hint(Entry, "?", "帮助"),
];

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

/// The scope the keys go to now.
pub fn scope(app: &App) -> Scope {
    if app.help_scroll.is_some() {
        return Help;
    }
    match &app.popup {
        Some(Popup::Form(_)) => return Form,
        Some(Popup::Confirm(_)) => return Confirm,
        Some(Popup::Picker(_)) => return Picker,
        Some(Popup::Prompt(_)) => return Prompt,
        None => {}
    }
    match app.screen {
        Screen::List if app.searching => Search,
        Screen::List => List,
        Screen::Detail => Detail,
        Screen::Summary => Summary,
        Screen::Entry => Entry,
    }
}

/// The table's action for a key in a scope (movement included where the
/// scope moves), without the scope's fallback for typing.
pub fn lookup(scope: Scope, k: &KeyEvent) -> Option<Action> {
    let row = |s: Scope| {
        BINDINGS
            .iter()
            .filter(move |b| b.scope == s)
            .find(|b| b.keys.iter().any(|p| p.matches(k)))
            .and_then(|b| b.action.clone())
    };
    row(scope).or_else(|| scope.moves().then(|| row(Moving)).flatten())
}

fn key(app: &App, k: KeyEvent) -> Option<Action> {
    let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
    if app.screen == Screen::Entry && (app.help_scroll.is_none() || ctrl) {
        return Some(Action::EntryKey(k));
    }
    let s = scope(app);
    if let Some(a) = lookup(s, &k) {
        return Some(a);
    }
    // What a scope does with the other keys: typing into its field.
    match s {
        Form => Some(Action::FormKey(k)),
        Picker => Some(Action::PickerKey(k)),
        Search => Some(Action::SearchKey(k)),
        Prompt => Some(Action::PromptKey(k)),
        _ => None,
    }
}

/// One line of `?`: the keys, what they do, and the actions they reach.
pub struct HelpRow {
    pub keys: &'static str,
    pub label: &'static str,
    pub actions: Vec<Action>,
}

/// The rows of `?` for a scope: each binding with keys shown starts a row;
/// the rows after it with no keys shown join it (j and k, 1 to 8).
pub fn help_rows(scope: Scope) -> Vec<HelpRow> {
    let mut rows: Vec<HelpRow> = Vec::new();
    let mut add = |s: Scope| {
        for bd in BINDINGS.iter().filter(|b| b.scope == s) {
            if bd.shown.is_empty() {
                if let (Some(last), Some(a)) = (rows.last_mut(), &bd.action) {
                    last.actions.push(a.clone());
                }
                continue;
            }
            rows.push(HelpRow {
                keys: bd.shown,
                label: bd.label,
                actions: bd.action.iter().cloned().collect(),
            });
        }
    };
    if scope.moves() && scope != Help {
        add(Moving);
    }
    add(scope);
    if scope == Help {
        add(Moving);
    }
    rows
}

/// (title, (keys, what they do)) for `?`: the screen or popup under it.
pub fn help(app: &App) -> (&'static str, Vec<(&'static str, &'static str)>) {
    // `?` describes what is under the help overlay.
    let under = match &app.popup {
        Some(Popup::Form(_)) => Form,
        Some(Popup::Confirm(_)) => Confirm,
        Some(Popup::Picker(_)) => Picker,
        Some(Popup::Prompt(_)) => Prompt,
        None => match app.screen {
            Screen::List if app.searching => Search,
            Screen::List => List,
            Screen::Detail => Detail,
            Screen::Summary => Summary,
            Screen::Entry => Entry,
        },
    };
    if under == Entry {
        return (under.title(), super::entry::view::HELP.to_vec());
    }
    let rows = help_rows(under)
        .into_iter()
        .map(|r| (r.keys, r.label))
        .collect();
    (under.title(), rows)
}

/// The few keys the status line shows.
pub fn hints(app: &App) -> Vec<(&'static str, &'static str)> {
    let s = scope(app);
    let mut out: Vec<(&'static str, &'static str)> = Vec::new();
    if s == Help {
        out.push(("j k", "滚动"));
    }
    // `?` first, so it is on the line however narrow the terminal.
    let rows = BINDINGS.iter().filter(|b| b.scope == s);
    let (help, rest): (Vec<&Binding>, Vec<&Binding>) =
        rows.partition(|b| b.action == Some(Action::Help));
    for bd in help.into_iter().chain(rest) {
        if let Some(h) = bd.hint {
            out.push((bd.shown.split(" / ").next().unwrap_or(bd.shown), h));
        }
    }
    if s == Form {
        out.splice(
            0..0,
            [("Tab", "下一栏"), ("Ctrl-S", "保存"), ("Esc", "放弃")],
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events() -> Vec<KeyEvent> {
        let mut keys = Vec::new();
        for c in (' '..='~').chain(['？']) {
            keys.push(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
            keys.push(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
        }
        for code in [
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::PageUp,
            KeyCode::PageDown,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::Delete,
            KeyCode::Backspace,
            KeyCode::F(1),
        ] {
            keys.push(KeyEvent::new(code, KeyModifiers::NONE));
        }
        keys
    }

    const SCOPES: [Scope; 9] = [
        List, Search, Detail, Summary, Help, Form, Picker, Confirm, Prompt,
    ];

    /// Every action a key reaches on a screen is on that screen's `?`.
    #[test]
    fn every_action_reachable_by_a_key_is_in_help() {
        for s in SCOPES {
            let rows = help_rows(s);
            for k in events() {
                if let Some(a) = lookup(s, &k) {
                    assert!(
                        rows.iter().any(|r| r.actions.contains(&a)),
                        "{s:?}: {k:?} gives {a:?}, which `?` does not list"
                    );
                }
            }
        }
    }

    /// Every row of help with keys does something, and every screen has
    /// `?` (or F1) and a way out.
    #[test]
    fn help_rows_are_keys_and_every_screen_has_help_and_a_way_out() {
        for s in SCOPES {
            let all: Vec<Action> = help_rows(s).into_iter().flat_map(|r| r.actions).collect();
            if s != Help {
                assert!(all.contains(&Action::Help), "{s:?} has no help key");
            }
            assert!(
                all.contains(&Action::Back)
                    || all.contains(&Action::Quit)
                    || all.contains(&Action::No),
                "{s:?} has no way out"
            );
        }
        for b in BINDINGS {
            assert!(b.action.is_some() || b.keys.is_empty());
            assert!(!b.keys.is_empty() || b.action.is_none(), "{}", b.label);
        }
    }

    /// One key does one thing per screen.
    #[test]
    fn no_key_is_bound_twice_in_a_scope() {
        for s in SCOPES.iter().copied().chain([Moving]) {
            for k in events() {
                let n = BINDINGS
                    .iter()
                    .filter(|b| b.scope == s && b.keys.iter().any(|p| p.matches(&k)))
                    .count();
                assert!(n <= 1, "{s:?}: {k:?} is bound {n} times");
            }
        }
    }

    /// No line of help starts with a lone punctuation mark.
    #[test]
    fn help_text_never_starts_with_punctuation() {
        for b in BINDINGS.iter().filter(|b| !b.label.is_empty()) {
            let first = b.label.chars().next().unwrap();
            assert!(
                !"，。；：、）》」".contains(first),
                "{:?} starts with {first}",
                b.label
            );
        }
    }
}
