//! A quick test that a typed record has no text problem at all, without
//! building its JSON value: a serializer that looks at every string and
//! map key exactly where `serde_json::to_value` would put one, with the
//! same field context. It answers "certainly clean" or "look closer"; only
//! the second sends the record through the field-by-field walk that words
//! the messages, so both give the same verdict.

use super::text::SINGLE_LINE;
use serde::Serialize;
use serde::ser::{self, Impossible};
use std::fmt::{self, Display};

/// True when `text_problem(s, multiline)` is certainly `None`: no C0, DEL
/// or C1 control character (tab and line breaks allowed when
/// `multiline`), no character in U+0080–U+00FF (which every mojibake and
/// every C1 character has: UTF-8 lead byte C2 or C3), no U+FFFD.
pub(crate) fn clean(s: &str, multiline: bool) -> bool {
    let b = s.as_bytes();
    let plain = |c: u8| {
        (0x20..0x7F).contains(&c)
            || (0x80..0xC2).contains(&c)
            || (0xC4..0xEF).contains(&c)
            || c > 0xEF
    };
    if b.iter().all(|&c| plain(c)) {
        return true;
    }
    for (i, &c) in b.iter().enumerate() {
        if plain(c) {
            continue;
        }
        match c {
            b'\n' | b'\r' | b'\t' if multiline => {}
            0xEF if b.get(i + 1..i + 3) != Some(&[0xBF, 0xBD]) => {}
            _ => return false,
        }
    }
    true
}

/// Whether a value under `key` may hold line breaks (as in `walk_text`).
fn multiline_under(key: &str) -> bool {
    !SINGLE_LINE.contains(&key)
}

/// True when every string and key of `value`, serialised as JSON, is
/// certainly clean; false when one may not be, or serialising failed.
pub(crate) fn all_clean<T: Serialize + ?Sized>(value: &T) -> bool {
    let mut s = Scanner {
        multiline: true,
        buf: String::new(),
    };
    value.serialize(&mut s).is_ok()
}

/// Why a scan stopped: a string that needs a closer look, or an error of
/// the value's own serialisation.
#[derive(Debug)]
pub(crate) struct Stop;

impl Display for Stop {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("stop")
    }
}

impl std::error::Error for Stop {}

impl ser::Error for Stop {
    fn custom<T: Display>(_: T) -> Self {
        Stop
    }
}

struct Scanner {
    /// Whether strings here may hold line breaks (from the enclosing key).
    multiline: bool,
    /// Reused for values that serialise through `Display`.
    buf: String,
}

impl Scanner {
    fn text(&self, s: &str, multiline: bool) -> Result<(), Stop> {
        if clean(s, multiline) {
            Ok(())
        } else {
            Err(Stop)
        }
    }

    /// A key (checked as single-line text) and the value under it.
    fn entry<V: Serialize + ?Sized>(&mut self, key: &str, value: &V) -> Result<(), Stop> {
        self.text(key, false)?;
        let saved = self.multiline;
        self.multiline = multiline_under(key);
        let r = value.serialize(&mut *self);
        self.multiline = saved;
        r
    }
}

impl<'a> ser::Serializer for &'a mut Scanner {
    type Ok = ();
    type Error = Stop;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Variant<'a>;
    type SerializeMap = MapScan<'a>;
    type SerializeStruct = Self;
    type SerializeStructVariant = Variant<'a>;

