//! Payload validation driven by the operations' rule tables: a report of errors and warnings,
//! field by field, never a panic and never an exception, whatever the JSON.

pub mod docs;
mod json;
mod messages;

use std::cmp::Ordering;

use serde::Serialize;
use serde_json::Value;

use json::{Fields, Json, Tree, View};

use crate::catalog::{Check, Contract, Kind, Level, Operation, Provider, Rule};
pub use messages::{message, Locale, Problem};

use crate::catalog;

/// Arrays longer than this are checked on their first entries only (their length is still judged).
const MAX_ITEMS_CHECKED: usize = 1000;
/// Each list of a report stops at this many issues.
const MAX_ISSUES: usize = 100;
/// JSON nesting deeper than this is refused before it is walked.
const MAX_DEPTH: usize = 64;

/// One problem with one field (`ValidationIssue` in JavaScript).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
pub struct Issue {
    /// The field as a user writes it (`AuthDetailList[3].SecretKey`); `""` is the payload.
    pub path: String,
    /// The cloud's own code for the mistake where documented (`InvalidParam`, `MissingSiteId`…), else ours.
    pub code: String,
    pub message: String,
    /// The table rule that found it (`None` for unknown fields and payload-level problems).
    #[serde(skip)]
    pub rule: Option<&'static Rule>,
}

/// What `validate` returns in JavaScript: the report.
#[cfg_attr(ts, tsify::declare)]
pub type ValidationReport = Report;

/// One problem with one field, in JavaScript.
#[cfg_attr(ts, tsify::declare)]
pub type ValidationIssue = Issue;

/// The outcome of validating one payload (`ValidationReport` in JavaScript).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
#[cfg_attr(ts, derive(tsify::Tsify))]
pub struct Report {
    /// No errors (warnings allowed).
    pub ok: bool,
    pub errors: Vec<Issue>,
    pub warnings: Vec<Issue>,
}

impl Report {
    /// Adds the issue `make` builds, unless the list is full: past the limit, an issue costs
    /// no message.
    fn push(&mut self, level: Level, locale: Locale, make: impl FnOnce() -> Issue) {
        let list = match level {
            Level::Error => &mut self.errors,
            Level::Warning => &mut self.warnings,
        };
        if list.len() < MAX_ISSUES {
            list.push(make());
        } else if list.len() == MAX_ISSUES {
            list.push(Issue {
                path: String::new(),
                code: "TooManyIssues".into(),
                message: message(Problem::TooManyIssues(MAX_ISSUES), "", locale),
                rule: None,
            });
        }
    }

    fn finish(mut self) -> Report {
        self.ok = self.errors.is_empty();
        self
    }

    /// A report of one payload-level error.
    pub fn single(code: &str, problem: Problem, locale: Locale) -> Report {
        Report {
            ok: false,
            errors: vec![Issue {
                path: String::new(),
                code: code.into(),
                message: message(problem, "", locale),
                rule: None,
            }],
            warnings: Vec::new(),
        }
        .finish()
    }
}

/// Validates `payload` for `provider` (`volcengine`, `tencent`, `aliyun`) and `action`.
pub fn validate(provider: &str, action: &str, payload: &Value, locale: Locale) -> Report {
    validate_as_of(provider, action, payload, locale, Contract::default())
}

/// Validates as `contract` has the operation (`2025-09`: Volcengine's newer UpdateAuthKey).
pub fn validate_as_of(
    provider: &str,
    action: &str,
    payload: &Value,
    locale: Locale,
    contract: Contract,
) -> Report {
    match operation_of(provider, action, locale, contract) {
        Ok(op) => validate_operation(op, payload, locale),
        Err(report) => report,
    }
}

/// The operation `action` of `provider` as `contract` has it, or the report saying there is none.
fn operation_of(
    provider: &str,
    action: &str,
    locale: Locale,
    contract: Contract,
) -> Result<&'static Operation, Report> {
    let Some(provider) = Provider::parse(provider) else {
        return Err(Report::single("UnknownProvider", Problem::UnknownProvider, locale));
    };
    catalog::operation_as_of(provider, action, contract)
        .ok_or_else(|| Report::single("UnknownAction", Problem::UnknownAction, locale))
}

