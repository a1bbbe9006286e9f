use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = pingcha::cli::Cli::parse();
    match pingcha::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("错误：{e}");
            ExitCode::FAILURE
        }
    }
}
