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

/// Vite's hashed assets (`/assets/name-HASH.ext`) never change: cached for a year. Everything
/// else (`index.html`, `boot.js`) is revalidated on every load, so a new build shows at once.
pub async fn cache_policy(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let hashed = req.uri().path().starts_with("/assets/");
    let mut res = next.run(req).await;
    let value = if hashed { "public, max-age=31536000, immutable" } else { "no-cache" };
    if res.status().is_success() {
        res.headers_mut().insert("cache-control", HeaderValue::from_static(value));
    }
    res
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
    h.insert("content-type", HeaderValue::from_static("text/html; charset=utf-8"));
    h.insert("content-security-policy", HeaderValue::from_static(CSP));
    h.insert("cache-control", HeaderValue::from_static("no-cache"));
    res
}

const FALLBACK: &str = r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>liveops emulator</title></head>
<body>
<h1>liveops emulator</h1>
<p>The admin UI is not built (run <code>npm run demo</code>). The emulator answers Volcengine Live,
Tencent Cloud Live and Alibaba Cloud ESA requests at this address; its state is at
<a href="/_emulator/state">/_emulator/state</a>.</p>
<h2>A signed ListCertV2 from this page</h2>
<pre id="out">loading the package…</pre>
<script type="module" src="/_emulator/demo.js"></script>
</body></html>
"#;

/// The fallback page's script: loads the package, signs a request with the demo keys and sends it.
pub const DEMO_JS: &str = r#"import init, { signRequest } from '/pkg/liveops.js';
const out = document.getElementById('out');
try {
  await init();
  const body = JSON.stringify({});
  const signed = signRequest({
    scheme: 'volcengine', method: 'POST', host: location.host, protocol: location.protocol.replace(':', ''),
    query: [['Action', 'ListCertV2'], ['Version', '2023-01-01']],
    headers: { 'Content-Type': 'application/json' }, body,
    accessKeyId: 'AKLTLIVEOPSDEMO0000000000', secretAccessKey: 'liveopsDemoSecretKey000000000000',
  });
  const { host, ...headers } = signed.headers;
  const res = await fetch(signed.url, { method: 'POST', headers, body });
  out.textContent = `${signed.canonicalRequest}\n\n${signed.stringToSign}\n\nHTTP ${res.status}\n${JSON.stringify(await res.json(), null, 2)}`;
} catch (e) {
  out.textContent = `${e.name}: ${e.message}`;
}
"#;
