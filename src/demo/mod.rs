//! TEMPORARY stub until the demo branch lands.

/// Cheap bulk generation until the demo branch lands.
pub fn generate_bulk(_seed: u64, n: usize) -> impl Iterator<Item = crate::model::CaseFile> {
    (0..n).map(|i| {
        crate::model::CaseFile::new(
            format!("测试罚〔2024〕{i}号"),
            format!("部门{}", i % 100),
            crate::model::CaseKind::Penalty,
        )
    })
}
