//! The 登记问题 form as state: item chooser, description, deduction, page,
//! reviewer. It never writes; `update` turns a valid form into a library call.

use super::input::LineInput;
use super::widgets::cjk;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32String};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Item,
    Note,
    Deduction,
    Page,
    Reviewer,
}

impl Field {
    const ORDER: [Field; 5] = [
        Field::Item,
        Field::Note,
        Field::Deduction,
        Field::Page,
        Field::Reviewer,
    ];

    fn step(self, d: isize) -> Field {
        let i = Self::ORDER.iter().position(|f| *f == self).unwrap_or(0) as isize;
        Self::ORDER[(i + d).rem_euclid(Self::ORDER.len() as isize) as usize]
    }
}

/// An item the problem can be logged against.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub id: String,
    pub category: String,
    pub text: String,
    /// The most a problem on it can take off.
    pub max: f64,
    /// A veto item: a confirmed problem fails (or caps) the file.
    pub veto: Option<crate::model::Veto>,
    /// What the item's rule needs: a count, nothing, an amount, an award.
    pub input: crate::checklist::RuleInput,
    /// The 扣分标准 as the standard words it.
    pub wording: String,
}

impl Choice {
    /// The form's number field: label and hint for this item's rule.
    pub fn field(&self) -> (&'static str, String) {
        use crate::checklist::RuleInput;
        match self.input {
            RuleInput::Count => ("处数", format!("处（{}；+/- 调整）", self.wording)),
            RuleInput::Nothing => ("扣分", format!("分（固定扣分：{}）", self.wording)),
            RuleInput::Amount { min, max } => (
                "扣分",
                format!(
                    "分（{} 到 {}，+/- 按 0.5 调整；{}）",
                    cjk::num(min),
                    cjk::num(max.min(self.max)),
                    self.wording
                ),
            ),
            RuleInput::Award { max } => (
                "加分",
                format!("分（0 到 {}；{}）", cjk::num(max), self.wording),
            ),
        }
    }

    /// The value the field starts with.
    fn initial(&self) -> f64 {
        match self.input {
            crate::checklist::RuleInput::Count => 1.0,
            _ => self.max,
        }
    }
}

/// What the form asks `update` to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Nothing,
    Cancel,
    Save,
}

/// A validated form.
#[derive(Debug, Clone, PartialEq)]
pub struct Filled {
    pub item: String,
    pub note: String,
    pub deduction: f64,
    pub page: Option<String>,
    pub reviewer: String,
}

pub struct FormState {
    pub case_no: String,
    /// The problem being edited, or `None` for a new one.
    pub editing: Option<Uuid>,
    pub choices: Vec<Choice>,
    hay: Vec<Utf32String>,
    pub item_query: LineInput,
    /// Indexes into `choices` matching the query.
    pub matches: Vec<usize>,
    /// Index into `matches`.
    pub match_sel: usize,
    pub note: TextArea<'static>,
    pub deduction: LineInput,
    pub page: LineInput,
    pub reviewer: LineInput,
    pub focus: Field,
    pub error: Option<String>,
}

pub struct Init<'a> {
    pub case_no: String,
    pub editing: Option<Uuid>,
    pub choices: Vec<Choice>,
    pub item: Option<&'a str>,
    pub note: &'a str,
    pub deduction: Option<f64>,
    pub page: &'a str,
    pub reviewer: &'a str,
}

impl FormState {
    pub fn new(init: Init<'_>) -> FormState {
        let hay = init
            .choices
            .iter()
            .map(|c| Utf32String::from(format!("{} {} {}", c.id, c.category, c.text)))
            .collect();
        let mut note = TextArea::new(init.note.lines().map(str::to_string).collect());
        note.set_wrap_mode(WrapMode::Glyph);
        note.set_placeholder_text("问题的具体情况（可多行；支持中文输入和粘贴）");
        note.move_cursor(CursorMove::Bottom);
        note.move_cursor(CursorMove::End);
        let matches = (0..init.choices.len()).collect();
        let mut f = FormState {
            case_no: init.case_no,
            editing: init.editing,
            choices: init.choices,
            hay,
            item_query: LineInput::default(),
            matches,
            match_sel: 0,
            note,
            deduction: LineInput::default(),
            page: LineInput::new(init.page),
            reviewer: LineInput::new(init.reviewer),
            focus: Field::Item,
            error: None,
        };
        if let Some(id) = init.item {
            if let Some(p) = f.choices.iter().position(|c| c.id == id) {
                f.match_sel = p;
            }
            f.focus = Field::Note;
        }
        let d = init
            .deduction
            .or_else(|| f.chosen().map(Choice::initial))
            .unwrap_or(0.0);
        f.deduction.set(&cjk::num(d));
        f
    }