/// Validates a payload given as JSON text; unparsable or too deeply nested text is a report too.
pub fn validate_json(provider: &str, action: &str, json: &str, locale: Locale) -> Report {
    validate_json_as_of(provider, action, json, locale, Contract::default())
}

/// `validate_json` as `contract` has the operation.
pub fn validate_json_as_of(
    provider: &str,
    action: &str,
    json: &str,
    locale: Locale,
    contract: Contract,
) -> Report {
    let arena = arena_for(json);
    match Json::parse(json, MAX_DEPTH, &arena) {
        Ok(parsed) => match operation_of(provider, action, locale, contract) {
            Ok(op) => validate_parsed(op, &parsed, locale),
            Err(report) => report,
        },
        // Unknown provider or action first: they are the more useful answer. (Looked up in the
        // default contract, as they always were for text that does not parse.)
        Err(_) => match operation_of(provider, action, locale, Contract::default()) {
            Ok(_) => Report::single("InvalidPayload", Problem::Unparsable, locale),
            Err(report) => report,
        },
    }
}

/// Validates a payload given as JSON text against one operation's table (the client's check
/// before it sends: no `serde_json::Value` is built for a payload that is refused).
pub fn validate_json_operation(op: &Operation, json: &str, locale: Locale) -> Report {
    let arena = arena_for(json);
    match Json::parse(json, MAX_DEPTH, &arena) {
        Ok(parsed) => validate_parsed(op, &parsed, locale),
        Err(_) => Report::single("InvalidPayload", Problem::Unparsable, locale),
    }
}

/// The arena of `json`'s tree, sized for a typical payload's tree at once (about twice its text).
fn arena_for(json: &str) -> bumpalo::Bump {
    bumpalo::Bump::with_capacity(json.len().saturating_mul(2).min(1 << 24))
}

fn validate_parsed(op: &Operation, parsed: &json::Parsed<'_>, locale: Locale) -> Report {
    if parsed.too_deep {
        return Report::single("InvalidPayload", Problem::Unparsable, locale);
    }
    validate_tree(op, &parsed.tree, locale)
}

/// Validates against one operation's table.
pub fn validate_operation(op: &Operation, payload: &Value, locale: Locale) -> Report {
    if json::depth(payload, MAX_DEPTH) > MAX_DEPTH {
        return Report::single("InvalidPayload", Problem::Unparsable, locale);
    }
    validate_tree(op, payload, locale)
}

/// Validates a payload, parsed from text or given as a `Value`, against one operation's table;
/// its depth is checked already (while parsing, or by `validate_operation`).
fn validate_tree<T: Tree>(op: &Operation, payload: &T, locale: Locale) -> Report {
    let View::Object(root) = payload.view() else {
        return Report::single("InvalidPayload", Problem::NotAnObject, locale);
    };
    let mut walk = Walk::<T> {
        rules: op.rules,
        plan: plan_of(op),
        found: Vec::new(),
        tree: std::marker::PhantomData,
    };
    walk.payload(root);
    walk.report(locale)
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

    /// The same indices under another pattern (a rule's path, a level's).
    fn at<'q>(&self, pattern: &'q str) -> Loc<'q> {
        Loc { pattern, indices: self.indices, n: self.n }
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
struct Target<'a, T: Tree> {
    loc: Loc<'static>,
    value: Option<View<'a, T>>,
    parent: Option<&'a T::Fields>,
}

// By hand: a derive would ask `T: Copy`, and a target is only references.
impl<T: Tree> Clone for Target<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Tree> Copy for Target<'_, T> {}

