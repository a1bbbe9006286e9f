//! `pingcha report`: every document of the batch into a folder.

use crate::error::Error;
use crate::report::{Formats, Options};
use crate::workspace::Workspace;
use std::io::IsTerminal;
use std::path::PathBuf;

pub fn run(
    ws: &mut Workspace,
    out: PathBuf,
    departments: Vec<String>,
    format: Option<String>,
    settings: Option<PathBuf>,
) -> Result<(), Error> {
    let formats = match format {
        Some(f) => Formats::parse(&f).map_err(Error::BadFormat)?,
        None => Formats::default(),
    };
    let opts = Options {
        out,
        departments,
        formats,
        today: chrono::Local::now().date_naive(),
    };
    let bar = std::sync::Mutex::new(None::<indicatif::ProgressBar>);
    let progress = |done: usize, total: usize| {
        if total < 20 || !std::io::stderr().is_terminal() {
            return;
        }
        if let Ok(mut b) = bar.lock() {
            let b = b.get_or_insert_with(|| {
                let pb = indicatif::ProgressBar::new(total as u64);
                pb.set_style(
                    indicatif::ProgressStyle::with_template(
                        "生成文书 {bar:40} {pos}/{len} {elapsed}",
                    )
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
                );
                pb
            });
            b.set_position(done as u64);
        }
    };
    let done = ws.write_documents(&opts, settings.as_deref(), &progress)?;
    if let Ok(Some(b)) = bar.lock().map(|b| b.clone()) {
        b.finish_and_clear();
    }
    let written = &done.written;
    for w in written {
        println!("{}\t{}", w.kind, w.path.display());
    }
    let count = |k: &str| done.count(k);
    eprintln!(
        "已生成 {} 个文书：评查表 {} 份，评查建议书 {} 份，整改通知书 {} 份，评查情况通报 {} 份。",
        written.len(),
        count("评查表"),
        count("评查建议书"),
        count("整改通知书"),
        count("评查情况通报")
    );
    if done.pending > 0 {
        eprintln!(
            "另有 {} 件案卷尚未完成评查，未生成评查表，也不计入合格率。",
            done.pending
        );
    }
    if !opts.departments.is_empty() {
        eprintln!("指定了部门，未生成全市的评查情况通报。");
    }
    if let Some(due) = done.due {
        eprintln!(
            "整改跟踪：本次登记整改通知 {} 份（已登记的保持原到期日），到期日 {due}；用 `pingcha rectify list` 跟踪反馈和核验。",
            done.notices_recorded
        );
    }
    Ok(())
}