    pub fn chosen(&self) -> Option<&Choice> {
        self.matches.get(self.match_sel).map(|&i| &self.choices[i])
    }

    fn item_changed(&mut self, before: Option<String>) {
        let now = self.chosen().map(|c| (c.id.clone(), c.initial()));
        if let Some((id, max)) = now
            && before.as_deref() != Some(id.as_str())
        {
            self.deduction.set(&cjk::num(max));
        }
    }

    fn requery(&mut self) {
        let before = self.chosen().map(|c| c.id.clone());
        let q = self.item_query.text().trim();
        if q.is_empty() {
            self.matches = (0..self.choices.len()).collect();
        } else {
            let pat = Pattern::parse(q, CaseMatching::Ignore, Normalization::Smart);
            let mut m = Matcher::new(Config::DEFAULT);
            let mut scored: Vec<(u32, usize)> = self
                .hay
                .iter()
                .enumerate()
                .filter_map(|(i, h)| pat.score(h.slice(..), &mut m).map(|s| (s, i)))
                .collect();
            scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            self.matches = scored.into_iter().map(|(_, i)| i).collect();
        }
        self.match_sel = 0;
        self.item_changed(before);
    }

    fn max(&self) -> f64 {
        self.chosen().map_or(0.0, |c| c.max)
    }

    fn step_deduction(&mut self, d: f64) {
        let d = match self.chosen().map(|c| c.input) {
            Some(crate::checklist::RuleInput::Count) => d.signum(),
            _ => d,
        };
        let cur: f64 = self.deduction.text().trim().parse().unwrap_or(0.0);
        let next = ((cur * 2.0).round() / 2.0 + d).clamp(0.0, self.max());
        self.deduction.set(&cjk::num(next));
    }

    /// Bracketed paste goes into the focused field as text (never as keys).
    pub fn paste(&mut self, text: &str) {
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        match self.focus {
            Field::Note => {
                self.note.insert_str(&text);
            }
            Field::Item => {
                self.item_query.insert_str(&text);
                self.requery();
            }
            Field::Deduction => self.deduction.insert_str(&text),
            Field::Page => self.page.insert_str(&text),
            Field::Reviewer => self.reviewer.insert_str(&text),
        }
    }

