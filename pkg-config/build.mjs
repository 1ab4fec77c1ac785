#!/usr/bin/env node
// Builds the npm package in pkg/ from one release .wasm: the web build (ES module, for browsers
// and bundlers) and the Node build (CommonJS, with an ES module wrapper sharing its instance),
// behind one exports map. Usage: node pkg-config/build.mjs [--no-opt]
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as esbuild from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = join(root, 'pkg');
const work = join(root, 'target', 'liveops-bindgen');
const optimize = !process.argv.includes('--no-opt');

function run(cmd, args) {
  execFileSync(cmd, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
}

const cargoToml = readFileSync(join(root, 'Cargo.toml'), 'utf8');
const version = /^version = "([^"]+)"/m.exec(cargoToml)[1];
const bindgenVersion = /^wasm-bindgen = "=([^"]+)"/m.exec(cargoToml)[1];
const cliVersion = execFileSync('wasm-bindgen', ['--version'], { encoding: 'utf8' }).trim().split(' ')[1];
if (cliVersion !== bindgenVersion) {
  throw new Error(`wasm-bindgen CLI ${cliVersion} does not match the crate's ${bindgenVersion}: run scripts/setup.sh`);
}

/**
 * The entry points by job, each its own .wasm from this crate (cargo features, Cargo.toml):
 * `liveops` everything, `liveops/sign` signing and the canonical request, `liveops/validate`
 * validation. `file` is the stem of its files in pkg/; `signing`: it carries signRequest;
 * `profile`: its cargo profile (Cargo.toml says why `liveops/validate` has its own).
 */
const ENTRIES = [
  { file: 'liveops', feature: null, signing: true, actions: true, profile: 'release' },
  { file: 'sign', feature: 'entry-sign', signing: true, actions: false, profile: 'release' },
  { file: 'validate', feature: 'entry-validate', signing: false, actions: true, profile: 'release-validate' },
];

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
for (const entry of ENTRIES) {
  // Each feature set keeps its own artifacts in target/: rebuilding one does not undo another.
  run('cargo', ['build', '--lib', '--profile', entry.profile, '--target', 'wasm32-unknown-unknown', '-p', 'liveops', ...(entry.feature ? ['--features', entry.feature] : [])]);
  copyFileSync(join(root, 'target', 'wasm32-unknown-unknown', entry.profile, 'liveops.wasm'), join(work, `${entry.file}.wasm`));
}

rmSync(pkg, { recursive: true, force: true });
mkdirSync(pkg, { recursive: true });

// Declarations: `[Symbol.dispose]` needs TypeScript's esnext lib; leave it out so that the types
// check under any target (the method is still there at run time). `Action` lists every operation
// of the catalog, as the declarations give them (www/src/catalog.json, written from them and
// checked by `cargo test --test docs`).
const actions = [...new Set(JSON.parse(readFileSync(join(root, 'www', 'src', 'catalog.json'), 'utf8')).map((op) => JSON.stringify(op.action)))];
const ACTION_LINE = /^export type Action = string;$/m;
const portableDts = (text, entry) => {
  const out = text.replace(/^\s*\[Symbol\.dispose\]\(\): void;\n/gm, '');
  if (!entry.actions) return out;
  if (!ACTION_LINE.test(out)) throw new Error(`${entry.file}: the Action placeholder is missing from the declarations`);
  return out.replace(ACTION_LINE, `export type Action = ${actions.join(' | ')};`);
};

