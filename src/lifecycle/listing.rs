//! Reading every item of a list operation, as its declaration says it pages (`Paging`): the first
//! page, then, when it tells the total, every other page at once (the engine's scheduler keeps
//! them within the cloud's limit); without a total, page after page until a short one. Pages may
//! be answered in any order; the items come out in page order.
//!
//! A listing that contradicts itself is an error with what was seen, never a silent truncation:
//! an answer without its list, an item that is not an object or has no id, an id seen twice, a
//! total the pages do not add up to or that changes, a total beyond what one listing reads (said
//! at the first page, not after reading up to it), and pages that never end.

use std::collections::HashSet;

use serde_json::{Map, Value};

use super::engine::Fault;
use crate::catalog::{Operation, Paging};

/// One listing in progress.
#[derive(Debug)]
pub struct Listing {
    op: &'static Operation,
    paging: Paging,
    base: Map<String, Value>,
    /// Page `n`'s items at `n - 1`, once answered.
    pages: Vec<Option<Vec<Value>>>,
    /// The total the first answer told, if any.
    total: Option<u64>,
    /// Items per page as the cloud serves them: the size asked for, or fewer where the cloud
    /// clamps it (learnt from the first page of a listing with a total).
    step: u32,
    /// Pages asked for so far (1..=requested).
    requested: u32,
    /// Pages asked for and not answered.
    outstanding: u32,
    seen: HashSet<String>,
    /// Items read so far.
    rows: u64,
    fault: Option<Fault>,
    /// The call of a page failed: the listing stops, the host reports that error.
    abandoned: bool,
}

/// A page to ask for: its number and the payload.
pub type PageRequest = (u32, Value);