    pub fn key(&mut self, key: KeyEvent) -> Outcome {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Esc => return Outcome::Cancel,
            KeyCode::Char('s') if ctrl => return Outcome::Save,
            KeyCode::Tab => {
                self.focus = self.focus.step(1);
                return Outcome::Nothing;
            }
            KeyCode::BackTab => {
                self.focus = self.focus.step(-1);
                return Outcome::Nothing;
            }
            _ => {}
        }
        self.error = None;
        match self.focus {
            Field::Item => match key.code {
                KeyCode::Up => {
                    let before = self.chosen().map(|c| c.id.clone());
                    self.match_sel = self.match_sel.saturating_sub(1);
                    self.item_changed(before);
                }
                KeyCode::Down => {
                    let before = self.chosen().map(|c| c.id.clone());
                    self.match_sel = (self.match_sel + 1).min(self.matches.len().saturating_sub(1));
                    self.item_changed(before);
                }
                KeyCode::Enter => self.focus = Field::Note,
                _ => {
                    if self.item_query.handle_key(&key) {
                        self.requery();
                    }
                }
            },
            Field::Note => {
                self.note.input(key);
            }
            Field::Deduction => match key.code {
                KeyCode::Char('+') | KeyCode::Right | KeyCode::Char('=') => {
                    self.step_deduction(0.5)
                }
                KeyCode::Char('-') | KeyCode::Left => self.step_deduction(-0.5),
                KeyCode::Up => self.focus = Field::Note,
                KeyCode::Down | KeyCode::Enter => self.focus = Field::Page,
                KeyCode::Char(c) if c.is_ascii_digit() || c == '.' => {
                    self.deduction.handle_key(&key);
                }
                KeyCode::Backspace | KeyCode::Delete | KeyCode::Home | KeyCode::End => {
                    self.deduction.handle_key(&key);
                }
                _ => {}
            },
            Field::Page | Field::Reviewer => match key.code {
                KeyCode::Up => self.focus = self.focus.step(-1),
                KeyCode::Down => self.focus = self.focus.step(1),
                KeyCode::Enter if self.focus == Field::Reviewer => return Outcome::Save,
                KeyCode::Enter => self.focus = Field::Reviewer,
                _ => {
                    let input = if self.focus == Field::Page {
                        &mut self.page
                    } else {
                        &mut self.reviewer
                    };
                    input.handle_key(&key);
                }
            },
        }
        Outcome::Nothing
    }

    /// Checks the form; on error the message is kept in `error`.
    pub fn validate(&mut self) -> Option<Filled> {
        let r = self.check();
        match r {
            Ok(f) => Some(f),
            Err(e) => {
                self.error = Some(e);
                None
            }
        }
    }

    fn check(&mut self) -> Result<Filled, String> {
        let Some(c) = self.chosen().cloned() else {
            self.focus = Field::Item;
            return Err("请选择评查项目（在“评查项目”栏输入编号或文字，用 ↑↓ 选择）".into());
        };
        let text = self.deduction.text().trim().to_string();
        let d: f64 = match text.parse() {
            _ if c.input == crate::checklist::RuleInput::Nothing => c.max,
            Ok(d) => d,
            Err(_) => {
                self.focus = Field::Deduction;
                return Err(format!(
                    "扣分“{text}”不是数字；请输入 0 到 {} 之间的数",
                    cjk::num(c.max)
                ));
            }
        };
        use crate::checklist::RuleInput;
        let bad = match c.input {
            RuleInput::Count => {
                (d < 1.0 || d.fract() != 0.0).then(|| "处数应为 1 或更大的整数".to_string())
            }
            RuleInput::Nothing => None,
            RuleInput::Amount { min, max } => {
                let max = max.min(c.max);
                (!(min..=max).contains(&d) || (d * 2.0).fract() != 0.0).then(|| {
                    format!(
                        "扣分应在 {} 到 {} 之间，以 0.5 为步长",
                        cjk::num(min),
                        cjk::num(max)
                    )
                })
            }
            RuleInput::Award { max } => {
                (!(0.0..=max).contains(&d)).then(|| format!("加分应在 0 到 {} 之间", cjk::num(max)))
            }
        };
        if let Some(why) = bad {
            self.focus = Field::Deduction;
            return Err(why);
        }
        let note = self.note.lines().join("\n").trim().to_string();
        let page = self.page.text().trim().to_string();
        Ok(Filled {
            item: c.id,
            note,
            deduction: d,
            page: (!page.is_empty()).then_some(page),
            reviewer: self.reviewer.text().trim().to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checklist::RuleInput;

    fn choice(id: &str, input: RuleInput, max: f64, wording: &str) -> Choice {
        Choice {
            id: id.into(),
            category: "卷面".into(),
            text: "文书填写规范".into(),
            max,
            veto: None,
            input,
            wording: wording.into(),
        }
    }

    fn form(c: Choice, value: &str) -> FormState {
        let id = c.id.clone();
        let mut f = FormState::new(Init {
            case_no: "测〔2024〕1号".into(),
            editing: None,
            choices: vec![c],
            item: Some(&id),
            note: "",
            deduction: None,
            page: "",
            reviewer: "王芳",
        });
        f.deduction.set(value);
        f
    }

    #[test]
    fn the_number_field_follows_the_rule() {
        let each = choice("E", RuleInput::Count, 4.0, "每处扣0.5分");
        assert_eq!(each.field().0, "处数");
        assert!(each.field().1.contains("每处扣0.5分"));
        assert_eq!(
            form(each.clone(), "3").validate().map(|f| f.deduction),
            Some(3.0)
        );
        assert_eq!(form(each, "1.5").validate(), None, "a count is whole");

        let fixed = choice("F", RuleInput::Nothing, 2.0, "扣2分");
        assert!(fixed.field().1.contains("固定"));
        assert_eq!(form(fixed, "").validate().map(|f| f.deduction), Some(2.0));

        let range = choice(
            "R",
            RuleInput::Amount { min: 1.0, max: 3.0 },
            3.0,
            "扣1—3分",
        );
        assert_eq!(form(range.clone(), "0.5").validate(), None);
        assert_eq!(form(range, "2").validate().map(|f| f.deduction), Some(2.0));

        let bonus = choice("B", RuleInput::Award { max: 2.0 }, 2.0, "加0—2分");
        assert_eq!(bonus.field().0, "加分");
        assert_eq!(form(bonus.clone(), "3").validate(), None);
        assert_eq!(form(bonus, "1").validate().map(|f| f.deduction), Some(1.0));
    }
}
