//! The validator as it was before it read its own borrowed tree: every payload walked as a
//! `serde_json::Value`. Kept for the tests only, as the reference the new path must match issue
//! for issue (`tests.rs`, `the_borrowed_tree_reports_what_the_value_tree_reported`).

use serde_json::{Map, Value};

use super::{
    could_be_dns_name, is_domain, message, Check, Contract, Issue, Kind, Level, Locale, Operation,
    Problem, Provider, Report, Rule, MAX_DEPTH, MAX_ISSUES, MAX_ITEMS_CHECKED,
};
use crate::catalog;

/// `validate_as_of` as it was.
pub(super) fn validate_as_of(
    provider: &str,
    action: &str,
    payload: &Value,
    locale: Locale,
    contract: Contract,
) -> Report {
    let Some(provider) = Provider::parse(provider) else {
        return Report::single("UnknownProvider", Problem::UnknownProvider, locale);
    };
    let Some(op) = catalog::operation_as_of(provider, action, contract) else {
        return Report::single("UnknownAction", Problem::UnknownAction, locale);
    };
    validate_operation(op, payload, locale)
}

/// Validates a payload given as JSON text; unparsable or too deeply nested text is a report too.
/// `validate_json_as_of` as it was, through a `serde_json::Value`.
pub(super) fn validate_json_as_of(
    provider: &str,
    action: &str,
    json: &str,
    locale: Locale,
    contract: Contract,
) -> Report {
    match serde_json::from_str::<Value>(json) {
        Ok(v) => validate_as_of(provider, action, &v, locale, contract),
        Err(_) => {
            // Unknown provider or action first: they are the more useful answer.
            let r = validate_as_of(
                provider,
                action,
                &Value::Object(Map::new()),
                locale,
                Contract::default(),
            );
            if r.errors.iter().any(|e| e.code == "UnknownProvider" || e.code == "UnknownAction") {
                return r;
            }
            Report::single("InvalidPayload", Problem::Unparsable, locale)
        }
    }
}

/// Validates against one operation's table.
pub(super) fn validate_operation(op: &Operation, payload: &Value, locale: Locale) -> Report {
    if depth(payload, 0) > MAX_DEPTH {
        return Report::single("InvalidPayload", Problem::Unparsable, locale);
    }
    let Value::Object(root) = payload else {
        return Report::single("InvalidPayload", Problem::NotAnObject, locale);
    };
    let mut report = Report::default();
    // Rules come several to a path (a type, a charset, an enum for `AuthDetailList[].SecretKey`):
    // each path is walked once and its places kept, so that a list of 100 entries is not
    // searched again for every rule.
    let mut places: Vec<(&'static str, Vec<Target<'_>>)> = Vec::new();
    for rule in op.rules {
        let at = match places.iter().position(|(p, _)| *p == rule.path) {
            Some(i) => i,
            None => {
                let mut found = Vec::new();
                each_target(rule.path, root, &mut |t| found.push(*t));
                places.push((rule.path, found));
                places.len() - 1
            }
        };
        for target in &places[at].1 {
            for (path, problem) in apply(rule, target) {
                let field = last_segment(&path).to_string();
                report.push(rule.level, locale, || Issue {
                    message: message(problem, &field, locale),
                    path,
                    code: rule.code.into(),
                    rule: Some(rule),
                });
            }
        }
    }
    let mut path = String::new();
    unknown_fields(root, "", &mut path, known_patterns(op), &mut report, locale);
    report.finish()
}

/// Nesting depth, bounded: stops counting past the limit.
fn depth(v: &Value, d: usize) -> usize {
    if d > MAX_DEPTH {
        return d;
    }
    match v {
        Value::Array(a) => a.iter().map(|x| depth(x, d + 1)).max().unwrap_or(d + 1),
        Value::Object(o) => o.values().map(|x| depth(x, d + 1)).max().unwrap_or(d + 1),
        _ => d,
    }
}

/// Where a target is: the rule's pattern and the array indices that fill its `[]`s. The path
/// text is made only when there is something to report.
#[derive(Clone, Copy)]
struct Loc<'p> {
    pattern: &'p str,
    indices: [usize; 4],
    n: usize,
}

impl<'p> Loc<'p> {
    fn new(pattern: &'p str) -> Self {
        Loc { pattern, indices: [0; 4], n: 0 }
    }

