//! Hostile documents' settings: each refused at load with the key named,
//! before any document is written.

mod attack_common;
use attack_common::*;

fn refused_naming(b: &Bench, toml: &str, key: &str) {
    let settings = b.dir.path().join("s.toml");
    std::fs::write(&settings, toml).unwrap();
    let out = b.dir.path().join("out");
    let err = b.fails(&[
        "report",
        "--draft",
        "--settings",
        settings.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(err.contains(key), "{toml}: expected “{key}” in {err}");
    assert!(err.contains("设置文件"), "{err}");
    let written = std::fs::read_dir(&out).map(|d| d.count()).unwrap_or(0);
    assert_eq!(written, 0, "{toml}: documents written");
}

#[test]
fn out_of_range_settings_are_refused_naming_the_key() {
    let b = bench();
    for (toml, key) in [
        ("date = \"0000-01-01\"", "date"),
        ("date = \"+2024-01-01\"", "date"),
        ("date = \"2024-1-1\"", "date"),
        ("date = \"2999-01-01\"", "date"),
        ("rectification_days = nan", "rectification_days"),
        ("rectification_days = -5", "rectification_days"),
        ("rectification_days = 99999999999", "rectification_days"),
        ("first_seq = 4294967295", "first_seq"),
        ("first_seq = 1e10", "first_seq"),
        ("mask_style = \"xyz\"", "mask_style"),
    ] {
        refused_naming(&b, toml, key);
    }
}

/// A bureau's holiday file (`PINGCHA_HOLIDAYS`) with a year or a range no
/// notice has: refused naming the file, never allocated.
#[test]
fn holiday_files_out_of_range_are_refused() {
    let b = bench();
    let dir = b.dir.path().join("holidays");
    std::fs::create_dir(&dir).unwrap();
    let head = |year: &str| {
        format!(
            "year = {year}\nnotice = \"通知\"\ndoc_no = \"国办发明电〔2026〕1号\"\nworkdays = []\n"
        )
    };
    for (text, what) in [
        (head("2147483647"), "年份"),
        (head("-5"), "年份"),
        (
            format!(
                "{}[[holidays]]\nname = \"假\"\nfrom = \"0001-01-01\"\nto = \"9999-12-31\"\ndays = 1\n",
                head("2027")
            ),
            "假",
        ),
        (
            format!(
                "{}workdays = [\"1000-01-01\"]\n",
                head("2027").replace("workdays = []\n", "")
            ),
            "1000-01-01",
        ),
    ] {
        std::fs::write(dir.join("2027.toml"), &text).unwrap();
        let out = b
            .main()
            .env("PINGCHA_HOLIDAYS", &dir)
            .arg("cases")
            .timeout(std::time::Duration::from_secs(60))
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{text}");
        assert!(!err.contains("panicked"), "{err}");
        assert!(err.contains("2027.toml"), "{err}");
        assert!(err.contains(what), "{text}: expected “{what}” in {err}");
    }
}

/// A standard of 200,000 items would be read by every later command:
/// refused at import, the database unchanged.
#[test]
fn a_standard_of_too_many_items_is_refused() {
    let b = bench();
    let mut text = std::fs::read_to_string("checklists/cf.toml")
        .unwrap()
        .replacen("id = \"CF\"", "id = \"ZZ\"", 1);
    for i in 0..20_000 {
        text.push_str(&format!(
            "\n[[items]]\nid = \"ZZ-{i}\"\ncategory = \"执法主体\"\ntext = \"项目\"\npoints = 1\n"
        ));
    }
    let path = b.dir.path().join("zz.toml");
    std::fs::write(&path, text).unwrap();
    let err = b.fails(&["checklists", "import", path.to_str().unwrap()]);
    assert!(err.contains("超过上限 1000"), "{err}");
    let list = b.ok(&["checklists"]);
    assert!(!list.contains("ZZ"), "{list}");
}

/// A settings file, a template or a holiday notice that is a device or a
/// pipe is refused, never read (reading /dev/zero never ended).
#[test]
fn settings_templates_and_holidays_that_are_devices_are_refused() {
    let b = bench();
    let out = b.dir.path().join("out");
    let run = b
        .main()
        .args(["report", "--draft", "--settings", "/dev/zero", "--out"])
        .arg(&out)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(!run.status.success());
    assert!(err.contains("不是普通文件"), "{err}");
    let dir = b.dir.path().join("holidays");
    std::fs::create_dir(&dir).unwrap();
    std::os::unix::fs::symlink("/dev/zero", dir.join("2027.toml")).unwrap();
    let run = b
        .main()
        .env("PINGCHA_HOLIDAYS", &dir)
        .arg("cases")
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(!run.status.success());
    assert!(err.contains("不是普通文件"), "{err}");
}