/// An operation's rule table turned around for one walk of a payload: level by level (the
/// payload's own fields, then the fields of each object or array entry the table describes),
/// the fields the table names, each with its rules. A payload is walked once, whatever the
/// number of rules: each of its objects is read side by side with its level (both in key
/// order), which finds the rules of each field and the fields the table does not know at once.
struct Plan {
    /// The rules at `""` (the payload as a whole), as indices into the table.
    root_rules: Vec<usize>,
    /// `levels[0]` is the payload's own fields.
    levels: Vec<PlanLevel>,
}

struct PlanLevel {
    /// `""`, `AuthDetailList[]`, `Rsa`: how paths of this level's fields begin.
    pattern: String,
    /// Sorted by name, as a payload's object iterates.
    fields: Vec<PlanField>,
}

struct PlanField {
    name: String,
    /// Rules at the field itself (`AuthDetailList`), as indices into the table.
    rules: Vec<usize>,
    /// Rules at each of its entries (`AuthDetailList[]`).
    item_rules: Vec<usize>,
    /// The level of its own fields, when it is an object the table describes.
    object: Option<usize>,
    /// The level of its entries' fields, when it is an array of objects the table describes.
    items: Option<usize>,
}

impl Plan {
    fn new(op: &Operation) -> Plan {
        let mut plan = Plan {
            root_rules: Vec::new(),
            levels: vec![PlanLevel { pattern: String::new(), fields: Vec::new() }],
        };
        for (i, rule) in op.rules.iter().enumerate() {
            if rule.path.is_empty() {
                plan.root_rules.push(i);
                continue;
            }
            let mut level = 0;
            let mut segments = rule.path.split('.').peekable();
            while let Some(seg) = segments.next() {
                let (name, each) = match seg.strip_suffix("[]") {
                    Some(n) => (n, true),
                    None => (seg, false),
                };
                let f = plan.field(level, name);
                if segments.peek().is_none() {
                    let field = &mut plan.levels[level].fields[f];
                    if each {
                        field.item_rules.push(i)
                    } else {
                        field.rules.push(i)
                    }
                } else {
                    level = plan.below(level, f, each);
                }
            }
        }
        for level in &mut plan.levels {
            level.fields.sort_by(|a, b| json::key_order(&a.name, &b.name));
        }
        plan
    }

    /// The index of field `name` in `level`, added if new.
    fn field(&mut self, level: usize, name: &str) -> usize {
        let fields = &mut self.levels[level].fields;
        match fields.iter().position(|f| f.name == name) {
            Some(f) => f,
            None => {
                fields.push(PlanField {
                    name: name.to_string(),
                    rules: Vec::new(),
                    item_rules: Vec::new(),
                    object: None,
                    items: None,
                });
                fields.len() - 1
            }
        }
    }

    /// The level of field `f`'s own fields (or, with `each`, of its entries'), added if new.
    fn below(&mut self, level: usize, f: usize, each: bool) -> usize {
        let field = &self.levels[level].fields[f];
        if let Some(l) = if each { field.items } else { field.object } {
            return l;
        }
        let parent = &self.levels[level].pattern;
        let mut pattern =
            if parent.is_empty() { field.name.clone() } else { format!("{parent}.{}", field.name) };
        if each {
            pattern.push_str("[]");
        }
        self.levels.push(PlanLevel { pattern, fields: Vec::new() });
        let l = self.levels.len() - 1;
        let field = &mut self.levels[level].fields[f];
        if each {
            field.items = Some(l);
        } else {
            field.object = Some(l);
        }
        l
    }
}

