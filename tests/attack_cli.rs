//! Hostile values typed on the command line: numbers that overflow a date,
//! dates outside any review, control characters in names and remarks.
//! Each is refused in Chinese, nothing written, nothing panics.

mod attack_common;
use attack_common::*;

#[test]
fn rectification_terms_and_dates_out_of_range_are_refused() {
    let b = bench();
    let dept = "清江市交通运输局";
    for days in ["99999999999", "9223372036854775807", "-5", "0"] {
        let arg = format!("--days={days}");
        let err = b.fails(&["rectify", "issue", "--department", dept, &arg]);
        assert!(err.contains("整改期限"), "{days}: {err}");
    }
    for date in ["0001-01-01", "9999-12-31"] {
        let err = b.fails(&["rectify", "issue", "--department", dept, "--date", date]);
        assert!(err.contains("1900 至 2100"), "{date}: {err}");
    }
    let list = b.ok(&["rectify", "list"]);
    assert!(!list.contains(dept), "{list}");
    b.ok(&["rectify", "issue", "--department", dept, "--days", "30"]);
}

#[test]
fn names_and_remarks_with_control_characters_are_refused() {
    let b = bench();
    let evil = "名\u{1b}]0;标题\u{7}称";
    let no = b.assigned("陈静")[0].clone();
    for args in [
        vec!["batch", "new", "--name", evil, "--type", "自查"],
        vec!["batch", "edit", "--name", evil],
        vec!["reviewer", "add", evil, "--department", "清江市司法局"],
        vec!["reviewer", "add", "赵六", "--department", evil],
        vec!["remark", &no, evil, "--reviewer", "陈静"],
    ] {
        let before = b.snapshot();
        let err = b.fails(&args);
        assert!(err.contains("控制字符 U+001B"), "{args:?}: {err}");
        assert!(!err.contains('\u{1b}'), "{err:?}");
        assert_eq!(before, b.snapshot(), "{args:?}");
    }
    let roster = b.ok(&["reviewer", "list"]);
    assert!(!roster.contains("赵六"), "{roster}");
}
