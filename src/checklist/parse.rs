//! TOML text → [`Checklist`], with the checks of `checklists/README.md`.

use super::error::{ChecklistError, Problem, translate};
use super::types::*;
use crate::model::{CaseKind, Veto};
use serde::Deserialize;
use std::collections::HashMap;
use toml::Spanned;

/// The file as written, with the position of every value a check may report.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChecklist {
    id: Spanned<String>,
    name: Spanned<String>,
    version: String,
    source: String,
    role: Spanned<ChecklistRole>,
    #[serde(default)]
    kinds: Vec<CaseKind>,
    total: Spanned<f64>,
    thresholds: RawThresholds,
    #[serde(default)]
    veto_score: Option<VetoScore>,
    #[serde(default)]
    bonus_cap: Option<Spanned<f64>>,
    #[serde(default)]
    max_score: Option<Spanned<f64>>,
    #[serde(default)]
    unit: Option<RawUnit>,
    categories: Spanned<Vec<RawCategory>>,
    items: Spanned<Vec<RawItem>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawThresholds {
    excellent: Spanned<f64>,
    #[serde(default)]
    good: Option<Spanned<f64>>,
    pass: Spanned<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUnit {
    #[serde(default)]
    score: Option<Spanned<UnitScore>>,
    #[serde(default)]
    rank_by: Option<Spanned<Vec<RankKey>>>,
}

/// `[unit] score`: only the average is known.
#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "snake_case")]
enum UnitScore {
    Average,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCategory {
    name: Spanned<String>,
    #[serde(default)]
    points: Option<Spanned<f64>>,
}

/// `deduct = { each = 0.5 }`, `{ fixed = 2 }` or `{ min = 1, max = 3 }`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDeduct {
    #[serde(default)]
    each: Option<f64>,
    #[serde(default)]
    fixed: Option<f64>,
    #[serde(default)]
    min: Option<f64>,
    #[serde(default)]
    max: Option<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItem {
    id: Spanned<String>,
    category: Spanned<String>,
    text: Spanned<String>,
    #[serde(default)]
    points: Option<Spanned<f64>>,
    #[serde(default)]
    veto: Option<Veto>,
    #[serde(default)]
    deduction_rule: String,
    #[serde(default)]
    deduct: Option<Spanned<RawDeduct>>,
    #[serde(default)]
    bonus: Option<Spanned<f64>>,
    #[serde(default)]
    basis: String,
    #[serde(default)]
    source: String,
    #[serde(default)]
    applies_when: Option<Spanned<AppliesWhen>>,
}

/// The largest checklist source and the most items in one standard.
const MAX_SOURCE_BYTES: usize = 2 * 1024 * 1024;
const MAX_ITEMS: usize = 1_000;

/// Parses and validates one checklist file. `file_name` is used in errors only.
pub fn parse(text: &str, file_name: &str) -> Result<Checklist, ChecklistError> {
    // Every command reads the stored standards: a standard is bounded.
    if text.len() > MAX_SOURCE_BYTES {
        return Err(ChecklistError::at(
            file_name,
            text,
            0,
            Problem::Rule(format!(
                "评查标准文件超过 {} MB，远大于任何评查标准；请检查是否选错了文件",
                MAX_SOURCE_BYTES >> 20
            )),
        ));
    }
    // Syntax first, so a syntax error is never reported as a type error.
    let table = match text.parse::<toml::Table>() {
        Ok(t) => t,
        Err(e) => return Err(toml_error(file_name, text, &e, true)),
    };
    let items = table
        .get("items")
        .and_then(|v| v.as_array())
        .map_or(0, Vec::len);
    if items > MAX_ITEMS {
        return Err(ChecklistError::at(
            file_name,
            text,
            0,
            Problem::Rule(format!(
                "评查标准有 {items} 个评查项目，超过上限 {MAX_ITEMS}；请检查是否选错了文件，或把标准拆分"
            )),
        ));
    }
    let raw: RawChecklist =
        toml::from_str(text).map_err(|e| toml_error(file_name, text, &e, false))?;
    Checker {
        file: file_name,
        text,
    }
    .check(raw)
}

fn toml_error(file: &str, text: &str, e: &toml::de::Error, syntax: bool) -> ChecklistError {
    let offset = e.span().map_or(0, |s| s.start);
    ChecklistError::at(file, text, offset, translate(e, syntax))
}

fn valid_points(p: f64) -> bool {
    p.is_finite() && p > 0.0 && (p * 2.0).fract() == 0.0
}

/// A deduction amount: positive, at most one decimal (0.5, 0.2, 3).
fn valid_amount(p: f64) -> bool {
    p.is_finite() && p > 0.0 && ((p * 10.0).round() - p * 10.0).abs() < 1e-9
}

struct Checker<'a> {
    file: &'a str,
    text: &'a str,
}

impl Checker<'_> {
    fn err<T>(&self, span: std::ops::Range<usize>, problem: Problem) -> Result<T, ChecklistError> {
        Err(ChecklistError::at(
            self.file, self.text, span.start, problem,
        ))
    }

    fn non_empty(&self, s: &Spanned<String>, field: &str) -> Result<(), ChecklistError> {
        if s.get_ref().trim().is_empty() {
            return self.err(s.span(), Problem::Empty(field.to_string()));
        }
        Ok(())
    }

    fn check(&self, raw: RawChecklist) -> Result<Checklist, ChecklistError> {
        self.non_empty(&raw.id, "id")?;
        self.non_empty(&raw.name, "name")?;
        if *raw.role.get_ref() == ChecklistRole::General && raw.kinds.is_empty() {
            return self.err(raw.role.span(), Problem::GeneralWithoutKinds);
        }
        let total = *raw.total.get_ref();
        if !valid_points(total) {
            return self.err(raw.total.span(), Problem::BadTotal(total));
        }
        let thresholds = self.thresholds(&raw.thresholds, total)?;
        let categories = self.categories(&raw.categories, &raw.total)?;
        let items = self.items(raw.items, &categories)?;
        let max_score = match &raw.max_score {
            None => total,
            Some(m) => {
                let v = *m.get_ref();
                if !valid_amount(v) || v < total {
                    return self.err(
                        m.span(),
                        Problem::Rule(format!(
                            "max_score = {v} 无效：最高得分应为不低于总分 {total} 的数字"
                        )),
                    );
                }
                v
            }
        };
        let bonus_cap = match &raw.bonus_cap {
            None => None,
            Some(b) => {
                let v = *b.get_ref();
                if !valid_amount(v) {
                    return self.err(
                        b.span(),
                        Problem::Rule(format!(
                            "bonus_cap = {v} 无效：加分上限应为大于 0 的数字（最多一位小数）"
                        )),
                    );
                }
                Some(v)
            }
        };
        let unit = match raw.unit {
            None => UnitRule::default(),
            Some(u) => {
                let _ = u.score.map(|s| *s.get_ref());
                match u.rank_by {
                    None => UnitRule::default(),
                    Some(r) if r.get_ref().is_empty() => {
                        return self.err(r.span(), Problem::Empty("unit.rank_by".into()));
                    }
                    Some(r) => UnitRule {
                        rank_by: r.into_inner(),
                    },
                }
            }
        };
        Ok(Checklist {
            id: raw.id.into_inner().trim().to_string(),
            name: raw.name.into_inner().trim().to_string(),
            version: raw.version,
            source: raw.source,
            role: raw.role.into_inner(),
            kinds: raw.kinds,
            total,
            thresholds,
            veto_score: raw.veto_score.unwrap_or_default(),
            bonus_cap,
            max_score,
            unit,
            categories,
            items,
        })
    }

    fn thresholds(&self, t: &RawThresholds, total: f64) -> Result<Thresholds, ChecklistError> {
        let (excellent, pass) = (*t.excellent.get_ref(), *t.pass.get_ref());
        let good = t.good.as_ref().map(|g| *g.get_ref());
        let bad =
            |span: std::ops::Range<usize>, why: String| self.err(span, Problem::Thresholds(why));
        let non_finite = [("excellent", &t.excellent), ("pass", &t.pass)]
            .into_iter()
            .chain(t.good.as_ref().map(|g| ("good", g)))
            .find(|(_, v)| !v.get_ref().is_finite());
        if let Some((key, v)) = non_finite {
            return bad(v.span(), format!("{key} 不是有效数字"));
        }
        if excellent > total {
            return bad(
                t.excellent.span(),
                format!("优秀 excellent = {excellent} 超出总分 {total}"),
            );
        }
        if pass < 0.0 {
            return bad(t.pass.span(), format!("合格 pass = {pass} 小于 0"));
        }
        match (&t.good, good) {
            (Some(gs), Some(g)) => {
                if g >= excellent {
                    return bad(
                        gs.span(),
                        format!("良好 good = {g} 不低于优秀 excellent = {excellent}"),
                    );
                }
                if pass >= g {
                    return bad(
                        t.pass.span(),
                        format!("合格 pass = {pass} 不低于良好 good = {g}"),
                    );
                }
            }
            _ => {
                if pass >= excellent {
                    return bad(
                        t.pass.span(),
                        format!("合格 pass = {pass} 不低于优秀 excellent = {excellent}"),
                    );
                }
            }
        }
        Ok(Thresholds {
            excellent,
            good,
            pass,
        })
    }

    fn categories(
        &self,
        raw: &Spanned<Vec<RawCategory>>,
        total: &Spanned<f64>,
    ) -> Result<Vec<Category>, ChecklistError> {
        if raw.get_ref().is_empty() {
            return self.err(raw.span(), Problem::Empty("categories".into()));
        }
        let mut out: Vec<Category> = Vec::new();
        for c in raw.get_ref() {
            self.non_empty(&c.name, "categories.name")?;
            let name = c.name.get_ref().trim().to_string();
            if out.iter().any(|o| o.name == name) {
                return self.err(c.name.span(), Problem::DuplicateCategory(name));
            }
            let points = match &c.points {
                None => None,
                Some(p) => {
                    let points = *p.get_ref();
                    // A category of veto items only (基本标准) carries no points.
                    if !(points == 0.0 || valid_points(points)) {
                        let what = format!("类别“{name}”");
                        return self.err(p.span(), Problem::BadPoints { what, points });
                    }
                    Some(points)
                }
            };
            out.push(Category { name, points });
        }
        // Where every category has points they sum to the total; a category
        // without points has no cap, and then only the total's floor applies.
        let capped: Option<Vec<f64>> = out.iter().map(|c| c.points).collect();
        if let Some(sum) = capped.map(|p| p.iter().sum::<f64>())
            && (sum - total.get_ref()).abs() > 1e-9
        {
            return self.err(
                total.span(),
                Problem::CategorySum {
                    sum,
                    total: *total.get_ref(),
                },
            );
        }
        Ok(out)
    }

    fn items(
        &self,
        raw: Spanned<Vec<RawItem>>,
        categories: &[Category],
    ) -> Result<Vec<Item>, ChecklistError> {
        if raw.get_ref().is_empty() {
            return self.err(raw.span(), Problem::Empty("items".into()));
        }
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut out = Vec::new();
        for i in raw.into_inner() {
            self.non_empty(&i.id, "id")?;
            let id = i.id.get_ref().trim().to_string();
            if let Some(&first) = seen.get(&id) {
                let first_line = super::error::line_col(self.text, first).0;
                return self.err(i.id.span(), Problem::DuplicateItemId { id, first_line });
            }
            seen.insert(id.clone(), i.id.span().start);
            let cat_name = i.category.get_ref().trim();
            let Some(category) = categories.iter().find(|c| c.name == cat_name) else {
                let declared = categories
                    .iter()
                    .map(|c| c.name.as_str())
                    .collect::<Vec<_>>();
                return self.err(
                    i.category.span(),
                    Problem::UnknownCategory {
                        item: id,
                        category: cat_name.to_string(),
                        declared: declared.join("、"),
                    },
                );
            };
            self.non_empty(&i.text, "text")?;
            let (points, rule) = self.item_rule(&i, &id, category)?;
            if let Some(aw) = &i.applies_when {
                self.condition(aw)?;
            }
            out.push(Item {
                id,
                category: category.name.clone(),
                text: i.text.into_inner().trim().to_string(),
                points,
                veto: i.veto,
                deduction_rule: i.deduction_rule.trim().to_string(),
                rule,
                basis: i.basis.trim().to_string(),
                source: i.source.trim().to_string(),
                applies_when: i.applies_when.map(Spanned::into_inner),
            });
        }
        Ok(out)
    }

    /// The item's points and rule: `bonus = N`, `deduct = {…}`, or the
    /// reviewer's judgement up to the points.
    fn item_rule(
        &self,
        i: &RawItem,
        id: &str,
        category: &Category,
    ) -> Result<(f64, DeductRule), ChecklistError> {
        let rule_err = |span: std::ops::Range<usize>, msg: String| {
            self.err::<(f64, DeductRule)>(span, Problem::Rule(format!("评查项目 {id}：{msg}")))
        };
        if let Some(b) = &i.bonus {
            let max = *b.get_ref();
            if !valid_amount(max) {
                return rule_err(
                    b.span(),
                    format!("加分 bonus = {max} 无效，应为大于 0 的数字（最多一位小数）"),
                );
            }
            if let Some(p) = &i.points {
                return rule_err(
                    p.span(),
                    "加分项只写 bonus（最多加的分），不写 points".into(),
                );
            }
            if let Some(d) = &i.deduct {
                return rule_err(d.span(), "加分项不写 deduct".into());
            }
            if i.veto.is_some() {
                return rule_err(b.span(), "加分项不能同时是否决项（veto）".into());
            }
            return Ok((0.0, DeductRule::Bonus { max }));
        }
        let Some(d) = &i.deduct else {
            let points = self.item_points(i, id, category)?;
            return Ok((points, DeductRule::Judged { max: points }));
        };
        let span = d.span();
        let raw = d.get_ref();
        let shape = (raw.each, raw.fixed, raw.min, raw.max);
        let rule = match shape {
            (Some(a), None, None, None) => DeductRule::Each { amount: a },
            (None, Some(a), None, None) => DeductRule::Fixed { amount: a },
            (None, None, Some(min), Some(max)) => DeductRule::Range { min, max },
            _ => {
                return rule_err(
                    span,
                    "deduct 应写成以下之一：{ each = 0.5 }（每处扣分）、{ fixed = 2 }（扣固定分）、{ min = 1, max = 3 }（扣分范围）".into(),
                );
            }
        };
        let amounts: Vec<f64> = match rule {
            DeductRule::Each { amount } | DeductRule::Fixed { amount } => vec![amount],
            DeductRule::Range { min, max } => vec![min, max],
            _ => vec![],
        };
        if let Some(bad) = amounts.iter().find(|a| !valid_amount(**a)) {
            return rule_err(
                span,
                format!("deduct 中的分值 {bad} 无效，应为大于 0 的数字（最多一位小数）"),
            );
        }
        if let DeductRule::Range { min, max } = rule
            && min > max
        {
            return rule_err(span, format!("扣分范围 min = {min} 大于 max = {max}"));
        }
        // Points: given, or what the rule implies (no cap for per-occurrence).
        let implied = match rule {
            DeductRule::Fixed { amount } => amount,
            DeductRule::Range { max, .. } => max,
            _ => 0.0,
        };
        let points = match &i.points {
            None => implied,
            Some(_) => self.item_points(i, id, category)?,
        };
        if points > 0.0 && implied > points {
            return rule_err(
                span,
                format!("deduct 的扣分 {implied} 超过该项分值 points = {points}"),
            );
        }
        if let Some(cap) = category.points
            && points > cap
        {
            return self.err(
                span,
                Problem::ItemExceedsCategory {
                    item: id.to_string(),
                    points,
                    category: category.name.clone(),
                    category_points: cap,
                },
            );
        }
        Ok((points, rule))
    }

    /// Veto items may have no points (0) — published standards print "—".
    fn item_points(
        &self,
        i: &RawItem,
        id: &str,
        category: &Category,
    ) -> Result<f64, ChecklistError> {
        let Some(p) = &i.points else {
            if i.veto.is_some() {
                return Ok(0.0);
            }
            return self.err(
                i.id.span(),
                Problem::MissingField(format!("points（评查项目 {id}）")),
            );
        };
        let points = *p.get_ref();
        if points == 0.0 {
            if i.veto.is_some() {
                return Ok(0.0);
            }
            return self.err(
                p.span(),
                Problem::ZeroPointsWithoutVeto {
                    item: id.to_string(),
                },
            );
        }
        if !valid_points(points) {
            let what = format!("评查项目 {id} ");
            return self.err(p.span(), Problem::BadPoints { what, points });
        }
        if let Some(cap) = category.points
            && points > cap
        {
            return self.err(
                p.span(),
                Problem::ItemExceedsCategory {
                    item: id.to_string(),
                    points,
                    category: category.name.clone(),
                    category_points: cap,
                },
            );
        }
        Ok(points)
    }

    fn condition(&self, aw: &Spanned<AppliesWhen>) -> Result<(), ChecklistError> {
        let c = aw.get_ref();
        let empties = [
            ("kind", c.kind.as_ref().is_some_and(Vec::is_empty)),
            ("procedure", c.procedure.as_ref().is_some_and(Vec::is_empty)),
            ("measures", c.measures.as_ref().is_some_and(Vec::is_empty)),
            (
                "party_type",
                c.party_type.as_ref().is_some_and(Vec::is_empty),
            ),
            ("has_stage", c.has_stage.as_ref().is_some_and(Vec::is_empty)),
        ];
        match empties.iter().find(|(_, empty)| *empty) {
            Some((key, _)) => self.err(aw.span(), Problem::EmptyCondition(key.to_string())),
            None => Ok(()),
        }
    }
}
