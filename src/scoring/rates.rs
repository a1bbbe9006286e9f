//! 合格率 / 优秀率 over a set of files.

use crate::model::Grade;
use serde::{Deserialize, Serialize};

/// Counts and rates of a set of files.
///
/// `excellent`, `good`, `pass` and `fail` count each grade separately
/// (`pass` is files graded exactly 合格). Rates are fractions in 0..=1:
/// `pass_rate` = (优秀 + 良好 + 合格) / completed, `excellent_rate` =
/// 优秀 / completed; both 0 when nothing is completed.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Rates {
    /// Files in the set, completed or not.
    pub files: usize,
    /// Files with a grade.
    pub completed: usize,
    pub excellent: usize,
    pub good: usize,
    pub pass: usize,
    pub fail: usize,
    pub pass_rate: f64,
    pub excellent_rate: f64,
}

impl Rates {
    /// Files whose grade passes ([`Grade::is_pass`]: 合格 or better).
    pub fn passed(&self) -> usize {
        [
            (Grade::Excellent, self.excellent),
            (Grade::Good, self.good),
            (Grade::Pass, self.pass),
            (Grade::Fail, self.fail),
        ]
        .iter()
        .filter(|(g, _)| g.is_pass())
        .map(|(_, n)| n)
        .sum()
    }

    /// A rate as a percentage with one decimal, e.g. `97.5`.
    pub fn percent(rate: f64) -> f64 {
        super::round1(rate * 100.0)
    }
}

/// How a rate reads wherever it is shown (summary, TUI, documents): one
/// decimal and a percent sign, `0.8333` → `83.3%`.
pub fn percent_text(rate: f64) -> String {
    format!("{:.1}%", rate * 100.0)
}

/// Counts grades. Pass `Grade`s (every file completed), or `Option<Grade>`s
/// where `None` is a file not yet completed (it counts in `files` only).
pub fn rates<I>(grades: I) -> Rates
where
    I: IntoIterator,
    I::Item: Into<Option<Grade>>,
{
    let mut r = Rates::default();
    for g in grades {
        r.files += 1;
        let Some(g) = g.into() else { continue };
        r.completed += 1;
        match g {
            Grade::Excellent => r.excellent += 1,
            Grade::Good => r.good += 1,
            Grade::Pass => r.pass += 1,
            Grade::Fail => r.fail += 1,
        }
    }
    if r.completed > 0 {
        let n = r.completed as f64;
        r.pass_rate = r.passed() as f64 / n;
        r.excellent_rate = r.excellent as f64 / n;
    }
    r
}
