//! The states of one file's review and who may move it between them.
//!
//! 未评 → 评查中 → 待复核 (the reviewer submits) → 已完成 (a leader approves),
//! or back from 待复核 to 评查中 with the leader's remark (退回). A batch with
//! no leaders has no 复核: submitting completes the file at once. Pure: the
//! caller reads the state and the batch's team and writes the result.

use super::ReviewStatus;
use std::fmt;

/// What someone does to a file's review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReviewAction {
    /// Any change to the file's findings or marks (未评 → 评查中).
    Work,
    /// The reviewer hands the file in (`submit`, `complete`).
    Submit,
    /// The leader accepts the result.
    Approve { remark: Option<String> },
    /// The leader sends the file back with what to correct.
    Return { remark: String },
    /// Back to 评查中 from 已完成 (or 待复核) to change it.
    Reopen,
}

impl ReviewAction {
    pub fn label(&self) -> &'static str {
        match self {
            ReviewAction::Work => "评查",
            ReviewAction::Submit => "提交复核",
            ReviewAction::Approve { .. } => "复核通过",
            ReviewAction::Return { .. } => "退回",
            ReviewAction::Reopen => "重新打开",
        }
    }
}

/// The batch's team as far as the review states care.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Team {
    /// 组长 of the batch; empty: no 复核.
    pub leaders: Vec<String>,
    /// A leader may approve a file they reviewed themselves.
    pub allow_self_approval: bool,
}

impl Team {
    /// Does the batch have 复核?
    pub fn has_review(&self) -> bool {
        !self.leaders.is_empty()
    }

    pub fn is_leader(&self, name: &str) -> bool {
        self.leaders.iter().any(|l| l == name.trim())
    }
}

/// A file's review state: its status and who has reviewed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewState {
    pub status: ReviewStatus,
    /// Everyone who logged, confirmed, marked or submitted on the file.
    pub reviewers: Vec<String>,
}

/// Why a transition is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The action does not apply in this state.
    WrongState {
        action: &'static str,
        status: ReviewStatus,
    },
    /// Approving or returning needs a 组长 of the batch.
    NotLeader { actor: String, leaders: Vec<String> },
    /// The batch has no leaders, so nothing waits for 复核.
    NoReview { action: &'static str },
    /// A leader approving a file they reviewed.
    SelfApproval { actor: String },
    /// Returning needs a remark saying what to correct.
    EmptyRemark,
    /// The action needs a name.
    NoActor { action: &'static str },
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::WrongState { action, status } => {
                let hint = match status {
                    ReviewStatus::NotStarted | ReviewStatus::InProgress => {
                        "尚未提交复核；评查人员先提交（`pingcha submit`）"
                    }
                    ReviewStatus::PendingReview => {
                        "正等待组长复核；组长通过（`pingcha approve`）或退回（`pingcha return`）"
                    }
                    ReviewStatus::Completed => {
                        "已完成；如需修改，先重新打开（`pingcha complete 案号 --reopen`）"
                    }
                };
                write!(f, "案卷状态为“{status}”，不能{action}：该案卷{hint}")
            }
            Refusal::NotLeader { actor, leaders } => write!(
                f,
                "“{actor}”不是本批次的组长，不能复核；本批次组长：{}",
                leaders.join("、")
            ),
            Refusal::NoReview { action } => write!(
                f,
                "本批次未设组长，没有复核环节，不能{action}；用 `pingcha complete 案号` 完成评查，或用 `pingcha batch edit --leaders 姓名` 指定组长"
            ),
            Refusal::SelfApproval { actor } => write!(
                f,
                "“{actor}”参与了该案卷的评查，不能复核自己评查的案卷；请另一位组长复核，或在批次上允许（`pingcha batch edit --allow-self-approval`）"
            ),
            Refusal::EmptyRemark => {
                write!(f, "退回须写明退回意见（`--remark 需要改正的内容`）")
            }
            Refusal::NoActor { action } => {
                write!(f, "{action}须给出姓名（`--by 姓名` 或 `--reviewer 姓名`）")
            }
        }
    }
}

impl std::error::Error for Refusal {}