// `signRequest` is JavaScript over one export of the module (pkg-config/sign-fast.js): the
// common shape as plain arguments, everything else read field by field in JavaScript into the
// same arguments. Its declaration gives way to the one of `signRequest`.
const signFast = readFileSync(join(root, 'pkg-config', 'sign-fast.js'), 'utf8');
const INTERNAL_DTS = /\n(?:\/\*\*(?:(?!\*\/)[\s\S])*\*\/\n)?export function __(?:sign\w+|benchSignLoop)\([^;]*;\n/;
const SIGN_DTS = `
/**
 * Signs a request with the scheme's algorithm. Throws an \`Error\` named \`SigningError\` (with a
 * stable \`code\`) on bad input; the message never contains a secret.
 */
export function signRequest(input: SignRequestInput): SignedRequest;
`;
const withSignRequest = (dts, entry) => {
  if (!entry.signing) return dts;
  let stripped = dts;
  while (INTERNAL_DTS.test(stripped)) stripped = stripped.replace(INTERNAL_DTS, '\n');
  if (/export function __(sign|bench)/.test(stripped)) throw new Error('the internal signing exports are still declared');
  return stripped + SIGN_DTS;
};

// `__signFlat` trusts its caller (sign-fast.js checks every type and size first), so it stays
// inside the glue: wasm-bindgen would size a buffer from any object's \`length\` it is given.
const localFlat = (glue, target, entry) => {
  if (!entry.signing) return glue;
  if (!/__signFlat/.test(glue)) throw new Error(`${entry.file} ${target} glue lacks the signing export`);
  const pattern = target === 'web' ? /^export function __signFlat\(/m : /^exports\.__signFlat = __signFlat;\n/m;
  if (!pattern.test(glue)) throw new Error(`${target} glue: cannot keep __signFlat local`);
  return glue.replace(pattern, target === 'web' ? 'function __signFlat(' : '');
};

// Node hashes long bodies with OpenSSL (node:crypto); the module signs with that hash. node:crypto
// is loaded on the first long body, not with the package: loading it takes 3–6 ms, more than
// compiling the module, and scripts that never sign a long body never need it.
const NODE_HASH = `
let nodeSha256;
function loadNodeSha256() {
  try {
    const { createHash, hash } = require('node:crypto');
    // crypto.hash (Node 20.12+) is one call instead of a Hash object per body: about half the cost.
    if (typeof hash === 'function') return (body) => hash('sha256', body, 'hex');
    return (body) => createHash('sha256').update(body).digest('hex');
  } catch {
    return null;
  }
}
/** The body's SHA-256 in hex by OpenSSL, or undefined where node:crypto is missing. */
function hostSha256(body) {
  if (nodeSha256 === undefined) nodeSha256 = loadNodeSha256();
  return nodeSha256 === null ? undefined : nodeSha256(body);
}
`;
const initShim = `
/** No-op on Node: the module is instantiated when it is loaded. */
async function init() {}
function initSync() {}
exports.default = init;
exports.initSync = initSync;
`;
const initDts = `
/** No-op on Node (the module is ready once imported); present so that code is the same everywhere. */
export default function init(moduleOrPath?: unknown): Promise<void>;
export function initSync(module?: unknown): void;
`;

// The web glue is what a browser downloads with the module, so it ships minified (esbuild, the
// bundler the benchmarks already use): for `liveops/sign` that is 8 KB of 35 gzip, comments
// mostly. Exported names are kept; the declarations (.d.ts) carry the documentation. The Node
// builds stay as written, for readable stack traces in scripts.
function minifyWeb(code, name) {
  const { code: out } = esbuild.transformSync(code, { minify: true, format: 'esm', target: 'es2020', legalComments: 'none' });
  if (!/new URL\(["']\w+_bg\.wasm["'],\s*import\.meta\.url\)/.test(out)) {
    throw new Error(`${name}.js: minified glue lost the module URL that bundlers follow`);
  }
  return out;
}

const built = [];
for (const entry of ENTRIES) {
  const name = entry.file;
  for (const target of ['web', 'nodejs']) {
    run('wasm-bindgen', [
      '--target', target, '--out-dir', join(work, name, target), '--out-name', name,
      '--remove-name-section', '--remove-producers-section', join(work, `${name}.wasm`),
    ]);
  }
  // One .wasm for both builds (wasm-bindgen emits identical bytes for both targets).
  const wasmOut = join(pkg, `${name}_bg.wasm`);
  if (optimize) {
    const wasmOpt = join(root, 'node_modules', 'binaryen', 'bin', 'wasm-opt');
    run(process.execPath, [
      wasmOpt, join(work, name, 'web', `${name}_bg.wasm`), '-Oz', '--strip-debug', '--strip-producers',
      '--enable-bulk-memory', '--enable-reference-types', '--enable-nontrapping-float-to-int',
      '--enable-sign-ext', '--enable-mutable-globals', '--enable-multivalue', '-o', wasmOut,
    ]);
  } else {
    copyFileSync(join(work, name, 'web', `${name}_bg.wasm`), wasmOut);
  }
  copyFileSync(join(work, name, 'web', `${name}_bg.wasm.d.ts`), join(pkg, `${name}_bg.wasm.d.ts`));

  // Web build: as wasm-bindgen writes it, and signRequest; `init()` loads the .wasm next to it.
  // Browsers have no synchronous native hash: the module hashes every body there.
  const webGlue = localFlat(readFileSync(join(work, name, 'web', `${name}.js`), 'utf8'), 'web', entry);
  const webJs = entry.signing ? `${webGlue}\nconst hostSha256 = null;\n${signFast}\nexport { signRequest, __signRequestChecked, __signCheckedFlat };\n` : webGlue;
  writeFileSync(join(pkg, `${name}.js`), optimize ? minifyWeb(webJs, name) : webJs);
  writeFileSync(join(pkg, `${name}.d.ts`), withSignRequest(portableDts(readFileSync(join(work, name, 'web', `${name}.d.ts`), 'utf8'), entry), entry));

  // Node build: CommonJS, instantiated synchronously on load. `init()` is a no-op so that the same
  // code (`await init()`) runs everywhere.
  const nodeGlue = localFlat(readFileSync(join(work, name, 'nodejs', `${name}.js`), 'utf8'), 'nodejs', entry);
  const nodeJs = entry.signing ? `${nodeGlue}\n${NODE_HASH}\n${signFast}\nexports.signRequest = signRequest;\nexports.__signRequestChecked = __signRequestChecked;\nexports.__signCheckedFlat = __signCheckedFlat;\n` : nodeGlue;
  const names = [...nodeJs.matchAll(/^exports\.([A-Za-z_$][\w$]*) = /gm)].map((m) => m[1]);
  writeFileSync(join(pkg, `${name}.node.cjs`), nodeJs + initShim);
  writeFileSync(
    join(pkg, `${name}.node.mjs`),
    `// ES module entry for Node: re-exports the CommonJS build, so that import and require share one instance.
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const m = require('./${name}.node.cjs');
${names.map((n) => `export const ${n} = m.${n};`).join('\n')}
export const initSync = m.initSync;
export default m.default;
`,
  );
  const nodeDts = withSignRequest(portableDts(readFileSync(join(work, name, 'nodejs', `${name}.d.ts`), 'utf8'), entry), entry);
  writeFileSync(join(pkg, `${name}.node.d.mts`), nodeDts + initDts);
  writeFileSync(join(pkg, `${name}.node.d.cts`), nodeDts + initDts);
  built.push(`${name === 'liveops' ? 'liveops' : `liveops/${name}`} ${statSync(wasmOut).size} bytes (${names.length} exports)`);
}

const template = JSON.parse(readFileSync(join(root, 'pkg-config', 'package.template.json'), 'utf8'));
template.version = version;
writeFileSync(join(pkg, 'package.json'), JSON.stringify(template, null, 2) + '\n');
copyFileSync(join(root, 'pkg-config', 'README.md'), join(pkg, 'README.md'));
// The command line (`npx liveops …`), over the Node build.
copyFileSync(join(root, 'pkg-config', 'cli.mjs'), join(pkg, 'cli.mjs'));
copyFileSync(join(root, 'pkg-config', 'forward.mjs'), join(pkg, 'forward.mjs'));
copyFileSync(join(root, 'pkg-config', 'accounts.mjs'), join(pkg, 'accounts.mjs'));
copyFileSync(join(root, 'pkg-config', 'rotate.mjs'), join(pkg, 'rotate.mjs'));
chmodSync(join(pkg, 'cli.mjs'), 0o755);

console.log(`pkg/ built: liveops ${version}: ${built.join(', ')}`);

// Let this workspace's tests and admin UI import the package by its name.
const link = join(root, 'node_modules', 'liveops');
mkdirSync(join(root, 'node_modules'), { recursive: true });
rmSync(link, { recursive: true, force: true });
symlinkSync('../pkg', link, 'dir');
