//! The form of a citation (`依据`) and whether the article it names exists.
//!
//! A citation is one or more parts joined by `；`. Each part is either
//! `《<law>》第X条` (more articles joined by `、第Y条`), the law one of
//! [`LAWS`] and each X a canonical Chinese numeral no greater than that
//! law's last article, or one of the policy documents of [`DOCUMENTS`],
//! cited whole with its 文号.

/// The laws the checks cite, with their last article, counted in the texts of
/// LawRefBook/Laws: 行政法/行政处罚法(2021-01-22).md, 行政法/行政许可法(2019-04-23).md,
/// 行政法/行政强制法(2011-06-30).md, 行政法规/行政执法机关移送涉嫌犯罪案件的规定(2020-08-07).md.
pub const LAWS: &[(&str, u32)] = &[
    ("中华人民共和国行政处罚法", 86),
    ("中华人民共和国行政许可法", 83),
    ("中华人民共和国行政强制法", 71),
    ("行政执法机关移送涉嫌犯罪案件的规定", 20),
];

/// Documents cited whole, as `《title》（文号）`.
pub const DOCUMENTS: &[&str] = &[
    "《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》（国办发〔2018〕118号）",
];

const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/// The canonical Chinese numeral of an article number (1 ≤ n ≤ 9999):
/// 十一, 二十, 一百零五, 一百一十, 一千零一.
pub fn numeral(n: u32) -> String {
    assert!((1..10_000).contains(&n));
    if (10..20).contains(&n) {
        return format!(
            "十{}",
            if n == 10 {
                ""
            } else {
                DIGITS[(n % 10) as usize]
            }
        );
    }
    let places = [(1000, "千"), (100, "百"), (10, "十"), (1, "")];
    let mut out = String::new();
    let mut zero = false;
    for (unit, name) in places {
        let d = (n / unit) % 10;
        if d == 0 {
            zero = !out.is_empty();
            continue;
        }
        if zero {
            out.push('零');
            zero = false;
        }
        out.push_str(DIGITS[d as usize]);
        out.push_str(name);
    }
    out
}

/// The number a canonical numeral stands for (None when not canonical).
pub fn article_number(s: &str) -> Option<u32> {
    (1..10_000).find(|&n| numeral(n) == s)
}

/// What is wrong with one citation, or Ok.
pub fn check(basis: &str) -> Result<(), String> {
    if basis.is_empty() {
        return Err("empty citation".into());
    }
    for part in basis.split('；') {
        check_part(part).map_err(|e| format!("{basis}: “{part}”: {e}"))?;
    }
    Ok(())
}

fn check_part(part: &str) -> Result<(), String> {
    if DOCUMENTS.contains(&part) {
        return Ok(());
    }
    let rest = part.strip_prefix('《').ok_or("does not start with 《")?;
    let (law, articles) = rest.split_once('》').ok_or("no 》")?;
    let &(_, last) = LAWS
        .iter()
        .find(|(name, _)| *name == law)
        .ok_or_else(|| format!("《{law}》 is not a law the checks cite"))?;
    if articles.is_empty() {
        return Err("no article".into());
    }
    for a in articles.split('、') {
        let num = a
            .strip_prefix('第')
            .and_then(|x| x.strip_suffix('条'))
            .ok_or_else(|| format!("“{a}” is not 第X条"))?;
        let n = article_number(num)
            .ok_or_else(|| format!("“{num}” is not a Chinese numeral in canonical form"))?;
        if n > last {
            return Err(format!("《{law}》 has {last} articles, not {n}"));
        }
    }
    Ok(())
}

/// Every citation written in the rules' source: `{CF}第…条…` (with `CF`,
/// `XK`, `QZ`, `GB118` spelled out) up to the end of the string literal,
/// and every other literal that begins with `《`.
pub fn in_source(src: &str, consts: &[(&str, &str)]) -> Vec<String> {
    let mut out = Vec::new();
    for line in src.lines() {
        let mut rest = line;
        while let Some(i) = rest.find("format!(\"") {
            let lit = &rest[i + 9..];
            let end = lit.find('"').unwrap_or(lit.len());
            let mut text = lit[..end].to_string();
            for (name, value) in consts {
                text = text.replace(&format!("{{{name}}}"), value);
            }
            if text.starts_with('《') {
                out.push(text);
            }
            rest = &lit[end..];
        }
    }
    out
}

#[test]
fn numerals() {
    let cases = [
        (1, "一"),
        (10, "十"),
        (11, "十一"),
        (20, "二十"),
        (61, "六十一"),
        (100, "一百"),
        (105, "一百零五"),
        (110, "一百一十"),
        (1001, "一千零一"),
    ];
    for (n, s) in cases {
        assert_eq!(numeral(n), s);
        assert_eq!(article_number(s), Some(n));
    }
    assert_eq!(article_number("一十一"), None);
    assert_eq!(article_number("六一"), None);
    assert!(check("《中华人民共和国行政处罚法》第六十一条").is_ok());
    assert!(check("《中华人民共和国行政处罚法》第八十七条").is_err());
    assert!(check("《中华人民共和国行政处罚法》第61条").is_err());
    assert!(check("《中华人民共和国行政处罚法》第六十七条、第七十二条").is_ok());
    assert!(check("《行政处罚法》第六十一条").is_err());
    assert!(check("中华人民共和国行政处罚法第六十一条").is_err());
    assert!(check("《中华人民共和国行政处罚法》").is_err());
}
