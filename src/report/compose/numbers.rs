//! How numbers, dates and lists of files read in the documents.

/// 1 → 一, 12 → 十二, 20 → 二十.
pub fn cn_num(n: usize) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n].to_string(),
        10 => "十".into(),
        11..=19 => format!("十{}", D[n - 10]),
        20..=99 => format!(
            "{}十{}",
            D[n / 10],
            if n.is_multiple_of(10) { "" } else { D[n % 10] }
        ),
        _ => n.to_string(),
    }
}

/// 0.8333 → 83.3%: the one percentage text of every figure.
pub use crate::scoring::percent_text as pct;

/// A score with one decimal place, as the documents print every score:
/// 98.0 → 98.0, 97.45 → 97.5.
pub fn score(x: f64) -> String {
    format!("{:.1}", (x * 10.0).round() / 10.0 + 0.0)
}

/// The review's name as the documents use it in a sentence ("组织开展了…",
/// "关于…情况的通报"): the batch's name, completed with 行政执法案卷评查 when
/// it does not say what it is (the default batch of a one-review database is
/// simply 行政执法案卷评查).
pub fn review_name(batch: &str) -> String {
    let b = batch.trim();
    if b.is_empty() || b == "默认批次" {
        "行政执法案卷评查".to_string()
    } else if b.contains("评查") {
        b.to_string()
    } else {
        format!("{b}行政执法案卷评查")
    }
}

/// Splits `清应急罚〔2024〕13号` into (`清应急罚〔2024〕`, `13`, `号`).
fn split_case_no(s: &str) -> Option<(&str, &str, &str)> {
    let end = s.rfind(|c: char| c.is_ascii_digit())? + 1;
    let start = s[..end]
        .rfind(|c: char| !c.is_ascii_digit())
        .map_or(0, |i| i + s[i..].chars().next().map_or(1, char::len_utf8));
    if start == 0 || start >= end {
        return None;
    }
    Some((&s[..start], &s[start..end], &s[end..]))
}

/// Case numbers in a sentence, the shared prefix written once:
/// `清应急罚〔2024〕9号、13号、17号`.
pub fn case_list(case_nos: &[String]) -> String {
    let mut out = String::new();
    let mut prev_prefix: Option<(&str, &str)> = None;
    for (i, c) in case_nos.iter().enumerate() {
        if i > 0 {
            out.push('、');
        }
        match split_case_no(c) {
            Some((prefix, n, suffix)) if prev_prefix == Some((prefix, suffix)) => {
                out.push_str(n);
                out.push_str(suffix);
            }
            Some((prefix, _, suffix)) => {
                out.push_str(c);
                prev_prefix = Some((prefix, suffix));
            }
            None => {
                out.push_str(c);
                prev_prefix = None;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals_and_scores() {
        assert_eq!(cn_num(1), "一");
        assert_eq!(cn_num(10), "十");
        assert_eq!(cn_num(12), "十二");
        assert_eq!(cn_num(20), "二十");
        assert_eq!(cn_num(23), "二十三");
        assert_eq!(score(98.0), "98.0");
        assert_eq!(score(97.45), "97.5");
        assert_eq!(score(-0.0), "0.0");
        assert_eq!(pct(0.8333), "83.3%");
    }

    #[test]
    fn case_numbers_share_their_prefix() {
        let v = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            case_list(&v(&[
                "清应急罚〔2024〕9号",
                "清应急罚〔2024〕13号",
                "清应急罚〔2024〕17号"
            ])),
            "清应急罚〔2024〕9号、13号、17号"
        );
        assert_eq!(
            case_list(&v(&["清应急罚〔2024〕9号", "清应急许〔2024〕2号"])),
            "清应急罚〔2024〕9号、清应急许〔2024〕2号"
        );
        assert_eq!(case_list(&v(&["A", "B"])), "A、B");
    }

    #[test]
    fn a_batch_name_reads_as_the_review() {
        assert_eq!(review_name("默认批次"), "行政执法案卷评查");
        assert_eq!(
            review_name("2024年度行政执法案卷评查"),
            "2024年度行政执法案卷评查"
        );
        assert_eq!(
            review_name("2025年第三季度"),
            "2025年第三季度行政执法案卷评查"
        );
    }
}