/// Computed once per rule table. Keyed by the table itself (its address and length), not by the
/// declaration: a plan is made from the rules alone, two contracts of one action have tables of
/// their own, and a declaration copied with other fields (`Operation { method, ..UPDATE_AUTH_KEY }`)
/// shares its table and so its plan.
fn plan_of(op: &Operation) -> &'static Plan {
    type Key = (usize, usize);
    let key = |o: &Operation| -> Key { (o.rules.as_ptr() as usize, o.rules.len()) };
    static CATALOG: std::sync::OnceLock<Vec<(Key, Plan)>> = std::sync::OnceLock::new();
    let catalog = CATALOG.get_or_init(|| {
        catalog::OPERATIONS
            .iter()
            .copied()
            .chain(catalog::REVISIONS.iter().map(|(_, o)| *o))
            .map(|o| (key(o), Plan::new(o)))
            .collect()
    });
    if let Some((_, plan)) = catalog.iter().find(|(k, _)| *k == key(op)) {
        return plan;
    }
    // A table of the caller's own (rules are `'static`): its plan is made once and kept, as the
    // catalog's are, one per table.
    static OTHERS: std::sync::Mutex<Vec<(Key, &'static Plan)>> = std::sync::Mutex::new(Vec::new());
    let mut others = OTHERS.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some((_, plan)) = others.iter().find(|(k, _)| *k == key(op)) {
        return plan;
    }
    let plan: &'static Plan = Box::leak(Box::new(Plan::new(op)));
    others.push((key(op), plan));
    plan
}

/// One problem found on the walk, before it becomes an issue.
struct Found<'a> {
    /// The rule's index in the table; `None` for a field the table does not know.
    rule: Option<usize>,
    path: String,
    /// The field its message names: an unknown field's own key, else the path's last name.
    field: Option<&'a str>,
    problem: Problem,
}

/// One walk of a payload with an operation's plan.
struct Walk<'a, T> {
    rules: &'static [Rule],
    plan: &'static Plan,
    found: Vec<Found<'a>>,
    tree: std::marker::PhantomData<&'a T>,
}

impl<'a, T: Tree> Walk<'a, T> {
    fn payload(&mut self, root: &'a T::Fields) {
        for &r in &self.plan.root_rules {
            let target = Target::<T> { loc: Loc::new(""), value: None, parent: Some(root) };
            self.apply(r, &target);
        }
        if !self.plan.levels.is_empty() {
            self.object(root, 0, Loc::new(""));
        }
    }

    /// The fields of `obj`, read with `level` side by side: both are in key order.
    fn object(&mut self, obj: &'a T::Fields, level: usize, loc: Loc<'static>) {
        let plan: &'static Plan = self.plan;
        let known = &plan.levels[level].fields;
        let mut next = 0;
        for (key, value) in obj.each() {
            loop {
                match known.get(next).map(|f| (f, json::key_order(&f.name, key))) {
                    // A field of the table before this key: absent from the payload.
                    Some((field, Ordering::Less)) => {
                        self.absent(field, obj, loc);
                        next += 1;
                    }
                    Some((field, Ordering::Equal)) => {
                        self.present(field, value, obj, loc);
                        next += 1;
                        break;
                    }
                    _ => {
                        self.unknown(key, &plan.levels[level].pattern, loc);
                        break;
                    }
                }
            }
        }
        for field in &known[next..] {
            self.absent(field, obj, loc);
        }
    }

    fn absent(&mut self, field: &PlanField, obj: &'a T::Fields, loc: Loc<'static>) {
        for &r in &field.rules {
            self.apply(r, &Target::<T> { loc, value: None, parent: Some(obj) });
        }
    }

    fn present(&mut self, field: &PlanField, value: &'a T, obj: &'a T::Fields, loc: Loc<'static>) {
        let view = value.view();
        for &r in &field.rules {
            self.apply(r, &Target::<T> { loc, value: Some(view), parent: Some(obj) });
        }
        match view {
            View::Object(o) => {
                if let Some(level) = field.object {
                    self.object(o, level, loc);
                }
            }
            View::Array(items) if !field.item_rules.is_empty() || field.items.is_some() => {
                for (i, item) in items.iter().take(MAX_ITEMS_CHECKED).enumerate() {
                    let loc = loc.with(i);
                    let item = item.view();
                    for &r in &field.item_rules {
                        self.apply(r, &Target::<T> { loc, value: Some(item), parent: None });
                    }
                    if let (Some(level), View::Object(o)) = (field.items, item) {
                        self.object(o, level, loc);
                    }
                }
            }
            _ => {}
        }
    }

