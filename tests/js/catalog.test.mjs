// Every operation of the catalog (www/src/catalog.json, the declarations' own output, checked by
// `cargo test --test docs`) is a method of its cloud's client, at run time and in the package's
// TypeScript declarations, with payload and answer types that the declarations define.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as liveops from 'liveops';

const catalog = JSON.parse(readFileSync(new URL('../../www/src/catalog.json', import.meta.url), 'utf8'));
const dts = readFileSync(new URL('../../pkg/liveops.d.ts', import.meta.url), 'utf8');
const CLASS = { volcengine: 'VolcengineLive', tencent: 'TencentLive', aliyun: 'AliyunEsa' };

/** The body of `export class NAME { … }` in the declarations. */
function classBody(name) {
  const start = dts.indexOf(`export class ${name} {`);
  assert.ok(start >= 0, `class ${name} is declared`);
  return dts.slice(start, dts.indexOf('\n}\n', start));
}

/** Whether a type name is defined by the declarations (an interface, a type, a class). */
const defined = (t) => new RegExp(`export (?:interface|type|class) ${t}\\b`).test(dts);

test('every operation is a method of its client, at run time and in the .d.ts, with its types defined', () => {
  const ops = catalog.filter((o) => !o.contract);
  assert.ok(ops.length >= 20);
  for (const op of ops) {
    const cls = CLASS[op.provider];
    assert.ok(op.method, `${op.provider} ${op.action}: a method name`);
    assert.equal(typeof liveops[cls].prototype[op.method], 'function', `${cls}.${op.method}`);
    const body = classBody(cls);
    assert.ok(body.includes(`${op.method}(payload?: ${op.requestType}`), `${cls}.${op.method} takes ${op.requestType}`);
    assert.ok(body.includes(`): ${op.answerType};`), `${cls}.${op.method} answers ${op.answerType}`);
    const names = `${op.requestType} ${op.answerType}`.replace(/\b\w+\??:/g, '').match(/\b[A-Z][A-Za-z0-9]+\b/g).filter((n) => n !== 'Promise');
    for (const n of names) assert.ok(defined(n), `${op.action}: the type ${n} is declared`);
  }
});

test('a method name the catalog does not list is not a client method (the list is the whole surface)', () => {
  const listed = new Set(catalog.filter((o) => !o.contract).map((o) => `${CLASS[o.provider]}.${o.method}`));
  const common = new Set(['constructor', 'call', 'preview', 'free', '__destroy_into_raw']);
  for (const cls of Object.values(CLASS)) {
    for (const m of Object.getOwnPropertyNames(liveops[cls].prototype)) {
      if (common.has(m) || typeof m !== 'string' || m.startsWith('__') || m === Symbol.dispose) continue;
      assert.ok(listed.has(`${cls}.${m}`), `${cls}.${m} is in the catalog`);
    }
  }
});

test('the docs of generated methods and classes read as text in the .d.ts (no raw-string tokens)', () => {
  assert.ok(!/\* r" /.test(dts), dts.split('\n').find((l) => /\* r" /.test(l)));
  assert.match(classBody('AliyunEsa'), /\* Not idempotent: a call whose outcome is unknown is not sent again\./);
});

test('the error names of the declarations are the ones the module throws (one list in the crate)', () => {
  const m = /export interface LiveopsError extends Error, LiveopsErrorFields \{\n *name: ([^;]+);/.exec(dts);
  assert.ok(m, 'LiveopsError declares its name');
  const declared = m[1].split(' | ').map((n) => JSON.parse(n)).sort();
  assert.deepEqual(declared, ['AbortError', 'ApiError', 'ConfigError', 'NetworkError', 'SigningError', 'TimeoutError', 'ValidationError']);
  // Each is thrown for real: a few calls that fail with each of the synchronous kinds.
  const thrown = new Set();
  for (const f of [() => liveops.signRequest({ scheme: 'nope' }), () => new liveops.TencentLive({ accessKeyId: 'a', secretAccessKey: 'b', site: 'x' }),
    () => new liveops.VolcengineLive({ accessKeyId: 'a', secretAccessKey: 'b' }).preview('UnbindCert', {})]) {
    try { f(); } catch (e) { thrown.add(e.name); }
  }
  for (const n of thrown) assert.ok(declared.includes(n), n);
  assert.equal(thrown.size, 3);
});
