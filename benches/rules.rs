//! Rules benchmark: every automatic check over 100,000 generated
//! 行政处罚 files, on the built-in calendar and the national profile.
//!
//! Run: `cargo bench --bench rules` (PINGCHA_BENCH_N to change the size).

use pingcha::calendar::Calendar;
use pingcha::model::CaseFile;
use pingcha::rules::{Profile, run_all};
use std::time::Instant;

fn main() {
    let n: usize = std::env::var("PINGCHA_BENCH_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let cases: Vec<CaseFile> = pingcha::demo::generate_bulk(7, n).collect();
    let t = Instant::now();
    let cal = Calendar::builtin();
    let profile = Profile::national();
    let setup = t.elapsed().as_secs_f64();
    let mut best = f64::MAX;
    let mut raised = 0;
    for _ in 0..3 {
        let t = Instant::now();
        raised = cases
            .iter()
            .map(|c| run_all(c, &cal, &profile).len())
            .sum::<usize>();
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "calendar + profile load: {:.1} ms; all 15 checks over {n} files: {best:.3} s (best of 3) = {:.0} files/s, {raised} suggestions",
        setup * 1e3,
        n as f64 / best
    );
    assert!(
        best < 2.0,
        "checks over {n} files took {best:.2} s (limit 2 s)"
    );
}
