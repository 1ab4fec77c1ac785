#!/usr/bin/env node
// `npm run bench`: this package against the official SDKs' signers and plain implementations,
// side by side in one run on one machine. Prints the tables, writes bench/results.json and the
// results section of BENCHMARKS.md. `--quick` shortens every section (for trying things out).
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as crypto from 'node:crypto';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import Ajv from 'ajv';
import { AK, SK, TIME_MS, NONCE, BODY, SCHEMES, liveopsInput } from './requests.mjs';
import { nodeSigners } from './baselines.mjs';
import { opsPerSecond, median } from './measure.mjs';
import { launch, serve } from '../tests/browser/harness.mjs';
import { startEmulator, DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY } from '../tests/js/emulator.mjs';
import { scale } from './scale.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const quick = process.argv.includes('--quick');
const reps = quick ? 3 : 7;
const liveops = require('liveops');
// The entry points by job: the same signRequest and validate, each from its own module.
const liveopsSign = require('liveops/sign');
const liveopsValidate = require('liveops/validate');
const { Signer: VolcSigner } = require('@volcengine/openapi');
const TencentSign = require('tencentcloud-sdk-nodejs-common/tencentcloud/common/sign').default;
const AliyunUtil = require('@alicloud/openapi-util').default;

const fmt = (n, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const kb = (b) => `${fmt(b / 1024, 1)} KB`;
const log = (s) => process.stdout.write(s + '\n');
function table(head, rows) {
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
  log('\n' + lines.join('\n'));
  return '\n' + lines.join('\n');
}

// ---------------------------------------------------------------- 1. signing in Node

function officialSigners() {
  const iso = new Date(TIME_MS).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const bodyBuffer = Buffer.from(BODY);
  return {
    volcengine: { name: '@volcengine/openapi Signer', fn: () => {
      const r = { region: 'cn-north-1', method: 'POST', pathname: '/', params: { Action: 'UpdateAuthKey', Version: '2023-01-01' },
        headers: { Host: SCHEMES.volcengine.host, 'Content-Type': 'application/json' }, body: BODY };
      new VolcSigner(r, 'live').addAuthorization({ accessKeyId: AK, secretKey: SK }, new Date(TIME_MS));
      return r.headers.Authorization;
    } },
    tc3: { name: 'tencentcloud-sdk-nodejs-common sign3', fn: () => TencentSign.sign3({
      method: 'POST', url: `https://${SCHEMES.tc3.host}/`, payload: bodyBuffer, timestamp: Math.floor(TIME_MS / 1000),
      service: 'live', secretId: AK, secretKey: SK, headers: { 'Content-Type': 'application/json' } }) },
    acs3: { name: '@alicloud/openapi-util getAuthorization', fn: () => {
      const hash = createHash('sha256').update(BODY).digest('hex');
      const headers = { host: SCHEMES.acs3.host, ...SCHEMES.acs3.headers, 'x-acs-date': iso, 'x-acs-signature-nonce': NONCE, 'x-acs-content-sha256': hash };
      return AliyunUtil.getAuthorization({ pathname: '/', method: 'POST', query: {}, headers }, 'ACS3-HMAC-SHA256', hash, AK, SK);
    } },
  };
}

function signingNode() {
  const official = officialSigners();
  const plain = nodeSigners(crypto);
  const out = {};
  for (const scheme of ['volcengine', 'tc3', 'acs3']) {
    const input = liveopsInput(scheme);
    const ours = () => liveops.signRequest(input).authorization;
    const oursSign = () => liveopsSign.signRequest(input).authorization;
    const outputs = [ours(), oursSign(), official[scheme].fn(), plain[scheme]()];
    if (new Set(outputs).size !== 1) throw new Error(`${scheme}: outputs differ before timing:\n${outputs.join('\n')}`);
    out[scheme] = {
      official: official[scheme].name,
      liveops: opsPerSecond(ours, { reps }),
      liveopsSign: opsPerSecond(oursSign, { reps }),
      officialOps: opsPerSecond(official[scheme].fn, { reps }),
      nodeCrypto: opsPerSecond(plain[scheme], { reps }),
      boundary: boundaryNode(input),
    };
  }
  return out;
}

/**
 * The boundary's share of a `signRequest` call: its time from JavaScript minus the time of the
 * same signature computed in a loop inside the module (`__benchSignLoop`), for the 1 KB body and
 * for an empty one. On Node a long body is hashed by OpenSSL before the call, so the loop is
 * given that hash too: both sides do the same work.
 */
function boundaryNode(input) {
  const out = {};
  for (const [name, body] of [['1KB', input.body], ['empty', '']]) {
    const inp = { ...input, body };
    const hash = body.length > 256 ? createHash('sha256').update(body).digest('hex') : undefined;
    const loopN = 2000;
    const callUs = 1e6 / opsPerSecond(() => liveops.signRequest(inp), { reps });
    const loopUs = 1e6 / opsPerSecond(() => liveops.__benchSignLoop(inp, loopN, hash), { reps, batch: 1 }) / loopN;
    out[name] = { callUs, loopUs, boundaryUs: callUs - loopUs };
  }
  return out;
}

// ---------------------------------------------------------------- 2 + 4. Chromium

/** Each entry point's module, its name, and its start-up aim in Chromium (ms, from bytes). */
const ENTRY_STARTUP = [['sign', 'liveops/sign', 5], ['validate', 'liveops/validate', null], ['liveops', 'liveops (everything)', 15]];

async function chromium() {
  const out = await esbuild.build({ entryPoints: [join(root, 'bench/browser-page.mjs')], bundle: true, format: 'esm', platform: 'browser', write: false, minify: true, logLevel: 'silent' });
  const server = await serve({ '/bench.html': '<!doctype html><meta charset="utf-8"><title>bench</title><script type="module" src="/bench.js"></script>', '/bench.js': out.outputFiles[0].text });
  const browser = await launch();
  try {
    // Fresh pages, alternating: init() from the URL (fetch included), and from bytes already
    // fetched (compile and instantiate only), for each entry point's module.
    const startups = { url: [], bytes: [] };
    const entryStartups = Object.fromEntries(ENTRY_STARTUP.map(([stem]) => [stem, []]));
    for (let i = 0; i < (quick ? 5 : 15); i++) {
      for (const from of ['url', 'bytes']) {
        const page = await browser.newPage();
        await page.goto(`${server.url}/bench.html?startupOnly=${from}`);
        startups[from].push((await page.evaluate(() => window.__bench)).startupMs);
        await page.close();
      }
      for (const [stem] of ENTRY_STARTUP) {
        const page = await browser.newPage();
        await page.goto(`${server.url}/bench.html?startupOnly=bytes&entry=${stem}`);
        entryStartups[stem].push((await page.evaluate(() => window.__bench)).startupMs);
        await page.close();
      }
    }
    const page = await browser.newPage();
    await page.goto(`${server.url}/bench.html?reps=${reps}`);
    const result = await page.evaluate(() => window.__bench);
    await page.close();
    const entryStartupMs = Object.fromEntries(Object.entries(entryStartups).map(([stem, t]) => [stem, median(t)]));
    return { startupMs: median(startups.url), startupBytesMs: median(startups.bytes), entryStartupMs, signing: result.signing, version: browser.version() };
  } finally {
    await browser.close();
    await server.close();
  }
}

function startupNode() {
  const times = [];
  const script = `const t=process.hrtime.bigint();const m=require(${JSON.stringify(join(root, 'pkg/liveops.node.cjs'))});const d=Number(process.hrtime.bigint()-t)/1e6;m.signRequest;console.log(d)`;
  for (let i = 0; i < (quick ? 5 : 15); i++) {
    times.push(Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }).trim()));
  }
  return median(times);
}