    fn serialize_bool(self, _: bool) -> Result<(), Stop> {
        Ok(())
    }
    fn serialize_i8(self, _: i8) -> Result<(), Stop> {
        Ok(())
    }
    fn serialize_i16(self, _: i16) -> Result<(), Stop> {
        Ok(())
    }
    fn serialize_i32(self, _: i32) -> Result<(), Stop> {
        Ok(())
    }
    fn serialize_i64(self, _: i64) -> Result<(), Stop> {
        Ok(())
    }
    fn serialize_i128(self, _: i128) -> Result<(), Stop> {
        Ok(())
    }
    fn serialize_u8(self, _: u8) -> Result<(), Stop> {
        Ok(())
    }
    fn serialize_u16(self, _: u16) -> Result<(), Stop> {
        Ok(())
    }
    fn serialize_u32(self, _: u32) -> Result<(), Stop> {
        Ok(())
    }
    fn serialize_u64(self, _: u64) -> Result<(), Stop> {
        Ok(())
    }
    fn serialize_u128(self, _: u128) -> Result<(), Stop> {
        Ok(())
    }
    fn serialize_f32(self, _: f32) -> Result<(), Stop> {
        Ok(())
    }
    fn serialize_f64(self, _: f64) -> Result<(), Stop> {
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Stop> {
        self.text(v.encode_utf8(&mut [0; 4]), self.multiline)
    }
    fn serialize_str(self, v: &str) -> Result<(), Stop> {
        self.text(v, self.multiline)
    }
    fn collect_str<T: Display + ?Sized>(self, v: &T) -> Result<(), Stop> {
        use std::fmt::Write;
        let mut buf = std::mem::take(&mut self.buf);
        buf.clear();
        let r = write!(buf, "{v}")
            .map_err(|_| Stop)
            .and_then(|_| self.text(&buf, self.multiline));
        self.buf = buf;
        r
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Stop> {
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Stop> {
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<(), Stop> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Stop> {
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Stop> {
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, v: &'static str) -> Result<(), Stop> {
        self.text(v, self.multiline)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<(), Stop> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        v: &T,
    ) -> Result<(), Stop> {
        self.entry(variant, v)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self, Stop> {
        Ok(self)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self, Stop> {
        Ok(self)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self, Stop> {
        Ok(self)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Variant<'a>, Stop> {
        Variant::open(self, variant)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<MapScan<'a>, Stop> {
        Ok(MapScan {
            s: self,
            under: true,
        })
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, Stop> {
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Variant<'a>, Stop> {
        Variant::open(self, variant)
    }
}

impl ser::SerializeSeq for &mut Scanner {
    type Ok = ();
    type Error = Stop;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Stop> {
        v.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Stop> {
        Ok(())
    }
}

impl ser::SerializeTuple for &mut Scanner {
    type Ok = ();
    type Error = Stop;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Stop> {
        v.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Stop> {
        Ok(())
    }
}

impl ser::SerializeTupleStruct for &mut Scanner {
    type Ok = ();
    type Error = Stop;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Stop> {
        v.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Stop> {
        Ok(())
    }
}

impl ser::SerializeStruct for &mut Scanner {
    type Ok = ();
    type Error = Stop;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), Stop> {
        self.entry(key, v)
    }
    fn end(self) -> Result<(), Stop> {
        Ok(())
    }
}

/// An enum variant with content: `{variant: …}` as `to_value` makes it.
pub(crate) struct Variant<'a> {
    s: &'a mut Scanner,
    saved: bool,
}

impl<'a> Variant<'a> {
    fn open(s: &'a mut Scanner, variant: &'static str) -> Result<Variant<'a>, Stop> {
        s.text(variant, false)?;
        let saved = s.multiline;
        s.multiline = multiline_under(variant);
        Ok(Variant { s, saved })
    }
}

impl ser::SerializeTupleVariant for Variant<'_> {
    type Ok = ();
    type Error = Stop;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Stop> {
        v.serialize(&mut *self.s)
    }
    fn end(self) -> Result<(), Stop> {
        self.s.multiline = self.saved;
        Ok(())
    }
}

impl ser::SerializeStructVariant for Variant<'_> {
    type Ok = ();
    type Error = Stop;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), Stop> {
        self.s.entry(key, v)
    }
    fn end(self) -> Result<(), Stop> {
        self.s.multiline = self.saved;
        Ok(())
    }
}

/// A map: each key checked as single-line text; its value scanned under it.
pub(crate) struct MapScan<'a> {
    s: &'a mut Scanner,
    /// Whether the value after the last key may hold line breaks.
    under: bool,
}

impl ser::SerializeMap for MapScan<'_> {
    type Ok = ();
    type Error = Stop;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Stop> {
        self.under = key.serialize(KeyScan)?;
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Stop> {
        let saved = self.s.multiline;
        self.s.multiline = self.under;
        let r = v.serialize(&mut *self.s);
        self.s.multiline = saved;
        r
    }
    fn end(self) -> Result<(), Stop> {
        Ok(())
    }
}

/// A map key: checked when it is text; gives whether the value under it
/// may hold line breaks. Keys `to_value` cannot make into strings stop.
struct KeyScan;

impl KeyScan {
    fn key(s: &str) -> Result<bool, Stop> {
        if clean(s, false) {
            Ok(multiline_under(s))
        } else {
            Err(Stop)
        }
    }
}

impl ser::Serializer for KeyScan {
    type Ok = bool;
    type Error = Stop;
    type SerializeSeq = Impossible<bool, Stop>;
    type SerializeTuple = Impossible<bool, Stop>;
    type SerializeTupleStruct = Impossible<bool, Stop>;
    type SerializeTupleVariant = Impossible<bool, Stop>;
    type SerializeMap = Impossible<bool, Stop>;
    type SerializeStruct = Impossible<bool, Stop>;
    type SerializeStructVariant = Impossible<bool, Stop>;

    fn serialize_str(self, v: &str) -> Result<bool, Stop> {
        Self::key(v)
    }
    fn serialize_char(self, v: char) -> Result<bool, Stop> {
        Self::key(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        v: &'static str,
    ) -> Result<bool, Stop> {
        Self::key(v)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<bool, Stop> {
        v.serialize(self)
    }
    // Numbers and booleans become digits or `true`/`false`: clean, and
    // not one of the single-line field names.
    fn serialize_bool(self, _: bool) -> Result<bool, Stop> {
        Ok(true)
    }
    fn serialize_i8(self, _: i8) -> Result<bool, Stop> {
        Ok(true)
    }
    fn serialize_i16(self, _: i16) -> Result<bool, Stop> {
        Ok(true)
    }
    fn serialize_i32(self, _: i32) -> Result<bool, Stop> {
        Ok(true)
    }
    fn serialize_i64(self, _: i64) -> Result<bool, Stop> {
        Ok(true)
    }
    fn serialize_u8(self, _: u8) -> Result<bool, Stop> {
        Ok(true)
    }
    fn serialize_u16(self, _: u16) -> Result<bool, Stop> {
        Ok(true)
    }
    fn serialize_u32(self, _: u32) -> Result<bool, Stop> {
        Ok(true)
    }
    fn serialize_u64(self, _: u64) -> Result<bool, Stop> {
        Ok(true)
    }
    fn serialize_f32(self, _: f32) -> Result<bool, Stop> {
        Err(Stop)
    }
    fn serialize_f64(self, _: f64) -> Result<bool, Stop> {
        Err(Stop)
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<bool, Stop> {
        Err(Stop)
    }
    fn serialize_none(self) -> Result<bool, Stop> {
        Err(Stop)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<bool, Stop> {
        Err(Stop)
    }
    fn serialize_unit(self) -> Result<bool, Stop> {
        Err(Stop)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<bool, Stop> {
        Err(Stop)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<bool, Stop> {
        Err(Stop)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Stop> {
        Err(Stop)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Stop> {
        Err(Stop)
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Stop> {
        Err(Stop)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Stop> {
        Err(Stop)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Stop> {
        Err(Stop)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Stop> {
        Err(Stop)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Stop> {
        Err(Stop)
    }
}

#[cfg(test)]
#[path = "scan_tests.rs"]
mod tests;
