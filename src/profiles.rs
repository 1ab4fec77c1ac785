//! Credentials as operators already keep them: the clouds' own command lines' configuration files,
//! read from their text (the caller reads the files). Tencent's `tccli` (`~/.tccli/NAME.credential`,
//! `secretId`, `secretKey`, `token`; `NAME.configure` for the region and endpoints), the `aliyun`
//! CLI (`~/.aliyun/config.json`: a `profiles` array with `mode`, `access_key_id`,
//! `access_key_secret`, `sts_token`, `region_id`; `current`), and Volcengine's `ve`
//! (`~/.volcengine/config.json`: a `profiles` map with `access-key`, `secret-key`,
//! `session-token`, `region`; `current`). A mode that needs more than a key pair (a RAM role, SSO,
//! an instance's role) is an error naming the mode, never a silent fallback to other keys.

use serde_json::Value;

use crate::catalog::{Provider, Site};

/// What a profile gives a client.
#[derive(Clone, PartialEq, Eq)]
pub struct ProfileCredentials {
    pub access_key_id: String,
    pub secret_access_key: String,
    pub session_token: Option<String>,
    pub region: Option<String>,
    pub site: Site,
}

impl std::fmt::Debug for ProfileCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProfileCredentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"***")
            .field("session_token", &self.session_token.as_ref().map(|_| "***"))
            .field("region", &self.region)
            .field("site", &self.site)
            .finish()
    }
}

/// Why a profile gives no credentials. The words never hold a secret.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProfileError {
    #[error("{file} is not JSON of the {cli} CLI's configuration")]
    Unreadable { cli: &'static str, file: &'static str },
    #[error("no profile named {name} in the {cli} CLI's configuration (it has: {available})")]
    NoProfile { cli: &'static str, name: String, available: String },
    #[error("the {cli} profile {name} uses the mode {mode}, which liveops cannot use (only access keys, with or without an STS token); use a profile of such keys")]
    UnsupportedMode { cli: &'static str, name: String, mode: String },
    #[error("the {cli} profile {name} has no {field}")]
    MissingField { cli: &'static str, name: String, field: &'static str },
}

impl ProfileError {
    pub fn code(&self) -> &'static str {
        match self {
            ProfileError::Unreadable { .. } => "ProfileUnreadable",
            ProfileError::NoProfile { .. } => "UnknownProfile",
            ProfileError::UnsupportedMode { .. } => "UnsupportedProfileMode",
            ProfileError::MissingField { .. } => "IncompleteProfile",
        }
    }
}

