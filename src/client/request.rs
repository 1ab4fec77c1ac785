//! Turning a validated payload into the request each cloud expects, and resolving where it goes.

use serde_json::Value;

use crate::catalog::{Operation, Placement, Provider};

/// Where requests go, and which host they are signed for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    /// `https` or `http`.
    pub protocol: String,
    /// Host and port requests are sent to.
    pub authority: String,
    /// A forwarding server's path (`/forward/live.volcengineapi.com`), else empty.
    pub prefix: String,
    /// The host the signature names: the endpoint's own, or the cloud's behind a forwarder.
    pub signing_host: String,
}

impl Endpoint {
    /// `endpoint` replaces the cloud's scheme, host and port (`http://127.0.0.1:8787`). With a
    /// path (a forwarding server), requests are signed for the host the path ends with, or else
    /// for `cloud_host`.
    pub fn parse(endpoint: Option<&str>, cloud_host: &str) -> Result<Endpoint, String> {
        let Some(endpoint) = endpoint.map(str::trim).filter(|e| !e.is_empty()) else {
            return Ok(Endpoint {
                protocol: "https".into(),
                authority: cloud_host.into(),
                prefix: String::new(),
                signing_host: cloud_host.into(),
            });
        };
        let (protocol, rest) = endpoint
            .split_once("://")
            .ok_or_else(|| "endpoint must start with http:// or https://".to_string())?;
        let protocol = protocol.to_ascii_lowercase();
        if protocol != "http" && protocol != "https" {
            return Err("endpoint must start with http:// or https://".into());
        }
        let (authority, path) = match rest.find('/') {
            Some(i) => (&rest[..i], rest[i..].trim_end_matches('/')),
            None => (rest, ""),
        };
        let ok_char = |c: char| c.is_ascii_alphanumeric() || "-._:[]".contains(c);
        if authority.is_empty() || !authority.chars().all(ok_char) {
            return Err("endpoint has no valid host".into());
        }
        if path.contains(['?', '#']) {
            return Err("endpoint must not carry a query or fragment".into());
        }
        let signing_host = if path.is_empty() {
            authority.to_string()
        } else {
            path.rsplit('/').next().filter(|h| h.contains('.')).unwrap_or(cloud_host).to_string()
        };
        Ok(Endpoint { protocol, authority: authority.into(), prefix: path.into(), signing_host })
    }

    /// Where an operation of another product of the same cloud goes (Tencent's SSL service beside
    /// Live, on `host`): the cloud's own host gives way to the product's, and so does the host a
    /// forwarder's path ends with; any other endpoint (the emulator, a test server) serves every
    /// product of the cloud as it is.
    pub fn for_product(&self, cloud_host: &str, host: &str) -> Endpoint {
        let mut out = self.clone();
        if self.prefix.is_empty() {
            if self.authority == cloud_host {
                out.authority = host.into();
                out.signing_host = host.into();
            }
        } else if let Some(base) = self.prefix.strip_suffix(cloud_host) {
            if base.ends_with('/') {
                out.prefix = format!("{base}{host}");
                out.signing_host = host.into();
            }
        }
        out
    }

    /// The URL to fetch for a signed request whose path and query are `path_and_query`.
    pub fn url(&self, path_and_query: &str) -> String {
        format!("{}://{}{}{}", self.protocol, self.authority, self.prefix, path_and_query)
    }

    /// Where to fetch a request whose signature was made for `signed_url` (the signing host's URL):
    /// its path and query on this endpoint, behind a forwarder's prefix.
    pub fn fetch_url(&self, signed_url: &str) -> String {
        let signed_origin = format!("{}://{}", self.signing_protocol(), self.signing_host);
        self.url(signed_url.strip_prefix(&signed_origin).unwrap_or("/"))
    }

    /// The protocol the signature's URL uses (a forwarder re-sends over https).
    pub fn signing_protocol(&self) -> &str {
        if self.prefix.is_empty() {
            &self.protocol
        } else {
            "https"
        }
    }
}

/// One request, ready to sign.
#[derive(Clone, PartialEq, Eq)]
pub struct OutgoingRequest {
    pub method: &'static str,
    pub query: Vec<(String, String)>,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl std::fmt::Debug for OutgoingRequest {
    /// The body may hold a private key or an authentication secret: only its size is shown.
    /// (Query values of the RPC style are the payload too, so only their names are.)
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let query: Vec<&str> = self.query.iter().map(|(k, _)| k.as_str()).collect();
        f.debug_struct("OutgoingRequest")
            .field("method", &self.method)
            .field("query_keys", &query)
            .field("headers", &self.headers)
            .field("body_bytes", &self.body.len())
            .finish()
    }
}

