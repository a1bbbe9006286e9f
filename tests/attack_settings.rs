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
