//! The real-terminal test: runs tests/e2e_tmux.sh (tmux, send-keys, Chinese
//! input, read back through the CLI) against the binary cargo built.
//! `.ci/run` installs tmux and sets PINGCHA_REQUIRE_TMUX, so there the test
//! cannot be skipped; elsewhere, where tmux is absent, it says so and passes.

use std::process::Command;

#[test]
fn tui_in_a_real_terminal_logs_a_problem_that_the_cli_reads_back() {
    let have_tmux = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !have_tmux {
        assert!(
            std::env::var_os("PINGCHA_REQUIRE_TMUX").is_none(),
            "PINGCHA_REQUIRE_TMUX is set (as .ci/run does) but tmux is not installed"
        );
        eprintln!("SKIPPED: tmux is not installed (bash .ci/run installs it)");
        return;
    }
    let out = Command::new("bash")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/e2e_tmux.sh"))
        .env("PINGCHA_BIN", env!("CARGO_BIN_EXE_pingcha"))
        .output()
        .expect("run tests/e2e_tmux.sh");
    assert!(
        out.status.success(),
        "e2e_tmux.sh failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
