//! The checklist data model.

use crate::model::{CaseFile, CaseKind, Grade, Veto};
use serde::{Deserialize, Serialize};

/// Whether a checklist grades files (the general standard for a kind) or
/// serves alone in a special review (专项评查).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChecklistRole {
    /// Grades every file of its `kinds` (100 points).
    General,
    /// A special review (专项评查) with its own total, e.g. the 三项制度.
    Special,
}

/// Grade thresholds, as the standard has them. `good` is absent where the
/// standard has no 良好.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Thresholds {
    pub excellent: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub good: Option<f64>,
    pub pass: f64,
}

impl Thresholds {
    /// The grade a score earns, before any veto.
    pub fn grade(&self, score: f64) -> Grade {
        if score >= self.excellent {
            Grade::Excellent
        } else if self.good.is_some_and(|g| score >= g) {
            Grade::Good
        } else if score >= self.pass {
            Grade::Pass
        } else {
            Grade::Fail
        }
    }
}

/// A category (评查类别) and the most it can cost. `points` absent: no cap
/// (only the total's floor of 0 applies).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Category {
    pub name: String,
    #[serde(default)]
    pub points: Option<f64>,
}

/// How an item deducts (the 扣分标准 as a rule).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DeductRule {
    /// The reviewer chooses 0..=max (no `deduct` in the file; max = points).
    Judged { max: f64 },
    /// Per occurrence (每处扣0.5分): `amount × count`, capped at the item's
    /// points when it has them.
    Each { amount: f64 },
    /// A confirmed problem costs exactly `amount` (扣2分, 扣全分).
    Fixed { amount: f64 },
    /// The reviewer chooses within min..=max (扣1—3分).
    Range { min: f64, max: f64 },
    /// A 加分项: a confirmed finding awards 0..=max points.
    Bonus { max: f64 },
}

impl Default for DeductRule {
    fn default() -> Self {
        DeductRule::Judged { max: 0.0 }
    }
}

impl DeductRule {
    /// What the reviewer gives for a finding on this item.
    pub fn needs(&self) -> RuleInput {
        match self {
            DeductRule::Each { .. } => RuleInput::Count,
            DeductRule::Fixed { .. } => RuleInput::Nothing,
            DeductRule::Judged { max } => RuleInput::Amount {
                min: 0.0,
                max: *max,
            },
            DeductRule::Range { min, max } => RuleInput::Amount {
                min: *min,
                max: *max,
            },
            DeductRule::Bonus { max } => RuleInput::Award { max: *max },
        }
    }

    /// What one finding costs (or awards, for a bonus item) by this rule:
    /// `amount` as the reviewer gave it, `count` the occurrences (1 when absent).
    pub fn finding_amount(&self, amount: f64, count: Option<u32>) -> f64 {
        let given = if amount.is_finite() {
            amount.max(0.0)
        } else {
            0.0
        };
        match *self {
            DeductRule::Each { amount } => amount * f64::from(count.unwrap_or(1).max(1)),
            DeductRule::Fixed { amount } => amount,
            DeductRule::Judged { max } => given.min(max),
            DeductRule::Range { min, max } => given.clamp(min, max),
            DeductRule::Bonus { max } => given.min(max),
        }
    }

    /// A short Chinese description of the rule, e.g. `每处扣0.5分`.
    pub fn describe(&self) -> String {
        let n = |x: f64| {
            if x.fract() == 0.0 {
                format!("{x:.0}")
            } else {
                format!("{x}")
            }
        };
        match *self {
            DeductRule::Each { amount } => format!("每处扣{}分", n(amount)),
            DeductRule::Fixed { amount } => format!("扣{}分", n(amount)),
            DeductRule::Judged { max } => format!("扣0—{}分", n(max)),
            DeductRule::Range { min, max } => format!("扣{}—{}分", n(min), n(max)),
            DeductRule::Bonus { max } => format!("加0—{}分", n(max)),
        }
    }
}

/// What a finding on an item needs from the reviewer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum RuleInput {
    /// The number of occurrences (处数).
    Count,
    /// Nothing: the deduction is fixed.
    Nothing,
    /// A deduction within min..=max.
    Amount { min: f64, max: f64 },
    /// Points awarded within 0..=max.
    Award { max: f64 },
}

/// What a `fail` veto does to the score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VetoScore {
    /// The file's score is 0 (基本标准中任何一项存在问题，评查总分即为零分).
    #[default]
    Zero,
    /// The score stays total − deducted; only the grade is 不合格.
    Keep,
}

/// What a unit's (department's) result is ranked by, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RankKey {
    /// The average score of its completed files.
    Average,
    /// The sum of its completed files' scores.
    Total,
    /// 合格率.
    PassRate,
    /// 优秀率.
    ExcellentRate,
}

/// How units (departments) are graded and ranked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitRule {
    /// Ranking keys, each compared high to low; equal on all keys share a rank.
    pub rank_by: Vec<RankKey>,
}

impl Default for UnitRule {
    fn default() -> Self {
        UnitRule {
            rank_by: vec![RankKey::PassRate, RankKey::Average],
        }
    }
}