// ---------------------------------------------------------------- 3. size

async function sizes() {
  const file = (f) => readFileSync(join(root, 'pkg', f));
  const ours = { wasm: file('liveops_bg.wasm'), glue: file('liveops.js') };
  const result = {
    wasmRaw: ours.wasm.length, wasmGzip: gzipSync(ours.wasm, { level: 9 }).length,
    glueRaw: ours.glue.length, glueGzip: gzipSync(ours.glue, { level: 9 }).length,
    official: [],
    // Each entry point by job (pkg-config/build.mjs): its own module and glue.
    entries: [['liveops/sign', 'sign', 30], ['liveops/validate', 'validate', 90], ['liveops (everything)', 'liveops', 160]].map(([name, stem, aimKb]) => {
      const wasm = file(`${stem}_bg.wasm`);
      const glue = file(`${stem}.js`);
      return { name, aimKb, raw: wasm.length + glue.length, gzip: gzipSync(wasm, { level: 9 }).length + gzipSync(glue, { level: 9 }).length };
    }),
  };
  const candidates = [
    ['@volcengine/openapi Signer', "export { Signer } from '@volcengine/openapi';"],
    ['tencentcloud-sdk-nodejs-common sign3', "export { default } from 'tencentcloud-sdk-nodejs-common/tencentcloud/common/sign';"],
    ['@alicloud/openapi-util getAuthorization', "import U from '@alicloud/openapi-util'; export const getAuthorization = U.default.getAuthorization;"],
  ];
  for (const [name, contents] of candidates) {
    try {
      const r = await esbuild.build({ stdin: { contents, resolveDir: root, sourcefile: 'entry.mjs' }, bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, logLevel: 'silent' });
      const code = Buffer.from(r.outputFiles[0].contents);
      result.official.push({ name, raw: code.length, gzip: gzipSync(code, { level: 9 }).length });
    } catch (e) {
      const first = e.errors?.[0];
      result.official.push({ name, error: first ? `${first.text}${first.location ? ` (${first.location.file})` : ''}` : String(e.message).split('\n')[0] });
    }
  }
  return result;
}

