// The signing vectors and validation cases in headless Chromium: the web build loaded as it ships (ES module that
// fetches its .wasm), and the package bundled by esbuild with the wasm URL passed to init().
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { launch, serve, root, artifacts } from './harness.mjs';

let browser;
let server;

async function bundle(source) {
  const out = await esbuild.build({
    stdin: { contents: source, resolveDir: join(root, 'tests', 'browser'), sourcefile: 'entry.mjs' },
    bundle: true, format: 'esm', platform: 'browser', write: false, external: ['/pkg/*'],
    logLevel: 'silent',
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
  server = await serve({
    '/direct.html': page('/direct.js'), '/direct.js': direct,
    '/bundled.html': page('/bundled.js'), '/bundled.js': bundled,
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

for (const [name, path] of [['web build as shipped', '/direct.html'], ['esbuild bundle of the package', '/bundled.html']]) {
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
