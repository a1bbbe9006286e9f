//! The procedure defects the generator injects: ground truth for the
//! automatic checks (`src/rules/README.md`) and the reason a demo file is flawed.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Defect {
    /// 送达 later than the 7th working day after 决定 (第六十一条).
    LateService,
    /// Only one officer (第四十二条).
    OneOfficer,
    /// An officer without an enforcement certificate number.
    MissingCert,
    /// A certificate that expired before the filing.
    ExpiredCert,
    /// A major decision without 法制审核 (第五十八条).
    NoLegalReview,
    /// 法制审核 dated after the decision.
    LegalReviewAfterDecision,
    /// A major decision without 集体讨论 (第五十七条).
    NoCollectiveDiscussion,
    /// No 告知 before the decision (第六十二条).
    NoNotice,
    /// A heavy penalty and the party not told of the right to a hearing (第六十三条).
    NoHearingNotice,
    /// More than 90 days from 立案 to 决定 without 延期审批 (第六十条).
    DecisionOver90Days,
    /// 公示 later than 7 working days after the decision.
    LateDisclosure,
    /// A penalty decision never disclosed.
    NoDisclosure,
    /// 现场检查 without any recording (第四十七条).
    NoRecording,
    /// A fine with no 缴款 and no follow-up (第六十七条, 第七十二条).
    PaymentNotFollowedUp,
    /// 归档 dated before 结案.
    StepsOutOfOrder,
}

impl Defect {
    /// Defects any 行政处罚 file can carry.
    pub const COMMON: &'static [Defect] = &[
        Defect::LateService,
        Defect::OneOfficer,
        Defect::MissingCert,
        Defect::ExpiredCert,
        Defect::NoNotice,
        Defect::NoHearingNotice,
        Defect::DecisionOver90Days,
        Defect::LateDisclosure,
        Defect::NoDisclosure,
        Defect::NoRecording,
        Defect::PaymentNotFollowedUp,
        Defect::StepsOutOfOrder,
    ];

    /// Defects only a major decision can carry.
    pub const MAJOR: &'static [Defect] = &[
        Defect::NoLegalReview,
        Defect::LegalReviewAfterDecision,
        Defect::NoCollectiveDiscussion,
    ];

    /// How a reviewer would name it.
    pub fn label(self) -> &'static str {
        match self {
            Defect::LateService => "超期送达",
            Defect::OneOfficer => "执法人员少于两人",
            Defect::MissingCert => "执法人员无执法证号",
            Defect::ExpiredCert => "执法证件过期",
            Defect::NoLegalReview => "重大决定未经法制审核",
            Defect::LegalReviewAfterDecision => "法制审核晚于决定",
            Defect::NoCollectiveDiscussion => "重大决定未集体讨论",
            Defect::NoNotice => "未事先告知",
            Defect::NoHearingNotice => "未告知听证权",
            Defect::DecisionOver90Days => "超过九十日作出决定",
            Defect::LateDisclosure => "超期公示",
            Defect::NoDisclosure => "未公示",
            Defect::NoRecording => "现场检查无音像记录",
            Defect::PaymentNotFollowedUp => "逾期未缴款且未催告",
            Defect::StepsOutOfOrder => "归档早于结案",
        }
    }
}
