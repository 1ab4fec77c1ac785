// Turns a vector of tests/vectors/signing.json into signRequest input, and checks an output
// against the vector's expectations. Shared by the ESM, CommonJS and browser tests.
'use strict';

function hexToBytes(hex) {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(i * 2, 2), 16);
  return out;
}

function vectorInput(v, { bodyAs = 'bytes' } = {}) {
  const input = {
    scheme: v.scheme,
    method: v.method,
    host: v.host,
    path: v.path,
    headers: v.headers,
    body: bodyAs === 'string' ? v.bodyUtf8 : hexToBytes(v.bodyHex),
    accessKeyId: v.accessKeyId,
    secretAccessKey: v.secretAccessKey,
    signedHeaders: v.signedHeaders,
    time: v.timeMs,
  };
  if (v.rawQuery != null) input.rawQuery = v.rawQuery;
  else input.query = v.query;
  if (v.sessionToken != null) input.sessionToken = v.sessionToken;
  if (v.region != null) input.region = v.region;
  if (v.service != null) input.service = v.service;
  if (v.nonce != null) input.nonce = v.nonce;
  return input;
}

const SIGNER_SET = new Set(['host', 'x-tc-timestamp', 'x-acs-content-sha256', 'x-content-sha256']);

/** Returns a list of mismatches (empty when the output reproduces the vector). */
function compareToVector(v, out) {
  const problems = [];
  const exp = v.expected;
  for (const k of ['canonicalRequest', 'stringToSign', 'signature', 'authorization']) {
    if (out[k] !== exp[k]) problems.push(`${k}: got ${JSON.stringify(out[k])}, want ${JSON.stringify(exp[k])}`);
  }
  for (const [name, value] of Object.entries(exp.headers)) {
    if (out.headers[name] !== value) problems.push(`header ${name}: got ${out.headers[name]}, want ${value}`);
  }
  for (const name of Object.keys(out.headers)) {
    if (!(name in exp.headers) && !SIGNER_SET.has(name)) problems.push(`unexpected header ${name}`);
  }
  if (out.headers.authorization !== exp.authorization) problems.push('authorization header differs');
  return problems;
}

module.exports = { vectorInput, compareToVector, hexToBytes };
