//! The documents read back: every .docx unzipped and its XML
//! checked for page setup, fonts, title, 文号 and contents; the .xlsx read
//! with calamine; no full ID number anywhere; names masked; goldens.

use calamine::{Data, Reader, Xlsx};
use pingcha::report::mask::is_id_number;
use pingcha::report::settings::Settings;
use pingcha::report::{self, Formats, Options, Written, safe_file_name};
use pingcha::workspace::{ReportData, Workspace};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

struct Rendered {
    _dir: tempfile::TempDir,
    db: PathBuf,
    data: ReportData,
    written: Vec<Written>,
}

const DATE: &str = "2024-07-18";

fn settings() -> Settings {
    Settings::parse(&format!("date = \"{DATE}\""), "test").expect("settings")
}

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// The demo workspace, rendered once for all tests.
fn rendered() -> &'static Rendered {
    static R: OnceLock<Rendered> = OnceLock::new();
    R.get_or_init(|| {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("demo.db");
        let ws = Workspace::build_demo(&db, 2024).expect("demo");
        let data = ws.report_data().expect("report data");
        let opts = Options {
            out: dir.path().join("out"),
            departments: Vec::new(),
            formats: Formats::default(),
            today: today(),
        };
        let written = report::write_all(&data, &settings(), &opts, &|_, _| {}).expect("write");
        Rendered {
            _dir: dir,
            db,
            data,
            written,
        }
    })
}

fn zip_part(path: &Path, part: &str) -> String {
    let f = std::fs::File::open(path).expect("open");
    let mut z = zip::ZipArchive::new(f).expect("zip");
    let mut s = String::new();
    z.by_name(part)
        .unwrap_or_else(|_| panic!("{} has no {part}", path.display()))
        .read_to_string(&mut s)
        .expect("utf-8");
    s
}

fn all_parts(path: &Path) -> String {
    let f = std::fs::File::open(path).expect("open");
    let mut z = zip::ZipArchive::new(f).expect("zip");
    let mut out = String::new();
    for i in 0..z.len() {
        let mut e = z.by_index(i).expect("entry");
        if e.name().ends_with(".xml") {
            e.read_to_string(&mut out).expect("utf-8");
        }
    }
    out
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The text of document.xml: one line per paragraph, runs joined.
fn docx_text(xml: &str) -> String {
    let mut out = String::new();
    for para in xml.split("</w:p>") {
        let mut line = String::new();
        let mut rest = para;
        while let Some(i) = rest.find("<w:t") {
            let after = &rest[i + 4..];
            if !(after.starts_with('>') || after.starts_with(' ')) {
                rest = after;
                continue;
            }
            let Some(open_end) = after.find('>') else {
                break;
            };
            if after[..open_end].ends_with('/') {
                rest = &after[open_end + 1..];
                continue;
            }
            let body = &after[open_end + 1..];
            let close = body.find("</w:t>").expect("closed w:t");
            line.push_str(&unescape(&body[..close]));
            rest = &body[close..];
        }
        if !line.trim().is_empty() {
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }
    out
}

fn docs<'a>(r: &'a Rendered, kind: &str, ext: &str) -> Vec<&'a Written> {
    r.written
        .iter()
        .filter(|w| w.kind == kind && w.path.extension().is_some_and(|e| e == ext))
        .collect()
}

fn find_full_id(text: &str) -> Option<String> {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .find(|run| is_id_number(run))
        .map(str::to_string)
}

#[test]
fn writes_every_document_with_safe_names() {
    let r = rendered();
    let d = &r.data;
    assert!(d.files.len() >= 50, "demo has dozens of completed files");
    assert!(d.totals.findings > 100, "well over a hundred problems");
    assert_eq!(docs(r, "评查表", "docx").len(), d.files.len());
    assert_eq!(docs(r, "评查建议书", "docx").len(), d.departments.len());
    assert_eq!(
        docs(r, "整改通知书", "docx").len(),
        0,
        "the letter carries the demand: no separate notice by default"
    );
    let manifest =
        std::fs::read_to_string(r.written[0].path.parent().unwrap().join(report::MANIFEST))
            .expect("manifest written last");
    for w in &r.written {
        use sha2::Digest;
        let bytes = std::fs::read(&w.path).expect("document");
        let hex = format!("{:x}", sha2::Sha256::digest(&bytes));
        let name = w.path.file_name().unwrap().to_string_lossy();
        assert!(
            manifest.contains(&format!("{hex}  {name}\n")),
            "{name} in the manifest"
        );
    }
    for ext in ["docx", "xlsx", "md"] {
        assert_eq!(docs(r, "评查情况通报", ext).len(), 1, "{ext}");
    }
    for w in &r.written {
        assert!(w.path.is_file(), "{}", w.path.display());
        let name = w.path.file_name().unwrap().to_str().unwrap();
        assert!(
            !name.contains(['/', '\\', ':', '*', '?', '"', '<', '>', '|']),
            "{name}"
        );
    }
    let first = &d.files[0];
    assert!(
        r.written
            .iter()
            .any(|w| w.path.ends_with(format!("评查表_{}.docx", first.case_no))),
        "the case number keeps its 〔〕"
    );
    assert_eq!(safe_file_name("清市监罚〔2024〕1号"), "清市监罚〔2024〕1号");
    assert_eq!(
        safe_file_name("a/b\\c:d*e?f\"g<h>i|j\u{7}"),
        "a_b_c_d_e_f_g_h_i_j_"
    );
    assert_eq!(safe_file_name("CON"), "_CON");
    assert_eq!(safe_file_name("名称. "), "名称");
}

