#!/usr/bin/env node
// The size breakdown of BENCHMARKS.md, per entry point (liveops, liveops/sign, liveops/validate):
// each entry's module rebuilt with names (wasm-bindgen without --remove-name-section, then
// wasm-opt -Oz -g), `twiggy top` grouped by crate, one column per entry.
// Needs twiggy (`cargo install twiggy`) and a release build (node pkg-config/build.mjs, which
// leaves each entry's module in target/liveops-bindgen/).
// Usage: node scripts/size-breakdown.mjs
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const ENTRIES = [['liveops', 'liveops'], ['liveops/sign', 'sign'], ['liveops/validate', 'validate']];
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
  ['liveops (catalog, other)', /liveops::/],
  ['X.509 / DER / PEM / keys', /\b(x509_cert|der|pkcs1|pkcs8|sec1|spki|base64ct|pem_rfc7468|const_oid)\b/],
  ['serde / serde_json', /\bserde(_json|_core)?\b|zmij|\bryu\b|\bitoa\b/],
  ['JS bindings, futures, fetch', /\b(js_sys|wasm_bindgen|wasm_bindgen_futures|gloo_net|gloo_utils|web_sys|futures_util|futures_core|futures_channel|futures_task)\b/],
  ['hashing (sha2, hmac, md5, hex)', /\b(sha2|hmac|md5|hex|digest|block_buffer)\b/],
  ['Rust core/alloc/std (fmt, collections, malloc)', /\b(core|alloc|std|dlmalloc|__rust|__rdl|hashbrown|memcmp|memcpy|memset|memmove)\b|^<?(f64|f32|u\d+|i\d+|usize|isize|char|bool|str)\b/],
];

/** Bytes per group of one entry's module (with names), and the total. */
function breakdown(dir, file) {
  const raw = join(root, 'target', 'liveops-bindgen', `${file}.wasm`);
  execFileSync('wasm-bindgen', ['--target', 'web', '--out-dir', dir, '--out-name', file, raw]);
  const named = join(dir, `${file}.named.wasm`);
  execFileSync(process.execPath, [join(root, 'node_modules/binaryen/bin/wasm-opt'), join(dir, `${file}_bg.wasm`), '-Oz', '-g',
    '--enable-bulk-memory', '--enable-reference-types', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
    '--enable-mutable-globals', '--enable-multivalue', '-o', named]);
  const csv = execFileSync('twiggy', ['top', '-n', '100000', '--format', 'csv', named], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const sums = new Map([...GROUPS.map(([g]) => [g, 0]), ['other', 0]]);
  let total = 0;
  for (const line of csv.split('\n').slice(1)) {
    // A name with commas or quotes is quoted, with inner quotes doubled.
    const m = /^("(?:[^"]|"")*"|[^,]*),(\d+),/.exec(line);
    if (!m) continue;
    const name = m[1].startsWith('"') ? m[1].slice(1, -1).replaceAll('""', '"') : m[1];
    if (name.startsWith('Σ') || name.startsWith('...')) continue;
    const n = Number(m[2]);
    total += n;
    const group = GROUPS.find(([, re]) => re.test(name));
    const key = group ? group[0] : 'other';
    sums.set(key, sums.get(key) + n);
  }
  return { sums, total };
}

const dir = mkdtempSync(join(tmpdir(), 'liveops-size-'));
try {
  const results = ENTRIES.map(([, file]) => breakdown(dir, file));
  const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
  console.log(`| part | ${ENTRIES.map(([name]) => name).join(' | ')} |\n|---|${ENTRIES.map(() => '---:').join('|')}|`);
  const rows = [...results[0].sums.keys()].sort((a, b) => results[0].sums.get(b) - results[0].sums.get(a));
  for (const g of rows) console.log(`| ${g} | ${results.map((r) => kb(r.sums.get(g))).join(' | ')} |`);
  console.log(`| total (with names) | ${results.map((r) => kb(r.total)).join(' | ')} |`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