// ---------------------------------------------------------------- 5. validation

function largestUpdateAuthKey() {
  const entry = { SecretKey: 'abcdef0123456789', EncryptionAlgorithm: 'md5_custom', AuthField: { volcSecret: 'sign', volcTime: 'expire' }, EncryptField: ['path', 'time'] };
  return { Vhost: 'push.example.com', App: 'live', SceneType: 'push', AuthDetailList: Array.from({ length: 100 }, () => ({ ...entry, AuthField: { ...entry.AuthField } })), ValidDuration: 2592000, PushPullEnable: true };
}

/** The same rules as a JSON Schema (draft-07), for ajv. */
const updateAuthKeySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['SceneType', 'AuthDetailList'],
  oneOf: [{ required: ['Vhost'], not: { required: ['Domain'] } }, { required: ['Domain'], not: { required: ['Vhost'] } }],
  properties: {
    Vhost: { type: 'string', pattern: '^[A-Za-z0-9.-]+$' },
    Domain: { type: 'string', maxLength: 60, pattern: '^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$' },
    App: { type: 'string', pattern: '^[A-Za-z0-9_.-]{0,30}$' },
    SceneType: { enum: ['push', 'pull'] },
    AuthDetailList: {
      type: 'array', minItems: 1, maxItems: 100,
      items: {
        type: 'object', additionalProperties: false, required: ['SecretKey', 'EncryptionAlgorithm'],
        properties: {
          SecretKey: { type: 'string', pattern: '^[A-Za-z0-9]{1,100}$' },
          EncryptionAlgorithm: { enum: ['md5', 'md5_custom'] },
          AuthField: { type: 'object', propertyNames: { enum: ['volcSecret', 'volcTime'] }, additionalProperties: { type: 'string' } },
          EncryptField: { type: 'array', items: { type: 'string' } },
        },
      },
    },
    ValidDuration: { type: 'integer', minimum: 60, maximum: 2592000 },
    PushPullEnable: { type: 'boolean' },
  },
};

