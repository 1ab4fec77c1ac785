// Signs a Volcengine Live UpdateAuthKey request and prints what would be sent, with the
// canonical request and the string to sign that explain the signature.
import init, { signRequest } from 'liveops';

await init();
const body = JSON.stringify({
  Domain: 'push.example.com',
  SceneType: 'push',
  AuthDetailList: [{ EncryptionAlgorithm: 'md5', SecretKey: 'abcdef0123456789' }],
  ValidDuration: 3600,
});
const signed = signRequest({
  scheme: 'volcengine',
  method: 'POST',
  host: 'live.volcengineapi.com',
  query: [['Action', 'UpdateAuthKey'], ['Version', '2023-01-01']],
  headers: { 'Content-Type': 'application/json' },
  body,
  accessKeyId: process.env.LIVEOPS_ACCESS_KEY_ID ?? 'AKLTDEMOACCESSKEYID0000',
  secretAccessKey: process.env.LIVEOPS_SECRET_ACCESS_KEY ?? 'demoSecretAccessKey0000',
  region: 'cn-north-1',
  service: 'live',
});

console.log(`${signed.method} ${signed.url}`);
for (const [name, value] of Object.entries(signed.headers)) console.log(`${name}: ${value}`);
console.log(`\n${body}\n`);
console.log('--- canonical request ---');
console.log(signed.canonicalRequest);
console.log('--- string to sign ---');
console.log(signed.stringToSign);
