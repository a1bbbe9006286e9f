//! `pingcha report`: the batch's documents as drafts (nothing recorded);
//! `pingcha report issue`: numbered, dated, registered, followed up.

use crate::error::Error;
use crate::workspace::{Formats, Options, RunMode, Workspace};
use clap::{Args, Subcommand};
use std::io::IsTerminal;
use std::path::PathBuf;

#[derive(Debug, Clone, Args)]
pub struct ReportArgs {
    /// 输出目录
    #[arg(long, value_name = "DIR", required = true)]
    pub out: Option<PathBuf>,
    /// 只生成该部门的文书（可重复）
    #[arg(long, value_name = "部门")]
    pub department: Vec<String>,
    /// 格式：docx,xlsx,md（默认全部）
    #[arg(long, value_name = "LIST")]
    pub format: Option<String>,
    /// 设置文件（默认为数据库旁的 data/report.toml，没有则用内置设置）
    #[arg(long, value_name = "FILE")]
    pub settings: Option<PathBuf>,
    /// 征求意见稿：每页页眉标“征求意见稿”；评查未结束时也生成评查情况通报
    #[arg(long)]
    pub draft: bool,
}

#[derive(Debug, Clone, Subcommand)]
pub enum ReportAction {
    /// 印发：从发文登记取文号、署成文日期、写出文书，并登记整改跟踪
    Issue(ReportArgs),
}

pub fn run(
    ws: &mut Workspace,
    action: Option<ReportAction>,
    args: ReportArgs,
) -> Result<(), Error> {
    let (args, issue) = match action {
        Some(ReportAction::Issue(a)) => (a, true),
        None => (args, false),
    };
    let Some(out) = args.out else {
        return Err(Error::NoOutDir);
    };
    let formats = match args.format {
        Some(f) => Formats::parse(&f)?,
        None => Formats::default(),
    };
    let opts = Options {
        out,
        departments: args.department,
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
    let mode = RunMode {
        issue,
        draft: args.draft,
    };
    let done = ws.write_documents(&opts, args.settings.as_deref(), mode, &progress)?;
    if let Ok(Some(b)) = bar.lock().map(|b| b.clone()) {
        b.finish_and_clear();
    }
    let written = &done.written;
    for w in written {
        // The tab between the columns is the program's own; the values are
        // escaped.
        println!(
            "{}\t{}",
            super::output::safe(w.kind),
            super::output::safe(&w.path.display().to_string())
        );
    }
    let count = |k: &str| done.count(k);
    eprintln!(
        "已生成 {} 个文书：评查表 {} 份，评查建议书 {} 份，整改通知书 {} 份，评查情况通报 {} 份；文书清单见 {}。",
        written.len(),
        count("评查表"),
        count("评查建议书"),
        count("整改通知书"),
        count("评查情况通报"),
        opts.out.join(crate::workspace::MANIFEST).display()
    );
    if done.pending > 0 {
        eprintln!(
            "另有 {} 件案卷尚未完成评查，未生成评查表，也不计入合格率。",
            done.pending
        );
    }
    if let Some(why) = &done.bulletin_refused {
        eprintln!("本次文书均为征求意见稿（每页页眉标明）。{why}");
    }
    if !opts.departments.is_empty() {
        eprintln!("指定了部门，未生成评查情况通报。");
    }
    if written.is_empty() {
        eprintln!("{}", nothing_written_because(&opts));
    }
    if issue {
        for (doc, no) in &done.numbers {
            eprintln!("文号：{doc} {no}");
        }
        if let Some(due) = done.due {
            eprintln!(
                "整改跟踪：登记整改要求 {} 份，反馈期限 {}；用 `pingcha rectify list` 跟踪反馈和核验。",
                done.notices_recorded,
                crate::workspace::cn_date(due)
            );
        }
        if let Some(d) = &done.digest {
            eprintln!(
                "审计摘要（印在文书版记）：{}",
                d.chars().take(16).collect::<String>()
            );
        }
    } else {
        eprintln!(
            "以上为草稿，未编文号、未登记整改跟踪；核定后用 `pingcha report issue --out 目录` 印发。"
        );
    }
    Ok(())
}

/// Why a run wrote no document, and what to change.
fn nothing_written_because(opts: &Options) -> &'static str {
    if !opts.departments.is_empty() && !opts.formats.docx {
        "未生成任何文书：xlsx 和 md 格式只用于评查情况通报，而指定部门（--department）时不生成评查情况通报。\
         要该部门的评查表、评查建议书、整改通知书，请用 --format docx；要 xlsx/md 通报，请去掉 --department。"
    } else if !opts.departments.is_empty() {
        "未生成任何文书：指定部门尚无已完成评查的案卷（评查表、评查建议书只为已完成评查的案卷生成），\
         也没有待整改的问题。用 `pingcha cases` 查看评查进度。"
    } else {
        "未生成任何文书：本批次尚无已完成评查的案卷，且未生成评查情况通报（加 --draft 可生成征求意见稿）。\
         用 `pingcha cases` 查看评查进度，或检查设置文件中要生成的文书种类。"
    }
}