/// The state after `action` by `actor`, or why it is refused.
pub fn transition(
    state: &ReviewState,
    action: &ReviewAction,
    actor: Option<&str>,
    team: &Team,
) -> Result<ReviewStatus, Refusal> {
    use ReviewStatus::*;
    let actor = actor.map(str::trim).filter(|a| !a.is_empty());
    let wrong = || Refusal::WrongState {
        action: action.label(),
        status: state.status,
    };
    match action {
        ReviewAction::Work => match state.status {
            NotStarted | InProgress => Ok(InProgress),
            _ => Err(wrong()),
        },
        ReviewAction::Submit => match state.status {
            NotStarted | InProgress if team.has_review() => Ok(PendingReview),
            NotStarted | InProgress => Ok(Completed),
            _ => Err(wrong()),
        },
        ReviewAction::Approve { .. } | ReviewAction::Return { .. } => {
            if !team.has_review() {
                return Err(Refusal::NoReview {
                    action: action.label(),
                });
            }
            let actor = actor.ok_or(Refusal::NoActor {
                action: action.label(),
            })?;
            if !team.is_leader(actor) {
                return Err(Refusal::NotLeader {
                    actor: actor.to_string(),
                    leaders: team.leaders.clone(),
                });
            }
            if state.status != PendingReview {
                return Err(wrong());
            }
            match action {
                ReviewAction::Return { remark } if remark.trim().is_empty() => {
                    Err(Refusal::EmptyRemark)
                }
                ReviewAction::Return { .. } => Ok(InProgress),
                _ if !team.allow_self_approval && state.reviewers.iter().any(|r| r == actor) => {
                    Err(Refusal::SelfApproval {
                        actor: actor.to_string(),
                    })
                }
                _ => Ok(Completed),
            }
        }
        ReviewAction::Reopen => match state.status {
            Completed | PendingReview => Ok(InProgress),
            _ => Err(wrong()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ReviewStatus::*;

    fn st(status: ReviewStatus, reviewers: &[&str]) -> ReviewState {
        ReviewState {
            status,
            reviewers: reviewers.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn team(leaders: &[&str], allow: bool) -> Team {
        Team {
            leaders: leaders.iter().map(|s| s.to_string()).collect(),
            allow_self_approval: allow,
        }
    }

    fn approve() -> ReviewAction {
        ReviewAction::Approve { remark: None }
    }

    fn ret(r: &str) -> ReviewAction {
        ReviewAction::Return { remark: r.into() }
    }

    #[test]
    fn the_whole_path_with_a_leader() {
        let t = team(&["张三"], false);
        let s = transition(&st(NotStarted, &[]), &ReviewAction::Work, Some("王芳"), &t);
        assert_eq!(s, Ok(InProgress));
        let s = transition(
            &st(InProgress, &["王芳"]),
            &ReviewAction::Submit,
            Some("王芳"),
            &t,
        );
        assert_eq!(s, Ok(PendingReview));
        let s = transition(
            &st(PendingReview, &["王芳"]),
            &ret("补页码"),
            Some("张三"),
            &t,
        );
        assert_eq!(s, Ok(InProgress));
        let s = transition(&st(InProgress, &["王芳"]), &ReviewAction::Submit, None, &t);
        assert_eq!(s, Ok(PendingReview));
        let s = transition(&st(PendingReview, &["王芳"]), &approve(), Some("张三"), &t);
        assert_eq!(s, Ok(Completed));
    }

    #[test]
    fn without_leaders_submit_completes_and_there_is_no_review() {
        let t = Team::default();
        for from in [NotStarted, InProgress] {
            let s = transition(&st(from, &[]), &ReviewAction::Submit, None, &t);
            assert_eq!(s, Ok(Completed));
        }
        let e = transition(&st(PendingReview, &[]), &approve(), Some("张三"), &t).unwrap_err();
        assert!(matches!(e, Refusal::NoReview { .. }));
        assert!(e.to_string().contains("未设组长"), "{e}");
        let e = transition(&st(InProgress, &[]), &ret("x"), Some("张三"), &t).unwrap_err();
        assert!(matches!(e, Refusal::NoReview { .. }));
    }

    #[test]
    fn only_a_leader_approves_or_returns() {
        let t = team(&["张三", "李四"], false);
        let s = st(PendingReview, &["王芳"]);
        for a in [approve(), ret("改")] {
            let e = transition(&s, &a, Some("陈静"), &t).unwrap_err();
            assert_eq!(
                e,
                Refusal::NotLeader {
                    actor: "陈静".into(),
                    leaders: vec!["张三".into(), "李四".into()]
                }
            );
            assert!(e.to_string().contains("张三、李四"));
            assert!(matches!(
                transition(&s, &a, None, &t),
                Err(Refusal::NoActor { .. })
            ));
        }
        assert_eq!(transition(&s, &approve(), Some("李四"), &t), Ok(Completed));
        assert_eq!(
            transition(&s, &approve(), Some(" 李四 "), &t),
            Ok(Completed)
        );
    }

    #[test]
    fn self_approval_refused_unless_the_batch_allows_it() {
        let s = st(PendingReview, &["王芳", "张三"]);
        let e = transition(&s, &approve(), Some("张三"), &team(&["张三"], false)).unwrap_err();
        assert_eq!(
            e,
            Refusal::SelfApproval {
                actor: "张三".into()
            }
        );
        assert!(e.to_string().contains("--allow-self-approval"));
        assert_eq!(
            transition(&s, &approve(), Some("张三"), &team(&["张三"], true)),
            Ok(Completed)
        );
        // Returning one's own file is no approval: allowed.
        assert_eq!(
            transition(&s, &ret("再看"), Some("张三"), &team(&["张三"], false)),
            Ok(InProgress)
        );
    }

    #[test]
    fn return_needs_a_remark() {
        let t = team(&["张三"], false);
        let s = st(PendingReview, &["王芳"]);
        assert_eq!(
            transition(&s, &ret("  "), Some("张三"), &t),
            Err(Refusal::EmptyRemark)
        );
    }

    #[test]
    fn actions_in_the_wrong_state_are_refused() {
        let t = team(&["张三"], false);
        let refused = |status, a: ReviewAction| {
            matches!(
                transition(&st(status, &["王芳"]), &a, Some("张三"), &t),
                Err(Refusal::WrongState { .. })
            )
        };
        for s in [NotStarted, InProgress, Completed] {
            assert!(refused(s, approve()), "approve from {s}");
            assert!(refused(s, ret("x")), "return from {s}");
        }
        for s in [PendingReview, Completed] {
            assert!(refused(s, ReviewAction::Submit), "submit from {s}");
            assert!(refused(s, ReviewAction::Work), "work on {s}");
        }
        for s in [NotStarted, InProgress] {
            assert!(refused(s, ReviewAction::Reopen), "reopen {s}");
        }
        let e = transition(&st(Completed, &[]), &ReviewAction::Submit, None, &t).unwrap_err();
        assert!(e.to_string().contains("--reopen"), "{e}");
    }

    #[test]
    fn reopen_goes_back_to_in_progress() {
        let t = team(&["张三"], false);
        for s in [PendingReview, Completed] {
            assert_eq!(
                transition(&st(s, &[]), &ReviewAction::Reopen, None, &t),
                Ok(InProgress)
            );
        }
    }

    /// Every (state, action) pair has a defined answer, and only the listed
    /// pairs succeed.
    #[test]
    fn exhaustive_table() {
        let t = team(&["张三"], false);
        let actions = [
            ReviewAction::Work,
            ReviewAction::Submit,
            approve(),
            ret("改"),
            ReviewAction::Reopen,
        ];
        let mut ok = Vec::new();
        for &s in ReviewStatus::ALL {
            for a in &actions {
                if let Ok(to) = transition(&st(s, &["王芳"]), a, Some("张三"), &t) {
                    ok.push((s, a.label(), to));
                }
            }
        }
        assert_eq!(
            ok,
            vec![
                (NotStarted, "评查", InProgress),
                (NotStarted, "提交复核", PendingReview),
                (InProgress, "评查", InProgress),
                (InProgress, "提交复核", PendingReview),
                (PendingReview, "复核通过", Completed),
                (PendingReview, "退回", InProgress),
                (PendingReview, "重新打开", InProgress),
                (Completed, "重新打开", InProgress),
            ]
        );
    }
}
