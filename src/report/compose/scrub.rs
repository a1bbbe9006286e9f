//! Internal words out of circulated text: checklist item ids (CF-V03,
//! GS-07), profile names (全国默认), "（见 SH 标准）" references.

/// Removes internal terms from text.
pub struct Scrubber {
    terms: Vec<String>,
}

fn is_id_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

/// Is `s[i..]` an item id (`CF-V03`, `GS-07`, `A-1`): 1–4 capitals, `-`,
/// an optional capital, 1–3 digits, not inside a longer word? Returns its
/// length in bytes.
fn item_id_at(s: &str, i: usize) -> Option<usize> {
    let b = s.as_bytes();
    if i > 0 && is_id_char(b[i - 1] as char) {
        return None;
    }
    let mut j = i;
    while j < b.len() && b[j].is_ascii_uppercase() && j - i < 4 {
        j += 1;
    }
    if j == i || j >= b.len() || b[j] != b'-' {
        return None;
    }
    j += 1;
    if j < b.len() && b[j].is_ascii_uppercase() {
        j += 1;
    }
    let d = j;
    while j < b.len() && b[j].is_ascii_digit() && j - d < 3 {
        j += 1;
    }
    if j == d || (j < b.len() && is_id_char(b[j] as char)) {
        return None;
    }
    Some(j - i)
}

impl Scrubber {
    pub fn new(terms: &[String]) -> Scrubber {
        let mut terms: Vec<String> = terms
            .iter()
            .map(|t| t.trim().to_string())
            .filter(|t| {
                if t.is_ascii() {
                    t.len() >= 4
                } else {
                    t.chars().count() >= 2
                }
            })
            .collect();
        terms.sort_by_key(|t| std::cmp::Reverse(t.len()));
        Scrubber { terms }
    }

    pub fn scrub(&self, s: &str) -> String {
        if s.is_empty() {
            return String::new();
        }
        let mut out = s.to_string();
        // （见 SH 标准） and the like.
        while let Some(a) = out.find("（见") {
            let Some(len) = out[a..].find('）') else {
                break;
            };
            let inner = &out[a..a + len];
            if inner.ends_with("标准") || inner.ends_with("规定") || inner.is_ascii() {
                out.replace_range(a..a + len + '）'.len_utf8(), "");
            } else {
                break;
            }
        }
        for t in &self.terms {
            if out.contains(t.as_str()) {
                for form in [format!("{t}："), format!("（{t}）"), t.clone()] {
                    out = out.replace(&form, "");
                }
            }
        }
        // Item ids.
        let mut cleaned = String::with_capacity(out.len());
        let mut i = 0;
        while i < out.len() {
            if let Some(n) = item_id_at(&out, i) {
                i += n;
                // and a space after it
                if out[i..].starts_with(' ') {
                    i += 1;
                }
                continue;
            }
            let c = out[i..].chars().next().unwrap_or(' ');
            cleaned.push(c);
            i += c.len_utf8();
        }
        let cleaned = cn_dates(&cleaned);
        // "（…，见 GS-07）" lost its id: the dangling "见" goes too.
        let cleaned = cleaned
            .replace("，见 ）", "）")
            .replace("，见）", "）")
            .replace("（见 ）", "")
            .replace("（见）", "")
            .replace("（）", "")
            .replace("（，", "（")
            .replace("，）", "）");
        crate::report::doc::template::tidy(&cleaned)
    }
}

/// ISO dates in text (`2024-06-28`) in Chinese form (`2024年6月28日`).
pub fn cn_dates(s: &str) -> String {
    let b = s.as_bytes();
    if b.len() < 10 || !b.contains(&b'-') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if i + 10 <= b.len()
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && (i + 10 == b.len() || !b[i + 10].is_ascii_digit())
            && s.is_char_boundary(i + 10)
            && let Ok(d) = chrono::NaiveDate::parse_from_str(&s[i..i + 10], "%Y-%m-%d")
            && b[i + 4] == b'-'
        {
            out.push_str(&crate::report::settings::cn_date(d));
            i += 10;
            continue;
        }
        let c = s[i..].chars().next().unwrap_or(' ');
        out.push(c);
        i += c.len_utf8();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_terms_go() {
        let s = Scrubber::new(&["全国默认".to_string()]);
        assert_eq!(
            s.scrub("罚款 200000 元（全国默认：法人较大数额 100000 元起）"),
            "罚款200000元（法人较大数额100000元起）"
        );
        assert_eq!(s.scrub("CF-V03 未立案即调查（见 SH 标准）"), "未立案即调查");
        assert_eq!(s.scrub("GS-07 公示不全"), "公示不全");
        assert_eq!(
            s.scrub("行政处罚决定信息按期公示（自决定之日起七个工作日内，见 GS-07）"),
            "行政处罚决定信息按期公示（自决定之日起七个工作日内）"
        );
        assert_eq!(s.scrub("清应急罚〔2024〕9号"), "清应急罚〔2024〕9号");
        assert_eq!(s.scrub("QJ-2024-001号"), "QJ-2024-001号");
        assert_eq!(
            s.scrub("有效期至2024-04-24，早于立案日期 2024-06-20"),
            "有效期至2024年4月24日，早于立案日期2024年6月20日"
        );
    }
}
