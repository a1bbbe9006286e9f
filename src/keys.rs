//! Keys kept on the user's own machine, never in a database or package: the
//! reviewer's Ed25519 signing key (packages are signed with it) and the
//! installation's audit key (the audit chain's head is sealed with it).
//!
//! Both live in the key folder: `$PINGCHA_KEY_DIR`, else
//! `$XDG_CONFIG_HOME/pingcha`, else `~/.config/pingcha`; the folder is made
//! 0700 and each key file 0600.

use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use std::io::Write;
use std::path::{Path, PathBuf};

/// What handling a key can fail with.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("找不到存放密钥的文件夹：请设置 PINGCHA_KEY_DIR（或 XDG_CONFIG_HOME / HOME）后重试")]
    NoHome,
    #[error("无法读写密钥文件 {}：{}；请检查该文件夹的权限", path.display(), crate::error::io_reason(source))]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "密钥文件 {0} 内容有误（应为 64 位十六进制数）；请删除后用 `pingcha reviewer key` 重新生成"
    )]
    Bad(PathBuf),
    #[error(
        "本机还没有评查人员密钥（{0}）；请先运行 `pingcha reviewer key` 生成，并把打印出的公钥交给评查组登记"
    )]
    NoReviewerKey(PathBuf),
    #[error("公钥“{0}”格式有误：应为 `pingcha reviewer key` 打印的 64 位十六进制数")]
    BadPublic(String),
    #[error("无法生成随机数：{0}")]
    Random(String),
}

const REVIEWER_FILE: &str = "reviewer.key";
const AUDIT_FILE: &str = "audit.key";

/// The folder the keys live in.
pub fn key_dir() -> Result<PathBuf, KeyError> {
    let env = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty());
    if let Some(d) = env("PINGCHA_KEY_DIR") {
        return Ok(PathBuf::from(d));
    }
    if let Some(d) = env("XDG_CONFIG_HOME") {
        return Ok(PathBuf::from(d).join("pingcha"));
    }
    env("HOME")
        .map(|h| PathBuf::from(h).join(".config").join("pingcha"))
        .ok_or(KeyError::NoHome)
}

pub(crate) fn random32() -> Result<[u8; 32], KeyError> {
    let mut b = [0u8; 32];
    getrandom::fill(&mut b).map_err(|e| KeyError::Random(e.to_string()))?;
    Ok(b)
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn unhex(s: &str) -> Option<Vec<u8>> {
    let s = s.trim();
    if !s.len().is_multiple_of(2) || !s.is_ascii() {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).ok())
        .collect()
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> KeyError + '_ {
    move |source| KeyError::Io {
        path: path.to_path_buf(),
        source,
    }
}

