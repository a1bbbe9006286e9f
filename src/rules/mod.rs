//! TEMPORARY stub until the rules branch lands.
use crate::calendar::Calendar;
use crate::model::{CaseFile, Suggestion};
#[derive(Debug, Clone, Default)]
pub struct Profile {
    pub name: String,
}
impl Profile {
    pub fn national() -> Self {
        Profile {
            name: "全国默认".into(),
        }
    }
}
pub fn run_all(_case: &CaseFile, _cal: &Calendar, _profile: &Profile) -> Vec<Suggestion> {
    Vec::new()
}
