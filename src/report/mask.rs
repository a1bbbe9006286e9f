//! Personal data in documents: ID numbers never in full, natural persons'
//! names masked in everything that circulates outside the panel.
//!
//! - [`mask_ids_in`] finds ID numbers however they are written: with
//!   spaces or hyphens between groups, in full-width digits, beside
//!   letters or other digits, 15 or 18 characters, a lowercase `x`.
//! - [`is_natural_person`] decides whether a party is a natural person
//!   when the record does not say (a name of 2–4 Chinese characters with an
//!   ID number, or a name without an organisation word).
//! - [`Masker`] masks both in one text, in either [`MaskStyle`].

use std::borrow::Cow;
use std::collections::HashMap;

/// Two-character surnames, so 欧阳娜娜 → 欧阳** rather than 欧***.
const COMPOUND_SURNAMES: &[&str] = &[
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙", "宇文",
    "司徒", "夏侯", "轩辕", "端木", "独孤", "南宫", "西门", "闻人", "呼延", "万俟", "澹台", "申屠",
];

/// How a masked name is written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum MaskStyle {
    /// 张三 → 张*, 王小明 → 王**.
    #[default]
    Star,
    /// 张三 → 张某, 王小明 → 王某某 (at most two 某).
    Mou,
}

fn surname_len(name: &str, chars: usize) -> usize {
    if chars > 2 && COMPOUND_SURNAMES.iter().any(|s| name.starts_with(s)) {
        2
    } else {
        1
    }
}

/// 张三 → 张*, 王小明 → 王**, 欧阳娜娜 → 欧阳**. Keeps the surname only.
pub fn mask_name(name: &str) -> String {
    mask_name_with(name, MaskStyle::Star)
}

/// A name masked in `style`: the surname stays, the rest is starred or
/// written 某 (李某、李某某、欧阳某某).
pub fn mask_name_with(name: &str, style: MaskStyle) -> String {
    let name = name.trim();
    let chars: Vec<char> = name.chars().collect();
    if chars.len() < 2 {
        return name.to_string();
    }
    let keep = surname_len(name, chars.len());
    let mut out: String = chars[..keep].iter().collect();
    let rest = chars.len() - keep;
    match style {
        MaskStyle::Star => out.extend(std::iter::repeat_n('*', rest)),
        MaskStyle::Mou => out.extend(std::iter::repeat_n('某', rest.clamp(1, 2))),
    }
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
/// or the old 15 digits), in ASCII or full-width digits, spaces and hyphens
/// between groups ignored?
pub fn is_id_number(s: &str) -> bool {
    let mut digits = 0usize;
    let mut x_last = false;
    for c in s.trim().chars() {
        if x_last {
            return false;
        }
        match id_char(c) {
            Some('X') if digits == 17 => x_last = true,
            Some('X') => return false,
            Some(_) => digits += 1,
            None if is_separator(c) => {}
            None => return false,
        }
    }
    if x_last {
        digits == 17
    } else {
        digits == 15 || digits == 18
    }
}

/// A character of an ID number, normalised: ASCII or full-width digits as
/// ASCII, x/X/ｘ/Ｘ as `X`.
fn id_char(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '０'..='９' => char::from_digit(c as u32 - '０' as u32, 10),
        'x' | 'X' | 'ｘ' | 'Ｘ' => Some('X'),
        _ => None,
    }
}

fn is_digit(c: char) -> bool {
    matches!(id_char(c), Some(d) if d != 'X')
}

/// What people put between the groups of a number they write out (a line
/// break in a note included).
fn is_separator(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t'
            | '\n'
            | '\r'
            | '-'
            | '_'
            | '.'
            | '/'
            | '\u{00AD}'
            | '\u{00B7}'
            | '\u{2027}'..='\u{2029}'
            | '\u{30FB}'
            | '\u{FE58}'
            | '\u{FE63}'
            | '\u{FF0E}'
            | '\u{FF0F}'
            | '\u{FF65}'
            | '\u{00A0}'
            | '\u{2000}'..='\u{200D}'
            | '\u{2010}'..='\u{2015}'
            | '\u{2060}'
            | '\u{2212}'
            | '\u{3000}'
            | '\u{FEFF}'
            | '\u{FF0D}'
    )
}

/// A run of ID characters inside a text: its char positions.
struct Group {
    positions: Vec<usize>,
    /// Ends with an X (only the last character of a group may be one).
    x: bool,
}

