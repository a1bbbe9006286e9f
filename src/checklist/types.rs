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

/// A category (评查类别) and the most it can cost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Category {
    pub name: String,
    pub points: f64,
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
    /// (the 扣分标准 column). Guidance only: the reviewer sets each finding's
    /// deduction.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub deduction_rule: String,
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
    /// by its category's points (0 for a veto item without points).
    pub fn max_deduction_for(&self, item: &Item) -> f64 {
        let cap = self.category(&item.category).map_or(0.0, |c| c.points);
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