/// RPC-style parameters: arrays as `Key.1`, `Key.2` (1-based), objects as `Key.Sub`, scalars as text.
fn flatten(prefix: &str, v: &Value, out: &mut Vec<(String, String)>) {
    match v {
        Value::Null => {}
        Value::String(s) => out.push((prefix.into(), s.clone())),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                flatten(&format!("{prefix}.{}", i + 1), item, out);
            }
        }
        Value::Object(o) => {
            for (k, item) in o {
                let key = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                flatten(&key, item, out);
            }
        }
        other => out.push((prefix.into(), other.to_string())),
    }
}

/// The top-level fields of a payload object (nothing for anything else).
fn fields(payload: &Value) -> impl Iterator<Item = (&String, &Value)> {
    payload.as_object().into_iter().flatten()
}

/// The request `op` sends for `payload`. `region` adds `X-TC-Region` for Tencent.
pub fn build_request(op: &Operation, payload: &Value, region: Option<&str>) -> OutgoingRequest {
    let pairs = |h: &[(&str, &str)]| -> Vec<(String, String)> {
        h.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    };
    // The cloud names the action and version in its own place.
    let (mut query, mut headers) = match op.provider {
        Provider::Volcengine => {
            (pairs(&[("Action", op.action), ("Version", op.version)]), Vec::new())
        }
        Provider::Tencent => {
            let mut h = pairs(&[("x-tc-action", op.action), ("x-tc-version", op.version)]);
            if let Some(r) = region.filter(|r| !r.is_empty()) {
                h.push(("x-tc-region".into(), r.into()));
            }
            (Vec::new(), h)
        }
        Provider::Aliyun => {
            (Vec::new(), pairs(&[("x-acs-action", op.action), ("x-acs-version", op.version)]))
        }
    };
    // The operation says where its payload goes.
    let body = match op.placement {
        Placement::JsonBody => {
            headers.insert(0, ("content-type".into(), "application/json".into()));
            serde_json::to_vec(payload).unwrap_or_default()
        }
        Placement::Query { json } => {
            for (key, value) in fields(payload) {
                match (json.contains(&key.as_str()), value) {
                    (_, Value::Null) => {}
                    // Text already (the JSON written by the caller) goes as it is.
                    (true, Value::String(text)) => query.push((key.clone(), text.clone())),
                    (true, v) => query.push((key.clone(), v.to_string())),
                    (false, v) => flatten(key, v, &mut query),
                }
            }
            Vec::new()
        }
        Placement::FormBody { query: in_query } => {
            let mut form = Vec::new();
            for (key, value) in fields(payload) {
                let to = if in_query.contains(&key.as_str()) { &mut query } else { &mut form };
                flatten(key, value, to);
            }
            headers.insert(0, ("content-type".into(), "application/x-www-form-urlencoded".into()));
            crate::sign::form_encode(&form).into_bytes()
        }
    };
    OutgoingRequest { method: op.method, query, headers, body }
}

#[cfg(test)]
mod fetch_url_tests {
    use super::*;

    #[test]
    fn the_declaration_places_the_payload() {
        use crate::catalog::aliyun_esa::APPLY_CERTIFICATE;
        let payload = serde_json::json!({"SiteId": "1", "Domains": "a.example.com b"});
        let query = build_request(&APPLY_CERTIFICATE, &payload, None);
        assert!(query.body.is_empty() && query.query.len() == 2);
        let form_op =
            Operation { placement: Placement::FormBody { query: &[] }, ..APPLY_CERTIFICATE };
        let form = build_request(&form_op, &payload, None);
        assert!(form.query.is_empty());
        assert_eq!(String::from_utf8(form.body).unwrap(), "Domains=a.example.com%20b&SiteId=1");
        assert_eq!(
            form.headers[0],
            ("content-type".to_string(), "application/x-www-form-urlencoded".to_string())
        );
        let get_op = Operation { method: "GET", ..APPLY_CERTIFICATE };
        assert_eq!(build_request(&get_op, &payload, None).method, "GET");
    }

