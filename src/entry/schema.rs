//! The entry form's fields, in the order a dossier is bound, each named by
//! its path in the interchange spec (`decision.date`, `events[].stage`).

/// What a field holds and how its text becomes a spec value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    /// Text shown masked once entered (ID numbers, certificate numbers).
    Secret,
    /// A date in any of the forms [`super::date::parse_date`] reads.
    Date,
    /// A procedure stage, completed from initials.
    Stage,
    /// One of a closed list; typing picks the first that starts with the text.
    Choice(&'static [&'static str]),
    /// 是 / 否.
    Bool,
    /// Yuan, at most two decimals.
    Money,
    /// A non-negative number (seconds).
    Number,
    /// Several values separated by `sep` (、 for measures).
    List(char),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// Path in the interchange format's JSON, relative to the group's element for a column.
    pub path: &'static str,
    pub label: &'static str,
    pub kind: Kind,
    /// `docs/case-file.md` requires it.
    pub required: bool,
}

/// A repeated part of the record (officers, the timeline, documents …):
/// one line per element, one cell per column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Group {
    pub path: &'static str,
    pub label: &'static str,
    pub cols: &'static [Field],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Block {
    Field(Field),
    Group(Group),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Section {
    pub label: &'static str,
    pub blocks: &'static [Block],
}

pub const KINDS: &[&str] = &[
    "行政处罚",
    "行政许可",
    "行政强制",
    "行政检查",
    "行政征收",
    "行政确认",
    "其他",
];
pub const PROCEDURES: &[&str] = &["普通程序", "简易程序"];
pub const PARTY_TYPES: &[&str] = &["自然人", "法人", "非法人组织"];
pub const DISCRETIONS: &[&str] = &["不予处罚", "减轻", "从轻", "一般", "从重"];
pub const OPINIONS: &[&str] = &["同意", "修改后同意", "退回补充", "不同意"];
pub const MEDIA: &[&str] = &["文字", "音像", "照片", "录音"];

const fn f(path: &'static str, label: &'static str, kind: Kind) -> Field {
    Field {
        path,
        label,
        kind,
        required: false,
    }
}

const fn req(path: &'static str, label: &'static str, kind: Kind) -> Field {
    Field {
        path,
        label,
        kind,
        required: true,
    }
}

/// A form line of its own, optional.
const fn field(path: &'static str, label: &'static str, kind: Kind) -> Block {
    Block::Field(f(path, label, kind))
}

/// A form line of its own, required.
const fn required(path: &'static str, label: &'static str, kind: Kind) -> Block {
    Block::Field(req(path, label, kind))
}

/// A repeated part: one line per element, one cell per column.
const fn lines(path: &'static str, label: &'static str, cols: &'static [Field]) -> Block {
    Block::Group(Group { path, label, cols })
}

/// The timeline group's path.
pub const EVENTS: &str = "events";

/// The whole form.
pub const FORM: &[Section] = &[
    Section {
        label: "案卷",
        blocks: &[
            required("case_no", "案号", Kind::Text),
            required("department", "执法部门", Kind::Text),
            required("kind", "案件类型", Kind::Choice(KINDS)),
            field("procedure", "程序", Kind::Choice(PROCEDURES)),
            field("title", "案由/案件名称", Kind::Text),
        ],
    },
    Section {
        label: "当事人",
        blocks: &[
            field("party.type", "当事人类型", Kind::Choice(PARTY_TYPES)),
            field("party.name", "当事人名称", Kind::Text),
            field("party.id_no", "证件号码", Kind::Secret),
        ],
    },
    Section {
        label: "执法人员",
        blocks: &[lines(
            "officers",
            "执法人员",
            &[
                req("name", "姓名", Kind::Text),
                f("cert_no", "执法证号", Kind::Secret),
                f("cert_valid_until", "有效期至", Kind::Date),
            ],
        )],
    },
    Section {
        label: "时间线",
        blocks: &[
            field("major_decision", "重大执法决定", Kind::Bool),
            field("hearing_notified", "已告知听证权利", Kind::Bool),
            lines(
                EVENTS,
                "程序环节",
                &[
                    req("stage", "环节", Kind::Stage),
                    req("date", "日期", Kind::Date),
                    f("doc", "文书", Kind::Text),
                    f("note", "备注", Kind::Text),
                ],
            ),
        ],
    },
    Section {
        label: "决定",
        blocks: &[
            field("decision.date", "决定日期", Kind::Date),
            field("decision.measures", "处理措施", Kind::List('、')),
            field("decision.fine_yuan", "罚款金额", Kind::Money),
            field("decision.confiscation_yuan", "没收金额", Kind::Money),
            field("decision.legal_basis", "法律依据", Kind::List('；')),
            field("decision.discretion", "裁量", Kind::Choice(DISCRETIONS)),
            field("amount_involved_yuan", "涉案金额", Kind::Money),
            field("referred_to_police", "已移送公安", Kind::Bool),
        ],
    },
    Section {
        label: "文书",
        blocks: &[lines(
            "documents",
            "卷内文书",
            &[
                req("title", "文书名称", Kind::Text),
                f("doc_no", "文号", Kind::Text),
                f("date", "日期", Kind::Date),
                f("pages", "页码", Kind::Text),
                f("signed", "签名", Kind::Bool),
                f("sealed", "盖章", Kind::Bool),
            ],
        )],
    },
    Section {
        label: "音像记录",
        blocks: &[lines(
            "recordings",
            "全过程记录",
            &[
                req("stage", "环节", Kind::Stage),
                req("medium", "载体", Kind::Choice(MEDIA)),
                f("file", "文件", Kind::Text),
                f("duration_s", "时长秒", Kind::Number),
            ],
        )],
    },
    Section {
        label: "法制审核",
        blocks: &[
            field("legal_review.reviewer", "审核人员", Kind::Text),
            field("legal_review.received", "收到日期", Kind::Date),
            field("legal_review.date", "审核日期", Kind::Date),
            field("legal_review.opinion", "审核意见", Kind::Choice(OPINIONS)),
            field("legal_review.doc", "审核文书", Kind::Text),
        ],
    },
    Section {
        label: "公示",
        blocks: &[
            field("disclosure.date", "公示日期", Kind::Date),
            field("disclosure.channel", "公示渠道", Kind::Text),
            field("disclosure.url", "网址", Kind::Text),
        ],
    },
];

