// The same checks under every JavaScript runtime (Node, Deno; run by tests/js/runtimes.test.mjs):
// sign a known vector, validate, and call the emulator whose URL is the first argument. Prints one
// JSON line with what it saw.
import init, { signRequest, validate, VolcengineLive } from 'liveops';

const endpoint = (globalThis.Deno ? Deno.args : process.argv.slice(2))[0];
await init();
const signed = signRequest({
  scheme: 'tc3', method: 'POST', host: 'live.tencentcloudapi.com', headers: { 'content-type': 'application/json' },
  body: '{}', accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret', time: 1_700_000_000_000,
});
const report = validate('volcengine', 'UpdateAuthKey', { Domain: 'push.example.com', SceneType: 'push', AuthDetailList: [] }, { locale: 'zh' });
const volc = new VolcengineLive({ accessKeyId: 'AKLTLIVEOPSDEMO0000000000', secretAccessKey: 'liveopsDemoSecretKey000000000000', endpoint, rateLimit: 0 });
const listed = await volc.listCertV2({});
let refused;
try {
  await new VolcengineLive({ accessKeyId: 'AKLTLIVEOPSDEMO0000000000', secretAccessKey: 'wrong', endpoint, maxRetries: 0 }).listCertV2({});
} catch (e) {
  refused = { name: e.name, code: e.code, isError: e instanceof Error };
}
console.log(JSON.stringify({ signature: signed.signature, reportOk: report.ok, firstError: report.errors[0]?.path, certs: listed.CertList.length, refused }));
