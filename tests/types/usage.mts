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
