//! One profile per cloud: every fact about a cloud that is not about one operation lives here
//! (hosts and regions, API version, signing scheme, token header, default rate, signature window,
//! retryable and clock-skew codes, the exact `Content-Type` of its answers). The client, the
//! validator, the emulator and its forwarder read these; none repeats them.

use super::model::Product;
use crate::sign::Scheme;

/// The three clouds, named as in the JavaScript API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(ts, derive(tsify::Tsify), serde(rename_all = "lowercase"))]
pub enum Provider {
    Volcengine,
    Tencent,
    Aliyun,
}

impl Provider {
    pub const ALL: [Provider; 3] = [Provider::Volcengine, Provider::Tencent, Provider::Aliyun];

    pub fn as_str(self) -> &'static str {
        self.profile().name
    }

    pub fn parse(s: &str) -> Option<Provider> {
        Provider::ALL.into_iter().find(|p| p.as_str() == s)
    }

    /// The cloud's profile.
    pub fn profile(self) -> &'static CloudProfile {
        match self {
            Provider::Volcengine => &VOLCENGINE,
            Provider::Tencent => &TENCENT,
            Provider::Aliyun => &ALIYUN,
        }
    }

    /// The `Content-Type` of the cloud's API answers, byte for byte: the official SDKs compare it
    /// (Tencent's Python SDK reads `Response.Error` only under exactly `application/json`).
    pub fn answer_content_type(self) -> &'static str {
        self.profile().answer_content_type
    }
}

/// What is true of every call to one cloud.
#[derive(Debug)]
pub struct CloudProfile {
    pub provider: Provider,
    /// As in the JavaScript API: `volcengine`, `tencent`, `aliyun`.
    pub name: &'static str,
    /// The API's name for people (`Volcengine Live`).
    pub title: &'static str,
    /// The API version of the operations in the catalog.
    pub api_version: &'static str,
    /// The service name signatures are scoped to.
    pub service: &'static str,
    /// The host when no region is given.
    pub default_host: &'static str,
    /// A host per region (`{region}` replaced), where the cloud has them.
    pub regional_host: Option<&'static str>,
    /// The host of the cloud's international site, where it has one apart.
    pub intl_host: Option<&'static str>,
    /// Every official API host: the forwarder reaches these and nothing else.
    pub official_hosts: &'static [&'static str],
    pub scheme: Scheme,
    /// Whether the client's `region` option is the signing region (else a header or a host).
    pub region_signs: bool,
    /// The documented client-side rate, requests per second and access key.
    pub default_rate: f64,
    /// Seconds a signature stays valid either side of the server's clock.
    pub signature_window_s: i64,
    /// Codes that refuse a signature for its time: the client corrects its clock from `Date`.
    pub skew_codes: &'static [&'static str],
    /// The exact `Content-Type` of the cloud's answers.
    pub answer_content_type: &'static str,
    /// Whether a failure with this code and HTTP status may succeed when tried again.
    pub retryable: fn(code: &str, status: u16) -> bool,
    /// The HTTP status of the cloud's own error answers, where it is always the same (Tencent
    /// answers every error in HTTP 200, the error inside the envelope); `None`: each error has
    /// its own status.
    pub error_status: Option<u16>,
}

/// Which of a cloud's sites an account belongs to: China (`cn`, the default) or the international
/// site (`intl`: Tencent `live.intl.tencentcloudapi.com`, ESA `esa.ap-southeast-1.aliyuncs.com`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Site {
    #[default]
    Cn,
    Intl,
}

impl Site {
    pub fn parse(s: &str) -> Option<Site> {
        match s {
            "cn" => Some(Site::Cn),
            "intl" => Some(Site::Intl),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Site::Cn => "cn",
            Site::Intl => "intl",
        }
    }
}

impl CloudProfile {
    /// The header that carries an STS session token: the signing scheme's.
    pub fn token_header(&self) -> &'static str {
        self.scheme.token_header()
    }

    /// Whether each request carries a fresh signature nonce: the scheme's need.
    pub fn needs_nonce(&self) -> bool {
        self.scheme.needs_nonce()
    }

    /// The host of `site` (with `region` where the cloud has regional hosts), or `None` where the
    /// cloud has no such site.
    pub fn site_host(&self, site: Site, region: Option<&str>) -> Option<String> {
        match site {
            Site::Cn => Some(self.host(region)),
            // A region given with the international site picks its regional host (ESA).
            Site::Intl => match (self.regional_host, region.filter(|r| !r.is_empty())) {
                (Some(pattern), Some(r)) => Some(pattern.replace("{region}", r)),
                _ => self.intl_host.map(str::to_string),
            },
        }
    }

    /// The host requests go to, for `region` where the cloud has regional hosts.
    pub fn host(&self, region: Option<&str>) -> String {
        match (self.regional_host, region.filter(|r| !r.is_empty())) {
            (Some(pattern), Some(r)) => pattern.replace("{region}", r),
            _ => self.default_host.to_string(),
        }
    }
}

