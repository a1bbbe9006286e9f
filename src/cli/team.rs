//! `reviewer`, `assign` and `package`.

use super::output;
use super::output::say;
use crate::batch::assign::Reviewer;
use crate::error::Result;
use crate::workspace::Workspace;
use clap::Subcommand;
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum ReviewerAction {
    /// 加入评查人员名册
    Add {
        name: String,
        /// 评查人员所在单位（回避：不评查本单位案卷）
        #[arg(long)]
        department: String,
        /// 专长，如 市场监管、交通运输
        #[arg(long)]
        expertise: Option<String>,
        /// 评查人员的公钥（其电脑上 `pingcha reviewer key` 打印的），用于核验其评查包的签名
        #[arg(long, value_name = "PUB")]
        key: Option<String>,
    },
    /// 在本机生成（或显示已有的）评查人员密钥对并打印公钥；--set 姓名 公钥：登记某评查人员的公钥
    Key {
        /// 本机评查人员的姓名（仅用于提示）
        name: Option<String>,
        /// 登记公钥：--set 姓名 公钥
        #[arg(long, num_args = 2, value_names = ["NAME", "PUB"])]
        set: Option<Vec<String>>,
    },
    /// 列出评查人员
    List {
        /// 以 JSON 输出
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum AssignAction {
    /// 列出分配结果
    List {
        /// 以 JSON 输出
        #[arg(long)]
        json: bool,
    },
    /// 列出同一案卷两位评查人员意见不一致之处（供复核）
    Disagreements {
        /// 以 JSON 输出
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum PackageAction {
    /// 导出一位评查人员的评查包（SQLite 文件），带到另一台电脑上评查
    Export {
        /// 评查人员姓名
        #[arg(long)]
        reviewer: String,
        /// 输出文件路径
        #[arg(long)]
        out: PathBuf,
    },
    /// 封存评查包：评查完毕交回前，用本机的评查人员密钥签名
    Seal {
        file: PathBuf,
        /// 评查人员姓名（给出时须与评查包所属的评查人员一致）
        #[arg(long)]
        reviewer: Option<String>,
    },
    /// 合并评查包（须经评查人员封存，签名与登记的公钥相符）
    Merge { file: PathBuf },
    /// 列出未解决的冲突
    Conflicts {
        /// 以 JSON 输出
        #[arg(long)]
        json: bool,
    },
    /// 解决冲突：保留本地（local）或采用评查包（theirs）
    Resolve {
        id: i64,
        #[arg(long, value_parser = ["local", "theirs"])]
        keep: String,
    },
}

pub fn reviewer(ws: &mut Workspace, action: ReviewerAction) -> Result<()> {
    match action {
        ReviewerAction::Add {
            name,
            department,
            expertise,
            key,
        } => {
            if let Some(k) = &key {
                crate::workspace::check_public_key(k)?;
            }
            let r = ws.add_reviewer(Reviewer {
                name,
                department,
                expertise,
            })?;
            if let Some(k) = key {
                ws.set_reviewer_key(&r.name, &k)?;
            }
            say!("已加入评查人员 {}（{}）", r.name, r.department);
        }
        ReviewerAction::Key { set: Some(v), .. } => {
            let key = ws.set_reviewer_key(&v[0], &v[1])?;
            say!(
                "已登记评查人员 {} 的公钥 {key}",
                crate::model::normalise_name(&v[0])
            );
        }
        ReviewerAction::Key { set: None, .. } => return reviewer_key(),
        ReviewerAction::List { json } => {
            /// A roster line with whether the reviewer's key is registered.
            #[derive(serde::Serialize)]
            struct ReviewerJson {
                name: String,
                department: String,
                expertise: Option<String>,
                key_registered: bool,
                public_key: Option<String>,
            }
            let mut rs = Vec::new();
            for r in ws.reviewers()? {
                let key = ws.reviewer_public_key(&r.name)?;
                rs.push(ReviewerJson {
                    key_registered: key.is_some(),
                    public_key: key,
                    name: r.name,
                    department: r.department,
                    expertise: r.expertise,
                });
            }
            if json {
                return output::json(&rs);
            }
            let rows: Vec<Vec<String>> = rs
                .iter()
                .map(|r| {
                    vec![
                        r.name.clone(),
                        r.department.clone(),
                        r.expertise.clone().unwrap_or_default(),
                        match &r.public_key {
                            Some(k) => {
                                format!("已登记 {}…", k.chars().take(16).collect::<String>())
                            }
                            None => "未登记".to_string(),
                        },
                    ]
                })
                .collect();
            output::table(&["姓名", "单位", "专长", "公钥"], &rows);
        }
    }
    Ok(())
}

/// `reviewer key`: makes this machine's key pair when it has none and
/// prints the public key (alone on standard output, for scripts).
pub fn reviewer_key() -> Result<()> {
    let (public, path, made) = crate::workspace::reviewer_key()?;
    eprintln!(
        "{}评查人员密钥：私钥保存在 {}（仅本人可读，切勿外传）；把下面的公钥交给评查组登记（`pingcha reviewer key --set 姓名 公钥`）：",
        if made { "已生成" } else { "本机已有" },
        path.display()
    );
    say!("{public}");
    Ok(())
}

/// `package seal`: signs a package with this machine's reviewer key.
pub fn seal(file: &std::path::Path, who: Option<&str>) -> Result<()> {
    let (reviewer, public) = crate::workspace::seal_package(file, who)?;
    say!(
        "已封存评查包 {}（评查人员 {reviewer}，公钥 {}…）；封存后请勿再修改，交回评查组合并",
        file.display(),
        &public[..16]
    );
    Ok(())
}

pub fn assign(
    ws: &mut Workspace,
    action: Option<AssignAction>,
    per_file: usize,
    cross: bool,
) -> Result<()> {
    match action {
        None => {
            let plan = ws.assign(per_file, cross)?;
            let mut load: std::collections::BTreeMap<&str, usize> = Default::default();
            for a in &plan {
                *load.entry(a.reviewer.as_str()).or_default() += 1;
            }
            say!(
                "已分配 {} 人次（每卷 {per_file} 人{}，均已回避本单位案卷）：",
                plan.len(),
                if cross { "，交叉评查" } else { "" }
            );
            for (r, n) in load {
                say!("  {r}：{n} 件");
            }
        }
        Some(AssignAction::List { json }) => {
            let a = ws.assignments()?;
            if json {
                return output::json(&a);
            }
            let rows: Vec<Vec<String>> = a
                .into_iter()
                .map(|a| vec![a.case_no, a.department, a.reviewer])
                .collect();
            output::table(&["案号", "部门", "评查人员"], &rows);
        }
        Some(AssignAction::Disagreements { json }) => {
            let ds = ws.disagreements()?;
            if json {
                return output::json(&ds);
            }
            if ds.is_empty() {
                say!("没有意见不一致之处");
            }
            for d in ds {
                let who: Vec<String> = d
                    .deductions
                    .iter()
                    .map(|(r, x)| format!("{r} 扣{}", output::score(*x)))
                    .collect();
                say!("{} {}：{}", d.case_no, d.item, who.join("，"));
            }
        }
    }
    Ok(())
}

pub fn package(ws: &mut Workspace, action: PackageAction) -> Result<()> {
    match action {
        PackageAction::Export { reviewer, out } => {
            let n = ws.export_package(&reviewer, &out)?;
            say!(
                "已导出 {reviewer} 的评查包：{}（{n} 件案卷）",
                out.display()
            );
            say!(
                "在另一台电脑上：pingcha --db {} tui；完成后带回并运行 pingcha package merge {}",
                out.display(),
                out.display()
            );
        }
        PackageAction::Seal { file, reviewer } => return seal(&file, reviewer.as_deref()),
        PackageAction::Merge { file } => {
            let r = ws.merge_package(&file)?;
            if let Some(at) = &r.already_merged {
                say!(
                    "此评查包（同一签名）已于 {at} 合并过，本次未作任何改动；评查人员如有新的修改，请其重新封存后交回"
                );
            }
            say!(
                "合并完成：新增问题 {}，采用评查包修改 {}，未变 {}，保留本地修改 {}，删除 {}，冲突 {}，案卷状态更新 {}",
                r.added,
                r.updated,
                r.unchanged,
                r.kept_local,
                r.deleted,
                r.conflicts,
                r.reviews
            );
            if r.conflicts > 0 {
                say!("有冲突待解决：`pingcha package conflicts`");
            }
        }
        PackageAction::Conflicts { json } => {
            let cs = ws.conflicts()?;
            if json {
                return output::json(&cs);
            }
            if cs.is_empty() {
                say!("没有未解决的冲突");
            }
            for c in cs {
                say!("冲突 {}：问题 {}（来自 {}）", c.id, c.finding_id, c.package);
                say!(
                    "  本地：{}",
                    c.local
                        .map(|v| v.to_string())
                        .unwrap_or_else(|| "（已删除）".into())
                );
                say!(
                    "  评查包：{}",
                    c.theirs
                        .map(|v| v.to_string())
                        .unwrap_or_else(|| "（已删除）".into())
                );
            }
        }
        PackageAction::Resolve { id, keep } => {
            ws.resolve_conflict(id, keep == "theirs")?;
            say!(
                "冲突 {id} 已解决（{}）",
                if keep == "theirs" {
                    "采用评查包"
                } else {
                    "保留本地"
                }
            );
        }
    }
    Ok(())
}
