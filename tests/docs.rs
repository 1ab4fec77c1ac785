//! `docs/rules.md` is the rule tables' own output: it cannot drift from them.

#[test]
fn rules_reference_matches_the_rule_tables() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/rules.md");
    let generated = liveops::validate::docs::rules_markdown();
    if std::env::var_os("LIVEOPS_BLESS").is_some() {
        std::fs::write(path, &generated).unwrap();
    }
    let on_disk = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        on_disk == generated,
        "docs/rules.md differs from the rule tables: run `LIVEOPS_BLESS=1 cargo test --test docs`"
    );
}

/// `www/src/catalog.json`, the console's forms, is the catalog's own output too.
#[test]
fn console_catalog_matches_the_declarations() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/www/src/catalog.json");
    let generated = serde_json::to_string_pretty(&liveops::catalog::spec::specs()).unwrap() + "\n";
    if std::env::var_os("LIVEOPS_BLESS").is_some() {
        std::fs::write(path, &generated).unwrap();
    }
    let on_disk = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        on_disk == generated,
        "www/src/catalog.json differs from the catalog: run `LIVEOPS_BLESS=1 cargo test --test docs`"
    );
}

/// The README's table of operations (between its `operations` markers) is the catalog's output.
#[test]
fn readme_table_matches_the_catalog() {
    const START: &str = "<!-- operations: generated from the catalog -->\n";
    const END: &str = "<!-- /operations -->\n";
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).unwrap();
    let (Some(a), Some(b)) = (readme.find(START), readme.find(END)) else {
        panic!("README.md lacks the operations markers");
    };
    let on_disk = &readme[a + START.len()..b];
    let generated = liveops::validate::docs::operations_table();
    if std::env::var_os("LIVEOPS_BLESS").is_some() {
        let mut next = readme[..a + START.len()].to_string();
        next.push_str(&generated);
        next.push_str(&readme[b..]);
        std::fs::write(path, next).unwrap();
        return;
    }
    assert!(
        on_disk == generated,
        "README.md's table of operations differs from the catalog: run `LIVEOPS_BLESS=1 cargo test --test docs`"
    );
}
