//! The header row: which column holds which of [`HEADERS`].

use super::{HEADERS, StandardTable, TableError, column_letter, header_name};

/// The item sheet's columns, found by their headers.
pub(super) struct Columns {
    /// Index of the header row in [`StandardTable::rows`].
    pub index: usize,
    /// Its 1-based row number.
    pub row: usize,
    /// Every header cell's name.
    names: Vec<String>,
    pub category: usize,
    pub id: usize,
    pub text: usize,
    pub points: usize,
    pub category_points: Option<usize>,
    pub rule: Option<usize>,
    pub veto: Option<usize>,
    pub bonus: Option<usize>,
    pub basis: Option<usize>,
    pub source: Option<usize>,
}

impl Columns {
    /// The first row naming 编号 and 评查内容 (or 评查项目) is the header;
    /// 类别, 编号, 评查内容 and 分值 must be there.
    pub fn find(t: &StandardTable) -> Result<Columns, TableError> {
        let Some(h) = t.rows.iter().position(|r| {
            let names: Vec<String> = r.iter().map(|c| header_name(c)).collect();
            names.iter().any(|n| n == "编号")
                && names.iter().any(|n| n == "评查内容" || n == "评查项目")
        }) else {
            return Err(t.err(
                None,
                None,
                format!(
                    "找不到表头行：需要一行写明各列名称，至少有“类别”“编号”“评查内容”“分值”，可用列：{}",
                    HEADERS.join("、")
                ),
            ));
        };
        let header_row = t.first_row + h;
        let names: Vec<String> = t.rows[h].iter().map(|c| header_name(c)).collect();
        let col = |name: &str| {
            names
                .iter()
                .position(|n| n == name || (name == "评查内容" && n == "评查项目"))
        };
        let need = |name: &str| {
            col(name).ok_or_else(|| {
                t.err(
                    Some(header_row),
                    None,
                    format!(
                        "表头缺少“{name}”列。请在表头行加上该列（列名可用：{}）",
                        HEADERS.join("、")
                    ),
                )
            })
        };
        Ok(Columns {
            index: h,
            row: header_row,
            category: need("类别")?,
            id: need("编号")?,
            text: need("评查内容")?,
            points: need("分值")?,
            category_points: col("类别分值"),
            rule: col("扣分标准"),
            veto: col("否决"),
            bonus: col("加分"),
            basis: col("依据"),
            source: col("来源"),
            names,
        })
    }

    /// A column as messages name it, e.g. `E列（分值）`.
    pub fn name(&self, c: usize) -> String {
        format!("{}列（{}）", column_letter(c), self.names[c])
    }

    /// A row's cell in column `c`, trimmed (empty when absent).
    pub fn cell(r: &[String], c: Option<usize>) -> String {
        c.and_then(|c| r.get(c))
            .map_or(String::new(), |s| s.trim().to_string())
    }
}
