//! Names of people and departments as they are compared: the same name
//! typed twice, or pasted with an invisible character, is the same name.

use unicode_normalization::UnicodeNormalization;

/// Characters that show nothing: zero-width spaces and joiners, the word
/// joiner, the byte-order mark, the soft hyphen.
fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}' | '\u{180E}'
    )
}

/// A name made comparable: invisible characters removed, Unicode NFC,
/// surrounding white space (including the ideographic space) trimmed.
pub fn normalise_name(s: &str) -> String {
    let nfc: String = s.chars().filter(|&c| !invisible(c)).nfc().collect();
    nfc.trim().to_string()
}

/// What two names are compared by: the normalised name without any white
/// space (清江市 交通运输局 is 清江市交通运输局).
pub fn name_key(s: &str) -> String {
    normalise_name(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// Are `a` and `b` the same name once normalised?
pub fn same_name(a: &str, b: &str) -> bool {
    a == b || name_key(a) == name_key(b)
}

/// The first control character of `s` (C0, DEL, C1; tab and line breaks
/// allowed when `multiline`) and its position (from 0, in characters).
pub fn control_char(s: &str, multiline: bool) -> Option<(usize, char)> {
    s.chars()
        .enumerate()
        .find(|(_, c)| c.is_control() && !(multiline && matches!(c, '\n' | '\r' | '\t')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_and_spacing_differences_are_the_same_name() {
        let d = "清江市交通运输局";
        assert!(same_name(d, "清江市交通运输局 "));
        assert!(same_name(d, "\u{3000}清江市交通运输局"));
        assert!(same_name(d, "清江市交通\u{200B}运输局"));
        assert!(same_name(d, "\u{FEFF}清江市交通运输局\u{200D}"));
        // é composed and decomposed.
        assert!(same_name("Caf\u{E9}", "Cafe\u{301}"));
        assert!(same_name(d, "清江市 交通运输局"));
        assert!(!same_name(d, "清江市交通运输厅"));
    }
}
