// The package under every JavaScript runtime the project installs, in CI: the same script
// (tests/runtimes/smoke.mjs: a signature vector, a validation report, a call against the emulator
// and a refused one) under Node, Deno (the `deno` npm package's binary) and Bun (fetched from the
// npm registry by scripts/setup.sh into .tools/bun).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { startEmulator } from './emulator.mjs';
import { __signRequestChecked } from 'liveops';

const root = fileURLToPath(new URL('../..', import.meta.url));
const SMOKE = `${root}tests/runtimes/smoke.mjs`;
const DENO = `${root}node_modules/@deno/linux-x64-glibc/deno`;
const BUN = `${root}.tools/bun/bun`;
let emu;
before(async () => { emu = await startEmulator(['--rate-volcengine', '0']); });
after(() => emu?.stop());

const run = async (cmd, args) => {
  const { stdout } = await promisify(execFile)(cmd, args, { cwd: root, timeout: 60_000, env: { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' } });
  return JSON.parse(stdout.trim().split('\n').pop());
};

// The long body of the smoke script, signed in this process by the module's own hashing.
const longSignature = __signRequestChecked({
  scheme: 'tc3', method: 'POST', host: 'live.tencentcloudapi.com', headers: { 'content-type': 'application/json' },
  body: '{"k":"' + 'x中'.repeat(600) + '"}', accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret', time: 1_700_000_000_000,
}).signature;

const EXPECTED = {
  signature: '50f255258763433d195f3b019f46a3e643ff1b325321fb91eaf7f1ab2a4776e3',
  longBody: [longSignature, longSignature, longSignature],
  reportOk: false,
  firstError: 'AuthDetailList',
  certs: 6,
  refused: { name: 'ApiError', code: 'SignatureDoesNotMatch', isError: true },
};

test('Node: sign, validate and call', async () => {
  assert.deepEqual(await run(process.execPath, [SMOKE, emu.url]), EXPECTED);
});

test('Deno: the same answers as Node', async () => {
  // --no-code-cache: Deno keeps compiled code of CommonJS files by path, and after the package is
  // rebuilt in place it ran the old code against the new module (a ReferenceError into the glue).
  assert.deepEqual(await run(DENO, ['run', '--no-code-cache', '--allow-read', '--allow-net=127.0.0.1', '--allow-env', SMOKE, emu.url]), EXPECTED);
});

test('Bun: the same answers as Node', async () => {
  assert.deepEqual(await run(BUN, [SMOKE, emu.url]), EXPECTED);
});
