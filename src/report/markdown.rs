//! The bulletin as Markdown, for a quick read. Every value is escaped: a
//! `#`, `|`, `*` or `<` in a value is text, never Markdown.

use super::doc::{Block, Doc, Line, plain};

/// Escapes text so that Markdown reads it literally.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.chars().enumerate() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '-' | '+' | '=' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn t(l: &Line) -> String {
    escape(&plain(l))
}

fn blocks(out: &mut String, bs: &[Block]) {
    let para = |out: &mut String, s: &str| {
        out.push_str(s);
        out.push_str("\n\n");
    };
    for b in bs {
        match b {
            Block::Head(l) => para(out, &format!("**{}**", t(l))),
            Block::Title(l) => para(out, &format!("# {}", t(l))),
            Block::DocNo(l) => para(out, &t(l)),
            Block::Heading {
                level,
                text,
                run_in,
            } => {
                if run_in.is_empty() {
                    para(
                        out,
                        &format!("{} {}", "#".repeat(*level as usize + 1), t(text)),
                    );
                } else {
                    para(out, &format!("**{}**{}", t(text), t(run_in)));
                }
            }
            Block::To(l) | Block::Para(l) | Block::Flush(l) | Block::AttachmentNote(l) => {
                para(out, &t(l))
            }
            Block::Right(l) | Block::Sign(l) | Block::Date(l) => para(out, &t(l)),
            Block::Colophon(c) => {
                out.push_str("---\n\n");
                if let Some(cc) = &c.cc {
                    para(out, &t(cc));
                }
                para(out, &format!("{}　{}", t(&c.printed_by), t(&c.printed_on)));
                if let Some(d) = &c.digest {
                    para(out, &escape(d));
                }
            }
            Block::Attachment {
                label,
                title,
                blocks: inner,
            } => {
                para(out, &format!("**{}**", escape(label)));
                para(out, &format!("## {}", t(title)));
                blocks(out, inner);
            }
            Block::Chart(c) => {
                para(out, &format!("**{}**", escape(&c.title)));
                out.push_str("| 单位 | 合格率 |\n|---|:-:|\n");
                for (l, v) in &c.bars {
                    out.push_str(&format!("| {} | {v:.1}% |\n", escape(l)));
                }
                out.push('\n');
            }
            Block::Blank => {}
            Block::Table(tb) => {
                let header = if tb.header.is_empty() {
                    vec![String::new(); tb.widths.len()]
                } else {
                    tb.header.clone()
                };
                out.push_str(&format!(
                    "| {} |\n",
                    header
                        .iter()
                        .map(|h| escape(h))
                        .collect::<Vec<_>>()
                        .join(" | ")
                ));
                out.push_str(&format!(
                    "|{}|\n",
                    (0..header.len())
                        .map(|i| if tb.centred.contains(&i) {
                            ":-:"
                        } else {
                            "---"
                        })
                        .collect::<Vec<_>>()
                        .join("|")
                ));
                for r in &tb.rows {
                    out.push_str(&format!(
                        "| {} |\n",
                        r.iter()
                            .map(|c| c
                                .0
                                .iter()
                                .map(|p| escape(p))
                                .collect::<Vec<_>>()
                                .join("<br>"))
                            .collect::<Vec<_>>()
                            .join(" | ")
                    ));
                }
                out.push('\n');
            }
        }
    }
}

/// Renders a document as Markdown.
pub fn render(doc: &Doc) -> String {
    let mut out = String::new();
    if doc.draft {
        out.push_str("（征求意见稿）\n\n");
    }
    blocks(&mut out, &doc.blocks);
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::doc::{DocKind, line};

    #[test]
    fn values_never_become_markdown() {
        let d = Doc::new(
            DocKind::Official,
            vec![Block::Para(line("# 伪造标题\n| a | b |"))],
        );
        let md = render(&d);
        assert!(!md.lines().any(|l| l.starts_with('#')), "{md}");
        assert!(md.contains("\\# 伪造标题"));
        assert!(!md.contains('\n') || md.lines().count() == 1, "{md}");
    }
}
