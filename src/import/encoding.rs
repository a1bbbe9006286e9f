//! Bytes to text: UTF-8 (BOM allowed), else GB18030/GBK decoded with a
//! warning, else refused. Never returns text with replacement characters.

use super::Locator;
use std::borrow::Cow;

/// What to do about an encoding, for every refusal message.
const SAVE_AS_UTF8: &str = "请在 Excel 或记事本中“另存为”UTF-8 编码后重新导入";

/// Decoded text, and the name of the encoding when it was not UTF-8.
#[derive(Debug)]
pub(crate) struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub encoding: Option<&'static str>,
}

/// A refusal: where, and why.
pub(crate) type Refusal = (Locator, String);

fn line_of(bytes: &[u8], at: usize) -> usize {
    1 + bytes[..at.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
}

/// Decodes a text file's bytes.
pub(crate) fn decode(bytes: &[u8]) -> Result<Decoded<'_>, Refusal> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err((
            Locator::Whole,
            format!("文件是 UTF-16 编码（以 UTF-16 字节顺序标记开头），不支持；{SAVE_AS_UTF8}"),
        ));
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(at) = body.iter().position(|&b| b == 0) {
        return Err((
            Locator::Line(line_of(body, at)),
            format!(
                "文件含有空字节（0x00），可能是 UTF-16 编码或二进制文件，不是文本；{SAVE_AS_UTF8}"
            ),
        ));
    }
    match std::str::from_utf8(body) {
        Ok(text) => {
            refuse_replacement(text)?;
            Ok(Decoded {
                text: Cow::Borrowed(text),
                encoding: None,
            })
        }
        Err(e) => {
            let bad_at = e.valid_up_to();
            let gb = encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(body);
            match gb {
                Some(_) if !chinese_bytes(body) => Err((
                    Locator::Line(line_of(body, bad_at)),
                    format!(
                        "文件不是 UTF-8，按 GBK/GB18030 解码也不像中文（多半是西文 Windows-1252/Latin-1 编码，中文台账不应如此）；为避免存入乱码，本文件未导入，{SAVE_AS_UTF8}"
                    ),
                )),
                Some(text) if plausible(&text) => {
                    refuse_replacement(&text)?;
                    Ok(Decoded {
                        text: Cow::Owned(text.into_owned()),
                        encoding: Some("GB18030（GBK）"),
                    })
                }
                _ => {
                    // Point at the error of whichever encoding got further:
                    // the one the file was most likely meant to be in.
                    let bad_at = bad_at.max(gb18030_error_at(body));
                    let byte = body.get(bad_at).copied().unwrap_or(0);
                    Err((
                        Locator::Line(line_of(body, bad_at)),
                        format!(
                            "无法识别文件编码：字节 0x{byte:02X} 既不是有效的 UTF-8，也不能按 GBK/GB18030 正确解码；为避免存入乱码，本文件未导入，{SAVE_AS_UTF8}"
                        ),
                    ))
                }
            }
        }
    }
}

/// Where GB18030 decoding first fails (the end when it does not).
fn gb18030_error_at(bytes: &[u8]) -> usize {
    use encoding_rs::DecoderResult;
    let mut decoder = encoding_rs::GB18030.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(
        decoder
            .max_utf8_buffer_length_without_replacement(bytes.len())
            .unwrap_or(bytes.len() * 3),
    );
    match decoder.decode_to_string_without_replacement(bytes, &mut out, true) {
        (DecoderResult::Malformed(len, after), read) => {
            read.saturating_sub(after as usize + len as usize)
        }
        (_, read) => read,
    }
}

/// GB18030 decodes many byte strings; a real GBK text has no control
/// characters and no private-use characters.
fn plausible(text: &str) -> bool {
    !text.chars().any(|c| {
        (c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
            || ('\u{E000}'..='\u{F8FF}').contains(&c)
    })
}

/// Do the non-ASCII bytes read as Chinese in GBK? Chinese text is
/// overwhelmingly in the GB2312 area (both bytes 0xA1–0xFE); Western
/// Windows-1252 text decoded as GBK falls mostly outside it (an accented
/// letter followed by an ASCII letter), or into four-byte sequences.
fn chinese_bytes(bytes: &[u8]) -> bool {
    let (mut common, mut rare) = (0usize, 0usize);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
            continue;
        }
        let t = bytes.get(i + 1).copied().unwrap_or(0);
        if t.is_ascii_digit() {
            rare += 1;
            i += 4;
        } else {
            if b >= 0xA1 && t >= 0xA1 {
                common += 1;
            } else {
                rare += 1;
            }
            i += 2;
        }
    }
    common > 0 && rare * 3 <= common
}

/// Text already holding U+FFFD was damaged by an earlier conversion.
fn refuse_replacement(text: &str) -> Result<(), Refusal> {
    match text.find('\u{FFFD}') {
        None => Ok(()),
        Some(at) => Err((
            Locator::Line(line_of(text.as_bytes(), at)),
            "含有替换字符“\u{FFFD}”（U+FFFD），说明文件在此前的编码转换中已损坏成乱码；请从原系统重新导出 UTF-8 文件".to_string(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode("案号".as_bytes()).unwrap();
        assert_eq!(d.text, "案号");
        assert!(d.encoding.is_none());
        let d = decode(b"\xEF\xBB\xBFabc").unwrap();
        assert_eq!(d.text, "abc");
    }

    #[test]
    fn gbk_is_decoded_with_its_name() {
        let (gbk, _, _) = encoding_rs::GB18030.encode("案号,执法部门\n潜市监罚〔2024〕15号,某局\n");
        let d = decode(&gbk).unwrap();
        assert!(d.text.contains("潜市监罚〔2024〕15号"));
        assert!(d.encoding.unwrap().contains("GB18030"));
    }

    #[test]
    fn western_text_is_not_taken_for_gbk() {
        let (cp1252, _, _) =
            encoding_rs::WINDOWS_1252.encode("案号,当事人\nA1,Müller Bäckerei Größe\n");
        let (_, msg) = decode(&cp1252).unwrap_err();
        assert!(msg.contains("Windows-1252"), "{msg}");
        let (gbk, _, _) = encoding_rs::GB18030.encode("案号,当事人\n1,张喆（个体）堃\n");
        assert!(decode(&gbk).is_ok());
    }

    #[test]
    fn garbage_utf16_and_replacement_are_refused() {
        let (loc, msg) = decode(b"a,b\nc\xFF\xFF,d\n").unwrap_err();
        assert_eq!(loc, Locator::Line(2));
        assert!(msg.contains("0xFF") && msg.contains("UTF-8"), "{msg}");
        let (_, msg) = decode(b"\xFF\xFEa\x00").unwrap_err();
        assert!(msg.contains("UTF-16"));
        let (loc, msg) = decode("ok\nbad \u{FFFD}\n".as_bytes()).unwrap_err();
        assert_eq!(loc, Locator::Line(2));
        assert!(msg.contains("U+FFFD"));
    }
}
