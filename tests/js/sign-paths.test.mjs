// The two ways into signRequest agree (tests/js/sign-paths.mjs), in Node, where long bodies are
// hashed by OpenSSL; tests/browser/package.test.mjs runs the same checks in Chromium.
import { test } from 'node:test';
import * as lib from 'liveops';
import { signPathChecks } from './sign-paths.mjs';

for (const { name, run } of signPathChecks(lib)) test(name, run);

// node:crypto takes milliseconds to load, more than compiling the module: the package loads it
// on the first long body, so that start-up does not pay for it. Watched in a fresh process.
test('node:crypto is loaded on the first long body, not with the package', async () => {
  const { execFileSync } = await import('node:child_process');
  const { createRequire } = await import('node:module');
  const assert = (await import('node:assert/strict')).default;
  const entry = createRequire(import.meta.url).resolve('liveops');
  const script = `
    const Module = require('node:module');
    const loads = [];
    const load = Module._load;
    Module._load = function (request, ...rest) { loads.push(request); return load.call(this, request, ...rest); };
    const crypto = () => loads.some((r) => r === 'node:crypto' || r === 'crypto');
    const lib = require(${JSON.stringify(entry)});
    const atLoad = crypto();
    const input = { scheme: 'tc3', method: 'POST', host: 'live.tencentcloudapi.com', accessKeyId: 'AK', secretAccessKey: 'SK', time: 1e12 };
    lib.signRequest({ ...input, body: 'short' });
    const afterShort = crypto();
    const fast = lib.signRequest({ ...input, body: 'x'.repeat(1000) });
    const afterLong = crypto();
    const checked = lib.__signRequestChecked({ ...input, body: 'x'.repeat(1000) });
    console.log(JSON.stringify({ atLoad, afterShort, afterLong, same: fast.authorization === checked.authorization }));
  `;
  const seen = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
  assert.deepEqual(seen, { atLoad: false, afterShort: false, afterLong: true, same: true });
});