    fn unknown(&mut self, key: &'a str, pattern: &'static str, loc: Loc<'static>) {
        self.found.push(Found {
            rule: None,
            path: join(&loc.at(pattern).render(), key),
            field: Some(key),
            problem: Problem::UnknownField,
        });
    }

    fn apply(&mut self, r: usize, target: &Target<'a, T>) {
        let rule = &self.rules[r];
        let target = Target::<T> { loc: target.loc.at(rule.path), ..*target };
        let mut found = |path, problem| {
            self.found.push(Found { rule: Some(r), path, field: None, problem });
        };
        match apply(rule, &target) {
            Issues::None => {}
            Issues::Here(problem) => found(target.loc.render(), problem),
            Issues::At(path, problem) => found(path, problem),
            Issues::Many(all) => all.into_iter().for_each(|(path, problem)| found(path, problem)),
        }
    }

    /// The report: rules' issues in the table's order (each rule's in the payload's order),
    /// then the fields the table does not know, as a walk rule by rule would have found them.
    fn report(mut self, locale: Locale) -> Report {
        // Stable: within a rule, the walk's order is the payload's.
        self.found.sort_by_key(|f| f.rule.unwrap_or(usize::MAX));
        let mut report = Report::default();
        for f in self.found {
            let rule = f.rule.map(|r| &self.rules[r]);
            let level = rule.map_or(Level::Warning, |r| r.level);
            report.push(level, locale, || {
                let field = f.field.unwrap_or_else(|| last_segment(&f.path));
                Issue {
                    message: message(f.problem, field, locale),
                    code: rule.map_or("UnknownField", |r| r.code).into(),
                    path: f.path,
                    rule,
                }
            });
        }
        report.finish()
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

/// The field `name` of `obj`, if it has one.
fn field<'a, T: Tree>(obj: &'a T::Fields, name: &str) -> Option<View<'a, T>> {
    obj.get(name).map(T::view)
}

/// Given and not null, and not an empty string: what "given" means for presence rules.
fn given<T: Tree>(v: Option<View<'_, T>>) -> bool {
    match v {
        None | Some(View::Null) => false,
        Some(View::String(s)) => !s.is_empty(),
        Some(_) => true,
    }
}

