//! The rows below the header: categories (a category cell carries on down
//! the rows until the next one) and items, each checked where it stands.

use super::columns::Columns;
use super::{StandardTable, TableError, fmt_num, read_rule};
use crate::checklist::DeductRule;
use crate::checklist::rule_text::{number, read_veto};
use crate::model::Veto;

/// A category as read.
pub(super) struct Cat {
    pub name: String,
    pub points: Option<f64>,
    pub row: usize,
    /// No item of it deducts (bonus items, veto items without points).
    pub bonus_only: bool,
}

/// An item row as read.
pub(super) struct Row {
    pub row: usize,
    pub id: String,
    pub category: String,
    pub text: String,
    pub points: Option<f64>,
    pub rule: Option<DeductRule>,
    pub wording: String,
    pub veto: Option<Veto>,
    pub bonus: Option<f64>,
    pub basis: String,
    pub source: String,
}

/// The categories and items below the header; at least one item.
pub(super) fn read(t: &StandardTable, cols: &Columns) -> Result<(Vec<Cat>, Vec<Row>), TableError> {
    let cell = Columns::cell;
    let where_col = |c: usize| cols.name(c);
    let mut cats: Vec<Cat> = Vec::new();
    let mut items: Vec<Row> = Vec::new();
    let mut current: Option<String> = None;
    for (k, r) in t.rows.iter().enumerate().skip(cols.index + 1) {
        let row = t.first_row + k;
        if r.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let cat_text = cell(r, Some(cols.category));
        if !cat_text.is_empty() {
            current = Some(cat_text.clone());
        }
        let Some(category) = current.clone() else {
            return Err(t.err(
                Some(row),
                Some(where_col(cols.category)),
                "第一个评查项目之前没有写类别。请在“类别”列填写该项目所属的类别（合并单元格时写在第一行）".into(),
            ));
        };
        let cat_points_text = cell(r, cols.category_points);
        let cat_points = number(&cat_points_text).map_err(|_| {
            t.err(
                Some(row),
                cols.category_points.map(where_col),
                format!(
                    "类别分值“{cat_points_text}”不是数字。请写数字，如 20；该类别不设分值上限时留空"
                ),
            )
        })?;
        match cats.iter_mut().find(|c| c.name == category) {
            Some(c) => {
                if let (Some(a), Some(b)) = (c.points, cat_points)
                    && (a - b).abs() > 1e-9
                {
                    return Err(t.err(
                        Some(row),
                        cols.category_points.map(where_col),
                        format!(
                            "类别“{category}”的分值写了两个不同的数（第 {} 行为 {}，此处为 {}）。请只在该类别的第一行写一次",
                            c.row,
                            fmt_num(a),
                            fmt_num(b)
                        ),
                    ));
                }
                c.points = c.points.or(cat_points);
            }
            None => cats.push(Cat {
                name: category.clone(),
                points: cat_points,
                row,
                bonus_only: true,
            }),
        }
        let id = cell(r, Some(cols.id));
        let text = cell(r, Some(cols.text));
        if id.is_empty() && text.is_empty() {
            continue; // a category's title row
        }
        if id.is_empty() {
            return Err(t.err(
                Some(row),
                Some(where_col(cols.id)),
                "编号为空。请给每个评查项目一个编号，如 CH-01（同一标准内不重复）".into(),
            ));
        }
        if text.is_empty() {
            return Err(t.err(
                Some(row),
                Some(where_col(cols.text)),
                format!("评查项目 {id} 的评查内容为空。请写明该项评查什么"),
            ));
        }
        if let Some(first) = items.iter().find(|i| i.id == id) {
            return Err(t.err(
                Some(row),
                Some(where_col(cols.id)),
                format!(
                    "编号“{id}”重复（第 {} 行已用）。每个评查项目的编号必须唯一，请改用新编号",
                    first.row
                ),
            ));
        }
        let item = read_item(t, cols, r, row, id, category, text)?;
        let deducts = item.bonus.is_none() && !(item.veto.is_some() && item.points.is_none());
        if let Some(c) = cats.iter_mut().find(|c| c.name == item.category)
            && deducts
        {
            c.bonus_only = false;
        }
        items.push(item);
    }
    if items.is_empty() {
        return Err(t.err(
            Some(cols.row),
            None,
            "表头之下没有评查项目。请每行填写一个评查项目".into(),
        ));
    }
    Ok((cats, items))
}

/// One item's cells: 分值, 否决, 加分 and 扣分标准, checked together.
fn read_item(
    t: &StandardTable,
    cols: &Columns,
    r: &[String],
    row: usize,
    id: String,
    category: String,
    text: String,
) -> Result<Row, TableError> {
    let cell = Columns::cell;
    let where_col = |c: usize| cols.name(c);
    let points_text = cell(r, Some(cols.points));
    let points = number(&points_text).map_err(|_| {
        t.err(
            Some(row),
            Some(where_col(cols.points)),
            format!("分值“{points_text}”不是数字。请写数字，如 2 或 0.5；否决项可写“—”"),
        )
    })?;
    let veto_text = cell(r, cols.veto);
    let veto = read_veto(&veto_text).map_err(|_| {
        t.err(
            Some(row),
            cols.veto.map(where_col),
            format!(
                "否决“{veto_text}”无法识别。请写“不合格”（一票否决为不合格卷）、“不得评为优秀”，或留空"
            ),
        )
    })?;
    let bonus_text = cell(r, cols.bonus);
    let bonus = number(&bonus_text).map_err(|_| {
        t.err(
            Some(row),
            cols.bonus.map(where_col),
            format!("加分“{bonus_text}”不是数字。加分项写最多加的分，如 2；其他项目留空"),
        )
    })?;
    let wording = cell(r, cols.rule);
    let rule = if bonus.is_some() || (veto.is_some() && points.is_none()) {
        None
    } else {
        read_rule(&wording, points)
    };
    if points.is_none() && veto.is_none() && bonus.is_none() {
        let implied = matches!(
            rule,
            Some(DeductRule::Fixed { .. } | DeductRule::Range { .. })
        );
        if !implied {
            return Err(t.err(
                Some(row),
                Some(where_col(cols.points)),
                format!(
                    "评查项目 {id} 缺少分值。请填写该项最多扣的分（如 2）；否决项在“否决”列写“不合格”，加分项在“加分”列写最多加的分"
                ),
            ));
        }
    }
    if (wording.contains("扣全分")
        || wording.contains("扣除全部分")
        || wording.contains("扣全部分"))
        && points.is_none()
        && veto.is_none()
    {
        return Err(t.err(
            Some(row),
            Some(where_col(cols.points)),
            format!("评查项目 {id} 的扣分标准是“扣全分”，需要在“分值”列写明该项的分值"),
        ));
    }
    Ok(Row {
        row,
        id,
        category,
        text,
        points,
        rule,
        wording,
        veto,
        bonus,
        basis: cell(r, cols.basis),
        source: cell(r, cols.source),
    })
}