    fn with(mut self, index: usize) -> Self {
        if self.n < self.indices.len() {
            self.indices[self.n] = index;
            self.n += 1;
        }
        self
    }

    /// `AuthDetailList[].SecretKey` with index 3 → `AuthDetailList[3].SecretKey`.
    fn render(&self) -> String {
        let mut out = String::with_capacity(self.pattern.len() + 8);
        let mut used = 0;
        let mut rest = self.pattern;
        while let Some(i) = rest.find("[]") {
            out.push_str(&rest[..i]);
            out.push('[');
            out.push_str(&self.indices[used.min(self.indices.len() - 1)].to_string());
            out.push(']');
            used += 1;
            rest = &rest[i + 2..];
        }
        out.push_str(rest);
        out
    }
}

/// A place a rule applies to: where it is, its value if given, and the object holding it.
#[derive(Clone, Copy)]
struct Target<'a> {
    loc: Loc<'static>,
    value: Option<&'a Value>,
    parent: Option<&'a Map<String, Value>>,
}

/// Visits every place a rule path (`A[].B`) names in the payload (`A[0].B`, `A[1].B` …).
fn each_target<'a>(
    pattern: &'static str,
    root: &'a Map<String, Value>,
    visit: &mut dyn FnMut(&Target<'a>),
) {
    if pattern.is_empty() {
        visit(&Target { loc: Loc::new(pattern), value: None, parent: Some(root) });
        return;
    }
    walk(pattern, Loc::new(pattern), root, visit);
}

fn walk<'a>(
    rest: &'static str,
    loc: Loc<'static>,
    obj: &'a Map<String, Value>,
    visit: &mut dyn FnMut(&Target<'a>),
) {
    let (seg, tail) = match rest.split_once('.') {
        Some((seg, tail)) => (seg, Some(tail)),
        None => (rest, None),
    };
    let (name, each) = match seg.strip_suffix("[]") {
        Some(n) => (n, true),
        None => (seg, false),
    };
    let child = obj.get(name);
    if !each {
        match (tail, child) {
            (None, _) => visit(&Target { loc, value: child, parent: Some(obj) }),
            (Some(t), Some(Value::Object(o))) => walk(t, loc, o, visit),
            _ => {}
        }
        return;
    }
    let Some(Value::Array(items)) = child else {
        return;
    };
    for (idx, item) in items.iter().take(MAX_ITEMS_CHECKED).enumerate() {
        match (tail, item) {
            (None, _) => visit(&Target { loc: loc.with(idx), value: Some(item), parent: None }),
            (Some(t), Value::Object(o)) => walk(t, loc.with(idx), o, visit),
            _ => {}
        }
    }
}

fn join(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_string()
    } else {
        format!("{prefix}.{name}")
    }
}

fn last_segment(path: &str) -> &str {
    let seg = path.rsplit('.').next().unwrap_or(path);
    seg.split('[').next().unwrap_or(seg)
}

/// Given and not null, and not an empty string: what "given" means for presence rules.
fn given(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => false,
        Some(Value::String(s)) => !s.is_empty(),
        Some(_) => true,
    }
}

fn integer(v: &Value) -> Option<i128> {
    let n = v.as_number()?;
    if let Some(i) = n.as_i64() {
        return Some(i as i128);
    }
    if let Some(u) = n.as_u64() {
        return Some(u as i128);
    }
    let f = n.as_f64()?;
    // Integral floats such as 1e21 are integers, just large ones.
    (f.is_finite() && f.fract() == 0.0).then(|| f.clamp(-1e30, 1e30) as i128)
}

