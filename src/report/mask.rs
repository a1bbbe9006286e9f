//! Personal data in documents: ID numbers never in full, natural persons'
//! names masked in everything that circulates outside the panel.

/// Two-character surnames, so 欧阳娜娜 → 欧阳** rather than 欧***.
const COMPOUND_SURNAMES: &[&str] = &[
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙", "宇文",
    "司徒", "夏侯", "轩辕", "端木", "独孤", "南宫", "西门", "闻人", "呼延", "万俟", "澹台", "申屠",
];

/// 张三 → 张*, 王小明 → 王**, 欧阳娜娜 → 欧阳**. Keeps the surname only.
pub fn mask_name(name: &str) -> String {
    let name = name.trim();
    let chars: Vec<char> = name.chars().collect();
    if chars.len() < 2 {
        return name.to_string();
    }
    let keep = if chars.len() > 2 && COMPOUND_SURNAMES.iter().any(|s| name.starts_with(s)) {
        2
    } else {
        1
    };
    let mut out: String = chars[..keep].iter().collect();
    out.extend(std::iter::repeat_n('*', chars.len() - keep));
    out
}

/// 420102199001011234 → 420102********1234: the first six and last four
/// characters stay (region and check digits), the rest is starred. Short
/// values keep at most a quarter of their characters at each end.
pub fn mask_id(id: &str) -> String {
    let chars: Vec<char> = id.trim().chars().collect();
    let n = chars.len();
    let (head, tail) = if n >= 15 { (6, 4) } else { (n / 4, n / 4) };
    chars
        .iter()
        .enumerate()
        .map(|(i, c)| if i < head || i + tail >= n { *c } else { '*' })
        .collect()
}

/// Is `s` a resident ID number (18 characters: 17 digits and a digit or X;
/// or the old 15 digits)?
pub fn is_id_number(s: &str) -> bool {
    let b = s.as_bytes();
    match b.len() {
        18 => {
            b[..17].iter().all(u8::is_ascii_digit)
                && (b[17].is_ascii_digit() || b[17] == b'X' || b[17] == b'x')
        }
        15 => b.iter().all(u8::is_ascii_digit),
        _ => false,
    }
}

/// Masks every ID number in free text (a run of ASCII letters and digits
/// that is an ID number as a whole).
pub fn mask_ids_in(text: &str) -> String {
    if text.bytes().filter(u8::is_ascii_digit).nth(14).is_none() {
        return text.to_string(); // fewer than 15 digits: nothing to mask
    }
    let mut out = String::with_capacity(text.len());
    let mut run_start: Option<usize> = None;
    let flush = |out: &mut String, run: &str| {
        if is_id_number(run) {
            out.push_str(&mask_id(run));
        } else {
            out.push_str(run);
        }
    };
    for (i, c) in text.char_indices() {
        if c.is_ascii_alphanumeric() {
            run_start.get_or_insert(i);
        } else {
            if let Some(s) = run_start.take() {
                flush(&mut out, &text[s..i]);
            }
            out.push(c);
        }
    }
    if let Some(s) = run_start {
        flush(&mut out, &text[s..]);
    }
    out
}

/// Masks the text of one document.
#[derive(Debug, Clone, Default)]
pub struct Masker {
    /// (full name, masked) by the name's first character, longest first so
    /// 欧阳娜娜 goes before 欧阳娜. A lookup per character, so thousands of
    /// parties cost no more than a few.
    names: std::collections::HashMap<char, Vec<(String, String)>>,
}

impl Masker {
    /// A masker for these natural persons' names.
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> Masker {
        let mut map: std::collections::HashMap<char, Vec<(String, String)>> =
            std::collections::HashMap::new();
        for n in names.into_iter().map(str::trim) {
            let Some(first) = n.chars().next() else {
                continue;
            };
            if n.chars().count() < 2 {
                continue;
            }
            let v = map.entry(first).or_default();
            if !v.iter().any(|(full, _)| full == n) {
                v.push((n.to_string(), mask_name(n)));
            }
        }
        for v in map.values_mut() {
            v.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        }
        Masker { names: map }
    }

    /// For internal documents (score sheets): ID numbers only.
    pub fn internal(&self, text: &str) -> String {
        mask_ids_in(text)
    }

    /// For circulating documents: ID numbers and natural persons' names.
    pub fn public(&self, text: &str) -> String {
        let s = mask_ids_in(text);
        if self.names.is_empty() || !s.chars().any(|c| self.names.contains_key(&c)) {
            return s;
        }
        let mut out = String::with_capacity(s.len());
        let mut i = 0;
        while i < s.len() {
            let c = s[i..].chars().next().expect("char boundary");
            if let Some(hit) = self
                .names
                .get(&c)
                .and_then(|v| v.iter().find(|(full, _)| s[i..].starts_with(full.as_str())))
            {
                out.push_str(&hit.1);
                i += hit.0.len();
            } else {
                out.push(c);
                i += c.len_utf8();
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(mask_name("张三"), "张*");
        assert_eq!(mask_name("王小明"), "王**");
        assert_eq!(mask_name("欧阳娜娜"), "欧阳**");
        assert_eq!(mask_name("欧阳"), "欧*");
        assert_eq!(mask_name("李"), "李");
    }

    #[test]
    fn ids() {
        assert_eq!(mask_id("420102199001011234"), "420102********1234");
        assert_eq!(mask_id("42010219900101123X"), "420102********123X");
        assert_eq!(
            mask_ids_in("身份证号420102199001011234，电话13800000000"),
            "身份证号420102********1234，电话13800000000"
        );
        // A credit code is not an ID number.
        assert_eq!(mask_ids_in("91429005JNJ6JTJ71Y"), "91429005JNJ6JTJ71Y");
    }

    #[test]
    fn public_text() {
        let m = Masker::new(["张三", "欧阳娜娜"]);
        assert_eq!(m.public("张三销售过期食品案"), "张*销售过期食品案");
        assert_eq!(m.public("欧阳娜娜无证经营案"), "欧阳**无证经营案");
        assert_eq!(m.internal("张三"), "张三");
    }
}
