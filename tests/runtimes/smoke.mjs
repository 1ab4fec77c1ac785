// The same checks under every JavaScript runtime (Node, Deno; run by tests/js/runtimes.test.mjs):
// sign a known vector and a long body, validate, and call the emulator whose URL is the first argument. Prints one
// JSON line with what it saw.
import init, { signRequest, __signRequestChecked, validate, VolcengineLive } from 'liveops';

const endpoint = (globalThis.Deno ? Deno.args : process.argv.slice(2))[0];
await init();
const SIGN_BASE = {
  scheme: 'tc3', method: 'POST', host: 'live.tencentcloudapi.com', headers: { 'content-type': 'application/json' },
  body: '{}', accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret', time: 1_700_000_000_000,
};
const signed = signRequest(SIGN_BASE);
// A long body: where node:crypto exists the package hashes it with that (as text and as bytes);
// the checked path hashes it inside the module.
const LONG = { ...SIGN_BASE, body: '{"k":"' + 'x中'.repeat(600) + '"}' };
const longBody = [
  signRequest(LONG).signature,
  signRequest({ ...LONG, body: new TextEncoder().encode(LONG.body) }).signature,
  __signRequestChecked(LONG).signature,
];
const report = validate('volcengine', 'UpdateAuthKey', { Domain: 'push.example.com', SceneType: 'push', AuthDetailList: [] }, { locale: 'zh' });
const volc = new VolcengineLive({ accessKeyId: 'AKLTLIVEOPSDEMO0000000000', secretAccessKey: 'liveopsDemoSecretKey000000000000', endpoint, rateLimit: 0 });
const listed = await volc.listCertV2({});
let refused;
try {
  await new VolcengineLive({ accessKeyId: 'AKLTLIVEOPSDEMO0000000000', secretAccessKey: 'wrong', endpoint, maxRetries: 0 }).listCertV2({});
} catch (e) {
  refused = { name: e.name, code: e.code, isError: e instanceof Error };
}
console.log(JSON.stringify({ signature: signed.signature, longBody, reportOk: report.ok, firstError: report.errors[0]?.path, certs: listed.CertList.length, refused }));