/// Stars the middle of `window` (all but the first six and last four).
fn star(window: &[usize], starred: &mut [bool]) {
    let n = window.len();
    for (i, &p) in window.iter().enumerate() {
        if i >= 6 && i + 4 < n {
            starred[p] = true;
        }
    }
}

/// Masks every ID number in free text, however it is written: a run of 15
/// or more digits (an ID number beside other digits or letters included),
/// or groups joined by spaces or hyphens that together make 15 digits, 18
/// digits, or 17 digits and an X.
pub fn mask_ids_in(text: &str) -> Cow<'_, str> {
    if text.chars().filter(|&c| is_digit(c)).nth(14).is_none() {
        return Cow::Borrowed(text); // fewer than 15 digits: nothing to mask
    }
    let chars: Vec<char> = text.chars().collect();
    let mut starred = vec![false; chars.len()];
    let mut i = 0;
    while i < chars.len() {
        if !is_digit(chars[i]) {
            i += 1;
            continue;
        }
        // A segment: groups of digits separated by short runs of separators.
        let mut groups: Vec<Group> = Vec::new();
        loop {
            let mut g = Group {
                positions: Vec::new(),
                x: false,
            };
            while i < chars.len() && is_digit(chars[i]) {
                g.positions.push(i);
                i += 1;
            }
            if i < chars.len() && id_char(chars[i]) == Some('X') {
                g.positions.push(i);
                g.x = true;
                i += 1;
            }
            let ended_by_x = g.x;
            groups.push(g);
            if ended_by_x {
                break;
            }
            let mut j = i;
            while j < chars.len() && j - i < 3 && is_separator(chars[j]) {
                j += 1;
            }
            if j > i && j < chars.len() && id_char(chars[j]).is_some() {
                i = j;
            } else {
                break;
            }
        }
        for g in &groups {
            if g.positions.len() >= 15 {
                star(&g.positions, &mut starred);
            }
        }
        for a in 0..groups.len() {
            let mut window: Vec<usize> = Vec::new();
            for (b, g) in groups.iter().enumerate().skip(a) {
                window.extend(&g.positions);
                let n = window.len();
                if n > 18 {
                    break;
                }
                let ok = if g.x { n == 18 } else { n == 15 || n == 18 };
                if b > a && ok {
                    star(&window, &mut starred);
                }
                if g.x {
                    break;
                }
            }
        }
    }
    if !starred.contains(&true) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        chars
            .iter()
            .zip(&starred)
            .map(|(&c, &s)| if s { '*' } else { c })
            .collect(),
    )
}

/// Words that make a party's name an organisation's.
const ORGANISATION_WORDS: &str = "公司 有限 股份 集团 企业 合伙 超市 商场 市场 商行 商店 商贸 贸易 百货 便利 批发 零售 经营部 门市 门店 专卖 工厂 加工 中心 合作社 协会 学会 委员会 工作室 事务所 研究 医院 卫生 诊所 药房 药店 大药 学校 幼儿园 培训 酒店 饭店 宾馆 旅馆 餐厅 餐馆 餐饮 食品 小吃 银行 科技 实业 开发 建设 建筑 工程 物业 传媒 文化 服务 汽修 维修 加油站 养殖 农场 网吧 俱乐部 政府 办事处 管理 分局 大队 支队 个体工商户 Co. Ltd LLC Inc";

/// Single characters that end an organisation's name (李记小吃店, 某某厂).
const ORGANISATION_ENDINGS: &[char] = &[
    '店', '厂', '局', '社', '馆', '部', '所', '院', '站', '场', '吧', '铺', '坊', '行', '庄', '室',
    '处', '厅', '队', '园', '城', '楼',
];

fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{20000}'..='\u{2FFFF}' | '·')
}

/// Is the party a natural person? `stated`: what the record says
/// (`Some(true)` for 自然人, `Some(false)` for 法人 / 非法人组织); when it
/// says nothing, a name of 2–4 Chinese characters with an ID number is a
/// person, and so is any name without an organisation word.
pub fn is_natural_person(name: &str, stated: Option<bool>, id_no: Option<&str>) -> bool {
    if let Some(s) = stated {
        return s;
    }
    let name = name.trim();
    let n = name.chars().count();
    if n == 0 {
        return false;
    }
    let short_han = (2..=4).contains(&n) && name.chars().all(is_han);
    if short_han && id_no.is_some_and(is_id_number) {
        return true;
    }
    if ORGANISATION_WORDS.split(' ').any(|w| name.contains(w)) {
        return false;
    }
    let ends_like_org = name
        .chars()
        .last()
        .is_some_and(|c| ORGANISATION_ENDINGS.contains(&c));
    !(ends_like_org && (n >= 3 || !short_han))
}

