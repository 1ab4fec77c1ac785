// validate() through the built package in Node (ES module): every rule's cases, the limits, and
// hostile input that must yield a report, never a throw.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { validate, signRequest } from 'liveops';
import cases from './validation-cases.cjs';

const groups = JSON.parse(readFileSync(new URL('../validation/cases.json', import.meta.url), 'utf8'));

test('every rule is accepted and rejected as its cases say', () => {
  const { checked, failures } = cases.checkCases(validate, groups);
  assert.deepEqual(failures, []);
  assert.ok(checked >= 150, `checked ${checked}`);
});

const entry = { SecretKey: 'abc123', EncryptionAlgorithm: 'md5_custom', AuthField: { volcSecret: 'sign', volcTime: 't' }, EncryptField: ['path'] };
const uak = (n) => ({ Vhost: 'push.example.com', App: 'live', SceneType: 'push', AuthDetailList: Array(n).fill(entry), ValidDuration: 2592000, PushPullEnable: true });

test('100 AuthDetailList entries pass, 101 fail at AuthDetailList', () => {
  assert.deepEqual(validate('volcengine', 'UpdateAuthKey', uak(100)), { ok: true, errors: [], warnings: [] });
  const r = validate('volcengine', 'UpdateAuthKey', uak(101));
  assert.equal(r.ok, false);
  assert.deepEqual(r.errors.map((e) => [e.path, e.code]), [['AuthDetailList', 'InvalidParam']]);
});

test('ValidDuration 30 is an error that names the field; 60 clears it', () => {
  const base = { Domain: 'push.example.com', SceneType: 'push', AuthDetailList: [entry] };
  const r = validate('volcengine', 'UpdateAuthKey', { ...base, ValidDuration: 30 });
  assert.deepEqual(r.errors.map((e) => e.path), ['ValidDuration']);
  assert.match(r.errors[0].message, /ValidDuration must be an integer from 60 to 2592000/);
  const zh = validate('volcengine', 'UpdateAuthKey', { ...base, ValidDuration: 30 }, { locale: 'zh' });
  assert.match(zh.errors[0].message, /60 到 2592000 之间的整数/);
  assert.equal(validate('volcengine', 'UpdateAuthKey', { ...base, ValidDuration: 60 }).ok, true);
});

test('unknown provider or action: ok false with a clear code, no throw', () => {
  assert.equal(validate('aws', 'UpdateAuthKey', {}).errors[0].code, 'UnknownProvider');
  assert.equal(validate('volcengine', 'DeleteEverything', {}).errors[0].code, 'UnknownAction');
  assert.equal(validate(undefined, undefined, undefined).errors[0].code, 'UnknownProvider');
  assert.equal(validate(42, {}, null).ok, false);
});

test('any value, however wrong, yields a report', () => {
  const cyclic = { Domain: 'a.example.com' };
  cyclic.self = cyclic;
  let deep = 1;
  for (let i = 0; i < 100000; i++) deep = [deep];
  const huge = { SceneType: 'push', Domain: 'a.example.com', AuthDetailList: Array(200000).fill({ SecretKey: 'no!', EncryptionAlgorithm: 'x' }) };
  const mb = 'x'.repeat(4 << 20);
  const inputs = [undefined, null, 0, 'str', [], [1, 2], true, cyclic, { AuthDetailList: deep }, huge,
    { SceneType: mb, Domain: mb, AuthDetailList: [{ SecretKey: mb }] }, () => 1, Symbol('s'), new Map(), NaN];
  for (const payload of inputs) {
    for (const [p, a] of [['volcengine', 'UpdateAuthKey'], ['tencent', 'ModifyLiveDomainCertBindings'], ['aliyun', 'ApplyCertificate']]) {
      const r = validate(p, a, payload);
      assert.equal(typeof r.ok, 'boolean');
      assert.equal(r.ok, r.errors.length === 0);
      assert.ok(r.errors.length <= 101);
      for (const i of [...r.errors, ...r.warnings]) assert.ok(i.message.length < 400);
    }
  }
  assert.equal(validate('volcengine', 'UpdateAuthKey', cyclic).errors[0].code, 'InvalidPayload');
  assert.equal(validate('volcengine', 'UpdateAuthKey', { AuthDetailList: deep }).errors[0].code, 'InvalidPayload');
  // The instance is intact afterwards.
  assert.equal(validate('volcengine', 'UnbindCert', { Domain: 'a.example.com' }).ok, true);
  assert.ok(signRequest({ scheme: 'tc3', method: 'POST', host: 'h.example.com', accessKeyId: 'a', secretAccessKey: 'b' }).signature);
});

