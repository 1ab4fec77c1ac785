//! The validator over its borrowed tree reports exactly what it reported over `serde_json::Value`
//! (`reference.rs`): same issues, codes, messages, paths and order, for payloads written as JSON
//! text the way callers and attackers write them — valid ones from the shared corpus, near-valid
//! mutations of them, unknown and duplicated keys, wrong types, odd numbers, escapes, non-ASCII.

use proptest::prelude::*;
use serde_json::Value;

use super::{reference, validate_as_of, validate_json_as_of, Check, Contract, Locale};
use crate::catalog;

/// A JSON document as text is written: objects keep their order and may repeat a key.
#[derive(Debug, Clone)]
enum Doc {
    Null,
    Bool(bool),
    /// The number's text, as given (`1e21`, `-0`, `18446744073709551616`).
    Num(String),
    Str(String),
    Arr(Vec<Doc>),
    Obj(Vec<(String, Doc)>),
}

impl Doc {
    fn from_value(v: &Value) -> Doc {
        match v {
            Value::Null => Doc::Null,
            Value::Bool(b) => Doc::Bool(*b),
            Value::Number(n) => Doc::Num(n.to_string()),
            Value::String(s) => Doc::Str(s.clone()),
            Value::Array(a) => Doc::Arr(a.iter().map(Doc::from_value).collect()),
            Value::Object(o) => {
                Doc::Obj(o.iter().map(|(k, v)| (k.clone(), Doc::from_value(v))).collect())
            }
        }
    }

    /// The node `route` leads to (each step picks a child, modulo their number), stopping early
    /// at a leaf or an empty container.
    fn at(&mut self, route: &[usize]) -> &mut Doc {
        let Some((step, rest)) = route.split_first() else {
            return self;
        };
        let n = match self {
            Doc::Arr(items) => items.len(),
            Doc::Obj(fields) => fields.len(),
            _ => 0,
        };
        if n == 0 {
            return self;
        }
        match self {
            Doc::Arr(items) => items[step % n].at(rest),
            Doc::Obj(fields) => fields[step % n].1.at(rest),
            other => other,
        }
    }

    fn render(&self, escapes: Escapes, out: &mut String) {
        match self {
            Doc::Null => out.push_str("null"),
            Doc::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Doc::Num(n) => out.push_str(n),
            Doc::Str(s) => render_str(s, escapes, out),
            Doc::Arr(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.render(escapes, out);
                }
                out.push(']');
            }
            Doc::Obj(fields) => {
                out.push('{');
                for (i, (k, v)) in fields.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    render_str(k, escapes, out);
                    out.push(':');
                    v.render(escapes, out);
                }
                out.push('}');
            }
        }
    }
}

/// How strings are written: escaped only where JSON requires it, or also every non-ASCII
/// character (`\u` escapes, surrogate pairs beyond the BMP), or every character.
#[derive(Debug, Clone, Copy)]
enum Escapes {
    Needed,
    NonAscii,
    All,
}

