//! The catalog as data for user interfaces: each operation's fields with their kind, whether they
//! are required, their allowed values, and their descriptions, derived from the declarations (the
//! rule tables), so that a console renders a form for any operation without code of its own.
//! The console reads it as `www/src/catalog.json`, written from here and checked by a test (it
//! stays out of the shipped wasm, which has no use for descriptions).

use serde::Serialize;

use super::model::{Check, Operation};
use super::OPERATIONS;

/// One field of an operation's payload.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldSpec {
    /// `ValidDuration`, `AuthDetailList[]`, `AuthDetailList[].SecretKey`.
    pub path: &'static str,
    /// `string`, `integer`, `int64`, `boolean`, `array`, `object`, `stringMap`, or `any`.
    pub kind: &'static str,
    pub required: bool,
    /// Allowed values, as text (`push`, `pull`; `1`, `0`, `-1`).
    pub options: Vec<String>,
    /// Allowed keys of a `stringMap`.
    pub keys: Vec<&'static str>,
    /// Most entries of an array, where documented.
    pub max_items: Option<usize>,
    pub secret: bool,
    pub multiline: bool,
    pub en: &'static str,
    pub zh: &'static str,
}

/// One operation, as a form shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OperationSpec {
    pub provider: &'static str,
    pub action: &'static str,
    /// The contract this form follows where the operation changed (`2025-09`); `None`: the default.
    pub contract: Option<&'static str>,
    pub summary: &'static str,
    pub idempotent: bool,
    /// `read`, `write` or `destructive`: the console confirms every write, and a destructive one
    /// in a danger style.
    pub danger: &'static str,
    /// A write that is destructive for some payloads: when an entry of `path` has `value`.
    pub destructive_when: Option<DestructiveWhen>,
    /// The client method that calls it (`unbindCert`), and the TypeScript types of its payload
    /// and answer, from the catalog's one list.
    pub method: &'static str,
    pub request_type: &'static str,
    pub answer_type: &'static str,
    pub fields: Vec<FieldSpec>,
}

/// When a write removes or switches off something in service (`DomainInfos[].Status` = 0).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DestructiveWhen {
    pub path: &'static str,
    pub value: i64,
}

/// The form of `op`.
pub fn spec(op: &Operation) -> OperationSpec {
    let fields = op
        .field_paths()
        .into_iter()
        .map(|path| {
            let rules = || op.rules.iter().filter(move |r| r.path == path);
            let kind = rules()
                .find_map(|r| match r.check {
                    Check::Type(k) => Some(k.name()),
                    _ => None,
                })
                .unwrap_or("any");
            let options = rules()
                .find_map(|r| match r.check {
                    Check::Enum(v) => Some(v.iter().map(|s| s.to_string()).collect()),
                    Check::IntEnum(v) => Some(v.iter().map(|i| i.to_string()).collect()),
                    _ => None,
                })
                .unwrap_or_default();
            let keys = rules()
                .find_map(|r| match r.check {
                    Check::MapKeys(k) => Some(k.to_vec()),
                    _ => None,
                })
                .unwrap_or_default();
            let max_items = rules().find_map(|r| match r.check {
                Check::Items { max, .. } => max,
                _ => None,
            });
            let doc = op.fields.iter().find(|f| f.path == path);
            FieldSpec {
                path,
                kind,
                required: rules().any(|r| matches!(r.check, Check::Required)),
                options,
                keys,
                max_items,
                secret: op.secret_fields.contains(&path),
                multiline: op.multiline_fields.contains(&path),
                en: doc.map(|d| d.en).unwrap_or(""),
                zh: doc.map(|d| d.zh).unwrap_or(""),
            }
        })
        .collect();
    OperationSpec {
        provider: op.provider.as_str(),
        action: op.action,
        contract: None,
        summary: op.summary,
        idempotent: op.idempotent == super::Idempotence::Always,
        danger: op.danger.name(),
        destructive_when: match op.danger {
            super::Danger::DestructiveWhen { path, value } => Some(DestructiveWhen { path, value }),
            _ => None,
        },
        method: op.id().map(|id| id.js_name()).unwrap_or(""),
        request_type: op.id().map(|id| id.ts_types().0).unwrap_or(""),
        answer_type: op.id().map(|id| id.ts_types().1).unwrap_or(""),
        fields,
    }
}

/// Every operation's form.
/// Every operation's form, then the forms of later contracts.
pub fn specs() -> Vec<OperationSpec> {
    let revisions = super::REVISIONS
        .iter()
        .map(|(c, op)| OperationSpec { contract: Some(c.as_str()), ..spec(op) });
    OPERATIONS.iter().map(|op| spec(op)).chain(revisions).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_come_from_the_declarations() {
        let all = specs();
        assert_eq!(all.len(), OPERATIONS.len() + super::super::REVISIONS.len());
        let uak = all.iter().find(|s| s.action == "UpdateAuthKey").unwrap();
        let field = |p: &str| uak.fields.iter().find(|f| f.path == p).unwrap();
        assert_eq!(field("AuthDetailList").kind, "array");
        assert_eq!(field("AuthDetailList").max_items, Some(100));
        assert_eq!(field("AuthDetailList[]").kind, "object");
        assert!(
            field("AuthDetailList[].SecretKey").secret
                && field("AuthDetailList[].SecretKey").required
        );
        assert_eq!(field("AuthDetailList[].AuthField").keys, ["volcSecret", "volcTime"]);
        assert_eq!(field("SceneType").options, ["push", "pull"]);
        let tc = all.iter().find(|s| s.action == "ModifyLiveDomainCertBindings").unwrap();
        let status = tc.fields.iter().find(|f| f.path == "DomainInfos[].Status").unwrap();
        assert_eq!(
            (status.kind, status.options.clone()),
            ("integer", vec!["-1".to_string(), "0".into(), "1".into()])
        );
        assert!(tc
            .fields
            .iter()
            .any(|f| f.path == "CertificatePrivateKey" && f.secret && f.multiline));
        let bind = all.iter().find(|s| s.action == "BindCert").unwrap();
        assert_eq!(
            bind.fields.iter().map(|f| f.path).collect::<Vec<_>>(),
            ["ChainID", "Domain", "HTTPS", "HTTP2", "MinTLSVersion", "MaxTLSVersion"]
        );
    }
}
