// signRequest: inputs of the common shape (a plain object whose fields have the documented types
// and sizes) go to `__signFlat` as one text (every string field in order, NUL after each, the body
// text last) plus the list lengths, which optional fields are present, the body's bytes and the
// time: one string written into the module's memory instead of one per field. The answer comes
// back as one string. Any other input goes to `__signRequestChecked`, which reads it field by
// field with every check and names every error, into the same arguments (with each field's
// length, so that a field may hold NUL). Both end in the same function of the module, so the
// results and errors are the same (tests/js/sign-paths.test.mjs compares them).
// Appended by pkg-config/build.mjs to the web and Node glue, where `__signFlat` is in scope.

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
 * values. A refusal opens with NUL, then its code, NUL and its message (which may hold NUL: an
 * echoed value), and is thrown.
 */
function fromFlat(text) {
  if (text.charCodeAt(0) === 0) {
    const end = text.indexOf(NUL, 1);
    throw signingError(text.slice(1, end), text.slice(end + 1));
  }
  const out = text.split(NUL);
  const headers = {};
  for (let i = 6; i < out.length; i += 2) headers[out[i]] = out[i + 1];
  return {
    url: out[0], method: out[1], headers, canonicalRequest: out[2], stringToSign: out[3], signature: out[4], authorization: out[5],
  };
}

// ---- The checked way: any value at all. The module reads no JavaScript values itself (so that
// its signing entry point carries no reader of them); this is its reader. As src/wasm/input.rs
// reads values for the other exports: every read that can run user code (a getter, a Proxy trap,
// a revoked Proxy) is caught, every length is checked before use, arrays are copied once (a
// snapshot, which code run meanwhile cannot grow), and an error names the field, never its value.
// Only types and sizes are judged here; the values are judged by the module, as on the fast way.

// Taken once: a script that replaces them later cannot make the reader throw something else.
const arraySlice = Array.prototype.slice;
const isArray = Array.isArray;
const isView = ArrayBuffer.isView;
const objectEntries = Object.entries;

/** A `SigningError`: an `Error` named so, with a stable `code` (src/error.rs, as the module's
 * other exports make them in src/wasm/error.rs). */
function signingError(code, message) {
  const e = new Error(message);
  e.name = 'SigningError';
  e.code = code;
  return e;
}
const invalidInput = (field, shape) => signingError('InvalidInput', `invalid ${field}: expected ${shape}`);
const missingField = (field) => signingError('MissingField', `\`${field}\` is required`);

const SHAPE_PAIRS = 'an array of at most 10000 [key, value] string pairs';
const SHAPE_RECORD = 'an object of at most 10000 string values';
const SHAPE_STRINGS = 'an array of at most 10000 strings';
const SHAPE_BODY = 'a string or a Uint8Array of at most 32 MiB';

/** `obj[name]`, undefined for null too; a read that throws is an error naming the field. */
function readField(obj, name) {
  let v;
  try {
    v = obj[name];
  } catch {
    throw invalidInput(name, 'a readable value (reading it threw)');
  }
  return v === null ? undefined : v;
}

const isText = (v) => typeof v === 'string' && v.length <= FLAT_MAX_STRING;

function optString(obj, name) {
  const v = readField(obj, name);
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw invalidInput(name, 'a string');
  if (v.length > FLAT_MAX_STRING) throw invalidInput(name, 'a string of at most 1 MiB');
  return v;
}

function reqString(obj, name) {
  const v = optString(obj, name);
  if (v === undefined) throw missingField(name);
  return v;
}

/** A copy of the array `v` of at most `max` entries; undefined when it is not an array, null
 * when it cannot be read as one (a lying length, a trap that throws). */
function snapshot(v, max) {
  try {
    if (!isArray(v)) return undefined;
    const len = v.length;
    if (!Number.isInteger(len) || len < 0 || len > max) return null;
    const copy = arraySlice.call(v, 0, len);
    // A Proxy can report one length and hand over another.
    return copy.length === len ? copy : null;
  } catch {
    return null;
  }
}

/** A list field (a snapshot, `shape` its error), or undefined when absent. */
function optArray(obj, name, shape) {
  const v = readField(obj, name);
  if (v === undefined) return undefined;
  const copy = snapshot(v, FLAT_MAX_ITEMS);
  if (!copy) throw invalidInput(name, shape);
  return copy;
}