test('ESA SiteId: beyond 2^53 as a decimal string or a BigInt, not as a lossy number', () => {
  const ok = (SiteId) => validate('aliyun', 'ApplyCertificate', { SiteId, Domains: 'a.example.com' });
  assert.equal(ok('9223372036854775807').ok, true);
  assert.equal(ok(9223372036854775807n).ok, true);
  assert.equal(ok(Number.MAX_SAFE_INTEGER).ok, true);
  const lossy = ok(2 ** 53 + 2);
  assert.deepEqual(lossy.errors.map((e) => [e.path, e.code]), [['SiteId', 'InvalidParameter']]);
  assert.match(lossy.errors[0].message, /decimal string/);
  assert.equal(ok(undefined).errors[0].code, 'MissingSiteId');
});

test('Tencent certificate source: ignored keys warn, a half pair is an error', () => {
  const domains = { DomainInfos: [{ DomainName: 'play.example.com', Status: 1 }] };
  const both = validate('tencent', 'ModifyLiveDomainCertBindings', { ...domains, CloudCertId: 'c', CertificatePublicKey: 'P', CertificatePrivateKey: 'K' });
  assert.equal(both.ok, true);
  assert.deepEqual(both.warnings.map((w) => w.code), ['IgnoredField', 'IgnoredField']);
  const half = validate('tencent', 'ModifyLiveDomainCertBindings', { ...domains, CertificatePublicKey: 'P' });
  assert.deepEqual(half.errors.map((e) => [e.path, e.code]), [['CertificatePrivateKey', 'MissingParameter']]);
});

test('unknown fields are warnings with their full path', () => {
  const r = validate('volcengine', 'UpdateAuthKey', { ...uak(1), Extra: 1, AuthDetailList: [{ ...entry, Typo: 1 }] });
  assert.equal(r.ok, true);
  assert.deepEqual(r.warnings.map((w) => [w.path, w.code]).sort(), [['AuthDetailList[0].Typo', 'UnknownField'], ['Extra', 'UnknownField']]);
});

test('non-ASCII text reaches the validator whole, wherever it sits in the payload', () => {
  // The payload's JSON crosses into the module first as a byte per UTF-16 unit, then the rest
  // as UTF-8 of up to 3 bytes per unit: keys of every width at the start, the middle and the end
  // of texts short and long must come back exactly, as the paths of their warnings.
  const keys = ['ключ', '直播域名', 'emoji😀key', '😀', 'é', '𝄞'.repeat(50), '中'.repeat(3000)];
  for (const pad of [0, 1, 100, 20000]) {
    const payload = { ...uak(1) };
    if (pad) payload.Pad = 'x'.repeat(pad);
    for (const k of keys) payload[k] = 1;
    const r = validate('volcengine', 'UpdateAuthKey', payload);
    assert.equal(r.ok, true, `pad ${pad}: ${JSON.stringify(r.errors)}`);
    const unknown = r.warnings.filter((w) => w.code === 'UnknownField').map((w) => w.path);
    assert.deepEqual(unknown.sort(), [...keys, ...(pad ? ['Pad'] : [])].sort(), `pad ${pad}`);
  }
  const first = { [keys[5]]: 1, ...uak(1) };
  assert.deepEqual(validate('volcengine', 'UpdateAuthKey', first).warnings.map((w) => w.path), [keys[5]]);
});
