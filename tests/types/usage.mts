// Compiled with `tsc --noEmit` in the test command: the package's declarations must describe the
// public API (Node ESM entry; usage.cts checks the CommonJS one).
import init, { signRequest, type SignRequestInput, type SignedRequest } from 'liveops';

await init();
const input: SignRequestInput = {
  scheme: 'tc3',
  method: 'POST',
  host: 'live.tencentcloudapi.com',
  headers: { 'Content-Type': 'application/json' },
  body: new Uint8Array([123, 125]),
  accessKeyId: 'AK',
  secretAccessKey: 'SK',
  query: [['a', 'b']],
  time: Date.now(),
};
const out: SignedRequest = signRequest(input);
const auth: string = out.authorization;
const date: string | undefined = out.headers['x-tc-timestamp'];
// @ts-expect-error: unknown schemes are rejected at compile time
signRequest({ ...input, scheme: 'sigv4' });
export { auth, date };

// validate() and the generated models.
import { validate, type ValidationReport, type UpdateAuthKeyRequest, type ApplyCertificateRequest,
  type ModifyLiveDomainCertBindingsRequest, type ListCertV2Result, type CertStatus } from 'liveops';
const req: UpdateAuthKeyRequest = {
  Domain: 'push.example.com', SceneType: 'push', ValidDuration: 3600,
  AuthDetailList: [{ SecretKey: 'abc', EncryptionAlgorithm: 'md5', AuthField: { volcSecret: 'sign' } }],
};
const report: ValidationReport = validate('volcengine', 'UpdateAuthKey', req, { locale: 'zh' });
const noOptions: boolean = validate('aliyun', 'ApplyCertificate', {}).ok;
const esa: ApplyCertificateRequest = { SiteId: '9223372036854775807', Domains: 'a.example.com', Type: 'lets_encrypt' };
const tc: ModifyLiveDomainCertBindingsRequest = { DomainInfos: [{ DomainName: 'a.example.com', Status: -1 }], CloudCertId: 'x' };
const statuses: CertStatus[] = ['OK', '30days', 'Expire'];
declare const listed: ListCertV2Result;
const firstStatus: CertStatus | undefined = listed.CertList?.[0]?.Status;
// @ts-expect-error: SceneType is push | pull
const bad: UpdateAuthKeyRequest = { ...req, SceneType: 'both' };
export { report, noOptions, esa, tc, statuses, firstStatus, bad };

// The clients and runBatch.
import { VolcengineLive, TencentLive, AliyunEsa, runBatch, type LiveopsError, type BatchOutcome, type ListCertV2Answer } from 'liveops';
const volc = new VolcengineLive({ accessKeyId: 'AK', secretAccessKey: 'SK', endpoint: 'http://127.0.0.1:8787', debug: (i) => console.log(i.canonicalRequest) });
const certs: ListCertV2Answer = await volc.listCertV2({ Available: true }, { signal: AbortSignal.timeout(1000) });
const rid: string = (await volc.unbindCert({ Domain: 'a.example.com' })).RequestId;
const tcResult = await new TencentLive({ accessKeyId: 'a', secretAccessKey: 'b' }).modifyLiveDomainCertBindings({ DomainInfos: [{ DomainName: 'a.example.com', Status: 1 }] });
const mismatched: string[] = tcResult.MismatchedDomainNames ?? [];
const applied = await new AliyunEsa({ accessKeyId: 'a', secretAccessKey: 'b', region: 'ap-southeast-1' }).applyCertificate({ SiteId: 1, Domains: 'a.example.com' });
const outcomes: BatchOutcome<string, { RequestId: string }>[] = await runBatch(['a.example.com'], (d, _i, { signal }) => volc.unbindCert({ Domain: d }, { signal }), { concurrency: 2, onProgress: (p) => p.done / p.total });
const first = outcomes[0];
if (first?.status === 'failed') {
  const e = first.error as LiveopsError;
  const fields: [string, string, string | null, number | null, boolean] = [e.name, e.code, e.requestId, e.httpStatus, e.retryable];
  console.log(fields);
}
export { certs, rid, mismatched, applied };

// Previews mask secrets unless asked; the key cache can be cleared; ConfigError names the option.
import { clearKeyCache, type RequestPreview, type ConfigError } from 'liveops';
const shown: RequestPreview = volc.preview('UnbindCert', { Domain: 'a.example.com' }, { revealSecrets: false });
clearKeyCache();
try { new VolcengineLive({ accessKeyId: 'a', secretAccessKey: 'b', rateLimit: 1e-7 }); } catch (e) {
  const option: string = (e as ConfigError).option;
  console.log(option);
}
export { shown };

// BindCert, declared once in the catalog, is typed like the others.
import type { BindCertRequest } from 'liveops';
const bindReq: BindCertRequest = { ChainID: 'chain-1', Domain: 'a.example.com', HTTPS: true, MinTLSVersion: 'TLSv1.3' };
const bound: string = (await volc.bindCert(bindReq)).RequestId;
// @ts-expect-error: not a TLS version
const badTls: BindCertRequest = { ...bindReq, MinTLSVersion: 'TLSv9' };
export { bound, badTls };

// `Action` is the catalog's list, written by the build from the declarations.
// @ts-expect-error: not an operation of the catalog
void volc.call('NotAnAction', {});
void volc.call('BindCert', bindReq);

// The certificate lifecycle: typed inventory, deploy outcomes, the new operations and the contract.
import { certificateInventory, deployCertificate, inspectCertificate, planDeployment,
  type DeploymentPlan, type PlanAction, type Inventory, type InventoryCertificate, type DeployOutcome, type CertificateSummary, type CreateCertRequest,
  type SetCertificateRequest, type UpdateAuthKey2025Request } from 'liveops';
