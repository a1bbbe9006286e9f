//! Crafted inputs against `pingcha import`: spreadsheets that would take
//! gigabytes, folders with links out of them and to devices, a large
//! `.jsonl` — each refused (or read) within a bounded amount of memory,
//! with a Chinese message, storing nothing on refusal.

use assert_cmd::Command;
use std::io::Write;
use std::path::{Path, PathBuf};

fn pingcha(db: &Path) -> Command {
    let mut c = Command::cargo_bin("pingcha").expect("binary");
    c.arg("--db").arg(db).env_remove("PINGCHA_DB");
    c
}

/// What one measured run did.
struct Run {
    ok: bool,
    stdout: String,
    stderr: String,
    /// Peak resident memory of the child, in MB.
    max_rss_mb: u64,
}

/// Runs `pingcha --db db args…` as a child and reads its peak memory from
/// `wait4` (this child's own figure, whatever other tests run meanwhile).
#[cfg(unix)]
#[allow(clippy::zombie_processes)] // reaped by wait4 below
fn measured(db: &Path, args: &[&str]) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let (out, err) = (dir.path().join("out"), dir.path().join("err"));
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_pingcha"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("PINGCHA_DB")
        .stdout(std::fs::File::create(&out).unwrap())
        .stderr(std::fs::File::create(&err).unwrap())
        .spawn()
        .unwrap();
    let mut status = 0;
    // SAFETY: a zeroed rusage is a valid value for wait4 to fill.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child, whose pid we hold.
    let pid = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut ru) };
    assert_eq!(pid, child.id() as i32);
    eprintln!("{args:?}: peak {} MB", ru.ru_maxrss / 1024);
    Run {
        ok: libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        stdout: std::fs::read_to_string(out).unwrap(),
        stderr: std::fs::read_to_string(err).unwrap(),
        max_rss_mb: ru.ru_maxrss as u64 / 1024,
    }
}

fn cases_count(db: &Path) -> usize {
    if !db.exists() {
        return 0;
    }
    let out = pingcha(db).args(["cases", "--json"]).output().unwrap();
    serde_json::from_slice::<serde_json::Value>(&out.stdout)
        .map(|v| v.as_array().map_or(0, Vec::len))
        .unwrap_or(0)
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="台账" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;

/// A workbook whose first sheet's XML is `sheet` (and shared strings, if
/// given), deflated; `pad` MB of spaces go before the sheet's end. The
/// parts are written in chunks: a test holding hundreds of MB would count
/// in its children's peak memory (a child starts as a copy of its parent).
fn workbook(path: &Path, sheet: &[u8], shared: Option<(&str, usize, &str)>, pad: usize) {
    let f = std::fs::File::create(path).unwrap();
    let mut z = zip::ZipWriter::new(f);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    for (name, body) in [
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", RELS.as_bytes()),
        ("xl/workbook.xml", WORKBOOK.as_bytes()),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.as_bytes()),
    ] {
        z.start_file(name, opts).unwrap();
        z.write_all(body).unwrap();
    }
    z.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
    let end = sheet.len() - "</worksheet>".len();
    z.write_all(&sheet[..end]).unwrap();
    let spaces = vec![b' '; 1 << 20];
    for _ in 0..pad {
        z.write_all(&spaces).unwrap();
    }
    z.write_all(&sheet[end..]).unwrap();
    if let Some((head, times, item)) = shared {
        z.start_file("xl/sharedStrings.xml", opts).unwrap();
        z.write_all(head.as_bytes()).unwrap();
        let chunk = item.repeat(10_000);
        for _ in 0..times / 10_000 {
            z.write_all(chunk.as_bytes()).unwrap();
        }
        z.write_all(b"</sst>").unwrap();
    }
    z.finish().unwrap();
}

fn sheet_with(cells: &str, dimension: &str) -> Vec<u8> {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="{dimension}"/><sheetData>{cells}</sheetData></worksheet>"#
    )
    .into_bytes()
}

const HEADER_ROW: &str = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>案号</t></is></c><c r="B1" t="inlineStr"><is><t>执法部门</t></is></c><c r="C1" t="inlineStr"><is><t>案件类型</t></is></c></row>"#;

