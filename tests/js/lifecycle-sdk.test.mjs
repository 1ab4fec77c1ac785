// The clouds' official Node SDKs call every operation of the certificate lifecycle against the
// emulator: accepted with the right key (the emulator verifies their signatures, reads their
// placement: JSON bodies, ESA's GETs, SetCertificate's form body), refused as the cloud refuses
// with a wrong one, and their answers read by the SDKs' own models.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { startEmulator, DEMO_ACCESS_KEY_ID as AK, DEMO_SECRET_ACCESS_KEY as SK } from './emulator.mjs';
import { fixtures } from './lifecycle-servers.mjs';

const require = createRequire(import.meta.url);
const { Service } = require('@volcengine/openapi');
const { CommonClient } = require('tencentcloud-sdk-nodejs-common');
const Esa = require('@alicloud/esa20240910');
const { Config } = require('@alicloud/openapi-core/dist/utils');

let emu;
before(async () => { emu = await startEmulator(['--rate-volcengine', '0', '--rate-tencent', '0', '--rate-aliyun', '0']); });
after(async () => { await emu?.stop(); });

const volc = (secretKey = SK) => new Service({
  serviceName: 'live', host: emu.host, protocol: 'http:', region: 'cn-north-1', defaultVersion: '2023-01-01', accessKeyId: AK, secretKey,
});
const tencent = (secretKey = SK) => new CommonClient('live.tencentcloudapi.com', '2018-08-01', {
  credential: { secretId: AK, secretKey }, region: '', profile: { httpProfile: { endpoint: emu.host, protocol: 'http://' } },
});
const esa = (accessKeySecret = SK) => new Esa.default(new Config({ accessKeyId: AK, accessKeySecret, endpoint: emu.host, protocol: 'http' }));

test('@volcengine/openapi: CreateCert, BindCert, DescribeCertDetailSecretV2, ListDomainDetail, ListCertV2 pages, DeleteCert', async () => {
  const live = volc();
  const call = async (action, body) => {
    const r = await live.createJSONAPI(action)(body);
    assert.equal(r.ResponseMetadata.Error, undefined, `${action}: ${JSON.stringify(r)}`);
    assert.equal(r.ResponseMetadata.Action, action);
    return r.Result;
  };
  const created = await call('CreateCert', { Rsa: { Pubkey: fixtures['example.crt'], Prikey: fixtures['example.key'] }, UseWay: 'https', CertName: 'node-sdk' });
  assert.match(created.ChainID, /^chain-/);
  await call('BindCert', { ChainID: created.ChainID, Domain: 'play25.example.com', HTTPS: true });
  const detail = await call('DescribeCertDetailSecretV2', { ChainID: created.ChainID });
  assert.deepEqual(detail.CertDomainList, ['play25.example.com']);
  assert.equal(detail.SSL.Chain[0], fixtures['example.crt'].trim());
  const domains = await call('ListDomainDetail', { PageNum: 2, PageSize: 5, DomainTypeList: ['pull-flv'] });
  assert.equal(domains.DomainList.length, 5);
  assert.ok(domains.Total > 5);
  const page = await call('ListCertV2', { PageNum: 1, PageSize: 3 });
  assert.equal(page.CertList.length, 3);
  assert.ok(page.Total > 3 && page.ExpirationInfo.ActiveNum >= 1);
  await call('UnbindCert', { Domain: 'play25.example.com' });
  await call('DeleteCert', { ChainID: created.ChainID });
  const s = await emu.state();
  assert.ok(!s.volcengine.certs.some((c) => c.chain_id === created.ChainID));
  // A wrong key: the cloud's error as the SDK reads it.
  for (const action of ['CreateCert', 'BindCert', 'DeleteCert', 'DescribeCertDetailSecretV2', 'ListDomainDetail']) {
    const refused = await volc('wrong').createJSONAPI(action)({ ChainID: 'x', Domain: 'play01.example.com', PageNum: 1, PageSize: 1 }).catch((e) => e.response?.data ?? e);
    assert.equal(refused.ResponseMetadata.Error.Code, 'SignatureDoesNotMatch', action);
  }
});