/// An integer, or decimal text of one (how int64 fields and RPC parameters carry numbers).
fn int_or_decimal(v: &Value) -> Option<i128> {
    match v.as_str() {
        Some(s) => {
            let digits = s.strip_prefix('-').unwrap_or(s);
            (!digits.is_empty() && digits.len() <= 30 && digits.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
        }
        None => integer(v),
    }
}

const MAX_SAFE_INTEGER: i128 = (1 << 53) - 1;

fn has_kind(v: &Value, kind: Kind) -> bool {
    match kind {
        Kind::String => v.is_string(),
        Kind::Integer => integer(v).is_some(),
        Kind::Boolean => v.is_boolean(),
        Kind::Array => v.is_array(),
        Kind::Object => v.is_object(),
        Kind::StringMap => v.as_object().is_some_and(|o| o.values().all(Value::is_string)),
        Kind::Int64 => {
            integer(v).is_some()
                || v.as_str()
                    .is_some_and(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
        }
    }
}

/// The problems `rule` finds at `target`, each with the path to report it at.
fn apply(rule: &Rule, t: &Target<'_>) -> Vec<(String, Problem)> {
    let at = |p: Problem| vec![(t.loc.render(), p)];
    let value = t.value.filter(|v| !v.is_null());
    match rule.check {
        Check::Required => match value {
            None => at(Problem::Missing),
            Some(_) => Vec::new(),
        },
        Check::Type(kind) => match value {
            Some(v) if !has_kind(v, kind) => at(Problem::WrongType(kind)),
            _ => Vec::new(),
        },
        Check::NotEmpty => match value.and_then(Value::as_str) {
            Some("") => at(Problem::Empty),
            _ => Vec::new(),
        },
        Check::Chars { set, min, max } => match value.and_then(Value::as_str) {
            Some(s) => {
                let n = s.chars().count();
                if n < min || n > max || !s.chars().all(|c| set.allows(c)) {
                    at(Problem::BadChars { set, min, max })
                } else {
                    Vec::new()
                }
            }
            None => Vec::new(),
        },
        Check::OnlyChars(set) => match value.and_then(Value::as_str) {
            Some(s) if !s.chars().all(|c| set.allows(c)) => at(Problem::BadCharset(set)),
            _ => Vec::new(),
        },
        Check::MaxChars(max) => match value.and_then(Value::as_str) {
            Some(s) if s.chars().count() > max => at(Problem::TooLong(max)),
            _ => Vec::new(),
        },
        Check::Enum(allowed) => match value.and_then(Value::as_str) {
            Some(s) if !allowed.contains(&s) => at(Problem::NotInEnum(allowed)),
            _ => Vec::new(),
        },
        Check::IntRange { min, max } => match value.and_then(int_or_decimal) {
            Some(i) if i < min as i128 || i > max as i128 => at(Problem::OutOfRange { min, max }),
            _ => Vec::new(),
        },
        Check::IntEnum(allowed) => match value.and_then(int_or_decimal) {
            Some(i) if !allowed.iter().any(|a| *a as i128 == i) => {
                at(Problem::NotInIntEnum(allowed))
            }
            _ => Vec::new(),
        },
        Check::Items { min, max } => match value.and_then(Value::as_array) {
            Some(a) if a.len() < min => at(Problem::TooFewItems(min)),
            Some(a) if max.is_some_and(|m| a.len() > m) => {
                at(Problem::TooManyItems(max.unwrap_or(usize::MAX)))
            }
            _ => Vec::new(),
        },
        Check::MapKeys(allowed) => match value.and_then(Value::as_object) {
            Some(o) => o
                .keys()
                .filter(|k| !allowed.contains(&k.as_str()))
                .take(MAX_ISSUES)
                .map(|k| (format!("{}.{}", t.loc.render(), k), Problem::BadMapKey(allowed)))
                .collect(),
            None => Vec::new(),
        },
        Check::Domain { wildcard, unicode, max } => match value.and_then(Value::as_str) {
            Some(s) if !is_domain(s, wildcard, unicode, max) => {
                at(Problem::BadDomain { max, wildcard })
            }
            _ => Vec::new(),
        },
        Check::DomainList { wildcard, unicode, max } => match value.and_then(Value::as_str) {
            Some(s)
                if s.is_empty()
                    || !s.split(',').all(|d| is_domain(d.trim(), wildcard, unicode, max)) =>
            {
                at(Problem::BadDomainList { max, wildcard })
            }
            _ => Vec::new(),
        },
        Check::DnsName { max } => match value.and_then(Value::as_str) {
            Some(s) if !could_be_dns_name(s, max) => at(Problem::NotADnsName { max }),
            _ => Vec::new(),
        },
        Check::Pem(kind) => match value.and_then(Value::as_str) {
            Some(s) => pem_problem(s, kind).map(&at).unwrap_or_default(),
            None => Vec::new(),
        },
        Check::RequiredWhen { sibling, is } => {
            let applies = t.parent.and_then(|o| o.get(sibling)).and_then(Value::as_str) == Some(is);
            if applies && !given(value) {
                at(Problem::MissingWhen { sibling, is })
            } else {
                Vec::new()
            }
        }
        Check::IntEnumWhen { sibling, is, allowed } => {
            let applies = t.parent.and_then(|o| o.get(sibling)).and_then(Value::as_str) == Some(is);
            match value.and_then(int_or_decimal) {
                Some(i) if applies && !allowed.iter().any(|a| *a as i128 == i) => {
                    at(Problem::NotInIntEnumWhen { sibling, is, allowed })
                }
                _ => Vec::new(),
            }
        }
        Check::PositiveInt64 => match value {
            Some(v) => positive_int64(v).map(&at).unwrap_or_default(),
            None => Vec::new(),
        },
        Check::ExactlyOne(fields) => {
            let Some(obj) = t.parent else {
                return Vec::new();
            };
            let present: Vec<&str> =
                fields.iter().copied().filter(|f| given(obj.get(*f))).collect();
            match present.len() {
                0 => at(Problem::NoneOf(fields)),
                1 => Vec::new(),
                _ => present
                    .iter()
                    .map(|f| (join(&t.loc.render(), f), Problem::MoreThanOne(fields)))
                    .collect(),
            }
        }
        Check::Requires(other) => {
            let Some(obj) = t.parent else {
                return Vec::new();
            };
            if value.is_some() && obj.get(other).is_none_or(Value::is_null) {
                at(Problem::NeedsSibling(other))
            } else {
                Vec::new()
            }
        }
        Check::IgnoredWith(other) => {
            let Some(obj) = t.parent else {
                return Vec::new();
            };
            if given(value) && given(obj.get(other)) {
                at(Problem::Ignored(other))
            } else {
                Vec::new()
            }
        }
        Check::IdOrPair { id, pair, required } => {
            let Some(obj) = t.parent else {
                return Vec::new();
            };
            if given(obj.get(id)) {
                return Vec::new();
            }
            let [a, b] = pair;
            match (given(obj.get(a)), given(obj.get(b))) {
                (true, true) => Vec::new(),
                (false, false) if !required => Vec::new(),
                (false, false) => at(Problem::IdOrPairMissing { id, pair }),
                (true, false) => vec![(join(&t.loc.render(), b), Problem::PairIncomplete(a))],
                (false, true) => vec![(join(&t.loc.render(), a), Problem::PairIncomplete(b))],
            }
        }
    }
}

/// What is wrong with `s` as PEM of `kind`, judged by its armour (the parse is the cloud's; the
/// lifecycle module reads certificates in full where it needs their contents).
fn pem_problem(s: &str, kind: catalog::PemKind) -> Option<Problem> {
    let has = |label: &str| {
        s.contains(&format!("-----BEGIN {label}-----"))
            && s.contains(&format!("-----END {label}-----"))
    };
    match kind {
        catalog::PemKind::Certificate => {
            (!has("CERTIFICATE")).then_some(Problem::NotPemCertificate)
        }
        catalog::PemKind::PrivateKey => {
            if has("ENCRYPTED PRIVATE KEY") || s.contains("Proc-Type: 4,ENCRYPTED") {
                Some(Problem::EncryptedKey)
            } else if has("PRIVATE KEY") || has("RSA PRIVATE KEY") || has("EC PRIVATE KEY") {
                None
            } else {
                Some(Problem::NotPemKey)
            }
        }
    }
}

fn positive_int64(v: &Value) -> Option<Problem> {
    if let Some(s) = v.as_str() {
        return match s.parse::<i64>() {
            Ok(n) if n >= 1 && s.bytes().all(|b| b.is_ascii_digit()) => None,
            Ok(_) => Some(Problem::NotPositive),
            // Digits that do not fit in an int64; non-digits are the Type rule's.
            Err(_) if s.bytes().all(|b| b.is_ascii_digit()) && !s.is_empty() => {
                Some(Problem::NotPositive)
            }
            Err(_) => None,
        };
    }
    let i = integer(v)?;
    if i < 1 {
        Some(Problem::NotPositive)
    } else if i > MAX_SAFE_INTEGER {
        Some(Problem::UnsafeInteger)
    } else {
        None
    }
}

/// What a payload may hold, level by level: for each object pattern (`""`, `AuthDetailList[]`),
/// its field names, and for each field whether the walk goes on below it.
struct Known {
    levels: Vec<(String, Vec<Child>)>,
}

struct Child {
    name: String,
    /// The pattern of this field's own fields, when it is an object the table describes.
    object: Option<String>,
    /// The pattern of its entries' fields, when it is an array of objects the table describes.
    items: Option<String>,
}

impl Known {
    fn level(&self, pattern: &str) -> Option<&[Child]> {
        self.levels.iter().find(|(p, _)| p == pattern).map(|(_, c)| c.as_slice())
    }
}

/// Computed once per operation from its rule paths.
fn known_patterns(op: &Operation) -> &'static Known {
    // Keyed by the declaration itself: two contracts of one action have their own fields.
    static ALL: std::sync::OnceLock<Vec<(usize, Known)>> = std::sync::OnceLock::new();
    static EMPTY: Known = Known { levels: Vec::new() };
    let key = |o: &Operation| o as *const Operation as usize;
    let all = ALL.get_or_init(|| {
        catalog::OPERATIONS
            .iter()
            .copied()
            .chain(catalog::REVISIONS.iter().map(|(_, o)| *o))
            .map(|o| (key(o), build_known(o)))
            .collect()
    });
    all.iter().find(|(k, _)| *k == key(op)).map(|(_, k)| k).unwrap_or(&EMPTY)
}

fn build_known(op: &Operation) -> Known {
    let paths = op.field_paths();
    let has_below = |p: &str| {
        paths
            .iter()
            .any(|q| q.len() > p.len() + 1 && q.starts_with(p) && q.as_bytes()[p.len()] == b'.')
    };
    let mut levels: Vec<(String, Vec<Child>)> = Vec::new();
    for path in &paths {
        let (parent, last) = match path.rsplit_once('.') {
            Some((p, l)) => (p.to_string(), l),
            None => (String::new(), *path),
        };
        let name = last.trim_end_matches("[]");
        if name.is_empty() {
            continue;
        }
        let own = if parent.is_empty() { name.to_string() } else { format!("{parent}.{name}") };
        let child = Child {
            name: name.to_string(),
            object: has_below(&own).then(|| own.clone()),
            items: has_below(&format!("{own}[]")).then(|| format!("{own}[]")),
        };
        match levels.iter_mut().find(|(p, _)| *p == parent) {
            Some((_, children)) => {
                if let Some(c) = children.iter_mut().find(|c| c.name == child.name) {
                    c.object = c.object.take().or(child.object);
                    c.items = c.items.take().or(child.items);
                } else {
                    children.push(child);
                }
            }
            None => levels.push((parent, vec![child])),
        }
    }
    Known { levels }
}

/// Warns of fields the table does not know, descending into the objects and arrays it does.
/// `path` is the place of `obj` (`AuthDetailList[3]`), grown and cut back on the way down, so
/// that a valid payload costs no path text.
fn unknown_fields(
    obj: &Map<String, Value>,
    pattern: &str,
    path: &mut String,
    known: &Known,
    report: &mut Report,
    locale: Locale,
) {
    let children = known.level(pattern).unwrap_or(&[]);
    for (key, value) in obj {
        let Some(child) = children.iter().find(|c| c.name == *key) else {
            report.push(Level::Warning, locale, || Issue {
                message: message(Problem::UnknownField, key, locale),
                path: join(path, key),
                code: "UnknownField".into(),
                rule: None,
            });
            continue;
        };
        let here = path.len();
        match (value, &child.object, &child.items) {
            (Value::Object(o), Some(below), _) => {
                push_segment(path, key);
                unknown_fields(o, below, path, known, report, locale);
            }
            (Value::Array(items), _, Some(below)) => {
                push_segment(path, key);
                let field = path.len();
                for (i, item) in items.iter().take(MAX_ITEMS_CHECKED).enumerate() {
                    if let Value::Object(o) = item {
                        path.truncate(field);
                        path.push('[');
                        path.push_str(&i.to_string());
                        path.push(']');
                        unknown_fields(o, below, path, known, report, locale);
                    }
                }
            }
            _ => {}
        }
        path.truncate(here);
    }
}

/// `prefix` + `.name` (or `name` at the top).
fn push_segment(path: &mut String, name: &str) {
    if !path.is_empty() {
        path.push('.');
    }
    path.push_str(name);
}
