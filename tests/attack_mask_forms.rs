//! ID numbers written the ways a note allows beyond a title's: split by a
//! line break, grouped with dots or middle dots, slashes; in a finding note
//! and in a 评查意见; every part of every document of `report --draft` is
//! read back for them, and for the names of the parties the notes mention.

use assert_cmd::Command;
use serde_json::json;
use std::io::Read;
use std::path::Path;

fn run(db: &Path, args: &[&str]) {
    let out = Command::cargo_bin("pingcha")
        .unwrap()
        .arg("--db")
        .arg(db)
        .env_remove("PINGCHA_DB")
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// (as written in a note, the ID as ASCII).
const FORMS: &[(&str, &str)] = &[
    ("42010219730917\n1234", "420102197309171234"),
    ("420102\r\n197408122345", "420102197408122345"),
    ("420102.1975.0713.3456", "420102197507133456"),
    ("420102·19760614·4567", "420102197606144567"),
    ("420102/1977/0515/5678", "420102197705155678"),
    (
        "４２０１０２．１９７８．０４１６．６７８９",
        "420102197804166789",
    ),
    ("420102 1979 0317 789\nx", "42010219790317789X"),
];

fn case(no: &str, party: serde_json::Value) -> serde_json::Value {
    json!({
        "case_no": no, "department": "清江市市场监督管理局", "kind": "行政处罚",
        "title": "无证经营案", "party": party,
        "officers": [{"name": "郑执法", "cert_no": "42090012345"}],
        "events": [{"stage": "立案", "date": "2024-03-04"}, {"stage": "决定", "date": "2024-04-22"}],
        "decision": {"date": "2024-04-22", "measures": ["罚款"], "fine_yuan": 500}
    })
}

/// Every part of a document as text, tags dropped; an ID put back together
/// as a reader would (separators of every kind removed, NFKC-like digits).
fn parts(path: &Path) -> Vec<(String, String)> {
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    let bytes = std::fs::read(path).unwrap();
    let mut raw = Vec::new();
    if name.ends_with(".docx") || name.ends_with(".xlsx") {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        for i in 0..zip.len() {
            let mut f = zip.by_index(i).unwrap();
            let mut s = String::new();
            if f.read_to_string(&mut s).is_ok() {
                raw.push((format!("{name}:{}", f.name()), s));
            }
        }
    } else {
        raw.push((name, String::from_utf8(bytes).unwrap()));
    }
    raw.into_iter()
        .map(|(n, s)| {
            let mut plain = String::new();
            let mut tag = false;
            for c in s.chars() {
                match c {
                    '<' => tag = true,
                    '>' => tag = false,
                    _ if tag => {}
                    '０'..='９' => {
                        plain.push(char::from_digit(c as u32 - '０' as u32, 10).unwrap())
                    }
                    'x' | 'ｘ' | 'Ｘ' => plain.push('X'),
                    c if c.is_whitespace() || "-.·/．".contains(c) => {}
                    c => plain.push(c),
                }
            }
            (n, plain)
        })
        .collect()
}

#[test]
fn ids_split_or_dotted_in_notes_and_remarks_are_masked_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let lines: Vec<String> = [
        case(
            "清市监罚〔2024〕1号",
            json!({"name": "张三丰", "type": "自然人"}),
        ),
        case(
            "清市监罚〔2024〕2号",
            json!({"name": "欧阳小明", "id_no": "420102198002188901"}),
        ),
        case("清市监罚〔2024〕3号", json!({"name": "钱七七"})),
        case("清市监罚〔2024〕4号", json!({"name": "阿依古丽·买买提"})),
    ]
    .iter()
    .map(|c| c.to_string())
    .collect();
    let file = dir.path().join("c.jsonl");
    std::fs::write(&file, lines.join("\n")).unwrap();
    run(&db, &["import", file.to_str().unwrap()]);
    run(
        &db,
        &["reviewer", "add", "王芳", "--department", "清江市司法局"],
    );
    let forms: Vec<&str> = FORMS.iter().map(|f| f.0).collect();
    let note = format!(
        "当事人身份证号 {}；另见欧阳小明、钱 七七、张\u{200b}三丰、阿依古丽",
        forms.join("；")
    );
    for no in ["清市监罚〔2024〕1号", "清市监罚〔2024〕2号"] {
        run(
            &db,
            &[
                "finding",
                "add",
                "--case",
                no,
                "--item",
                "CF-05",
                "--deduct",
                "1",
                "--note",
                &note,
                "--reviewer",
                "王芳",
            ],
        );
        run(&db, &["remark", no, &note, "--reviewer", "王芳"]);
        run(&db, &["complete", no, "--reviewer", "王芳"]);
    }
    let out = dir.path().join("o");
    run(&db, &["report", "--draft", "--out", out.to_str().unwrap()]);
    let mut n = 0;
    for e in std::fs::read_dir(&out).unwrap() {
        let path = e.unwrap().path();
        n += 1;
        for (part, text) in parts(&path) {
            for (raw, id) in FORMS {
                let birth = &id[6..14];
                assert!(!text.contains(birth), "{part} holds {raw:?}");
            }
            let squeezed: String = text
                .chars()
                .filter(|c| !c.is_whitespace() && *c != '\u{200b}')
                .collect();
            for name in ["张三丰", "欧阳小明", "钱七七", "阿依古丽", "买买提"] {
                assert!(!squeezed.contains(name), "{part} names {name}");
            }
        }
    }
    assert!(n >= 5, "{n} documents");
}