fn refused(run: &Run, db: &Path, expect: &str) {
    assert!(!run.ok, "accepted: {}", run.stdout);
    assert!(run.stderr.contains(expect), "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert_eq!(cases_count(db), 0);
}

#[test]
fn sparse_and_declared_dimensions_are_refused_before_allocating() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    // One real cell far away: the range is A1:XFD30000 (491 million cells).
    let far = format!(r#"{HEADER_ROW}<row r="30000"><c r="XFD30000"><v>1</v></c></row>"#);
    let sparse = dir.path().join("sparse.xlsx");
    workbook(&sparse, &sheet_with(&far, "A1:C1"), None, 0);
    assert!(std::fs::metadata(&sparse).unwrap().len() < 10_000);
    let run = measured(&db, &["import", sparse.to_str().unwrap()]);
    refused(&run, &db, "数据范围");
    assert!(run.max_rss_mb < 200, "{} MB", run.max_rss_mb);

    // The last cell a sheet can have.
    let last = format!(r#"{HEADER_ROW}<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#);
    let path = dir.path().join("last.xlsx");
    workbook(&path, &sheet_with(&last, "A1:XFD1048576"), None, 0);
    let run = measured(&db, &["import", path.to_str().unwrap()]);
    refused(&run, &db, "超过上限 1000000");
    assert!(run.max_rss_mb < 200, "{} MB", run.max_rss_mb);

    // A declared dimension alone.
    let path = dir.path().join("declared.xlsx");
    workbook(&path, &sheet_with(HEADER_ROW, "A1:Z100000"), None, 0);
    let run = measured(&db, &["import", path.to_str().unwrap()]);
    refused(&run, &db, "声明范围");
}

#[test]
fn deflate_and_shared_strings_bombs_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    // 200 MB of whitespace inside the sheet: a few hundred KB compressed.
    let bomb = dir.path().join("bomb.xlsx");
    workbook(&bomb, &sheet_with(HEADER_ROW, "A1:C1"), None, 200);
    assert!(std::fs::metadata(&bomb).unwrap().len() < 2 << 20);
    let run = measured(&db, &["import", bomb.to_str().unwrap()]);
    refused(&run, &db, "压缩炸弹");
    assert!(run.max_rss_mb < 250, "{} MB", run.max_rss_mb);

    // Two million one-character shared strings.
    let head = r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#;
    let path = dir.path().join("strings.xlsx");
    let shared = Some((head, 2_000_000, "<si><t>a</t></si>"));
    workbook(&path, &sheet_with(HEADER_ROW, "A1:C1"), shared, 0);
    let run = measured(&db, &["import", path.to_str().unwrap()]);
    refused(&run, &db, "共享字符串");
    assert!(run.max_rss_mb < 250, "{} MB", run.max_rss_mb);
}

/// Found by the hour-long fuzz run: a cell naming a shared string the
/// workbook does not have panicked inside the spreadsheet reader.
#[test]
fn a_cell_naming_a_missing_shared_string_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let cell = format!(r#"{HEADER_ROW}<row r="2"><c r="A2" t="s"><v>7</v></c></row>"#);
    // No shared strings at all, then fewer than the cell names.
    let head = r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#;
    for (name, shared) in [
        ("none.xlsx", None),
        ("few.xlsx", Some((head, 0, "<si><t>a</t></si>"))),
    ] {
        let path = dir.path().join(name);
        workbook(&path, &sheet_with(&cell, "A1:C2"), shared, 0);
        let run = measured(&db, &["import", path.to_str().unwrap()]);
        refused(&run, &db, "共享字符串");
    }
}

#[test]
fn a_broken_zip_is_refused_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let path = dir.path().join("broken.xlsx");
    std::fs::write(&path, b"PK\x03\x04 not really a zip").unwrap();
    let out = pingcha(&db)
        .args(["import", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("不是有效的 .xlsx 工作簿"), "{err}");
}

fn record(no: &str) -> String {
    serde_json::json!({"case_no": no, "department": "清江市交通运输局", "kind": "行政处罚"})
        .to_string()
}

#[cfg(unix)]
#[test]
fn folders_never_follow_links_out_nor_read_devices() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let folder = dir.path().join("卷宗");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("a.jsonl"), record("清交执罚〔2024〕1号")).unwrap();
    let outside = dir.path().join("outside.json");
    std::fs::write(&outside, record("清交执罚〔2024〕99号")).unwrap();
    std::os::unix::fs::symlink(&outside, folder.join("b.json")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", folder.join("zero.json")).unwrap();
    std::os::unix::fs::symlink(dir.path(), folder.join("up")).unwrap();
    let fifo = folder.join("pipe.jsonl");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    // A link inside the folder is read once, as its target.
    std::fs::write(folder.join("c.json"), record("清交执罚〔2024〕3号")).unwrap();
    std::os::unix::fs::symlink(folder.join("c.json"), folder.join("d.json")).unwrap();

    let run = measured(&db, &["import", folder.to_str().unwrap()]);
    assert!(run.ok, "{}", run.stderr);
    assert!(run.stdout.contains("新增 2"), "{}", run.stdout);
    let all = format!("{}{}", run.stdout, run.stderr);
    assert!(all.contains("所选文件夹以外"), "{all}");
    assert!(all.contains("特殊文件"), "{all}");
    assert!(run.max_rss_mb < 200, "{} MB", run.max_rss_mb);

    // Named directly, a device or a pipe is refused, never read.
    for special in ["/dev/zero", fifo.to_str().unwrap()] {
        let link = dir.path().join("x.jsonl");
        let _ = std::fs::remove_file(&link);
        std::os::unix::fs::symlink(special, &link).unwrap();
        let run = measured(&db, &["import", link.to_str().unwrap()]);
        assert!(!run.ok);
        assert!(run.stderr.contains("不是普通文件"), "{}", run.stderr);
    }
}

