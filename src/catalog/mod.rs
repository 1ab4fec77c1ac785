//! The catalog: one profile per cloud (`profile`) and one declaration per operation (a module per
//! cloud API), in the vocabulary of `model`. Validation, the clients, the generated docs and
//! TypeScript types, the emulator and the console read it; it depends on nothing but the signing
//! schemes.
//!
//! Adding an operation: declare it in its cloud's module (fields, rules, answer model, whether it
//! is idempotent), add its line to `for_each_operation!` (its client method and TypeScript types
//! come from that line), teach the emulator its behaviour (the compiler asks for it), and test it:
//! CONTRIBUTING.md has the steps.

pub mod aliyun_esa;
pub mod envelope;
pub mod model;
pub mod profile;
pub mod spec;
pub mod tencent_live;
pub mod tencent_ssl;
pub mod volcengine_live;

pub use model::{
    doc, rule, Charset, Check, Danger, FieldDoc, Idempotence, Kind, Level, Operation, PageStyle,
    Paging, PemKind, Placement, Product, Rule, MAX_PAGES,
};
pub use profile::{CloudProfile, Provider, Site};

use serde_json::Value;

/// The one list of operations, in the order of the docs. Each entry: the operation's name (a
/// variant of [`OpId`]), the client class and the JS and Rust names of its method, its declaration,
/// and the TypeScript types of its payload and answer. Whatever needs one item per operation
/// expands this list: [`OPERATIONS`] and [`OpId`] here, the client methods of the wasm layer. The
/// emulator's dispatch is a `match` on [`OpId`] with no default arm, so an operation added here
/// without its behaviour there does not compile.
///
/// Docs on an entry are `#[doc = "…"]` attributes: wasm-bindgen copies `///` comments passed
/// through a macro into the `.d.ts` as raw-string tokens (`r" …`).
///
/// `$then` is a macro taking the entries as
/// `$(#[doc])* Id: Class.jsName / rust_name = module::DECLARATION ("Request" -> "Promise<Answer>")`.
#[macro_export]
macro_rules! for_each_operation {
    ($then:ident) => {
        $then! {
            #[doc = "With the client's `contract: '2025-09'`, the 2025 rules (`UpdateAuthKey2025Request`)."]
            VolcUpdateAuthKey: VolcengineLive.updateAuthKey / update_auth_key = volcengine_live::UPDATE_AUTH_KEY
                ("UpdateAuthKeyRequest | UpdateAuthKey2025Request" -> "Promise<RequestIdResult>"),
            VolcListCertV2: VolcengineLive.listCertV2 / list_cert_v2 = volcengine_live::LIST_CERT_V2
                ("ListCertV2Request" -> "Promise<ListCertV2Answer>"),
            VolcUnbindCert: VolcengineLive.unbindCert / unbind_cert = volcengine_live::UNBIND_CERT
                ("UnbindCertRequest" -> "Promise<RequestIdResult>"),
            VolcBindCert: VolcengineLive.bindCert / bind_cert = volcengine_live::BIND_CERT
                ("BindCertRequest" -> "Promise<RequestIdResult>"),
            #[doc = "Not idempotent: a call whose outcome is unknown is not sent again."]
            VolcCreateCert: VolcengineLive.createCert / create_cert = volcengine_live::CREATE_CERT
                ("CreateCertRequest" -> "Promise<CreateCertResult & { RequestId: string }>"),
            VolcDeleteCert: VolcengineLive.deleteCert / delete_cert = volcengine_live::DELETE_CERT
                ("DeleteCertRequest" -> "Promise<RequestIdResult>"),
            VolcDescribeCertDetailSecretV2: VolcengineLive.describeCertDetailSecretV2 / describe_cert_detail_secret_v2 = volcengine_live::DESCRIBE_CERT_DETAIL_SECRET_V2
                ("DescribeCertDetailSecretV2Request" -> "Promise<CertDetail & { RequestId: string }>"),
            VolcListDomainDetail: VolcengineLive.listDomainDetail / list_domain_detail = volcengine_live::LIST_DOMAIN_DETAIL
                ("ListDomainDetailRequest" -> "Promise<ListDomainDetailResult & { RequestId: string }>"),
            #[doc = "Per-domain failures (`Errors`, `MismatchedDomainNames`) are part of the result."]
            TcModifyLiveDomainCertBindings: TencentLive.modifyLiveDomainCertBindings / modify_live_domain_cert_bindings = tencent_live::MODIFY_LIVE_DOMAIN_CERT_BINDINGS
                ("ModifyLiveDomainCertBindingsRequest" -> "Promise<ModifyLiveDomainCertBindingsResponse>"),
            TcDescribeLiveDomainCertBindings: TencentLive.describeLiveDomainCertBindings / describe_live_domain_cert_bindings = tencent_live::DESCRIBE_LIVE_DOMAIN_CERT_BINDINGS
                ("DescribeLiveDomainCertBindingsRequest" -> "Promise<DescribeLiveDomainCertBindingsResponse>"),
            TcDescribeLiveDomainCert: TencentLive.describeLiveDomainCert / describe_live_domain_cert = tencent_live::DESCRIBE_LIVE_DOMAIN_CERT
                ("DescribeLiveDomainCertRequest" -> "Promise<DescribeLiveDomainCertResponse>"),
            TcDescribeLiveDomains: TencentLive.describeLiveDomains / describe_live_domains = tencent_live::DESCRIBE_LIVE_DOMAINS
                ("DescribeLiveDomainsRequest" -> "Promise<DescribeLiveDomainsResponse>"),
            #[doc = "Tencent Cloud SSL Certificates (2019-12-05, `ssl.tencentcloudapi.com`): where uploaded certificates are kept."]
            TcSslDescribeCertificates: TencentLive.describeCertificates / describe_certificates = tencent_ssl::DESCRIBE_CERTIFICATES
                ("DescribeCertificatesRequest" -> "Promise<DescribeCertificatesResponse>"),
            #[doc = "Tencent Cloud SSL Certificates: one certificate, its chain (`CertificatePublicKey`) among the rest."]
            TcSslDescribeCertificateDetail: TencentLive.describeCertificateDetail / describe_certificate_detail = tencent_ssl::DESCRIBE_CERTIFICATE_DETAIL
                ("DescribeCertificateDetailRequest" -> "Promise<DescribeCertificateDetailResponse>"),
            #[doc = "Tencent Cloud SSL Certificates: deletes a certificate bound to no resource."]
            TcSslDeleteCertificate: TencentLive.deleteCertificate / delete_certificate = tencent_ssl::DELETE_CERTIFICATE
                ("DeleteSslCertificateRequest" -> "Promise<DeleteSslCertificateResponse>"),
            #[doc = "Not idempotent: a call whose outcome is unknown is not sent again."]
            EsaApplyCertificate: AliyunEsa.applyCertificate / apply_certificate = aliyun_esa::APPLY_CERTIFICATE
                ("ApplyCertificateRequest" -> "Promise<ApplyCertificateResponse>"),
            EsaListSites: AliyunEsa.listSites / list_sites = aliyun_esa::LIST_SITES
                ("ListSitesRequest" -> "Promise<ListSitesResponse>"),
            EsaListCertificates: AliyunEsa.listCertificates / list_certificates = aliyun_esa::LIST_CERTIFICATES
                ("ListCertificatesRequest" -> "Promise<ListCertificatesResponse>"),
            EsaGetCertificate: AliyunEsa.getCertificate / get_certificate = aliyun_esa::GET_CERTIFICATE
                ("GetCertificateRequest" -> "Promise<GetCertificateResponse>"),
            #[doc = "Without `Id` not idempotent: a call whose outcome is unknown is not sent again."]
            EsaSetCertificate: AliyunEsa.setCertificate / set_certificate = aliyun_esa::SET_CERTIFICATE
                ("SetCertificateRequest" -> "Promise<SetCertificateResponse>"),
            EsaDeleteCertificate: AliyunEsa.deleteCertificate / delete_certificate = aliyun_esa::DELETE_CERTIFICATE
                ("DeleteCertificateRequest" -> "Promise<{ RequestId: string; Id: string; SiteId: number; SiteName: string }>"),
        }
    };
}

