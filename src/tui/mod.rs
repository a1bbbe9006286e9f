//! The reviewer's terminal UI.
//!
//! Elm-style: terminal events become [`Action`]s ([`keymap`]), actions change
//! the [`App`] state ([`update`]), the views draw the state ([`views`]). The
//! loop is generic over the ratatui backend and the event source, so tests
//! drive it with a `TestBackend` and a list of events.
//!
//! The terminal is always restored — on quit, on error and on panic (a
//! panic hook); mouse capture and bracketed paste are switched off too.

pub mod action;
pub mod app;
pub mod detail_model;
pub mod entry;
pub mod form;
pub mod input;
pub mod keymap;
pub mod list_model;
pub mod theme;
pub mod update;
pub mod views;
pub mod widgets;

pub use action::Action;
pub use app::App;

use crate::error::{Error, Result};
use crate::workspace::Workspace;
use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture, Event,
};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend};
use std::io;
use std::time::Duration;

/// What an event source gave.
pub enum Next {
    Event(Event),
    /// Nothing within the timeout.
    Idle,
    /// No more events (a scripted source ran out).
    End,
}

/// Where the loop gets terminal events from.
pub trait EventSource {
    /// The next event, waiting at most `timeout` (`None`: until one comes).
    fn next(&mut self, timeout: Option<Duration>) -> io::Result<Next>;
}

/// The real terminal.
pub struct Crossterm;

impl EventSource for Crossterm {
    fn next(&mut self, timeout: Option<Duration>) -> io::Result<Next> {
        if let Some(t) = timeout
            && !crossterm::event::poll(t)?
        {
            return Ok(Next::Idle);
        }
        crossterm::event::read().map(Next::Event)
    }
}

/// Scripted events (tests, benchmarks).
impl EventSource for std::vec::IntoIter<Event> {
    fn next(&mut self, _timeout: Option<Duration>) -> io::Result<Next> {
        Ok(Iterator::next(self).map_or(Next::End, Next::Event))
    }
}

/// Does `needle` fuzzy-match `hay`? (small lists: the picker)
pub fn fuzzy_match(needle: &str, hay: &str) -> bool {
    let pat = Pattern::parse(needle, CaseMatching::Ignore, Normalization::Smart);
    let mut m = Matcher::new(Config::DEFAULT);
    let mut buf = Vec::new();
    pat.score(Utf32Str::new(hay, &mut buf), &mut m).is_some()
}

fn draw_err(e: impl std::fmt::Display) -> Error {
    Error::Terminal(e.to_string())
}

/// Applies one terminal event.
pub fn handle(app: &mut App, ws: &mut Workspace, ev: Event) {
    if let Some(a) = keymap::action(app, ev) {
        for e in update::update(app, ws, a) {
            update::perform(app, ws, e);
        }
    }
}

/// The loop: draw, wait for an event, apply it and everything pending
/// (batch-drain), draw once. Returns when the app quits or the events end.
pub fn run_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    ws: &mut Workspace,
    events: &mut impl EventSource,
) -> Result<()> {
    loop {
        terminal.draw(|f| views::draw(f, app)).map_err(draw_err)?;
        if app.quit {
            return Ok(());
        }
        let timeout = app.loading.as_ref().map(|_| Duration::from_millis(30));
        match events.next(timeout).map_err(draw_err)? {
            Next::End => return Ok(()),
            Next::Idle => {}
            Next::Event(ev) => handle(app, ws, ev),
        }
        while !app.quit {
            match events.next(Some(Duration::ZERO)).map_err(draw_err)? {
                Next::Event(ev) => handle(app, ws, ev),
                _ => break,
            }
        }
        update::poll_loader(app);
    }
}

/// Files above which the list is read in the background, after a first
/// screenful.
const BACKGROUND_LOAD: i64 = 5_000;

/// SQLite page cache per connection while the TUI runs (KiB).
const TUI_CACHE_KIB: i64 = 4096;

/// The app on a workspace: a small batch is read at once; a large one
/// shows its first screenful at once and reads the rest in a thread (with
/// its own connection), so the first frame never waits for 100,000 rows.
pub fn start(ws: &Workspace, theme: theme::Theme) -> Result<App> {
    // The name given in the environment, else the one remembered in this
    // database from the last run (never a guess: empty until given).
    let reviewer = match std::env::var("PINGCHA_REVIEWER") {
        Ok(r) if !r.trim().is_empty() => r,
        _ => ws.setting(update::REVIEWER_SETTING)?.unwrap_or_default(),
    };
    ws.limit_cache(TUI_CACHE_KIB)?;
    let total = ws.count_files()?;
    let path = ws.db_path().to_path_buf();
    if total <= BACKGROUND_LOAD || !path.is_file() {
        return Ok(App::new(update::load_list(ws)?, &reviewer, theme));
    }
    let head = ws.case_rows_head(200)?;
    let mut app = App::new(list_model::CaseList::new(head), &reviewer, theme);
    let (tx, rx) = std::sync::mpsc::channel();
    let batch = ws.batch();
    let source = path.clone();
    std::thread::spawn(move || {
        let list = crate::workspace::case_rows_apart(&path, batch, TUI_CACHE_KIB).map(|rows| {
            let mut l = list_model::CaseList::new(rows);
            l.precompute_orders();
            l
        });
        let _ = tx.send(list);
    });
    app.loading = Some(app::Loading { total, rx });
    app.precomputed.source = Some((source, batch));
    app.precomputed.latest = ws.changes();
    Ok(app)
}

/// Puts the terminal back as it was: raw mode off, main screen, no mouse
/// capture, no bracketed paste, cursor shown. Safe to call twice.
pub fn restore_terminal() {
    let _ = disable_raw_mode();
    let _ = crossterm::execute!(
        io::stdout(),
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
}

/// Restores the terminal when dropped (quit, error, unwinding panic).
struct TerminalGuard;

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

fn setup_terminal() -> io::Result<TerminalGuard> {
    enable_raw_mode()?;
    let guard = TerminalGuard;
    crossterm::execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )?;
    Ok(guard)
}

/// Opens the terminal UI on a workspace (`pingcha`, `pingcha tui`,
/// `pingcha demo`).
pub fn run(mut ws: Workspace) -> Result<()> {
    let mut app = start(&ws, theme::Theme::from_env())?;

    // The panic hook restores the terminal first, then reports (also with
    // panic = "abort", where no Drop runs).
    let prev = std::sync::Arc::new(std::panic::take_hook());
    let chained = prev.clone();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        chained(info);
    }));

    let result = (|| {
        // A run killed with -9 leaves mouse reporting on and the alternate
        // screen up: put the terminal back first, then set it up.
        restore_terminal();
        let _guard = setup_terminal().map_err(draw_err)?;
        let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout())).map_err(draw_err)?;
        terminal.clear().map_err(draw_err)?;
        run_loop(&mut terminal, &mut app, &mut ws, &mut Crossterm)
    })();

    let _ = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| prev(info)));
    result
}