/// A `.jsonl` line of about `n` bytes.
fn padded(no: usize, n: usize) -> String {
    let title = "某".repeat(n / 3);
    serde_json::json!({
        "case_no": format!("清交执罚〔2024〕{no}号"),
        "department": "清江市交通运输局",
        "kind": "行政处罚",
        "title": title,
    })
    .to_string()
}

#[cfg(unix)]
#[test]
fn a_large_jsonl_is_streamed_and_still_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let path = dir.path().join("big.jsonl");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    // 30 MB in 1,000 records of 30 KB: held whole (text, values, files) it
    // takes several times its size.
    let n = 1000;
    for i in 1..=n {
        writeln!(f, "{}", padded(i, 30_000)).unwrap();
    }
    f.flush().unwrap();
    drop(f);
    let size = std::fs::metadata(&path).unwrap().len() >> 20;
    assert!(size >= 28, "{size} MB");

    // One bad record at the end: nothing is stored.
    let bad = dir.path().join("bad.jsonl");
    std::fs::copy(&path, &bad).unwrap();
    let mut f = std::fs::OpenOptions::new().append(true).open(&bad).unwrap();
    writeln!(f, r#"{{"case_no": "清交执罚〔2024〕9999号", "department": "x", "kind": "行政处罚", "decision": {{"date": "2024-02-30"}}}}"#).unwrap();
    writeln!(f, "{}", padded(1, 100)).unwrap();
    drop(f);
    let run = measured(&db, &["import", bad.to_str().unwrap()]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains(&format!("第 {} 行", n + 1)),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("2024-02-30"), "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!("第 {} 行", n + 2)),
        "{}",
        run.stderr
    );
    assert_eq!(cases_count(&db), 0);

    let run = measured(&db, &["import", path.to_str().unwrap()]);
    assert!(run.ok, "{}", run.stderr);
    assert!(run.stdout.contains(&format!("新增 {n}")), "{}", run.stdout);
    assert!(
        run.max_rss_mb < 120,
        "{} MB for a {size} MB file",
        run.max_rss_mb
    );
    assert_eq!(cases_count(&db), n);

    // A line as long as the file allows is refused, never buffered whole.
    let long = dir.path().join("long.jsonl");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&long).unwrap());
    f.write_all(b"{\"case_no\": \"").unwrap();
    for _ in 0..40 {
        f.write_all(&[b'a'; 1 << 20]).unwrap();
    }
    f.write_all(b"\"}\n").unwrap();
    drop(f);
    let db2: PathBuf = dir.path().join("t2.db");
    let run = measured(&db2, &["import", long.to_str().unwrap()]);
    assert!(!run.ok);
    assert!(run.stderr.contains("这一行超过"), "{}", run.stderr);
    assert!(run.max_rss_mb < 120, "{} MB", run.max_rss_mb);
}

#[test]
fn a_large_json_file_is_refused_with_advice() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let path = dir.path().join("big.json");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    write!(f, "[").unwrap();
    for i in 1..=3500 {
        if i > 1 {
            write!(f, ",").unwrap();
        }
        write!(f, "{}", padded(i, 20_000)).unwrap();
    }
    write!(f, "]").unwrap();
    drop(f);
    let out = pingcha(&db)
        .args(["import", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(".jsonl"), "{err}");
}

