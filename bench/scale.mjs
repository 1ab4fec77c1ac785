// The scale section of `npm run bench`: the certificate lifecycle over a large estate, against
// the emulator with a fixed round trip per request (`--estate`, `--latency-ms`) and the clouds'
// documented rates (Volcengine 10/s, Tencent 20/s, ESA 20/s, enforced by the emulator). Each run
// is judged against its bound: each cloud's calls at its rate, the clouds side by side, plus one
// round trip. Run alone with `node bench/scale.mjs [--quick]`.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startEmulator, DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY } from '../tests/js/emulator.mjs';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
const RATES = { volcengine: 10, tencent: 20, aliyun: 20 };
const WRITES = new Set(['CreateCert', 'BindCert', 'ModifyLiveDomainCertBindings', 'SetCertificate']);

/** Clients of the three clouds at `endpoint`, counting every attempt (and the repeated ones). */
function countingClients(lib, endpoint) {
  const counts = { calls: { volcengine: 0, tencent: 0, aliyun: 0 }, byAction: {}, retries: 0 };
  const opts = (provider) => ({
    accessKeyId: DEMO_ACCESS_KEY_ID, secretAccessKey: DEMO_SECRET_ACCESS_KEY, endpoint,
    debug: (i) => {
      counts.calls[provider]++;
      counts.byAction[i.action] = (counts.byAction[i.action] ?? 0) + 1;
      if (i.attempt > 1) counts.retries++;
    },
  });
  return {
    counts,
    clients: {
      volcengine: new lib.VolcengineLive(opts('volcengine')),
      tencent: new lib.TencentLive(opts('tencent')),
      aliyun: new lib.AliyunEsa(opts('aliyun')),
    },
  };
}

/** Runs `work`, sampling this process's resident memory: elapsed seconds and the peak. */
async function measured(work) {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 25);
  const t0 = performance.now();
  try {
    const value = await work();
    const elapsed = (performance.now() - t0) / 1000;
    peak = Math.max(peak, process.memoryUsage().rss);
    return { value, elapsed, peakRss: peak };
  } finally {
    clearInterval(timer);
  }
}

/** Each cloud's calls at its rate, the clouds side by side, plus one round trip. */
function bound(calls, latencyMs) {
  return Math.max(...Object.entries(calls).map(([p, n]) => n / RATES[p])) + latencyMs / 1000;
}

/** The calls the previous design made for the same inventory: the same pages, and one
 * DescribeLiveDomainCert per bound Tencent certificate (it had no SSL listing). */
function previousInventoryCalls(state, pages) {
  const boundTencent = new Set(Object.values(state.tencent.domains).map((d) => d.cert_id).filter(Boolean)).size;
  return pages.volcengine + pages.tencentBindings + boundTencent + pages.aliyun;
}

export async function scale({ quick = false, lib = require('liveops') } = {}) {
  const domains = quick ? 1500 : 10_000;
  const targetsPerCloud = quick ? 100 : 500;
  const latencyMs = 200;
  const emu = await startEmulator(['--estate', String(domains), '--latency-ms', String(latencyMs)]);
  const cert = readFileSync(`${root}tests/fixtures/certs/example.crt`, 'utf8');
  const key = readFileSync(`${root}tests/fixtures/certs/example.key`, 'utf8');
  const material = { certificate: cert, privateKey: key };
  const targets = [
    ...Array.from({ length: targetsPerCloud }, (_, i) => ({ provider: 'volcengine', domain: `v${i}.example.com` })),
    ...Array.from({ length: targetsPerCloud }, (_, i) => ({ provider: 'tencent', domain: `t${i}.example.com` })),
  ];
  try {
    const state = await emu.state();
    const out = { domains, latencyMs, rates: RATES, targets: targets.length };

    // Inventory.
    {
      const { clients, counts } = countingClients(lib, emu.url);
      const pages = { volcengine: 0, tencentBindings: 0, aliyun: 0 };
      const onProgress = (p) => {
        if (p.provider === 'volcengine') pages.volcengine++;
        else if (p.action === 'DescribeLiveDomainCertBindings') pages.tencentBindings++;
        else if (p.provider === 'aliyun') pages.aliyun++;
      };
      const r = await measured(() => lib.certificateInventory(clients, { onProgress }));
      const b = bound(counts.calls, latencyMs);
      out.inventory = {
        elapsed: r.elapsed, bound: b, ofBound: b / r.elapsed, calls: counts.calls, byAction: counts.byAction,
        retries: counts.retries, certificates: r.value.certificates.length, errors: r.value.errors.length,
        previousCalls: previousInventoryCalls(state, pages), peakRss: r.peakRss,
      };
    }

    // A first deploy, a second identical one.
    for (const run of ['deploy', 'again']) {
      const { clients, counts } = countingClients(lib, emu.url);
      const r = await measured(() => lib.deployCertificate(clients, material, targets));
      const statuses = {};
      for (const o of r.value) statuses[o.status] = (statuses[o.status] ?? 0) + 1;
      const writes = Object.entries(counts.byAction).filter(([a]) => WRITES.has(a)).reduce((n, [, c]) => n + c, 0);
      const total = Object.values(counts.calls).reduce((a, b) => a + b, 0);
      const b = bound(counts.calls, latencyMs);
      out[run] = {
        elapsed: r.elapsed, bound: b, ofBound: b / r.elapsed, calls: counts.calls, byAction: counts.byAction,
        reads: total - writes, writes, retries: counts.retries, statuses, peakRss: r.peakRss,
      };
    }
    return out;
  } finally {
    await emu.stop();
  }
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const r = await scale({ quick: process.argv.includes('--quick') });
  console.log(JSON.stringify(r, null, 2));
}
