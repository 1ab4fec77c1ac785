// The two ways into signRequest agree (tests/js/sign-paths.mjs), in Node, where long bodies are
// hashed by OpenSSL; tests/browser/package.test.mjs runs the same checks in Chromium.
import { test } from 'node:test';
import * as lib from 'liveops';
import { signPathChecks } from './sign-paths.mjs';

for (const { name, run } of signPathChecks(lib)) test(name, run);