/// Characters a writer may slip between the characters of a name (张 三,
/// 张\u{200B}三) that do not stop a reader seeing it.
fn is_name_gap(c: char) -> bool {
    matches!(
        c,
        ' ' | '\u{00A0}' | '\u{3000}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// The byte length of `name` at the start of `text`, allowing [`is_name_gap`]
/// characters between its characters; `None` when `text` does not start so.
fn spaced_prefix(text: &str, name: &str) -> Option<usize> {
    if text.starts_with(name) {
        return Some(name.len());
    }
    let mut t = text.char_indices().peekable();
    let mut wanted = name.chars();
    let first = wanted.next()?;
    match t.next() {
        Some((_, c)) if c == first => {}
        _ => return None,
    }
    for w in wanted {
        while t.peek().is_some_and(|&(_, c)| is_name_gap(c) && c != w) {
            t.next();
        }
        match t.next() {
            Some((_, c)) if c == w => {}
            _ => return None,
        }
    }
    Some(t.peek().map_or(text.len(), |&(i, _)| i))
}

/// Masks the text of documents: ID numbers always, the names it was given
/// (natural persons, from every file of the database) in public texts.
#[derive(Debug, Clone, Default)]
pub struct Masker {
    /// (full name, masked) by the name's first character, longest first so
    /// 欧阳娜娜 goes before 欧阳娜. A lookup per character, so thousands of
    /// parties cost no more than a few.
    names: HashMap<char, Vec<(String, String)>>,
    style: MaskStyle,
}

impl Masker {
    /// A masker for these natural persons' names, starred (张*).
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> Masker {
        Masker::with_style(names, MaskStyle::Star)
    }

    /// A masker for these natural persons' names in `style`.
    pub fn with_style<'a>(names: impl IntoIterator<Item = &'a str>, style: MaskStyle) -> Masker {
        let mut map: HashMap<char, Vec<(String, String)>> = HashMap::new();
        for n in names.into_iter() {
            // Gaps in the stored name (张\u{200B}三) are gaps the text may or
            // may not repeat: matched without them.
            let n: String = n.chars().filter(|&c| !is_name_gap(c)).collect();
            let n = n.trim();
            if n.chars().count() < 2 {
                continue;
            }
            // An ethnic-minority name (阿依古丽·买买提) is also named by its parts.
            let parts = n.split(['·', '•', '・', '．', '.']).map(str::trim);
            for n in std::iter::once(n).chain(parts.filter(|p| p.chars().count() >= 2)) {
                let Some(first) = n.chars().next() else {
                    continue;
                };
                let v = map.entry(first).or_default();
                if !v.iter().any(|(full, _)| full == n) {
                    v.push((n.to_string(), mask_name_with(n, style)));
                }
            }
        }
        for v in map.values_mut() {
            v.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        }
        Masker { names: map, style }
    }

    pub fn style(&self) -> MaskStyle {
        self.style
    }

    /// For internal documents (score sheets): ID numbers only.
    pub fn internal(&self, text: &str) -> String {
        mask_ids_in(text).into_owned()
    }

    /// For circulating documents: ID numbers and natural persons' names.
    pub fn public(&self, text: &str) -> String {
        self.mask_text(text).into_owned()
    }

    /// ID numbers and natural persons' names masked; borrowed when the text
    /// holds neither.
    pub fn mask_text<'t>(&self, text: &'t str) -> Cow<'t, str> {
        let s = mask_ids_in(text);
        if self.names.is_empty() || !s.chars().any(|c| self.names.contains_key(&c)) {
            return s;
        }
        let mut out = String::with_capacity(s.len());
        let mut hit_any = false;
        let mut rest: &str = &s;
        while let Some(c) = rest.chars().next() {
            if let Some((masked, len)) = self.names.get(&c).and_then(|v| {
                v.iter()
                    .find_map(|(full, masked)| spaced_prefix(rest, full).map(|l| (masked, l)))
            }) {
                out.push_str(masked);
                rest = &rest[len..];
                hit_any = true;
            } else {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
        if hit_any { Cow::Owned(out) } else { s }
    }
}

#[cfg(test)]
#[path = "mask_tests.rs"]
mod tests;
