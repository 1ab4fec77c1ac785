// What a hostile review of the library found, each now a test: one listener per shared signal
// (no MaxListenersExceededWarning), a server's retry hint of an hour is not waited out, a used
// nonce is tried again with a fresh one (never a paid order), server words are printable.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import * as lib from 'liveops';
import { startEmulator, DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY } from './emulator.mjs';

let emu;
before(async () => { emu = await startEmulator(['--rate-volcengine', '0', '--rate-tencent', '0', '--rate-aliyun', '0']); });
after(async () => { await emu?.stop(); });
const keys = { accessKeyId: DEMO_ACCESS_KEY_ID, secretAccessKey: DEMO_SECRET_ACCESS_KEY, rateLimit: 0 };

/** A server on 127.0.0.1 answering each request with `answer(req, n)`. */
async function server(answer) {
  let n = 0;
  const s = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => answer(req, res, ++n, Buffer.concat(chunks).toString()));
  });
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${s.address().port}`, count: () => n, close: () => new Promise((r) => { s.closeAllConnections?.(); s.close(r); }) };
}

test('many concurrent calls on one AbortSignal add one listener to it: no MaxListenersExceededWarning', async () => {
  const warnings = [];
  const onWarning = (w) => warnings.push(w.name);
  process.on('warning', onWarning);
  try {
    const volc = new lib.VolcengineLive({ ...keys, endpoint: emu.url });
    const controller = new AbortController();
    await Promise.all(Array.from({ length: 30 }, () => volc.listCertV2({}, { signal: controller.signal })));
    const outcomes = await lib.runBatch(Array.from({ length: 40 }, (_, i) => i), (_x, _i, { signal }) => volc.listCertV2({}, { signal }), { concurrency: 20 });
    assert.ok(outcomes.every((o) => o.status === 'succeeded'));
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(warnings.filter((w) => w === 'MaxListenersExceededWarning'), []);
    // The signal still cancels every call that watches it.
    const pending = Promise.allSettled(Array.from({ length: 15 }, () => volc.listCertV2({}, { signal: controller.signal })));
    controller.abort();
    const settled = await pending;
    assert.ok(settled.every((r) => r.status === 'rejected' && r.reason.name === 'AbortError'));
  } finally {
    process.off('warning', onWarning);
  }
});

test('a retry hint longer than the client ever waits fails at once, retryable, instead of holding the call', async () => {
  const s = await server((req, res) => {
    res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '999999999' });
    res.end(JSON.stringify({ ResponseMetadata: { RequestId: 'r', Error: { Code: 'FlowLimitExceeded', Message: 'slow down' } } }));
  });
  try {
    const volc = new lib.VolcengineLive({ ...keys, endpoint: s.url, timeout: 3000, maxRetries: 3 });
    const started = Date.now();
    const e = await volc.listCertV2({}).then(() => null, (x) => x);
    assert.equal(e.code, 'FlowLimitExceeded');
    assert.equal(e.retryable, true);
    assert.ok(Date.now() - started < 2000, `${Date.now() - started} ms`);
    assert.equal(s.count(), 1);
  } finally { await s.close(); }
});

test('a nonce the server saw before: a read is tried again with a fresh nonce, a paid order is left open', async () => {
  const nonces = [];
  const s = await server((req, res, n) => {
    nonces.push(req.headers['x-acs-signature-nonce']);
    if (n === 1 || req.headers['x-acs-action'] === 'ApplyCertificate') {
      res.writeHead(400, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ RequestId: 'r', Code: 'SignatureNonceUsed', Message: 'the nonce was used' }));
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ RequestId: 'r2', TotalCount: 0, PageNumber: 1, PageSize: 10, Sites: [] }));
  });
  try {
    const esa = new lib.AliyunEsa({ ...keys, endpoint: s.url });
    const sites = await esa.listSites({});
    assert.equal(sites.RequestId, 'r2');
    assert.equal(nonces.length, 2);
    assert.notEqual(nonces[0], nonces[1], 'signed anew');
    // A paid order: the first copy may have been carried out.
    const before = s.count();
    const paid = await new lib.AliyunEsa({ ...keys, endpoint: s.url }).applyCertificate({ SiteId: 1, Domains: 'a.example.com' }).then(() => null, (x) => x);
    assert.equal(paid?.code, 'OutcomeUnknown');
    assert.equal(s.count() - before, 1, 'not sent again');
  } finally { await s.close(); }
});

test('control characters of a server\'s code, message and request id never reach the caller', async () => {
  const s = await server((req, res) => {
    res.writeHead(400, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ RequestId: 'r\r\nX-Forged: 1', Code: 'Bad\u001b[31m\nInjected', Message: 'a\u0000b\nc' }));
  });
  try {
    const e = await new lib.AliyunEsa({ ...keys, endpoint: s.url, maxRetries: 0 }).listSites({}).then(() => null, (x) => x);
    assert.equal(e.code, 'Bad?[31m?Injected');
    assert.equal(e.requestId, 'r??X-Forged: 1');
    assert.equal(e.message, 'a?b\nc');
  } finally { await s.close(); }
});