function validation() {
  const payload = largestUpdateAuthKey();
  const ajv = new Ajv({ allErrors: true }).compile(updateAuthKeySchema);
  const ours = () => liveops.validate('volcengine', 'UpdateAuthKey', payload);
  const oursEntry = () => liveopsValidate.validate('volcengine', 'UpdateAuthKey', payload);
  if (!ours().ok || !oursEntry().ok || !ajv(payload)) throw new Error('the largest legal UpdateAuthKey must pass both validators');
  if (liveops.validate('volcengine', 'UpdateAuthKey', { ...payload, ValidDuration: 30 }).ok || ajv({ ...payload, ValidDuration: 30 })) throw new Error('both must refuse ValidDuration 30');
  return {
    liveopsUs: 1e6 / opsPerSecond(ours, { reps, batch: 5 }),
    entryUs: 1e6 / opsPerSecond(oursEntry, { reps, batch: 5 }),
    ajvUs: 1e6 / opsPerSecond(() => ajv(payload), { reps, batch: 5 }),
    stringifyUs: 1e6 / opsPerSecond(() => JSON.stringify(payload), { reps, batch: 5 }),
  };
}

// ---------------------------------------------------------------- 6. bulk

async function bulk() {
  const n = quick ? 100 : 1000;
  const rate = 10;
  const emu = await startEmulator(['--rate-volcengine', String(rate)]);
  try {
    let attempts = 0;
    let repeats = 0;
    const volc = new liveops.VolcengineLive({
      accessKeyId: DEMO_ACCESS_KEY_ID, secretAccessKey: DEMO_SECRET_ACCESS_KEY, endpoint: emu.url, rateLimit: rate,
      debug: (i) => { attempts++; if (i.attempt > 1) repeats++; },
    });
    const items = Array.from({ length: n }, (_, i) => `play${String((i % 30) + 1).padStart(2, '0')}.example.com`);
    const t0 = performance.now();
    const outcomes = await liveops.runBatch(items, (Domain, _i, { signal }) => volc.unbindCert({ Domain }, { signal }), { concurrency: 8 });
    const elapsed = (performance.now() - t0) / 1000;
    const failed = outcomes.filter((o) => o.status !== 'succeeded');
    const throttledFailures = failed.filter((o) => /FlowLimit|Throttl/.test(o.error?.code ?? '')).length;
    const bound = (n - 1) / rate;
    return { n, rate, elapsed, bound, efficiency: bound / elapsed, attempts, throttledRetries: repeats, failed: failed.length, throttledFailures };
  } finally {
    await emu.stop();
  }
}

// ---------------------------------------------------------------- 7. native

function native() {
  const args = ['bench', '--bench', 'sign', '--quiet', '--', ...(quick ? ['--warm-up-time', '1', '--measurement-time', '2'] : [])];
  const r = spawnSync('cargo', args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error('cargo bench failed');
  const read = (id) => JSON.parse(readFileSync(join(root, 'target/criterion', id, 'new/estimates.json'), 'utf8')).median.point_estimate;
  return {
    volcengine: read('sign_volcengine'), tc3: read('sign_tc3'), acs3: read('sign_acs3'),
    volcengineNoCache: read('sign_volcengine-no-key-cache'), validate: read('validate_UpdateAuthKey-100'),
    validateText: read('validate_UpdateAuthKey-100-from-text'), parseText: read('parse_UpdateAuthKey-100-text'),
  };
}

// ---------------------------------------------------------------- report

function machine() {
  const rustc = spawnSync('rustc', ['--version'], { encoding: 'utf8' }).stdout.trim();
  return { cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), os: `${os.type()} ${os.release()}`, node: process.version, rustc };
}

const met = (ok) => (ok ? 'met' : 'missed');

