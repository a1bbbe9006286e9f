//! Loading the templates: the built-in ones, or a bureau's copies in the
//! settings' `templates/` folder. Templates run with a fuel limit, so a
//! runaway loop stops with a message instead of hanging the run.

use super::numbers::cn_num;
use crate::report::ReportError;
use minijinja::Environment;
use std::path::Path;

/// The built-in templates (`data/templates/`).
pub const BUILTIN_TEMPLATES: &[(&str, &str)] = &[
    (
        "letter.j2",
        include_str!("../../../data/templates/letter.j2"),
    ),
    (
        "notice.j2",
        include_str!("../../../data/templates/notice.j2"),
    ),
    (
        "bulletin.j2",
        include_str!("../../../data/templates/bulletin.j2"),
    ),
    ("sheet.j2", include_str!("../../../data/templates/sheet.j2")),
];

/// Instructions one rendering may spend (a letter takes a few thousand).
pub const FUEL: u64 = 5_000_000;

/// The template environment: built-ins, overridden by files in `dir`.
pub fn environment(dir: Option<&Path>) -> Result<Environment<'static>, ReportError> {
    let mut env = Environment::new();
    env.set_trim_blocks(false);
    env.set_lstrip_blocks(true);
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::None);
    env.set_fuel(Some(FUEL));
    env.set_recursion_limit(50);
    env.add_function("cn", |n: usize| cn_num(n));
    for (name, builtin) in BUILTIN_TEMPLATES {
        let user = dir.map(|d| d.join(name)).filter(|p| p.is_file());
        let source = match user {
            Some(p) => crate::textfile::read_small(&p).map_err(|e| ReportError::Template {
                name: p.display().to_string(),
                message: format!("无法读取：{e}"),
            })?,
            None => builtin.to_string(),
        };
        env.add_template_owned(name.to_string(), source)
            .map_err(|e| ReportError::Template {
                name: name.to_string(),
                message: crate::report::doc::jinja_error::message(&e),
            })?;
    }
    Ok(env)
}
