//! The payload as the validator reads it. From JSON text, a tree that borrows its strings from
//! the text (`Json`), so that validating a payload costs no allocation per key and per string;
//! from a `serde_json::Value`, the value itself. The walk reads either through `Tree`.
//!
//! `Json` reads exactly as a `serde_json::Value` does in this crate: the text is parsed by
//! `serde_json`'s own deserializer (same refusals, same recursion limit, same numbers with
//! `float_roundtrip`), objects iterate in sorted key order (a `BTreeMap` without
//! `preserve_order`), and a key given twice keeps its last value.

use bumpalo::Bump;
use std::cell::Cell;
use std::cmp::Ordering;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

/// One JSON value, strings borrowed where the text has them verbatim (no escapes), and
/// everything else in an arena (`Bump`) freed at once with it: a tree of a payload costs no
/// allocation and no free per node (they were a twelfth of validating one, in wasm).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Json<'a> {
    Null,
    Bool(bool),
    Number(Number),
    String(&'a str),
    Array(&'a [Json<'a>]),
    Object(Object<'a>),
}

/// An object's fields, sorted by key (byte order, as `BTreeMap<String, _>`), each key once.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Object<'a> {
    entries: &'a [(&'a str, Json<'a>)],
}

impl<'a> Object<'a> {
    /// From fields in the order given: sorted, and of a key given twice the last value kept.
    /// Sorting first keeps a hostile object of many keys at n·log n, where keeping the keys
    /// unique on insertion would search them once per key.
    fn from_fields(mut entries: bumpalo::collections::Vec<'a, (&'a str, Json<'a>)>) -> Self {
        // Stable: of equal keys, the order given is kept, so the last is last.
        entries.sort_by(|a, b| key_order(a.0, b.0));
        // `dedup_by` removes the later of two equal neighbours; swapping first keeps its value.
        entries.dedup_by(|later, kept| {
            let same = later.0 == kept.0;
            if same {
                std::mem::swap(later, kept);
            }
            same
        });
        Object { entries: entries.into_bump_slice() }
    }
}

impl<'a> Json<'a> {
    /// Parses JSON text as `serde_json::from_str::<Value>` would (the same deserializer, the
    /// same check that nothing follows the value), refusing what it refuses; and tells whether
    /// containers nest deeper than `limit`.
    /// The tree's containers and unescaped strings go in `arena`.
    pub(crate) fn parse(
        text: &'a str,
        limit: usize,
        arena: &'a Bump,
    ) -> Result<Parsed<'a>, serde_json::Error> {
        let too_deep = Cell::new(false);
        let mut de = serde_json::Deserializer::from_str(text);
        let tree = NodeSeed { depth: 0, limit, too_deep: &too_deep, arena }.deserialize(&mut de)?;
        de.end()?;
        Ok(Parsed { tree, too_deep: too_deep.get() })
    }
}

/// The order of keys in a `BTreeMap<String, _>` (bytes), deciding on the first byte where it
/// can: keys mostly differ there, and a call to `memcmp` per comparison is the larger cost of
/// sorting an object's few keys (and of reading them against a table's field names).
#[inline]
pub(crate) fn key_order(a: &str, b: &str) -> Ordering {
    match (a.as_bytes().first(), b.as_bytes().first()) {
        (Some(x), Some(y)) if x != y => x.cmp(y),
        _ => a.cmp(b),
    }
}

/// A JSON tree as the validator walks it: `Json` from text, or a caller's `serde_json::Value`.
pub(crate) trait Tree: Sized {
    type Fields: Fields<Self>;
    fn view(&self) -> View<'_, Self>;
}

/// An object of a `Tree`: its fields in sorted key order, each key once.
pub(crate) trait Fields<T> {
    fn get(&self, key: &str) -> Option<&T>;
    fn each<'s>(&'s self) -> impl Iterator<Item = (&'s str, &'s T)>
    where
        T: 's;
}