#[doc = "`OPERATIONS` and `OpId` from the list."]
macro_rules! catalog_of {
    ($( $(#[$doc:meta])* $id:ident : $class:ident . $js:ident / $rust:ident = $module:ident :: $decl:ident ($req:literal -> $ret:literal) ),* $(,)?) => {
        /// Every operation of the library, in the order of the docs.
        pub static OPERATIONS: [&Operation; [$(stringify!($id)),*].len()] = [$(&$module::$decl),*];

        /// An operation by name: a `match` on it names every operation, so code that must handle
        /// each one (the emulator's dispatch) does not compile when one is missing.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum OpId {
            $($id),*
        }

        impl OpId {
            /// Every operation, in the order of [`OPERATIONS`].
            pub const ALL: [OpId; [$(stringify!($id)),*].len()] = [$(OpId::$id),*];

            /// The declaration (the default contract's).
            pub fn operation(self) -> &'static Operation {
                match self {
                    $(OpId::$id => &$module::$decl),*
                }
            }

            /// The client method's name in JavaScript (`unbindCert`).
            pub fn js_name(self) -> &'static str {
                match self {
                    $(OpId::$id => stringify!($js)),*
                }
            }

            /// The TypeScript types of its payload and of its answer.
            pub fn ts_types(self) -> (&'static str, &'static str) {
                match self {
                    $(OpId::$id => ($req, $ret)),*
                }
            }
        }
    };
}

