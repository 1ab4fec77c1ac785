#!/usr/bin/env node
// Builds the npm package in pkg/ from one release .wasm: the web build (ES module, for browsers
// and bundlers) and the Node build (CommonJS, with an ES module wrapper sharing its instance),
// behind one exports map. Usage: node pkg-config/build.mjs [--no-opt]
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = join(root, 'pkg');
const work = join(root, 'target', 'liveops-bindgen');
const wasmIn = join(root, 'target', 'wasm32-unknown-unknown', 'release', 'liveops.wasm');
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

run('cargo', ['build', '--lib', '--release', '--target', 'wasm32-unknown-unknown', '-p', 'liveops']);

rmSync(work, { recursive: true, force: true });
for (const target of ['web', 'nodejs']) {
  run('wasm-bindgen', [
    '--target', target, '--out-dir', join(work, target), '--out-name', 'liveops',
    '--remove-name-section', '--remove-producers-section', wasmIn,
  ]);
}

rmSync(pkg, { recursive: true, force: true });
mkdirSync(pkg, { recursive: true });

// One .wasm for both builds (wasm-bindgen emits identical bytes for both targets).
const wasmOut = join(pkg, 'liveops_bg.wasm');
if (optimize) {
  const wasmOpt = join(root, 'node_modules', 'binaryen', 'bin', 'wasm-opt');
  run(process.execPath, [
    wasmOpt, join(work, 'web', 'liveops_bg.wasm'), '-Oz', '--strip-debug', '--strip-producers',
    '--enable-bulk-memory', '--enable-reference-types', '--enable-nontrapping-float-to-int',
    '--enable-sign-ext', '--enable-mutable-globals', '--enable-multivalue', '-o', wasmOut,
  ]);
} else {
  copyFileSync(join(work, 'web', 'liveops_bg.wasm'), wasmOut);
}
copyFileSync(join(work, 'web', 'liveops_bg.wasm.d.ts'), join(pkg, 'liveops_bg.wasm.d.ts'));

// Declarations: `[Symbol.dispose]` needs TypeScript's esnext lib; leave it out so that the types
// check under any target (the method is still there at run time). `Action` lists every operation
// of the catalog, as the declarations give them (www/src/catalog.json, written from them and
// checked by `cargo test --test docs`).
const actions = [...new Set(JSON.parse(readFileSync(join(root, 'www', 'src', 'catalog.json'), 'utf8')).map((op) => JSON.stringify(op.action)))];
const ACTION_LINE = /^export type Action = string;$/m;
const portableDts = (text) => {
  if (!ACTION_LINE.test(text)) throw new Error('the Action placeholder is missing from the declarations');
  return text.replace(/^\s*\[Symbol\.dispose\]\(\): void;\n/gm, '').replace(ACTION_LINE, `export type Action = ${actions.join(' | ')};`);
};

// `signRequest` is JavaScript over two exports of the module (pkg-config/sign-fast.js): the
// common shape as plain arguments, everything else read field by field. Their declarations give
// way to the one of `signRequest`.
const signFast = readFileSync(join(root, 'pkg-config', 'sign-fast.js'), 'utf8');
const INTERNAL_DTS = /\n(?:\/\*\*(?:(?!\*\/)[\s\S])*\*\/\n)?export function __(?:sign\w+|benchSignLoop)\([^;]*;\n/;
const SIGN_DTS = `
/**
 * Signs a request with the scheme's algorithm. Throws an \`Error\` named \`SigningError\` (with a
 * stable \`code\`) on bad input; the message never contains a secret.
 */
export function signRequest(input: SignRequestInput): SignedRequest;
`;
const withSignRequest = (dts) => {
  let stripped = dts;
  while (INTERNAL_DTS.test(stripped)) stripped = stripped.replace(INTERNAL_DTS, '\n');
  if (/export function __(sign|bench)/.test(stripped)) throw new Error('the internal signing exports are still declared');
  return stripped + SIGN_DTS;
};
for (const target of ['web', 'nodejs']) {
  const glue = readFileSync(join(work, target, 'liveops.js'), 'utf8');
  if (!/__signFlat/.test(glue) || !/__signRequestChecked/.test(glue)) throw new Error(`${target} glue lacks the signing exports`);
}

// `__signFlat` trusts its caller (sign-fast.js checks every type and size first), so it stays
// inside the glue: wasm-bindgen would size a buffer from any object's \`length\` it is given.
const localFlat = (glue, target) => {
  const pattern = target === 'web' ? /^export function __signFlat\(/m : /^exports\.__signFlat = __signFlat;\n/m;
  if (!pattern.test(glue)) throw new Error(`${target} glue: cannot keep __signFlat local`);
  return glue.replace(pattern, target === 'web' ? 'function __signFlat(' : '');
};

// Web build: as wasm-bindgen writes it, and signRequest; `init()` loads the .wasm next to it.
// Browsers have no synchronous native hash: the module hashes every body there.
writeFileSync(join(pkg, 'liveops.js'), `${localFlat(readFileSync(join(work, 'web', 'liveops.js'), 'utf8'), 'web')}\nconst hostSha256 = null;\n${signFast}\nexport { signRequest };\n`);
writeFileSync(join(pkg, 'liveops.d.ts'), withSignRequest(portableDts(readFileSync(join(work, 'web', 'liveops.d.ts'), 'utf8'))));

// Node build: CommonJS, instantiated synchronously on load. `init()` is a no-op so that the same
// code (`await init()`) runs everywhere.
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
const nodeJs = `${localFlat(readFileSync(join(work, 'nodejs', 'liveops.js'), 'utf8'), 'nodejs')}\n${NODE_HASH}\n${signFast}\nexports.signRequest = signRequest;\n`;
const names = [...nodeJs.matchAll(/^exports\.([A-Za-z_$][\w$]*) = /gm)].map((m) => m[1]);
const initShim = `
/** No-op on Node: the module is instantiated when it is loaded. */
async function init() {}
function initSync() {}
exports.default = init;
exports.initSync = initSync;
`;
writeFileSync(join(pkg, 'liveops.node.cjs'), nodeJs + initShim);
writeFileSync(
  join(pkg, 'liveops.node.mjs'),
  `// ES module entry for Node: re-exports the CommonJS build, so that import and require share one instance.
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const m = require('./liveops.node.cjs');
${names.map((n) => `export const ${n} = m.${n};`).join('\n')}
export const initSync = m.initSync;
export default m.default;
`,
);
const nodeDts = withSignRequest(portableDts(readFileSync(join(work, 'nodejs', 'liveops.d.ts'), 'utf8')));
const initDts = `
/** No-op on Node (the module is ready once imported); present so that code is the same everywhere. */
export default function init(moduleOrPath?: unknown): Promise<void>;
export function initSync(module?: unknown): void;
`;
writeFileSync(join(pkg, 'liveops.node.d.mts'), nodeDts + initDts);
writeFileSync(join(pkg, 'liveops.node.d.cts'), nodeDts + initDts);

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

console.log(`pkg/ built: liveops ${version}, liveops_bg.wasm ${statSync(wasmOut).size} bytes, ${names.length} exports`);

// Let this workspace's tests and admin UI import the package by its name.
const link = join(root, 'node_modules', 'liveops');
mkdirSync(join(root, 'node_modules'), { recursive: true });
rmSync(link, { recursive: true, force: true });
symlinkSync('../pkg', link, 'dir');
