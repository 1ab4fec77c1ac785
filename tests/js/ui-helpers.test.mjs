// signStreamUrl and the clients' preview(), through the package in Node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signStreamUrl, VolcengineLive, AliyunEsa } from 'liveops';

test('signStreamUrl reproduces the documented md5 example and honours AuthField', () => {
  const base = { domain: 'push.example.com', app: 'live', stream: 'livestream', secretKey: 'A1B2C3d4e5f6', expiresAt: 1653632422 };
  assert.equal(signStreamUrl(base), 'rtmp://push.example.com/live/livestream?volcTime=1653632422&volcSecret=e5bb77201cbaa2f9ccdd316fcda4c212');
  assert.equal(
    signStreamUrl({ ...base, protocol: 'https', suffix: '.m3u8', authField: { volcSecret: 'sign', volcTime: 'expire' } }),
    'https://push.example.com/live/livestream.m3u8?expire=1653632422&sign=e5bb77201cbaa2f9ccdd316fcda4c212',
  );
  assert.throws(() => signStreamUrl({ ...base, secretKey: 'bad key' }), (e) => e.name === 'SigningError' && e.field === 'SecretKey' && !e.message.includes('bad key'));
});

test('preview shows the signed request without sending it, token masked', () => {
  const volc = new VolcengineLive({ accessKeyId: 'AK', secretAccessKey: 'SK-VALUE', sessionToken: 'TOKEN-VALUE', endpoint: 'http://127.0.0.1:9' });
  const p = volc.preview('UnbindCert', { Domain: 'a.example.com' });
  assert.equal(p.method, 'POST');
  assert.equal(p.url, 'http://127.0.0.1:9/?Action=UnbindCert&Version=2023-01-01');
  assert.equal(p.body, '{"Domain":"a.example.com"}');
  assert.equal(p.headers['x-security-token'], '***');
  assert.match(p.canonicalRequest, /x-security-token:\*\*\*/);
  assert.ok(!JSON.stringify(p).includes('TOKEN-VALUE') && !JSON.stringify(p).includes('SK-VALUE'));
  assert.throws(() => volc.preview('UnbindCert', {}), { name: 'ValidationError', code: 'MissingParameter' });
  assert.throws(() => volc.preview('ApplyCertificate', {}), { name: 'ValidationError', code: 'UnknownAction' });
  const esa = new AliyunEsa({ accessKeyId: 'AK', secretAccessKey: 'SK' });
  const e = esa.preview('ApplyCertificate', { SiteId: 1, Domains: 'a.example.com' });
  assert.equal(e.url, 'https://esa.cn-hangzhou.aliyuncs.com/?Domains=a.example.com&SiteId=1');
  assert.match(e.headers['x-acs-signature-nonce'], /^[0-9a-f]{32}$/);
});

test('expiringDays() is the inventory\'s own rule: a certificate that many days from its end is expiring, one day more is valid', async () => {
  const { expiringDays, certificateInventory } = await import('liveops');
  const n = expiringDays();
  assert.equal(Number.isInteger(n) && n > 0, true);
  const day = 86_400_000;
  const now = Date.UTC(2030, 0, 1);
  // A scripted Volcengine answering one listing of two certificates, n and n + 1 days from now.
  const fake = {
    call: async (action) => action === 'ListCertV2'
      ? { RequestId: 'r', Total: 2, CertList: [
        { CertID: 'a', ChainID: 'a', CertName: 'a', CertDomainList: ['a.example.com'], NotAfter: new Date(now + n * day).toISOString(), Status: 'OK' },
        { CertID: 'b', ChainID: 'b', CertName: 'b', CertDomainList: ['b.example.com'], NotAfter: new Date(now + (n + 1) * day).toISOString(), Status: 'OK' }] }
      : { RequestId: 'r', Total: 0, DomainList: [] },
  };
  const inv = await certificateInventory({ volcengine: fake }, { now });
  assert.deepEqual(inv.errors, []);
  assert.deepEqual(Object.fromEntries(inv.certificates.map((c) => [c.id, c.state])), { a: 'expiring', b: 'valid' });
});