/** `[string, string][]` as `[k, v, k, v…]`, or undefined when absent. */
function optPairs(obj, name) {
  const list = optArray(obj, name, SHAPE_PAIRS);
  if (list === undefined) return undefined;
  const out = [];
  for (let i = 0; i < list.length; i++) {
    const pair = snapshot(list[i], 2);
    if (!pair || pair.length !== 2 || !isText(pair[0]) || !isText(pair[1])) throw invalidInput(name, SHAPE_PAIRS);
    out.push(pair[0], pair[1]);
  }
  return out;
}

/** `Record<string, string>` as `[k, v, k, v…]`, in the object's own key order. */
function optRecord(obj, name) {
  const v = readField(obj, name);
  if (v === undefined) return [];
  let entries;
  try {
    if (typeof v !== 'object' || isArray(v)) throw 0;
    entries = objectEntries(v);
  } catch {
    throw invalidInput(name, SHAPE_RECORD);
  }
  if (entries.length > FLAT_MAX_ITEMS) throw invalidInput(name, SHAPE_RECORD);
  const out = [];
  // `Object.entries` makes fresh two-element arrays of plain values.
  for (let i = 0; i < entries.length; i++) {
    const k = entries[i][0];
    const value = entries[i][1];
    if (!isText(k) || !isText(value)) throw invalidInput(name, SHAPE_RECORD);
    out.push(k, value);
  }
  return out;
}

function optStrings(obj, name) {
  const list = optArray(obj, name, SHAPE_STRINGS);
  for (let i = 0; list !== undefined && i < list.length; i++) {
    if (!isText(list[i])) throw invalidInput(name, SHAPE_STRINGS);
  }
  return list;
}

/** A string, or a copy of a genuine Uint8Array's bytes (a Proxy cannot pretend to be a view). */
function optBody(obj, name) {
  const v = readField(obj, name);
  if (v === undefined || typeof v === 'string') {
    if (v !== undefined && v.length > FLAT_MAX_BODY) throw invalidInput(name, SHAPE_BODY);
    return v;
  }
  try {
    if (!isView(v) || !(v instanceof Uint8Array)) throw 0;
    const declared = v.byteLength;
    if (typeof declared !== 'number' || !(declared <= FLAT_MAX_BODY)) throw 0;
    // A copy: a detached buffer throws here, and the copy cannot change under the module.
    const copy = new Uint8Array(v);
    if (copy.length > FLAT_MAX_BODY) throw 0;
    return copy;
  } catch {
    throw invalidInput(name, SHAPE_BODY);
  }
}

/** The body as `__signFlat` takes it: the text's end, bytes, or (long, with a host hash) a hash. */
function flatBody(body) {
  if (body === undefined || body.length === 0) return { text: '' };
  const text = typeof body === 'string';
  if (body.length > HOST_HASH_FROM && hostSha256) {
    const hash = hostSha256(body);
    if (hash !== undefined) return { hash };
  }
  if (text && body.length <= 64) return { text: body };
  return { bytes: text ? textEncoder.encode(body) : body };
}

/**
 * The fields of any input, read in the order they have always been read in (getters run in that
 * order); throws a `SigningError` for a field of the wrong type or size. Values are the
 * module's to judge; `early` keeps those the module's former reader judged as soon as it had
 * them (the scheme, then the keys, then the time), so that `earlierRefusal` can put their
 * refusal first, as before.
 */