fn text(v: &Value, k: &str) -> Option<String> {
    v.get(k).and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

fn parse(cli: &'static str, file: &'static str, s: &str) -> Result<Value, ProfileError> {
    serde_json::from_str::<Value>(s)
        .ok()
        .filter(Value::is_object)
        .ok_or(ProfileError::Unreadable { cli, file })
}

/// The international site where a region or endpoint says so.
fn site_of(region: Option<&str>, endpoints: &[String]) -> Site {
    let intl_region = region.is_some_and(|r| r == "ap-southeast-1");
    if intl_region || endpoints.iter().any(|e| e.contains(".intl.") || e.contains("ap-southeast-1"))
    {
        Site::Intl
    } else {
        Site::Cn
    }
}

/// `tccli`: the profile's `.credential` file, and its `.configure` file if there is one.
pub fn tccli(
    name: &str,
    credential: &str,
    configure: Option<&str>,
) -> Result<ProfileCredentials, ProfileError> {
    const CLI: &str = "tccli";
    let c = parse(CLI, "NAME.credential", credential)?;
    // Role profiles carry a `role-arn` (or a `type`) instead of the keys themselves.
    if let Some(mode) = text(&c, "type").filter(|t| t != "secret").or_else(|| {
        c.get("role-arn")
            .and_then(Value::as_str)
            .filter(|r| !r.is_empty())
            .map(|_| "role-arn".to_string())
    }) {
        return Err(ProfileError::UnsupportedMode { cli: CLI, name: name.into(), mode });
    }
    let missing = |field| ProfileError::MissingField { cli: CLI, name: name.into(), field };
    let conf = configure.and_then(|t| serde_json::from_str::<Value>(t).ok());
    let region = conf.as_ref().and_then(|c| text(&c["_sys_param"], "region"));
    let endpoints: Vec<String> = conf
        .as_ref()
        .into_iter()
        .flat_map(|c| [text(&c["live"], "endpoint"), text(&c["ssl"], "endpoint")])
        .flatten()
        .collect();
    Ok(ProfileCredentials {
        access_key_id: text(&c, "secretId").ok_or_else(|| missing("secretId"))?,
        secret_access_key: text(&c, "secretKey").ok_or_else(|| missing("secretKey"))?,
        session_token: text(&c, "token"),
        site: site_of(None, &endpoints),
        region,
    })
}

/// The profile asked for: `name`, else the configuration's `current`, else `default`.
fn wanted_profile(config: &Value, name: Option<&str>) -> String {
    name.map(str::to_string).or_else(|| text(config, "current")).unwrap_or_else(|| "default".into())
}

/// The `aliyun` CLI: `config.json`, the profile `name` or else its `current`.
pub fn aliyun(config: &str, name: Option<&str>) -> Result<ProfileCredentials, ProfileError> {
    const CLI: &str = "aliyun";
    let c = parse(CLI, "config.json", config)?;
    let profiles = c["profiles"].as_array().cloned().unwrap_or_default();
    let wanted = wanted_profile(&c, name);
    let Some(p) = profiles.iter().find(|p| text(p, "name").as_deref() == Some(wanted.as_str()))
    else {
        let available: Vec<String> = profiles.iter().filter_map(|p| text(p, "name")).collect();
        return Err(ProfileError::NoProfile {
            cli: CLI,
            name: wanted,
            available: if available.is_empty() { "none".into() } else { available.join(", ") },
        });
    };
    let mode = text(p, "mode").unwrap_or_else(|| "AK".into());
    if mode != "AK" && mode != "StsToken" {
        return Err(ProfileError::UnsupportedMode { cli: CLI, name: wanted, mode });
    }
    let missing = |field| ProfileError::MissingField { cli: CLI, name: wanted.clone(), field };
    let region = text(p, "region_id");
    let session_token = text(p, "sts_token");
    if mode == "StsToken" && session_token.is_none() {
        return Err(missing("sts_token"));
    }
    Ok(ProfileCredentials {
        access_key_id: text(p, "access_key_id").ok_or_else(|| missing("access_key_id"))?,
        secret_access_key: text(p, "access_key_secret")
            .ok_or_else(|| missing("access_key_secret"))?,
        session_token: if mode == "StsToken" { session_token } else { None },
        site: site_of(region.as_deref(), &[]),
        region,
    })
}

/// Volcengine's `ve`: `config.json`, the profile `name` or else its `current`.
pub fn volcengine(config: &str, name: Option<&str>) -> Result<ProfileCredentials, ProfileError> {
    const CLI: &str = "ve";
    let c = parse(CLI, "config.json", config)?;
    let profiles = c["profiles"].as_object().cloned().unwrap_or_default();
    let wanted = wanted_profile(&c, name);
    let Some(p) = profiles.get(&wanted) else {
        let available: Vec<&str> = profiles.keys().map(String::as_str).collect();
        return Err(ProfileError::NoProfile {
            cli: CLI,
            name: wanted,
            available: if available.is_empty() { "none".into() } else { available.join(", ") },
        });
    };
    if let Some(mode) =
        text(p, "mode").filter(|m| !m.eq_ignore_ascii_case("ak") && !m.eq_ignore_ascii_case("sts"))
    {
        return Err(ProfileError::UnsupportedMode { cli: CLI, name: wanted, mode });
    }
    let missing = |field| ProfileError::MissingField { cli: CLI, name: wanted.clone(), field };
    Ok(ProfileCredentials {
        access_key_id: text(p, "access-key").ok_or_else(|| missing("access-key"))?,
        secret_access_key: text(p, "secret-key").ok_or_else(|| missing("secret-key"))?,
        session_token: text(p, "session-token"),
        // The profile's region is a default for Volcengine's other services: Live signs for
        // cn-north-1 alone, so it is not taken.
        region: None,
        site: Site::Cn,
    })
}

/// The profile of `provider` from its CLI's files: `files.0` the main file (tccli: the
/// `.credential` file; the others: `config.json`), `files.1` tccli's `.configure` file.
pub fn read(
    provider: Provider,
    name: Option<&str>,
    main: &str,
    configure: Option<&str>,
) -> Result<ProfileCredentials, ProfileError> {
    match provider {
        Provider::Tencent => tccli(name.unwrap_or("default"), main, configure),
        Provider::Aliyun => aliyun(main, name),
        Provider::Volcengine => volcengine(main, name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tccli_profiles_give_their_keys_token_and_site() {
        let p = tccli(
            "prod",
            r#"{"secretId": "AKIDx", "secretKey": "sk", "token": "tok"}"#,
            Some(r#"{"_sys_param": {"region": "ap-guangzhou", "output": "json"}, "live": {"endpoint": "live.intl.tencentcloudapi.com"}}"#),
        )
        .unwrap();
        assert_eq!(p.access_key_id, "AKIDx");
        assert_eq!(p.session_token.as_deref(), Some("tok"));
        assert_eq!(p.region.as_deref(), Some("ap-guangzhou"));
        assert_eq!(p.site, Site::Intl);
        assert!(!format!("{p:?}").contains("sk\""), "Debug hides the secret");
        let role =
            tccli("r", r#"{"type": "assume-role", "secretId": "a", "secretKey": "b"}"#, None);
        assert!(
            matches!(role, Err(ProfileError::UnsupportedMode { ref mode, .. }) if mode == "assume-role")
        );
        assert_eq!(tccli("x", "not json", None).unwrap_err().code(), "ProfileUnreadable");
        let e = tccli("x", r#"{"secretId": "a"}"#, None).unwrap_err();
        assert_eq!(e.code(), "IncompleteProfile");
        assert!(e.to_string().contains("secretKey"));
    }

    #[test]
    fn aliyun_profiles_by_name_or_current_and_modes_ak_and_sts_only() {
        let config = r#"{"current": "intl", "profiles": [
            {"name": "default", "mode": "AK", "access_key_id": "LTAI1", "access_key_secret": "s1", "region_id": "cn-hangzhou"},
            {"name": "intl", "mode": "StsToken", "access_key_id": "STS.x", "access_key_secret": "s2", "sts_token": "t2", "region_id": "ap-southeast-1"},
            {"name": "role", "mode": "RamRoleArn", "access_key_id": "LTAI3", "access_key_secret": "s3", "ram_role_arn": "acs:ram::1:role/x"}
        ]}"#;
        let current = aliyun(config, None).unwrap();
        assert_eq!(
            (current.access_key_id.as_str(), current.session_token.as_deref(), current.site),
            ("STS.x", Some("t2"), Site::Intl)
        );
        let d = aliyun(config, Some("default")).unwrap();
        assert_eq!((d.access_key_id.as_str(), d.session_token, d.site), ("LTAI1", None, Site::Cn));
        let role = aliyun(config, Some("role")).unwrap_err();
        assert_eq!(role.code(), "UnsupportedProfileMode");
        assert!(role.to_string().contains("RamRoleArn"), "{role}");
        assert!(!role.to_string().contains("s3"), "no secret in the words");
        let none = aliyun(config, Some("nope")).unwrap_err();
        assert!(none.to_string().contains("default, intl, role"), "{none}");
    }

    #[test]
    fn volcengine_profiles_from_the_profiles_map() {
        let config = r#"{"current": "default", "profiles": {"default": {"name": "default", "mode": "ak", "access-key": "AKLT1", "secret-key": "s", "region": "cn-beijing"}, "sso": {"mode": "sso"}}}"#;
        let p = volcengine(config, None).unwrap();
        assert_eq!(
            (p.access_key_id.as_str(), p.region.as_deref()),
            ("AKLT1", None),
            "Live signs for cn-north-1 only"
        );
        assert_eq!(volcengine(config, Some("sso")).unwrap_err().code(), "UnsupportedProfileMode");
        assert_eq!(volcengine(config, Some("x")).unwrap_err().code(), "UnknownProfile");
    }
}
