// Runs in headless Chromium: start-up of the web build, signing with it, and the same signatures
// made with WebCrypto; outputs are checked equal before anything is timed.
import init, { signRequest, __benchSignLoop } from 'liveops';
import initSign from 'liveops/sign';
import initValidate from 'liveops/validate';
import { webCryptoSigners } from './baselines.mjs';
import { liveopsInput } from './requests.mjs';
import { opsPerSecond, opsPerSecondAsync } from './measure.mjs';

window.__bench = (async () => {
  const params = new URLSearchParams(location.search);
  // `startupOnly=bytes`: the module's bytes are fetched first and only `init` is timed (compile
  // and instantiate); otherwise `init` fetches them from the URL within the time. `entry`: which
  // entry point's module (liveops, sign, validate), each with its own init.
  const entry = params.get('entry') ?? 'liveops';
  const inits = { liveops: init, sign: initSign, validate: initValidate };
  if (!(entry in inits)) throw new Error(`unknown entry ${entry}`);
  const url = `/pkg/${entry}_bg.wasm`;
  const bytes = params.get('startupOnly') === 'bytes' ? await (await fetch(url)).arrayBuffer() : null;
  const t0 = performance.now();
  await inits[entry]({ module_or_path: bytes ?? url });
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
    const boundary = {};
    for (const [name, body] of [['1KB', input.body], ['empty', '']]) {
      const inp = { ...input, body };
      const callUs = 1e6 / opsPerSecond(() => signRequest(inp), { reps });
      const loopUs = 1e6 / opsPerSecond(() => __benchSignLoop(inp, 2000), { reps, batch: 1 }) / 2000;
      boundary[name] = { callUs, loopUs, boundaryUs: callUs - loopUs };
    }
    out.signing[scheme] = {
      liveops: opsPerSecond(() => signRequest(input), { reps }),
      webcrypto: await opsPerSecondAsync(() => web[scheme](), { reps }),
      boundary,
    };
  }
  return out;
})();