const lv = new VolcengineLive({ accessKeyId: 'AK', secretAccessKey: 'SK', contract: '2025-09' });
const ltc = new TencentLive({ accessKeyId: 'AK', secretAccessKey: 'SK' });
const lesa = new AliyunEsa({ accessKeyId: 'AK', secretAccessKey: 'SK' });
const inventory: Inventory = await certificateInventory({ volcengine: lv, tencent: ltc, aliyun: lesa }, { now: new Date(), onProgress: (p) => void p.page });
const firstCert: InventoryCertificate | undefined = inventory.certificates[0];
const state: 'valid' | 'expiring' | 'expired' | 'pending' | 'failed' | undefined = firstCert?.state;
const deployed: DeployOutcome[] = await deployCertificate({ aliyun: lesa }, { certificate: '', privateKey: '' },
  [{ provider: 'aliyun', siteId: 1 }, { provider: 'tencent', domain: 'a.example.com' }]);
const status: 'deployed' | 'unchanged' | 'failed' | 'unknown' | 'notStarted' | undefined = deployed[0]?.status;
// Plan first, then carry out that plan; ESA sites by name too; options may be a bare signal.
const plan: DeploymentPlan = await planDeployment({ aliyun: lesa }, { certificate: '', privateKey: '' },
  [{ provider: 'aliyun', siteName: 'example.com' }], new AbortController().signal);
const action: 'unchanged' | 'bind' | 'upload' | 'refuse' | undefined = plan.steps[0]?.action;
const replaced: string | undefined = deployed[0]?.replaced?.id;
await deployCertificate({ aliyun: lesa }, { certificate: '', privateKey: '' }, [{ provider: 'aliyun', siteName: 'example.com' }], { plan, concurrency: 4 });
const fingerprint: string | null | undefined = firstCert?.fingerprintSha256;
const ssl = await ltc.describeCertificates({ Limit: 1000 });
const sslIds: string[] = ssl.Certificates.map((c) => c.CertificateId);
await ltc.deleteCertificate({ CertificateId: 'c' });
// @ts-expect-error: an action of a plan is one of four
const badAction: PlanAction = 'replace';
const summary: CertificateSummary = inspectCertificate('', undefined, ['a.example.com']);
const create: CreateCertRequest = { Rsa: { Pubkey: '', Prikey: '' }, UseWay: 'https' };
const set: SetCertificateRequest = { SiteId: 1, Type: 'upload', Certificate: '', PrivateKey: '', Name: 'n' };
const uak25: UpdateAuthKey2025Request = { Domain: 'd', SceneType: 'push', TimeStampBase: 10, AuthDetailList: [{ SecretKey: 'k', EncryptionAlgorithm: 'md5', AuthType: 'TypeC' }] };
await lv.createCert(create);
await lv.updateAuthKey(uak25);
const sites = await lesa.listSites({ PageSize: 10 });
const bindings = await ltc.describeLiveDomainCertBindings({ Offset: 0, Length: 50 });
// @ts-expect-error: a target names its provider
await deployCertificate({}, { certificate: '', privateKey: '' }, [{ domain: 'a.example.com' }]);
// @ts-expect-error: unknown contracts are rejected at compile time
new VolcengineLive({ accessKeyId: 'AK', secretAccessKey: 'SK', contract: '2024-01' });
validate('volcengine', 'UpdateAuthKey', uak25, { contract: '2025-09' });
// Rotation: where a renewed certificate goes, what may be pruned; accounts from the clouds' CLI files.
import { replaceTargets, pruneCandidates, readCloudProfile, type PruneCandidate, type CloudProfileCredentials, type DeployTarget } from 'liveops';
const rotateTo: DeployTarget[] = replaceTargets(inventory, '-----BEGIN CERTIFICATE-----');
const prunable: PruneCandidate[] = pruneCandidates(inventory.certificates, { unbound: true, keep: ['id'], now: Date.now() });
const why: 'expired' | 'unused' | undefined = prunable[0]?.reason;
const fromCli: CloudProfileCredentials = readCloudProfile('aliyun', { main: '{}' }, 'prod');
new AliyunEsa({ ...fromCli });
new TencentLive({ accessKeyId: 'AK', secretAccessKey: 'SK', site: 'intl' });
// @ts-expect-error: a site is cn or intl
new TencentLive({ accessKeyId: 'AK', secretAccessKey: 'SK', site: 'global' });
// @ts-expect-error: the certificate is PEM text
replaceTargets(inventory, 42);
export { rotateTo, why };
export { state, status, summary, set, sites, bindings, action, replaced, fingerprint, sslIds, badAction };
// The entry points by job carry their own types.
import { signRequest as signOnly, clearKeyCache as clearOnly } from 'liveops/sign';
import { validate as validateOnly, officialHosts as hostsOnly, type ValidationReport as OnlyReport } from 'liveops/validate';
const signedOnly: SignedRequest = signOnly({ scheme: 'tc3', method: 'POST', host: 'h', accessKeyId: 'a', secretAccessKey: 's' });
clearOnly();
const reportOnly: OnlyReport = validateOnly('volcengine', 'UnbindCert', { Domain: 'a.example.com' }, { locale: 'zh' });
const hostsList: string[] = hostsOnly();
// @ts-expect-error: the signing entry has no validator
import('liveops/sign').then((m) => m.validate);
export { signedOnly, reportOnly, hostsList };
import { expiringDays } from 'liveops';
const expiryRule: number = expiringDays();
export { expiryRule };