/// One node of a `Tree`, as the walk looks at it.
pub(crate) enum View<'a, T: Tree> {
    Null,
    /// A boolean (which one, no rule asks).
    Bool,
    Number(&'a Number),
    String(&'a str),
    Array(&'a [T]),
    Object(&'a T::Fields),
}

// By hand: a derive would ask `T: Copy`, and a view is only references.
impl<T: Tree> Clone for View<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Tree> Copy for View<'_, T> {}

impl<'a, T: Tree> View<'a, T> {
    #[inline]
    pub(crate) fn is_null(self) -> bool {
        matches!(self, View::Null)
    }

    #[inline]
    pub(crate) fn is_string(self) -> bool {
        matches!(self, View::String(_))
    }

    #[inline]
    pub(crate) fn is_boolean(self) -> bool {
        matches!(self, View::Bool)
    }

    #[inline]
    pub(crate) fn is_array(self) -> bool {
        matches!(self, View::Array(_))
    }

    #[inline]
    pub(crate) fn is_object(self) -> bool {
        matches!(self, View::Object(_))
    }

    #[inline]
    pub(crate) fn as_str(self) -> Option<&'a str> {
        match self {
            View::String(s) => Some(s),
            _ => None,
        }
    }

    #[inline]
    pub(crate) fn as_number(self) -> Option<&'a Number> {
        match self {
            View::Number(n) => Some(n),
            _ => None,
        }
    }

    #[inline]
    pub(crate) fn as_array(self) -> Option<&'a [T]> {
        match self {
            View::Array(a) => Some(a),
            _ => None,
        }
    }

    #[inline]
    pub(crate) fn as_object(self) -> Option<&'a T::Fields> {
        match self {
            View::Object(o) => Some(o),
            _ => None,
        }
    }
}

impl<'t> Tree for Json<'t> {
    type Fields = Object<'t>;

    #[inline]
    fn view(&self) -> View<'_, Self> {
        match self {
            Json::Null => View::Null,
            Json::Bool(_) => View::Bool,
            Json::Number(n) => View::Number(n),
            Json::String(s) => View::String(s),
            Json::Array(a) => View::Array(a),
            Json::Object(o) => View::Object(o),
        }
    }
}

impl<'t> Fields<Json<'t>> for Object<'t> {
    #[inline]
    fn get(&self, key: &str) -> Option<&Json<'t>> {
        self.entries.binary_search_by(|(k, _)| key_order(k, key)).ok().map(|i| &self.entries[i].1)
    }

    #[inline]
    fn each<'s>(&'s self) -> impl Iterator<Item = (&'s str, &'s Json<'t>)>
    where
        Json<'t>: 's,
    {
        self.entries.iter().map(|(k, v)| (*k, v))
    }
}

impl Tree for Value {
    type Fields = Map<String, Value>;

    #[inline]
    fn view(&self) -> View<'_, Self> {
        match self {
            Value::Null => View::Null,
            Value::Bool(_) => View::Bool,
            Value::Number(n) => View::Number(n),
            Value::String(s) => View::String(s),
            Value::Array(a) => View::Array(a),
            Value::Object(o) => View::Object(o),
        }
    }
}

impl Fields<Value> for Map<String, Value> {
    #[inline]
    fn get(&self, key: &str) -> Option<&Value> {
        Map::get(self, key)
    }

    #[inline]
    fn each<'s>(&'s self) -> impl Iterator<Item = (&'s str, &'s Value)>
    where
        Value: 's,
    {
        self.iter().map(|(k, v)| (k.as_str(), v))
    }
}

/// A tree parsed from text, and whether it nests deeper than the limit it was parsed with.
pub(crate) struct Parsed<'a> {
    pub tree: Json<'a>,
    pub too_deep: bool,
}

/// Reads one value at nesting `depth` (the containers around it), noting in `too_deep` a
/// container past `limit`. Counted as the tree is built, so that no second walk measures it;
/// the parse goes on (serde_json's own limit still bounds the recursion), as text that does
/// not parse further on is a different report.
#[derive(Clone, Copy)]
struct NodeSeed<'s, 'a> {
    depth: usize,
    limit: usize,
    too_deep: &'s Cell<bool>,
    arena: &'a Bump,
}

impl NodeSeed<'_, '_> {
    /// The seed of a container's children, noting the container itself if it is too deep.
    fn below(self) -> Self {
        let depth = self.depth + 1;
        if depth > self.limit {
            self.too_deep.set(true);
        }
        NodeSeed { depth, ..self }
    }
}

impl<'de: 'a, 'a> DeserializeSeed<'de> for NodeSeed<'_, 'a> {
    type Value = Json<'a>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Json<'a>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

/// Builds a node from whatever the deserializer finds, as `serde_json::Value`'s visitor does.
impl<'de: 'a, 'a> Visitor<'de> for NodeSeed<'_, 'a> {
    type Value = Json<'a>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any valid JSON value")
    }

    fn visit_bool<E>(self, b: bool) -> Result<Json<'a>, E> {
        Ok(Json::Bool(b))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Json<'a>, E> {
        Ok(Json::Number(n.into()))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Json<'a>, E> {
        Ok(Json::Number(n.into()))
    }

    fn visit_f64<E>(self, f: f64) -> Result<Json<'a>, E> {
        // As `Value`: a float that is no JSON number (never from text) is null.
        Ok(Number::from_f64(f).map_or(Json::Null, Json::Number))
    }

    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Json<'a>, E> {
        Ok(Json::String(s))
    }

    fn visit_str<E>(self, s: &str) -> Result<Json<'a>, E> {
        Ok(Json::String(self.arena.alloc_str(s)))
    }

    fn visit_unit<E>(self) -> Result<Json<'a>, E> {
        Ok(Json::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json<'a>, A::Error> {
        let below = self.below();
        let mut items = bumpalo::collections::Vec::new_in(self.arena);
        while let Some(item) = seq.next_element_seed(below)? {
            items.push(item);
        }
        Ok(Json::Array(items.into_bump_slice()))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json<'a>, A::Error> {
        let below = self.below();
        let mut fields = bumpalo::collections::Vec::new_in(self.arena);
        while let Some(key) = map.next_key_seed(KeySeed { arena: self.arena })? {
            fields.push((key, map.next_value_seed(below)?));
        }
        Ok(Json::Object(Object::from_fields(fields)))
    }
}