/// Every single field of the form.
pub fn fields() -> impl Iterator<Item = &'static Field> {
    FORM.iter().flat_map(|s| s.blocks).filter_map(|b| match b {
        Block::Field(f) => Some(f),
        Block::Group(_) => None,
    })
}

/// Every group of the form.
pub fn groups() -> impl Iterator<Item = &'static Group> {
    FORM.iter().flat_map(|s| s.blocks).filter_map(|b| match b {
        Block::Group(g) => Some(g),
        Block::Field(_) => None,
    })
}

pub fn group(path: &str) -> Option<&'static Group> {
    groups().find(|g| g.path == path)
}

/// The field a spec path names: `decision.date`, `events[3].date`
/// (`timeline` is taken for `events`). Returns the group (with the index)
/// for a column.
pub fn lookup(path: &str) -> Option<(Option<(&'static Group, usize)>, &'static Field)> {
    if let Some(f) = fields().find(|f| f.path == path) {
        return Some((None, f));
    }
    let (head, rest) = path.split_once('[')?;
    let head = if head == "timeline" { EVENTS } else { head };
    let (idx, col) = rest.split_once("].")?;
    let g = group(head)?;
    let i: usize = idx.parse().ok()?;
    let f = g.cols.iter().find(|c| c.path == col)?;
    Some((Some((g, i)), f))
}

/// The paths `--set` accepts, for its help and refusals.
pub fn path_list() -> String {
    let mut v: Vec<String> = fields().map(|f| f.path.to_string()).collect();
    for g in groups() {
        let cols: Vec<&str> = g.cols.iter().map(|c| c.path).collect();
        v.push(format!("{}[N].{{{}}}", g.path, cols.join(",")));
    }
    v.join(" ")
}

/// The choice of `typed` in `options`: exact, else the only / first option
/// starting with it, else the first containing it.
pub fn pick(options: &'static [&'static str], typed: &str) -> Option<&'static str> {
    let t = typed.trim();
    if t.is_empty() {
        return None;
    }
    options
        .iter()
        .find(|o| **o == t)
        .or_else(|| options.iter().find(|o| o.starts_with(t)))
        .or_else(|| options.iter().find(|o| o.contains(t)))
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_paths() {
        assert_eq!(lookup("decision.date").unwrap().1.kind, Kind::Date);
        let (g, f) = lookup("timeline[3].date").unwrap();
        assert_eq!(g.map(|(g, i)| (g.path, i)), Some(("events", 3)));
        assert_eq!(f.label, "日期");
        assert!(lookup("events[x].date").is_none());
        assert!(lookup("nothing").is_none());
    }

    #[test]
    fn choices() {
        assert_eq!(pick(KINDS, "行政处罚"), Some("行政处罚"));
        assert_eq!(pick(KINDS, "许可"), Some("行政许可"));
        assert_eq!(pick(PROCEDURES, "简"), Some("简易程序"));
        assert_eq!(pick(PROCEDURES, "x"), None);
    }
}
