//! Trends across batches: each department's pass rate over time, and
//! problems that recur in later batches.

use super::Workspace;
use crate::error::Result;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendPoint {
    pub batch: i64,
    pub batch_name: String,
    pub reviewed: i64,
    pub pass_rate: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DepartmentTrend {
    pub department: String,
    pub points: Vec<TrendPoint>,
}

/// A problem a department had in more than one batch.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Recurring {
    pub department: String,
    pub item: String,
    pub text: String,
    /// (batch id, count) where it was found.
    pub batches: Vec<(i64, i64)>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trends {
    pub departments: Vec<DepartmentTrend>,
    pub recurring: Vec<Recurring>,
}

impl Workspace {
    pub fn trends(&self) -> Result<Trends> {
        let db = self.store.db();
        let mut depts: BTreeMap<String, Vec<TrendPoint>> = BTreeMap::new();
        let mut items: BTreeMap<(String, String), Vec<(i64, i64)>> = BTreeMap::new();
        for b in db.batches()? {
            let mut by_dept: BTreeMap<String, Vec<Option<crate::model::Grade>>> = BTreeMap::new();
            for f in db.file_outcomes(b.id)? {
                let grade = f.grade.filter(|_| f.completed);
                by_dept.entry(f.department).or_default().push(grade);
            }
            for (department, grades) in by_dept {
                let r = crate::scoring::rates(grades);
                if r.completed > 0 {
                    depts.entry(department).or_default().push(TrendPoint {
                        batch: b.id,
                        batch_name: b.name.clone(),
                        reviewed: r.completed as i64,
                        pass_rate: r.pass_rate,
                    });
                }
            }
            for (dept, item, n) in db.department_items(b.id)? {
                items.entry((dept, item)).or_default().push((b.id, n));
            }
        }
        let recurring = items
            .into_iter()
            .filter(|(_, v)| v.len() > 1)
            .map(|((department, item), batches)| Recurring {
                text: self
                    .find_item(None, &item)
                    .map(|(_, i)| i.text.clone())
                    .unwrap_or_default(),
                department,
                item,
                batches,
            })
            .collect();
        Ok(Trends {
            departments: depts
                .into_iter()
                .map(|(department, points)| DepartmentTrend { department, points })
                .collect(),
            recurring,
        })
    }
}
