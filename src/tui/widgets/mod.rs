//! Small reusable pieces: width-aware text, popups, the score panel, the
//! timeline.

pub mod cjk;
pub mod popup;
pub mod score_panel;
pub mod timeline;
