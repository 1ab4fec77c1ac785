// The clouds' international sites (`site: 'intl'`): the hosts come from the clouds' profiles, the
// requests are signed for them, the forwarder lets them through, and the emulator answers clients
// of either site. A cloud with no international site here, or a site that is not one, is refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startForwarder } from '../../pkg/forward.mjs';
import { VolcengineLive, TencentLive, AliyunEsa } from 'liveops';
import { startEmulator, DEMO_ACCESS_KEY_ID as AK, DEMO_SECRET_ACCESS_KEY as SK } from './emulator.mjs';

const keys = { accessKeyId: AK, secretAccessKey: SK };
let upstream;
let fwd;
before(async () => {
  upstream = await startEmulator(['--rate-volcengine', '0', '--rate-tencent', '0', '--rate-aliyun', '0']);
  fwd = await startForwarder({ port: 0, upstream: upstream.url });
});
after(async () => { await fwd?.close(); await upstream?.stop(); });

const hostOf = (preview) => new URL(preview.url).host;

test('site intl: Tencent Live and SSL and Alibaba ESA go to their international hosts, signed for them', () => {
  const tc = new TencentLive({ ...keys, site: 'intl' });
  const live = tc.preview('DescribeLiveDomains', {});
  assert.equal(hostOf(live), 'live.intl.tencentcloudapi.com');
  assert.match(live.canonicalRequest, /\nhost:live\.intl\.tencentcloudapi\.com\n/);
  assert.equal(hostOf(tc.preview('DescribeCertificates', {})), 'ssl.intl.tencentcloudapi.com');
  const esa = new AliyunEsa({ ...keys, site: 'intl' });
  assert.equal(hostOf(esa.preview('ListSites', {})), 'esa.ap-southeast-1.aliyuncs.com');
  // The China site stays the default, and an explicit cn is the same.
  assert.equal(hostOf(new TencentLive(keys).preview('DescribeLiveDomains', {})), 'live.tencentcloudapi.com');
  assert.equal(hostOf(new AliyunEsa({ ...keys, site: 'cn' }).preview('ListSites', {})), 'esa.cn-hangzhou.aliyuncs.com');
});

test('site: a cloud without an international site here, or a value that is no site, is a ConfigError naming the option', () => {
  for (const [make, words] of [
    [() => new VolcengineLive({ ...keys, site: 'intl' }), /international/],
    [() => new TencentLive({ ...keys, site: 'global' }), /"cn" or "intl"/],
    [() => new AliyunEsa({ ...keys, site: 42 }), /site/],
  ]) {
    assert.throws(make, (e) => e.name === 'ConfigError' && e.option === 'site' && words.test(e.message));
  }
});

test('site intl through the forwarder: the international hosts are let through and the emulator answers', async () => {
  const tc = new TencentLive({ ...keys, site: 'intl', endpoint: `${fwd.url}/forward/live.intl.tencentcloudapi.com` });
  const seen = [];
  const esa = new AliyunEsa({ ...keys, site: 'intl', endpoint: `${fwd.url}/forward/esa.ap-southeast-1.aliyuncs.com`, debug: (i) => seen.push(i) });
  assert.ok(Array.isArray((await tc.describeLiveDomains({})).DomainList));
  assert.ok(Array.isArray((await esa.listSites({})).Sites));
  assert.match(seen[0].canonicalRequest, /\nhost:esa\.ap-southeast-1\.aliyuncs\.com\n/);
  // Straight at the emulator, a client of either site is answered the same.
  const direct = new TencentLive({ ...keys, site: 'intl', endpoint: upstream.url });
  assert.deepEqual((await direct.describeLiveDomains({})).DomainList.length, (await new TencentLive({ ...keys, endpoint: upstream.url }).describeLiveDomains({})).DomainList.length);
});

test('a private key the cloud gives back (DescribeCertificateDetail) is masked in what the client returns', async () => {
  const { scriptServer } = await import('./script-server.mjs');
  const srv = await scriptServer(upstream.url);
  try {
    const key = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n';
    srv.script({ status: 200, body: { Response: { CertificateId: 'c1', CertificatePublicKey: '-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n', CertificatePrivateKey: key, RequestId: 'r' } } });
    const tc = new TencentLive({ ...keys, endpoint: srv.url });
    const detail = await tc.describeCertificateDetail({ CertificateId: 'c1' });
    assert.equal(detail.CertificatePrivateKey, '***');
    assert.match(detail.CertificatePublicKey, /BEGIN CERTIFICATE/);
    assert.ok(!JSON.stringify(detail).includes('MIIEvQIBADANBgkqhkiG9w0BAQEFAASC'));
  } finally { await srv.close(); }
});
