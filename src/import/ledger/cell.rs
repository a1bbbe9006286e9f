//! One spreadsheet cell, whatever the source, and its reading as text,
//! date, amount or yes/no, with the message when it cannot be read.

use crate::import::validate::{MONEY_EXPECTED, money_problem};
use chrono::NaiveDate;
use serde_json::Value;

/// One cell, whatever the source.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
    Bool(bool),
    /// A cell that cannot be read (an Excel error value, an impossible date).
    Invalid(String),
}

impl Cell {
    pub(crate) fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// How the cell reads in a message.
    pub(crate) fn shown(&self) -> String {
        match self {
            Cell::Empty => "（空）".into(),
            Cell::Text(s) => format!("“{}”", s.trim()),
            Cell::Number(n) => format!("{n}"),
            Cell::Date(d) => d.to_string(),
            Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
            Cell::Invalid(s) => s.clone(),
        }
    }
}

const DATE_FORMS: &str = "应为 2024-03-04、2024/3/4、2024年3月4日 或 Excel 日期";

/// An Excel date serial (1900 system) to a date.
pub(crate) fn from_serial(serial: f64) -> Option<NaiveDate> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let dt = calamine::ExcelDateTime::new(serial, calamine::ExcelDateTimeType::DateTime, false);
    let (y, m, d, ..) = dt.to_ymd_hms_milli();
    NaiveDate::from_ymd_opt(y.into(), m.into(), d.into())
}

