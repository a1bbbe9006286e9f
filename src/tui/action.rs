//! What the reviewer asked for: terminal events become actions (keymap),
//! actions change the state (update).

use super::list_model::Column;
use crate::model::ItemMark;
use crossterm::event::KeyEvent;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Quit,
    /// Back one level (detail → list, summary → list, close popup).
    Back,
    Help,
    /// Up/down by rows (negative is up).
    Move(isize),
    /// Up/down by pages.
    Page(isize),
    Top,
    Bottom,
    Open,
    Refresh,
    // List.
    SearchStart,
    /// An editing key for the search line.
    SearchKey(KeyEvent),
    SearchAccept,
    SearchCancel,
    FilterOpen,
    ClearFilters,
    Sort(Column),
    SortNext,
    NextUnreviewed,
    ShowSummary,
    /// Summary: write every document of the batch (评查表, 建议书, 整改通知书, 通报).
    WriteDocuments,
    // Detail.
    SwitchPane,
    ScrollInfo(isize),
    /// Previous/next file of the list without going back.
    Sibling(isize),
    AddFinding,
    EditFinding,
    DeleteFinding,
    ConfirmSuggestion,
    DismissSuggestion,
    Mark(ItemMark),
    Complete,
    /// Mark every item left 未查 符合: of the selected item's category
    /// (`false`) or of the whole file (`true`), after a confirmation.
    BulkCompliant(bool),
    /// Confirmed: mark these items 符合.
    DoBulkCompliant(Vec<String>),
    /// List: only the files with suggestions to handle (again: all).
    PendingFilter,
    /// Detail: undo a 驳回 (the suggestion waits again).
    RestoreSuggestion,
    /// Detail: to the next suggestion still to confirm or dismiss.
    NextSuggestion,
    /// List: only the files waiting for 复核 (again: all files).
    ReviewQueue,
    /// Ask who is reviewing (the name every change is recorded under).
    AskReviewer,
    /// Ask for the file's 评查意见.
    AskRemark,
    /// Leader: ask for an approval remark, then approve.
    AskApprove,
    /// Leader: ask for the return remark, then return the file.
    AskReturn,
    /// An editing key for the one-line question.
    PromptKey(KeyEvent),
    PromptAccept,
    // Entry form.
    /// 新建案卷 (list).
    NewCase,
    /// 修改案卷 (detail).
    EditCase,
    /// Step through the files that came from a ledger with the form (list).
    LedgerQueue,
    /// A command of the entry form (its keys are in the key table).
    Entry(EntryCmd),
    /// Any other key inside the entry form: typing into the focused cell.
    EntryKey(KeyEvent),
    // Popups.
    PickerKey(KeyEvent),
    PickerChoose,
    FormKey(KeyEvent),
    Paste(String),
    Yes,
    No,
    // Confirmed effects (what a 是 in a confirm popup does).
    DoDelete(Uuid),
    DoComplete,
    DoReopen,
    /// Write the batch's documents: issue them (numbers, register,
    /// follow-up), or as 征求意见稿 drafts that record nothing.
    DoWriteDocuments {
        issue: bool,
    },
    // Mouse.
    Click {
        col: u16,
        row: u16,
    },
    Wheel {
        col: u16,
        row: u16,
        down: bool,
    },
    Resize,
}

/// What a key of the entry form (新建 / 修改案卷) does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryCmd {
    /// Tab / Shift-Tab: the next / previous cell.
    Next,
    Prev,
    /// ↓ / ↑: the same column of the next / previous line in a group.
    Down,
    Up,
    /// PgDn / PgUp: the next / previous part of the form.
    NextPart,
    PrevPart,
    /// Enter: the next line of a group (a new one after the last).
    Enter,
    InsertLine,
    RemoveLine,
    Save,
    /// Esc: leave (asked first when the form was changed).
    Leave,
    /// Ctrl-C: quit pingcha, asked first.
    Quit,
}
