// signRequest has two ways in (pkg-config/sign-fast.js): inputs of the common shape cross as
// plain arguments (on Node a long body is hashed by OpenSSL instead of inside the module), and
// every other input is read field by field (`__signRequestChecked`). These checks hold both to the
// same answer, byte for byte, and to the same errors. Shared by Node and Chromium.
import assert from 'node:assert/strict';

/** A small deterministic generator, so that a failure can be replayed. */
function rng(seed) {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
}

/** A call's result, or its error's name, code and message. */
function outcome(f) {
  try {
    return { ok: f() };
  } catch (e) {
    return { error: { name: e.name, code: e.code, message: e.message } };
  }
}

export function signPathChecks({ signRequest, __signRequestChecked: checked }) {
  const list = [];
  const c = (name, run) => list.push({ name, run });

  c('random requests: the flat and the checked path sign alike, for bodies short, long, multibyte and bytes', () => {
    const r = rng(20261130);
    let errors = 0;
    const pick = (a) => a[Math.floor(r() * a.length)];
    const text = (n) => Array.from({ length: n }, () => pick(['a', 'Z', '0', ' ', '"', '\n', 'é', '中', '😀', '%', '&', '=', '\0'])).join('');
    for (let i = 0; i < 300; i++) {
      const scheme = pick(['volcengine', 'tc3', 'acs3']);
      const bodyLen = pick([0, 1, 63, 64, 65, 255, 256, 257, 1024, 5000]);
      const body = r() < 0.3 ? new TextEncoder().encode(text(bodyLen)) : text(bodyLen);
      const input = {
        scheme, method: pick(['POST', 'GET', 'PUT']), host: pick(['live.volcengineapi.com', 'live.tencentcloudapi.com', 'esa.cn-hangzhou.aliyuncs.com', '127.0.0.1:8787']),
        path: pick([undefined, '/', '/a/b', '/%E4%B8%AD']),
        headers: { 'content-type': 'application/json', [`x-${scheme === 'tc3' ? 'tc' : 'acs'}-action`]: `Act ${i} "${pick(['a', 'b=c', '%20'])}"` },
        body, accessKeyId: 'AK' + i, secretAccessKey: 'SK-' + text(8), time: 1_700_000_000_000 + Math.floor(r() * 1e9),
        nonce: scheme === 'acs3' ? 'n' + i : undefined,
        sessionToken: pick([undefined, undefined, 'token-' + i, '']),
        // Every optional field absent, present, or present and empty: the flat path carries
        // each in its place in one text (src/wasm/sign.rs), so an order mistake shows here.
        region: pick([undefined, 'cn-north-1', 'ap-singapore-1', '']),
        service: pick([undefined, 'live', 'cdn', '']),
        protocol: pick([undefined, 'https', 'http']),
      };
      if (r() < 0.4) {
        const own = { volcengine: 'x-date', tc3: 'x-tc-timestamp', acs3: 'x-acs-date' }[scheme];
        input.signedHeaders = pick([['host'], ['content-type', 'host', own], ['Host', ' content-type ']]);
      }
      if (scheme === 'tc3' && r() < 0.3) input.rawQuery = 'a=1&b=%20';
      else input.query = r() < 0.5 ? [] : [['Action', 'X'], ['k', text(4)], ['k', text(3)]];
      const fast = outcome(() => signRequest(input));
      const slow = outcome(() => checked(input));
      assert.deepEqual(fast, slow, `request ${i} (${scheme}, body ${bodyLen})`);
      if (fast.error) errors++;
    }
    // Most are signed; some are refused (an empty region or service), alike by both paths.
    assert.ok(errors > 0 && errors < 150, `${errors} of 300 refused`);
  });

  c('the same errors by either path', () => {
    const base = { scheme: 'tc3', method: 'POST', host: 'live.tencentcloudapi.com', accessKeyId: 'AK', secretAccessKey: 'SK', time: 1 };
    for (const patch of [
      { scheme: 'sigv4' }, { method: 'P OST' }, { host: 'a b' }, { path: 'no-slash' }, { time: -1 }, { protocol: 'ftp' },
      { rawQuery: 'a=1', query: [['a', '1']] }, { scheme: 'acs3', rawQuery: 'a=1' }, { headers: { 'x-a': 'line\nbreak' } },
      { signedHeaders: ['missing'] }, { accessKeyId: '' }, { body: 'x'.repeat(300), signedHeaders: ['host', 'nope'] },
    ]) {
      const input = { ...base, ...patch };
      const err = (f) => { try { f(); return null; } catch (e) { return { name: e.name, code: e.code, message: e.message }; } };
      const a = err(() => signRequest(input));
      const b = err(() => checked(input));
      assert.deepEqual(a, b, JSON.stringify(patch));
    }
  });
  c('several errors at once: either path answers the one that has always come first', () => {
    // The glue judges types as it reads; the module judges values after. A scheme, the keys and
    // the time have always been judged as soon as read, before the fields after them.
    const base = { scheme: 'tc3', method: 'POST', host: 'live.tencentcloudapi.com', accessKeyId: 'AK', secretAccessKey: 'SK', time: 1 };
    for (const [patch, code] of [
      [{ scheme: 'nope', accessKeyId: undefined }, 'UnknownScheme'], [{ scheme: 'nope', query: 5 }, 'UnknownScheme'],
      [{ accessKeyId: 'a b', host: 5 }, 'InvalidAccessKeyId'], [{ secretAccessKey: '', rawQuery: 'a', query: [] }, 'MissingSecret'],
      [{ time: -1, nonce: 5 }, 'InvalidTime'], [{ method: 'P OST', host: 5 }, 'InvalidInput'], [{ time: -1, protocol: 5 }, 'InvalidInput'],
    ]) {
      for (const f of [signRequest, checked]) {
        assert.throws(() => f({ ...base, ...patch }), (e) => e.name === 'SigningError' && e.code === code, JSON.stringify(patch));
      }
    }
  });

  c('the errors the glue makes itself read as the module\'s', () => {
    // The checked way judges types in JavaScript and values in the module: an absent field and a
    // value of the wrong type are the glue's errors, an empty field and a refused value the
    // module's. Their wording is one (src/error.rs).
    const base = { scheme: 'tc3', method: 'POST', host: 'live.tencentcloudapi.com', accessKeyId: 'AK', secretAccessKey: 'SK', time: 1 };
    const err = (input) => { try { checked(input); return null; } catch (e) { return { name: e.name, code: e.code, message: e.message }; } };
    assert.deepEqual(err({ ...base, method: undefined }), err({ ...base, method: '' }));
    assert.deepEqual(err({ ...base, host: null }), err({ ...base, host: '' }));
    const glue = err({ ...base, protocol: 5 });
    const module = err({ ...base, protocol: 'ftp' });
    assert.equal(glue.code, module.code);
    assert.equal(glue.message.replace(/expected .*/, ''), module.message.replace(/expected .*/, ''));
  });
  return list;
}
