//! The masking rules, form by form.

use super::*;

#[test]
fn names() {
    assert_eq!(mask_name("张三"), "张*");
    assert_eq!(mask_name("王小明"), "王**");
    assert_eq!(mask_name("欧阳娜娜"), "欧阳**");
    assert_eq!(mask_name("欧阳"), "欧*");
    assert_eq!(mask_name("李"), "李");
    assert_eq!(mask_name_with("李四", MaskStyle::Mou), "李某");
    assert_eq!(mask_name_with("李小四", MaskStyle::Mou), "李某某");
    assert_eq!(mask_name_with("欧阳娜娜", MaskStyle::Mou), "欧阳某某");
    assert_eq!(mask_name_with("李大小四", MaskStyle::Mou), "李某某");
}

#[test]
fn ids() {
    assert_eq!(mask_id("420102199001011234"), "420102********1234");
    assert_eq!(mask_id("42010219900101123X"), "420102********123X");
    assert_eq!(
        mask_ids_in("身份证号420102199001011234，电话13800000000"),
        "身份证号420102********1234，电话13800000000"
    );
    // A credit code is not an ID number.
    assert_eq!(mask_ids_in("91429005JNJ6JTJ71Y"), "91429005JNJ6JTJ71Y");
}

/// Every written form of one ID number loses its birth date.
#[test]
fn every_written_form() {
    let forms = [
        ("420102199001011234", "420102********1234"),
        ("42010219900101123x", "420102********123x"),
        ("42010219900101123X", "420102********123X"),
        ("420102 19900101 1234", "420102 ******** 1234"),
        ("420102-1990-0101-1234", "420102-****-****-1234"),
        ("4201 0219 9001 0112 34", "4201 02** **** **12 34"),
        (
            "４２０１０２１９９００１０１１２３４",
            "４２０１０２********１２３４",
        ),
        ("ID420102199001011234", "ID420102********1234"),
        ("a420102199001011234b", "a420102********1234b"),
        ("9420102199001011234", "942010*********1234"),
        ("420102900101123", "420102*****1123"),
        ("420102 900101 123", "420102 *****1 123"),
    ];
    for (raw, want) in forms {
        let got = mask_ids_in(raw);
        assert_eq!(got, want, "{raw}");
        assert!(
            !got.contains("19900101") && !got.contains("900101"),
            "{raw}"
        );
    }
    // Dates, amounts, phone numbers and short numbers are left alone.
    for keep in [
        "2024-01-01 2024-02-02",
        "罚款 50000 元",
        "13800000000",
        "2024-03-04至2024-04-22",
    ] {
        assert_eq!(mask_ids_in(keep), keep);
    }
    assert!(is_id_number("420102 19900101 123x"));
    assert!(!is_id_number("91429005MA4XXXXX0Q"));
}

#[test]
fn natural_persons_are_inferred() {
    assert!(is_natural_person("张三", None, None));
    assert!(is_natural_person(
        "欧阳娜娜",
        None,
        Some("420102199001011234")
    ));
    assert!(is_natural_person("王记", None, Some("420102199001011234")));
    assert!(!is_natural_person("潜江市某某超市有限公司", None, None));
    assert!(!is_natural_person("李记小吃店", None, None));
    assert!(!is_natural_person("张三", Some(false), None));
    assert!(is_natural_person("某某超市", Some(true), None));
}

#[test]
fn public_text() {
    let m = Masker::new(["张三", "欧阳娜娜"]);
    assert_eq!(m.public("张三销售过期食品案"), "张*销售过期食品案");
    assert_eq!(m.public("欧阳娜娜无证经营案"), "欧阳**无证经营案");
    assert_eq!(m.internal("张三"), "张三");
    assert!(matches!(m.mask_text("无关文字"), Cow::Borrowed(_)));
    let m = Masker::with_style(["张三"], MaskStyle::Mou);
    assert_eq!(
        m.mask_text("当事人张三，身份证 420102 19900101 1234"),
        "当事人张某，身份证 420102 ******** 1234"
    );
}

#[test]
fn ids_split_by_a_line_break_dots_or_slashes() {
    assert_eq!(mask_ids_in("42010219900101\n1234"), "420102********\n1234");
    assert_eq!(
        mask_ids_in("420102.1990.0101.1234"),
        "420102.****.****.1234"
    );
    assert_eq!(mask_ids_in("420102/19900101/1234"), "420102/********/1234");
    assert_eq!(
        mask_ids_in("420102 1990 0101 123\nx"),
        "420102 **** **** 123\nx"
    );
    // Dates and amounts with dots stay.
    for keep in ["2024.03.04—2024.05.06", "罚款1.5万元，2024.03.04立案"] {
        assert_eq!(mask_ids_in(keep), keep);
    }
}

#[test]
fn names_spaced_out_or_by_their_parts() {
    let m = Masker::new(["张三丰", "阿依古丽·买买提"]);
    assert_eq!(m.public("当事人张 三\u{200b}丰未签名"), "当事人张**未签名");
    assert_eq!(m.public("另见张　三丰"), "另见张**");
    assert_eq!(m.public("询问阿依古丽时"), "询问阿***时");
    assert!(!m.public("阿依古丽·买买提").contains("买买提"));
    assert_eq!(m.public("张三，丰收"), "张三，丰收");
}

#[test]
fn a_party_name_stored_with_gaps_is_masked_without_them() {
    let m = Masker::new(["张\u{200b}三丰", "李 四"]);
    assert_eq!(m.public("另见张三丰、李四"), "另见张**、李*");
    assert_eq!(m.public("张\u{200b}三丰"), "张**");
}
