use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    restore_sigpipe();
    let cli = match pingcha::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind;
            if !matches!(
                e.kind(),
                ErrorKind::DisplayHelp
                    | ErrorKind::DisplayVersion
                    | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            ) {
                eprintln!("错误：{}", pingcha::cli::usage::message(&e));
                return ExitCode::from(2);
            }
            e.exit();
        }
    };
    match pingcha::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("错误：{}", pingcha::cli::safe_message(&e.to_string()));
            ExitCode::FAILURE
        }
    }
}

/// `pingcha cases | head` must end quietly when the reader goes away, as
/// other command-line tools do, not panic on a broken pipe: Rust ignores
/// SIGPIPE by default, so give it back its default action.
fn restore_sigpipe() {
    #[cfg(unix)]
    // SAFETY: called first thing in main, before any thread exists; setting a
    // signal's disposition to its default has no other effect.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
