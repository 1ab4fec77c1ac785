// The package's forwarding server (`liveops forward`, pkg/forward.mjs): only the official hosts,
// requests passed through unchanged (the upstream emulator checks the signature made for the
// cloud's host), CORS for the allowed origins, and `x-liveops-forward` on its own failures.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startForwarder } from '../../pkg/forward.mjs';
import { VolcengineLive, TencentLive, signRequest } from 'liveops';
import { startEmulator, DEMO_ACCESS_KEY_ID as AK, DEMO_SECRET_ACCESS_KEY as SK } from './emulator.mjs';

let upstream;
let fwd;
before(async () => {
  upstream = await startEmulator(['--rate-volcengine', '0', '--rate-tencent', '0']);
  fwd = await startForwarder({ port: 0, upstream: upstream.url, allowOrigins: ['http://localhost:5173'] });
});
after(async () => { await fwd?.close(); await upstream?.stop(); });

test('only the official API hosts can be reached', async () => {
  for (const host of ['evil.example.com', '127.0.0.1:1', 'live.volcengineapi.com.evil.com', 'metadata.google.internal', 'example.org']) {
    const r = await fetch(`${fwd.url}/forward/${host}/`, { method: 'POST' });
    assert.equal(r.status, 403, host);
  }
  assert.equal((await fetch(`${fwd.url}/elsewhere`)).status, 404);
});

test('a client behind the forwarder reaches the cloud it signs for; the forwarder changes nothing', async () => {
  const seen = [];
  const volc = new VolcengineLive({ accessKeyId: AK, secretAccessKey: SK, endpoint: `${fwd.url}/forward/live.volcengineapi.com`, debug: (i) => seen.push(i) });
  assert.equal(typeof (await volc.unbindCert({ Domain: 'play29.example.com' })).RequestId, 'string');
  assert.match(seen[0].canonicalRequest, /\nhost:live\.volcengineapi\.com\n/, 'signed for the cloud host');
  assert.equal(seen[0].url, `${fwd.url}/forward/live.volcengineapi.com/?Action=UnbindCert&Version=2023-01-01`);
  assert.equal((await upstream.state()).volcengine.domains['play29.example.com'].cert_id, null);
  const tc = new TencentLive({ accessKeyId: AK, secretAccessKey: SK, endpoint: `${fwd.url}/forward/live.tencentcloudapi.com` });
  const r = await tc.modifyLiveDomainCertBindings({ DomainInfos: [{ DomainName: 'play29.example.com', Status: 1 }], CloudCertId: 'cert-example' });
  assert.deepEqual(r.Errors, []);
  // A body changed on the way is refused by the cloud, whose answer comes back as it is.
  const body = JSON.stringify({ Domain: 'play30.example.com' });
  const signed = signRequest({ scheme: 'volcengine', method: 'POST', host: 'live.volcengineapi.com', query: [['Action', 'UnbindCert'], ['Version', '2023-01-01']],
    headers: { 'content-type': 'application/json' }, body, accessKeyId: AK, secretAccessKey: SK });
  const { host, ...headers } = signed.headers;
  const tampered = await fetch(`${fwd.url}/forward/live.volcengineapi.com/?Action=UnbindCert&Version=2023-01-01`, { method: 'POST', headers, body: '{}' });
  assert.equal(tampered.status, 401);
  assert.equal((await tampered.json()).ResponseMetadata.Error.Code, 'SignatureDoesNotMatch');
});