fn as_count(v: &Value) -> Option<u64> {
    match v {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

/// An item's id as text (ids are strings or numbers).
fn id_of(item: &Map<String, Value>, field: &str) -> Option<String> {
    match item.get(field) {
        Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
        Some(Value::Number(n)) => Some(crate::catalog::decimal(n)),
        _ => None,
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

impl Listing {
    /// A listing of `op` with the fields of `base` in every page's payload. `None` when `op` does
    /// not page.
    pub fn new(op: &'static Operation, base: Value) -> Option<Listing> {
        let paging = op.paging?;
        let base = match base {
            Value::Object(m) => m,
            _ => Map::new(),
        };
        Some(Listing {
            op,
            paging,
            base,
            pages: Vec::new(),
            total: None,
            step: paging.size,
            requested: 0,
            outstanding: 0,
            seen: HashSet::new(),
            rows: 0,
            fault: None,
            abandoned: false,
        })
    }

    pub fn op(&self) -> &'static Operation {
        self.op
    }

    fn payload(&self, n: u32) -> Value {
        let mut p = self.base.clone();
        for (field, value) in self.paging.page_fields(n) {
            p.insert(field.into(), Value::from(value));
        }
        // A cloud that serves fewer items than asked for: offsets move by what it serves.
        if let crate::catalog::PageStyle::Offset(field) = self.paging.style {
            p.insert(field.into(), Value::from((n as u64 - 1) * self.step as u64));
        }
        Value::Object(p)
    }

    fn ask(&mut self, upto: u32) -> Vec<PageRequest> {
        let mut out = Vec::new();
        while self.requested < upto {
            self.requested += 1;
            self.outstanding += 1;
            if self.pages.len() < self.requested as usize {
                self.pages.push(None);
            }
            out.push((self.requested, self.payload(self.requested)));
        }
        out
    }

    /// The first page.
    pub fn start(&mut self) -> Vec<PageRequest> {
        self.ask(1)
    }

    fn fail(&mut self, fault: Fault) -> Vec<PageRequest> {
        if self.fault.is_none() {
            self.fault = Some(fault);
        }
        Vec::new()
    }

    fn fault(&self, code: &'static str, message: String, answer: &Value) -> Fault {
        Fault::answer(self.op, code, format!("{}: {message}", self.op.action), answer)
    }

    /// Page `n`'s answer: the pages to ask for next.
    pub fn on_page(&mut self, n: u32, mut answer: Value) -> Vec<PageRequest> {
        self.outstanding = self.outstanding.saturating_sub(1);
        if self.fault.is_some() || self.abandoned {
            return Vec::new();
        }
        let Some(slot) = n.checked_sub(1).map(|i| i as usize) else {
            return Vec::new();
        };
        if slot >= self.pages.len() || self.pages[slot].is_some() {
            return Vec::new();
        }
        let (list, total, size) = (self.paging.list, self.paging.total, self.paging.size);
        let given = total.and_then(|k| answer.get(k)).filter(|v| !v.is_null());
        let told = given.and_then(as_count).filter(|&t| t <= (1u64 << 53));
        if let (Some(v), None) = (given, told) {
            // A total that is no count (negative, fractional, beyond 2^53, words) says nothing of
            // how many pages there are: trusting it, or ignoring it, would cut the listing short.
            let shown: String = v.to_string().chars().take(40).collect();
            let f = self.fault(
                "MalformedAnswer",
                format!("page {n} gives a total that is not a count of items: {shown}"),
                &answer,
            );
            return self.fail(f);
        }
        // The items are moved out of the answer, not copied: a page is held once.
        let taken = answer.get_mut(list).map(Value::take);
        let items = match taken {
            Some(Value::Array(items)) => items,
            // A cloud leaves an empty list out (`omitempty`) only with nothing to list.
            None if told == Some(0) => Vec::new(),
            other => {
                let what = other.as_ref().map_or("nothing", kind_of);
                let f = self.fault(
                    "MalformedAnswer",
                    format!("page {n} has no `{list}` list (found {what})"),
                    &answer,
                );
                return self.fail(f);
            }
        };
        if let Some(fault) = self.check_items(n, &items, &answer) {
            return self.fail(fault);
        }
        self.rows += items.len() as u64;
        let got = items.len();
        self.pages[slot] = Some(items);
        match (n, told, self.total) {
            (1, Some(t), _) => {
                self.total = Some(t);
                let most = self.paging.most_items();
                if t > most {
                    let f = self.fault(
                        "ListingTooLarge",
                        format!(
                            "the cloud says there are {t} items; one listing reads at most {most} ({} pages of {size}); narrow it down",
                            self.paging.max_pages
                        ),
                        &answer,
                    );
                    return self.fail(f);
                }
                if got == 0 && t > 0 {
                    let f = self.fault(
                        "PagingInconsistent",
                        format!("the cloud says there are {t} items, but its first page is empty"),
                        &answer,
                    );
                    return self.fail(f);
                }
                // Fewer than asked for on a first page that is not the only one: the cloud
                // clamps the page size, and the other pages are that long too.
                if (got as u64) < t && got < size as usize {
                    self.step = got as u32;
                }
                let pages = t.div_ceil(self.step as u64).max(1);
                if pages > self.paging.max_pages as u64 {
                    let f = self.fault(
                        "ListingTooLarge",
                        format!(
                            "the cloud says there are {t} items, {} a page: more than the {} pages one listing reads; narrow it down",
                            self.step, self.paging.max_pages
                        ),
                        &answer,
                    );
                    return self.fail(f);
                }
                self.ask(pages as u32)
            }
            (_, Some(t), Some(first)) if t != first => {
                let f = self.fault(
                    "PagingInconsistent",
                    format!("the total changed while listing: {first} at page 1, {t} at page {n}"),
                    &answer,
                );
                self.fail(f)
            }
            (_, _, Some(_)) => Vec::new(),
            (_, _, None) => {
                // No total: a full page may have a next one.
                if got < size as usize {
                    Vec::new()
                } else if n >= self.paging.max_pages {
                    let f = self.fault(
                        "PageCapReached",
                        format!(
                            "{n} full pages of {size} and still no end (the most one listing reads); narrow it down"
                        ),
                        &answer,
                    );
                    self.fail(f)
                } else {
                    self.ask(n + 1)
                }
            }
        }
    }

    /// Every item an object with an id, none seen before.
    fn check_items(&mut self, n: u32, items: &[Value], answer: &Value) -> Option<Fault> {
        let id_field = self.paging.item_id;
        let mut repeats = 0usize;
        let mut first_repeat = None;
        let mut fresh = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let Some(obj) = item.as_object() else {
                return Some(self.fault(
                    "MalformedAnswer",
                    format!("item {} of page {n} is {}, not an object", i + 1, kind_of(item)),
                    answer,
                ));
            };
            let Some(id) = id_of(obj, id_field) else {
                return Some(self.fault(
                    "MalformedAnswer",
                    format!("item {} of page {n} has no `{id_field}`", i + 1),
                    answer,
                ));
            };
            if self.seen.contains(&id) || fresh.contains(&id) {
                repeats += 1;
                first_repeat.get_or_insert(id);
            } else {
                fresh.push(id);
            }
        }
        if let Some(id) = first_repeat {
            return Some(self.fault(
                "PagingRepeats",
                format!("page {n} repeats {repeats} item(s) already listed ({id_field} {id} among them)"),
                answer,
            ));
        }
        self.seen.extend(fresh);
        None
    }

    /// The call of a page failed (the host keeps that error): the listing asks for nothing more.
    pub fn abandon(&mut self) {
        self.outstanding = self.outstanding.saturating_sub(1);
        self.abandoned = true;
    }

    /// Every page answered (or the listing stopped) and nothing more to ask for.
    pub fn is_finished(&self) -> bool {
        self.outstanding == 0 && (self.fault.is_some() || self.abandoned || self.all_answered())
    }

    fn all_answered(&self) -> bool {
        !self.pages.is_empty() && self.pages.iter().all(Option::is_some)
    }

    /// Whether a page's call failed.
    pub fn is_abandoned(&self) -> bool {
        self.abandoned
    }

    /// Pages answered, items read, and the total where the cloud told it.
    pub fn progress(&self) -> (u32, u64, Option<u64>) {
        let answered = self.pages.iter().filter(|p| p.is_some()).count() as u32;
        (answered, self.rows, self.total)
    }

    /// The items, in page order, or what was wrong. Call once `is_finished`.
    pub fn finish(self) -> Result<Vec<Value>, Fault> {
        if let Some(f) = self.fault {
            return Err(f);
        }
        if let Some(t) = self.total {
            if self.rows != t {
                let pages = self.pages.len();
                return Err(Fault::answer(
                    self.op,
                    "PagingInconsistent",
                    format!(
                        "{}: the cloud said {t} items, its {pages} page(s) held {}",
                        self.op.action, self.rows
                    ),
                    &Value::Null,
                ));
            }
        }
        let mut out = Vec::with_capacity(self.rows as usize);
        for items in self.pages.into_iter().flatten() {
            out.extend(items);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{aliyun_esa, tencent_live, volcengine_live};
    use serde_json::json;

    fn certs(from: usize, n: usize) -> Vec<Value> {
        (from..from + n).map(|i| json!({"Id": format!("c{i}"), "Name": "x"})).collect()
    }

    #[test]
    fn a_first_page_with_a_total_asks_for_every_other_page_at_once_and_keeps_page_order() {
        let mut l = Listing::new(&aliyun_esa::LIST_CERTIFICATES, json!({"SiteId": 7})).unwrap();
        let first = l.start();
        assert_eq!(first, vec![(1, json!({"SiteId": 7, "PageNumber": 1, "PageSize": 100}))]);
        let rest = l.on_page(1, json!({"TotalCount": 250, "Result": certs(0, 100)}));
        assert_eq!(rest.iter().map(|(n, _)| *n).collect::<Vec<_>>(), [2, 3]);
        assert_eq!(rest[1].1["PageNumber"], 3);
        // Answers in any order.
        assert!(l.on_page(3, json!({"TotalCount": 250, "Result": certs(200, 50)})).is_empty());
        assert!(!l.is_finished());
        assert!(l.on_page(2, json!({"TotalCount": 250, "Result": certs(100, 100)})).is_empty());
        assert!(l.is_finished());
        let rows = l.finish().unwrap();
        assert_eq!(rows.len(), 250);
        assert_eq!(rows[0]["Id"], "c0");
        assert_eq!(rows[120]["Id"], "c120");
        assert_eq!(rows[249]["Id"], "c249");
    }

    #[test]
    fn a_cloud_that_serves_fewer_items_a_page_than_asked_for_is_paged_at_its_size() {
        let mut l = Listing::new(&aliyun_esa::LIST_CERTIFICATES, json!({"SiteId": 7})).unwrap();
        l.start();
        let rest = l.on_page(1, json!({"TotalCount": 5, "Result": certs(0, 2)}));
        assert_eq!(rest.iter().map(|(n, _)| *n).collect::<Vec<_>>(), [2, 3]);
        l.on_page(2, json!({"TotalCount": 5, "Result": certs(2, 2)}));
        l.on_page(3, json!({"TotalCount": 5, "Result": certs(4, 1)}));
        assert_eq!(l.finish().unwrap().len(), 5);
        let mut t =
            Listing::new(&tencent_live::DESCRIBE_LIVE_DOMAIN_CERT_BINDINGS, json!({})).unwrap();
        t.start();
        let rows = |a: usize, b: usize| {
            (a..b).map(|i| json!({"DomainName": format!("d{i}")})).collect::<Vec<_>>()
        };
        let rest = t.on_page(1, json!({"TotalNum": 5, "LiveDomainCertBindings": rows(0, 2)}));
        assert_eq!(
            rest.iter().map(|(_, p)| p["Offset"].as_u64().unwrap()).collect::<Vec<_>>(),
            [2, 4]
        );
    }

    #[test]
    fn offset_paging_counts_in_items() {
        let mut l =
            Listing::new(&tencent_live::DESCRIBE_LIVE_DOMAIN_CERT_BINDINGS, json!({})).unwrap();
        l.start();
        let rows: Vec<Value> =
            (0..50).map(|i| json!({"DomainName": format!("d{i}.example.com")})).collect();
        let rest = l.on_page(1, json!({"TotalNum": 120, "LiveDomainCertBindings": rows}));
        assert_eq!(
            rest.iter().map(|(_, p)| p["Offset"].as_u64().unwrap()).collect::<Vec<_>>(),
            [50, 100]
        );
        assert_eq!(rest[0].1["Length"], 50);
    }

    #[test]
    fn a_page_that_repeats_ids_is_an_error_not_more_certificates() {
        let mut l = Listing::new(&aliyun_esa::LIST_CERTIFICATES, json!({"SiteId": 1})).unwrap();
        l.start();
        l.on_page(1, json!({"TotalCount": 100000, "Result": certs(0, 100)}));
        // The same 100 again on page 2.
        l.on_page(2, json!({"TotalCount": 100000, "Result": certs(0, 100)}));
        let e = l.finish().unwrap_err();
        assert_eq!(e.code, "PagingRepeats");
        assert!(e.message.contains("page 2 repeats 100"), "{}", e.message);
    }

    #[test]
    fn an_empty_page_under_a_big_total_is_said_at_the_first_page() {
        let mut l = Listing::new(&volcengine_live::LIST_CERT_V2, json!({})).unwrap();
        l.start();
        let more = l.on_page(1, json!({"Total": 1_000_000_000u64, "CertList": []}));
        assert!(more.is_empty(), "nothing more is asked for");
        assert!(l.is_finished());
        let e = l.finish().unwrap_err();
        assert_eq!(e.code, "ListingTooLarge");
        assert!(e.message.contains("1000000000"), "{}", e.message);
    }

    #[test]
    fn a_total_the_pages_do_not_add_up_to_is_an_error() {
        let mut l = Listing::new(&aliyun_esa::LIST_SITES, json!({})).unwrap();
        l.start();
        let sites: Vec<Value> =
            (0..500).map(|i| json!({"SiteId": i + 1, "SiteName": format!("s{i}.com")})).collect();
        l.on_page(1, json!({"TotalCount": 700, "Sites": sites}));
        l.on_page(2, json!({"TotalCount": 700, "Sites": []}));
        let e = l.finish().unwrap_err();
        assert_eq!(e.code, "PagingInconsistent");
        assert!(e.message.contains("700") && e.message.contains("500"), "{}", e.message);

        let mut changed = Listing::new(&aliyun_esa::LIST_SITES, json!({})).unwrap();
        changed.start();
        let sites: Vec<Value> = (0..500).map(|i| json!({"SiteId": i + 1})).collect();
        changed.on_page(1, json!({"TotalCount": 700, "Sites": sites}));
        changed.on_page(2, json!({"TotalCount": 900, "Sites": [{"SiteId": 9999}]}));
        assert!(changed.finish().unwrap_err().message.contains("total changed"));
    }

    #[test]
    fn a_total_that_is_no_count_is_malformed_never_a_silent_cut() {
        for total in [
            json!(-250),
            json!(250.5),
            json!(18446744073709551616.0f64),
            json!("many"),
            json!(true),
            json!(1u64 << 60),
        ] {
            let mut l = Listing::new(&volcengine_live::LIST_CERT_V2, json!({})).unwrap();
            l.start();
            let rows: Vec<Value> = (0..100).map(|i| json!({"ChainID": format!("c{i}")})).collect();
            let more = l.on_page(1, json!({"Total": total.clone(), "CertList": rows}));
            assert!(more.is_empty(), "{total}");
            let e = l.finish().unwrap_err();
            assert_eq!(e.code, "MalformedAnswer", "{total}");
            assert!(e.message.contains("not a count"), "{}", e.message);
        }
    }

    #[test]
    fn items_that_are_not_objects_or_have_no_id_and_a_missing_list_are_malformed() {
        for (answer, words) in [
            (json!({"TotalCount": 2, "Result": [{"Id": "a"}, 42]}), "item 2 of page 1 is a number"),
            (json!({"TotalCount": 1, "Result": [{}]}), "item 1 of page 1 has no `Id`"),
            (json!({"TotalCount": 1}), "page 1 has no `Result` list (found nothing)"),
            (json!({"Result": "x"}), "found a string"),
            (json!({}), "no `Result` list"),
        ] {
            let mut l = Listing::new(&aliyun_esa::LIST_CERTIFICATES, json!({"SiteId": 1})).unwrap();
            l.start();
            l.on_page(1, answer.clone());
            let e = l.finish().unwrap_err();
            assert_eq!(e.code, "MalformedAnswer", "{answer}");
            assert!(e.message.contains(words), "{answer}: {}", e.message);
        }
        // A list left out with a total of 0 is an empty listing.
        let mut l = Listing::new(&aliyun_esa::LIST_SITES, json!({})).unwrap();
        l.start();
        l.on_page(1, json!({"TotalCount": 0}));
        assert_eq!(l.finish().unwrap(), Vec::<Value>::new());
    }

    #[test]
    fn without_a_total_full_pages_go_on_until_a_short_one_or_the_cap() {
        let op = &aliyun_esa::LIST_CERTIFICATES;
        let mut l = Listing::new(op, json!({"SiteId": 1})).unwrap();
        l.start();
        assert_eq!(l.on_page(1, json!({"Result": certs(0, 100)})).len(), 1);
        assert!(l.on_page(2, json!({"Result": certs(100, 3)})).is_empty());
        assert_eq!(l.finish().unwrap().len(), 103);

        let mut endless = Listing::new(op, json!({"SiteId": 1})).unwrap();
        endless.start();
        let mut n = 1;
        loop {
            let next = endless.on_page(n, json!({"Result": certs(n as usize * 100, 100)}));
            match next.first() {
                Some((m, _)) => n = *m,
                None => break,
            }
        }
        assert_eq!(n, crate::catalog::MAX_PAGES);
        assert_eq!(endless.finish().unwrap_err().code, "PageCapReached");
    }

    #[test]
    fn an_abandoned_listing_asks_for_nothing_more() {
        let mut l = Listing::new(&volcengine_live::LIST_DOMAIN_DETAIL, json!({})).unwrap();
        l.start();
        let rows: Vec<Value> = (0..1000).map(|i| json!({"Domain": format!("d{i}")})).collect();
        let rest = l.on_page(1, json!({"Total": 2500, "DomainList": rows}));
        assert_eq!(rest.len(), 2);
        l.abandon();
        assert!(!l.is_finished(), "page 3 is still in flight");
        assert!(l.on_page(3, json!({"Total": 2500, "DomainList": []})).is_empty());
        assert!(l.is_finished());
        assert!(l.is_abandoned());
    }
}
