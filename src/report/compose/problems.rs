//! One wording per problem for the letters' bodies: an automatic check words
//! each finding with its own dates, counts and names ("决定日期2024年6月28日，
//! 案卷中无行政处罚事先告知记录"); the body states the problem once for all
//! the files it was found in ("案卷中无行政处罚事先告知记录"), and the
//! per-file wording stays in the attachment.

/// The wording of an automatic check's finding common to every file it was
/// raised in: the check's own problem where it words it with dates and
/// names, else the message without its dates and dated asides.
pub fn common_wording(check: &str, message: &str) -> String {
    if let Some(w) = known(check, message) {
        return w.to_string();
    }
    generalise(message)
}

/// The checks whose messages name people or periods: their problem in words.
fn known(check: &str, message: &str) -> Option<&'static str> {
    let has = |s: &str| message.contains(s);
    Some(match check {
        "officers" if has("执法证号") => "执法人员未载明执法证号",
        "officers" if has("失效") => "执法人员办案时执法证件已失效",
        "officers" if has("少于两人") => "承办执法人员少于两人",
        "notice" => "作出处罚决定前未履行事先告知程序",
        "hearing_right" => "应当告知听证权利而未告知",
        "decision_period" => "未在法定期限内作出处罚决定",
        "service" => "处罚决定书未在法定期限内送达",
        "disclosure" => "行政处罚决定信息未按规定期限公示",
        "payment" => "无罚款缴纳记录，也无催告、加处罚款或申请强制执行等记录",
        _ => return None,
    })
}

/// The message without dates, without asides in brackets that carry a
/// figure, and without a clause left as a bare label ("决定日期").
fn generalise(message: &str) -> String {
    let no_asides = drop_dated_asides(message);
    let mut clauses = Vec::new();
    for clause in no_asides.split('，') {
        let had_date = has_date(clause);
        let c = drop_dates(clause);
        let c = c.trim();
        if c.is_empty() || (had_date && c.chars().count() <= 4) {
            continue;
        }
        clauses.push(c.to_string());
    }
    let out = clauses.join("，");
    if out.is_empty() {
        message.to_string()
    } else {
        drop_echo(&out)
    }
}

/// Removes "（…）" and "(…)" asides that hold a digit.
fn drop_dated_asides(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '（' || c == '(' {
            let close = if c == '（' { '）' } else { ')' };
            let mut inner = String::new();
            let mut closed = false;
            for d in chars.by_ref() {
                if d == close {
                    closed = true;
                    break;
                }
                inner.push(d);
            }
            if closed && inner.chars().any(|d| d.is_ascii_digit()) {
                continue;
            }
            out.push(c);
            out.push_str(&inner);
            if closed {
                out.push(close);
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn has_date(s: &str) -> bool {
    drop_dates(s) != s
}

/// Removes dates (2024年6月28日, 2024-06-28) and the spaces around them.
fn drop_dates(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if let Some(len) = date_at(&chars[i..]) {
            while out.ends_with(' ') {
                out.pop();
            }
            i += len;
            while i < chars.len() && chars[i] == ' ' {
                i += 1;
            }
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// The length of a date starting here: four digits, then 年…月…日 or -MM-DD.
fn date_at(c: &[char]) -> Option<usize> {
    if c.len() < 8 || !c[..4].iter().all(char::is_ascii_digit) {
        return None;
    }
    let digits = |from: usize| c[from..].iter().take_while(|d| d.is_ascii_digit()).count();
    let sep = c[4];
    let (mid, end) = match sep {
        '年' => ('月', '日'),
        '-' => ('-', '\0'),
        _ => return None,
    };
    let m = digits(5);
    if m == 0 || m > 2 || c.get(5 + m) != Some(&mid) {
        return None;
    }
    let d = digits(6 + m);
    if d == 0 || d > 2 {
        return None;
    }
    let len = 6 + m + d;
    if end == '\0' {
        Some(len)
    } else if c.get(len) == Some(&end) {
        Some(len + 1)
    } else {
        None
    }
}

/// "事先告知（告知）记录" → "事先告知记录": an aside repeating the words
/// just before it.
fn drop_echo(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(open) = rest.find('（') {
        let Some(len) = rest[open..].find('）') else {
            break;
        };
        let inner = &rest[open + '（'.len_utf8()..open + len];
        let before = &rest[..open];
        out.push_str(before);
        if inner.is_empty() || !(out.ends_with(inner)) {
            out.push_str(&rest[open..open + len + '）'.len_utf8()]);
        }
        rest = &rest[open + len + '）'.len_utf8()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_wording_whatever_the_dates() {
        let a = common_wording(
            "notice",
            "决定日期 2025-01-24，案卷中无行政处罚事先告知（告知）记录",
        );
        let b = common_wording(
            "notice",
            "决定日期2024年4月29日，案卷中无行政处罚事先告知（告知）记录",
        );
        assert_eq!(a, b);
        assert!(!a.contains("2024") && !a.contains("（告知）"), "{a}");
        assert_eq!(
            common_wording(
                "disclosure",
                "决定日期2024年10月28日，未见决定信息公示记录（应在决定后 7 个工作日内，即2024年11月6日前公示）"
            ),
            common_wording(
                "disclosure",
                "决定日期2024年9月27日，公示期限为决定后 7 个工作日：应于2024年10月12日前公示，实际2024年10月16日公示，逾期"
            ),
        );
        assert_eq!(drop_echo("无事先告知（告知）记录"), "无事先告知记录");
        assert_eq!(
            common_wording(
                "officers",
                "执法人员 胡志强 的执法证件有效期至 2024-08-22，早于立案日期 2024-10-14，办案时证件已失效"
            ),
            common_wording(
                "officers",
                "执法人员 赵丽 的执法证件有效期至 2024-11-11，早于立案日期 2024-12-30，办案时证件已失效"
            ),
        );
        assert_eq!(
            common_wording("officers", "承办执法人员仅 1 人（胡勇），少于两人"),
            "承办执法人员少于两人"
        );
    }

    #[test]
    fn unknown_checks_lose_their_dates_only() {
        assert_eq!(
            common_wording(
                "collective_discussion",
                "重大执法决定（决定日期 2024-05-24）无负责人集体讨论记录"
            ),
            "重大执法决定无负责人集体讨论记录"
        );
        assert_eq!(
            common_wording(
                "order_of_steps",
                "归档日期 2024-04-12 早于结案日期 2024-04-16，日期倒置"
            ),
            "归档日期早于结案日期，日期倒置"
        );
        assert_eq!(
            common_wording("recording", "现场检查（2024-01-17）无音像或文字记录"),
            "现场检查无音像或文字记录"
        );
        assert_eq!(
            common_wording(
                "legal_review",
                "法制审核日期 2024-03-06 晚于决定日期 2024-03-04，决定作出前未经法制审核"
            ),
            "法制审核日期晚于决定日期，决定作出前未经法制审核"
        );
        // Nothing dated: unchanged.
        assert_eq!(common_wording("x", "案卷目录缺失"), "案卷目录缺失");
    }
}
