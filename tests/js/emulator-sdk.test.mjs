// Requests made by the clouds' official SDKs, pointed at the emulator, are accepted: the emulator
// verifies the same signatures the clouds do.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { startEmulator, DEMO_ACCESS_KEY_ID as AK, DEMO_SECRET_ACCESS_KEY as SK } from './emulator.mjs';

const require = createRequire(import.meta.url);
const { Service } = require('@volcengine/openapi');
const { CommonClient } = require('tencentcloud-sdk-nodejs-common');
const AliyunUtil = require('@alicloud/openapi-util').default;

let emu;
before(async () => { emu = await startEmulator(); });
after(async () => { await emu?.stop(); });

test('@volcengine/openapi Service calls UnbindCert and ListCertV2', async () => {
  const live = new Service({
    serviceName: 'live', host: emu.host, protocol: 'http:', region: 'cn-north-1',
    defaultVersion: '2023-01-01', accessKeyId: AK, secretKey: SK,
  });
  const unbind = await live.createJSONAPI('UnbindCert')({ Domain: 'play11.example.com' });
  assert.equal(unbind.ResponseMetadata.Error, undefined, JSON.stringify(unbind));
  assert.equal(unbind.ResponseMetadata.Action, 'UnbindCert');
  const list = await live.createJSONAPI('ListCertV2')({ Available: true, Expiring: true });
  assert.deepEqual(list.Result.CertList.map((c) => c.Status), ['Expire']);
  const s = await emu.state();
  assert.equal(s.volcengine.domains['play11.example.com'].cert_id, null);

  const wrong = new Service({ serviceName: 'live', host: emu.host, protocol: 'http:', region: 'cn-north-1', defaultVersion: '2023-01-01', accessKeyId: AK, secretKey: 'wrong' });
  const refused = await wrong.createJSONAPI('UnbindCert')({ Domain: 'play12.example.com' }).catch((e) => e.response?.data ?? e);
  assert.equal(refused.ResponseMetadata.Error.Code, 'SignatureDoesNotMatch');
});

test('tencentcloud-sdk-nodejs-common CommonClient calls ModifyLiveDomainCertBindings', async () => {
  const client = new CommonClient('live.tencentcloudapi.com', '2018-08-01', {
    credential: { secretId: AK, secretKey: SK },
    region: '',
    profile: { httpProfile: { endpoint: emu.host, protocol: 'http://', reqMethod: 'POST' } },
  });
  const res = await client.request('ModifyLiveDomainCertBindings', {
    DomainInfos: [{ DomainName: 'play12.example.com', Status: 1 }, { DomainName: 'play.other.com', Status: 1 }],
    CloudCertId: 'cert-example',
  });
  assert.deepEqual(res.MismatchedDomainNames, ['play.other.com']);
  assert.equal(typeof res.RequestId, 'string');
  const s = await emu.state();
  assert.deepEqual(s.tencent.domains['play12.example.com'], { cert_id: 'cert-example', https: true });

  const wrong = new CommonClient('live.tencentcloudapi.com', '2018-08-01', {
    credential: { secretId: AK, secretKey: 'wrong' }, region: '',
    profile: { httpProfile: { endpoint: emu.host, protocol: 'http://' } },
  });
  await assert.rejects(wrong.request('ModifyLiveDomainCertBindings', { DomainInfos: [{ DomainName: 'a.example.com', Status: 1 }], CloudCertId: 'x' }),
    (e) => e.code === 'AuthFailure.SignatureFailure');
});

test('@alicloud/openapi-util getAuthorization signs an ApplyCertificate the emulator accepts', async () => {
  const query = { SiteId: '1234567890123', Domains: 'sdk.example.com', Type: 'lets_encrypt' };
  const headers = {
    host: emu.host,
    'x-acs-action': 'ApplyCertificate',
    'x-acs-version': '2024-09-10',
    'x-acs-date': new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    'x-acs-signature-nonce': randomBytes(16).toString('hex'),
    'x-acs-content-sha256': createHash('sha256').update('').digest('hex'),
  };
  headers.authorization = AliyunUtil.getAuthorization({ pathname: '/', method: 'POST', query, headers }, 'ACS3-HMAC-SHA256', headers['x-acs-content-sha256'], AK, SK);
  const { host, ...sent } = headers;
  const res = await fetch(`${emu.url}/?${new URLSearchParams(query)}`, { method: 'POST', headers: sent });
  const body = await res.json();
  assert.equal(res.status, 200, JSON.stringify(body));
  assert.equal(body.TotalCount, 1);
  assert.equal(body.Result[0].Status, 'Applying');
  // The same nonce again is a replay.
  const again = await fetch(`${emu.url}/?${new URLSearchParams(query)}`, { method: 'POST', headers: sent });
  assert.equal((await again.json()).Code, 'SignatureNonceUsed');
});

test('the emulator logs one line per request: cloud, action, status, code, latency; never a secret', async () => {
  const { startEmulator: start } = await import('./emulator.mjs');
  const { VolcengineLive, AliyunEsa } = await import('liveops');
  const loud = await start([], { quiet: false });
  try {
    const opts = { accessKeyId: AK, secretAccessKey: SK, endpoint: loud.url, sessionToken: 'STS-TOKEN-NOT-FOR-LOGS' };
    await new VolcengineLive(opts).updateAuthKey({ Domain: 'push.example.com', SceneType: 'push', AuthDetailList: [{ SecretKey: 'KeyNotForLogs123', EncryptionAlgorithm: 'md5' }] });
    await new AliyunEsa({ ...opts, secretAccessKey: 'wrong-secret-not-for-logs', maxRetries: 0 }).applyCertificate({ SiteId: 1, Domains: 'a.example.com' }).catch(() => {});
    await new Promise((r) => setTimeout(r, 100));
    const lines = loud.output().split('\n').filter((l) => /^(volcengine|tencent|aliyun) /.test(l));
    assert.equal(lines.length, 2, loud.output());
    assert.match(lines[0], /^volcengine UpdateAuthKey 200 - \d+\.\dms$/);
    assert.match(lines[1], /^aliyun ApplyCertificate 400 SignatureDoesNotMatch \d+\.\dms$/);
    // The banner shows the documented demo keys; the request log shows no secret at all.
    const requestLog = loud.output().split('\n').filter((l) => !/^(liveops emulator|  )/.test(l)).join('\n');
    for (const secret of [SK, 'STS-TOKEN-NOT-FOR-LOGS', 'KeyNotForLogs123', 'wrong-secret-not-for-logs']) assert.ok(!requestLog.includes(secret));
    for (const secret of ['STS-TOKEN-NOT-FOR-LOGS', 'KeyNotForLogs123', 'wrong-secret-not-for-logs']) assert.ok(!loud.output().includes(secret));
  } finally {
    await loud.stop();
  }
});
