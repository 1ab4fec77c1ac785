// signRequest: inputs of the common shape (a plain object whose fields have the documented types
// and sizes) go to `__signFlat` as plain arguments, each string written once into the module's
// memory, and the answer comes back as one string; any other input goes to `__signRequestChecked`,
// which reads it field by field with every check and names every error. Both sign with the same
// Rust core, so the results and errors are the same (tests/js/sign-paths.test.mjs compares them).
// Appended by pkg-config/build.mjs to the web and Node glue, where both functions are in scope.

const FLAT_MAX_STRING = 1 << 20;
const FLAT_MAX_BODY = 32 << 20;
const FLAT_MAX_ITEMS = 10000;
const NUL = '\0';

/** A string of at most `max` UTF-16 units without NUL, or undefined when absent; else throws. */
function flatString(v, max) {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' || v.length > max || v.includes(NUL)) throw 0;
  return v;
}

/** `[[k, v], …]` or `{ k: v }` as `k\0v\0…` (the common shapes only). */
function flatPairs(entries) {
  if (entries.length > FLAT_MAX_ITEMS) throw 0;
  let out = '';
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    if (!Array.isArray(e) || e.length !== 2) throw 0;
    const k = flatString(e[0], FLAT_MAX_STRING);
    const v = flatString(e[1], FLAT_MAX_STRING);
    if (k === undefined || v === undefined) throw 0;
    out += i === 0 ? `${k}${NUL}${v}` : `${NUL}${k}${NUL}${v}`;
  }
  return out;
}

/** The arguments of `__signFlat`, or null for an input the checked path must read. */
function flatArguments(input) {
  try {
    if (input === null || typeof input !== 'object') return null;
    const proto = Object.getPrototypeOf(input);
    if (proto !== Object.prototype && proto !== null) return null;
    const s = (name, max = FLAT_MAX_STRING) => flatString(input[name], max);
    const scheme = s('scheme');
    const method = s('method');
    const host = s('host');
    const accessKeyId = s('accessKeyId');
    const secretAccessKey = s('secretAccessKey');
    if (scheme === undefined || method === undefined || host === undefined || accessKeyId === undefined || secretAccessKey === undefined) return null;
    const query = input.query;
    const rawQuery = s('rawQuery');
    if (query !== undefined && query !== null && (!Array.isArray(query) || rawQuery !== undefined)) return null;
    const headers = input.headers;
    let headerText = '';
    if (headers !== undefined && headers !== null) {
      if (typeof headers !== 'object' || Array.isArray(headers)) return null;
      const hp = Object.getPrototypeOf(headers);
      if (hp !== Object.prototype && hp !== null) return null;
      headerText = flatPairs(Object.entries(headers));
    }
    const body = input.body;
    let bodyText = '';
    let bodyBytes = EMPTY_BYTES;
    let bodyHash;
    if (typeof body === 'string') {
      if (body.length > FLAT_MAX_BODY) return null;
      // A long body is hashed by the host where it has a native hash (Node: OpenSSL), else it
      // crosses as the engine's own UTF-8 encoding rather than the glue's per-character copy.
      if (body.length > HOST_HASH_FROM && hostSha256) bodyHash = hostSha256(body);
      else if (body.length > 64) bodyBytes = textEncoder.encode(body);
      else bodyText = body;
    } else if (body instanceof Uint8Array) {
      if (body.byteLength > FLAT_MAX_BODY || body.byteLength === 0) return null;
      if (body.byteLength > HOST_HASH_FROM && hostSha256) bodyHash = hostSha256(body);
      else bodyBytes = body;
    } else if (body !== undefined && body !== null) return null;
    const signedHeaders = input.signedHeaders;
    let signedText;
    if (signedHeaders !== undefined && signedHeaders !== null) {
      if (!Array.isArray(signedHeaders) || signedHeaders.length === 0 || signedHeaders.length > FLAT_MAX_ITEMS) return null;
      for (const h of signedHeaders) if (flatString(h, FLAT_MAX_STRING) === undefined) return null;
      signedText = signedHeaders.join(NUL);
    }
    let time = input.time;
    if (time === undefined || time === null) time = Date.now();
    else if (typeof time !== 'number' || !(time >= 0 && time < 1e15)) return null;
    return [
      scheme, method, host, s('path') ?? '/', query ? flatPairs(query) : '', rawQuery, headerText, bodyText, bodyBytes, bodyHash,
      accessKeyId, secretAccessKey, s('sessionToken'), s('region'), s('service'), signedText, time, s('nonce'), s('protocol') ?? 'https',
    ];
  } catch {
    return null;
  }
}

const EMPTY_BYTES = new Uint8Array(0);
/** Bodies longer than this are hashed by the host's native SHA-256, where there is one. */
const HOST_HASH_FROM = 256;
const textEncoder = new TextEncoder();

function signRequest(input) {
  const args = flatArguments(input);
  if (args === null) return __signRequestChecked(input);
  const out = __signFlat(...args).split(NUL);
  const headers = {};
  for (let i = 6; i < out.length; i += 2) headers[out[i]] = out[i + 1];
  return {
    url: out[0], method: out[1], headers, canonicalRequest: out[2], stringToSign: out[3], signature: out[4], authorization: out[5],
  };
}
