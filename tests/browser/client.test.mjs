// The client scenarios (tests/js/client-scenarios.mjs) in headless Chromium: the web build's
// clients use the browser's fetch, and every server is on another origin than the page (CORS).
// The page drives the scripted server through functions exposed by Playwright.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { launch, serve, root, artifacts } from './harness.mjs';
import { DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY } from '../js/emulator.mjs';
import { startClientServers } from '../js/client-servers.mjs';
import { clientScenarios } from '../js/client-scenarios.mjs';

let browser;
let server;
let servers;
let results;

// The scenarios import node:assert/strict; in the page that is a small shim.
const assertShim = {
  name: 'assert-shim',
  setup(build) {
    build.onResolve({ filter: /^node:assert/ }, () => ({ path: join(root, 'tests/browser/assert-shim.mjs') }));
  },
};

before(async () => {
  servers = await startClientServers();
  const { emu, faulty, srv, deadUrl } = servers;
  const out = await esbuild.build({
    stdin: {
      contents: `
        import * as lib from 'liveops';
        import { clientScenarios } from '../js/client-scenarios.mjs';
        window.__run = async (urls) => {
          await lib.default({ module_or_path: '/pkg/liveops_bg.wasm' });
          const env = {
            lib, ...urls,
            script: (...steps) => window.scriptSteps(steps),
            arrivals: () => window.scriptArrivals(),
            streamed: () => window.scriptStreamed(),
            arrivalCount: async () => (await window.scriptArrivals()).length,
            state: async () => (await fetch(urls.emuUrl + '/_emulator/state')).json(),
          };
          const results = [];
          for (const { name, run } of clientScenarios(env)) {
            console.log('scenario: ' + name);
            try { await run(); results.push({ name }); }
            catch (e) { results.push({ name, error: String(e && e.stack || e) }); }
          }
          return results;
        };`,
      resolveDir: join(root, 'tests', 'browser'), sourcefile: 'client-entry.mjs',
    },
    bundle: true, format: 'esm', platform: 'browser', write: false, logLevel: 'silent', plugins: [assertShim],
  });
  server = await serve({
    '/client.html': '<!doctype html><meta charset="utf-8"><title>clients</title><script type="module" src="/client.js"></script>',
    '/client.js': out.outputFiles[0].text,
  });
  browser = await launch();
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  if (process.env.LIVEOPS_TRACE) page.on('console', (m) => process.stderr.write(`[page] ${m.text()}\n`));
  await page.exposeFunction('scriptSteps', (steps) => srv.script(...steps));
  await page.exposeFunction('scriptArrivals', () => srv.arrivals.slice());
  await page.exposeFunction('scriptStreamed', () => srv.streamed.map((r) => ({ ...r })));
  await page.goto(`${server.url}/client.html`);
  await page.waitForFunction(() => typeof window.__run === 'function');
  results = await page.evaluate((urls) => window.__run(urls), {
    emuUrl: emu.url, faultyUrl: faulty.url, scriptUrl: srv.url, deadUrl,
    accessKeyId: DEMO_ACCESS_KEY_ID, secretAccessKey: DEMO_SECRET_ACCESS_KEY,
  });
  await page.screenshot({ path: join(artifacts, 'browser-client.png') });
  await page.close();
  assert.deepEqual(errors, []);
});

after(async () => {
  await browser?.close();
  await server?.close();
  await servers?.stop();
});

test('Chromium: every client scenario ran', () => {
  assert.equal(results.length, clientScenarios({ lib: {} }).length);
});

// One test per scenario, so that a failure names it: the names come from the scenarios module
// itself, so that a scenario added there is judged here too.
const names = clientScenarios({ lib: {} }).map((x) => x.name);
for (const name of names) {
  test(`Chromium: ${name}`, () => {
    const r = results.find((x) => x.name === name);
    assert.ok(r, 'scenario ran');
    assert.equal(r.error, undefined, r.error);
  });
}
