// The web build's declarations, as a bundler (Vite, esbuild) resolves the package.
import init, { signRequest, type SignedRequest } from 'liveops';

await init({ module_or_path: new URL('liveops_bg.wasm', import.meta.url) });
const out: SignedRequest = signRequest({
  scheme: 'volcengine', method: 'GET', host: 'live.volcengineapi.com', accessKeyId: 'AK', secretAccessKey: 'SK',
});
export const canonical: string = out.canonicalRequest;
