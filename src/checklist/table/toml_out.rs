//! The checklist's TOML written from the rows and facts, each line tied to
//! the cell it came from (so a problem the checklist parser finds is told at
//! that cell); and how each row was read, from the parsed checklist.

use super::columns::Columns;
use super::facts::StandardFacts;
use super::rows::{Cat, Row};
use super::{RowReading, StandardTable, fmt_num, toml_str};
use crate::checklist::{Checklist, DeductRule};

/// Where a TOML line came from.
pub(super) struct Origin {
    pub row: Option<usize>,
    /// Column letter and header, or the fact's name in quotes.
    pub column: Option<String>,
    /// From the facts (说明), not the item sheet.
    pub fact: bool,
}

/// TOML text, and for each of its lines where it came from.
pub(super) struct Toml {
    pub text: String,
    pub origin: Vec<Origin>,
}

impl Toml {
    fn line(&mut self, s: &str, row: Option<usize>, column: Option<String>, fact: bool) {
        self.text.push_str(s);
        self.text.push('\n');
        self.origin.push(Origin { row, column, fact });
    }

    /// A line from a fact, tied to the fact's row.
    fn fact(&mut self, t: &StandardTable, key: &str, line: String) {
        let row = t.fact(key).map(|f| f.row);
        self.line(&line, row, Some(format!("“{key}”")), true);
    }

    /// A line from an item-sheet cell.
    fn cell(&mut self, s: &str, row: Option<usize>, column: Option<String>) {
        self.line(s, row, column, false);
    }

    fn plain(&mut self, s: &str) {
        self.line(s, None, None, false);
    }
}

/// The TOML of the standard: facts, thresholds, the unit rule, categories,
/// then items.
pub(super) fn build(
    t: &StandardTable,
    cols: &Columns,
    f: &StandardFacts,
    cats: &[Cat],
    items: &[Row],
) -> Toml {
    let where_col = |c: usize| cols.name(c);
    let mut b = Toml {
        text: String::new(),
        origin: Vec::new(),
    };
    b.plain(&format!(
        "# 由 {} 导入（pingcha checklists import）",
        t.file
    ));
    b.fact(t, "编号", format!("id = {}", toml_str(&f.id)));
    b.fact(t, "标准名称", format!("name = {}", toml_str(&f.name)));
    b.fact(t, "版本", format!("version = {}", toml_str(&f.version)));
    b.fact(t, "来源", format!("source = {}", toml_str(&f.source)));
    b.plain("role = \"general\"");
    let kinds_text: Vec<String> = f.kinds.iter().map(|k| toml_str(k.label())).collect();
    b.fact(
        t,
        "适用案件类型",
        format!("kinds = [{}]", kinds_text.join(", ")),
    );
    b.fact(t, "满分", format!("total = {}", fmt_num(f.total)));
    b.fact(t, "否决计分", format!("veto_score = \"{}\"", f.veto_score));
    if let Some(v) = f.bonus_cap {
        b.fact(t, "加分上限", format!("bonus_cap = {}", fmt_num(v)));
    }
    if let Some(v) = f.max_score {
        b.fact(t, "最高得分", format!("max_score = {}", fmt_num(v)));
    }
    b.plain("");
    b.plain("[thresholds]");
    b.fact(t, "优秀", format!("excellent = {}", fmt_num(f.excellent)));
    if let Some(g) = f.good {
        b.fact(t, "良好", format!("good = {}", fmt_num(g)));
    }
    b.fact(t, "合格", format!("pass = {}", fmt_num(f.pass)));
    if let Some(keys) = &f.rank_by {
        b.plain("");
        b.plain("[unit]");
        b.plain("score = \"average\"");
        let k: Vec<String> = keys.iter().map(|k| format!("\"{k}\"")).collect();
        b.fact(t, "单位排名", format!("rank_by = [{}]", k.join(", ")));
    }
    for c in cats {
        let at = Some(c.row);
        b.plain("");
        b.cell("[[categories]]", at, Some(where_col(cols.category)));
        b.cell(
            &format!("name = {}", toml_str(&c.name)),
            at,
            Some(where_col(cols.category)),
        );
        if let Some(p) = c.points {
            b.cell(
                &format!("points = {}", fmt_num(p)),
                at,
                cols.category_points.map(where_col),
            );
        }
    }
    for i in items {
        item(&mut b, cols, i);
    }
    b
}

fn item(b: &mut Toml, cols: &Columns, i: &Row) {
    let where_col = |c: usize| cols.name(c);
    let at = Some(i.row);
    b.plain("");
    b.cell("[[items]]", at, Some(where_col(cols.id)));
    b.cell(
        &format!("id = {}", toml_str(&i.id)),
        at,
        Some(where_col(cols.id)),
    );
    b.cell(
        &format!("category = {}", toml_str(&i.category)),
        at,
        Some(where_col(cols.category)),
    );
    b.cell(
        &format!("text = {}", toml_str(&i.text)),
        at,
        Some(where_col(cols.text)),
    );
    if let Some(p) = i.points.filter(|_| i.bonus.is_none()) {
        b.cell(
            &format!("points = {}", fmt_num(p)),
            at,
            Some(where_col(cols.points)),
        );
    }
    if let Some(v) = i.veto {
        b.cell(
            &format!("veto = \"{}\"", v.label()),
            at,
            cols.veto.map(where_col),
        );
    }
    if let Some(bonus) = i.bonus {
        b.cell(
            &format!("bonus = {}", fmt_num(bonus)),
            at,
            cols.bonus.map(where_col),
        );
    }
    let deduct = match i.rule {
        Some(DeductRule::Each { amount }) => Some(format!("{{ each = {} }}", fmt_num(amount))),
        Some(DeductRule::Fixed { amount }) => Some(format!("{{ fixed = {} }}", fmt_num(amount))),
        Some(DeductRule::Range { min, max }) => Some(format!(
            "{{ min = {}, max = {} }}",
            fmt_num(min),
            fmt_num(max)
        )),
        _ => None,
    };
    if let Some(d) = &deduct {
        b.cell(&format!("deduct = {d}"), at, cols.rule.map(where_col));
    }
    for (value, key, column) in [
        (&i.wording, "deduction_rule", cols.rule),
        (&i.basis, "basis", cols.basis),
        (&i.source, "source", cols.source),
    ] {
        if !value.is_empty() {
            b.cell(
                &format!("{key} = {}", toml_str(value)),
                at,
                column.map(where_col),
            );
        }
    }
}

/// How each row was read, with its rule as the parsed checklist has it.
pub(super) fn readings(checklist: &Checklist, items: &[Row]) -> Vec<RowReading> {
    items
        .iter()
        .map(|i| {
            let it = checklist.item(&i.id);
            let rule = it.map_or(String::new(), |it| match it.rule {
                DeductRule::Judged { max: 0.0 } => "只否决，不扣分".to_string(),
                DeductRule::Judged { max } => {
                    format!("由评查人员在 0—{} 分内确定", fmt_num(max))
                }
                r => r.describe(),
            });
            RowReading {
                row: i.row,
                item: i.id.clone(),
                category: i.category.clone(),
                points: i.points,
                rule,
                wording: i.wording.clone(),
                veto: i.veto.map(|v| v.label_zh().to_string()),
                bonus: i.bonus,
            }
        })
        .collect()
}
