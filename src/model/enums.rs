//! Closed vocabularies of the interchange format (`docs/case-file.md`), with
//! their Chinese names.
//!
//! Every enum serialises as the Chinese word the format uses, so JSON in and out
//! reads as a reviewer writes it.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Declares a closed vocabulary: the enum, its Chinese labels, `ALL`, parsing
/// and serde as the Chinese word.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $label:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $label)] $variant),+
        }

        impl $name {
            /// Every value, in the order `docs/case-file.md` lists them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The Chinese word for this value.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            /// Parses the Chinese word; `None` when it is not one of [`Self::ALL`].
            pub fn parse(s: &str) -> Option<Self> {
                match s.trim() { $($label => Some($name::$variant),)+ _ => None }
            }

            /// The allowed words joined by ` · `, for error messages.
            pub fn allowed() -> String {
                Self::ALL.iter().map(|v| v.label()).collect::<Vec<_>>().join(" · ")
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}

vocabulary!(
    /// 案件类型.
    CaseKind {
        Penalty => "行政处罚",
        Licensing => "行政许可",
        Enforcement => "行政强制",
        Inspection => "行政检查",
        Levy => "行政征收",
        Confirmation => "行政确认",
        Other => "其他",
    }
);

vocabulary!(
    /// 普通程序 / 简易程序 (行政处罚 only).
    Procedure {
        Ordinary => "普通程序",
        Simple => "简易程序",
    }
);

vocabulary!(
    /// 当事人类型.
    PartyType {
        NaturalPerson => "自然人",
        LegalPerson => "法人",
        Organization => "非法人组织",
    }
);

vocabulary!(
    /// 处理措施 / 处罚种类 in a decision.
    Measure {
        Warning => "警告",
        Criticism => "通报批评",
        Fine => "罚款",
        ConfiscateIncome => "没收违法所得",
        ConfiscateProperty => "没收非法财物",
        SuspendLicense => "暂扣许可证件",
        LowerQualification => "降低资质等级",
        RevokeLicense => "吊销许可证件",
        RestrictBusiness => "限制开展生产经营活动",
        SuspendBusiness => "责令停产停业",
        OrderClosure => "责令关闭",
        RestrictPractice => "限制从业",
        Detention => "行政拘留",
        NoPenalty => "不予处罚",
        Grant => "准予许可",
        Refuse => "不予许可",
        Other => "其他",
    }
);

vocabulary!(
    /// 裁量 (discretion) applied in a decision.
    Discretion {
        Exempt => "不予处罚",
        Mitigated => "减轻",
        Lenient => "从轻",
        Ordinary => "一般",
        Severe => "从重",
    }
);

vocabulary!(
    /// 全过程记录 medium.
    Medium {
        Text => "文字",
        AudioVideo => "音像",
        Photo => "照片",
        Audio => "录音",
    }
);

vocabulary!(
    /// 法制审核 opinion.
    ReviewOpinion {
        Approve => "同意",
        ApproveAmended => "修改后同意",
        ReturnForMore => "退回补充",
        Reject => "不同意",
    }
);

vocabulary!(
    /// 环节: a procedure step. An unknown stage is kept as text (see [`Stage`]).
    KnownStage {
        Lead => "线索登记",
        Filing => "立案",
        Investigation => "调查取证",
        OnSiteInspection => "现场检查",
        Inquiry => "询问",
        LegalReview => "法制审核",
        CollectiveDiscussion => "集体讨论",
        Notice => "告知",
        Statement => "陈述申辩",
        HearingRequest => "听证申请",
        HearingNotice => "听证通知",
        Hearing => "听证",
        Extension => "延期审批",
        Decision => "决定",
        Service => "送达",
        Disclosure => "公示",
        Payment => "缴款",
        Execution => "执行",
        Reminder => "催告",
        CompulsoryExecution => "强制执行",
        Closing => "结案",
        Archiving => "归档",
    }
);

/// A procedure step as written in the file: a known stage, or any other word
/// (kept verbatim and reported as a warning on import).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum Stage {
    Known(KnownStage),
    Unknown(String),
}

impl Stage {
    pub fn known(&self) -> Option<KnownStage> {
        match self {
            Stage::Known(k) => Some(*k),
            Stage::Unknown(_) => None,
        }
    }
    pub fn as_str(&self) -> &str {
        match self {
            Stage::Known(k) => k.label(),
            Stage::Unknown(s) => s,
        }
    }
    pub fn is(&self, k: KnownStage) -> bool {
        self.known() == Some(k)
    }
}

impl From<String> for Stage {
    fn from(s: String) -> Self {
        match KnownStage::parse(&s) {
            Some(k) => Stage::Known(k),
            None => Stage::Unknown(s),
        }
    }
}

impl From<Stage> for String {
    fn from(s: Stage) -> Self {
        s.as_str().to_string()
    }
}

impl From<KnownStage> for Stage {
    fn from(k: KnownStage) -> Self {
        Stage::Known(k)
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

vocabulary!(
    /// 等次. Ordered worst first, so `grade >= Grade::Pass` means 合格 or better.
    Grade {
        Fail => "不合格",
        Pass => "合格",
        Good => "良好",
        Excellent => "优秀",
    }
);

impl Grade {
    /// 合格 or better.
    pub fn is_pass(self) -> bool {
        self >= Grade::Pass
    }
}

vocabulary!(
    /// 一票否决 level of a checklist item.
    Veto {
        Fail => "fail",
        NotExcellent => "not_excellent",
    }
);

impl Veto {
    /// How a reviewer reads it.
    pub fn label_zh(self) -> &'static str {
        match self {
            Veto::Fail => "一票否决（不合格）",
            Veto::NotExcellent => "不得评为优秀",
        }
    }
}

vocabulary!(
    /// The state of one file's review: 未评 / 评查中 / 待复核 / 已完成
    /// (see [`crate::model::workflow`]).
    ReviewStatus {
        NotStarted => "未评",
        InProgress => "评查中",
        PendingReview => "待复核",
        Completed => "已完成",
    }
);

vocabulary!(
    /// A finding's status.
    FindingStatus {
        Suggested => "suggested",
        Confirmed => "confirmed",
        Dismissed => "dismissed",
    }
);

impl FindingStatus {
    pub fn label_zh(self) -> &'static str {
        match self {
            FindingStatus::Suggested => "待确认",
            FindingStatus::Confirmed => "已确认",
            FindingStatus::Dismissed => "已驳回",
        }
    }
}

vocabulary!(
    /// Where a finding came from.
    FindingSource {
        Manual => "manual",
        Auto => "auto",
    }
);

vocabulary!(
    /// A reviewer's mark on one checklist item of one file.
    ItemMark {
        Unchecked => "未查",
        Compliant => "符合",
        Problem => "有问题",
        NotApplicable => "不适用",
    }
);
