// The lifecycle scenarios (tests/js/lifecycle-scenarios.mjs) in headless Chromium: the web build's
// inventory and deploy over the browser's fetch, every server on another origin than the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { launch, serve, root } from './harness.mjs';
import { DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY } from '../js/emulator.mjs';
import { startLifecycleServers, fixtures } from '../js/lifecycle-servers.mjs';
import { lifecycleScenarios } from '../js/lifecycle-scenarios.mjs';

let browser;
let server;
let servers;
let results;

const assertShim = {
  name: 'assert-shim',
  setup(build) {
    build.onResolve({ filter: /^node:assert/ }, () => ({ path: join(root, 'tests/browser/assert-shim.mjs') }));
  },
};

before(async () => {
  servers = await startLifecycleServers();
  const out = await esbuild.build({
    stdin: {
      contents: `
        import * as lib from 'liveops';
        import { lifecycleScenarios } from '../js/lifecycle-scenarios.mjs';
        window.__run = async (given) => {
          await lib.default({ module_or_path: '/pkg/liveops_bg.wasm' });
          const state = (url) => async () => (await fetch(url + '/_emulator/state')).json();
          const env = {
            lib, ...given,
            script: (...steps) => window.scriptSteps(steps),
            arrivalCount: async () => (await window.scriptArrivals()).length,
            arrivals: () => window.scriptArrivals(),
            state: state(given.emuUrl),
            pagedState: state(given.pagedUrl),
          };
          const results = [];
          for (const { name, run } of lifecycleScenarios(env)) {
            try { await run(); results.push({ name }); }
            catch (e) { results.push({ name, error: String(e && e.stack || e) }); }
          }
          return results;
        };`,
      resolveDir: join(root, 'tests', 'browser'), sourcefile: 'lifecycle-entry.mjs',
    },
    bundle: true, format: 'esm', platform: 'browser', write: false, logLevel: 'silent', plugins: [assertShim],
  });
  server = await serve({
    '/lifecycle.html': '<!doctype html><meta charset="utf-8"><title>lifecycle</title><script type="module" src="/lifecycle.js"></script>',
    '/lifecycle.js': out.outputFiles[0].text,
  });
  browser = await launch();
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.exposeFunction('scriptSteps', (steps) => servers.srv.script(...steps));
  await page.exposeFunction('scriptArrivals', () => servers.srv.arrivals.slice());
  await page.goto(`${server.url}/lifecycle.html`);
  await page.waitForFunction(() => typeof window.__run === 'function');
  results = await page.evaluate((given) => window.__run(given), {
    ...servers.urls, fixtures, accessKeyId: DEMO_ACCESS_KEY_ID, secretAccessKey: DEMO_SECRET_ACCESS_KEY,
  });
  await page.close();
  assert.deepEqual(errors, []);
});

after(async () => {
  await browser?.close();
  await server?.close();
  await servers?.stop();
});

const names = lifecycleScenarios({ lib: {} }).map((x) => x.name);
test('Chromium: every lifecycle scenario ran', () => {
  assert.equal(results.length, names.length);
});
for (const name of names) {
  test(`Chromium: ${name}`, () => {
    const r = results.find((x) => x.name === name);
    assert.ok(r, 'scenario ran');
    assert.equal(r.error, undefined, r.error);
  });
}
