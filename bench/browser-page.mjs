// Runs in headless Chromium: start-up of the web build, signing with it, and the same signatures
// made with WebCrypto; outputs are checked equal before anything is timed.
import init, { signRequest } from 'liveops';
import { webCryptoSigners } from './baselines.mjs';
import { liveopsInput } from './requests.mjs';
import { opsPerSecond, opsPerSecondAsync } from './measure.mjs';

window.__bench = (async () => {
  const params = new URLSearchParams(location.search);
  const t0 = performance.now();
  await init({ module_or_path: '/pkg/liveops_bg.wasm' });
  const startupMs = performance.now() - t0;
  if (params.get('startupOnly')) return { startupMs };
  const reps = Number(params.get('reps') ?? 7);
  const web = webCryptoSigners(crypto.subtle);
  const out = { startupMs, signing: {} };
  for (const scheme of ['volcengine', 'tc3', 'acs3']) {
    const input = liveopsInput(scheme);
    const ours = signRequest(input).authorization;
    const theirs = await web[scheme]();
    if (ours !== theirs) throw new Error(`${scheme}: outputs differ:\n${ours}\n${theirs}`);
    out.signing[scheme] = {
      liveops: opsPerSecond(() => signRequest(input), { reps }),
      webcrypto: await opsPerSecondAsync(() => web[scheme](), { reps }),
    };
  }
  return out;
})();
