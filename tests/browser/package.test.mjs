// The signing vectors and validation cases in headless Chromium: the web build loaded as it ships (ES module that
// fetches its .wasm), and the package bundled by esbuild with the wasm URL passed to init().
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { launch, serve, root, artifacts } from './harness.mjs';
import { startEmulator } from '../js/emulator.mjs';

let browser;
let server;
let emu;

// The shared checks import node:assert/strict; in the page that is a small shim.
const assertShim = {
  name: 'assert-shim',
  setup(build) {
    build.onResolve({ filter: /^node:assert/ }, () => ({ path: join(root, 'tests/browser/assert-shim.mjs') }));
  },
};

async function bundle(source) {
  const out = await esbuild.build({
    stdin: { contents: source, resolveDir: join(root, 'tests', 'browser'), sourcefile: 'entry.mjs' },
    bundle: true, format: 'esm', platform: 'browser', write: false, external: ['/pkg/*'],
    logLevel: 'silent', plugins: [assertShim],
  });
  return out.outputFiles[0].text;
}

const page = (script) => `<!doctype html><meta charset="utf-8"><title>liveops signing</title>
<pre id="out">running…</pre><script type="module" src="${script}"></script>`;

before(async () => {
  const direct = await bundle(`
    import * as lib from '/pkg/liveops.js';
    import { runVectors } from './page-checks.mjs';
    window.__result = runVectors(lib);
    window.__result.then((r) => { document.getElementById('out').textContent = JSON.stringify(r, null, 1); });`);
  const bundled = await bundle(`
    import * as lib from 'liveops';
    import { runVectors } from './page-checks.mjs';
    window.__result = runVectors(lib, { module_or_path: '/pkg/liveops_bg.wasm' });
    window.__result.then((r) => { document.getElementById('out').textContent = JSON.stringify(r, null, 1); });`);
  // The same checks in a module Web Worker (no DOM, no window), plus a client call across origins.
  const worker = await bundle(`
    import * as lib from '/pkg/liveops.js';
    import { runVectors } from './page-checks.mjs';
    self.onmessage = async ({ data: endpoint }) => {
      const result = await runVectors(lib);
      const volc = new lib.VolcengineLive({ accessKeyId: 'AKLTLIVEOPSDEMO0000000000', secretAccessKey: 'liveopsDemoSecretKey000000000000', endpoint, rateLimit: 0 });
      const listed = await volc.listCertV2({});
      self.postMessage({ ...result, certs: listed.CertList.length, inWorker: typeof document === 'undefined' });
    };`);
  const entries = await bundle(`
    import * as sign from '/pkg/sign.js';
    import * as validate from '/pkg/validate.js';
    import { runEntries } from './page-checks.mjs';
    window.__result = runEntries(sign, validate);
    window.__result.then((r) => { document.getElementById('out').textContent = JSON.stringify(r, null, 1); });`);
  emu = await startEmulator(['--rate-volcengine', '0']);
  server = await serve({
    '/direct.html': page('/direct.js'), '/direct.js': direct,
    '/bundled.html': page('/bundled.js'), '/bundled.js': bundled,
    '/entries.html': page('/entries.js'), '/entries.js': entries,
    '/worker.html': '<!doctype html><meta charset="utf-8"><title>liveops in a worker</title>', '/worker.js': worker,
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await emu?.stop();
});

test('Chromium, a module Web Worker: the vectors and validation cases hold, and a client calls the emulator', async () => {
  const p = await browser.newPage();
  const errors = [];
  p.on('pageerror', (e) => errors.push(e.message));
  await p.goto(server.url + '/worker.html');
  const result = await p.evaluate((endpoint) => new Promise((resolve, reject) => {
    const w = new Worker('/worker.js', { type: 'module' });
    w.onmessage = ({ data }) => resolve(data);
    w.onerror = (e) => reject(new Error(e.message));
    w.postMessage(endpoint);
  }), emu.url);
  await p.close();
  assert.deepEqual(errors, []);
  assert.equal(result.inWorker, true);
  assert.deepEqual(result.failures, []);
  assert.ok(result.checked >= 50 && result.validated >= 150);
  assert.equal(result.certs, 6);
});

for (const [name, path] of [['web build as shipped', '/direct.html'], ['esbuild bundle of the package', '/bundled.html'], ['entry points liveops/sign and liveops/validate, each alone', '/entries.html']]) {
  test(`Chromium, ${name}: every signing vector and validation case holds`, async () => {
    const p = await browser.newPage();
    const errors = [];
    p.on('pageerror', (e) => errors.push(e.message));
    await p.goto(server.url + path);
    const result = await p.evaluate(() => window.__result);
    await p.screenshot({ path: join(artifacts, `package${path.replace('.html', '')}.png`) });
    await p.close();
    assert.deepEqual(errors, []);
    assert.deepEqual(result.failures, []);
    assert.ok(result.checked >= 50);
    assert.ok(result.validated >= 150);
  });
}
