// Every export of the package, called with hostile shapes in every argument and field: sparse,
// huge and growing arrays, getters and Proxies that throw, revoked Proxies, huge strings,
// Symbols, BigInts, odd numbers, cycles. The rule: a result, or a named Error, and the module
// still answers afterwards (a wasm trap would poison it for the whole process).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as lib from 'liveops';

const { signRequest, validate, signStreamUrl, runBatch, VolcengineLive, TencentLive, AliyunEsa, clearKeyCache, certificateInventory, deployCertificate, inspectCertificate } = lib;
import { fixtures } from './lifecycle-servers.mjs';

const trap = () => { throw new Error('trap'); };
const hostileProxy = () => new Proxy({}, { get: trap, has: trap, ownKeys: trap, getPrototypeOf: trap, getOwnPropertyDescriptor: trap });
const revoked = () => { const r = Proxy.revocable({}, {}); r.revoke(); return r.proxy; };
const lyingArray = () => new Proxy([], { get: (t, k) => (k === 'length' ? 1e9 : trap()) });
const growing = () => {
  const a = ['x', 'y'];
  Object.defineProperty(a, 0, { get() { a.push(['k', 'v']); return ['k', 'v']; }, enumerable: true });
  return a;
};
const cyclic = () => { const o = {}; o.self = o; return o; };
const throwingGetters = () => new Proxy({ a: 1 }, { get: trap, ownKeys: () => ['a'], getOwnPropertyDescriptor: () => ({ value: 1, enumerable: true, configurable: true }) });
const HUGE = 'a'.repeat(40 << 20);

/** Hostile values, made fresh for each use. */
const hostile = {
  sparse: () => Object.assign([], { length: 0xFFFFFFFF }),
  sparseish: () => Object.assign([], { length: 2 ** 32 - 1, 5: 'x' }),
  growing,
  lyingArray,
  hostileProxy,
  revoked,
  throwingGetters,
  cyclic,
  hugeString: () => HUGE,
  symbol: () => Symbol('s'),
  bigint: () => 2n ** 64n,
  nan: () => NaN,
  negZero: () => -0,
  huge: () => 1e308,
  negHuge: () => -1e308,
  infinity: () => Infinity,
  fn: () => () => {},
  nul: () => null,
  undef: () => undefined,
  emptyArray: () => [],
  bytesProxy: () => new Proxy(new Uint8Array(4), { get: trap }),
  detached: () => { const u = new Uint8Array(8); structuredClone(u.buffer, { transfer: [u.buffer] }); return u; },
  date: () => new Date(NaN),
};

const ALLOWED = new Set(['SigningError', 'ConfigError', 'ValidationError', 'AbortError', 'ApiError', 'NetworkError', 'TimeoutError']);

const CHECK_INPUT = {
  scheme: 'tc3', method: 'POST', host: 'live.tencentcloudapi.com', body: '{}',
  headers: { 'content-type': 'application/json', 'x-tc-action': 'ModifyLiveDomainCertBindings' },
  accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret-for-hostile-tests', time: 1_700_000_000_000,
};
const expected = signRequest(CHECK_INPUT).signature;

function alive(where) {
  let s;
  try { s = signRequest(CHECK_INPUT); } catch (e) { assert.fail(`${where}: the module no longer answers (${e.name}: ${e.message})`); }
  assert.equal(s.signature, expected, `${where}: the module still signs correctly`);
  assert.equal(validate('tencent', 'ModifyLiveDomainCertBindings', { DomainInfos: [{ DomainName: 'a.example.com', Status: 1 }], CloudCertId: 'c' }).ok, true);
}

/** Runs `call`; a throw or rejection must be a named Error of ours; never a RuntimeError. */
async function attempt(where, call) {
  let outcome;
  try {
    outcome = call();
    if (outcome && typeof outcome.then === 'function') {
      let timer;
      outcome = await Promise.race([outcome, new Promise((r) => { timer = setTimeout(() => r('pending'), 5000); })]);
      clearTimeout(timer);
      assert.notEqual(outcome, 'pending', `${where}: settles`);
    }
  } catch (e) {
    outcome = e;
    assert.ok(e instanceof Error, `${where}: threw a non-Error ${String(e)}`);
    assert.ok(!(e instanceof WebAssembly.RuntimeError), `${where}: trapped (${e.message})`);
    assert.ok(ALLOWED.has(e.name), `${where}: threw ${e.name}: ${e.message}`);
    assert.ok(typeof e.code === 'string' && e.code.length > 0, `${where}: ${e.name} has a code`);
  }
  alive(where);
  return outcome;
}

