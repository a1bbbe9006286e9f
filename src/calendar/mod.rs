//! TEMPORARY stub until the rules branch lands.
#[derive(Debug, Clone, Default)]
pub struct Calendar;
impl Calendar {
    pub fn builtin() -> Self {
        Calendar
    }
}