for_each_operation!(catalog_of);

impl Operation {
    /// Which operation this declaration is (a revision under another contract is the same one).
    pub fn id(&self) -> Option<OpId> {
        OpId::ALL.into_iter().find(|id| {
            let op = id.operation();
            op.provider == self.provider && op.action == self.action && op.version == self.version
        })
    }
}

/// The contract a rule set follows where an operation changed: `2023-10` (the default, the seed
/// documents) or `2025-09` (Volcengine's UpdateAuthKey of 2025-09-29).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Contract {
    #[default]
    V2023_10,
    V2025_09,
}

impl Contract {
    pub const ALL: [Contract; 2] = [Contract::V2023_10, Contract::V2025_09];

    pub fn parse(s: &str) -> Option<Contract> {
        match s {
            "2023-10" => Some(Contract::V2023_10),
            "2025-09" => Some(Contract::V2025_09),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Contract::V2023_10 => "2023-10",
            Contract::V2025_09 => "2025-09",
        }
    }
}

/// Operations whose rules changed, by the contract that changed them.
pub static REVISIONS: [(Contract, &Operation); 1] =
    [(Contract::V2025_09, &volcengine_live::UPDATE_AUTH_KEY_2025)];

/// The operation named `action` of `provider` as `contract` has it.
pub fn operation_as_of(
    provider: Provider,
    action: &str,
    contract: Contract,
) -> Option<&'static Operation> {
    REVISIONS
        .iter()
        .find(|(c, op)| *c == contract && op.provider == provider && op.action == action)
        .map(|(_, op)| *op)
        .or_else(|| operation(provider, action))
}

/// A JSON number as decimal text, through serde_json's writer: `Number`'s `Display` would pull
/// core's float formatting into the module for the numbers that are floats.
pub fn decimal(n: &serde_json::Number) -> String {
    serde_json::to_string(n).unwrap_or_default()
}

/// The operation named `action` of `provider`.
pub fn operation(provider: Provider, action: &str) -> Option<&'static Operation> {
    OPERATIONS
        .iter()
        .copied()
        .find(|op| op.provider == provider && op.action == action)
}

/// The values of `op`'s secret fields in `payload` (every entry of a `[]` path).
pub fn secret_values<'p>(op: &Operation, payload: &'p Value) -> Vec<&'p str> {
    fn collect<'p>(v: &'p Value, path: &[&str], out: &mut Vec<&'p str>) {
        let Some((head, rest)) = path.split_first() else {
            if let Some(s) = v.as_str() {
                out.push(s);
            }
            return;
        };
        let (name, every) = match head.strip_suffix("[]") {
            Some(name) => (name, true),
            None => (*head, false),
        };
        match (every, v.get(name)) {
            (true, Some(Value::Array(items))) => items.iter().for_each(|i| collect(i, rest, out)),
            (false, Some(child)) => collect(child, rest, out),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for path in op.secret_fields {
        collect(payload, &path.split('.').collect::<Vec<_>>(), &mut out);
    }
    out
}

/// Replaces the string at `path` (each entry of a `[]` step) with `***`.
fn mask(v: &mut Value, path: &[&str]) {
    let Some((head, rest)) = path.split_first() else {
        if v.is_string() {
            *v = Value::String("***".into());
        }
        return;
    };
    let (name, every) = match head.strip_suffix("[]") {
        Some(name) => (name, true),
        None => (*head, false),
    };
    let Some(child) = v.get_mut(name) else { return };
    match (every, child) {
        (true, Value::Array(items)) => items.iter_mut().for_each(|i| mask(i, rest)),
        (true, _) => {}
        (false, child) => mask(child, rest),
    }
}

/// `payload` with every secret field of `op` replaced by `***`: what a preview may show.
pub fn masked(op: &Operation, payload: &Value) -> Value {
    let mut out = payload.clone();
    for path in op.secret_fields {
        mask(&mut out, &path.split('.').collect::<Vec<_>>());
    }
    out
}

/// Masks, in an answer of `op`, every field its declaration names as a secret of the answer.
pub fn mask_answer(op: &Operation, answer: &mut Value) {
    for path in op.answer_secret_fields {
        mask(answer, &path.split('.').collect::<Vec<_>>());
    }
}
