// signRequest: inputs of the common shape (a plain object whose fields have the documented types
// and sizes) go to `__signFlat` as one text (every string field in order, NUL after each, the body
// text last) plus the list lengths, which optional fields are present, the body's bytes and the
// time: one string written into the module's memory instead of one per field. The answer comes
// back as one string. Any other input goes to `__signRequestChecked`, which reads it field by
// field with every check and names every error. Both sign with the same Rust core, so the results
// and errors are the same (tests/js/sign-paths.test.mjs compares them).
// Appended by pkg-config/build.mjs to the web and Node glue, where both functions are in scope.

const FLAT_MAX_STRING = 1 << 20;
const FLAT_MAX_BODY = 32 << 20;
const FLAT_MAX_ITEMS = 10000;
const NUL = '\0';
// The bits of `present` (src/wasm/sign.rs, mod present).
const P_RAW_QUERY = 1, P_BODY_SHA256 = 2, P_SESSION_TOKEN = 4, P_REGION = 8, P_SERVICE = 16, P_SIGNED_HEADERS = 32, P_NONCE = 64;

/** A string of at most `max` UTF-16 units without NUL, or undefined when absent; else throws. */
function flatString(v, max) {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' || v.length > max || v.includes(NUL)) throw 0;
  return v;
}

/** `[[k, v], …]` as `k\0v\0…` (each followed by NUL; the common shapes only). */
function flatPairs(entries) {
  if (entries.length > FLAT_MAX_ITEMS) throw 0;
  let out = '';
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    if (!Array.isArray(e) || e.length !== 2) throw 0;
    const k = flatString(e[0], FLAT_MAX_STRING);
    const v = flatString(e[1], FLAT_MAX_STRING);
    if (k === undefined || v === undefined) throw 0;
    out += k + NUL + v + NUL;
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
    let present = 0;
    // An optional field: its text with its NUL, and its bit, when present.
    const opt = (value, bit) => {
      if (value === undefined) return '';
      present |= bit;
      return value + NUL;
    };
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
    let headerCount = 0;
    if (headers !== undefined && headers !== null) {
      if (typeof headers !== 'object' || Array.isArray(headers)) return null;
      const hp = Object.getPrototypeOf(headers);
      if (hp !== Object.prototype && hp !== null) return null;
      const entries = Object.entries(headers);
      headerText = flatPairs(entries);
      headerCount = entries.length;
    }
    const body = input.body;
    let bodyText = '';
    let bodyBytes;
    let bodyHash;
    if (typeof body === 'string') {
      if (body.length > FLAT_MAX_BODY) return null;
      // A long body is hashed by the host where it has a native hash (Node: OpenSSL), else it
      // crosses as the engine's own UTF-8 encoding rather than the glue's per-character copy.
      if (body.length > HOST_HASH_FROM && hostSha256) bodyHash = hostSha256(body);
      if (bodyHash === undefined) {
        if (body.length > 64) bodyBytes = textEncoder.encode(body);
        else bodyText = body;
      }
    } else if (body instanceof Uint8Array) {
      if (body.byteLength > FLAT_MAX_BODY || body.byteLength === 0) return null;
      if (body.byteLength > HOST_HASH_FROM && hostSha256) bodyHash = hostSha256(body);
      if (bodyHash === undefined) bodyBytes = body;
    } else if (body !== undefined && body !== null) return null;
    const signedHeaders = input.signedHeaders;
    let signedText;
    if (signedHeaders !== undefined && signedHeaders !== null) {
      if (!Array.isArray(signedHeaders) || signedHeaders.length === 0 || signedHeaders.length > FLAT_MAX_ITEMS) return null;
      signedText = '';
      present |= P_SIGNED_HEADERS;
      for (const h of signedHeaders) {
        if (flatString(h, FLAT_MAX_STRING) === undefined) return null;
        signedText += h + NUL;
      }
    }
    let time = input.time;
    if (time === undefined || time === null) time = Date.now();
    else if (typeof time !== 'number' || !(time >= 0 && time < 1e15)) return null;
    const text = scheme + NUL + method + NUL + host + NUL + (s('path') ?? '/') + NUL
      + (query ? flatPairs(query) : '') + opt(rawQuery, P_RAW_QUERY) + headerText + opt(bodyHash, P_BODY_SHA256)
      + accessKeyId + NUL + secretAccessKey + NUL + opt(s('sessionToken'), P_SESSION_TOKEN)
      + opt(s('region'), P_REGION) + opt(s('service'), P_SERVICE)
      + (signedText ?? '')
      + opt(s('nonce'), P_NONCE) + (s('protocol') ?? 'https') + NUL + bodyText;
    return [text, query ? query.length : 0, headerCount, signedHeaders ? signedHeaders.length : 0, present, bodyBytes, time];
  } catch {
    return null;
  }
}

/** Bodies longer than this are hashed by the host's native SHA-256, where there is one. */
const HOST_HASH_FROM = 256;
const textEncoder = new TextEncoder();

/**
 * The result object from the module's answer, the same NUL-separated text on both paths: url,
 * method, canonical request, string to sign, signature, authorization, then header names and
 * values.
 */
function fromFlat(text) {
  const out = text.split(NUL);
  const headers = {};
  for (let i = 6; i < out.length; i += 2) headers[out[i]] = out[i + 1];
  return {
    url: out[0], method: out[1], headers, canonicalRequest: out[2], stringToSign: out[3], signature: out[4], authorization: out[5],
  };
}

/** Any input, read field by field with every check of the module. */
function __signRequestChecked(input) {
  return fromFlat(__signCheckedFlat(input));
}

function signRequest(input) {
  const args = flatArguments(input);
  return args === null ? __signRequestChecked(input) : fromFlat(__signFlat(...args));
}