const signFields = ['scheme', 'method', 'host', 'path', 'query', 'rawQuery', 'headers', 'body', 'accessKeyId', 'secretAccessKey', 'sessionToken', 'region', 'service', 'signedHeaders', 'time', 'nonce', 'protocol'];

test('signRequest: hostile input and hostile fields', async () => {
  for (const [name, make] of Object.entries(hostile)) {
    await attempt(`signRequest(${name})`, () => signRequest(make()));
    for (const field of signFields) {
      await attempt(`signRequest({${field}: ${name}})`, () => signRequest({ ...CHECK_INPUT, [field]: make() }));
    }
    await attempt(`signRequest query [[k, ${name}]]`, () => signRequest({ ...CHECK_INPUT, query: [['k', make()]] }));
    await attempt(`signRequest query [${name}]`, () => signRequest({ ...CHECK_INPUT, scheme: 'acs3', query: [make()] }));
    await attempt(`signRequest headers {k: ${name}}`, () => signRequest({ ...CHECK_INPUT, headers: { k: make() } }));
  }
});

test('signRequest: the trap of a capacity taken from length is gone', () => {
  assert.throws(() => signRequest({ ...CHECK_INPUT, query: Object.assign([], { length: 0xFFFFFFFF }) }), { name: 'SigningError', code: 'InvalidInput' });
  alive('huge query');
});

test('validate never throws, whatever it is given', async () => {
  for (const [name, make] of Object.entries(hostile)) {
    for (const args of [[make(), 'UpdateAuthKey', {}], ['volcengine', make(), {}], ['volcengine', 'UpdateAuthKey', make()], ['volcengine', 'UpdateAuthKey', { Domain: make() }], ['volcengine', 'UpdateAuthKey', {}, make()], ['volcengine', 'UpdateAuthKey', {}, { locale: make() }]]) {
      const r = await attempt(`validate(${name})`, () => validate(...args));
      assert.equal(typeof r, 'object', `validate(${name}) returns a report`);
      assert.equal(typeof r.ok, 'boolean');
    }
  }
  assert.equal(validate('volcengine', 'UpdateAuthKey', { Domain: HUGE }).ok, false, 'an 40 MB payload is refused, not copied');
});

test('signStreamUrl: hostile input', async () => {
  const base = { domain: 'push.example.com', app: 'live', stream: 's', secretKey: 'k', expiresAt: 1_700_000_000 };
  for (const [name, make] of Object.entries(hostile)) {
    await attempt(`signStreamUrl(${name})`, () => signStreamUrl(make()));
    for (const field of ['protocol', 'domain', 'app', 'stream', 'suffix', 'secretKey', 'expiresAt', 'authField']) {
      await attempt(`signStreamUrl({${field}: ${name}})`, () => signStreamUrl({ ...base, [field]: make() }));
    }
  }
});

test('clients: hostile options, payloads and call options', async () => {
  const base = { accessKeyId: 'AK', secretAccessKey: 'SK', endpoint: 'http://127.0.0.1:9', maxRetries: 0, timeout: 500 };
  const fields = ['accessKeyId', 'secretAccessKey', 'sessionToken', 'endpoint', 'region', 'maxRetries', 'timeout', 'rateLimit', 'debug', 'contract'];
  for (const Client of [VolcengineLive, TencentLive, AliyunEsa]) {
    for (const [name, make] of Object.entries(hostile)) {
      await attempt(`new ${Client.name}(${name})`, () => new Client(make()));
      for (const field of fields) {
        await attempt(`new ${Client.name}({${field}: ${name}})`, () => new Client({ ...base, [field]: make() }));
      }
    }
  }
  const volc = new VolcengineLive(base);
  const esa = new AliyunEsa(base);
  for (const [name, make] of Object.entries(hostile)) {
    await attempt(`unbindCert(${name})`, () => volc.unbindCert(make()));
    await attempt(`unbindCert({Domain: ${name}})`, () => volc.unbindCert({ Domain: make() }));
    await attempt(`listCertV2({}, ${name})`, () => volc.listCertV2({}, make()));
    await attempt(`listCertV2({}, {signal: ${name}})`, () => volc.listCertV2({}, { signal: make() }));
    await attempt(`applyCertificate({SiteId: ${name}})`, () => esa.applyCertificate({ SiteId: make(), Domains: 'a.example.com' }));
    await attempt(`preview(${name})`, () => volc.preview(make(), {}));
    await attempt(`preview('UnbindCert', ${name})`, () => volc.preview('UnbindCert', make()));
    await attempt(`preview('UnbindCert', {}, ${name})`, () => volc.preview('UnbindCert', { Domain: 'a.example.com' }, make()));
    await attempt(`createCert({Rsa: ${name}})`, () => volc.createCert({ Rsa: make(), UseWay: 'https' }));
    await attempt(`createCert({Rsa: {Pubkey: ${name}}})`, () => volc.createCert({ Rsa: { Pubkey: make(), Prikey: 'k' }, UseWay: 'https' }));
    await attempt(`setCertificate({PrivateKey: ${name}})`, () => esa.setCertificate({ SiteId: 1, Type: 'upload', Name: 'n', Certificate: 'c', PrivateKey: make() }));
    await attempt(`listSites({TagFilter: ${name}})`, () => esa.listSites({ TagFilter: make() }));
  }
});