fn read_secret(path: &Path) -> Result<Option<[u8; 32]>, KeyError> {
    match std::fs::read_to_string(path) {
        Ok(s) => unhex(&s)
            .and_then(|b| <[u8; 32]>::try_from(b).ok())
            .map(Some)
            .ok_or_else(|| KeyError::Bad(path.to_path_buf())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(io(path)(e)),
    }
}

/// Reads the 32-byte secret in `name`, creating it (0600, atomically: a
/// concurrent creator's key wins and is read back) when absent.
fn secret_or_create(name: &str) -> Result<([u8; 32], bool), KeyError> {
    secret_or_create_in(&key_dir()?, name)
}

fn secret_or_create_in(dir: &Path, name: &str) -> Result<([u8; 32], bool), KeyError> {
    let dir = dir.to_path_buf();
    let path = dir.join(name);
    if let Some(k) = read_secret(&path)? {
        return Ok((k, false));
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(&dir).map_err(io(&dir))?;
    let secret = random32()?;
    let tmp = dir.join(format!(".{name}.{}", uuid::Uuid::new_v4()));
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(&tmp).map_err(io(&tmp))?;
    f.write_all(format!("{}\n", hex(&secret)).as_bytes())
        .and_then(|_| f.sync_all())
        .map_err(io(&tmp))?;
    drop(f);
    // A hard link never replaces an existing file: when another process made
    // the key first, its key is the one used.
    let linked = std::fs::hard_link(&tmp, &path);
    let _ = std::fs::remove_file(&tmp);
    match linked {
        Ok(()) => Ok((secret, true)),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => read_secret(&path)?
            .map(|k| (k, false))
            .ok_or_else(|| KeyError::Bad(path.clone())),
        Err(e) => Err(io(&path)(e)),
    }
}

/// The installation's audit key (made on first use).
pub fn audit_secret() -> Result<[u8; 32], KeyError> {
    secret_or_create(AUDIT_FILE).map(|(k, _)| k)
}

/// An audit key kept in `dir` (beside a database whose user has no usable
/// key folder), as a hidden file.
pub fn audit_secret_in(dir: &Path) -> Result<[u8; 32], KeyError> {
    secret_or_create_in(dir, ".pingcha-audit.key").map(|(k, _)| k)
}

/// The reviewer's key pair: made when absent; returns the public key (hex),
/// the file holding the private key and whether it was just made.
pub fn reviewer_key() -> Result<(String, PathBuf, bool), KeyError> {
    let (secret, made) = secret_or_create(REVIEWER_FILE)?;
    let sk = SigningKey::from_bytes(&secret);
    Ok((
        hex(sk.verifying_key().as_bytes()),
        key_dir()?.join(REVIEWER_FILE),
        made,
    ))
}

/// Signs `message` with this machine's reviewer key; returns (public key,
/// signature), both hex.
pub fn sign(message: &[u8]) -> Result<(String, String), KeyError> {
    let path = key_dir()?.join(REVIEWER_FILE);
    let secret = read_secret(&path)?.ok_or(KeyError::NoReviewerKey(path))?;
    let sk = SigningKey::from_bytes(&secret);
    Ok((
        hex(sk.verifying_key().as_bytes()),
        hex(&sk.sign(message).to_bytes()),
    ))
}

/// Signs `message` with the given secret; returns (public key, signature),
/// both hex (a package sealed with a key held in memory).
pub fn sign_with(secret: &[u8; 32], message: &[u8]) -> (String, String) {
    let sk = SigningKey::from_bytes(secret);
    (
        hex(sk.verifying_key().as_bytes()),
        hex(&sk.sign(message).to_bytes()),
    )
}

/// A public key as the user gives it (hex, an optional `ed25519:` prefix),
/// normalised to lowercase hex; `None` when it is not one.
pub fn parse_public(s: &str) -> Option<String> {
    let s = s.trim();
    let s = s.strip_prefix("ed25519:").unwrap_or(s);
    let b = <[u8; 32]>::try_from(unhex(s)?).ok()?;
    VerifyingKey::from_bytes(&b).ok()?;
    Some(hex(&b))
}

/// Whether `signature` (hex) is `public`'s (hex) signature of `message`.
pub fn verify(public: &str, message: &[u8], signature: &str) -> bool {
    let Some(pk) = unhex(public)
        .and_then(|b| <[u8; 32]>::try_from(b).ok())
        .and_then(|b| VerifyingKey::from_bytes(&b).ok())
    else {
        return false;
    };
    let Some(sig) = unhex(signature).and_then(|b| <[u8; 64]>::try_from(b).ok()) else {
        return false;
    };
    pk.verify_strict(message, &Signature::from_bytes(&sig))
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_verifies_only_for_its_message_and_key() {
        let sk = SigningKey::from_bytes(&[7u8; 32]);
        let pk = hex(sk.verifying_key().as_bytes());
        let sig = hex(&sk.sign(b"package").to_bytes());
        assert!(verify(&pk, b"package", &sig));
        assert!(!verify(&pk, b"packagf", &sig));
        let other = hex(SigningKey::from_bytes(&[8u8; 32])
            .verifying_key()
            .as_bytes());
        assert!(!verify(&other, b"package", &sig));
        assert!(!verify(&pk, b"package", "00"));
    }

    #[test]
    fn public_keys_are_parsed_with_or_without_prefix() {
        let pk = hex(SigningKey::from_bytes(&[7u8; 32])
            .verifying_key()
            .as_bytes());
        assert_eq!(parse_public(&pk).as_deref(), Some(pk.as_str()));
        assert_eq!(
            parse_public(&format!("ed25519:{}", pk.to_uppercase())).as_deref(),
            Some(pk.as_str())
        );
        assert_eq!(parse_public("abc"), None);
    }
}
