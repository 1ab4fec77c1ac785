// The known-answer vectors through the built package, imported as an ES module in Node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import init, { signRequest } from 'liveops';
import helpers from './vector-input.cjs';

const { vectorInput, compareToVector } = helpers;
const vectors = JSON.parse(readFileSync(new URL('../vectors/signing.json', import.meta.url), 'utf8'));

test('init() is a harmless no-op on Node', async () => {
  await init();
  await init();
});

test('every vector is reproduced (body as bytes)', () => {
  assert.ok(vectors.length >= 25);
  for (const v of vectors) {
    const out = signRequest(vectorInput(v));
    assert.deepEqual(compareToVector(v, out), [], v.id);
    assert.equal(out.method, v.method);
  }
});

test('every vector is reproduced (body as a string)', () => {
  for (const v of vectors) {
    const out = signRequest(vectorInput(v, { bodyAs: 'string' }));
    assert.deepEqual(compareToVector(v, out), [], v.id);
  }
});

test('import and require share one instance', () => {
  const require = createRequire(import.meta.url);
  const cjs = require('liveops');
  assert.equal(cjs.signRequest, signRequest);
});

test('defaults: path "/", time now, a fresh 32-hex nonce for acs3', () => {
  const base = { method: 'POST', host: 'esa.cn-hangzhou.aliyuncs.com', accessKeyId: 'AK', secretAccessKey: 'SK' };
  const before = Date.now();
  const a = signRequest({ ...base, scheme: 'acs3' });
  const b = signRequest({ ...base, scheme: 'acs3' });
  assert.match(a.headers['x-acs-signature-nonce'], /^[0-9a-f]{32}$/);
  assert.notEqual(a.headers['x-acs-signature-nonce'], b.headers['x-acs-signature-nonce']);
  const t = Date.parse(a.headers['x-acs-date']);
  assert.ok(t >= Math.floor(before / 1000) * 1000 - 1000 && t <= Date.now() + 1000);
  assert.equal(a.url, 'https://esa.cn-hangzhou.aliyuncs.com/');
  assert.ok(a.canonicalRequest.startsWith('POST\n/\n\n'));
});

test('http endpoints keep their port in the URL and the signed host', () => {
  const out = signRequest({
    scheme: 'volcengine', method: 'POST', host: '127.0.0.1:8787', protocol: 'http',
    query: [['Action', 'UnbindCert'], ['Version', '2023-01-01']],
    accessKeyId: 'AK', secretAccessKey: 'SK', time: 0,
  });
  assert.equal(out.url, 'http://127.0.0.1:8787/?Action=UnbindCert&Version=2023-01-01');
  assert.equal(out.headers.host, '127.0.0.1:8787');
});

test('bad input throws a named Error with a stable code and no secret', () => {
  const secret = 'TOP-SECRET-VALUE-123';
  const good = { scheme: 'tc3', method: 'POST', host: 'live.tencentcloudapi.com', accessKeyId: 'AK', secretAccessKey: secret };
  const cases = [
    [{ ...good, scheme: 'sigv4' }, 'UnknownScheme'],
    [{ ...good, scheme: undefined }, 'MissingField'],
    [{ ...good, accessKeyId: undefined }, 'MissingField'],
    [{ ...good, secretAccessKey: '' }, 'MissingSecret'],
    [{ ...good, secretAccessKey: 42 }, 'InvalidInput'],
    [{ ...good, headers: { 'bad name': 'x' } }, 'InvalidHeaderName'],
    [{ ...good, headers: { 'x-a': `a\r\n${secret}` } }, 'InvalidHeaderValue'],
    [{ ...good, headers: { 'x-a': 1 } }, 'InvalidInput'],
    [{ ...good, query: [['a']] }, 'InvalidInput'],
    [{ ...good, query: [['a', 'b']], rawQuery: 'a=b' }, 'QueryConflict'],
    [{ ...good, scheme: 'volcengine', rawQuery: 'a=b' }, 'RawQueryUnsupported'],
    [{ ...good, time: Number.NaN }, 'InvalidTime'],
    [{ ...good, time: -1 }, 'InvalidTime'],
    [{ ...good, body: 12 }, 'InvalidInput'],
    [{ ...good, signedHeaders: ['x-nope'] }, 'MissingSignedHeader'],
    [{ ...good, sessionToken: 'tok\n' }, 'InvalidInput'],
    [null, 'InvalidInput'],
    ['string', 'InvalidInput'],
  ];
  for (const [input, code] of cases) {
    let err;
    try { signRequest(input); } catch (e) { err = e; }
    assert.ok(err instanceof Error, `${code}: threw an Error`);
    assert.equal(err.name, 'SigningError');
    assert.equal(err.code, code, JSON.stringify(input));
    assert.ok(!err.message.includes(secret) && !String(err.stack).includes(secret));
  }
  // The instance survives every bad call.
  assert.ok(signRequest(good).authorization.startsWith('TC3-HMAC-SHA256 '));
});
