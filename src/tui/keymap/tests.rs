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

const SCOPES: [Scope; 11] = [
    List, Search, Detail, Summary, Help, Form, Picker, Confirm, Prompt, Entry, EntryAsk,
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
        // A question is answered, not helped.
        if s != Help && s != EntryAsk {
            assert!(all.contains(&Action::Help), "{s:?} has no help key");
        }
        assert!(
            all.contains(&Action::Back)
                || all.contains(&Action::Quit)
                || all.contains(&Action::No)
                || all.contains(&Action::Entry(EntryCmd::Leave)),
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

/// The entry form's help, hint bar and dispatch are the same rows: every
/// command a key gives is listed, and the hints are keys that work.
#[test]
fn the_entry_form_is_in_the_one_table() {
    let rows = help_rows(Entry);
    for cmd in [
        EntryCmd::Next,
        EntryCmd::Prev,
        EntryCmd::Down,
        EntryCmd::Up,
        EntryCmd::NextPart,
        EntryCmd::PrevPart,
        EntryCmd::Enter,
        EntryCmd::InsertLine,
        EntryCmd::RemoveLine,
        EntryCmd::Save,
        EntryCmd::Leave,
        EntryCmd::Quit,
    ] {
        let a = Action::Entry(cmd);
        assert!(
            events().iter().any(|k| lookup(Entry, k) == Some(a.clone())),
            "{cmd:?} has no key"
        );
        assert!(
            rows.iter().any(|r| r.actions.contains(&a)),
            "{cmd:?} is not in help"
        );
    }
    let save = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(lookup(Entry, &save), Some(Action::Entry(EntryCmd::Save)));
    // Ctrl-C answers the question with no; it never quits unasked.
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(lookup(EntryAsk, &ctrl_c), Some(Action::No));
}
