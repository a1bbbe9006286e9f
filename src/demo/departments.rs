//! The demo city's departments: names, case-number styles, typical cases.

pub struct Department {
    pub name: &'static str,
    /// Penalty case-number prefix: `清市监罚` → `清市监罚〔2024〕3号`.
    pub penalty: &'static str,
    /// Licensing case-number prefix.
    pub permit: &'static str,
    /// Case titles; `{}` is the party's name.
    pub titles: &'static [&'static str],
    pub permits: &'static [&'static str],
    pub basis: &'static [&'static str],
}

pub const DEPARTMENTS: &[Department] = &[
    Department {
        name: "清江市市场监督管理局",
        penalty: "清市监罚",
        permit: "清市监许",
        titles: &[
            "{}销售超过保质期食品案",
            "{}生产销售不符合食品安全标准的食品案",
            "{}未按规定公示食品经营许可证案",
            "{}销售不合格电动自行车案",
        ],
        permits: &["{}食品经营许可", "{}药品零售许可"],
        basis: &[
            "《中华人民共和国食品安全法》第一百二十四条第一款",
            "《中华人民共和国产品质量法》第四十九条",
        ],
    },
    Department {
        name: "清江市生态环境局",
        penalty: "清环罚",
        permit: "清环许",
        titles: &[
            "{}未批先建案",
            "{}超标排放大气污染物案",
            "{}未按规定设置危险废物识别标志案",
        ],
        permits: &["{}建设项目环境影响报告表审批"],
        basis: &[
            "《中华人民共和国环境影响评价法》第三十一条第一款",
            "《中华人民共和国大气污染防治法》第九十九条",
        ],
    },
    Department {
        name: "清江市交通运输局",
        penalty: "清交执罚",
        permit: "清交许",
        titles: &[
            "{}驾驶货车超限运输案",
            "{}未取得道路运输经营许可擅自从事经营案",
        ],
        permits: &["{}道路货物运输经营许可"],
        basis: &[
            "《公路安全保护条例》第六十四条",
            "《中华人民共和国道路运输条例》第六十三条",
        ],
    },
    Department {
        name: "清江市自然资源和规划局",
        penalty: "清自然罚",
        permit: "清自然许",
        titles: &["{}非法占用土地案", "{}未取得建设工程规划许可证进行建设案"],
        permits: &["{}建设用地规划许可", "{}建设工程规划许可"],
        basis: &[
            "《中华人民共和国土地管理法》第七十七条",
            "《中华人民共和国城乡规划法》第六十四条",
        ],
    },
    Department {
        name: "清江市城市管理执法局",
        penalty: "清城管罚",
        permit: "清城管许",
        titles: &[
            "{}擅自占用城市道路案",
            "{}未经批准设置大型户外广告案",
            "{}随意倾倒建筑垃圾案",
        ],
        permits: &["{}临时占用城市道路许可"],
        basis: &[
            "《城市道路管理条例》第四十二条",
            "《城市市容和环境卫生管理条例》第三十六条",
        ],
    },
    Department {
        name: "清江市应急管理局",
        penalty: "清应急罚",
        permit: "清应急许",
        titles: &[
            "{}未按规定开展安全生产教育和培训案",
            "{}未对事故隐患进行排查治理案",
        ],
        permits: &["{}危险化学品经营许可"],
        basis: &[
            "《中华人民共和国安全生产法》第九十七条",
            "《中华人民共和国安全生产法》第一百零二条",
        ],
    },
    Department {
        name: "清江市卫生健康委员会",
        penalty: "清卫罚",
        permit: "清卫许",
        titles: &[
            "{}未取得医疗机构执业许可证擅自执业案",
            "{}公共场所卫生不合格案",
        ],
        permits: &["{}医疗机构执业许可"],
        basis: &[
            "《医疗机构管理条例》第四十三条",
            "《公共场所卫生管理条例》第十四条",
        ],
    },
    Department {
        name: "清江市文化和旅游局",
        penalty: "清文旅罚",
        permit: "清文旅许",
        titles: &["{}擅自从事营业性演出案", "{}网吧接纳未成年人案"],
        permits: &["{}营业性演出许可"],
        basis: &[
            "《营业性演出管理条例》第四十三条",
            "《互联网上网服务营业场所管理条例》第三十一条",
        ],
    },
];

pub const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗", "欧阳", "郑",
];
pub const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超",
    "秀英", "建华", "志强", "海燕", "晓东", "文博", "子涵", "大伟",
];
pub const FIRM_WORDS: &[&str] = &[
    "鑫源", "华泰", "恒通", "宏达", "金鼎", "顺发", "永安", "佳和", "盛世", "汇丰", "福临", "嘉禾",
];
pub const FIRM_TRADES: &[&str] = &[
    "商贸有限公司",
    "食品有限公司",
    "建材有限公司",
    "物流有限公司",
    "置业有限公司",
    "化工有限公司",
    "文化传媒有限公司",
    "超市有限公司",
];
