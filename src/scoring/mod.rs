//! Scoring: score, caps, veto, grade, pass rates. Pure.
