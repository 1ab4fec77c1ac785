// The package as a user installs it: `npm pack` of pkg/, installed into a fresh project, then
// imported by name from an ES module and from CommonJS (no symlink, no workspace paths).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
let dir;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'liveops-consumer-'));
  const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: join(root, 'pkg'), encoding: 'utf8' }).trim().split('\n').pop();
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--silent', join(dir, tarball)], { cwd: dir, stdio: 'ignore' });
});
after(() => rmSync(dir, { recursive: true, force: true }));

const sample = `({ scheme: 'tc3', method: 'POST', host: 'live.tencentcloudapi.com', accessKeyId: 'AK', secretAccessKey: 'SK', time: 0 })`;

test('an installed package imports by name from an ES module', () => {
  writeFileSync(join(dir, 'esm.mjs'), `import init, { signRequest, validate, VolcengineLive, runBatch } from 'liveops';
await init();
const s = signRequest(${sample});
console.log(JSON.stringify({ auth: s.authorization.slice(0, 16), ok: validate('volcengine', 'UnbindCert', { Domain: 'a.example.com' }).ok, client: typeof VolcengineLive, batch: typeof runBatch }));`);
  const out = JSON.parse(execFileSync(process.execPath, ['esm.mjs'], { cwd: dir, encoding: 'utf8' }));
  assert.deepEqual(out, { auth: 'TC3-HMAC-SHA256 ', ok: true, client: 'function', batch: 'function' });
});

test('an installed package requires by name from CommonJS, sharing the ES module instance', () => {
  writeFileSync(join(dir, 'cjs.cjs'), `const lib = require('liveops');
import('liveops').then((esm) => console.log(JSON.stringify({ same: esm.signRequest === lib.signRequest, auth: lib.signRequest(${sample}).authorization.slice(0, 16) })));`);
  const out = JSON.parse(execFileSync(process.execPath, ['cjs.cjs'], { cwd: dir, encoding: 'utf8' }));
  assert.deepEqual(out, { same: true, auth: 'TC3-HMAC-SHA256 ' });
});

test('an installed package brings the liveops command (npx liveops)', () => {
  const help = execFileSync('npx', ['--no-install', 'liveops', '--help'], { cwd: dir, encoding: 'utf8' });
  assert.match(help, /^liveops: sign, validate and call/);
  const report = JSON.parse(execFileSync('npx', ['--no-install', 'liveops', 'validate', 'volcengine', 'UnbindCert', '{"Domain":"a.example.com"}'], { cwd: dir, encoding: 'utf8' }));
  assert.equal(report.ok, true);
});