/// Imports `body` as a file named `name`; the refusal's message.
fn refusal(name: &str, body: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let path = dir.path().join(name);
    std::fs::write(&path, body).unwrap();
    let out = pingcha(&db)
        .args(["import", path.to_str().unwrap()])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(!out.status.success(), "{name} accepted");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(cases_count(&db), 0, "{err}");
    err
}

fn with(field: &str, value: serde_json::Value) -> Vec<u8> {
    let mut v = serde_json::json!({"case_no": "清交执罚〔2024〕1号", "department": "清江市交通运输局", "kind": "行政处罚"});
    let mut at = &mut v;
    let parts: Vec<&str> = field.split('.').collect();
    for (i, p) in parts.iter().enumerate() {
        if i + 1 == parts.len() {
            at[*p] = value.clone();
        } else {
            if at.get(*p).is_none() {
                at[*p] = serde_json::json!({});
            }
            at = &mut at[*p];
        }
    }
    v.to_string().into_bytes()
}

#[test]
fn dates_outside_the_spec_are_refused() {
    for bad in [
        "0000-01-01",
        "+2024-01-01",
        "2024-1-1",
        "1899-12-31",
        "2101-01-01",
        "2024-02-30",
    ] {
        let err = refusal("a.jsonl", &with("decision.date", bad.into()));
        assert!(
            err.contains("decision.date") && err.contains(bad),
            "{bad}: {err}"
        );
    }
    // Ledger dates too: the year range holds whatever the spelling.
    let err = refusal(
        "l.csv",
        "案号,执法部门,案件类型,立案日期\n清交执罚〔2024〕1号,清江市交通运输局,行政处罚,1850年3月4日\n".as_bytes(),
    );
    assert!(err.contains("1850"), "{err}");
}

#[test]
fn money_outside_the_spec_is_refused() {
    for (bad, why) in [
        (serde_json::json!(1e308), "上限"),
        (serde_json::json!(-0.01), "负数"),
        (serde_json::json!(1.005), "两位小数"),
    ] {
        let err = refusal("a.jsonl", &with("decision.fine_yuan", bad.clone()));
        assert!(
            err.contains("fine_yuan") && err.contains(why),
            "{bad}: {err}"
        );
    }
}

#[test]
fn control_characters_are_refused_in_every_text_field() {
    for (field, value) in [
        ("case_no", "清交执罚\u{0}〔2024〕1号"),
        ("case_no", "\u{1b}]0;owned\u{7}清交执罚〔2024〕1号"),
        ("department", "清江市\u{1b}[31m交通运输局"),
        ("party.name", "张三\u{9b}"),
        ("title", "某案\n标题：伪造"),
        ("其他字段", "x\u{0}y"),
    ] {
        let err = refusal("a.jsonl", &with(field, value.into()));
        assert!(
            err.contains(field) && err.contains("控制字符"),
            "{field}: {err}"
        );
    }
}

#[test]
fn duplicate_keys_are_refused_naming_the_key() {
    let err = refusal(
        "a.jsonl",
        r#"{"case_no": "清交执罚〔2024〕1号", "department": "甲", "department": "乙", "kind": "行政处罚"}"#.as_bytes(),
    );
    assert!(
        err.contains("“department”") && err.contains("两次"),
        "{err}"
    );
    let err = refusal(
        "a.json",
        r#"[{"case_no": "1", "department": "甲", "kind": "行政处罚"}, {"case_no": "2", "department": "甲", "kind": "行政处罚", "party": {"name": "甲", "name": "乙"}}]"#.as_bytes(),
    );
    assert!(
        err.contains("第 2 条记录") && err.contains("party.name"),
        "{err}"
    );
}

#[test]
fn an_overlong_case_number_is_refused() {
    let err = refusal("a.jsonl", &with("case_no", "罚".repeat(5000).into()));
    assert!(err.contains("超过上限 100"), "{err}");
}

#[test]
fn windows_1252_and_mojibake_are_refused_not_stored() {
    let (cp1252, _, _) = encoding_rs::WINDOWS_1252
        .encode("案号,执法部门,案件类型,当事人\n1,Amt,行政处罚,Müller Bäckerei Größe\n");
    let err = refusal("l.csv", &cp1252);
    assert!(err.contains("Windows-1252"), "{err}");
    // UTF-8 read as Latin-1 by an earlier tool, then saved as UTF-8.
    let latin1: String = "清江市交通运输局".bytes().map(|b| b as char).collect();
    let err = refusal("a.jsonl", &with("department", latin1.into()));
    assert!(err.contains("乱码"), "{err}");
}

