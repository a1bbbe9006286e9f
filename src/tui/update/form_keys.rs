//! The problem form: opening it on an item or a problem, keys, saving.

use super::*;

pub(super) fn open_form(app: &mut App, ws: &Workspace, edit: bool) -> Result<()> {
    let Some(d) = &app.detail else { return Ok(()) };
    if d.view.status == ReviewStatus::Completed {
        app.error("该案卷已完成评查；按 c 重新打开后才能登记或修改问题");
        return Ok(());
    }
    let checklist = ws.checklist_for(&d.view.case)?;
    let choices: Vec<Choice> = d
        .view
        .items
        .iter()
        .filter(|i| i.applies)
        .map(|i| Choice {
            id: i.id.clone(),
            category: i.category.clone(),
            text: i.text.clone(),
            max: checklist.item(&i.id).map_or(i.points, |it| match it.rule {
                crate::checklist::DeductRule::Fixed { amount } => amount,
                crate::checklist::DeductRule::Bonus { max } => max,
                _ => checklist.max_deduction_for(it),
            }),
            veto: i.veto,
            input: checklist.item(&i.id).map_or(
                crate::checklist::RuleInput::Amount {
                    min: 0.0,
                    max: i.points,
                },
                |it| it.rule.needs(),
            ),
            wording: checklist
                .item(&i.id)
                .map(|it| it.rule_wording())
                .unwrap_or_default(),
        })
        .collect();
    let item = d.item().map(|i| d.view.items[i].id.clone());
    let state = if edit {
        let Some(fi) = d.finding() else { return Ok(()) };
        let f = &d.view.findings[fi];
        FormState::new(form::Init {
            case_no: d.case_no().to_string(),
            editing: Some(f.id),
            choices,
            item: Some(&f.item),
            note: &f.note,
            deduction: Some(f.deduction),
            page: f.page.as_deref().unwrap_or(""),
            reviewer: f.reviewer.as_deref().unwrap_or(&app.reviewer),
        })
    } else {
        FormState::new(form::Init {
            case_no: d.case_no().to_string(),
            editing: None,
            choices,
            item: item.as_deref(),
            note: "",
            deduction: None,
            page: "",
            reviewer: &app.reviewer,
        })
    };
    app.popup = Some(Popup::Form(Box::new(state)));
    Ok(())
}

pub(super) fn form_key(app: &mut App, k: crossterm::event::KeyEvent) {
    let Some(Popup::Form(f)) = &mut app.popup else {
        return;
    };
    match f.key(k) {
        Outcome::Nothing => {}
        Outcome::Cancel => {
            app.popup = None;
            app.info("已放弃，未保存");
        }
        Outcome::Save => {
            let Some(filled) = f.validate() else {
                return;
            };
            let reviewer = (!filled.reviewer.is_empty()).then(|| filled.reviewer.clone());
            let input = f.chosen().map(|c| c.input);
            // The number field is a count, nothing, an amount or an award.
            let (deduction, count, award) = match input {
                Some(crate::checklist::RuleInput::Count) => {
                    (None, Some(filled.deduction as u32), None)
                }
                Some(crate::checklist::RuleInput::Nothing) => (None, None, None),
                Some(crate::checklist::RuleInput::Award { .. }) => {
                    (None, None, Some(filled.deduction))
                }
                _ => (Some(filled.deduction), None, None),
            };
            let save = match f.editing {
                None => FindingSave::Add(NewFinding {
                    case_no: f.case_no.clone(),
                    item: filled.item.clone(),
                    deduction,
                    note: filled.note.clone(),
                    page: filled.page.clone(),
                    reviewer: reviewer.clone(),
                    count,
                    award,
                }),
                Some(id) => FindingSave::Edit {
                    id,
                    patch: FindingPatch {
                        item: Some(filled.item.clone()),
                        deduction: deduction.or(award),
                        note: Some(filled.note.clone()),
                        page: Some(filled.page.clone()),
                        reviewer: Some(reviewer.clone()),
                        status: None,
                        count: count.map(Some),
                    },
                },
            };
            app.effects.push(Effect::SaveFinding {
                save,
                item: filled.item,
                amount: filled.deduction,
                award: award.is_some(),
                reviewer: filled.reviewer,
            });
        }
    }
}
