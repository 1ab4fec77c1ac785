// The part of node:assert/strict the client scenarios use, for the browser bundle.
class AssertionError extends Error {
  constructor(message) {
    super(message);
    this.name = 'AssertionError';
  }
}

const show = (v) => (v instanceof Set ? `Set(${JSON.stringify([...v])})` : JSON.stringify(v));

function normal(v) {
  if (v instanceof Set) return { $set: [...v].map(normal).map((x) => JSON.stringify(x)).sort() };
  if (Array.isArray(v)) return v.map(normal);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, normal(v[k])]));
  return v;
}

function ok(value, message) {
  if (!value) throw new AssertionError(message ?? `expected a truthy value, got ${show(value)}`);
}

const assert = Object.assign(ok, {
  ok,
  equal(a, b, message) { if (!Object.is(a, b)) throw new AssertionError(`${message ?? ''} ${show(a)} !== ${show(b)}`); },
  notEqual(a, b, message) { if (Object.is(a, b)) throw new AssertionError(`${message ?? ''} both ${show(a)}`); },
  deepEqual(a, b, message) {
    if (JSON.stringify(normal(a)) !== JSON.stringify(normal(b))) throw new AssertionError(`${message ?? ''} ${show(a)} differs from ${show(b)}`);
  },
  match(s, re, message) { if (!re.test(s)) throw new AssertionError(`${message ?? ''} ${show(s)} does not match ${re}`); },
  fail(message) { throw new AssertionError(message); },
  doesNotThrow(fn, message) {
    try { fn(); } catch (e) { throw new AssertionError(`${message ?? ''} threw ${e && e.name}: ${e && e.message}`); }
  },
  throws(fn, expected) {
    try { fn(); } catch (e) {
      for (const [k, v] of Object.entries(expected ?? {})) if (e[k] !== v) throw new AssertionError(`threw ${e.name}/${e.code}, expected ${k} ${v}`);
      return;
    }
    throw new AssertionError('did not throw');
  },
});

export default assert;