/// `2024-03-04`, `2024/3/4`, `2024.3.4`, `2024年3月4日`, `20240304`, a
/// serial such as `45355`; a time after a space is ignored.
fn text_date(s: &str) -> Option<NaiveDate> {
    let mut parts = s.split_whitespace();
    let day = parts.next()?;
    if !parts.all(|t| {
        t.chars()
            .all(|c| c.is_ascii_digit() || c == ':' || c == '.')
    }) {
        return None;
    }
    if day.bytes().all(|b| b.is_ascii_digit()) {
        return match day.len() {
            8 => NaiveDate::parse_from_str(day, "%Y%m%d").ok(),
            1..=7 => from_serial(day.parse().ok()?),
            _ => None,
        };
    }
    let ymd = if let Some(rest) = day.strip_suffix('日') {
        let (y, rest) = rest.split_once('年')?;
        let (m, d) = rest.split_once('月')?;
        [y, m, d]
    } else {
        let sep = ['-', '/', '.'].into_iter().find(|c| day.contains(*c))?;
        let mut it = day.split(sep);
        let v = [it.next()?, it.next()?, it.next()?];
        if it.next().is_some() {
            return None;
        }
        v
    };
    if ymd[0].len() != 4
        || ymd
            .iter()
            .any(|p| p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    NaiveDate::from_ymd_opt(
        ymd[0].parse().ok()?,
        ymd[1].parse().ok()?,
        ymd[2].parse().ok()?,
    )
}

pub(crate) fn cell_date(c: &Cell) -> Result<Option<NaiveDate>, String> {
    let bad = || format!("{} 不是有效日期，{DATE_FORMS}", c.shown());
    match c {
        _ if c.is_empty() => Ok(None),
        Cell::Date(d) => Ok(Some(*d)),
        Cell::Number(n) => from_serial(*n).map(Some).ok_or_else(bad),
        Cell::Text(s) => text_date(s.trim()).map(Some).ok_or_else(bad),
        _ => Err(bad()),
    }
}

pub(crate) fn cell_money(c: &Cell) -> Result<Option<f64>, String> {
    let bad = || format!("{} 不是有效金额，{}", c.shown(), MONEY_EXPECTED);
    let v = match c {
        _ if c.is_empty() => return Ok(None),
        Cell::Number(n) => *n,
        Cell::Text(s) => {
            let t: String = s
                .trim()
                .trim_start_matches(['¥', '￥'])
                .trim_end_matches('元')
                .chars()
                .filter(|c| !matches!(c, ',' | '，' | ' '))
                .collect();
            if t.is_empty()
                || !t
                    .bytes()
                    .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-')
            {
                return Err(bad());
            }
            t.parse::<f64>().map_err(|_| bad())?
        }
        _ => return Err(bad()),
    };
    match money_problem(v, &c.shown()) {
        None => Ok(Some(v)),
        Some(m) => Err(m),
    }
}

pub(crate) fn cell_text(c: &Cell) -> Result<Option<String>, String> {
    match c {
        _ if c.is_empty() => Ok(None),
        Cell::Text(s) => Ok(Some(s.trim().to_string())),
        Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => Ok(Some(format!("{}", *n as i64))),
        Cell::Number(n) => Ok(Some(n.to_string())),
        Cell::Date(d) => Ok(Some(d.to_string())),
        Cell::Bool(b) => Ok(Some(b.to_string())),
        Cell::Invalid(m) => Err(m.clone()),
        Cell::Empty => Ok(None),
    }
}

pub(crate) fn cell_bool(c: &Cell) -> Result<Option<bool>, String> {
    let bad = || format!("{} 无法识别，应为 是 或 否", c.shown());
    match c {
        _ if c.is_empty() => Ok(None),
        Cell::Bool(b) => Ok(Some(*b)),
        Cell::Number(n) if *n == 1.0 => Ok(Some(true)),
        Cell::Number(n) if *n == 0.0 => Ok(Some(false)),
        Cell::Text(s) => match s.trim().to_lowercase().as_str() {
            "是" | "重大" | "y" | "yes" | "true" | "1" | "√" => Ok(Some(true)),
            "否" | "非重大" | "n" | "no" | "false" | "0" | "×" => Ok(Some(false)),
            _ => Err(bad()),
        },
        _ => Err(bad()),
    }
}

pub(crate) fn extra_value(c: &Cell) -> Option<Value> {
    match c {
        _ if c.is_empty() => None,
        Cell::Text(s) => Some(Value::String(s.trim().to_string())),
        Cell::Number(n) if n.fract() == 0.0 && n.abs() < 9e15 => Some(Value::from(*n as i64)),
        Cell::Number(n) => serde_json::Number::from_f64(*n).map(Value::Number),
        Cell::Date(d) => Some(Value::String(d.to_string())),
        Cell::Bool(b) => Some(Value::Bool(*b)),
        Cell::Invalid(s) => Some(Value::String(s.clone())),
        Cell::Empty => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates_in_the_forms_ledgers_use() {
        assert_eq!(text_date("2024-03-04"), Some(d(2024, 3, 4)));
        assert_eq!(text_date("2024/3/4"), Some(d(2024, 3, 4)));
        assert_eq!(text_date("2024年3月4日"), Some(d(2024, 3, 4)));
        assert_eq!(text_date("2024.3.4"), Some(d(2024, 3, 4)));
        assert_eq!(text_date("2024/3/4 0:00"), Some(d(2024, 3, 4)));
        assert_eq!(text_date("45355"), Some(d(2024, 3, 4)));
        assert_eq!(from_serial(45355.0), Some(d(2024, 3, 4)));
        assert_eq!(text_date("2024/2/30"), None);
        assert_eq!(text_date("3/4/2024"), None);
        assert_eq!(text_date("明天"), None);
    }

    #[test]
    fn amounts() {
        assert_eq!(
            cell_money(&Cell::Text("1,280.50元".into())),
            Ok(Some(1280.5))
        );
        assert_eq!(cell_money(&Cell::Text(" ".into())), Ok(None));
        assert!(cell_money(&Cell::Text("五千".into())).is_err());
        assert!(
            cell_money(&Cell::Text("-3".into()))
                .unwrap_err()
                .contains("负数")
        );
        assert!(
            cell_money(&Cell::Number(1.005))
                .unwrap_err()
                .contains("两位小数")
        );
    }
}