/// A CSV ledger's header, as the samples write it.
fn ledger_header() -> String {
    std::fs::read_to_string("data/samples/ledger.csv")
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .to_string()
}

#[test]
fn a_csv_of_separators_is_refused_before_its_cells_are_made() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    // 20 million commas on one line: 20 million empty cells if read.
    let path = dir.path().join("wide.csv");
    {
        use std::io::Write;
        let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        writeln!(f, "{}", ledger_header()).unwrap();
        write!(f, "清交执罚〔2024〕1号").unwrap();
        let chunk = [b','; 1 << 20];
        for _ in 0..20 {
            f.write_all(&chunk).unwrap();
        }
        writeln!(f).unwrap();
    }
    let run = measured(&db, &["import", path.to_str().unwrap()]);
    refused(&run, &db, "台账最多 1000 列");
    assert!(run.stderr.contains("第 2 行"), "{}", run.stderr);
    assert!(run.max_rss_mb < 200, "{} MB", run.max_rss_mb);
    // A quoted comma is text, not a column.
    let path = dir.path().join("quoted.csv");
    let note = format!("\"{}\"", ",".repeat(5_000));
    std::fs::write(
        &path,
        format!("{}\n清交执罚〔2024〕1号,{note}\n", ledger_header()),
    )
    .unwrap();
    let run = measured(&db, &["import", path.to_str().unwrap()]);
    assert!(!run.stderr.contains("台账最多"), "{}", run.stderr);
}

#[test]
fn a_folder_of_large_files_is_bounded_in_sum() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let folder = dir.path().join("files");
    std::fs::create_dir(&folder).unwrap();
    // Three .json files of about 25 MB each: each under the per-file limit,
    // 75 MB together.
    let mut n = 0;
    for f in 0..3 {
        let mut w = std::io::BufWriter::new(
            std::fs::File::create(folder.join(format!("{f}.json"))).unwrap(),
        );
        let mut size = 0;
        w.write_all(b"[").unwrap();
        while size < 25_000_000 {
            let r = padded(n, 3_000);
            if size > 0 {
                w.write_all(b",").unwrap();
            }
            w.write_all(r.as_bytes()).unwrap();
            size += r.len();
            n += 1;
        }
        w.write_all(b"]").unwrap();
    }
    let run = measured(&db, &["import", folder.to_str().unwrap()]);
    refused(&run, &db, "合计超过 64 MB");
    assert!(run.stderr.contains("2.json"), "{}", run.stderr);
    assert!(run.max_rss_mb < 100, "{} MB", run.max_rss_mb);
}

/// An entry sheet (`case new`) and a standard (`checklists import`) are
/// workbooks too: the same bombs are refused there before allocating.
#[test]
fn entry_sheets_and_standards_are_guarded_like_ledgers() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let far = format!(r#"{HEADER_ROW}<row r="30000"><c r="XFD30000"><v>1</v></c></row>"#);
    let sparse = dir.path().join("sparse.xlsx");
    workbook(&sparse, &sheet_with(&far, "A1:C1"), None, 0);
    for args in [
        ["case", "new", sparse.to_str().unwrap()],
        ["checklists", "import", sparse.to_str().unwrap()],
    ] {
        let run = measured(&db, &args);
        assert!(!run.ok, "{args:?} accepted");
        assert!(run.stderr.contains("数据范围"), "{}", run.stderr);
        assert!(run.max_rss_mb < 200, "{args:?}: {} MB", run.max_rss_mb);
    }
    // A .docx standard whose document part inflates to 200 MB.
    let bomb = dir.path().join("bomb.docx");
    workbook(&bomb, &sheet_with(HEADER_ROW, "A1:C1"), None, 200);
    let run = measured(&db, &["checklists", "import", bomb.to_str().unwrap()]);
    assert!(!run.ok);
    assert!(run.stderr.contains("压缩炸弹"), "{}", run.stderr);
    assert!(run.max_rss_mb < 200, "{} MB", run.max_rss_mb);
    // A device named as a standard is never read.
    let run = measured(&db, &["checklists", "import", "/dev/zero"]);
    assert!(!run.ok);
    assert!(run.stderr.contains("不是普通文件"), "{}", run.stderr);
}
