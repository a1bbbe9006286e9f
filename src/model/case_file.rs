//! A case file (案卷) exactly as `docs/case-file.md` describes it.

use super::enums::*;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Fields the interchange format (`docs/case-file.md`) does not know, kept verbatim (exporters add fields over time).
pub type Extra = serde_json::Map<String, serde_json::Value>;

fn normalised<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let s = String::deserialize(d)?;
    Ok(super::normalise_name(&s))
}

/// One enforcement case's file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseFile {
    /// Read normalised (invisible characters removed, NFC, trimmed), so two
    /// files whose 案号 only look alike are one file.
    #[serde(deserialize_with = "normalised")]
    pub case_no: String,
    /// Read normalised, as the 案号: one department never counts as two.
    #[serde(deserialize_with = "normalised")]
    pub department: String,
    pub kind: CaseKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub procedure: Option<Procedure>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<Party>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub officers: Vec<Officer>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub major_decision: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hearing_notified: Option<bool>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<Event>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<Decision>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<Document>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recordings: Vec<Recording>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_review: Option<LegalReview>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disclosure: Option<Disclosure>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_involved_yuan: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referred_to_police: Option<bool>,
    /// Unknown fields, kept verbatim.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The extra field a ledger import sets (`"导入来源": "台账"`): the file
/// holds only what a spreadsheet row says, so the checks that read records a
/// ledger never carries (告知, 公示, 缴款, 法制审核 …) stay silent on it.
pub const SOURCE_FIELD: &str = "导入来源";
pub const SOURCE_LEDGER: &str = "台账";
/// How a ledger file is described to the reviewer (TUI and `show`).
pub const LEDGER_NOTE: &str = "台账导入：只含台账所列日期和金额；告知、公示、缴款、法制审核等须查阅纸质案卷，自动检查只核对日期和金额";

impl CaseFile {
    /// Made from a ledger row (台账), not from a full case-file record.
    pub fn from_ledger(&self) -> bool {
        self.extra.get(SOURCE_FIELD).and_then(|v| v.as_str()) == Some(SOURCE_LEDGER)
    }

    /// A file with only the three required fields.
    pub fn new(case_no: impl Into<String>, department: impl Into<String>, kind: CaseKind) -> Self {
        CaseFile {
            case_no: case_no.into(),
            department: department.into(),
            kind,
            procedure: None,
            title: None,
            party: None,
            officers: Vec::new(),
            major_decision: None,
            hearing_notified: None,
            events: Vec::new(),
            decision: None,
            documents: Vec::new(),
            recordings: Vec::new(),
            legal_review: None,
            disclosure: None,
            amount_involved_yuan: None,
            referred_to_police: None,
            extra: Extra::new(),
        }
    }

    /// The procedure in effect: 普通程序 unless the file says 简易程序
    /// (only meaningful for 行政处罚).
    pub fn effective_procedure(&self) -> Procedure {
        self.procedure.unwrap_or(Procedure::Ordinary)
    }

    pub fn is_major(&self) -> bool {
        self.major_decision.unwrap_or(false)
    }

    /// The events sorted by date (stable: same-day events keep file order).
    pub fn timeline(&self) -> Vec<&Event> {
        let mut v: Vec<&Event> = self.events.iter().collect();
        v.sort_by_key(|e| e.date);
        v
    }

    /// The earliest event of a stage, by date.
    pub fn first_event(&self, stage: KnownStage) -> Option<&Event> {
        self.events
            .iter()
            .filter(|e| e.stage.is(stage))
            .min_by_key(|e| e.date)
    }

    /// The latest event of a stage, by date.
    pub fn last_event(&self, stage: KnownStage) -> Option<&Event> {
        self.events
            .iter()
            .filter(|e| e.stage.is(stage))
            .max_by_key(|e| e.date)
    }

    /// All events of a stage.
    pub fn events_of(&self, stage: KnownStage) -> impl Iterator<Item = &Event> {
        self.events.iter().filter(move |e| e.stage.is(stage))
    }

    /// The decision date: `decision.date`, else the earliest 决定 event.
    pub fn decision_date(&self) -> Option<NaiveDate> {
        self.decision
            .as_ref()
            .and_then(|d| d.date)
            .or_else(|| self.first_event(KnownStage::Decision).map(|e| e.date))
    }

    /// The measures of the decision (empty when there is none).
    pub fn measures(&self) -> &[Measure] {
        self.decision
            .as_ref()
            .map(|d| d.measures.as_slice())
            .unwrap_or(&[])
    }

    pub fn party_type(&self) -> Option<PartyType> {
        self.party.as_ref().and_then(|p| p.party_type)
    }

    pub fn party_name(&self) -> Option<&str> {
        self.party.as_ref().and_then(|p| p.name.as_deref())
    }
}

/// 当事人.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Party {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub party_type: Option<PartyType>,
    /// 统一社会信用代码 or 身份证号 — personal data for a 自然人.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_no: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// 承办执法人员.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Officer {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cert_no: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::date::deserialize_opt"
    )]
    pub cert_valid_until: Option<NaiveDate>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// One procedure step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub stage: Stage,
    #[serde(deserialize_with = "super::date::deserialize")]
    pub date: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Event {
    pub fn new(stage: impl Into<Stage>, date: NaiveDate) -> Self {
        Event {
            stage: stage.into(),
            date,
            doc: None,
            note: None,
            extra: Extra::new(),
        }
    }
}

/// The decision (处罚决定 / 许可决定 …).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Decision {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::date::deserialize_opt"
    )]
    pub date: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub measures: Vec<Measure>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fine_yuan: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confiscation_yuan: Option<f64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub legal_basis: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discretion: Option<Discretion>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// 卷内文书.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Document {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc_no: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::date::deserialize_opt"
    )]
    pub date: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sealed: Option<bool>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// 全过程记录 item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recording {
    pub stage: Stage,
    pub medium: Medium,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_s: Option<f64>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// 法制审核.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct LegalReview {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewer: Option<String>,
    /// The date the review unit received the file.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::date::deserialize_opt"
    )]
    pub received: Option<NaiveDate>,
    /// The date of the opinion.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::date::deserialize_opt"
    )]
    pub date: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opinion: Option<ReviewOpinion>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// 公示.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Disclosure {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::date::deserialize_opt"
    )]
    pub date: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}
