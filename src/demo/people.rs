//! Parties and officers: names, well-formed 身份证号 and 统一社会信用代码.

use super::departments::{FIRM_TRADES, FIRM_WORDS, GIVEN, SURNAMES};
use super::rng::Rng;
use crate::model::{Extra, Officer, Party, PartyType};
use chrono::NaiveDate;

pub fn person_name(rng: &mut Rng) -> String {
    format!("{}{}", rng.pick(SURNAMES), rng.pick(GIVEN))
}

/// An 18-digit 公民身份号码 with a valid GB 11643 check digit (fictional).
pub fn id_number(rng: &mut Rng) -> String {
    let region = *rng.pick(&["429005", "420102", "420106", "421002", "429004"]);
    let birth = NaiveDate::from_ymd_opt(1960, 1, 1).unwrap_or_default()
        + chrono::Duration::days(rng.range(0, 14600));
    let body = format!("{region}{}{:03}", birth.format("%Y%m%d"), rng.range(1, 999));
    format!("{body}{}", id_check(&body))
}

/// The check character of the first 17 digits of an ID number.
pub fn id_check(body: &str) -> char {
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const C: &[u8; 11] = b"10X98765432";
    let sum: u32 = body
        .chars()
        .zip(W)
        .map(|(c, w)| c.to_digit(10).unwrap_or(0) * w)
        .sum();
    C[(sum % 11) as usize] as char
}

/// An 18-character 统一社会信用代码 with a valid GB 32100 check character.
pub fn credit_code(rng: &mut Rng) -> String {
    const CH: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
    const W: [usize; 17] = [
        1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
    ];
    let mut body = String::from("91429005");
    for _ in 0..9 {
        body.push(CH[rng.below(31) as usize] as char);
    }
    let sum: usize = body
        .bytes()
        .zip(W)
        .map(|(b, w)| CH.iter().position(|&c| c == b).unwrap_or(0) * w)
        .sum();
    body.push(CH[(31 - sum % 31) % 31] as char);
    body
}

pub fn party(rng: &mut Rng) -> Party {
    if rng.chance(35) {
        Party {
            name: Some(person_name(rng)),
            party_type: Some(PartyType::NaturalPerson),
            id_no: Some(id_number(rng)),
            extra: Extra::new(),
        }
    } else {
        Party {
            name: Some(format!(
                "清江市{}{}",
                rng.pick(FIRM_WORDS),
                rng.pick(FIRM_TRADES)
            )),
            party_type: Some(PartyType::LegalPerson),
            id_no: Some(credit_code(rng)),
            extra: Extra::new(),
        }
    }
}

/// Two officers of a department, certificates valid until the end of 2026.
pub fn officers(rng: &mut Rng, dept: usize) -> Vec<Officer> {
    let first = rng.below(6);
    let second = (first + 1 + rng.below(5)) % 6;
    [first, second]
        .iter()
        .map(|&k| {
            let mut r = Rng::new(1000 + dept as u64 * 10 + k);
            Officer {
                name: person_name(&mut r),
                cert_no: Some(format!("4290{:02}{:05}", dept + 1, 10000 + k * 137)),
                cert_valid_until: NaiveDate::from_ymd_opt(2026, 12, 31),
                extra: Extra::new(),
            }
        })
        .collect()
}
