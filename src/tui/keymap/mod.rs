//! Terminal events → actions, per screen, from one table of bindings: the
//! dispatch, `?` and the status line's hints all read [`BINDINGS`], so help
//! never disagrees with the keys. A new screen or popup adds a [`Scope`] and
//! its rows.

use super::action::{Action, EntryCmd};
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
    /// The entry form (新建 / 修改案卷): its commands; other keys type into
    /// the focused cell.
    Entry,
    /// The entry form's question (discard, quit, resume a draft).
    EntryAsk,
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
            Scope::Entry | Scope::EntryAsk => "新建 / 修改案卷",
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

/// A help row with a hint, of a popup that takes its own keys (the
/// problem form).
const fn tip(
    scope: Scope,
    shown: &'static str,
    label: &'static str,
    hint: &'static str,
) -> Binding {
    Binding {
        scope,
        keys: &[],
        shown,
        action: None,
        label,
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
mod bindings;
pub use bindings::BINDINGS;

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
        Screen::Entry if app.entry.as_ref().is_some_and(|st| st.ask.is_some()) => EntryAsk,
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
    // The entry form under its help still takes Ctrl keys (the help closes).
    if app.screen == Screen::Entry && app.popup.is_none() && (app.help_scroll.is_none() || ctrl) {
        let asking = app.entry.as_ref().is_some_and(|st| st.ask.is_some());
        if asking {
            return lookup(EntryAsk, &k);
        }
        // A question mark in the web address is text, not help.
        let in_url = app
            .entry
            .as_ref()
            .is_some_and(|st| st.current().field().path == "url");
        if !(in_url && Key::Ch('?').matches(&k))
            && let Some(a) = lookup(Entry, &k)
        {
            return Some(a);
        }
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
    out
}

#[cfg(test)]
mod tests;