test('the lifecycle functions: hostile clients, certificates, targets and options', async () => {
  const client = new AliyunEsa({ accessKeyId: 'AK', secretAccessKey: 'SK', endpoint: 'http://127.0.0.1:9', maxRetries: 0, timeout: 500 });
  const material = { certificate: fixtures['example.crt'], privateKey: fixtures['example.key'] };
  const target = [{ provider: 'aliyun', siteId: 1 }];
  for (const [name, make] of Object.entries(hostile)) {
    await attempt(`certificateInventory(${name})`, () => certificateInventory(make()));
    await attempt(`certificateInventory({aliyun: ${name}})`, () => certificateInventory({ aliyun: make() }));
    await attempt(`certificateInventory({aliyun}, ${name})`, () => certificateInventory({ aliyun: client }, make()));
    for (const option of ['signal', 'onProgress', 'now']) {
      await attempt(`certificateInventory options.${option} = ${name}`, () => certificateInventory({ aliyun: client }, { [option]: make() }));
    }
    // A fake client whose call answers with hostile values.
    await attempt(`certificateInventory(a client answering ${name})`, () => certificateInventory({ aliyun: { call: async () => make() }, tencent: { call: async () => make() }, volcengine: { call: () => make() } }));
    await attempt(`deployCertificate(${name})`, () => deployCertificate(make(), material, target));
    await attempt(`deployCertificate(material ${name})`, () => deployCertificate({ aliyun: client }, make(), target));
    await attempt(`deployCertificate({certificate: ${name}})`, () => deployCertificate({ aliyun: client }, { ...material, certificate: make() }, target));
    await attempt(`deployCertificate({privateKey: ${name}})`, () => deployCertificate({ aliyun: client }, { ...material, privateKey: make() }, target));
    await attempt(`deployCertificate({name: ${name}})`, () => deployCertificate({ aliyun: client }, { ...material, name: make() }, target));
    await attempt(`deployCertificate(targets ${name})`, () => deployCertificate({ aliyun: client }, material, make()));
    await attempt(`deployCertificate([${name}])`, () => deployCertificate({ aliyun: client }, material, [make()]));
    await attempt(`deployCertificate([{siteId: ${name}}])`, () => deployCertificate({ aliyun: client }, material, [{ provider: 'aliyun', siteId: make() }]));
    await attempt(`deployCertificate(options ${name})`, () => deployCertificate({ aliyun: client }, material, [], make()));
    await attempt(`deployCertificate(a client answering ${name})`, () => deployCertificate({ aliyun: { call: async () => make() } }, material, target));
    await attempt(`inspectCertificate(${name})`, () => inspectCertificate(make()));
    await attempt(`inspectCertificate(cert, ${name})`, () => inspectCertificate(material.certificate, make()));
    await attempt(`inspectCertificate(cert, key, ${name})`, () => inspectCertificate(material.certificate, material.privateKey, make()));
    await attempt(`inspectCertificate(cert, key, [${name}])`, () => inspectCertificate(material.certificate, material.privateKey, [make()]));
    await attempt(`inspectCertificate(cert, key, [], ${name})`, () => inspectCertificate(material.certificate, undefined, [], make()));
  }
  // PEM bytes that are armour around garbage, or a chain of 10,000 blocks, are errors, not traps.
  const junk = `-----BEGIN CERTIFICATE-----\n${'A'.repeat(5000)}\n-----END CERTIFICATE-----\n`;
  await attempt('inspectCertificate(junk)', () => inspectCertificate(junk));
  await attempt('inspectCertificate(a long chain)', () => inspectCertificate(fixtures['example.crt'].repeat(700)));
  await attempt('deployCertificate(junk key)', () => deployCertificate({ aliyun: client }, { certificate: fixtures['example.crt'], privateKey: `-----BEGIN PRIVATE KEY-----\n${'B'.repeat(3000)}\n-----END PRIVATE KEY-----` }, target));
});

