//! Dates as the interchange format writes them: exactly `YYYY-MM-DD`
//! (four-digit year, two-digit month and day, no sign, no spaces). chrono
//! alone also reads `2024-1-1` and `+2024-01-01`.

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer};

/// `s` as a date when it is written exactly `YYYY-MM-DD` and exists.
pub fn parse_iso_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return None;
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

fn strict<'de, D: Deserializer<'de>>(s: &str) -> Result<NaiveDate, D::Error> {
    parse_iso_date(s)
        .ok_or_else(|| serde::de::Error::custom(format!("“{s}” 不是 YYYY-MM-DD 格式的有效日期")))
}

/// A required date field.
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    let s = std::borrow::Cow::<str>::deserialize(d)?;
    strict::<D>(&s)
}

/// An optional date field (`null` or absent is `None`).
pub fn deserialize_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    match Option::<std::borrow::Cow<str>>::deserialize(d)? {
        None => Ok(None),
        Some(s) => strict::<D>(&s).map(Some),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_exact_form() {
        assert!(parse_iso_date("2024-03-04").is_some());
        for bad in [
            "2024-1-1",
            "+2024-01-01",
            " 2024-01-01",
            "2024-02-30",
            "2024/01/01",
            "20240101",
        ] {
            assert!(parse_iso_date(bad).is_none(), "{bad}");
        }
    }
}
