// The clients in headless Chromium: the page and the emulator are on different origins, so every
// call goes through CORS and the browser's fetch.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { launch, serve, root, artifacts } from './harness.mjs';
import { startEmulator, DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY } from '../js/emulator.mjs';

let browser;
let server;
let emu;

before(async () => {
  emu = await startEmulator(['--rate-volcengine', '0']);
  const out = await esbuild.build({
    stdin: {
      contents: `
        import * as lib from 'liveops';
        import { runClientChecks } from './client-checks.mjs';
        const params = new URLSearchParams(location.search);
        window.__result = lib.default({ module_or_path: '/pkg/liveops_bg.wasm' })
          .then(() => runClientChecks(lib, params.get('emulator'), { accessKeyId: params.get('ak'), secretAccessKey: params.get('sk') }));`,
      resolveDir: join(root, 'tests', 'browser'), sourcefile: 'client-entry.mjs',
    },
    bundle: true, format: 'esm', platform: 'browser', write: false, logLevel: 'silent',
  });
  server = await serve({
    '/client.html': '<!doctype html><meta charset="utf-8"><title>clients</title><script type="module" src="/client.js"></script>',
    '/client.js': out.outputFiles[0].text,
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await emu?.stop();
});

test('Chromium: the clients call all five operations on the emulator across origins', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const q = new URLSearchParams({ emulator: emu.url, ak: DEMO_ACCESS_KEY_ID, sk: DEMO_SECRET_ACCESS_KEY });
  await page.goto(`${server.url}/client.html?${q}`);
  const result = await page.evaluate(() => window.__result);
  await page.screenshot({ path: join(artifacts, 'browser-client.png') });
  await page.close();
  assert.deepEqual(errors, []);
  assert.deepEqual(result.failures, []);
  const state = await emu.state();
  assert.equal(state.volcengine.domains['play26.example.com'].cert_id, null);
  assert.ok(state.aliyun.certificates.some((c) => c.domain === 'browser.example.com'));
});