test('tencentcloud-sdk-nodejs-common: DescribeLiveDomainCertBindings pages, DescribeLiveDomainCert, DescribeLiveDomains', async () => {
  const client = tencent();
  const first = await client.request('DescribeLiveDomainCertBindings', { Offset: 0, Length: 10, OrderBy: 'ExpireTimeDesc' });
  assert.equal(first.LiveDomainCertBindings.length, 10);
  assert.ok(first.TotalNum > 10);
  const rest = await client.request('DescribeLiveDomainCertBindings', { Offset: 10, Length: 100 });
  assert.equal(first.LiveDomainCertBindings.length + rest.LiveDomainCertBindings.length, first.TotalNum);
  const cert = await client.request('DescribeLiveDomainCert', { DomainName: 'play31.example.com' });
  assert.deepEqual(cert.DomainCertInfo.CertDomains, ['*.example.com', 'example.com']);
  // Numbers as strings, as the official example sends them.
  const domains = await client.request('DescribeLiveDomains', { PageNum: '1', PageSize: '10' });
  assert.equal(domains.DomainList.length, 10);
  await assert.rejects(client.request('DescribeLiveDomainCert', { DomainName: 'play01.example.com' }), (e) => e.code === 'ResourceNotFound.CrtDomainNotFound');
  for (const action of ['DescribeLiveDomainCertBindings', 'DescribeLiveDomainCert', 'DescribeLiveDomains']) {
    await assert.rejects(tencent('wrong').request(action, { DomainName: 'play.other.com' }), (e) => e.code === 'AuthFailure.SignatureFailure', action);
  }
});

test('@alicloud/esa20240910: ListSites (GET, TagFilter as JSON), ListCertificates, GetCertificate, SetCertificate (form body), DeleteCertificate (GET)', async () => {
  const client = esa();
  const sites = await client.listSites(new Esa.ListSitesRequest({ pageSize: 2, tagFilter: [new Esa.ListSitesRequestTagFilter({ key: 'env', value: 'prod' })] }));
  assert.equal(sites.body.sites.length, 2);
  assert.ok(sites.body.totalCount >= 4);
  const set = await client.setCertificate(new Esa.SetCertificateRequest({ siteId: 1234567890123, type: 'upload', name: 'node-sdk', certificate: fixtures['example.crt'], privateKey: fixtures['example.key'] }));
  assert.match(set.body.id, /^\d+$/);
  const list = await client.listCertificates(new Esa.ListCertificatesRequest({ siteId: 1234567890123, keyword: 'node-sdk', validOnly: true }));
  assert.equal(list.body.result.length, 1);
  assert.equal(list.body.result[0].SAN ?? list.body.result[0].san, '*.example.com,example.com');
  assert.match(list.body.result[0].notAfter, /^20\d\d-\d\d-\d\d \d\d:\d\d:\d\d$/);
  const got = await client.getCertificate(new Esa.GetCertificateRequest({ siteId: 1234567890123, id: set.body.id }));
  assert.equal(got.body.certificate, fixtures['example.crt']);
  const del = await client.deleteCertificate(new Esa.DeleteCertificateRequest({ siteId: 1234567890123, id: set.body.id }));
  assert.equal(del.body.siteName, 'example.com');
  await assert.rejects(client.getCertificate(new Esa.GetCertificateRequest({ siteId: 1234567890123, id: set.body.id })), (e) => e.code === 'Certificate.NotFound');
  for (const [name, req] of [
    ['listSites', new Esa.ListSitesRequest({})],
    ['listCertificates', new Esa.ListCertificatesRequest({ siteId: 1 })],
    ['getCertificate', new Esa.GetCertificateRequest({ siteId: 1, id: '1' })],
    ['setCertificate', new Esa.SetCertificateRequest({ siteId: 1, type: 'upload' })],
    ['deleteCertificate', new Esa.DeleteCertificateRequest({ siteId: 1, id: '1' })],
  ]) {
    await assert.rejects(esa('wrong')[name](req), (e) => e.code === 'SignatureDoesNotMatch', name);
  }
});