fn render_str(s: &str, escapes: Escapes, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        let escape = match escapes {
            Escapes::Needed => false,
            Escapes::NonAscii => !c.is_ascii(),
            Escapes::All => true,
        };
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '/' if escape => out.push_str("\\/"),
            c if escape || (c as u32) < 0x20 => {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{u:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// One change to a payload.
#[derive(Debug, Clone)]
enum Mutation {
    /// Replaces the node at the route.
    Set(Vec<usize>, Doc),
    /// Adds a field to the object at the route (anywhere among its fields).
    Insert(Vec<usize>, usize, String, Doc),
    /// Repeats one of the object's keys with another value, before or after the first.
    Duplicate(Vec<usize>, usize, usize, Doc),
    /// Removes one of the object's fields or one of the array's entries.
    Remove(Vec<usize>, usize),
    /// Repeats one of the array's entries (lists grown past their bounds).
    Repeat(Vec<usize>, usize, usize),
}

impl Mutation {
    fn apply(&self, doc: &mut Doc) {
        match self {
            Mutation::Set(route, leaf) => *doc.at(route) = leaf.clone(),
            Mutation::Insert(route, at, key, v) => {
                if let Doc::Obj(fields) = doc.at(route) {
                    let at = at % (fields.len() + 1);
                    fields.insert(at, (key.clone(), v.clone()));
                }
            }
            Mutation::Duplicate(route, which, at, v) => {
                if let Doc::Obj(fields) = doc.at(route) {
                    if !fields.is_empty() {
                        let key = fields[which % fields.len()].0.clone();
                        let at = at % (fields.len() + 1);
                        fields.insert(at, (key, v.clone()));
                    }
                }
            }
            Mutation::Remove(route, which) => match doc.at(route) {
                Doc::Obj(fields) if !fields.is_empty() => {
                    let n = fields.len();
                    fields.remove(which % n);
                }
                Doc::Arr(items) if !items.is_empty() => {
                    let n = items.len();
                    items.remove(which % n);
                }
                _ => {}
            },
            Mutation::Repeat(route, which, times) => {
                if let Doc::Arr(items) = doc.at(route) {
                    if !items.is_empty() {
                        let item = items[which % items.len()].clone();
                        items.extend(std::iter::repeat_n(item, *times));
                    }
                }
            }
        }
    }
}

/// The corpus's groups: each operation's clean payload and its accepted and rejected variants.
fn corpus() -> Vec<(String, String, Contract, Vec<Value>)> {
    super::tests::cases()
        .iter()
        .map(|g| {
            let contract = g["contract"].as_str().and_then(Contract::parse).unwrap_or_default();
            let base = g["base"].clone();
            let mut payloads = vec![base.clone()];
            for case in g["cases"].as_array().into_iter().flatten() {
                for patch in [&case["accept"], &case["reject"]] {
                    if base.is_object() && patch.is_object() {
                        payloads.push(super::tests::merge(&base, patch));
                    }
                }
            }
            let name = |k: &str| g[k].as_str().unwrap_or_default().to_string();
            (name("provider"), name("action"), contract, payloads)
        })
        .collect()
}

/// Every field name and every string a rule compares with, across the catalog: what a mutation
/// writes, so that it lands on fields the rules look at and values they care about.
fn vocabulary() -> (Vec<String>, Vec<String>) {
    let mut keys: Vec<String> = vec!["Extra".into(), "数据".into(), "".into(), "a\"b".into()];
    let mut strings: Vec<String> = Vec::new();
    let ops = catalog::OPERATIONS.iter().copied().chain(catalog::REVISIONS.iter().map(|(_, o)| *o));
    for op in ops {
        for rule in op.rules {
            for seg in rule.path.split('.') {
                keys.push(seg.trim_end_matches("[]").to_string());
            }
            match rule.check {
                Check::Enum(set) | Check::MapKeys(set) | Check::ExactlyOne(set) => {
                    strings.extend(set.iter().map(|s| s.to_string()));
                    keys.extend(set.iter().map(|s| s.to_string()));
                }
                Check::RequiredWhen { sibling, is } | Check::IntEnumWhen { sibling, is, .. } => {
                    keys.push(sibling.into());
                    strings.push(is.into());
                }
                Check::Requires(other) | Check::IgnoredWith(other) => keys.push(other.into()),
                Check::IdOrPair { id, pair, .. } => {
                    keys.push(id.into());
                    keys.extend(pair.iter().map(|s| s.to_string()));
                }
                _ => {}
            }
        }
    }
    keys.sort();
    keys.dedup();
    strings.sort();
    strings.dedup();
    (keys, strings)
}

const NUMBERS: &[&str] = &[
    "0",
    "-0",
    "1",
    "-1",
    "0.5",
    "1.0",
    "60",
    "59",
    "6e1",
    "2592000",
    "2592001",
    "100",
    "101",
    "1e2",
    "9007199254740991",
    "9007199254740992",
    "9223372036854775807",
    "9223372036854775808",
    "18446744073709551615",
    "18446744073709551616",
    "-9223372036854775809",
    "1e21",
    "1E+300",
    "-1854567929763711.8",
    "123456789012345678901234567890",
    "5e-324",
    "1e400",
];

const STRINGS: &[&str] = &[
    "",
    "a.example.com",
    "*.example.com",
    "-bad.example.com",
    "例子.中国",
    "bücher.example",
    "a.example.com, b.example.com",
    "a..b",
    "bad key!",
    "abc123",
    "60",
    "-5",
    "0",
    "99999999999999999999",
    "9007199254740993",
    "2023-01-01T00:00:00Z",
    "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
    "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----",
    "-----BEGIN ENCRYPTED PRIVATE KEY-----\nx\n-----END ENCRYPTED PRIVATE KEY-----",
    "Proc-Type: 4,ENCRYPTED",
    "tab\tand \"quote\" and \\ and /",
    "nul\u{0}byte",
    "\u{1F600}\u{10FFFF}",
    "\u{2028}\u{FEFF}é",
];

fn leaf(strings: Vec<String>) -> impl Strategy<Value = Doc> {
    prop_oneof![
        Just(Doc::Null),
        any::<bool>().prop_map(Doc::Bool),
        prop::sample::select(NUMBERS).prop_map(|n| Doc::Num(n.to_string())),
        any::<i64>().prop_map(|n| Doc::Num(n.to_string())),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(|f| Doc::Num(f.to_string())),
        prop::sample::select(STRINGS).prop_map(|s| Doc::Str(s.to_string())),
        prop::sample::select(strings).prop_map(Doc::Str),
        "\\PC{0,12}".prop_map(Doc::Str),
        (1usize..300).prop_map(|n| Doc::Str("a".repeat(n))),
    ]
}

fn value(strings: Vec<String>, keys: Vec<String>) -> BoxedStrategy<Doc> {
    leaf(strings)
        .prop_recursive(3, 12, 4, move |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Doc::Arr),
                prop::collection::vec((prop::sample::select(keys.clone()), inner), 0..4)
                    .prop_map(Doc::Obj),
            ]
        })
        .boxed()
}

