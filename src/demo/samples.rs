//! The sample files under `data/samples/`, written from the generator so
//! they never drift (a test compares them with a fresh generation).

use super::{DemoSpec, generate};
use crate::model::{CaseFile, KnownStage};
use std::path::Path;

/// The seed the samples (and `pingcha demo`) use.
pub const SAMPLE_SEED: u64 = 2024;

fn date_in(form: usize, d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    match form % 3 {
        0 => d.to_string(),
        1 => format!("{}/{}/{}", d.year(), d.month(), d.day()),
        _ => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
    }
}

fn ledger_row(i: usize, c: &CaseFile) -> String {
    let ev = |s: KnownStage| {
        c.first_event(s)
            .map(|e| date_in(i, e.date))
            .unwrap_or_default()
    };
    let money = |v: Option<f64>| v.map(|x| format!("{x}")).unwrap_or_default();
    let officers: Vec<&str> = c.officers.iter().map(|o| o.name.as_str()).collect();
    let cells = [
        // Numbers of their own (〔2024〕3号 → 〔2024〕103号): a ledger of other files.
        c.case_no.replace('〕', "〕10"),
        c.department.clone(),
        c.kind.to_string(),
        c.title.clone().unwrap_or_default(),
        c.party_name().unwrap_or_default().to_string(),
        ev(KnownStage::Filing),
        ev(KnownStage::Decision),
        ev(KnownStage::Service),
        ev(KnownStage::Closing),
        money(c.decision.as_ref().and_then(|d| d.fine_yuan)),
        money(c.decision.as_ref().and_then(|d| d.confiscation_yuan)),
        officers.join("、"),
        if c.is_major() { "是" } else { "否" }.to_string(),
    ];
    cells
        .iter()
        .map(|s| {
            if s.contains(',') {
                format!("\"{s}\"")
            } else {
                s.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// The samples' contents: (file name, bytes).
pub fn sample_files() -> Vec<(&'static str, Vec<u8>)> {
    let all = generate(SAMPLE_SEED, &DemoSpec::default());
    let per = DemoSpec::default().files_per_department;
    let mut chosen: Vec<&CaseFile> = all[..3].iter().map(|g| &g.case).collect();
    for k in 1..8 {
        chosen.push(&all[k * per].case);
    }
    chosen.push(&all[per - 3].case); // a 行政许可 file
    chosen.push(&all[per - 1].case); // a 行政检查 file
    let mut jsonl = String::new();
    for c in &chosen {
        jsonl.push_str(&serde_json::to_string(c).unwrap_or_default());
        jsonl.push('\n');
    }
    let one = serde_json::to_string_pretty(&all[per + 1].case).unwrap_or_default() + "\n";
    let mut csv = String::from(
        "案号,执法部门,案件类型,案件名称,当事人,立案日期,决定日期,送达日期,结案日期,罚款金额,没收金额,承办人,是否重大\n",
    );
    for (i, g) in all[4 * per..4 * per + 6].iter().enumerate() {
        csv.push_str(&ledger_row(i, &g.case));
        csv.push('\n');
    }
    let mut bom = "\u{feff}".as_bytes().to_vec();
    bom.extend_from_slice(csv.as_bytes());
    let (gbk, _, _) = encoding_rs::GB18030.encode(&csv);
    vec![
        ("cases.jsonl", jsonl.into_bytes()),
        ("case.json", one.into_bytes()),
        ("ledger.csv", bom),
        ("ledger-gbk.csv", gbk.into_owned()),
    ]
}

/// Writes the samples into `dir`.
pub fn write_samples(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for (name, bytes) in sample_files() {
        std::fs::write(dir.join(name), bytes)?;
    }
    Ok(())
}
