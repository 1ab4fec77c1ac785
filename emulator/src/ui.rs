//! The admin UI: `www/dist` when it has been built, else a minimal page that loads the package
//! and signs a request.

use axum::body::Body;
use axum::http::HeaderValue;
use axum::response::Response;
use tower_http::services::ServeDir;

use crate::Config;

pub fn service(config: &Config) -> ServeDir {
    ServeDir::new(&config.www_dir)
}

/// No inline scripts: the page's code comes from files of this origin.
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src *; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

pub async fn index(config: &Config) -> Response {
    let built = config.www_dir.join("index.html");
    let html = match tokio::fs::read_to_string(&built).await {
        Ok(html) => html,
        Err(_) => FALLBACK.to_string(),
    };
    let mut res = Response::new(Body::from(html));
    let h = res.headers_mut();
    h.insert(
        "content-type",
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    h.insert("content-security-policy", HeaderValue::from_static(CSP));
    res
}

const FALLBACK: &str = r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>liveops emulator</title></head>
<body>
<h1>liveops emulator</h1>
<p>The admin UI is not built (run <code>npm run demo</code>). The emulator answers Volcengine Live,
Tencent Cloud Live and Alibaba Cloud ESA requests at this address; its state is at
<a href="/_emulator/state">/_emulator/state</a>.</p>
</body></html>
"#;