test('runBatch: hostile items, fn and options; items changed during the run', async () => {
  for (const [name, make] of Object.entries(hostile)) {
    await attempt(`runBatch(${name})`, () => runBatch(make(), (x) => x));
    await attempt(`runBatch([1], ${name})`, () => runBatch([1, 2], make()));
    await attempt(`runBatch([1], fn, ${name})`, () => runBatch([1, 2], (x) => x, make()));
    for (const option of ['concurrency', 'onProgress', 'signal']) {
      await attempt(`runBatch options.${option} = ${name}`, () => runBatch([1, 2], (x) => x, { [option]: make() }));
    }
  }
  // fn grows the array it was given: the batch runs the items it was started with.
  const items = [1, 2, 3];
  const outcomes = await attempt('runBatch with pushes', () => runBatch(items, (x) => { items.push(x * 10); return x; }, { concurrency: 2 }));
  assert.deepEqual(outcomes.map((o) => o.result), [1, 2, 3]);
  assert.equal(items.length, 6);
  // A thenable whose `then` throws, and a rejected promise, are failures of their item.
  const odd = await runBatch([1, 2], (x) => (x === 1 ? { get then() { throw new Error('then'); } } : Promise.reject(new Error('no'))));
  assert.deepEqual(odd.map((o) => o.status), ['failed', 'failed']);
  await assert.rejects(() => Promise.resolve().then(() => runBatch(Object.assign([], { length: 2 ** 32 - 1 }), (x) => x)), { name: 'ConfigError', option: 'items' });
  alive('after runBatch');
});

test('clearKeyCache forgets derived keys; signing goes on', () => {
  clearKeyCache();
  alive('after clearKeyCache');
  const c = new TencentLive({ accessKeyId: 'AK', secretAccessKey: 'SK' });
  c.free();
  alive('after free');
});

test('the exports behind signRequest never trap, whatever they are given', () => {
  const { __signRequestChecked: checked, __benchSignLoop: loop } = lib;
  // The flat path is not exported at all: it trusts the checks of signRequest.
  assert.equal(lib.__signFlat, undefined);
  for (const [name, make] of Object.entries(hostile)) {
    try { checked(make()); } catch (e) { assert.ok(ALLOWED.has(e.name), `__signRequestChecked(${name}): ${e.name}`); }
    try { loop(CHECK_INPUT, make()); } catch (e) { assert.ok(!(e instanceof WebAssembly.RuntimeError), `__benchSignLoop(${name}): trapped`); }
    try { loop(CHECK_INPUT, 1, make()); } catch (e) { assert.ok(!(e instanceof WebAssembly.RuntimeError), `__benchSignLoop hash ${name}: trapped`); }
    alive(`internal exports with ${name}`);
  }
  assert.throws(() => loop(CHECK_INPUT, 1, 'not-a-hash'), { name: 'SigningError' });
  // signRequest itself, with values of every hostile kind in every field, took the checked way
  // above (\`signRequest: hostile input and hostile fields\`); a well-formed input signs alike both ways.
  assert.deepEqual(lib.signRequest(CHECK_INPUT), checked(CHECK_INPUT));
});

test('the entry points by job never trap either: liveops/sign and liveops/validate with hostile input', async () => {
  const sign = await import('liveops/sign');
  const only = await import('liveops/validate');
  const expect = sign.signRequest(CHECK_INPUT).signature;
  assert.equal(expect, signRequest(CHECK_INPUT).signature);
  for (const [name, make] of Object.entries(hostile)) {
    for (const field of signFields) {
      try { sign.signRequest({ ...CHECK_INPUT, [field]: make() }); } catch (e) {
        assert.ok(ALLOWED.has(e.name) && !(e instanceof WebAssembly.RuntimeError), `liveops/sign {${field}: ${name}}: ${e.name}`);
      }
    }
    try { sign.__signRequestChecked(make()); } catch (e) { assert.ok(ALLOWED.has(e.name), `liveops/sign checked(${name}): ${e.name}`); }
    for (const args of [[make(), 'UpdateAuthKey', {}], ['volcengine', 'UpdateAuthKey', make()], ['volcengine', 'UpdateAuthKey', {}, make()]]) {
      const r = only.validate(...args);
      assert.equal(typeof r.ok, 'boolean', `liveops/validate(${name})`);
    }
    assert.equal(sign.signRequest(CHECK_INPUT).signature, expect, `liveops/sign still signs after ${name}`);
    assert.equal(only.validate('volcengine', 'UnbindCert', { Domain: 'a.example.com' }).ok, true, `liveops/validate still answers after ${name}`);
  }
});
