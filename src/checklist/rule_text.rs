//! The words of a standard's table cells read as numbers, deduction rules
//! and veto levels (分值, 扣分标准, 否决). Pure.

use super::DeductRule;
use crate::model::Veto;

/// Full-width digits and punctuation to ASCII, spaces removed.
pub(super) fn norm(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
            '．' => Some('.'),
            c if c.is_whitespace() || c == '\u{3000}' => None,
            c => Some(c),
        })
        .collect()
}

/// A number as a clerk writes it: `2`, `2分`, `0.5`; `—`, `-`, empty → None.
pub(super) fn number(s: &str) -> Result<Option<f64>, ()> {
    let n = norm(s);
    let n = n.trim_end_matches('分');
    if n.is_empty() || matches!(n, "—" | "-" | "／" | "/" | "无" | "——") {
        return Ok(None);
    }
    n.parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .map(Some)
        .ok_or(())
}

/// Reads the numbers written after `扣` in a text: (byte offset, value, and
/// the end of a range when one follows: `扣1—3分`).
pub(super) fn amounts(text: &str) -> Vec<(usize, f64, Option<f64>)> {
    let t: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let num_at = |mut i: usize| -> Option<(f64, usize)> {
        let start = i;
        while i < t.len() && (t[i].1.is_ascii_digit() || t[i].1 == '.') {
            i += 1;
        }
        if i == start {
            return None;
        }
        let s: String = t[start..i].iter().map(|(_, c)| *c).collect();
        s.parse().ok().map(|v| (v, i))
    };
    for (k, &(at, c)) in t.iter().enumerate() {
        if c != '扣' {
            continue;
        }
        let Some((a, end)) = num_at(k + 1) else {
            continue;
        };
        let mut j = end;
        let mut dash = false;
        while j < t.len() && matches!(t[j].1, '—' | '–' | '-' | '～' | '~' | '至' | '到' | '－')
        {
            j += 1;
            dash = true;
        }
        let range_end = if dash {
            num_at(j).map(|(b, _)| b)
        } else {
            None
        };
        out.push((at, a, range_end));
    }
    out
}

/// The rule a 扣分标准 text has, when it has a recognised shape:
/// `每处扣0.5分` / `每项扣1分` / `缺一项扣0.5分` (per occurrence), `扣1—3分`
/// (range; also 1-3, 1～3), `扣全分` (fixed = the points), `扣2分` (fixed).
/// `扣完为止` only confirms the item's cap. Anything else: `None` (the
/// reviewer judges within the points; the text stays as wording).
pub fn read_rule(wording: &str, points: Option<f64>) -> Option<DeductRule> {
    let mut text = norm(wording);
    // "1-3分", "0.5分/处": the amount written without 扣.
    if text.starts_with(|c: char| c.is_ascii_digit()) {
        text.insert(0, '扣');
    }
    if text.contains("扣全分") || text.contains("扣除全部分") || text.contains("扣全部分")
    {
        return points
            .filter(|p| *p > 0.0)
            .map(|p| DeductRule::Fixed { amount: p });
    }
    let found = amounts(&text);
    if let Some((_, min, Some(max))) = found.iter().find(|(_, _, r)| r.is_some()) {
        return Some(DeductRule::Range {
            min: *min,
            max: *max,
        });
    }
    let per = |at: usize| {
        // "扣2分/处", "扣1分/项".
        let after = &text[at..];
        if let Some(end) = after.find('分')
            && ["/处", "/项", "/次", "/个", "／处", "／项"]
                .iter()
                .any(|s| after[end + '分'.len_utf8()..].starts_with(s))
        {
            return true;
        }
        let before = &text[..at];
        let clause_start = before
            .char_indices()
            .rfind(|(_, c)| matches!(c, '，' | '；' | ',' | ';' | '。'))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let clause = &before[clause_start..];
        clause.contains('每') || clause.contains("一项") || clause.contains("一处")
    };
    if let Some((_, a, _)) = found.iter().find(|(at, _, _)| per(*at)) {
        return Some(DeductRule::Each { amount: *a });
    }
    let first = found.first()?;
    if found.iter().all(|(_, a, _)| (*a - first.1).abs() < 1e-9) {
        return Some(DeductRule::Fixed { amount: first.1 });
    }
    None
}

/// Reads the 否决 cell: 不合格 (or 一票否决, 否决) → fail; 不得评为优秀 →
/// not_excellent; empty → none.
pub(super) fn read_veto(s: &str) -> Result<Option<Veto>, ()> {
    let n = norm(s);
    match n.as_str() {
        "" | "无" | "否" | "—" | "-" => Ok(None),
        "不合格" | "一票否决" | "否决" | "是" | "不合格卷" | "零分" | "计0分" => {
            Ok(Some(Veto::Fail))
        }
        "不得评为优秀" | "不能评为优秀" | "不得为优秀" | "不评为优秀" => {
            Ok(Some(Veto::NotExcellent))
        }
        _ => Err(()),
    }
}