    #[test]
    fn another_products_operations_go_to_its_host() {
        let cloud = "live.tencentcloudapi.com";
        let ssl = "ssl.tencentcloudapi.com";
        let official = Endpoint::parse(None, cloud).unwrap().for_product(cloud, ssl);
        assert_eq!((official.authority.as_str(), official.signing_host.as_str()), (ssl, ssl));
        assert_eq!(official.url("/"), "https://ssl.tencentcloudapi.com/");
        let forwarded =
            Endpoint::parse(Some("http://127.0.0.1:8787/forward/live.tencentcloudapi.com"), cloud)
                .unwrap()
                .for_product(cloud, ssl);
        assert_eq!(forwarded.url("/"), "http://127.0.0.1:8787/forward/ssl.tencentcloudapi.com/");
        assert_eq!(forwarded.signing_host, ssl);
        let emulator = Endpoint::parse(Some("http://127.0.0.1:8787"), cloud).unwrap();
        assert_eq!(emulator.for_product(cloud, ssl), emulator);
    }

    #[test]
    fn the_signed_path_and_query_go_to_the_endpoint() {
        let direct =
            Endpoint::parse(Some("http://127.0.0.1:8787"), "live.volcengineapi.com").unwrap();
        assert_eq!(
            direct.fetch_url("http://127.0.0.1:8787/?Action=ListCertV2&Version=2023-01-01"),
            "http://127.0.0.1:8787/?Action=ListCertV2&Version=2023-01-01"
        );
        let forwarded = Endpoint::parse(
            Some("http://127.0.0.1:8787/forward/live.volcengineapi.com"),
            "live.volcengineapi.com",
        )
        .unwrap();
        assert_eq!(
            forwarded.fetch_url("https://live.volcengineapi.com/?Action=UnbindCert&Version=2023-01-01"),
            "http://127.0.0.1:8787/forward/live.volcengineapi.com/?Action=UnbindCert&Version=2023-01-01"
        );
        let cloud = Endpoint::parse(None, "esa.cn-hangzhou.aliyuncs.com").unwrap();
        assert_eq!(
            cloud.fetch_url("https://esa.cn-hangzhou.aliyuncs.com/?SiteId=1"),
            "https://esa.cn-hangzhou.aliyuncs.com/?SiteId=1"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{aliyun_esa, tencent_live, volcengine_live};
    use serde_json::json;

    #[test]
    fn endpoints() {
        let d = Endpoint::parse(None, "live.volcengineapi.com").unwrap();
        assert_eq!(d.url("/?a=1"), "https://live.volcengineapi.com/?a=1");
        let e = Endpoint::parse(Some("http://127.0.0.1:8787/"), "live.volcengineapi.com").unwrap();
        assert_eq!(
            (e.authority.as_str(), e.signing_host.as_str(), e.prefix.as_str()),
            ("127.0.0.1:8787", "127.0.0.1:8787", "")
        );
        let f = Endpoint::parse(
            Some("http://127.0.0.1:8787/forward/live.tencentcloudapi.com"),
            "live.tencentcloudapi.com",
        )
        .unwrap();
        assert_eq!(f.signing_host, "live.tencentcloudapi.com");
        assert_eq!(f.url("/"), "http://127.0.0.1:8787/forward/live.tencentcloudapi.com/");
        assert_eq!(f.signing_protocol(), "https");
        for bad in ["127.0.0.1:8787", "ftp://x", "http://", "http://a b", "http://h/p?q=1"] {
            assert!(Endpoint::parse(Some(bad), "h").is_err(), "{bad}");
        }
    }

    #[test]
    fn requests_per_cloud() {
        let v =
            build_request(&volcengine_live::UNBIND_CERT, &json!({"Domain": "a.example.com"}), None);
        assert_eq!(
            v.query,
            [
                ("Action".to_string(), "UnbindCert".to_string()),
                ("Version".into(), "2023-01-01".into())
            ]
        );
        assert_eq!(v.body, br#"{"Domain":"a.example.com"}"#);
        let t = build_request(
            &tencent_live::MODIFY_LIVE_DOMAIN_CERT_BINDINGS,
            &json!({"DomainInfos": []}),
            Some("ap-guangzhou"),
        );
        assert!(t.query.is_empty());
        assert!(t.headers.contains(&("x-tc-action".into(), "ModifyLiveDomainCertBindings".into())));
        assert!(t.headers.contains(&("x-tc-region".into(), "ap-guangzhou".into())));
        let a = build_request(
            &aliyun_esa::APPLY_CERTIFICATE,
            &json!({"SiteId": 12, "Domains": "a,b", "Type": null, "Tags": [{"K": "v"}]}),
            None,
        );
        assert_eq!(
            a.query,
            [
                ("Domains".to_string(), "a,b".to_string()),
                ("SiteId".into(), "12".into()),
                ("Tags.1.K".into(), "v".into())
            ]
        );
        assert!(a.body.is_empty());
    }
}
