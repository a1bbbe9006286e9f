//! The random draw (随机抽取), reproducible from a recorded seed.
//!
//! Algorithm `pingcha-sample-v1` (docs/sampling.md says the same, for an
//! auditor who wants to re-implement it):
//! 1. The pool is split into strata: one per department, or one per
//!    (department, case kind) when stratified. Strata are ordered by
//!    department then kind (Unicode code-point order of their names); files
//!    inside a stratum are ordered by case number (code-point order).
//! 2. The number drawn from a stratum of size N is `n` (a fixed count), or
//!    ⌈N × percent / 100⌉ clamped to [min, max]; never more than N.
//! 3. The generator is ChaCha8 keyed with SHA-256("pingcha-sample-v1:" ‖ seed
//!    in decimal) and a zero nonce; one stream serves all strata in order.
//! 4. From a stratum, k files are taken by a partial Fisher–Yates shuffle:
//!    for i in 0..k, j = i + uniform(N − i), swap(i, j); the first k are
//!    drawn. uniform(m) takes 32-bit outputs (little-endian words of the
//!    ChaCha8 stream) and rejects values ≥ 2³² − (2³² mod m).

use rand_chacha::ChaCha8Rng;
use rand_core::{RngCore, SeedableRng};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub const ALGORITHM: &str = "pingcha-sample-v1";

/// How many to draw from each stratum.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum Quota {
    /// n files per stratum.
    Count { n: usize },
    /// percent of the stratum, at least `min`, at most `max`.
    Percent {
        percent: f64,
        min: usize,
        max: usize,
    },
}

impl Quota {
    pub fn of(&self, size: usize) -> usize {
        let k = match *self {
            Quota::Count { n } => n,
            Quota::Percent { percent, min, max } => {
                let raw = (size as f64 * percent / 100.0 - 1e-9).ceil().max(0.0) as usize;
                raw.max(min).min(max.max(min))
            }
        };
        k.min(size)
    }
}

/// One stratum of the pool: its label and its files (case numbers).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stratum {
    pub department: String,
    /// The case kind when stratified by kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    pub files: Vec<String>,
}

/// Puts strata and their files in the algorithm's stable order.
pub fn normalize(mut pool: Vec<Stratum>) -> Vec<Stratum> {
    for s in &mut pool {
        s.files.sort();
        s.files.dedup();
    }
    pool.sort_by(|a, b| (&a.department, &a.kind).cmp(&(&b.department, &b.kind)));
    pool
}

fn rng_for(seed: u64) -> ChaCha8Rng {
    let key: [u8; 32] = Sha256::digest(format!("{ALGORITHM}:{seed}").as_bytes()).into();
    ChaCha8Rng::from_seed(key)
}

fn uniform(rng: &mut ChaCha8Rng, m: u32) -> u32 {
    let zone = u32::MAX - (u32::MAX - m + 1) % m;
    loop {
        let v = rng.next_u32();
        if v <= zone {
            return v % m;
        }
    }
}

/// Draws from a normalized pool; returns the drawn case numbers per stratum
/// (in draw order).
pub fn draw(pool: &[Stratum], quota: &Quota, seed: u64) -> Vec<Vec<String>> {
    let mut rng = rng_for(seed);
    pool.iter()
        .map(|s| {
            let mut v: Vec<&String> = s.files.iter().collect();
            let k = quota.of(v.len());
            for i in 0..k {
                let j = i + uniform(&mut rng, (v.len() - i) as u32) as usize;
                v.swap(i, j);
            }
            v[..k].iter().map(|s| s.to_string()).collect()
        })
        .collect()
}

/// A short digest of the pool, for the record and the bulletin.
pub fn pool_digest(pool: &[Stratum]) -> String {
    let mut h = Sha256::new();
    for s in pool {
        h.update(s.department.as_bytes());
        h.update([0x1e]);
        h.update(s.kind.as_deref().unwrap_or("").as_bytes());
        for f in &s.files {
            h.update([0x1f]);
            h.update(f.as_bytes());
        }
        h.update([0x1d]);
    }
    h.finalize()
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect()
}
