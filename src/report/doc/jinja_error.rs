//! A template engine error as one Chinese sentence: what kind of mistake
//! and on which line of the template, without the engine's English text or
//! its debug dump of the template.

use minijinja::ErrorKind;

/// "第 N 行：……" for an error of minijinja (line omitted when unknown).
pub fn message(e: &minijinja::Error) -> String {
    let what = match e.kind() {
        ErrorKind::SyntaxError => "语法错误（标签或表达式不完整、未闭合或拼写有误）",
        ErrorKind::UnknownFunction => "调用了不存在的函数",
        ErrorKind::UnknownFilter => "使用了不存在的过滤器",
        ErrorKind::UnknownTest => "使用了不存在的测试",
        ErrorKind::UnknownMethod => "调用了不存在的方法",
        ErrorKind::UndefinedError => "使用了未定义的值",
        ErrorKind::TooManyArguments => "参数过多",
        ErrorKind::MissingArgument => "缺少参数",
        ErrorKind::TemplateNotFound | ErrorKind::BadInclude => "引用了不存在的模板",
        ErrorKind::OutOfFuel => "运算量超过上限（循环过多或无限循环）",
        ErrorKind::InvalidOperation => "无法执行的运算（类型不符、递归过深等）",
        ErrorKind::NonPrimitive | ErrorKind::NonKey | ErrorKind::CannotUnpack => "值的类型不符",
        ErrorKind::BadEscape => "字符串中的转义有误",
        _ => "无法渲染",
    };
    match e.line() {
        Some(n) => format!("第 {n} 行{what}"),
        None => what.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_line_in_chinese_only() {
        let env = minijinja::Environment::new();
        let e = env.render_str("a\n{{ nope(1) }}", ()).unwrap_err();
        assert_eq!(message(&e), "第 2 行调用了不存在的函数");
        let e = env.render_str("{% if %}", ()).unwrap_err();
        assert!(
            message(&e).starts_with("第 1 行语法错误"),
            "{}",
            message(&e)
        );
    }
}
