// The package's entry points by job: `liveops/sign` (signing and the canonical request) and
// `liveops/validate` (validation) answer exactly as `liveops` does, through import and require,
// and each module holds only its job's code: a marker string of every other job is checked absent
// (and present in the full module, so that each marker is real).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as full from 'liveops';
import * as sign from 'liveops/sign';
import * as validation from 'liveops/validate';
import helpers from './vector-input.cjs';

const require = createRequire(import.meta.url);
const vectors = JSON.parse(readFileSync(new URL('../vectors/signing.json', import.meta.url), 'utf8'));
const groups = JSON.parse(readFileSync(new URL('../validation/cases.json', import.meta.url), 'utf8'));
const wasm = (file) => readFileSync(new URL(`../../pkg/${file}_bg.wasm`, import.meta.url)).toString('latin1');

test('liveops/sign signs every vector as liveops does, both input paths, ESM and CommonJS', () => {
  const cjs = require('liveops/sign');
  assert.equal(cjs.signRequest, sign.signRequest, 'import and require share one instance');
  for (const v of vectors) {
    for (const bodyAs of ['bytes', 'string']) {
      const input = helpers.vectorInput(v, { bodyAs });
      const out = sign.signRequest(input);
      assert.deepEqual(helpers.compareToVector(v, out), [], v.id);
      assert.deepEqual(out, full.signRequest(input), v.id);
    }
  }
  // An input of another shape goes the checked way (a Map of headers) and answers the same.
  const odd = { ...helpers.vectorInput(vectors[0]), headers: new Map(Object.entries(vectors[0].headers ?? {})) };
  assert.deepEqual(sign.signRequest(odd), full.signRequest(odd));
  assert.throws(() => sign.signRequest({ scheme: 'nope' }), (e) => e.name === 'SigningError' && typeof e.code === 'string');
  sign.clearKeyCache();
});

test('liveops/validate reports every case of the corpus as liveops does, in both languages', () => {
  const cjs = require('liveops/validate');
  assert.equal(cjs.validate, validation.validate);
  let n = 0;
  for (const g of groups) {
    const options = g.contract ? { contract: g.contract } : {};
    const payloads = [g.base, ...g.cases.flatMap((c) => [c.accept, c.reject].filter(Boolean).map((p) => ({ ...g.base, ...p })))];
    for (const p of payloads) {
      for (const locale of ['en', 'zh']) {
        assert.deepEqual(validation.validate(g.provider, g.action, p, { ...options, locale }), full.validate(g.provider, g.action, p, { ...options, locale }));
        n++;
      }
    }
  }
  assert.ok(n > 200, `${n} reports compared`);
  assert.deepEqual(validation.officialHosts(), full.officialHosts());
});

test('each entry holds its job only: no PEM reader, network client or other job in it', () => {
  const exportsOf = (m) => Object.keys(m).filter((k) => k !== 'default' && k !== 'initSync' && !k.startsWith('__')).sort();
  assert.deepEqual(exportsOf(sign), ['clearKeyCache', 'signRequest']);
  assert.deepEqual(exportsOf(validation), ['officialHosts', 'validate']);
  const MARKERS = {
    sign: 'x-acs-signature-nonce', // the ACS3 signer's header
    validate: ' must be one of: ', // a validation message
    pem: 'unexpected PEM label', // the certificate reader of the lifecycle
    client: 'OutcomeUnknown', // the clients' outcome of an ambiguous write
  };
  const all = wasm('liveops');
  for (const [job, marker] of Object.entries(MARKERS)) assert.ok(all.includes(marker), `the full module has the ${job} marker`);
  const holds = (file) => Object.entries(MARKERS).filter(([, m]) => wasm(file).includes(m)).map(([job]) => job);
  assert.deepEqual(holds('sign'), ['sign']);
  assert.deepEqual(holds('validate'), ['validate']);
});

test('liveops/sign reads no JavaScript values: its glue does, and the module imports nothing that could', () => {
  // The readers of src/wasm/input.rs (getters, Proxies, snapshots) serve the other exports; the
  // signing module takes flat text from pkg-config/sign-fast.js. A reader pulled back in shows as
  // its message in the module and as imports that read values (Reflect.get, Array.isArray…).
  const READER = 'a readable value (reading it threw)';
  assert.ok(wasm('liveops').includes(READER), 'the full module has the reader marker');
  assert.ok(!wasm('sign').includes(READER), 'the signing module has no reader of JS values');
  const module = new WebAssembly.Module(readFileSync(new URL('../../pkg/sign_bg.wasm', import.meta.url)));
  // wasm-bindgen's import names: `__wbg_<name>_<hash>`, or its own `__wbindgen_…`.
  const stems = WebAssembly.Module.imports(module).map((i) => i.name.replace(/^__wbg_/, '').replace(/_[0-9a-f]{16}$/, ''));
  // Its errors cross as text too (the glue makes the SigningError): the module makes no object.
  const ALLOWED = new Set([
    'getRandomValues', // crypto.getRandomValues, for the acs3 nonce
    '__wbindgen_throw', '__wbindgen_init_externref_table', '__wbindgen_generic',
  ]);
  assert.deepEqual(stems.filter((s) => !ALLOWED.has(s)), [], 'imports beyond the nonce');
});