fn mutation(keys: Vec<String>, strings: Vec<String>) -> impl Strategy<Value = Mutation> {
    let route = prop::collection::vec(any::<usize>(), 0..5);
    let v = value(strings, keys.clone());
    prop_oneof![
        3 => (route.clone(), v.clone()).prop_map(|(r, v)| Mutation::Set(r, v)),
        2 => (route.clone(), any::<usize>(), prop::sample::select(keys), v.clone())
            .prop_map(|(r, at, k, v)| Mutation::Insert(r, at, k, v)),
        2 => (route.clone(), any::<usize>(), any::<usize>(), v)
            .prop_map(|(r, w, at, v)| Mutation::Duplicate(r, w, at, v)),
        1 => (route.clone(), any::<usize>()).prop_map(|(r, w)| Mutation::Remove(r, w)),
        1 => (route, any::<usize>(), prop_oneof![1usize..4, 95usize..110])
            .prop_map(|(r, w, n)| Mutation::Repeat(r, w, n)),
    ]
}

/// A payload of one corpus group, as text, with the group's provider, action and contract.
fn payload() -> impl Strategy<Value = (String, String, Contract, String)> {
    let groups = corpus();
    let (keys, strings) = vocabulary();
    let escapes = prop_oneof![
        6 => Just(Escapes::Needed),
        1 => Just(Escapes::NonAscii),
        1 => Just(Escapes::All),
    ];
    (0..groups.len(), any::<usize>(), prop::collection::vec(mutation(keys, strings), 0..4), escapes)
        .prop_map(move |(g, which, mutations, escapes)| {
            let (provider, action, contract, payloads) = &groups[g];
            let mut doc = Doc::from_value(&payloads[which % payloads.len()]);
            for m in &mutations {
                m.apply(&mut doc);
            }
            let mut text = String::new();
            doc.render(escapes, &mut text);
            (provider.clone(), action.clone(), *contract, text)
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]

    #[test]
    fn the_borrowed_tree_reports_what_the_value_tree_reported(
        (provider, action, contract, text) in payload(),
        zh in any::<bool>(),
    ) {
        let locale = if zh { Locale::Zh } else { Locale::En };
        let new = validate_json_as_of(&provider, &action, &text, locale, contract);
        let old = reference::validate_json_as_of(&provider, &action, &text, locale, contract);
        prop_assert_eq!(&new, &old, "{}", text);
        // The `Value` entry point too, over the same parsed value.
        if let Ok(v) = serde_json::from_str::<Value>(&text) {
            prop_assert_eq!(&validate_as_of(&provider, &action, &v, locale, contract), &old);
        }
    }
}

#[test]
fn the_generated_payloads_reach_both_clean_and_failing_reports() {
    // A guard on the generator itself: were every payload refused as unparsable, or every one
    // clean, the property above would compare nothing of interest.
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = payload();
    let (mut clean, mut failing, mut unparsable, mut warned) = (0, 0, 0, 0);
    for _ in 0..500 {
        let Ok(tree) = strategy.new_tree(&mut runner) else { continue };
        let (provider, action, contract, text) = tree.current();
        let r = validate_json_as_of(&provider, &action, &text, Locale::En, contract);
        match r.errors.first().map(|e| e.code.as_str()) {
            None => clean += 1,
            Some("InvalidPayload") => unparsable += 1,
            Some(_) => failing += 1,
        }
        if !r.warnings.is_empty() {
            warned += 1;
        }
    }
    assert!(clean > 25 && failing > 100 && warned > 50, "{clean} {failing} {unparsable} {warned}");
    assert!(unparsable < 150, "{unparsable} of 500 unparsable");
}

#[test]
fn nesting_around_the_limit_is_reported_as_before() {
    for n in [62, 63, 64, 65, 100, 127, 128, 129] {
        let deep = format!("{}1{}", "[".repeat(n), "]".repeat(n));
        let deep_objects = format!("{}1{}", r#"{"a":"#.repeat(n), "}".repeat(n));
        for inner in [&deep, &deep_objects] {
            for text in [
                format!(
                    r#"{{"SceneType": "push", "Domain": "a.example.com", "AuthDetailList": {inner}}}"#
                ),
                format!(r#"{{"SceneType": "push", "Extra": {inner}, "Domain": "a.b"}}"#),
                inner.clone(),
            ] {
                for (provider, action) in
                    [("volcengine", "UpdateAuthKey"), ("volcengine", "Nope"), ("x", "y")]
                {
                    for contract in [Contract::default(), Contract::parse("2025-09").unwrap()] {
                        let new =
                            validate_json_as_of(provider, action, &text, Locale::En, contract);
                        let old = reference::validate_json_as_of(
                            provider,
                            action,
                            &text,
                            Locale::En,
                            contract,
                        );
                        assert_eq!(new, old, "{n} {action} {text}");
                    }
                }
            }
        }
    }
}

#[test]
fn unknown_fields_and_repeated_keys_come_in_the_order_of_a_sorted_walk() {
    // Objects are read unsorted: the unknown keys must still come out between the table's
    // fields in key order, those of nested objects where their parent's key falls, each key
    // once, and a repeated known key must be judged by its last value.
    let texts = [
        r#"{"Zzz": 1, "AuthDetailList": [{"X": 1, "SecretKey": "a", "EncryptionAlgorithm": "md5", "B": 2}], "Aaa": 1, "SceneType": "push", "Domain": "a.example.com"}"#,
        r#"{"Zzz": 1, "Zzz": 2, "Aaa": 1, "Aaa": [1], "Domain": "a.example.com", "SceneType": "nope", "SceneType": "push", "AuthDetailList": []}"#,
        r#"{"SceneType": "push", "SceneType": 7, "Vhost": "v", "Domain": "a.example.com", "AuthDetailList": [{"AuthField": {"zz": "1", "volcTime": "t", "aa": 1, "zz": 2}}]}"#,
        r#"{"b": 1, "a": 1, "B": 1, "ä": 1, "": 1, "SceneType": "push"}"#,
    ];
    for text in texts {
        for contract in [Contract::default(), Contract::parse("2025-09").unwrap()] {
            for locale in [Locale::En, Locale::Zh] {
                let new =
                    validate_json_as_of("volcengine", "UpdateAuthKey", text, locale, contract);
                let old = reference::validate_json_as_of(
                    "volcengine",
                    "UpdateAuthKey",
                    text,
                    locale,
                    contract,
                );
                assert_eq!(new, old, "{text}");
            }
        }
        let first = validate_json_as_of(
            "volcengine",
            "UpdateAuthKey",
            text,
            Locale::En,
            Contract::default(),
        );
        assert!(!first.warnings.is_empty() || !first.errors.is_empty(), "{text} finds nothing");
    }
}