test('CORS for the allowed origins only; the forwarder\'s header is exposed', async () => {
  const pre = await fetch(`${fwd.url}/forward/live.volcengineapi.com/`, { method: 'OPTIONS', headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,x-date' } });
  assert.equal(pre.status, 204);
  assert.equal(pre.headers.get('access-control-allow-origin'), 'http://localhost:5173');
  assert.match(pre.headers.get('access-control-allow-headers'), /x-date/);
  const other = await fetch(`${fwd.url}/forward/live.volcengineapi.com/`, { method: 'POST', headers: { origin: 'https://evil.example' } });
  assert.equal(other.status, 403);
  assert.equal(other.headers.get('access-control-allow-origin'), null);
  const ok = await fetch(`${fwd.url}/forward/example.org/`, { method: 'POST', headers: { origin: 'http://localhost:5173' } });
  assert.match(ok.headers.get('access-control-expose-headers'), /x-liveops-forward/);
});

test('it says whether a failed request reached the cloud: not-sent, or sent', async () => {
  const dead = await startForwarder({ port: 0, upstream: 'http://127.0.0.1:1' });
  try {
    const r = await fetch(`${dead.url}/forward/esa.cn-hangzhou.aliyuncs.com/?SiteId=1`, { method: 'POST' });
    assert.equal(r.status, 502);
    assert.equal(r.headers.get('x-liveops-forward'), 'not-sent');
  } finally { await dead.close(); }
  // Upstream takes the request and hangs up without answering: it may have been carried out.
  const rude = createServer((socket) => socket.once('data', () => socket.destroy()));
  await new Promise((r) => rude.listen(0, '127.0.0.1', r));
  const cut = await startForwarder({ port: 0, upstream: `http://127.0.0.1:${rude.address().port}` });
  try {
    const r = await fetch(`${cut.url}/forward/esa.cn-hangzhou.aliyuncs.com/?SiteId=1`, { method: 'POST', body: 'x' });
    assert.equal(r.status, 504);
    assert.equal(r.headers.get('x-liveops-forward'), 'sent');
  } finally { await cut.close(); rude.close(); }
});

test('liveops forward --listen starts it; bad options are refused', async () => {
  const cli = fileURLToPath(new URL('../../pkg/cli.mjs', import.meta.url));
  const child = spawn(process.execPath, [cli, 'forward', '--listen', '127.0.0.1:0', '--allow-origin', 'http://localhost:5173'], { env: { ...process.env, LIVEOPS_FORWARD_UPSTREAM: upstream.url } });
  try {
    const url = await new Promise((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (c) => { out += c; const m = /listening on (http:\/\/[\d.:]+)/.exec(out); if (m) resolve(m[1]); });
      child.once('exit', (code) => reject(new Error(`exited ${code}`)));
    });
    assert.equal((await fetch(`${url}/forward/example.org/`, { method: 'POST' })).status, 403);
  } finally { child.kill('SIGTERM'); }
  const bad = spawn(process.execPath, [cli, 'forward', '--listen', 'nowhere']);
  const code = await new Promise((r) => bad.once('exit', r));
  assert.equal(code, 2);
});

test('an upstream that breaks off mid-answer, or never ends, gets one answer and the forwarder lives on', async () => {
  const { createServer: http } = await import('node:http');
  // Headers, a little of the body, then a reset: the request and its answer both fail.
  const resetting = http((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"Result": "');
    setTimeout(() => res.socket.destroy(), 20);
  });
  const endless = http((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    const chunk = Buffer.alloc(64 << 10, 0x20);
    let sent = 0;
    const pump = () => { if (res.destroyed || sent > (64 << 20)) return res.end(); sent += chunk.length; if (res.write(chunk)) setImmediate(pump); else res.once('drain', pump); };
    pump();
  });
  for (const s of [resetting, endless]) await new Promise((r) => s.listen(0, '127.0.0.1', r));
  try {
    for (const upstreamServer of [resetting, endless]) {
      const f = await startForwarder({ port: 0, upstream: `http://127.0.0.1:${upstreamServer.address().port}` });
      try {
        const r = await fetch(`${f.url}/forward/esa.cn-hangzhou.aliyuncs.com/?SiteId=1`, { method: 'POST', body: 'x' });
        assert.equal(r.status, 502);
        assert.equal(r.headers.get('x-liveops-forward'), 'sent');
        await r.arrayBuffer();
        // Still serving.
        const again = await fetch(`${f.url}/forward/example.org/`, { method: 'POST' });
        assert.equal(again.status, 403);
      } finally { await f.close(); }
    }
  } finally {
    resetting.close();
    endless.closeAllConnections?.();
    endless.close();
  }
});
