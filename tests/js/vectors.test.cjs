// The known-answer vectors through the built package, loaded with require() in Node.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { readFileSync } = require('node:fs');
const path = require('node:path');
const liveops = require('liveops');
const { vectorInput, compareToVector } = require('./vector-input.cjs');

const vectors = JSON.parse(readFileSync(path.join(__dirname, '..', 'vectors', 'signing.json'), 'utf8'));

test('CommonJS: every vector is reproduced', async () => {
  await liveops.default(); // init() is a no-op on Node
  for (const v of vectors) {
    assert.deepEqual(compareToVector(v, liveops.signRequest(vectorInput(v))), [], v.id);
  }
});

test('CommonJS: errors are named Errors', () => {
  assert.throws(() => liveops.signRequest({ scheme: 'nope' }), { name: 'SigningError', code: 'UnknownScheme' });
});
