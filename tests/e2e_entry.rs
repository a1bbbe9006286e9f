//! The entry form in a real terminal: runs tests/e2e_entry.sh (tmux,
//! send-keys, a dossier with a late 送达 typed into 新建案卷, the suggestion
//! read back with `pingcha check --json`) against the binary cargo built.
//! Where tmux is absent it says so and passes, unless PINGCHA_REQUIRE_TMUX
//! is set (as `.ci/run` does).

use std::process::Command;

#[test]
fn a_dossier_typed_in_a_real_terminal_raises_the_late_service_check() {
    let have_tmux = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !have_tmux {
        assert!(
            std::env::var_os("PINGCHA_REQUIRE_TMUX").is_none(),
            "PINGCHA_REQUIRE_TMUX is set but tmux is not installed"
        );
        eprintln!("SKIPPED: tmux is not installed");
        return;
    }
    let out = Command::new("bash")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/e2e_entry.sh"))
        .env("PINGCHA_BIN", env!("CARGO_BIN_EXE_pingcha"))
        .output()
        .expect("run tests/e2e_entry.sh");
    assert!(
        out.status.success(),
        "e2e_entry.sh failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