pub const VOLCENGINE: CloudProfile = CloudProfile {
    provider: Provider::Volcengine,
    name: "volcengine",
    title: "Volcengine Live",
    api_version: "2023-01-01",
    service: "live",
    default_host: "live.volcengineapi.com",
    regional_host: None,
    // Volcengine's international cloud (BytePlus) is another API with other hosts.
    intl_host: None,
    official_hosts: &["live.volcengineapi.com"],
    scheme: Scheme::Volcengine,
    region_signs: true,
    default_rate: 10.0,
    signature_window_s: 900,
    skew_codes: &["InvalidTimestamp"],
    answer_content_type: "application/json; charset=utf-8",
    error_status: None,
    retryable: |code, status| {
        status == 429
            || status >= 500
            || code == "CommonErr"
            || code.starts_with("InternalError")
            || code == "InternalServiceTimeout"
            || code.contains("FlowLimit")
            || code.contains("Throttling")
    },
};

pub const TENCENT: CloudProfile = CloudProfile {
    provider: Provider::Tencent,
    name: "tencent",
    title: "Tencent Cloud Live",
    api_version: "2018-08-01",
    service: "live",
    default_host: "live.tencentcloudapi.com",
    regional_host: None,
    intl_host: Some("live.intl.tencentcloudapi.com"),
    official_hosts: &[
        "live.tencentcloudapi.com",
        "live.intl.tencentcloudapi.com",
        TENCENT_SSL.host,
        TENCENT_SSL.intl_host,
    ],
    scheme: Scheme::Tc3,
    region_signs: false,
    default_rate: 20.0,
    signature_window_s: 300,
    skew_codes: &["AuthFailure.SignatureExpire"],
    answer_content_type: "application/json",
    error_status: Some(200),
    // Errors come with HTTP 200; any other status is a gateway's.
    retryable: |code, status| {
        code.starts_with("RequestLimitExceeded")
            || code == "LimitExceeded.RateLimitExceeded"
            || code == "InternalError"
            || status != 200
    },
};

/// Tencent Cloud SSL Certificates: where certificates uploaded to Tencent Cloud Live are kept.
pub const TENCENT_SSL: Product = Product {
    title: "Tencent Cloud SSL Certificates",
    service: "ssl",
    api_version: "2019-12-05",
    host: "ssl.tencentcloudapi.com",
    intl_host: "ssl.intl.tencentcloudapi.com",
};

pub const ALIYUN: CloudProfile = CloudProfile {
    provider: Provider::Aliyun,
    name: "aliyun",
    title: "Alibaba Cloud ESA",
    api_version: "2024-09-10",
    service: "esa",
    default_host: "esa.cn-hangzhou.aliyuncs.com",
    regional_host: Some("esa.{region}.aliyuncs.com"),
    intl_host: Some("esa.ap-southeast-1.aliyuncs.com"),
    official_hosts: &["esa.cn-hangzhou.aliyuncs.com", "esa.ap-southeast-1.aliyuncs.com"],
    scheme: Scheme::Acs3,
    region_signs: false,
    // No documented limit; a conservative pace that can be changed per client.
    default_rate: 20.0,
    signature_window_s: 900,
    skew_codes: &["Unauthorized.InvalidTime"],
    answer_content_type: "application/json;charset=utf-8",
    error_status: None,
    retryable: |code, status| {
        code.contains("Throttling")
            || code == "ServiceUnavailable"
            || status >= 500
            || status == 429
    },
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_profile_is_its_providers() {
        for p in Provider::ALL {
            assert_eq!(p.profile().provider, p);
            assert_eq!(Provider::parse(p.as_str()), Some(p));
            assert!(p.profile().official_hosts.contains(&p.profile().default_host));
        }
    }

    #[test]
    fn international_sites_have_their_own_hosts_and_the_forwarder_reaches_them() {
        assert_eq!(
            TENCENT.site_host(Site::Intl, None).as_deref(),
            Some("live.intl.tencentcloudapi.com")
        );
        assert_eq!(
            ALIYUN.site_host(Site::Intl, None).as_deref(),
            Some("esa.ap-southeast-1.aliyuncs.com")
        );
        assert_eq!(VOLCENGINE.site_host(Site::Intl, None), None);
        assert_eq!(
            ALIYUN.site_host(Site::Cn, None).as_deref(),
            Some("esa.cn-hangzhou.aliyuncs.com")
        );
        for p in Provider::ALL {
            if let Some(h) = p.profile().intl_host {
                assert!(p.profile().official_hosts.contains(&h), "{h}");
            }
        }
        assert!(TENCENT.official_hosts.contains(&TENCENT_SSL.intl_host));
    }

    #[test]
    fn regional_hosts() {
        assert_eq!(ALIYUN.host(Some("ap-southeast-1")), "esa.ap-southeast-1.aliyuncs.com");
        assert_eq!(ALIYUN.host(None), "esa.cn-hangzhou.aliyuncs.com");
        assert_eq!(ALIYUN.host(Some("")), "esa.cn-hangzhou.aliyuncs.com");
        assert_eq!(VOLCENGINE.host(Some("cn-north-1")), "live.volcengineapi.com");
    }
}
