// The clients' behaviour, as scenarios run both in Node (tests/js/client.test.mjs) and in headless
// Chromium (tests/browser/client.test.mjs): against the emulator (signatures checked, real
// envelopes) and a scripted server in front of it. `env` gives the package, the endpoints, and the
// scripted server's controls; `node:assert/strict` is a small shim in the browser.
import assert from 'node:assert/strict';
import { envelopes } from './envelopes.mjs';

export function clientScenarios(env) {
  const { VolcengineLive, TencentLive, AliyunEsa, runBatch } = env.lib;
  const { accessKeyId, secretAccessKey } = env;
  let keyNo = 0;
  /** A fresh access key per client, so that scenarios do not share a rate-limit bucket. */
  const keys = () => ({ accessKeyId, secretAccessKey, rateLimit: 0, alias: ++keyNo });
  const direct = (o = {}) => ({ ...keys(), endpoint: env.emuUrl, ...o });
  const scripted = (o = {}) => ({ ...keys(), endpoint: env.scriptUrl, ...o });
  const rejection = async (p) => p.then((v) => assert.fail(`resolved: ${JSON.stringify(v)}`), (e) => e);

  function assertShape(e, name, code) {
  assert.ok(e instanceof Error, 'a real Error');
  assert.equal(e.name, name);
  assert.equal(e.code, code);
  for (const k of ['provider', 'action', 'code', 'message', 'requestId', 'httpStatus', 'retryable']) assert.ok(k in e, `has ${k}`);
  assert.ok(!String(e.message).includes(secretAccessKey) && !String(e.stack).includes(secretAccessKey));
}

  const list = [];
  const s = (name, run) => list.push({ name, run });

  s('all five operations succeed with typed results', async () => {
  const volc = new VolcengineLive(direct());
  const entry = { SecretKey: 'abc123', EncryptionAlgorithm: 'md5', AuthField: { volcSecret: 'sign', volcTime: 'expire' } };
  const updated = await volc.updateAuthKey({ Domain: 'push.example.com', SceneType: 'push', AuthDetailList: [entry], ValidDuration: 3600, PushPullEnable: true });
  assert.match(updated.RequestId, /^[0-9A-F-]{36}$/);
  const list = await volc.listCertV2({});
  assert.equal(list.Total, list.CertList.length);
  assert.deepEqual(new Set(list.CertList.map((c) => c.Status)), new Set(['OK', '30days', '15days', '7days', '1days', 'Expire']));
  assert.ok((await volc.listCertV2()).CertList.length > 0, 'the payload is optional');
  assert.equal(typeof (await volc.unbindCert({ Domain: 'play20.example.com' })).RequestId, 'string');

  const tc = new TencentLive(direct());
  const bound = await tc.modifyLiveDomainCertBindings({
    DomainInfos: [{ DomainName: 'play20.example.com', Status: 1 }, { DomainName: 'play.other.com', Status: 1 }, { DomainName: 'ghost.example.com', Status: 0 }],
    CloudCertId: 'cert-example',
  });
  assert.deepEqual(bound.MismatchedDomainNames, ['play.other.com']);
  assert.deepEqual(bound.Errors.map((e) => [e.DomainName, e.Code]), [['ghost.example.com', 'ResourceNotFound.DomainNotExist']]);

  const esa = new AliyunEsa(direct());
  const applied = await esa.applyCertificate({ SiteId: '9223372036854775807', Domains: 'a.big.example.org,b.big.example.org', Type: 'lets_encrypt' });
  assert.equal(applied.TotalCount, 2);
  assert.deepEqual(applied.Result.map((r) => r.Status), ['Applying', 'Applying']);
  const state = await env.state();
  assert.equal(state.volcengine.domains['play20.example.com'].cert_id, null);
  assert.equal(state.volcengine.auth['push.example.com||push'].push_pull_enable, true);
});


  s('ValidationError: the report, and nothing is sent', async () => {
  const before = (await env.arrivalCount());
  const volc = new VolcengineLive(scripted());
  const e = await rejection(volc.updateAuthKey({ Domain: 'push.example.com', SceneType: 'push', AuthDetailList: [{ SecretKey: 'abc', EncryptionAlgorithm: 'md5' }], ValidDuration: 30 }));
  assertShape(e, 'ValidationError', 'InvalidParam');
  assert.equal(e.provider, 'volcengine');
  assert.equal(e.action, 'UpdateAuthKey');
  assert.deepEqual(e.report.errors.map((i) => i.path), ['ValidDuration']);
  assert.equal(e.retryable, false);
  const esa = new AliyunEsa(scripted());
  assertShape(await rejection(esa.applyCertificate({ Domains: 'a.example.com' })), 'ValidationError', 'MissingSiteId');
  // Payloads that are no JSON object the rules can read: refused as such, before any request.
  const cyclic = { Domain: 'push.example.com' };
  cyclic.self = cyclic;
  let deep = [];
  for (let i = 0; i < 80; i++) deep = [deep];
  for (const payload of [cyclic, { Domain: 'push.example.com', SceneType: 'push', AuthDetailList: deep }, 'text']) {
    const refused = await rejection(volc.updateAuthKey(payload));
    assertShape(refused, 'ValidationError', 'InvalidPayload');
    assert.equal(refused.report.errors.length, 1);
  }
  assert.equal((await env.arrivalCount()), before);
});

  s('ApiError from each cloud, with code, request id and status', async () => {
  const v = await rejection(new VolcengineLive(direct()).unbindCert({ Domain: 'missing.example.com' }));
  assertShape(v, 'ApiError', 'ResourceNotFound.Domain');
  assert.equal(v.httpStatus, 404);
  assert.match(v.requestId, /^[0-9A-F-]{36}$/);
  assert.equal(v.retryable, false);

  const t = await rejection(new TencentLive(direct()).modifyLiveDomainCertBindings({ DomainInfos: [{ DomainName: 'play01.example.com', Status: 1 }], CloudCertId: 'cert-nope' }));
  assertShape(t, 'ApiError', 'FailedOperation.CertificateNotFound');
  assert.equal(t.httpStatus, 200, 'Tencent errors come with HTTP 200');

  const a = await rejection(new AliyunEsa(direct()).applyCertificate({ SiteId: 42, Domains: 'a.example.com' }));
  assertShape(a, 'ApiError', 'SiteNotFound');
  assert.equal(a.httpStatus, 404);

  const wrongKey = await rejection(new VolcengineLive(direct({ secretAccessKey: 'wrong-secret-value' })).listCertV2({}));
  assertShape(wrongKey, 'ApiError', 'SignatureDoesNotMatch');
  assert.ok(!wrongKey.message.includes('wrong-secret-value'));
});

  s('NetworkError, TimeoutError and AbortError', async () => {
  const n = await rejection(new VolcengineLive({ ...keys(), endpoint: env.deadUrl, maxRetries: 1 }).listCertV2({}));
  assertShape(n, 'NetworkError', 'NetworkError');
  assert.equal(n.retryable, true);

  await env.script({ delayMs: 1500, pass: true });
  const t = await rejection(new VolcengineLive(scripted({ timeout: 200, maxRetries: 0 })).listCertV2({}));
  assertShape(t, 'TimeoutError', 'Timeout');

  const controller = new AbortController();
  controller.abort();
  const a = await rejection(new VolcengineLive(scripted()).listCertV2({}, { signal: controller.signal }));
  assertShape(a, 'AbortError', 'Aborted');

  await env.script({ delayMs: 1500, pass: true });
  const c2 = new AbortController();
  setTimeout(() => c2.abort(), 100);
  assertShape(await rejection(new VolcengineLive(scripted()).listCertV2({}, { signal: c2.signal })), 'AbortError', 'Aborted');
});

  s('a non-JSON, empty or truncated answer is an ApiError, never a crash', async () => {
  for (const body of ['<html>oops</html>', '', '{"ResponseMetadata":{"Req']) {
    await env.script({ status: 200, body });
    const e = await rejection(new VolcengineLive(scripted({ maxRetries: 0 })).listCertV2({}));
    assertShape(e, 'ApiError', 'MalformedAnswer');
  }
});

  s('retry then success; retries exhausted', async () => {
  const start = (await env.arrivalCount());
  await env.script({ status: 500, body: envelopes.volc('InternalError') }, { status: 200, body: envelopes.volc('CommonErr') });
  const ok = await new VolcengineLive(scripted()).unbindCert({ Domain: 'play15.example.com' });
  assert.equal(typeof ok.RequestId, 'string');
  assert.equal((await env.arrivalCount()) - start, 3, 'two failures, then the emulator');

  const mid = (await env.arrivalCount());
  await env.script(...Array(4).fill({ status: 200, body: envelopes.tencent('RequestLimitExceeded') }));
  const e = await rejection(new TencentLive(scripted({ maxRetries: 3 })).modifyLiveDomainCertBindings({ DomainInfos: [{ DomainName: 'play01.example.com', Status: 1 }], CloudCertId: 'cert-example' }));
  assertShape(e, 'ApiError', 'RequestLimitExceeded');
  assert.equal(e.retryable, true);
  assert.equal((await env.arrivalCount()) - mid, 4, '1 + maxRetries attempts');

  const third = (await env.arrivalCount());
  await env.script({ status: 400, body: envelopes.volc('InvalidParam.Domain') });
  assertShape(await rejection(new VolcengineLive(scripted()).unbindCert({ Domain: 'play16.example.com' })), 'ApiError', 'InvalidParam.Domain');
  assert.equal((await env.arrivalCount()) - third, 1, 'parameter errors are not retried');
});

  s('Retry-After and x-acs-retry-after are honoured', async () => {
  const start = (await env.arrivalCount());
  await env.script({ status: 429, headers: { 'retry-after': '1' }, body: envelopes.volc('FlowLimitExceeded') });
  await new VolcengineLive(scripted()).listCertV2({});
  const [first, second] = (await env.arrivals()).slice(start);
  assert.ok(second.at - first.at >= 950, `waited ${second.at - first.at} ms for Retry-After: 1`);

  const s2 = (await env.arrivalCount());
  await env.script({ status: 400, headers: { 'x-acs-retry-after': '700' }, body: envelopes.aliyun('Throttling.User') });
  await new AliyunEsa(scripted()).applyCertificate({ SiteId: 1234567890123, Domains: 'retry.example.com' });
  const [a1, a2] = (await env.arrivals()).slice(s2);
  assert.ok(a2.at - a1.at >= 650, `waited ${a2.at - a1.at} ms for x-acs-retry-after: 700`);
  assert.notEqual(a1.headers['x-acs-signature-nonce'], a2.headers['x-acs-signature-nonce'], 'a retry is signed afresh');
});

  s('ApplyCertificate is not retried after an ambiguous failure', async () => {
  const start = (await env.arrivalCount());
  await env.script({ drop: 'after' });
  const e = await rejection(new AliyunEsa(scripted()).applyCertificate({ SiteId: 1234567890123, Domains: 'ambiguous.example.com' }));
  assertShape(e, 'NetworkError', 'OutcomeUnknown');
  assert.equal(e.retryable, false);
  assert.equal((await env.arrivalCount()) - start, 1, 'one attempt only');
  const state = await env.state();
  assert.ok(state.aliyun.certificates.some((c) => c.domain === 'ambiguous.example.com'), 'the server did apply');

  await env.script({ delayMs: 1500, pass: true });
  const t = await rejection(new AliyunEsa(scripted({ timeout: 200 })).applyCertificate({ SiteId: 1234567890123, Domains: 'slow.example.com' }));
  assertShape(t, 'TimeoutError', 'OutcomeUnknown');

  // An idempotent call is retried after the same cut.
  const s3 = (await env.arrivalCount());
  await env.script({ drop: 'after' });
  await new VolcengineLive(scripted()).unbindCert({ Domain: 'play17.example.com' });
  assert.equal((await env.arrivalCount()) - s3, 2);
});

  s('a paid order is sent once after any ambiguous answer: 502 HTML, 504 empty, 500, cut', async () => {
  const esa = () => new AliyunEsa(scripted());
  const order = { SiteId: 1234567890123, Domains: 'paid.example.com', Type: 'digicert_single' };
  const ambiguous = [
    { status: 502, contentType: 'text/html', body: '<html><body>502 Bad Gateway</body></html>' },
    { status: 504, body: '' },
    { status: 500, body: envelopes.aliyun('InternalError') },
    { status: 200, body: '{"RequestId":"cut' },
  ];
  for (const step of ambiguous) {
    const start = await env.arrivalCount();
    // Were it re-sent, the second send would pass through to the emulator and succeed.
    await env.script(step);
    const e = await rejection(esa().applyCertificate(order));
    assertShape(e, 'ApiError', 'OutcomeUnknown');
    assert.equal(e.retryable, false);
    assert.equal(e.httpStatus, step.status);
    assert.match(e.message, /ListCertificates/, 'says how to check');
    assert.equal((await env.arrivalCount()) - start, 1, `HTTP ${step.status}: sent once`);
  }
  // The cloud's own refusal says nothing was done: that one is retried.
  const start = await env.arrivalCount();
  await env.script({ status: 503, body: envelopes.aliyun('ServiceUnavailable') });
  const ok = await esa().applyCertificate({ SiteId: 1234567890123, Domains: 'unavailable.example.com' });
  assert.equal(ok.TotalCount, 1);
  assert.equal((await env.arrivalCount()) - start, 2);
});

  s('a paid order aborted while in flight rejects with OutcomeUnknown', async () => {
  const start = await env.arrivalCount();
  await env.script({ delayMs: 1500, pass: true });
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 150);
  const e = await rejection(new AliyunEsa(scripted()).applyCertificate({ SiteId: 1234567890123, Domains: 'inflight.example.com' }, { signal: controller.signal }));
  assertShape(e, 'AbortError', 'OutcomeUnknown');
  assert.match(e.message, /ListCertificates/);
  assert.equal((await env.arrivalCount()) - start, 1);
  // Aborted before anything was sent, it is a plain abort.
  const early = new AbortController();
  early.abort();
  assertShape(await rejection(new AliyunEsa(scripted()).applyCertificate({ SiteId: 1234567890123, Domains: 'x.example.com' }, { signal: early.signal })), 'AbortError', 'Aborted');
});

  s('a forwarder that could not reach the cloud is retried; one that sent the request is not', async () => {
  const order = { SiteId: 1234567890123, Domains: 'fwd.example.com' };
  const start = await env.arrivalCount();
  await env.script({ status: 502, headers: { 'x-liveops-forward': 'not-sent' }, body: { Message: 'the cloud could not be reached' } });
  const ok = await new AliyunEsa(scripted()).applyCertificate(order);
  assert.equal(ok.TotalCount, 1);
  assert.equal((await env.arrivalCount()) - start, 2, 'not sent, so sent again');
  const s2 = await env.arrivalCount();
  await env.script({ status: 504, headers: { 'x-liveops-forward': 'sent' }, body: { Message: 'no answer' } });
  const e = await rejection(new AliyunEsa(scripted()).applyCertificate({ SiteId: 1234567890123, Domains: 'fwd2.example.com' }));
  assertShape(e, 'ApiError', 'OutcomeUnknown');
  assert.equal((await env.arrivalCount()) - s2, 1);
});

  s('redirects are never followed', async () => {
  const start = await env.arrivalCount();
  const before = (await env.state()).volcengine.domains['play18.example.com'].cert_id;
  await env.script({ status: 307, headers: { location: `${env.emuUrl}/` }, body: '' });
  const e = await rejection(new VolcengineLive(scripted()).unbindCert({ Domain: 'play18.example.com' }));
  assertShape(e, 'ApiError', 'Redirected');
  assert.equal(e.retryable, false);
  assert.ok(e.httpStatus === 307 || e.httpStatus === null, `status ${e.httpStatus} (browsers hide it)`);
  assert.equal((await env.arrivalCount()) - start, 1, 'not retried');
  assert.equal((await env.state()).volcengine.domains['play18.example.com'].cert_id, before, 'the redirect target saw nothing');
});

  s('a hostile Date never sticks: the offset is bounded and corrected', async () => {
  const start = await env.arrivalCount();
  const volc = new VolcengineLive(scripted({ maxRetries: 0 }));
  await env.script({ status: 400, headers: { date: 'Fri, 31 Dec 9999 23:59:59 GMT' }, body: envelopes.volc('InvalidTimestamp', 'expired', { CodeN: 100006 }) });
  assertShape(await rejection(volc.listCertV2({})), 'ApiError', 'InvalidTimestamp');
  assert.equal((await env.arrivalCount()) - start, 1, 'an absurd Date is not a reason to sign again');
  // The same client still signs with its own clock and succeeds against the emulator.
  const ok = await volc.listCertV2({});
  assert.equal(typeof ok.RequestId, 'string');
  const last = (await env.arrivals()).at(-1);
  const parse = (x) => Date.parse(x.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));
  assert.ok(Math.abs(parse(last.headers['x-date']) - Date.now()) < 60_000, 'signed with the local clock');
  // A sane offset that a later answer contradicts is measured again.
  const tc = new TencentLive(scripted({ maxRetries: 0 }));
  const ahead = new Date(Date.now() + 2 * 3600_000).toUTCString();
  await env.script(
    { status: 200, headers: { date: ahead }, body: envelopes.tencent('AuthFailure.SignatureExpire') },
    { status: 200, headers: { date: new Date().toUTCString() }, body: { Response: { RequestId: 'r', MismatchedDomainNames: [], Errors: [] } } },
  );
  const bind = { DomainInfos: [{ DomainName: 'play01.example.com', Status: 1 }], CloudCertId: 'cert-example' };
  await tc.modifyLiveDomainCertBindings(bind);
  await tc.modifyLiveDomainCertBindings(bind);
  const stamps = (await env.arrivals()).slice(-3).map((a) => Number(a.headers['x-tc-timestamp']) * 1000);
  assert.ok(Math.abs(stamps[1] - stamps[0] - 2 * 3600_000) < 5000, 'the offset was learned');
  assert.ok(Math.abs(stamps[2] - Date.now()) < 60_000, 'and dropped once the server showed the right time');
});

  s('options that cannot be honoured are refused with ConfigError naming the option', () => {
  const base = { accessKeyId: 'a', secretAccessKey: 'b' };
  for (const [option, value] of [['rateLimit', 1e-7], ['rateLimit', -1], ['rateLimit', NaN], ['rateLimit', Infinity], ['timeout', 0], ['timeout', 1e12], ['timeout', NaN], ['maxRetries', 1.5], ['maxRetries', 21], ['maxRetries', -1], ['debug', 'yes'], ['endpoint', 'ftp://x'], ['region', 5]]) {
    let thrown;
    try { new VolcengineLive({ ...base, [option]: value }); } catch (e) { thrown = e; }
    assert.ok(thrown, `${option}=${value} refused`);
    assert.equal(thrown.name, 'ConfigError', `${option}=${value}`);
    assert.equal(thrown.option, option, `${option}=${value}`);
  }
  assert.ok(new VolcengineLive({ ...base, rateLimit: 0.001, timeout: 600000, maxRetries: 0 }));
});

  s('bindCert: a certificate bound by chain id, HTTPS on', async () => {
  const volc = new VolcengineLive(direct());
  const r = await volc.bindCert({ ChainID: 'chain-cert-15d', Domain: 'play13.example.com', HTTPS: true, MinTLSVersion: 'TLSv1.2' });
  assert.equal(typeof r.RequestId, 'string');
  const d = (await env.state()).volcengine.domains['play13.example.com'];
  assert.deepEqual([d.cert_id, d.https], ['cert-15d', true]);
  assertShape(await rejection(volc.bindCert({ ChainID: 'chain-cert-15d', Domain: 'play13.example.com', MinTLSVersion: 'TLSv9' })), 'ValidationError', 'InvalidParam');
  assertShape(await rejection(volc.bindCert({ ChainID: 'chain-nope', Domain: 'play13.example.com' })), 'ApiError', 'RequestForbidden');
});

  s('call(action, payload) calls by API name; an unknown action rejects', async () => {
  const volc = new VolcengineLive(direct());
  const listed = await volc.call('ListCertV2');
  assert.ok(Array.isArray(listed.CertList));
  assert.equal(typeof (await volc.call('UnbindCert', { Domain: 'play20.example.com' })).RequestId, 'string');
  assertShape(await rejection(volc.call('ApplyCertificate', {})), 'ValidationError', 'UnknownAction');
  assertShape(await rejection(new TencentLive(direct()).call('ModifyLiveDomainCertBindings', { DomainInfos: [] })), 'ValidationError', 'InvalidParameterValue');
});

  s('aborting stops a pending retry wait', async () => {
  const start = (await env.arrivalCount());
  await env.script({ status: 429, headers: { 'retry-after': '5' }, body: envelopes.volc('FlowLimitExceeded') });
  const controller = new AbortController();
  const began = Date.now();
  const pending = new VolcengineLive(scripted()).listCertV2({}, { signal: controller.signal });
  setTimeout(() => controller.abort(), 150);
  assertShape(await rejection(pending), 'AbortError', 'Aborted');
  assert.ok(Date.now() - began < 4000, 'did not wait out Retry-After');
  await new Promise((r) => setTimeout(r, 300));
  assert.equal((await env.arrivalCount()) - start, 1, 'no retry after the abort');
});

  s('the token bucket spaces requests per access key, across clients', async () => {
  const start = (await env.arrivalCount());
  const shared = { accessKeyId: 'AKLTRATELIMITED', secretAccessKey, endpoint: env.scriptUrl, rateLimit: 10 };
  await env.script(...Array(8).fill({ status: 200, body: envelopes.volcOk({ CertList: [] }) }));
  const a = new VolcengineLive(shared);
  const b = new VolcengineLive(shared);
  await Promise.all([0, 1, 2, 3, 4, 5, 6, 7].map((i) => (i % 2 ? a : b).listCertV2({})));
  const times = (await env.arrivals()).slice(start).map((r) => r.at).sort((x, y) => x - y);
  const span = times[7] - times[0];
  // 8 requests at 10/s are scheduled 0.7 s apart end to end (unpaced, they arrive within
  // milliseconds); the slack allows for a late first send. The exact schedule is unit-tested.
  assert.ok(span >= 500, `8 requests at 10/s span about 0.7 s (saw ${span} ms)`);
});

  s('a time-skew rejection corrects the clock from Date and retries once', async () => {
  const start = (await env.arrivalCount());
  const serverNow = new Date(Date.now() + 3600_000);
  await env.script(
    { status: 400, headers: { date: serverNow.toUTCString() }, body: envelopes.volc('InvalidTimestamp', 'expired', { CodeN: 100006 }) },
    { status: 200, body: envelopes.volcOk({ CertList: [] }) },
  );
  await new VolcengineLive(scripted()).listCertV2({});
  const [r1, r2] = (await env.arrivals()).slice(start);
  const parse = (x) => Date.parse(x.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));
  const shift = parse(r2.headers['x-date']) - parse(r1.headers['x-date']);
  assert.ok(Math.abs(shift - 3600_000) < 5000, `signed an hour later (${shift} ms)`);

  const s2 = (await env.arrivalCount());
  await env.script(...Array(2).fill({ status: 200, headers: { date: serverNow.toUTCString() }, body: envelopes.tencent('AuthFailure.SignatureExpire') }));
  const e = await rejection(new TencentLive(scripted()).modifyLiveDomainCertBindings({ DomainInfos: [{ DomainName: 'a.example.com', Status: 1 }], CloudCertId: 'c' }));
  assertShape(e, 'ApiError', 'AuthFailure.SignatureExpire');
  assert.equal((await env.arrivalCount()) - s2, 2, 'corrected once, not again');
});

  s('runBatch against injected failures: outcomes add up, none lost or run twice', async () => {
  const volc = new VolcengineLive({ ...keys(), endpoint: env.faultyUrl, maxRetries: 0 });
  const domains = Array.from({ length: 30 }, (_, i) => `play${String(i + 1).padStart(2, '0')}.example.com`);
  const calls = new Map();
  const progress = [];
  const outcomes = await runBatch(domains, (d, i) => {
    calls.set(i, (calls.get(i) ?? 0) + 1);
    return volc.unbindCert({ Domain: d });
  }, { concurrency: 5, onProgress: (p) => progress.push(p) });
  assert.equal(outcomes.length, 30);
  assert.deepEqual(outcomes.map((o) => o.index), domains.map((_, i) => i));
  assert.ok([...calls.values()].every((n) => n === 1) && calls.size === 30, 'each item ran once');
  const failed = outcomes.filter((o) => o.status === 'failed');
  const ok = outcomes.filter((o) => o.status === 'succeeded');
  assert.equal(ok.length + failed.length, 30);
  assert.ok(failed.length > 0 && ok.length > 0, `faults injected: ${failed.length} failed`);
  assert.ok(failed.every((o) => o.error.name === 'ApiError' && o.error.code === 'InternalError'));
  assert.deepEqual(progress.at(-1), { done: 30, failed: failed.length, total: 30 });
  assert.ok(progress.every((p, i) => p.done === i + 1));
});

  s('runBatch abort: items not started are reported, in-flight ones end', async () => {
  const controller = new AbortController();
  const volc = new VolcengineLive({ ...keys(), endpoint: env.emuUrl, rateLimit: 20 });
  const items = Array.from({ length: 40 }, (_, i) => i);
  const started = new Set();
  setTimeout(() => controller.abort(), 250);
  const outcomes = await runBatch(items, (i, _index, { signal }) => {
    started.add(i);
    return volc.listCertV2({}, { signal });
  }, { concurrency: 2, signal: controller.signal });
  const by = (s) => outcomes.filter((o) => o.status === s).length;
  assert.equal(by('succeeded') + by('failed') + by('notStarted'), 40);
  assert.ok(by('notStarted') > 0, 'the rest did not start');
  assert.equal(started.size, by('succeeded') + by('failed'));
  assert.ok(outcomes.filter((o) => o.status === 'failed').every((o) => o.error.name === 'AbortError'));
});

  s('debug hands over the canonical request and string to sign, never a secret', async () => {
  const seen = [];
  const token = 'STS-TOKEN-SHOULD-NOT-LEAK-12345';
  const volc = new VolcengineLive(direct({ sessionToken: token, debug: (info) => seen.push(info) }));
  await volc.listCertV2({});
  assert.equal(seen.length, 1);
  const [info] = seen;
  assert.equal(info.action, 'ListCertV2');
  assert.equal(info.attempt, 1);
  assert.match(info.canonicalRequest, /^POST\n\/\nAction=ListCertV2&Version=2023-01-01\n/);
  assert.match(info.stringToSign, /^HMAC-SHA256\n/);
  const all = JSON.stringify(seen);
  assert.ok(!all.includes(token) && !all.includes(secretAccessKey));
  assert.ok(info.canonicalRequest.includes('x-security-token:***'));
});

  s('constructor options are checked', () => {
  assert.throws(() => new VolcengineLive({}), { name: 'ConfigError', code: 'MissingField' });
  assert.throws(() => new VolcengineLive({ accessKeyId: 'a', secretAccessKey: 'b', endpoint: 'ftp://x' }), { name: 'ConfigError', code: 'InvalidEndpoint' });
  assert.throws(() => new TencentLive({ accessKeyId: 'a', secretAccessKey: 'b', timeout: -1 }), { name: 'ConfigError' });
  assert.throws(() => new AliyunEsa(null), { name: 'ConfigError' });
});

  s('an answer that never ends is cut at maxAnswerBytes: AnswerTooLarge, memory bounded, not retried', async () => {
    const volc = new VolcengineLive(scripted({ maxAnswerBytes: 1 << 20, timeout: 15_000 }));
    const before = (await env.streamed()).length;
    await env.script({ endless: true });
    const started = Date.now();
    const e = await rejection(volc.listCertV2({}));
    assertShape(e, 'ApiError', 'AnswerTooLarge');
    assert.equal(e.httpStatus, 200);
    assert.equal(e.retryable, false);
    assert.ok(Date.now() - started < 10_000, 'stopped long before the server would');
    const record = (await env.streamed())[before];
    // Reading stopped near the limit: the server wrote at most what the sockets buffer on top.
    assert.ok(record.bytes < 32 << 20, `the server wrote ${record.bytes} bytes`);
    await new Promise((r) => setTimeout(r, 200));
    assert.ok((await env.streamed())[before].closedByClient, 'the client hung up');
    // A paid order whose answer is too long: its outcome is open, and it is not sent again.
    const esa = new AliyunEsa(scripted({ maxAnswerBytes: 1024 }));
    const arrivals = await env.arrivalCount();
    await env.script({ endless: true });
    const paid = await rejection(esa.applyCertificate({ SiteId: 1, Domains: 'a.example.com' }));
    assertShape(paid, 'ApiError', 'OutcomeUnknown');
    assert.equal((await env.arrivalCount()) - arrivals, 1, 'sent once');
  });

  s('the timeout covers the whole answer: a body that drips is a TimeoutError', async () => {
    const volc = new VolcengineLive(scripted({ timeout: 400, maxRetries: 0 }));
    await env.script({ dripMs: 50 });
    const started = Date.now();
    const e = await rejection(volc.listCertV2({}));
    assertShape(e, 'TimeoutError', 'Timeout');
    const took = Date.now() - started;
    assert.ok(took >= 350 && took < 5_000, `cut after ${took} ms`);
  });

  s('a server that quotes the request in its error never hands back the private key', async () => {
    const pem = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7q8vJk2kD0aP4n1rX\noZ9Qm3uF0lQ2sBv1xY5eZtq8w4nAkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk\n-----END PRIVATE KEY-----\n';
    const cert = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    const lines = pem.split('\n').filter((l) => l && !l.startsWith('-----'));
    const cases = [
      [new VolcengineLive(scripted({ maxRetries: 0 })), 'createCert', { Rsa: { Pubkey: cert, Prikey: pem }, UseWay: 'https' },
        { echo: { ResponseMetadata: { RequestId: 'r-{body}', Error: { Code: 'InvalidParam', Message: 'cannot read {body}' } } } }],
      [new TencentLive(scripted({ maxRetries: 0 })), 'modifyLiveDomainCertBindings', { DomainInfos: [{ DomainName: 'a.example.com', Status: 1 }], CertificatePublicKey: cert, CertificatePrivateKey: pem },
        { status: 200, echo: { Response: { RequestId: 'r', Error: { Code: 'InvalidParameterValue', Message: 'bad: {body}' } } } }],
      [new AliyunEsa(scripted({ maxRetries: 0 })), 'setCertificate', { SiteId: 1, Type: 'upload', Name: 'n', Certificate: cert, PrivateKey: pem },
        { echo: { Code: 'InvalidParameter', Message: 'bad: {body}', RequestId: 'r' } }],
    ];
    for (const [client, method, payload, step] of cases) {
      await env.script(step);
      const e = await rejection(client[method](payload, { signal: new AbortController().signal }));
      assert.equal(e.name, 'ApiError', `${method}: ${e.message}`);
      const everything = JSON.stringify({ message: e.message, code: e.code, requestId: e.requestId, stack: e.stack });
      for (const line of lines) assert.ok(!everything.includes(line), `${method}: a line of the key came back: ${everything.slice(0, 300)}`);
      assert.ok(e.message.includes('***'), `${method}: masked, not dropped: ${e.message.slice(0, 200)}`);
    }
  });

  s('options: a bare AbortSignal is taken as { signal }; a non-object rejects with ConfigError and sends nothing', async () => {
    const volc = new VolcengineLive(scripted());
    const controller = new AbortController();
    controller.abort();
    const arrivals = await env.arrivalCount();
    const aborted = await rejection(volc.call('ListCertV2', {}, controller.signal));
    assert.equal(aborted.name, 'AbortError');
    const aborted2 = await rejection(volc.listCertV2({}, controller.signal));
    assert.equal(aborted2.name, 'AbortError');
    for (const bad of [42, 'signal', true, [controller.signal], () => {}]) {
      const e = await rejection(volc.call('ListCertV2', {}, bad));
      assert.equal(e.name, 'ConfigError', String(bad));
      assert.equal(e.code, 'InvalidOption');
      assert.equal(e.provider, 'volcengine');
      assert.equal(e.action, 'ListCertV2');
    }
    const notSignal = await rejection(volc.listCertV2({}, { signal: {} }));
    assert.equal(notSignal.name, 'ConfigError');
    assert.equal((await env.arrivalCount()) - arrivals, 0, 'nothing was sent');
    // A live bare signal cancels a call in flight.
    const live = new AbortController();
    await env.script({ delayMs: 2000, body: envelopes.volcOk({}) });
    const before = await env.arrivalCount();
    const pending = rejection(volc.listCertV2({}, live.signal));
    // Aborted once the request is at the server (a busy machine may take longer than any fixed
    // delay to send it), so that the abort cancels a call in flight, not one not yet sent.
    for (let i = 0; i < 200 && (await env.arrivalCount()) === before; i++) await new Promise((r) => setTimeout(r, 10));
    live.abort();
    assert.equal((await pending).name, 'AbortError');
  });

  s('runBatch rejects (never throws) on bad arguments, and takes a bare AbortSignal', async () => {
    for (const args of [[42, () => 1], [[1], 'fn'], [[1], () => 1, 42], [[1], () => 1, { concurrency: 0 }], [[1], () => 1, { signal: 'x' }]]) {
      let p;
      assert.doesNotThrow(() => { p = runBatch(...args); }, JSON.stringify(args.map(String)));
      const e = await rejection(p);
      assert.equal(e.name, 'ConfigError');
    }
    const controller = new AbortController();
    controller.abort();
    const outcomes = await runBatch([1, 2, 3], async (x) => x, controller.signal);
    assert.deepEqual(outcomes.map((o) => o.status), ['notStarted', 'notStarted', 'notStarted']);
  });

  return list;
}