function readInput(input, early) {
  if (input === null || typeof input !== 'object') throw invalidInput('input', 'an object');
  early.scheme = reqString(input, 'scheme');
  const accessKeyId = reqString(input, 'accessKeyId');
  const secretAccessKey = reqString(input, 'secretAccessKey');
  const sessionToken = optString(input, 'sessionToken');
  early.keys = [accessKeyId, secretAccessKey, sessionToken];
  const method = reqString(input, 'method');
  const host = reqString(input, 'host');
  const path = optString(input, 'path') ?? '/';
  const query = optPairs(input, 'query');
  const rawQuery = optString(input, 'rawQuery');
  if (query !== undefined && rawQuery !== undefined) throw signingError('QueryConflict', 'give either `query` or `rawQuery`, not both');
  const headers = optRecord(input, 'headers');
  const body = flatBody(optBody(input, 'body'));
  const region = optString(input, 'region');
  const service = optString(input, 'service');
  const signedHeaders = optStrings(input, 'signedHeaders');
  const protocol = optString(input, 'protocol') ?? 'https';
  let time = readField(input, 'time');
  // Its range is the module's to judge (InvalidTime), as on the fast way.
  if (time === undefined) time = Date.now();
  else if (typeof time !== 'number') throw invalidInput('time', 'a number');
  early.time = time;
  const nonce = optString(input, 'nonce');
  return {
    scheme: early.scheme, method, host, path, query, rawQuery, headers, body, accessKeyId, secretAccessKey, sessionToken,
    region, service, signedHeaders, nonce, protocol, time,
  };
}

/**
 * The module's refusal of a value judged early (`early`), or undefined. It is asked with those
 * values and an empty method, which it refuses only after them: a refusal of the method means
 * there was none earlier. (Only on the way to an error: a valid input never comes here.)
 */
function earlierRefusal(early) {
  if (early.scheme === undefined) return undefined;
  const [accessKeyId, secretAccessKey, sessionToken] = early.keys ?? ['AK', 'SK', undefined];
  const fields = [early.scheme, '', 'a', '/', accessKeyId, secretAccessKey];
  let present = P_NONCE;
  if (sessionToken !== undefined) {
    present |= P_SESSION_TOKEN;
    fields.push(sessionToken);
  }
  fields.push('n', 'https');
  const answer = __signFlat(fields.join(NUL) + NUL, 0, 0, 0, present, undefined, early.time ?? 0, Uint32Array.from(fields, (f) => f.length));
  try {
    fromFlat(answer);
  } catch (e) {
    if (e.message !== '`method` is required') return e;
  }
  return undefined;
}

/**
 * The arguments of `__signFlat` for any input (`readInput`). Each field is followed by NUL and
 * its length goes in the last argument, so that a field may hold NUL.
 */
function checkedArguments(input) {
  const early = {};
  let read;
  try {
    read = readInput(input, early);
  } catch (e) {
    throw earlierRefusal(early) ?? e;
  }
  const { scheme, method, host, path, query, rawQuery, headers, body, accessKeyId, secretAccessKey, sessionToken, region, service, signedHeaders, nonce, protocol, time } = read;
  let present = 0;
  const fields = [scheme, method, host, path];
  // Lists of up to 20000 strings: appended one by one (a spread into `push` has a ceiling).
  const all = (list) => {
    for (let i = 0; i < list.length; i++) fields.push(list[i]);
  };
  // An optional field takes its place, and its bit, when present.
  const opt = (value, bit) => {
    if (value === undefined) return;
    present |= bit;
    fields.push(value);
  };
  all(query ?? []);
  opt(rawQuery, P_RAW_QUERY);
  all(headers);
  opt(body.hash, P_BODY_SHA256);
  fields.push(accessKeyId, secretAccessKey);
  opt(sessionToken, P_SESSION_TOKEN);
  opt(region, P_REGION);
  opt(service, P_SERVICE);
  if (signedHeaders !== undefined) {
    present |= P_SIGNED_HEADERS;
    all(signedHeaders);
  }
  opt(nonce, P_NONCE);
  fields.push(protocol);
  const text = fields.join(NUL) + NUL + (body.text ?? '');
  const lengths = Uint32Array.from(fields, (f) => f.length);
  return [text, query ? query.length / 2 : 0, headers.length / 2, signedHeaders ? signedHeaders.length : 0, present, body.bytes, time, lengths];
}

/** Any input, read as `checkedArguments` reads it: the flat answer. */
function __signCheckedFlat(input) {
  return __signFlat(...checkedArguments(input));
}

/** Any input, read field by field with every check. */
function __signRequestChecked(input) {
  return fromFlat(__signCheckedFlat(input));
}

function signRequest(input) {
  const args = flatArguments(input);
  return args === null ? __signRequestChecked(input) : fromFlat(__signFlat(...args));
}
