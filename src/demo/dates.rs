//! The dates of one file's procedure, drawn on working days, then turned into
//! events, documents and recordings.

use super::workdays::{add, sub};
use crate::model::{Document, Event, Extra, KnownStage as S};
use chrono::{Duration, NaiveDate};

/// The named dates of a 行政处罚 file (普通程序).
#[derive(Debug, Clone, Default)]
pub struct Dates {
    pub filing: Option<NaiveDate>,
    pub onsite: Option<NaiveDate>,
    pub inquiry: Option<NaiveDate>,
    pub notice: Option<NaiveDate>,
    pub statement: Option<NaiveDate>,
    pub hearing_request: Option<NaiveDate>,
    pub hearing_notice: Option<NaiveDate>,
    pub hearing: Option<NaiveDate>,
    pub review: Option<NaiveDate>,
    pub collective: Option<NaiveDate>,
    pub decision: Option<NaiveDate>,
    pub service: Option<NaiveDate>,
    pub disclosure: Option<NaiveDate>,
    pub payment: Option<NaiveDate>,
    pub closing: Option<NaiveDate>,
    pub archive: Option<NaiveDate>,
}

/// (stage, document title, pages it takes)
const STEPS: &[(S, &str, u32)] = &[
    (S::Filing, "立案审批表", 2),
    (S::OnSiteInspection, "现场检查笔录", 3),
    (S::Inquiry, "询问笔录", 4),
    (S::Notice, "行政处罚事先告知书", 2),
    (S::Statement, "陈述申辩笔录", 2),
    (S::HearingRequest, "听证申请书", 1),
    (S::HearingNotice, "行政处罚听证通知书", 1),
    (S::Hearing, "听证笔录", 5),
    (S::LegalReview, "重大执法决定法制审核意见书", 2),
    (S::CollectiveDiscussion, "重大案件集体讨论记录", 2),
    (S::Decision, "行政处罚决定书", 3),
    (S::Service, "送达回证", 1),
    (S::Disclosure, "行政处罚决定信息公示截图", 1),
    (S::Payment, "罚没款缴款凭证", 1),
    (S::Closing, "结案审批表", 1),
    (S::Archiving, "卷内备考表", 1),
];

impl Dates {
    fn get(&self, s: S) -> Option<NaiveDate> {
        match s {
            S::Filing => self.filing,
            S::OnSiteInspection => self.onsite,
            S::Inquiry => self.inquiry,
            S::Notice => self.notice,
            S::Statement => self.statement,
            S::HearingRequest => self.hearing_request,
            S::HearingNotice => self.hearing_notice,
            S::Hearing => self.hearing,
            S::LegalReview => self.review,
            S::CollectiveDiscussion => self.collective,
            S::Decision => self.decision,
            S::Service => self.service,
            S::Disclosure => self.disclosure,
            S::Payment => self.payment,
            S::Closing => self.closing,
            S::Archiving => self.archive,
            _ => None,
        }
    }

    /// Events and documents, documents paginated in procedure order.
    pub fn materialize(&self, decision_no: &str) -> (Vec<Event>, Vec<Document>) {
        let mut events = Vec::new();
        let mut docs = Vec::new();
        let mut page = 1;
        for &(stage, title, pages) in STEPS {
            let Some(date) = self.get(stage) else {
                continue;
            };
            let mut e = Event::new(stage, date);
            if stage != S::Disclosure {
                e.doc = Some(title.to_string());
            }
            events.push(e);
            docs.push(Document {
                title: title.to_string(),
                doc_no: (stage == S::Decision).then(|| decision_no.to_string()),
                date: Some(date),
                pages: Some(if pages == 1 {
                    page.to_string()
                } else {
                    format!("{page}-{}", page + pages - 1)
                }),
                signed: Some(true),
                sealed: Some(matches!(stage, S::Decision | S::Notice | S::HearingNotice)),
                extra: Extra::new(),
            });
            page += pages;
        }
        (events, docs)
    }
}

/// Shifts the filing so that the decision falls `days` calendar days after it.
pub fn refile(d: &mut Dates, days: i64) {
    if let Some(dec) = d.decision {
        let f = sub(dec - Duration::days(days) + Duration::days(1), 1);
        d.filing = Some(f);
        d.onsite = d.onsite.map(|_| add(f, 1));
        d.inquiry = d.inquiry.map(|_| add(f, 3));
    }
}
