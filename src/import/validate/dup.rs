//! Duplicate keys in a JSON object: serde would silently keep the last,
//! so the text is walked once for them, keys borrowed from it and paths
//! made only for the duplicate reported.

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::collections::HashSet;

/// A key given twice in one JSON object: (the object's path, the key).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DuplicateKey {
    pub path: String,
    pub key: String,
}

impl DuplicateKey {
    pub(crate) fn message(&self) -> String {
        format!(
            "键“{}”在同一个对象{}中出现了两次；JSON 对象的键必须唯一（否则只有后一个生效），请删除或改正其中一个",
            self.key,
            if self.path.is_empty() {
                String::new()
            } else {
                format!("（{}）", self.path)
            }
        )
    }

    /// The key's full path (`party.name`).
    pub(crate) fn field(&self) -> String {
        if self.path.is_empty() {
            self.key.clone()
        } else {
            format!("{}.{}", self.path, self.key)
        }
    }
}

const DUP_MARK: char = '\u{1F}';

/// Where a value sits in the text being checked for duplicate keys; made
/// into a path (`party.name`, `[1].kind`) only when a duplicate is found.
#[derive(Clone, Copy)]
enum At<'p> {
    Root,
    Key(&'p At<'p>, &'p str),
    Index(&'p At<'p>, usize),
}

impl At<'_> {
    fn path(&self) -> String {
        match self {
            At::Root => String::new(),
            At::Key(parent, k) => {
                let p = parent.path();
                if p.is_empty() {
                    k.to_string()
                } else {
                    format!("{p}.{k}")
                }
            }
            At::Index(parent, i) => format!("{}[{i}]", parent.path()),
        }
    }
}

/// The keys seen in one object: a short list, a set once it grows.
#[derive(Default)]
struct Seen<'de> {
    few: Vec<Cow<'de, str>>,
    many: HashSet<Cow<'de, str>>,
}

impl<'de> Seen<'de> {
    const FEW: usize = 32;

    fn contains(&self, k: &str) -> bool {
        if self.many.is_empty() {
            self.few.iter().any(|s| s == k)
        } else {
            self.many.contains(k)
        }
    }

    fn add(&mut self, k: Cow<'de, str>) {
        if self.many.is_empty() && self.few.len() < Self::FEW {
            self.few.push(k);
        } else {
            self.many.extend(self.few.drain(..));
            self.many.insert(k);
        }
    }
}

/// An object key, borrowed from the text when it has no escapes.
struct Key;

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Cow<'de, str>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Cow<'de, str>, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = Cow<'de, str>;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a key")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Borrowed(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(v))
    }
}

struct Dup<'p>(At<'p>);

impl<'de> DeserializeSeed<'de> for Dup<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Dup<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("JSON")
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut i = 0;
        while seq.next_element_seed(Dup(At::Index(&self.0, i)))?.is_some() {
            i += 1;
        }
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = Seen::default();
        while let Some(k) = map.next_key_seed(Key)? {
            if seen.contains(&k) {
                return Err(de::Error::custom(format!(
                    "{}{DUP_MARK}{k}{DUP_MARK}",
                    self.0.path()
                )));
            }
            map.next_value_seed(Dup(At::Key(&self.0, &k)))?;
            seen.add(k);
        }
        Ok(())
    }
}

/// The first key given twice in one object of the JSON `text`; `None`
/// when there is none or the text is not JSON (its syntax is reported
/// elsewhere).
pub(crate) fn duplicate_key(text: &str) -> Option<DuplicateKey> {
    let mut de = serde_json::Deserializer::from_str(text);
    let e = Dup(At::Root).deserialize(&mut de).err()?;
    let msg = e.to_string();
    let mut parts = msg.split(DUP_MARK);
    let path = parts.next()?.to_string();
    let key = parts.next()?.to_string();
    parts.next()?;
    Some(DuplicateKey { path, key })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicates_are_found_with_their_path() {
        assert_eq!(duplicate_key(r#"{"a": 1, "b": 2}"#), None);
        assert_eq!(duplicate_key("not json"), None);
        let d =
            duplicate_key(r#"{"case_no": "1", "party": {"name": "甲", "name": "乙"}}"#).unwrap();
        assert_eq!((d.path.as_str(), d.key.as_str()), ("party", "name"));
        assert_eq!(d.field(), "party.name");
        let d = duplicate_key(r#"[{"a": 1}, {"kind": 1, "kind": 2}]"#).unwrap();
        assert_eq!(d.field(), "[1].kind");
    }

    #[test]
    fn escaped_keys_and_large_objects() {
        let d = duplicate_key(r#"{"x": {"\u0062": 1, "b": 2}}"#).unwrap();
        assert_eq!(d.field(), "x.b");
        let keys: Vec<String> = (0..100).map(|i| format!("\"k{i}\": {i}")).collect();
        let clean = format!("{{{}}}", keys.join(", "));
        assert_eq!(duplicate_key(&clean), None);
        let twice = format!("{{{}, \"k7\": 0}}", keys.join(", "));
        assert_eq!(duplicate_key(&twice).unwrap().field(), "k7");
        let d = duplicate_key(r#"{"a": [{"b": [{"c": 1, "c": 2}]}]}"#).unwrap();
        assert_eq!(d.field(), "a[0].b[0].c");
    }
}