/// One line of a checklist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    /// Stable id, e.g. `CF-PR-07`.
    pub id: String,
    /// The category's name.
    pub category: String,
    pub text: String,
    /// The most this item can cost. A veto item may have 0 (published
    /// standards print "—"): it then costs no points, only its veto.
    pub points: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub veto: Option<Veto>,
    /// How the standard deducts, as a reviewer reads it, e.g. `每缺一项扣1分`
    /// (the 扣分标准 column): the wording shown and printed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub deduction_rule: String,
    /// The rule the score follows.
    #[serde(default)]
    pub rule: DeductRule,
    /// Legal citation.
    #[serde(default)]
    pub basis: String,
    /// Where in the published standard the item comes from.
    #[serde(default)]
    pub source: String,
    /// When the item applies; absent means always.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applies_when: Option<AppliesWhen>,
}

impl Item {
    /// The most all findings on this item cost together: its points, except a
    /// per-occurrence item without points (no cap) and a bonus item.
    pub fn cap(&self) -> Option<f64> {
        match self.rule {
            DeductRule::Each { .. } if self.points <= 0.0 => None,
            DeductRule::Bonus { .. } => Some(0.0),
            _ => Some(self.points.max(0.0)),
        }
    }

    pub fn is_bonus(&self) -> bool {
        matches!(self.rule, DeductRule::Bonus { .. })
    }

    /// The wording of the 扣分标准: the standard's text, else the rule's.
    pub fn rule_wording(&self) -> String {
        if self.deduction_rule.is_empty() {
            self.rule.describe()
        } else {
            self.deduction_rule.clone()
        }
    }

    /// Does this item apply to the file?
    pub fn applies(&self, case: &CaseFile) -> bool {
        self.applies_when.as_ref().is_none_or(|c| c.matches(case))
    }
}

/// A condition on a file's metadata. Every field present must hold (AND);
/// a list field holds when the file's value is one of the list (OR).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppliesWhen {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<Vec<CaseKind>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub procedure: Option<Vec<crate::model::Procedure>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub major_decision: Option<bool>,
    /// The decision has at least one of these measures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measures: Option<Vec<crate::model::Measure>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party_type: Option<Vec<crate::model::PartyType>>,
    /// The file has an event of at least one of these stages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub has_stage: Option<Vec<crate::model::KnownStage>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hearing_notified: Option<bool>,
    /// The file has a decision (decision object or 决定 event).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub has_decision: Option<bool>,
}

impl AppliesWhen {
    pub fn matches(&self, case: &CaseFile) -> bool {
        fn one_of<T: PartialEq>(list: &Option<Vec<T>>, v: Option<T>) -> bool {
            match list {
                None => true,
                Some(l) => v.is_some_and(|v| l.contains(&v)),
            }
        }
        one_of(&self.kind, Some(case.kind))
            && (self.procedure.is_none()
                || one_of(&self.procedure, Some(case.effective_procedure())))
            && self.major_decision.is_none_or(|m| case.is_major() == m)
            && self
                .measures
                .as_ref()
                .is_none_or(|l| case.measures().iter().any(|m| l.contains(m)))
            && one_of(&self.party_type, case.party_type())
            && self.has_stage.as_ref().is_none_or(|l| {
                case.events
                    .iter()
                    .any(|e| e.stage.known().is_some_and(|k| l.contains(&k)))
            })
            && self
                .hearing_notified
                .is_none_or(|h| case.hearing_notified.unwrap_or(false) == h)
            && self
                .has_decision
                .is_none_or(|h| case.decision_date().is_some() == h)
    }
}

/// A review standard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Checklist {
    pub id: String,
    pub name: String,
    pub version: String,
    /// The published standard it follows.
    pub source: String,
    pub role: ChecklistRole,
    /// Case kinds this checklist grades (for `General`) or reviews.
    #[serde(default)]
    pub kinds: Vec<CaseKind>,
    /// Full marks.
    pub total: f64,
    pub thresholds: Thresholds,
    /// What a `fail` veto does to the score.
    #[serde(default)]
    pub veto_score: VetoScore,
    /// The most all bonus items add together; absent: no cap but `max_score`.
    #[serde(default)]
    pub bonus_cap: Option<f64>,
    /// The score never exceeds it (default `total`).
    pub max_score: f64,
    /// How departments are graded and ranked.
    #[serde(default)]
    pub unit: UnitRule,
    pub categories: Vec<Category>,
    pub items: Vec<Item>,
}

impl Checklist {
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.id == id)
    }

    pub fn category(&self, name: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.name == name)
    }

    /// The most a finding on this item can cost: the item's points, capped
    /// by its category's points when it has them (0 for a veto item without
    /// points).
    pub fn max_deduction_for(&self, item: &Item) -> f64 {
        let cap = self
            .category(&item.category)
            .and_then(|c| c.points)
            .unwrap_or(f64::INFINITY);
        item.points.min(cap).max(0.0)
    }

    /// The veto items (一票否决项), in checklist order.
    pub fn veto_items(&self) -> impl Iterator<Item = &Item> {
        self.items.iter().filter(|i| i.veto.is_some())
    }

    /// The items of one category, in checklist order.
    pub fn items_in<'a>(&'a self, category: &'a str) -> impl Iterator<Item = &'a Item> + 'a {
        self.items.iter().filter(move |i| i.category == category)
    }

    /// Does this checklist grade files of `kind` (a general checklist listing it)?
    pub fn grades(&self, kind: CaseKind) -> bool {
        self.role == ChecklistRole::General && self.kinds.contains(&kind)
    }

    /// The items that apply to a file, in checklist order.
    pub fn applicable<'a>(&'a self, case: &'a CaseFile) -> impl Iterator<Item = &'a Item> + 'a {
        self.items.iter().filter(move |i| i.applies(case))
    }
}
