// validate() through the CommonJS build.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { readFileSync } = require('node:fs');
const path = require('node:path');
const { validate } = require('liveops');
const { checkCases } = require('./validation-cases.cjs');

test('CommonJS: every rule is accepted and rejected as its cases say', () => {
  const groups = JSON.parse(readFileSync(path.join(__dirname, '..', 'validation', 'cases.json'), 'utf8'));
  const { checked, failures } = checkCases(validate, groups);
  assert.deepEqual(failures, []);
  assert.ok(checked >= 150);
});