#[test]
fn docx_page_setup_fonts_and_footer_follow_gbt_9704() {
    let r = rendered();
    for w in r
        .written
        .iter()
        .filter(|w| w.path.extension().is_some_and(|e| e == "docx"))
    {
        let xml = zip_part(&w.path, "word/document.xml");
        let name = w.path.display();
        assert!(
            xml.contains(r#"<w:pgSz w:w="11906" w:h="16838""#),
            "{name}: A4"
        );
        assert!(xml.contains(r#"w:top="2098""#), "{name}: top 37 mm");
        assert!(xml.contains(r#"w:left="1588""#), "{name}: left 28 mm");
        assert!(xml.contains(r#"w:right="1474""#), "{name}: right 26 mm");
        assert!(xml.contains(r#"w:bottom="1984""#), "{name}: bottom 35 mm");
        assert!(
            xml.contains(r#"w:eastAsia="仿宋_GB2312""#),
            "{name}: body font"
        );
        assert!(
            xml.contains(r#"w:eastAsia="方正小标宋简体""#),
            "{name}: title font"
        );
        assert!(xml.contains(r#"<w:sz w:val="44"/>"#), "{name}: title 2号");
        let footers =
            zip_part(&w.path, "word/footer1.xml") + &zip_part(&w.path, "word/footer2.xml");
        assert!(footers.contains("PAGE"), "{name}: page number field");
        assert!(
            footers.contains("— ") && footers.contains(" —"),
            "{name}: dashes"
        );
        assert!(footers.contains(r#"<w:sz w:val="28""#), "{name}: 4号");
        let settings = zip_part(&w.path, "word/settings.xml");
        assert!(
            settings.contains("evenAndOddHeaders"),
            "{name}: odd right, even left"
        );
    }
    // Body text: 3号 with a fixed leading of 22 lines per page.
    let letter = &docs(r, "评查建议书", "docx")[0].path;
    let xml = zip_part(letter, "word/document.xml");
    assert!(xml.contains(r#"w:line="579" w:lineRule="exact""#));
    assert!(xml.contains(r#"<w:sz w:val="32"/>"#));
    assert!(xml.contains(r#"w:eastAsia="黑体""#), "level-1 headings");
}

#[test]
fn each_letter_names_its_own_files_only() {
    let r = rendered();
    let d = &r.data;
    for dept in &d.departments {
        // The body names every file with a problem; files without one are
        // only counted (each has its score sheet).
        for (kind, must_list_all) in [("评查建议书", false)] {
            let path = r
                .written
                .iter()
                .find(|w| w.kind == kind && w.path.ends_with(format!("{kind}_{}.docx", dept.name)));
            let Some(w) = path else {
                assert!(
                    kind == "整改通知书" && dept.findings == 0,
                    "{kind} {}",
                    dept.name
                );
                continue;
            };
            let text = docx_text(&zip_part(&w.path, "word/document.xml"));
            assert!(
                text.contains(&format!("{}：", dept.name)),
                "主送 {}",
                dept.name
            );
            for f in &d.files {
                let listed = text.contains(&f.case_no);
                if f.department != dept.name {
                    assert!(!listed, "{kind} of {} names {}", dept.name, f.case_no);
                } else if must_list_all || !f.findings.is_empty() {
                    assert!(listed, "{kind} of {} misses {}", dept.name, f.case_no);
                }
            }
            if kind == "评查建议书" {
                assert!(text.contains("行政执法案卷评查建议书"));
                assert!(
                    text.contains("清司评建〔2024〕号"),
                    "a draft leaves the number blank"
                );
                assert!(text.contains("2024年7月18日"), "成文日期");
                assert!(text.contains("清江市司法局"));
                for f in d.files_of(dept) {
                    for fd in &f.findings {
                        if let Some(p) = &fd.page {
                            assert!(
                                text.lines().any(|l| l == p),
                                "page of {} in the attachment",
                                f.case_no
                            );
                        }
                    }
                }
                assert!(
                    dept.findings == 0 || text.contains("2024年8月19日"),
                    "due 30 days on, moved off Saturday 17 August"
                );
                assert!(dept.findings == 0 || text.contains("核验"));
                assert!(dept.findings == 0 || text.contains("附件：评查问题清单"));
            }
        }
    }
}

fn every_text(r: &Rendered) -> Vec<(PathBuf, String)> {
    r.written
        .iter()
        .map(|w| {
            let text = match w.path.extension().and_then(|e| e.to_str()) {
                Some("md") => std::fs::read_to_string(&w.path).expect("md"),
                _ => all_parts(&w.path),
            };
            (w.path.clone(), text)
        })
        .collect()
}

#[test]
fn no_full_id_number_and_no_natural_persons_name_anywhere() {
    let r = rendered();
    let persons: Vec<&str> = r
        .data
        .files
        .iter()
        .filter(|f| f.party_natural)
        .filter_map(|f| f.party.as_deref())
        .collect();
    assert!(
        !persons.is_empty(),
        "the demo has natural persons among the reviewed files"
    );
    assert!(
        r.data
            .files
            .iter()
            .any(|f| f.party_id.as_deref().is_some_and(is_id_number)),
        "and their ID numbers"
    );
    let texts = every_text(r);
    for (path, text) in &texts {
        if let Some(id) = find_full_id(text) {
            panic!("{} shows the ID number {id}", path.display());
        }
        // Score sheets are internal: they show reviewers' and officers'
        // names, who may share a party's name; their party fields are
        // checked below.
        if path
            .file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with("评查表_")
        {
            continue;
        }
        for name in &persons {
            assert!(
                !text.contains(name),
                "{} shows the name {name}",
                path.display()
            );
        }
    }
    for f in r.data.files.iter().filter(|f| f.party_natural) {
        let (_, sheet) = texts
            .iter()
            .find(|(p, _)| p.ends_with(format!("评查表_{}.docx", f.case_no)))
            .expect("sheet");
        let text = docx_text(sheet);
        let name = f.party.as_deref().unwrap();
        let masked = pingcha::report::mask::mask_name(name).replace('*', "某");
        assert!(
            text.contains(&format!("{}\n{masked}\n", f.party_role)),
            "{}",
            f.case_no
        );
        if let Some(title) = &f.title {
            assert!(
                !text.contains(title.as_str()) || !title.contains(name),
                "{title}"
            );
        }
    }
    // The masked forms are there.
    let f = r
        .data
        .files
        .iter()
        .find(|f| f.party_natural && f.party_id.is_some())
        .expect("a natural person");
    let sheet = texts
        .iter()
        .find(|(p, _)| p.ends_with(format!("评查表_{}.docx", f.case_no)))
        .expect("sheet");
    let id = f.party_id.as_deref().unwrap();
    assert!(
        sheet
            .1
            .contains(&format!("{}********{}", &id[..6], &id[14..]))
    );
    let masked = pingcha::report::mask::mask_name(f.party.as_deref().unwrap()).replace('*', "某");
    assert!(
        sheet.1.contains(&masked),
        "masked in the 某 style: {masked}"
    );
}

#[test]
fn xlsx_reads_back_with_numbers_and_formulas() {
    let r = rendered();
    let d = &r.data;
    let path = &docs(r, "评查情况通报", "xlsx")[0].path;
    let mut wb: Xlsx<_> = calamine::open_workbook(path).expect("xlsx");
    assert_eq!(wb.sheet_names(), vec!["汇总", "部门", "案卷", "问题明细"]);

    let sum = wb.worksheet_range("汇总").expect("汇总");
    let num = |range: &calamine::Range<Data>, row: u32, col: u32| match range.get_value((row, col))
    {
        Some(Data::Float(x)) => *x,
        Some(Data::Int(x)) => *x as f64,
        other => panic!("({row},{col}) is not a number: {other:?}"),
    };
    assert_eq!(num(&sum, 4, 1) as usize, d.totals.files);
    assert_eq!(num(&sum, 5, 1) as usize, d.totals.reviewed);
    assert_eq!(num(&sum, 6, 1) as usize, d.totals.excellent);
    assert!(
        (num(&sum, 11, 1) - d.totals.pass_rate).abs() < 1e-3,
        "合格率 cached result"
    );
    let f = wb.worksheet_formula("汇总").expect("formulas");
    let formula = |r: &calamine::Range<String>, row: u32, col: u32| {
        r.get_value((row, col)).cloned().unwrap_or_default()
    };
    assert_eq!(formula(&f, 11, 1), "IF(B6=0,0,B11/B6)");
    assert_eq!(formula(&f, 10, 1), "B7+B8+B9");

    let dep = wb.worksheet_range("部门").expect("部门");
    assert_eq!(
        dep.height(),
        d.departments.len() + 2,
        "header, departments, total"
    );
    for (i, dd) in d.departments.iter().enumerate() {
        let row = i as u32 + 1;
        assert_eq!(
            dep.get_value((row, 1)),
            Some(&Data::String(dd.name.clone()))
        );
        assert_eq!(num(&dep, row, 3) as usize, dd.reviewed);
        assert!((num(&dep, row, 9) - dd.pass_rate).abs() < 1e-3);
    }
    let f = wb.worksheet_formula("部门").expect("formulas");
    assert_eq!(formula(&f, 1, 9), "IF(D2=0,0,I2/D2)");
    let total_row = d.departments.len() as u32 + 1;
    assert!(formula(&f, total_row, 3).starts_with("SUM(D2:D"));
    assert_eq!(num(&dep, total_row, 3) as usize, d.totals.reviewed);

    let files = wb.worksheet_range("案卷").expect("案卷");
    assert_eq!(files.height(), d.files.len() + 1);
    assert_eq!(num(&files, 1, 8), d.files[0].score);
    let details = wb.worksheet_range("问题明细").expect("问题明细");
    assert_eq!(details.height(), d.totals.findings + 1);
    let deducted: f64 = (1..details.height() as u32)
        .map(|r| num(&details, r, 6))
        .sum();
    assert!(deducted > 0.0);
}

#[test]
fn department_filter_and_friendly_errors() {
    let r = rendered();
    let dept = &r.data.departments[0];
    let out = tempfile::tempdir().expect("tempdir");
    let opts = Options {
        out: out.path().to_path_buf(),
        departments: vec![dept.name.clone()],
        formats: Formats::parse("docx").expect("formats"),
        today: today(),
    };
    let written = report::write_all(&r.data, &settings(), &opts, &|_, _| {}).expect("write");
    assert_eq!(
        written.iter().filter(|w| w.kind == "评查表").count(),
        dept.reviewed
    );
    assert!(written.iter().all(|w| w.kind != "评查情况通报"));
    assert!(
        written
            .iter()
            .all(|w| w.path.extension().is_some_and(|e| e == "docx"))
    );

    let bad = Options {
        departments: vec!["清江市不存在局".into()],
        ..opts.clone()
    };
    let e = report::write_all(&r.data, &settings(), &bad, &|_, _| {})
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("清江市不存在局") && e.contains(&dept.name),
        "{e}"
    );
    assert!(Formats::parse("pdf").is_err());

    // The command line says the same, and writes its list on stdout.
    let cli_out = out.path().join("cli");
    let assert = assert_cmd::Command::cargo_bin("pingcha")
        .expect("binary")
        .env_remove("PINGCHA_DB")
        .arg("--db")
        .arg(&r.db)
        .args(["report", "--draft", "--format", "md,xlsx", "--out"])
        .arg(&cli_out)
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).to_string();
    assert!(
        stdout.contains("评查情况通报.md") && stdout.contains("评查情况通报.xlsx"),
        "{stdout}"
    );
    assert_cmd::Command::cargo_bin("pingcha")
        .expect("binary")
        .env_remove("PINGCHA_DB")
        .arg("--db")
        .arg(&r.db)
        .args(["report", "--department", "清江市不存在局", "--out"])
        .arg(&cli_out)
        .assert()
        .failure()
        .stderr(predicates::str::contains("当前批次的部门有"));
    let file = out.path().join("a-file");
    std::fs::write(&file, "").expect("file");
    assert_cmd::Command::cargo_bin("pingcha")
        .expect("binary")
        .env_remove("PINGCHA_DB")
        .arg("--db")
        .arg(&r.db)
        .args(["report", "--draft", "--out"])
        .arg(file.join("sub"))
        .assert()
        .failure()
        .stderr(predicates::str::contains("无法写入输出目录"));
}

/// Today's date appears as the 评查日期 of each score sheet.
fn normalise(text: &str) -> String {
    let t = today();
    let cn = format!(
        "{}年{}月{}日",
        chrono::Datelike::year(&t),
        chrono::Datelike::month(&t),
        chrono::Datelike::day(&t)
    );
    text.replace(&cn, "<评查日期>")
        .replace(&t.to_string(), "<评查日期>")
}

/// The typed blocks of a document, as JSON: a line that turned into a
/// title or a signature shows as a different block.
fn tree(doc: &pingcha::report::doc::Doc) -> String {
    normalise(&serde_json::to_string_pretty(&doc.blocks).expect("json"))
}

#[test]
fn golden_documents() {
    use pingcha::report::compose::{Composer, Issue};
    let r = rendered();
    let md = std::fs::read_to_string(&docs(r, "评查情况通报", "md")[0].path).expect("md");
    insta::assert_snapshot!("bulletin_md", normalise(&md));
    let s = settings();
    let date = s.doc_date(today());
    let c = Composer::new(
        &r.data,
        &s,
        Issue::draft(date, date + chrono::Duration::days(32)),
    )
    .expect("composer");
    insta::assert_snapshot!("bulletin_tree", tree(&c.bulletin().expect("bulletin")));
    let dept = &r.data.departments[0];
    insta::assert_snapshot!("letter_tree", tree(&c.letter(dept).expect("letter")));
    let f = r
        .data
        .files
        .iter()
        .find(|f| f.party_natural && !f.findings.is_empty())
        .expect("a natural person's file with findings");
    insta::assert_snapshot!("sheet_tree", tree(&c.sheet(f).expect("sheet")));
}

#[test]
fn settings_and_templates_beside_the_database_are_used() {
    let r = rendered();
    let dir = tempfile::tempdir().expect("tempdir");
    let data_dir = dir.path().join("data");
    std::fs::create_dir_all(data_dir.join("templates")).expect("dirs");
    std::fs::write(
        data_dir.join("report.toml"),
        "issuing_body = \"荆州市司法局\"\nrectification_days = 15\ndate = \"2024-03-01\"\n",
    )
    .expect("settings");
    let letter = pingcha::report::compose::BUILTIN_TEMPLATES
        .iter()
        .find(|(n, _)| *n == "letter.j2")
        .expect("letter")
        .1
        .replace("请你单位逐项整改", "请你单位高度重视，逐项整改");
    std::fs::write(data_dir.join("templates/letter.j2"), letter).expect("template");
    let settings = Settings::load(None, Some(&data_dir)).expect("load");
    let dept = r
        .data
        .departments
        .iter()
        .find(|d| d.findings > 0)
        .expect("a department with problems");
    let opts = Options {
        out: dir.path().join("out"),
        departments: vec![dept.name.clone()],
        formats: Formats::parse("docx").expect("formats"),
        today: today(),
    };
    let written = report::write_all(&r.data, &settings, &opts, &|_, _| {}).expect("write");
    let letter = written
        .iter()
        .find(|w| w.kind == "评查建议书")
        .expect("letter");
    let text = docx_text(&zip_part(&letter.path, "word/document.xml"));
    assert!(text.contains("荆州市司法局"), "issuing body");
    assert!(text.contains("高度重视"), "the user's template");
    assert!(text.contains("2024年3月1日"), "成文日期");
    assert!(
        text.contains("2024年3月18日"),
        "due in 15 days, moved off Saturday 16 March"
    );
    assert!(!text.contains("清江市司法局"));
    // A broken template is reported, not panicked on.
    std::fs::write(data_dir.join("templates/letter.j2"), "p: {% if %}").expect("template");
    let settings = Settings::load(None, Some(&data_dir)).expect("load");
    let e = report::write_all(&r.data, &settings, &opts, &|_, _| {}).unwrap_err();
    assert!(e.to_string().contains("letter.j2"), "{e}");
}

/// The runs of document.xml with their size (half-points) and colour, and
/// the text of each.
fn runs(xml: &str) -> Vec<(Option<String>, bool, String)> {
    let mut out = Vec::new();
    for r in xml.split("<w:r>").skip(1) {
        let r = r.split("</w:r>").next().unwrap_or("");
        let size = r
            .split(r#"<w:sz w:val=""#)
            .nth(1)
            .and_then(|x| x.split('"').next())
            .map(str::to_string);
        let red = r.contains(r#"<w:color w:val="FF0000"/>"#);
        let text = docx_text(&format!("{r}</w:p>"));
        out.push((size, red, text.trim().to_string()));
    }
    out
}

#[test]
fn no_value_changes_the_layout_and_long_values_are_cut() {
    let r = rendered();
    let mut data = r.data.clone();
    let markers = [
        "head: 中华人民共和国国务院办公厅",
        "title: 伪造标题",
        "sign: 伪造署名",
        "table: files",
        "attachment: problems",
        "figure: chart",
        "h1: 一、伪造",
        "cc: 伪造抄送",
        "printed: 伪造|伪造",
        "docno: 伪造文号",
    ];
    let evil = markers.join("\n");
    let dept = data.departments[0].name.clone();
    let evil_dept = format!("{dept}\n{evil}");
    data.departments[0].name = evil_dept.clone();
    let mut long_done = false;
    for f in data.files.iter_mut() {
        if f.department == dept {
            f.department = evil_dept.clone();
            f.party = Some(format!("某公司\n{evil}"));
            for fd in &mut f.findings {
                fd.department = evil_dept.clone();
                fd.note = if long_done {
                    format!("问题\n{evil}")
                } else {
                    long_done = true;
                    "长".repeat(40_000)
                };
            }
        }
    }
    let out = tempfile::tempdir().expect("tempdir");
    let opts = Options {
        out: out.path().to_path_buf(),
        departments: Vec::new(),
        formats: Formats::default(),
        today: today(),
    };
    let written =
        report::write_all(&data, &settings(), &opts, &|_, _| {}).expect("the run completes");
    let safe = safe_file_name(&format!("评查建议书_{evil_dept}"));
    let letter = written
        .iter()
        .find(|w| w.path.ends_with(format!("{safe}.docx")))
        .expect("the letter");
    for w in written
        .iter()
        .filter(|w| w.path.extension().is_some_and(|e| e == "docx") && (w.kind != "评查表"))
    {
        let xml = zip_part(&w.path, "word/document.xml");
        let rs = runs(&xml);
        let heads: Vec<_> = rs.iter().filter(|r| r.1).collect();
        assert_eq!(heads.len(), 1, "{}: one red letterhead", w.path.display());
        assert_eq!(heads[0].2, "清江市司法局");
        for (size, _, text) in &rs {
            if text.contains("伪造") || text.contains("国务院办公厅") {
                assert!(
                    !matches!(size.as_deref(), Some("44" | "72")),
                    "{}: a value never becomes a title or a letterhead: {text}",
                    w.path.display()
                );
            }
        }
        let signs = docx_text(&xml)
            .lines()
            .filter(|l| l.trim() == "清江市司法局")
            .count();
        assert!(signs >= 1);
    }
    let text = docx_text(&zip_part(&letter.path, "word/document.xml"));
    assert!(
        text.contains("head: 中华人民共和国国务院办公厅"),
        "markers are text"
    );
    // The .xlsx holds the long note cut to the cell limit with an ellipsis.
    let path = &docs_in(&written, "评查情况通报", "xlsx")[0].path;
    let mut wb: Xlsx<_> = calamine::open_workbook(path).expect("xlsx");
    let details = wb.worksheet_range("问题明细").expect("问题明细");
    let longest = details
        .rows()
        .filter_map(|row| row.get(4))
        .filter_map(|c| match c {
            Data::String(s) => Some(s.chars().count()),
            _ => None,
        })
        .max()
        .unwrap_or(0);
    assert_eq!(longest, 32_767);
    // The Markdown bulletin: no value line starts a heading or a table.
    let md = std::fs::read_to_string(&docs_in(&written, "评查情况通报", "md")[0].path).unwrap();
    assert!(
        !md.lines()
            .any(|l| l.starts_with("head:") || l.starts_with("# 伪造"))
    );
}

fn docs_in<'a>(written: &'a [Written], kind: &str, ext: &str) -> Vec<&'a Written> {
    written
        .iter()
        .filter(|w| w.kind == kind && w.path.extension().is_some_and(|e| e == ext))
        .collect()
}

#[test]
fn a_runaway_template_stops_with_a_message() {
    let r = rendered();
    let dir = tempfile::tempdir().expect("tempdir");
    let data_dir = dir.path().join("data");
    std::fs::create_dir_all(data_dir.join("templates")).expect("dirs");
    std::fs::write(
        data_dir.join("templates/letter.j2"),
        "{% for a in range(100000) %}{% for b in range(100000) %}p: x{% endfor %}{% endfor %}",
    )
    .expect("template");
    let settings = Settings::load(None, Some(&data_dir)).expect("load");
    let opts = Options {
        out: dir.path().join("out"),
        departments: vec![r.data.departments[0].name.clone()],
        formats: Formats::parse("docx").expect("formats"),
        today: today(),
    };
    let started = std::time::Instant::now();
    let e = report::write_all(&r.data, &settings, &opts, &|_, _| {}).unwrap_err();
    assert!(e.to_string().contains("letter.j2"), "{e}");
    assert!(
        started.elapsed().as_secs() < 60,
        "stopped by the fuel limit"
    );
}

#[test]
fn due_dates_move_off_weekends_and_the_spring_festival() {
    let cal = pingcha::calendar::Calendar::builtin();
    let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
    let s = Settings::parse("rectification_days = 30", "t").unwrap();
    // 2024-07-18 + 30 = Saturday 17 August → Monday 19 August.
    assert_eq!(s.due(&cal, d("2024-07-18")), d("2024-08-19"));
    // 2025-01-01 + 30 = 31 January, inside the Spring Festival holiday
    // (28 January – 4 February 2025) → Wednesday 5 February.
    assert_eq!(s.due(&cal, d("2025-01-01")), d("2025-02-05"));
    // Working days: 15 working days from 2025-01-20 skip the festival and
    // count the Sunday 26 January make-up day.
    let w = Settings::parse(
        "rectification_days = 15\nrectification_day_kind = \"working\"",
        "t",
    )
    .unwrap();
    let due = w.due(&cal, d("2025-01-20"));
    assert_eq!(
        cal.workdays_between(d("2025-01-20"), due),
        Some(15),
        "{due}"
    );
    assert_eq!(cal.is_workday(due), Some(true));
    assert!(Settings::parse("rectification_day_kind = \"lunar\"", "t").is_err());
}

#[test]
fn the_bulletin_says_what_happened() {
    let r = rendered();
    let md = std::fs::read_to_string(&docs(r, "评查情况通报", "md")[0].path).expect("md");
    let d = &r.data;
    if !d.scope.sampled {
        assert!(!md.contains("抽查"), "every file taken: no 抽查");
    }
    if !d.unit.grades.contains(&pingcha::model::Grade::Good) {
        assert!(!md.contains("良好"), "no 良好 under a three-grade standard");
    }
    let iso = |s: &str| {
        s.as_bytes().windows(10).any(|w| {
            w[4] == b'-'
                && w[7] == b'-'
                && w[..4].iter().all(u8::is_ascii_digit)
                && w[5..7].iter().all(u8::is_ascii_digit)
                && w[8..].iter().all(u8::is_ascii_digit)
        })
    };
    for w in r.written.iter().filter(|w| w.kind != "评查表") {
        let text = match w.path.extension().and_then(|e| e.to_str()) {
            Some("docx") => docx_text(&zip_part(&w.path, "word/document.xml")),
            Some("md") => std::fs::read_to_string(&w.path).unwrap(),
            _ => continue,
        };
        assert!(!iso(&text), "{}: an ISO date", w.path.display());
        for code in ["CF-", "GS-", "全国默认", "（见", "（（", "））"] {
            assert!(!text.contains(code), "{}: {code}", w.path.display());
        }
        for l in text.lines() {
            let c: Vec<char> = l.chars().collect();
            for k in 1..c.len().saturating_sub(1) {
                let han = |x: char| ('\u{4E00}'..='\u{9FFF}').contains(&x);
                assert!(
                    !(c[k] == ' ' && han(c[k - 1]) && han(c[k + 1])),
                    "{}: stray space in {l}",
                    w.path.display()
                );
            }
        }
    }
    // Vetoed files are named; each distinct problem appears once per letter.
    let s = settings();
    let date = s.doc_date(today());
    let composer = pingcha::report::compose::Composer::new(
        d,
        &s,
        pingcha::report::compose::Issue::draft(date, date),
    )
    .unwrap();
    let veto_line = md
        .lines()
        .find(|l| l.starts_with("因存在一票否决情形"))
        .unwrap_or("");
    for f in d.files.iter().filter(|f| !f.vetoes.is_empty()) {
        // 清交执罚〔2024〕6号、7号、8号: the number after the shared prefix.
        let tail: String = f
            .case_no
            .rsplit('〕')
            .next()
            .unwrap_or(&f.case_no)
            .to_string();
        assert!(
            veto_line.contains(&f.department) && veto_line.contains(&tail),
            "veto failure {} named: {veto_line}",
            f.case_no
        );
    }
    for dept in d.departments.iter().filter(|x| x.findings > 0) {
        let w = r
            .written
            .iter()
            .find(|w| w.path.ends_with(format!("评查建议书_{}.docx", dept.name)))
            .unwrap();
        let text = docx_text(&zip_part(&w.path, "word/document.xml"));
        let body = text.split("附件：评查问题清单").next().unwrap();
        for f in d.files_of(dept) {
            for fd in &f.findings {
                let p = composer.public(&pingcha::report::compose::body_text(fd));
                if p.chars().count() > 6 && !p.contains('某') {
                    assert_eq!(
                        body.matches(&format!("．{p}（")).count(),
                        1,
                        "{}: “{p}” once in the body",
                        dept.name
                    );
                }
            }
        }
        assert!(text.contains("附件\n"), "the attachment");
        assert!(text.contains("评查问题清单"));
        assert!(
            body.contains("本局将对整改情况进行核验"),
            "self-reference from settings"
        );
    }
    // The chart: native in the .xlsx, a figure in the .docx.
    let xlsx = &docs(r, "评查情况通报", "xlsx")[0].path;
    let f = std::fs::File::open(xlsx).unwrap();
    let z = zip::ZipArchive::new(f).unwrap();
    assert!(
        z.file_names().any(|n| n.starts_with("xl/charts/chart")),
        "native chart"
    );
    let docx = docx_text(&zip_part(
        &docs(r, "评查情况通报", "docx")[0].path,
        "word/document.xml",
    ));
    assert!(docx.contains("各单位案卷合格率"));
}

#[test]
fn the_issuer_is_not_always_a_bureau() {
    let r = rendered();
    let s = Settings::parse(
        "issuing_body = \"清江市人民政府行政执法监督办公室\"\ndate = \"2024-07-18\"",
        "t",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let dept = r.data.departments.iter().find(|d| d.findings > 0).unwrap();
    let opts = Options {
        out: out.path().to_path_buf(),
        departments: vec![dept.name.clone()],
        formats: Formats::parse("docx").unwrap(),
        today: today(),
    };
    let written = report::write_all(&r.data, &s, &opts, &|_, _| {}).unwrap();
    let letter = written.iter().find(|w| w.kind == "评查建议书").unwrap();
    let text = docx_text(&zip_part(&letter.path, "word/document.xml"));
    assert!(text.contains("本办将对整改情况进行核验"), "{text}");
    assert!(!text.contains("本局") && !text.contains("我局"));
    let core = zip_part(&letter.path, "docProps/core.xml");
    assert!(core.contains("<dc:creator>清江市人民政府行政执法监督办公室</dc:creator>"));
    assert!(core.contains("2024-07-18T"));
}

#[test]
fn gbt_9704_geometry_in_the_xml() {
    let r = rendered();
    for w in r.written.iter().filter(|w| {
        w.kind == "评查建议书"
            || (w.kind == "评查情况通报" && w.path.extension().is_some_and(|e| e == "docx"))
    }) {
        let xml = zip_part(&w.path, "word/document.xml");
        let name = w.path.display();
        // 版记: rules across the text block, first and last 0.35 mm (sz 8),
        // between the lines 0.25 mm (sz 6), the text one character in.
        // The 版记 is the last table, in the last section (on an even page,
        // at the foot of the page).
        let last_section = xml.rsplit("<w:sectPr>").next().unwrap();
        assert!(
            last_section.contains(r#"<w:type w:val="evenPage"/>"#)
                && last_section.contains(r#"<w:vAlign w:val="bottom"/>"#),
            "{name}: 版记 section"
        );
        let colophon = xml
            .rsplit("<w:tbl>")
            .next()
            .filter(|t| t.contains("印发"))
            .unwrap_or_else(|| panic!("{name}: a 版记"));
        assert!(
            colophon.contains(r#"<w:tblW w:w="8844" w:type="dxa"/>"#),
            "{name}"
        );
        assert!(
            colophon.contains(r#"<w:top w:val="single" w:sz="8""#),
            "{name}"
        );
        assert!(
            colophon.contains(r#"<w:bottom w:val="single" w:sz="8""#),
            "{name}"
        );
        assert!(
            colophon.contains(r#"<w:insideH w:val="single" w:sz="6""#),
            "{name}"
        );
        assert!(
            colophon.contains(r#"<w:left w:w="315" w:type="dxa"/>"#),
            "{name}: text one character in"
        );
        assert!(
            xml.rfind("印发").unwrap() > xml.rfind("评查问题清单").unwrap_or(0),
            "{name}: 版记 after the attachment"
        );
        assert!(!xml.contains("<w:shd"), "{name}: no grey shading");
        // Run-in level-2 headings in 楷体, level-1 in 黑体.
        assert!(
            xml.contains(r#"w:eastAsia="楷体_GB2312""#),
            "{name}: 楷体 headings"
        );
        assert!(
            xml.contains(r#"w:eastAsia="黑体""#),
            "{name}: 黑体 headings"
        );
        // Page numbers: 4号 宋体.
        let footer = zip_part(&w.path, "word/footer1.xml");
        assert!(
            footer.contains("宋体") && footer.contains(r#"w:val="28""#),
            "{name}: 4号宋体 page number"
        );
        // Document properties.
        let core = zip_part(&w.path, "docProps/core.xml");
        assert!(
            core.contains("<dc:creator>清江市司法局</dc:creator>"),
            "{name}"
        );
        assert!(
            core.contains(&format!("{DATE}T")),
            "{name}: created = the document's date"
        );
    }
}