fn integer<T: Tree>(v: View<'_, T>) -> Option<i128> {
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
fn int_or_decimal<T: Tree>(v: View<'_, T>) -> Option<i128> {
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

fn has_kind<T: Tree>(v: View<'_, T>, kind: Kind) -> bool {
    match kind {
        Kind::String => v.is_string(),
        Kind::Integer => integer(v).is_some(),
        Kind::Boolean => v.is_boolean(),
        Kind::Array => v.is_array(),
        Kind::Object => v.is_object(),
        Kind::StringMap => {
            v.as_object().is_some_and(|o| o.each().all(|(_, x)| x.view().is_string()))
        }
        Kind::Int64 => {
            integer(v).is_some()
                || v.as_str()
                    .is_some_and(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
        }
    }
}

/// What a rule finds at one target. Nearly always nothing or one problem at the target itself:
/// those cost no allocation, and the path is rendered only when there is one.
enum Issues {
    None,
    /// One problem at the target's own path.
    Here(Problem),
    /// One problem at another path (a sibling).
    At(String, Problem),
    /// Several, each at its path (unknown map keys, several of exactly-one fields).
    Many(Vec<(String, Problem)>),
}

impl From<Vec<(String, Problem)>> for Issues {
    fn from(v: Vec<(String, Problem)>) -> Issues {
        if v.is_empty() {
            Issues::None
        } else {
            Issues::Many(v)
        }
    }
}

/// The problems `rule` finds at `target`, each with the path to report it at.
fn apply<T: Tree>(rule: &Rule, t: &Target<'_, T>) -> Issues {
    let at = Issues::Here;
    let value = t.value.filter(|v| !v.is_null());
    match rule.check {
        Check::Required => match value {
            None => at(Problem::Missing),
            Some(_) => Issues::None,
        },
        Check::Type(kind) => match value {
            Some(v) if !has_kind(v, kind) => at(Problem::WrongType(kind)),
            _ => Issues::None,
        },
        Check::NotEmpty => match value.and_then(View::as_str) {
            Some("") => at(Problem::Empty),
            _ => Issues::None,
        },
        Check::Chars { set, min, max } => match value.and_then(View::as_str) {
            Some(s) => {
                // One pass: counting stops at a character outside the set, but that string
                // fails whatever its length.
                let mut n = 0;
                let allowed = s.chars().all(|c| {
                    n += 1;
                    set.allows(c)
                });
                if !allowed || n < min || n > max {
                    at(Problem::BadChars { set, min, max })
                } else {
                    Issues::None
                }
            }
            None => Issues::None,
        },
        Check::OnlyChars(set) => match value.and_then(View::as_str) {
            Some(s) if !s.chars().all(|c| set.allows(c)) => at(Problem::BadCharset(set)),
            _ => Issues::None,
        },
        Check::MaxChars(max) => match value.and_then(View::as_str) {
            Some(s) if s.chars().count() > max => at(Problem::TooLong(max)),
            _ => Issues::None,
        },
        Check::Enum(allowed) => match value.and_then(View::as_str) {
            Some(s) if !allowed.contains(&s) => at(Problem::NotInEnum(allowed)),
            _ => Issues::None,
        },
        Check::IntRange { min, max } => match value.and_then(int_or_decimal) {
            Some(i) if i < min as i128 || i > max as i128 => at(Problem::OutOfRange { min, max }),
            _ => Issues::None,
        },
        Check::IntEnum(allowed) => match value.and_then(int_or_decimal) {
            Some(i) if !allowed.iter().any(|a| *a as i128 == i) => {
                at(Problem::NotInIntEnum(allowed))
            }
            _ => Issues::None,
        },
        Check::Items { min, max } => match value.and_then(View::as_array) {
            Some(a) if a.len() < min => at(Problem::TooFewItems(min)),
            Some(a) if max.is_some_and(|m| a.len() > m) => {
                at(Problem::TooManyItems(max.unwrap_or(usize::MAX)))
            }
            _ => Issues::None,
        },
        Check::MapKeys(allowed) => match value.and_then(View::as_object) {
            Some(o) => o
                .each()
                .map(|(k, _)| k)
                .filter(|k| !allowed.contains(k))
                .take(MAX_ISSUES)
                .map(|k| (format!("{}.{}", t.loc.render(), k), Problem::BadMapKey(allowed)))
                .collect::<Vec<_>>()
                .into(),
            None => Issues::None,
        },
        Check::Domain { wildcard, unicode, max } => match value.and_then(View::as_str) {
            Some(s) if !is_domain(s, wildcard, unicode, max) => {
                at(Problem::BadDomain { max, wildcard })
            }
            _ => Issues::None,
        },
        Check::DomainList { wildcard, unicode, max } => match value.and_then(View::as_str) {
            Some(s)
                if s.is_empty()
                    || !s.split(',').all(|d| is_domain(d.trim(), wildcard, unicode, max)) =>
            {
                at(Problem::BadDomainList { max, wildcard })
            }
            _ => Issues::None,
        },
        Check::DnsName { max } => match value.and_then(View::as_str) {
            Some(s) if !could_be_dns_name(s, max) => at(Problem::NotADnsName { max }),
            _ => Issues::None,
        },
        Check::Pem(kind) => match value.and_then(View::as_str) {
            Some(s) => pem_problem(s, kind).map_or(Issues::None, at),
            None => Issues::None,
        },
        Check::RequiredWhen { sibling, is } => {
            let applies =
                t.parent.and_then(|o| field::<T>(o, sibling)).and_then(View::as_str) == Some(is);
            if applies && !given(value) {
                at(Problem::MissingWhen { sibling, is })
            } else {
                Issues::None
            }
        }
        Check::IntEnumWhen { sibling, is, allowed } => {
            let applies =
                t.parent.and_then(|o| field::<T>(o, sibling)).and_then(View::as_str) == Some(is);
            match value.and_then(int_or_decimal) {
                Some(i) if applies && !allowed.iter().any(|a| *a as i128 == i) => {
                    at(Problem::NotInIntEnumWhen { sibling, is, allowed })
                }
                _ => Issues::None,
            }
        }
        Check::PositiveInt64 => match value {
            Some(v) => positive_int64(v).map_or(Issues::None, at),
            None => Issues::None,
        },
        Check::ExactlyOne(fields) => {
            let Some(obj) = t.parent else {
                return Issues::None;
            };
            let present: Vec<&str> =
                fields.iter().copied().filter(|f| given(field::<T>(obj, f))).collect();
            match present.len() {
                0 => at(Problem::NoneOf(fields)),
                1 => Issues::None,
                _ => present
                    .iter()
                    .map(|f| (join(&t.loc.render(), f), Problem::MoreThanOne(fields)))
                    .collect::<Vec<_>>()
                    .into(),
            }
        }
        Check::Requires(other) => {
            let Some(obj) = t.parent else {
                return Issues::None;
            };
            if value.is_some() && field::<T>(obj, other).is_none_or(View::is_null) {
                at(Problem::NeedsSibling(other))
            } else {
                Issues::None
            }
        }
        Check::IgnoredWith(other) => {
            let Some(obj) = t.parent else {
                return Issues::None;
            };
            if given(value) && given(field::<T>(obj, other)) {
                at(Problem::Ignored(other))
            } else {
                Issues::None
            }
        }
        Check::IdOrPair { id, pair, required } => {
            let Some(obj) = t.parent else {
                return Issues::None;
            };
            if given(field::<T>(obj, id)) {
                return Issues::None;
            }
            let [a, b] = pair;
            match (given(field::<T>(obj, a)), given(field::<T>(obj, b))) {
                (true, true) => Issues::None,
                (false, false) if !required => Issues::None,
                (false, false) => at(Problem::IdOrPairMissing { id, pair }),
                (true, false) => Issues::At(join(&t.loc.render(), b), Problem::PairIncomplete(a)),
                (false, true) => Issues::At(join(&t.loc.render(), a), Problem::PairIncomplete(b)),
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

fn positive_int64<T: Tree>(v: View<'_, T>) -> Option<Problem> {
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

/// Whether `s` can be a host name at all (RFC 1035 lengths; letters of any script, digits, `-`,
/// `_`, `*` and dots). Spaces, a scheme or path, empty labels, over-long labels and labels that
/// start or end with a hyphen (RFC 952/1123: no host name has one) cannot.
pub fn could_be_dns_name(s: &str, max: usize) -> bool {
    let name = s.strip_suffix('.').unwrap_or(s);
    !name.is_empty()
        && s.chars().count() <= max
        && name.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '*'))
        })
}

/// Dot-separated labels of letters, digits and hyphens (not at a label's ends), at most `max`
/// characters; optionally a leading `*.`, optionally non-ASCII letters.
pub fn is_domain(s: &str, wildcard: bool, unicode: bool, max: usize) -> bool {
    let name = match s.strip_prefix("*.") {
        Some(rest) if wildcard => rest,
        _ => s,
    };
    if name.is_empty() || s.chars().count() > max {
        return false;
    }
    name.split('.').all(|label| {
        !label.is_empty()
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| {
                c.is_ascii_alphanumeric()
                    || c == '-'
                    || (unicode && !c.is_ascii() && c.is_alphanumeric())
            })
    })
}

#[cfg(test)]
mod equivalence;
#[cfg(test)]
mod reference;
#[cfg(test)]
mod tests;