async function main() {
  if (!existsSync(join(root, 'pkg/liveops_bg.wasm'))) throw new Error('build the package first: npm run build');
  const m = machine();
  log(`liveops benchmarks${quick ? ' (quick)' : ''}: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}`);
  const sections = [];

  log('\n## 1. Signing in Node (ops/s, median of runs; outputs checked equal first)');
  const sn = signingNode();
  sections.push('### 1. Signing in Node\n\nOperations per second, median of ' + reps + ' runs; the three outputs are checked equal before timing.\n' + table(
    ['scheme', 'liveops (wasm)', 'liveops/sign (wasm)', 'official signer', 'official ops/s', 'node:crypto plain', 'vs official', 'liveops/sign vs official', 'vs node:crypto', 'aim ≥ 1.2× the official signer'],
    Object.entries(sn).map(([s, r]) => [s, fmt(r.liveops), fmt(r.liveopsSign), r.official, fmt(r.officialOps), fmt(r.nodeCrypto), `${fmt(r.liveops / r.officialOps, 2)}×`, `${fmt(r.liveopsSign / r.officialOps, 2)}×`, `${fmt(r.liveops / r.nodeCrypto, 2)}×`, met(Math.min(r.liveops, r.liveopsSign) >= 1.2 * r.officialOps)]),
  ) + '\n\nThe boundary: a `signRequest` call from JavaScript minus the same signature computed in a loop inside the module (`__benchSignLoop`; on Node the 1 KB body is hashed by OpenSSL in both), µs per signature.\n' + table(
    ['scheme', 'body', 'call µs', 'in the module µs', 'boundary µs', 'aim ≤ 2 µs'],
    Object.entries(sn).flatMap(([s, r]) => Object.entries(r.boundary).map(([b, x]) => [s, b, fmt(x.callUs, 2), fmt(x.loopUs, 2), fmt(x.boundaryUs, 2), met(x.boundaryUs <= 2)])),
  ));

  log('\n## 2 + 4. Chromium: signing and start-up');
  const ch = await chromium();
  sections.push(`### 2. Signing in the browser (Chromium ${ch.version})\n\nOperations per second, median of ${reps} runs; WebCrypto is asynchronous, awaited one signature at a time.\n` + table(
    ['scheme', 'liveops (wasm)', 'WebCrypto', 'ratio', 'aim ≥ 10×'],
    Object.entries(ch.signing).map(([s, r]) => [s, fmt(r.liveops), fmt(r.webcrypto), `${fmt(r.liveops / r.webcrypto, 1)}×`, met(r.liveops >= 10 * r.webcrypto)]),
  ) + '\n\nThe boundary in Chromium (no host hash: the module hashes the body in both), µs per signature.\n' + table(
    ['scheme', 'body', 'call µs', 'in the module µs', 'boundary µs', 'aim ≤ 2 µs'],
    Object.entries(ch.signing).flatMap(([s, r]) => Object.entries(r.boundary).map(([b, x]) => [s, b, fmt(x.callUs, 2), fmt(x.loopUs, 2), fmt(x.boundaryUs, 2), met(x.boundaryUs <= 2)])),
  ));

  log('\n## 3. Size');
  const sz = await sizes();
  const total = sz.wasmGzip + sz.glueGzip;
  sections.push('### 3. Size\n\nThe whole library (signing, validation, clients, batch), and the smallest browser bundle esbuild makes of each official signer (minified).\n' + table(
    ['artifact', 'raw', 'gzip -9', 'note'],
    [
      ['liveops_bg.wasm', kb(sz.wasmRaw), kb(sz.wasmGzip), ''],
      ['liveops.js (web glue)', kb(sz.glueRaw), kb(sz.glueGzip), ''],
      ['liveops total', kb(sz.wasmRaw + sz.glueRaw), kb(total), `aim ≤ 80 KB gzip: ${met(total <= 80 * 1024)}`],
      ...sz.official.map((o) => [o.name, o.raw ? kb(o.raw) : '—', o.gzip ? kb(o.gzip) : '—', o.error ? `does not bundle for browsers: ${o.error.replace(/\|/g, '/')}` : '']),
    ],
  ) + '\n\nBy entry point (module and web glue together): an application that only signs, or only validates, loads its entry alone.\n' + table(
    ['entry', 'raw', 'gzip -9', 'aim'],
    sz.entries.map((e) => [e.name, kb(e.raw), kb(e.gzip), `≤ ${e.aimKb} KB gzip: ${met(e.gzip <= e.aimKb * 1024)}`]),
  ));

  log('\n## 4. Start-up');
  const nodeStart = startupNode();
  sections.push('### 4. Start-up\n\nTime to instantiate the module, median of ' + (quick ? 5 : 15) + ' fresh loads. The aim is judged on instantiation: in Chromium, `init()` from bytes already fetched; `init()` from the URL also waits for the download from the local test server, shown for reference.\n' + table(
    ['where', 'ms', 'aim ≤ 10 ms'],
    [
      ['Node (require of the CommonJS build: read, synchronous compile, instantiate)', fmt(nodeStart, 2), met(nodeStart <= 10)],
      ['Chromium (await init() from the bytes: compile, instantiate)', fmt(ch.startupBytesMs, 2), met(ch.startupBytesMs <= 10)],
      ['Chromium (await init() from the URL: download and streaming compile)', fmt(ch.startupMs, 2), '—'],
    ],
  ) + '\n\nBy entry point, in Chromium: `init()` of each entry\'s own module from its bytes (compile, instantiate).\n' + table(
    ['entry', 'ms', 'aim'],
    ENTRY_STARTUP.map(([stem, name, aim]) => [name, fmt(ch.entryStartupMs[stem], 2), aim ? `≤ ${aim} ms: ${met(ch.entryStartupMs[stem] <= aim)}` : '—']),
  ));

  log('\n## 5. Validation latency');
  const v = validation();
  sections.push('### 5. Validation latency\n\nThe largest legal UpdateAuthKey (100 AuthDetailList entries, every optional field), in Node.\n' + table(
    ['validator', 'µs per payload', 'vs one JSON.stringify', 'aim ≤ 3× JSON.stringify'],
    [['liveops validate() (wasm, from a JS object)', fmt(v.liveopsUs, 1), `${fmt(v.liveopsUs / v.stringifyUs, 1)}×`, met(v.liveopsUs <= 3 * v.stringifyUs)],
      ['liveops/validate validate() (its own module)', fmt(v.entryUs, 1), `${fmt(v.entryUs / v.stringifyUs, 1)}×`, met(v.entryUs <= 3 * v.stringifyUs)],
      ['JSON.stringify of the same object', fmt(v.stringifyUs, 1), '1.0×', ''],
      ['ajv 8, the same rules as a compiled JSON Schema', fmt(v.ajvUs, 1), `${fmt(v.ajvUs / v.stringifyUs, 1)}×`, '']],
  ));

  log('\n## 6. Bulk throughput');
  const b = await bulk();
  sections.push(`### 6. Bulk throughput\n\n${b.n} UnbindCert calls through runBatch (concurrency 8) against the emulator, which throttles at ${b.rate}/s per key; the client's limiter runs at the same rate.\n` + table(
    ['calls', 'elapsed s', 'rate-limit bound s', 'of the bound', 'throttled retries', 'failed', 'aim ≥ 95 %, no throttled failure'],
    [[b.n, fmt(b.elapsed, 1), fmt(b.bound, 1), `${fmt(b.efficiency * 100, 1)} %`, b.throttledRetries, b.failed, met(b.efficiency >= 0.95 && b.throttledFailures === 0 && b.failed === 0)]],
  ));

  log('\n## 7. Native signing core (criterion)');
  const nat = native();
  sections.push('### 7. Native signing core (criterion, `cargo bench --bench sign`)\n\nThe reference for the wasm figures: the same request signed by the Rust core, median time.\n' + table(
    ['benchmark', 'median', 'ops/s'],
    [
      ['sign/volcengine', `${fmt(nat.volcengine / 1000, 2)} µs`, fmt(1e9 / nat.volcengine)],
      ['sign/volcengine, key cache off', `${fmt(nat.volcengineNoCache / 1000, 2)} µs`, fmt(1e9 / nat.volcengineNoCache)],
      ['sign/tc3', `${fmt(nat.tc3 / 1000, 2)} µs`, fmt(1e9 / nat.tc3)],
      ['sign/acs3', `${fmt(nat.acs3 / 1000, 2)} µs`, fmt(1e9 / nat.acs3)],
      ['validate/UpdateAuthKey-100 (native, from a parsed value)', `${fmt(nat.validate / 1000, 1)} µs`, fmt(1e9 / nat.validate)],
      ['validate/UpdateAuthKey-100 (native, from its JSON text, as the wasm build does)', `${fmt(nat.validateText / 1000, 1)} µs`, fmt(1e9 / nat.validateText)],
      ['for scale: parsing the same text into a serde_json::Value, which the validator no longer builds', `${fmt(nat.parseText / 1000, 1)} µs`, fmt(1e9 / nat.parseText)],
    ],
  ));

  log('\n## 8. Scale: the certificate lifecycle');
  const sc = await scale({ quick, lib: liveops });
  const mb = (b) => `${fmt(b / 1048576, 0)} MB`;
  const calls = (c) => `${c.volcengine} / ${c.tencent} / ${c.aliyun}`;
  const row = (name, r, extra, aim) => [name, fmt(r.elapsed, 1), fmt(r.bound, 1), `${fmt(r.ofBound * 100, 1)} %`, calls(r.calls), extra, r.retries, mb(r.peakRss), aim];
  sections.push(`### 8. Scale: the certificate lifecycle\n\nAn estate of ${fmt(sc.domains)} domains over the three clouds (\`liveops-emulator --estate ${sc.domains} --latency-ms ${sc.latencyMs}\`: every request answered after ${sc.latencyMs} ms, each cloud throttling at its documented rate, ${sc.rates.volcengine}/s, ${sc.rates.tencent}/s, ${sc.rates.aliyun}/s). The bound is each cloud's calls at its rate, the clouds side by side, plus one round trip. Calls are Volcengine / Tencent / ESA; retries counts every attempt after a first (a throttled request would be one). Peak memory is the resident size of the Node process running the library.\n` + table(
    ['run', 'elapsed s', 'bound s', 'of the bound', 'calls', 'what', 'retries', 'peak RSS', 'aim'],
    [
      row('certificateInventory', sc.inventory, `${fmt(sc.inventory.certificates)} certificates, ${sc.inventory.errors} errors; the previous design: ${sc.inventory.previousCalls} calls`, `≥ 90 %, no more calls: ${met(sc.inventory.ofBound >= 0.9 && Object.values(sc.inventory.calls).reduce((a, b) => a + b) <= sc.inventory.previousCalls && sc.inventory.retries === 0)}`),
      row(`deployCertificate, ${sc.targets} targets`, sc.deploy, `${sc.deploy.reads} reads, ${sc.deploy.writes} writes; ${Object.entries(sc.deploy.statuses).map(([k, n]) => `${n} ${k}`).join(', ')}`, `≥ 90 %: ${met(sc.deploy.ofBound >= 0.9 && sc.deploy.retries === 0)}`),
      row('the same deploy again', sc.again, `${sc.again.reads} reads, ${sc.again.writes} writes; ${Object.entries(sc.again.statuses).map(([k, n]) => `${n} ${k}`).join(', ')}`, `0 writes: ${met(sc.again.writes === 0)}`),
    ],
  ));

  const results = { date: new Date().toISOString(), quick, machine: { ...m, chromium: ch.version }, signingNode: sn, chromium: ch, size: sz, startupNodeMs: nodeStart, validation: v, bulk: b, native: nat, scale: sc };
  writeFileSync(join(root, 'bench/results.json'), JSON.stringify(results, null, 2) + '\n');
  const header = `Run of ${results.date.slice(0, 10)}${quick ? ' (quick mode)' : ''} on ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB; ${m.os}; Node ${m.node}; Chromium ${ch.version}; ${m.rustc}.`;
  const md = join(root, 'BENCHMARKS.md');
  const doc = readFileSync(md, 'utf8');
  const start = '<!-- results:start -->';
  const end = '<!-- results:end -->';
  if (!quick && doc.includes(start) && doc.includes(end)) {
    writeFileSync(md, doc.slice(0, doc.indexOf(start) + start.length) + `\n${header}\n\n${sections.join('\n\n')}\n` + doc.slice(doc.indexOf(end)));
    log('\nBENCHMARKS.md updated.');
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
