#!/usr/bin/env node
// The size breakdown of BENCHMARKS.md: the package's module rebuilt with names (wasm-bindgen
// without --remove-name-section, then wasm-opt -Oz -g), `twiggy top` grouped by crate.
// Needs twiggy (`cargo install twiggy`) and a release build (node pkg-config/build.mjs), which
// leaves each entry's module in target/liveops-bindgen/.
// Usage: node scripts/size-breakdown.mjs [liveops|sign|validate]   (default liveops)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const entry = process.argv[2] ?? 'liveops';
const dir = mkdtempSync(join(tmpdir(), 'liveops-size-'));
try {
  execFileSync('wasm-bindgen', ['--target', 'web', '--out-dir', dir, join(root, 'target/liveops-bindgen', `${entry}.wasm`)]);
  const named = join(dir, 'named.wasm');
  execFileSync(process.execPath, [join(root, 'node_modules/binaryen/bin/wasm-opt'), join(dir, `${entry}_bg.wasm`), '-Oz', '-g',
    '--enable-bulk-memory', '--enable-reference-types', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
    '--enable-mutable-globals', '--enable-multivalue', '-o', named]);
  const csv = execFileSync('twiggy', ['top', '-n', '100000', '--format', 'csv', named], { encoding: 'utf8', maxBuffer: 64 << 20 });
  // Most specific first; the first match wins.
  const GROUPS = [
    ['name sections (kept here for the analysis, not in the package)', /names" subsection$/],
    ['data (strings, tables)', /^data segment/],
    ['wasm-bindgen export shims', /shim$|^__wbg|^__wbindgen|externref|multivalue/],
    ['liveops::lifecycle', /liveops::lifecycle/],
    ['liveops::wasm', /liveops::wasm/],
    ['liveops::validate', /liveops::validate/],
    ['liveops::sign', /liveops::sign/],
    ['liveops::client', /liveops::client/],
    ['liveops (catalog, ops, other)', /liveops::/],
    ['X.509 / DER / PEM / keys', /\b(x509_cert|der|pkcs1|pkcs8|sec1|spki|base64ct|pem_rfc7468|const_oid)\b/],
    ['serde / serde_json', /\bserde(_json|_core)?\b|zmij|\bryu\b|\bitoa\b/],
    ['JS bindings, futures, fetch', /\b(js_sys|wasm_bindgen|wasm_bindgen_futures|gloo_net|gloo_utils|web_sys|futures_util|futures_core|futures_channel|futures_task)\b/],
    ['hashing (sha2, hmac, md5, hex)', /\b(sha2|hmac|md5|hex|digest|block_buffer)\b/],
    ['Rust core/alloc/std (fmt, collections, malloc)', /\b(core|alloc|std|dlmalloc|__rust|__rdl|hashbrown|memcmp|memcpy|memset|memmove)\b|^<?(f64|f32|u\d+|i\d+|usize|isize|char|bool|str)\b/],
  ];
  const sums = new Map(GROUPS.map(([g]) => [g, 0]));
  let other = 0;
  let total = 0;
  for (const line of csv.split('\n').slice(1)) {
    // A name with commas or quotes is quoted, with inner quotes doubled.
    const m = /^("(?:[^"]|"")*"|[^,]*),(\d+),/.exec(line);
    if (!m) continue;
    const name = m[1].startsWith('"') ? m[1].slice(1, -1).replaceAll('""', '"') : m[1];
    const bytes = m[2];
    if (name.startsWith('Σ') || name.startsWith('...')) continue;
    const n = Number(bytes);
    total += n;
    const group = GROUPS.find(([, re]) => re.test(name));
    if (group) sums.set(group[0], sums.get(group[0]) + n);
    else other += n;
  }
  const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
  console.log('| part | size |\n|---|---|');
  for (const [g, n] of [...sums].sort((a, b) => b[1] - a[1])) console.log(`| ${g} | ${kb(n)} |`);
  console.log(`| other | ${kb(other)} |\n| total (with names) | ${kb(total)} |`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
