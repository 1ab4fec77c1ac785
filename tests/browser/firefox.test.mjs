// A second browser engine: Debian's Firefox ESR driven by puppeteer-core over WebDriver BiDi. The
// package's browser checks (every signing vector and validation case, from the web build as it
// ships) and a console smoke test (load, demo keys, ListCertV2, the certificate table).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import puppeteer from 'puppeteer-core';
import { serve, root, artifacts } from './harness.mjs';
import { startEmulator } from '../js/emulator.mjs';

let browser;
let server;
let emu;

before(async () => {
  const out = await esbuild.build({
    stdin: { contents: `
      import * as lib from '/pkg/liveops.js';
      import { runVectors } from './page-checks.mjs';
      window.__result = runVectors(lib);`, resolveDir: join(root, 'tests', 'browser'), sourcefile: 'entry.mjs' },
    bundle: true, format: 'esm', platform: 'browser', write: false, external: ['/pkg/*'], logLevel: 'silent',
    // The shared checks import node:assert/strict; in the page that is a small shim.
    plugins: [{ name: 'assert-shim', setup(build) { build.onResolve({ filter: /^node:assert/ }, () => ({ path: join(root, 'tests/browser/assert-shim.mjs') })); } }],
  });
  server = await serve({
    '/ff.html': '<!doctype html><meta charset="utf-8"><title>liveops in Firefox</title><script type="module" src="/ff.js"></script>',
    '/ff.js': out.outputFiles[0].text,
  });
  emu = await startEmulator(['--rate-volcengine', '0']);
  browser = await puppeteer.launch({ browser: 'firefox', executablePath: '/usr/bin/firefox-esr', headless: true, protocol: 'webDriverBiDi' });
});

after(async () => {
  await browser?.close();
  await server?.close();
  await emu?.stop();
});

test('Firefox, web build as shipped: every signing vector and validation case holds', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}/ff.html`);
  await page.waitForFunction(() => window.__result !== undefined);
  const result = await page.evaluate(() => window.__result);
  await page.close();
  assert.deepEqual(errors, []);
  assert.deepEqual(result.failures, []);
  assert.ok(result.checked >= 50 && result.validated >= 150, JSON.stringify({ checked: result.checked, validated: result.validated }));
});

test('Firefox: the console loads, signs with the demo keys and shows the certificate table', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewport({ width: 1366, height: 900 });
  await page.goto(`${emu.url}/`);
  await page.waitForSelector('body[data-ready="true"]');
  await page.click('#conn-demo');
  await page.click('[data-tab="ListCertV2"]');
  await page.click('#send-ListCertV2');
  await page.waitForSelector('table.certs tbody tr');
  const rows = await page.$$eval('table.certs tbody tr', (trs) => trs.length);
  assert.equal(rows, 6);
  await page.screenshot({ path: join(artifacts, 'firefox-console.png'), fullPage: true });
  await page.close();
  assert.deepEqual(errors, []);
});
