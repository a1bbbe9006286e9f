//! A command-line usage error in Chinese: what is wrong with which argument,
//! and where to see the usage (instead of clap's English text).

use clap::error::{ContextKind, ContextValue, ErrorKind};

fn value(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join("、")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(v) => Some(
            v.iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .join("、"),
        ),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The whole message (several lines), values escaped.
pub fn message(e: &clap::Error) -> String {
    let arg = value(e, ContextKind::InvalidArg).unwrap_or_default();
    let given = value(e, ContextKind::InvalidValue).unwrap_or_default();
    let mut s = match e.kind() {
        ErrorKind::UnknownArgument => format!("不认识的参数 {arg}"),
        ErrorKind::InvalidSubcommand => format!(
            "没有命令“{}”",
            value(e, ContextKind::InvalidSubcommand).unwrap_or_default()
        ),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "缺少子命令".to_string()
        }
        ErrorKind::MissingRequiredArgument => format!("缺少必填参数 {arg}"),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            // A value that is not a number where one is wanted, or a date.
            if given.is_empty() {
                format!("参数 {arg} 缺少值")
            } else {
                format!("参数 {arg} 的值“{given}”无效")
            }
        }
        ErrorKind::ArgumentConflict => format!(
            "参数 {arg} 不能与 {} 同时使用",
            value(e, ContextKind::PriorArg).unwrap_or_default()
        ),
        ErrorKind::TooManyValues | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("参数 {arg} 的值的个数不对")
        }
        ErrorKind::NoEquals => format!("参数 {arg} 的值要用等号连接（{arg}=值）"),
        ErrorKind::InvalidUtf8 => "参数含有不是 UTF-8 的字节；请检查终端的字符编码".to_string(),
        _ => "命令行参数有误".to_string(),
    };
    if let Some(v) = value(e, ContextKind::ValidValue).filter(|v| !v.is_empty()) {
        s.push_str(&format!("；可选值：{v}"));
    }
    if let Some(v) =
        value(e, ContextKind::SuggestedArg).or_else(|| value(e, ContextKind::SuggestedSubcommand))
    {
        s.push_str(&format!("；是否想用 {v}？"));
    } else {
        s.push('。');
    }
    s.push_str("用 `pingcha --help` 或 `pingcha 命令 --help` 查看用法");
    if let Some(u) = value(e, ContextKind::Usage) {
        let u = u.trim().trim_start_matches("Usage:").trim();
        s.push_str(&format!("\n用法：{u}"));
    }
    super::safe_message(&s)
}
