//! The bulletin as Markdown, for a quick read.

use super::doc::{Block, Doc};

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', "<br>")
}

/// Renders a document as Markdown.
pub fn render(doc: &Doc) -> String {
    let mut out = String::new();
    let para = |out: &mut String, s: &str| {
        out.push_str(s);
        out.push_str("\n\n");
    };
    for b in &doc.blocks {
        match b {
            Block::Letterhead(t) => para(&mut out, &format!("<p align=\"center\"><b>{t}</b></p>")),
            Block::Title(t) => para(&mut out, &format!("# {t}")),
            Block::DocNo(t) => para(&mut out, &format!("<p align=\"center\">{t}</p>")),
            Block::H1(t) => para(&mut out, &format!("## {t}")),
            Block::H2(t) => para(&mut out, &format!("### {t}")),
            Block::To(t) | Block::P(t) | Block::Flush(t) => para(&mut out, t),
            Block::Right(t) | Block::Sign(t) | Block::Date(t) => {
                para(&mut out, &format!("<p align=\"right\">{t}</p>"))
            }
            Block::Cc(t) => para(&mut out, &format!("---\n\n{t}")),
            Block::Printed(t) => para(&mut out, &t.replace('|', "　")),
            Block::Blank => {}
            Block::Table(t) => {
                let header = if t.header.is_empty() {
                    vec![String::new(); t.widths.len()]
                } else {
                    t.header.clone()
                };
                out.push_str(&format!(
                    "| {} |\n",
                    header
                        .iter()
                        .map(|h| cell(h))
                        .collect::<Vec<_>>()
                        .join(" | ")
                ));
                out.push_str(&format!(
                    "|{}|\n",
                    (0..header.len())
                        .map(|i| if t.centred.contains(&i) { ":-:" } else { "---" })
                        .collect::<Vec<_>>()
                        .join("|")
                ));
                for r in &t.rows {
                    out.push_str(&format!(
                        "| {} |\n",
                        r.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | ")
                    ));
                }
                out.push('\n');
            }
        }
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}
