//! The quick text scan agrees with the text rule it stands in for.

use super::super::text::text_problem;
use super::*;

#[test]
fn clean_agrees_with_the_text_rule() {
    let latin1: String = "案号".bytes().map(|b| b as char).collect();
    let samples = [
        "",
        "潜市监罚〔2024〕15号",
        "（全角括号）ＡＢＣ１２３",
        "Café Müller",
        "a\u{0}b",
        "\u{1B}]0;x\u{7}",
        "a\u{85}b",
        "a\u{9B}b",
        "a\u{7F}",
        "第一行\n第二行\r\n\t缩进",
        "坏\u{FFFD}字",
        "\u{FFFC}\u{FFFE}\u{FF5E}",
        "\u{200B}零宽",
        &latin1,
    ];
    for s in samples {
        for multiline in [false, true] {
            if clean(s, multiline) {
                assert_eq!(text_problem(s, multiline), None, "{s:?} {multiline}");
            }
        }
    }
    assert!(clean("潜市监罚〔2024〕15号（全角）", false));
    assert!(clean("第一行\n第二行", true));
    assert!(!clean("第一行\n第二行", false));
    assert!(!clean(&latin1, true));
    assert!(!clean("坏\u{FFFD}", true));
}

#[test]
fn scan_sees_values_keys_and_field_context() {
    #[derive(Serialize)]
    struct Rec {
        title: String,
        note: String,
        extra: std::collections::BTreeMap<String, Vec<String>>,
    }
    let ok = Rec {
        title: "标题".into(),
        note: "一\n二".into(),
        extra: [("备注".to_string(), vec!["甲\n乙".to_string()])].into(),
    };
    assert!(all_clean(&ok));
    let bad_title = Rec {
        title: "一\n二".into(),
        ..ok
    };
    assert!(!all_clean(&bad_title));
    let bad_key = Rec {
        title: "标题".into(),
        note: String::new(),
        extra: [("键\u{1B}".to_string(), vec![])].into(),
    };
    assert!(!all_clean(&bad_key));
    let single_line_extra = Rec {
        title: "标题".into(),
        note: String::new(),
        extra: [("url".to_string(), vec!["a\nb".to_string()])].into(),
    };
    assert!(!all_clean(&single_line_extra));
}
