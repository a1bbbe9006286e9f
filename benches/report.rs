//! `cargo bench --bench report`: every document for 100 departments, 3,000
//! completed files and about 20,000 findings (target: under 5 s).

use pingcha::report::settings::Settings;
use pingcha::report::{self, Formats, Options};
use pingcha::workspace::{FindingReport, ReportData, Workspace};
use std::collections::BTreeMap;
use std::time::Instant;

fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ws = Workspace::build_demo(&dir.path().join("demo.db"), 2024).expect("demo");
    let t = Instant::now();
    let base = ws.report_data().expect("report data");
    let gather = t.elapsed();

    // Scale the demo's completed files up: 100 departments × 30 files, each
    // with six or seven findings on its checklist's scoring items.
    let mut files = Vec::new();
    let mut dept_files = BTreeMap::new();
    let notes = [
        "询问笔录有空白项未划线",
        "卷内材料未逐页编号",
        "处罚决定书未载明申请行政复议的期限",
    ];
    for d in 0..100 {
        let dept = format!("清江市第{}行政执法局", d + 1);
        dept_files.insert(dept.clone(), 30);
        for i in 0..30 {
            let mut f = base.files[(d * 30 + i) % base.files.len()].clone();
            f.department = dept.clone();
            f.case_no = format!("清{}罚〔2024〕{}号", d + 1, i + 1);
            f.findings.clear();
            let want = 6 + i.is_multiple_of(3) as usize;
            let mut deducted = 0.0;
            let mut k = 0usize;
            // Every item's old findings go, including those after the last new one.
            for c in &mut f.categories {
                c.deducted = 0.0;
                for it in &mut c.items {
                    it.findings.clear();
                    it.deducted = 0.0;
                    if f.findings.len() >= want {
                        continue;
                    }
                    k += 1;
                    if it.applies && it.points >= 1.0 && (k + i + d).is_multiple_of(3) {
                        it.findings.push(f.findings.len());
                        it.deducted = 1.0;
                        c.deducted += 1.0;
                        deducted += 1.0;
                        f.findings.push(FindingReport {
                            case_no: f.case_no.clone(),
                            department: dept.clone(),
                            item: it.id.clone(),
                            item_text: it.text.clone(),
                            category: c.name.clone(),
                            deduction: 1.0,
                            count: None,
                            award: 0.0,
                            rule: String::new(),
                            note: notes[f.findings.len() % notes.len()].to_string(),
                            page: Some(format!("{}", 3 + f.findings.len())),
                            basis: "《中华人民共和国行政处罚法》第五十五条".into(),
                            reviewer: Some("赵磊".into()),
                            id: uuid::Uuid::nil(),
                            rectifier: dept.clone(),
                            check: None,
                            veto: false,
                            order: k,
                        });
                    }
                }
            }
            f.score = f.total - deducted;
            f.deducted = deducted;
            files.push(f);
        }
    }
    let data = ReportData::assemble(base.batch.clone(), files, Vec::new(), &dept_files);
    let findings = data.totals.findings;
    let out = tempfile::tempdir().expect("tempdir");
    let opts = Options {
        out: out.path().to_path_buf(),
        departments: Vec::new(),
        formats: Formats::default(),
        today: chrono::Local::now().date_naive(),
    };
    let settings = Settings::default();
    if std::env::var_os("PINGCHA_BENCH_PHASES").is_some() {
        phases(&data, &settings);
    }
    let t = Instant::now();
    let written = report::write_all(&data, &settings, &opts, &|_, _| {}).expect("write");
    let elapsed = t.elapsed();
    let bytes: u64 = written
        .iter()
        .map(|w| std::fs::metadata(&w.path).map_or(0, |m| m.len()))
        .sum();
    println!(
        "report: {} departments, {} files, {} findings → {} documents ({:.1} MB) in {:.2} s \
         on {} threads (target < 5 s); gathering the demo's {} files from SQLite: {:.0} ms",
        data.departments.len(),
        data.files.len(),
        findings,
        written.len(),
        bytes as f64 / 1e6,
        elapsed.as_secs_f64(),
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        base.files.len(),
        gather.as_secs_f64() * 1000.0
    );
}

/// One thread, the score sheets only: where the time goes.
fn phases(data: &ReportData, settings: &Settings) {
    use pingcha::report::{compose::Composer, docx};
    let today = chrono::Local::now().date_naive();
    let c = Composer::new(
        data,
        settings,
        pingcha::report::compose::Issue::draft(today, today),
    )
    .expect("composer");
    let w = docx::DocxWriter::new(&settings.fonts, false).expect("writer");
    let (mut compose, mut layout, mut deflate) = (0.0, 0.0, 0.0);
    for f in &data.files {
        let t = Instant::now();
        let doc = c.sheet(f).expect("sheet");
        compose += t.elapsed().as_secs_f64();
        let t = Instant::now();
        let xml = w.document_xml(&doc);
        layout += t.elapsed().as_secs_f64();
        std::hint::black_box(xml);
        let t = Instant::now();
        let _ = std::hint::black_box(w.render(&doc));
        deflate += t.elapsed().as_secs_f64();
    }
    println!(
        "phases (one thread, {} sheets): compose {compose:.2} s, document.xml {layout:.2} s, whole .docx {deflate:.2} s",
        data.files.len()
    );
}
