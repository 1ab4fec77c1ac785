// The benchmark's one request per scheme (POST, about 1 KB of JSON), as input for this package,
// for the official SDK signers, and for the plain node:crypto / WebCrypto implementations.
export const AK = 'AKLTEXAMPLEACCESSKEYID0000';
export const SK = 'exampleSecretAccessKey00000000000000';
export const TIME_MS = 1741939750000;
export const NONCE = '3156853299f313e23d1673dc12e1703d';

export const BODY = JSON.stringify({
  Domain: 'push.example.com',
  SceneType: 'push',
  AuthDetailList: Array.from({ length: 8 }, (_, i) => ({
    SecretKey: `abcdef0123456789${i}`, EncryptionAlgorithm: 'md5', AuthField: { volcSecret: 'sign', volcTime: 'expire' },
  })),
  ValidDuration: 3600,
});

export const SCHEMES = {
  volcengine: {
    host: 'live.volcengineapi.com', region: 'cn-north-1', service: 'live',
    query: [['Action', 'UpdateAuthKey'], ['Version', '2023-01-01']],
    headers: { 'content-type': 'application/json' },
    // What @volcengine/openapi's Signer signs (it never signs content-type).
    signedHeaders: ['host', 'x-content-sha256', 'x-date'],
  },
  tc3: {
    host: 'live.tencentcloudapi.com', service: 'live', query: [],
    headers: { 'content-type': 'application/json', 'x-tc-action': 'ModifyLiveDomainCertBindings', 'x-tc-version': '2018-08-01' },
    signedHeaders: ['content-type', 'host'],
  },
  acs3: {
    host: 'esa.cn-hangzhou.aliyuncs.com', query: [],
    headers: { 'content-type': 'application/json', 'x-acs-action': 'ApplyCertificate', 'x-acs-version': '2024-09-10' },
    signedHeaders: ['content-type', 'host', 'x-acs-action', 'x-acs-content-sha256', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-version'],
  },
};

export function liveopsInput(scheme) {
  const s = SCHEMES[scheme];
  return {
    scheme, method: 'POST', host: s.host, query: s.query, headers: s.headers, body: BODY,
    accessKeyId: AK, secretAccessKey: SK, region: s.region, service: s.service,
    signedHeaders: s.signedHeaders, time: TIME_MS, nonce: scheme === 'acs3' ? NONCE : undefined,
  };
}