/// An object key, borrowed from the text where it can be (serde's own `Cow<str>` always
/// copies), else copied into the arena.
struct KeySeed<'a> {
    arena: &'a Bump,
}

impl<'de: 'a, 'a> DeserializeSeed<'de> for KeySeed<'a> {
    type Value = &'a str;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<&'a str, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de: 'a, 'a> Visitor<'de> for KeySeed<'a> {
    type Value = &'a str;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string key")
    }

    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<&'a str, E> {
        Ok(s)
    }

    fn visit_str<E>(self, s: &str) -> Result<&'a str, E> {
        Ok(self.arena.alloc_str(s))
    }
}

/// How deep `v` nests (a scalar 0, `[]` 1), counted no further than past `limit`: a value built
/// in memory has no parser's limit, and this recursion must have one.
pub(crate) fn depth<T: Tree>(v: &T, limit: usize) -> usize {
    fn at<T: Tree>(v: &T, d: usize, limit: usize) -> usize {
        if d > limit {
            return d;
        }
        match v.view() {
            View::Array(a) => a.iter().map(|x| at(x, d + 1, limit)).max().unwrap_or(d + 1),
            View::Object(o) => o.each().map(|(_, x)| at(x, d + 1, limit)).max().unwrap_or(d + 1),
            _ => d,
        }
    }
    at(v, 0, limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Json<'_> {
        // Leaked: a test's trees are few and small.
        Json::parse(text, 64, Box::leak(Box::new(Bump::new()))).unwrap().tree
    }

    /// Whether the tree reads as `v` does, node for node and in the same order.
    fn same(j: &Json<'_>, v: &Value) -> bool {
        if let (Json::Bool(a), Value::Bool(b)) = (j, v) {
            return a == b;
        }
        match (j.view(), v.view()) {
            (View::Null, View::Null) => true,
            (View::Number(a), View::Number(b)) => {
                a == b && a.as_f64().map(f64::to_bits) == b.as_f64().map(f64::to_bits)
            }
            (View::String(a), View::String(b)) => a == b,
            (View::Array(a), View::Array(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y))
            }
            (View::Object(a), View::Object(b)) => {
                a.each().count() == b.len()
                    && a.each().zip(b.each()).all(|((k, x), (l, y))| k == l && same(x, y))
            }
            _ => false,
        }
    }

    /// Parsed both ways, the trees agree.
    fn agrees(text: &str) -> bool {
        same(&parse(text), &serde_json::from_str::<Value>(text).unwrap())
    }

    fn object<'j, 't>(j: &'j Json<'t>) -> &'j Object<'t> {
        j.view().as_object().unwrap()
    }

    #[test]
    fn objects_iterate_in_sorted_key_order() {
        let text = r#"{"b": 1, "a": 2, "B": 3, "ä": 4, "aa": 5, "": 6}"#;
        let j = parse(text);
        let keys: Vec<&str> = object(&j).each().map(|(k, _)| k).collect();
        assert_eq!(keys, ["", "B", "a", "aa", "b", "ä"]);
        assert!(agrees(text));
    }

    #[test]
    fn a_duplicated_key_keeps_its_last_value() {
        let text = r#"{"a": 1, "b": 2, "a": 3, "c": {"x": 1, "x": [2]}, "a": "last"}"#;
        let j = parse(text);
        let o = object(&j);
        assert_eq!(o.each().map(|(k, _)| k).collect::<Vec<_>>(), ["a", "b", "c"]);
        assert_eq!(o.get("a").and_then(|v| v.view().as_str()), Some("last"));
        assert!(agrees(text));
    }

    #[test]
    fn many_keys_and_many_duplicates_stay_fast_and_exact() {
        let n = 100_000;
        let mut text = String::from("{");
        for i in 0..n {
            text.push_str(&format!("\"k{}\":{i},", n - i));
        }
        text.push_str("\"k1\":\"end\"}");
        let j = parse(&text);
        assert!(agrees(&text));
        let o = object(&j);
        assert_eq!(o.each().count(), n);
        assert_eq!(o.get("k1").and_then(|v| v.view().as_str()), Some("end"));
        let same = format!("{{{}\"k\":0}}", "\"k\":1,".repeat(n));
        assert!(agrees(&same));
        assert_eq!(object(&parse(&same)).get("k").map(|v| v.view().is_string()), Some(false));
    }

    #[test]
    fn strings_are_borrowed_unless_escaped() {
        let text = r#"{"plain": "abc", "esc\u0041": "a\nb", "uni": "数据"}"#;
        let j = parse(text);
        let Json::Object(o) = &j else { panic!("not an object") };
        let in_text = |s: &str| text.as_bytes().as_ptr_range().contains(&s.as_ptr());
        let borrowed = |v: Option<&Json>| matches!(v, Some(Json::String(s)) if in_text(s));
        assert!(borrowed(o.get("plain")));
        assert!(borrowed(o.get("uni")));
        assert_eq!(o.get("escA"), Some(&Json::String("a\nb")));
        assert!(!borrowed(o.get("escA")));
        assert!(!in_text(o.entries[0].0), "the escaped key is a copy");
        assert!(in_text(o.entries[1].0));
    }

    #[test]
    fn numbers_are_read_as_serde_json_reads_them() {
        for text in [
            "0",
            "-0",
            "1e21",
            "-1854567929763711.8",
            "18446744073709551615",
            "18446744073709551616",
            "-9223372036854775808",
            "-9223372036854775809",
            "0.1",
            "1.7976931348623157e308",
            "5e-324",
            "123456789012345678901234567890",
        ] {
            let Json::Number(n) = parse(text) else { panic!("{text}: not a number") };
            let Value::Number(want) = serde_json::from_str::<Value>(text).unwrap() else {
                panic!()
            };
            assert_eq!(n, want, "{text}");
            assert_eq!((n.as_i64(), n.as_u64()), (want.as_i64(), want.as_u64()), "{text}");
            assert_eq!(n.as_f64().map(f64::to_bits), want.as_f64().map(f64::to_bits), "{text}");
        }
    }

    #[test]
    fn invalid_json_is_refused_as_serde_json_refuses_it() {
        for text in [
            "",
            "{",
            "{\"a\":1,}",
            "[1,]",
            "{\"a\" 1}",
            "{1: 2}",
            "nul",
            "1e400",
            "\"\\ud800\"",
            "\"a\u{1}\"",
            "{} x",
            "NaN",
            "01",
            "\u{feff}{}",
        ] {
            assert!(Json::parse(text, 64, &Bump::new()).is_err(), "{text:?}");
            assert!(serde_json::from_str::<Value>(text).is_err(), "{text:?}");
        }
        assert!(agrees(" { \"a\" : [ 1 , { } ] } \n"));
    }

    #[test]
    fn nesting_is_refused_where_serde_json_refuses_it() {
        for n in [1, 64, 65, 127, 128, 129, 10_000] {
            let text = format!("{}{}", "[".repeat(n), "]".repeat(n));
            let arena = Bump::new();
            let ours = Json::parse(&text, 64, &arena);
            assert_eq!(ours.is_ok(), serde_json::from_str::<Value>(&text).is_ok(), "{n}");
            if let Ok(parsed) = ours {
                assert_eq!(depth(&parsed.tree, 64), n.min(65), "{n}");
                assert_eq!(parsed.too_deep, n > 64, "{n}");
            }
        }
        assert_eq!(depth(&parse("1"), 64), 0);
        assert_eq!(depth(&parse(r#"{"a": [{}]}"#), 64), 3);
        // Counted while parsing as `depth` counts: containers, not scalars; every branch.
        for (text, limit, deep) in [
            (r#"{"a": [{}]}"#, 3, false),
            (r#"{"a": [{}]}"#, 2, true),
            (r#"{"a": [1]}"#, 2, false),
            (r#"[[], [[[]]], 1]"#, 3, true),
            (r#"[[], [[[]]], 1]"#, 4, false),
            ("1", 0, false),
            ("[]", 0, true),
        ] {
            let arena = Bump::new();
            let parsed = Json::parse(text, limit, &arena).unwrap();
            assert_eq!(parsed.too_deep, deep, "{text} at {limit}");
            assert_eq!(depth(&parsed.tree, limit) > limit, deep, "{text} at {limit}");
        }
    }

    #[test]
    fn a_deep_value_built_in_memory_is_measured_without_recursing_far() {
        let mut v = Value::from(1);
        for _ in 0..100_000 {
            v = Value::Array(vec![v]);
        }
        assert_eq!(depth(&v, 64), 65);
        // Taken apart by hand: the default drop of so deep a `Value` would recurse as deep.
        while let Value::Array(mut a) = v {
            v = a.pop().unwrap_or(Value::Null);
        }
    }
}
