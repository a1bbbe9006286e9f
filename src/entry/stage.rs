//! The procedure stages of `docs/case-file.md` with their pinyin initials, for completing
//! a stage from its first characters (`立` → 立案) or initials (`la` → 立案).

/// (stage, pinyin initials), in the order a dossier runs.
pub const STAGES: &[(&str, &str)] = &[
    ("线索登记", "xsdj"),
    ("立案", "la"),
    ("调查取证", "dcqz"),
    ("现场检查", "xcjc"),
    ("询问", "xw"),
    ("法制审核", "fzsh"),
    ("集体讨论", "jttl"),
    ("告知", "gz"),
    ("陈述申辩", "cssb"),
    ("听证申请", "tzsq"),
    ("听证通知", "tztz"),
    ("听证", "tz"),
    ("延期审批", "yqsp"),
    ("决定", "jd"),
    ("送达", "sd"),
    ("公示", "gs"),
    ("缴款", "jk"),
    ("执行", "zx"),
    ("催告", "cg"),
    ("强制执行", "qzzx"),
    ("结案", "ja"),
    ("归档", "gd"),
];

/// The stages `typed` may stand for, best first: an exact name or exact
/// initials, then names and initials that start with it, then names that
/// contain it. Empty input offers nothing.
pub fn complete(typed: &str) -> Vec<&'static str> {
    let t = typed.trim().to_lowercase();
    if t.is_empty() {
        return Vec::new();
    }
    let mut out: Vec<&'static str> = Vec::new();
    let mut add = |s: &'static str| {
        if !out.contains(&s) {
            out.push(s);
        }
    };
    for (name, ini) in STAGES {
        if *name == t || *ini == t {
            add(name);
        }
    }
    for (name, ini) in STAGES {
        if name.starts_with(&t) || ini.starts_with(&t) {
            add(name);
        }
    }
    for (name, _) in STAGES {
        if name.contains(&t) {
            add(name);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_and_first_characters() {
        assert_eq!(complete("la")[0], "立案");
        assert_eq!(complete("LA")[0], "立案");
        assert_eq!(complete("立")[0], "立案");
        assert_eq!(complete("sd")[0], "送达");
        assert_eq!(complete("jd")[0], "决定");
        assert_eq!(complete("tz"), ["听证", "听证申请", "听证通知"]);
        assert_eq!(complete("x"), ["线索登记", "现场检查", "询问"]);
        assert_eq!(complete("审"), ["法制审核", "延期审批"]);
        assert!(complete("").is_empty());
        assert!(complete("zzz").is_empty());
    }

    #[test]
    fn table_matches_the_models_stages() {
        use crate::model::KnownStage;
        let names: Vec<&str> = STAGES.iter().map(|(n, _)| *n).collect();
        let known: Vec<&str> = KnownStage::ALL.iter().map(|k| k.label()).collect();
        let mut a = names.clone();
        let mut b = known.clone();
        a.sort();
        b.sort();
        assert_eq!(a, b);
    }
}
