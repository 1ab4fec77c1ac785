// `liveops deploy` and `liveops prune` end to end against the emulator, as an operator runs them:
// a plan first, a deploy that converges (a second run writes nothing), the exit codes of the
// contract, the renewal hooks of certbot, acme.sh and lego as those tools set their environment,
// accounts from the clouds' own CLI profiles and from liveops.json, and bad input refused before
// anything is sent.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, copyFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator, DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY } from './emulator.mjs';
import { scriptServer } from './script-server.mjs';

const CLI = fileURLToPath(new URL('../../pkg/cli.mjs', import.meta.url));
const CERTS = fileURLToPath(new URL('../fixtures/certs/', import.meta.url));
const unlimited = ['--rate-volcengine', '0', '--rate-tencent', '0', '--rate-aliyun', '0'];

let emu;
before(async () => { emu = await startEmulator(unlimited); });
after(async () => { await emu?.stop(); });

const fresh = () => mkdtempSync(join(tmpdir(), 'liveops-rotate-'));

/** The JSON lines of an output (JSON Lines; a table or a pretty-printed document has none). */
const jsonLines = (text) => text.split('\n').filter((l) => /^\{.+\}$/.test(l)).map((l) => JSON.parse(l));

/** Runs the command line in a home of its own; resolves with its exit code and output. */
function run(args, { env = {}, home = fresh() } = {}) {
  return new Promise((resolve) => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(VOLC|TENCENTCLOUD|ALIBABA_CLOUD|LIVEOPS|TCCLI|RENEWED|CERT_|LEGO|Le_)/.test(k)));
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...clean, HOME: home, LIVEOPS_STATE_DIR: join(home, 'state'), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => { stdout += c; });
    child.stderr.on('data', (c) => { stderr += c; });
    child.on('close', (code) => resolve({ code, stdout, stderr, lines: jsonLines(stdout) }));
  });
}

const creds = (endpoint = emu.url) => ({
  VOLCENGINE_ACCESS_KEY: DEMO_ACCESS_KEY_ID, VOLCENGINE_SECRET_KEY: DEMO_SECRET_ACCESS_KEY,
  TENCENTCLOUD_SECRET_ID: DEMO_ACCESS_KEY_ID, TENCENTCLOUD_SECRET_KEY: DEMO_SECRET_ACCESS_KEY,
  ALIBABA_CLOUD_ACCESS_KEY_ID: DEMO_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEMO_SECRET_ACCESS_KEY,
  LIVEOPS_ENDPOINT: endpoint,
});
const cert = (name) => join(CERTS, name);

test('deploy: --plan writes nothing; the deploy converges, one JSON outcome per target; a second run makes no write', async () => {
  const e = await startEmulator(unlimited);
  try {
    const targets = ['--to', 'volcengine:play01.example.com', '--to', 'tencent:play05.example.com', '--to', 'aliyun:example.com'];
    const material = ['--cert', cert('example.crt'), '--key', cert('example.key')];
    const before = JSON.stringify(await e.state());
    const plan = await run(['deploy', ...material, ...targets, '--plan'], { env: creds(e.url) });
    assert.equal(plan.code, 0, plan.stderr);
    assert.deepEqual(plan.lines.map((l) => l.action).sort(), ['upload', 'upload', 'upload']);
    assert.equal(plan.lines.find((l) => l.target.provider === 'volcengine').current.id, 'chain-cert-ok', 'what it replaces');
    assert.match(plan.stderr, /nothing was written/);
    assert.equal(JSON.stringify(await e.state()), before, 'a plan writes nothing');

    const first = await run(['deploy', ...material, ...targets], { env: creds(e.url) });
    assert.equal(first.code, 0, first.stderr);
    assert.deepEqual(first.lines.map((l) => l.status), ['deployed', 'deployed', 'deployed']);
    for (const l of first.lines) assert.ok(l.certificateId, JSON.stringify(l));
    assert.ok(first.lines.every((l) => l.account));
    const after = await e.state();
    const second = await run(['deploy', ...material, ...targets], { env: creds(e.url) });
    assert.equal(second.code, 0, second.stderr);
    assert.deepEqual(second.lines.map((l) => l.status), ['unchanged', 'unchanged', 'unchanged']);
    assert.equal(JSON.stringify(await e.state()), JSON.stringify(after), 'the second run wrote nothing');
  } finally { await e.stop(); }
});

test('deploy: bad input is refused with exit 2 and nothing is sent', async () => {
  const e = await startEmulator(unlimited);
  const dir = fresh();
  const keyLine = readFileSync(cert('example.key'), 'utf8').split('\n')[1];
  try {
    const before = JSON.stringify(await e.state());
    const cases = [
      [['deploy', '--cert', cert('example.crt'), '--key', cert('other-rsa.key'), '--to', 'volcengine:play01.example.com'], /is not the key of/],
      [['deploy', '--cert', join(dir, 'missing.pem'), '--key', cert('example.key'), '--to', 'volcengine:play01.example.com'], /cannot read the certificate/],
      [['deploy', '--cert', cert('example.key'), '--key', cert('example.key'), '--to', 'volcengine:play01.example.com'], /example\.key/],
      [['deploy', '--cert', cert('example.crt'), '--key', cert('example.key'), '--to', 'tencent:a.b.example.com'], /does not cover a\.b\.example\.com/],
      [['deploy', '--cert', cert('example.crt'), '--key', cert('example.key'), '--to', 'gcp:x.example.com'], /not \[ACCOUNT\/\]volcengine/],
      [['deploy', '--cert', cert('example.crt'), '--key', cert('example.key')], /give targets/],
      [['deploy', '--cert', cert('example.crt'), '--key', cert('example.key'), '--from-hook'], /RENEWED_LINEAGE/],
    ];
    // A hook whose renewed names are not the certificate's (the wrong lineage).
    const lineage = join(dir, 'live', 'other.org');
    mkdirSync(lineage, { recursive: true });
    copyFileSync(cert('example.crt'), join(lineage, 'fullchain.pem'));
    copyFileSync(cert('example.key'), join(lineage, 'privkey.pem'));
    cases.push([['deploy', '--from-hook'], /certbot renewed other\.org/, { RENEWED_LINEAGE: lineage, RENEWED_DOMAINS: 'other.org' }]);
    writeFileSync(join(dir, 'targets.txt'), '# ours\nvolcengine:play01.example.com\n\ntencent play05.example.com\n');
    cases.push([['deploy', '--cert', cert('example.crt'), '--key', cert('example.key'), '--targets', join(dir, 'targets.txt')], /targets\.txt:4/]);
    for (const [args, words, hook = {}] of cases) {
      const r = await run(args, { env: { ...creds(e.url), ...hook } });
      assert.equal(r.code, 2, `${args.slice(1).join(' ')}: ${r.stderr}`);
      assert.match(JSON.parse(r.stderr.trim().split('\n').at(-1)).message, words);
      assert.ok(!r.stderr.includes('PRIVATE KEY') && !r.stderr.includes(keyLine), 'no key material in the words');
    }
    assert.equal(JSON.stringify(await e.state()), before, 'nothing was sent');
  } finally { await e.stop(); }
});

test('deploy: a write cut off exits 4 and says running again is safe; running it again settles it without a second upload', async () => {
  const e = await startEmulator(unlimited);
  const srv = await scriptServer(e.url);
  try {
    const env = { VOLCENGINE_ACCESS_KEY: DEMO_ACCESS_KEY_ID, VOLCENGINE_SECRET_KEY: DEMO_SECRET_ACCESS_KEY, LIVEOPS_ENDPOINT: srv.url };
    const args = ['deploy', '--cert', cert('fresh.crt'), '--key', cert('fresh.key'), '--to', 'volcengine:play03.example.com', '--to', 'volcengine:play04.example.com'];
    // The two reads pass; the emulator takes CreateCert, then the connection breaks.
    srv.script({ match: 'Action=CreateCert', drop: 'after' });
    const certs = (await e.state()).volcengine.certs.length;
    const cut = await run(args, { env });
    assert.equal(cut.code, 4, cut.stderr);
    assert.deepEqual(cut.lines.map((l) => l.status), ['unknown', 'unknown']);
    assert.match(cut.stderr, /running the same command again is safe/);
    assert.equal((await e.state()).volcengine.certs.length, certs + 1, 'the cloud did carry it out');
    const again = await run(args, { env });
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(again.lines.map((l) => l.status), ['deployed', 'deployed']);
    assert.equal((await e.state()).volcengine.certs.length, certs + 1, 'no second upload');
  } finally { await srv.close(); await e.stop(); }
});

test('deploy --from-hook: certbot, acme.sh and lego environments, as the tools set them, rotate what serves an older certificate of the same names', async () => {
  for (const tool of ['certbot', 'acme.sh', 'lego']) {
    const e = await startEmulator(unlimited);
    const dir = fresh();
    try {
      let env;
      if (tool === 'certbot') {
        // /etc/letsencrypt/live/example.com/{fullchain,privkey}.pem
        const lineage = join(dir, 'live', 'example.com');
        mkdirSync(lineage, { recursive: true });
        copyFileSync(cert('fresh.crt'), join(lineage, 'fullchain.pem'));
        copyFileSync(cert('fresh.key'), join(lineage, 'privkey.pem'));
        env = { RENEWED_LINEAGE: lineage, RENEWED_DOMAINS: 'example.com *.example.com' };
      } else if (tool === 'acme.sh') {
        env = { CERT_FULLCHAIN_PATH: cert('fresh.crt'), CERT_KEY_PATH: cert('fresh.key'), CERT_PATH: cert('fresh.crt'), Le_Domain: 'example.com' };
      } else {
        env = { LEGO_CERT_PATH: cert('fresh.crt'), LEGO_CERT_KEY_PATH: cert('fresh.key'), LEGO_CERT_DOMAIN: 'example.com' };
      }
      const plan = await run(['deploy', '--from-hook', '--plan'], { env: { ...creds(e.url), ...env } });
      assert.equal(plan.code, 0, `${tool}: ${plan.stderr}`);
      // What serves an older certificate of *.example.com: Volcengine's play domains (cert-ok),
      // Tencent's play31-60 (the valid one and the expired one), the ESA site example.com.
      const providers = new Set(plan.lines.map((l) => l.target.provider));
      assert.deepEqual([...providers].sort(), ['aliyun', 'tencent', 'volcengine'], tool);
      assert.ok(plan.lines.length >= 30, `${tool}: ${plan.lines.length} targets`);
      assert.ok(!plan.lines.some((l) => l.target.domain === 'play.other.com'), 'another name is not replaced');
      const done = await run(['deploy', '--from-hook'], { env: { ...creds(e.url), ...env } });
      assert.equal(done.code, 0, `${tool}: ${done.stderr}`);
      assert.ok(done.lines.every((l) => l.status === 'deployed'), tool);
      const again = await run(['deploy', '--from-hook', '--plan'], { env: { ...creds(e.url), ...env } });
      assert.match(again.stderr, /nothing to replace/, `${tool}: rotated everywhere`);
    } finally { await e.stop(); }
  }
});

test('prune: lists what could be deleted and deletes nothing without --yes; never a bound certificate nor the last deployed', async () => {
  const e = await startEmulator(unlimited);
  const home = fresh();
  try {
    const list = await run(['prune'], { env: creds(e.url), home });
    assert.equal(list.code, 0, list.stderr);
    const ids = list.lines.map((l) => `${l.provider}:${l.id}`).sort();
    // Volcengine's expired certificate bound nowhere; ESA's expired one (it counts against its site's quota).
    assert.deepEqual(ids, ['aliyun:900004', 'volcengine:chain-cert-expired']);
    assert.ok(list.lines.every((l) => l.status === 'wouldDelete' && l.reason === 'expired'));
    assert.match(list.stderr, /site 2233445566: 1 certificate\(s\) of its quota would be freed/);
    assert.match(list.stderr, /nothing was deleted/);
    const state = await e.state();
    assert.ok(state.volcengine.certs.some((c) => c.chain_id === 'chain-cert-expired'), 'still there');
    // --unbound adds the unused ones: Tencent's spare certificate, bound nowhere.
    const more = await run(['prune', '--unbound', '--provider', 'tencent'], { env: creds(e.url), home });
    assert.deepEqual(more.lines.map((l) => l.id), ['cert-spare']);
    // --yes deletes them; the bound ones stay.
    const yes = await run(['prune', '--yes'], { env: creds(e.url), home });
    assert.equal(yes.code, 0, yes.stderr);
    assert.deepEqual(yes.lines.map((l) => l.status), ['deleted', 'deleted']);
    const after = await e.state();
    assert.ok(!after.volcengine.certs.some((c) => c.chain_id === 'chain-cert-expired'));
    assert.ok(after.tencent.certs['cert-old'], 'the expired Tencent certificate is bound: kept');
    // What the last deploy put in place is never a candidate, even unused.
    await run(['deploy', '--cert', cert('ec.crt'), '--key', cert('ec.key'), '--to', 'tencent:play.other.com'], { env: creds(e.url), home });
    const kept = await run(['prune', '--unbound'], { env: creds(e.url), home });
    const deployed = (await e.state()).tencent.domains['play.other.com'].cert_id;
    assert.ok(!kept.lines.some((l) => l.id === deployed));
  } finally { await e.stop(); }
});

test('accounts from the clouds\' own CLI profiles: tccli, aliyun and ve files; a mode that needs more than keys, an unknown profile', async () => {
  const home = fresh();
  mkdirSync(join(home, '.tccli'));
  mkdirSync(join(home, '.aliyun'));
  mkdirSync(join(home, '.volcengine'));
  const write = (path, o) => { writeFileSync(join(home, path), JSON.stringify(o)); chmodSync(join(home, path), 0o600); };
  write('.tccli/default.credential', { secretId: DEMO_ACCESS_KEY_ID, secretKey: DEMO_SECRET_ACCESS_KEY });
  write('.tccli/prod.credential', { secretId: DEMO_ACCESS_KEY_ID, secretKey: DEMO_SECRET_ACCESS_KEY });
  write('.aliyun/config.json', { current: 'default', profiles: [
    { name: 'default', mode: 'AK', access_key_id: DEMO_ACCESS_KEY_ID, access_key_secret: DEMO_SECRET_ACCESS_KEY, region_id: 'cn-hangzhou' },
    { name: 'prod', mode: 'AK', access_key_id: DEMO_ACCESS_KEY_ID, access_key_secret: DEMO_SECRET_ACCESS_KEY, region_id: 'cn-hangzhou' },
    { name: 'role', mode: 'RamRoleArn', access_key_id: 'LTAI', access_key_secret: 'never-shown', ram_role_arn: 'acs:ram::1:role/x' },
  ] });
  write('.volcengine/config.json', { current: 'default', profiles: {
    default: { name: 'default', mode: 'ak', 'access-key': DEMO_ACCESS_KEY_ID, 'secret-key': DEMO_SECRET_ACCESS_KEY, region: 'cn-beijing' },
    prod: { name: 'prod', mode: 'ak', 'access-key': DEMO_ACCESS_KEY_ID, 'secret-key': DEMO_SECRET_ACCESS_KEY },
  } });
  const env = { LIVEOPS_ENDPOINT: emu.url };
  // No key variables at all: the CLIs' current profiles.
  const current = await run(['certs', '--format', 'json'], { env, home });
  assert.equal(current.code === 0 || current.code === 3, true, current.stderr);
  assert.deepEqual(new Set(JSON.parse(current.stdout).map((c) => c.provider)), new Set(['volcengine', 'tencent', 'aliyun']));
  const prod = await run(['certs', '--profile', 'prod', '--format', 'json'], { env, home });
  assert.ok(JSON.parse(prod.stdout).every((c) => c.account === 'prod'));
  // The profile variables of the clouds' own CLIs.
  const byVar = await run(['call', 'aliyun', 'ListSites', '{}'], { env: { ...env, ALIBABA_CLOUD_PROFILE: 'role' }, home });
  assert.equal(byVar.code, 2);
  const err = JSON.parse(byVar.stderr.trim().split("\n").at(-1));
  assert.equal(err.code, 'UnsupportedProfileMode');
  assert.match(err.message, /RamRoleArn/);
  assert.ok(!byVar.stderr.includes('never-shown'), 'no secret in the words');
  const unknown = await run(['certs', '--profile', 'nope'], { env, home });
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /profile named nope/);
  // A configuration file others can read is warned about.
  chmodSync(join(home, '.aliyun/config.json'), 0o644);
  const shared = await run(['call', 'aliyun', 'ListSites', '{}'], { env, home });
  assert.equal(shared.code, 0, shared.stderr);
  assert.match(shared.stderr, /can be read by other users/);
});

test('liveops.json: several accounts per cloud, each outcome naming its account; a target of an ambiguous cloud names its account', async () => {
  const home = fresh();
  const file = join(home, 'liveops.json');
  const keys = { accessKeyId: DEMO_ACCESS_KEY_ID, secretAccessKey: DEMO_SECRET_ACCESS_KEY };
  writeFileSync(file, JSON.stringify({ accounts: [
    { name: 'live-a', provider: 'tencent', ...keys },
    { name: 'live-b', provider: 'tencent', ...keys },
    { name: 'edge', provider: 'aliyun', ...keys },
  ] }));
  const env = { LIVEOPS_ENDPOINT: emu.url };
  const certs = await run(['certs', '--accounts', file, '--format', 'json'], { env, home });
  const listed = JSON.parse(certs.stdout);
  assert.deepEqual(new Set(listed.map((c) => c.account)), new Set(['live-a', 'live-b', 'edge']));
  assert.equal(listed.filter((c) => c.account === 'live-a').length, listed.filter((c) => c.account === 'live-b').length);
  const table = await run(['certs', '--accounts', file, '--format', 'table'], { env, home });
  assert.match(table.stdout.split('\n')[0], /ACCOUNT$/);
  const material = ['--cert', cert('example.crt'), '--key', cert('example.key')];
  const ambiguous = await run(['deploy', ...material, '--to', 'tencent:play07.example.com', '--accounts', file, '--plan'], { env, home });
  assert.equal(ambiguous.code, 2);
  assert.match(ambiguous.stderr, /several accounts \(live-a, live-b\)/);
  const named = await run(['deploy', ...material, '--to', 'live-b/tencent:play07.example.com', '--accounts', file, '--plan'], { env, home });
  assert.equal(named.code, 0, named.stderr);
  assert.equal(named.lines[0].account, 'live-b');
  const bad = join(home, 'bad.json');
  writeFileSync(bad, JSON.stringify({ accounts: [{ name: 'x', provider: 'aws' }] }));
  const refused = await run(['certs', '--accounts', bad], { env, home });
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /provider must be/);
});

test('--site intl: the international hosts, from the command line and from liveops.json; Volcengine has none (exit 2)', async () => {
  const home = fresh();
  const env = { TENCENTCLOUD_SECRET_ID: DEMO_ACCESS_KEY_ID, TENCENTCLOUD_SECRET_KEY: DEMO_SECRET_ACCESS_KEY, VOLCENGINE_ACCESS_KEY: DEMO_ACCESS_KEY_ID, VOLCENGINE_SECRET_KEY: DEMO_SECRET_ACCESS_KEY };
  const dry = await run(['call', 'tencent', 'DescribeLiveDomains', '{}', '--site', 'intl', '--dry-run'], { env, home });
  assert.equal(dry.code, 0, dry.stderr);
  assert.equal(new URL(JSON.parse(dry.stdout).url).host, 'live.intl.tencentcloudapi.com');
  const volc = await run(['call', 'volcengine', 'ListCertV2', '{}', '--site', 'intl', '--dry-run'], { env, home });
  assert.equal(volc.code, 2);
  assert.match(volc.stderr, /no international site/);
  const file = join(home, 'liveops.json');
  writeFileSync(file, JSON.stringify({ accounts: [{ name: 'sg', provider: 'aliyun', site: 'intl', accessKeyId: DEMO_ACCESS_KEY_ID, secretAccessKey: DEMO_SECRET_ACCESS_KEY }] }));
  const fromFile = await run(['call', 'aliyun', 'ListSites', '{}', '--accounts', file, '--dry-run'], { env: {}, home });
  assert.equal(fromFile.code, 0, fromFile.stderr);
  assert.equal(new URL(JSON.parse(fromFile.stdout).url).host, 'esa.ap-southeast-1.aliyuncs.com');
});

test('an operator\'s slips are refused or made safe: --dry-run where it does not exist, an unlisted cloud in a rotation, a failed deploy and what prune keeps, endless files, names', async () => {
  const e = await startEmulator(unlimited);
  const home = fresh();
  try {
    const env = creds(e.url);
    const material = ['--cert', cert('example.crt'), '--key', cert('example.key')];
    const before = JSON.stringify(await e.state());
    // --dry-run belongs to call: deploy and prune refuse it rather than write.
    for (const args of [['deploy', ...material, '--to', 'volcengine:play01.example.com', '--dry-run'], ['prune', '--yes', '--dry-run']]) {
      const r = await run(args, { env, home });
      assert.equal(r.code, 2, `${args[0]}: ${r.stderr}`);
      assert.match(r.stderr, /--dry-run is an option of call/);
    }
    assert.equal(JSON.stringify(await e.state()), before, 'nothing was written');
    // A rotation that could not list a cloud does not end as a success.
    const unreachable = await run(['deploy', '--cert', cert('fresh.crt'), '--key', cert('fresh.key'), '--replace', '--timeout', '2000', '--max-retries', '0'],
      { env: { ...env, LIVEOPS_ENDPOINT: 'http://127.0.0.1:1' }, home });
    assert.equal(unreachable.code, 1, unreachable.stderr);
    assert.match(unreachable.stderr, /listing\(s\) failed/);
    // What a deploy put in place stays kept after a later deploy that put nothing anywhere.
    const put = await run(['deploy', ...material, '--to', 'aliyun:example.com'], { env, home });
    assert.equal(put.code, 0, put.stderr);
    const esaId = put.lines[0].certificateId;
    const failed = await run(['deploy', '--cert', cert('ec.crt'), '--key', cert('ec.key'), '--to', 'volcengine:play.other.com'], { env, home });
    assert.equal(failed.code, 1, failed.stderr);
    const kept = await run(['prune', '--unbound', '--provider', 'aliyun'], { env, home });
    assert.ok(!kept.lines.some((l) => l.id === esaId), `the ESA copy deployed before is kept: ${kept.stdout}`);
    // A path that never ends is refused once a bound was read, not read into memory.
    const endless = await run(['deploy', '--cert', '/dev/zero', '--key', cert('example.key'), '--to', 'volcengine:play01.example.com', '--plan'], { env, home });
    assert.equal(endless.code, 2);
    assert.match(endless.stderr, /TooLarge/);
    // Names that would break a table row or run in a spreadsheet.
    for (const name of ['line1\nline2', '=HYPERLINK("http://x","y")']) {
      const r = await run(['deploy', ...material, '--to', 'volcengine:play01.example.com', '--name', name], { env, home });
      assert.equal(r.code, 2, r.stderr);
    }
  } finally { await e.stop(); }
});

test('accounts: flags named for the run win over a liveops.json; --account narrows; --profile over several CLIs; --site intl leaves Volcengine on its site; odd provider names', async () => {
  const home = fresh();
  const keys = { accessKeyId: DEMO_ACCESS_KEY_ID, secretAccessKey: DEMO_SECRET_ACCESS_KEY };
  const file = join(home, 'liveops.json');
  writeFileSync(file, JSON.stringify({ accounts: [{ name: 'tc', provider: 'tencent', ...keys }, { name: 'edge', provider: 'aliyun', ...keys }] }));
  const credsFile = join(home, 'creds.json');
  writeFileSync(credsFile, JSON.stringify({ volcengine: keys }));
  const env = { LIVEOPS_ENDPOINT: emu.url, LIVEOPS_ACCOUNTS: file };
  const explicit = await run(['certs', '--credentials', credsFile, '--format', 'json'], { env, home });
  assert.deepEqual([...new Set(JSON.parse(explicit.stdout).map((c) => c.provider))], ['volcengine'], explicit.stderr);
  const narrowed = await run(['prune', '--unbound', '--account', 'edge'], { env, home });
  assert.equal(narrowed.code, 0, narrowed.stderr);
  assert.ok(narrowed.lines.length && narrowed.lines.every((l) => l.account === 'edge'), narrowed.stdout);
  const nobody = await run(['certs', '--account', 'nope'], { env, home });
  assert.equal(nobody.code, 2);
  // --profile NAME where only one CLI has that profile: that cloud, not an error.
  mkdirSync(join(home, '.tccli'));
  mkdirSync(join(home, '.volcengine'));
  writeFileSync(join(home, '.tccli', 'only.credential'), JSON.stringify({ secretId: DEMO_ACCESS_KEY_ID, secretKey: DEMO_SECRET_ACCESS_KEY }), { mode: 0o600 });
  writeFileSync(join(home, '.volcengine', 'config.json'), JSON.stringify({ current: 'x', profiles: { x: { 'access-key': 'a', 'secret-key': 'b' } } }), { mode: 0o600 });
  const profiled = await run(['certs', '--profile', 'only', '--format', 'json'], { env: { LIVEOPS_ENDPOINT: emu.url }, home });
  assert.ok([0, 3].includes(profiled.code), profiled.stderr);
  assert.deepEqual([...new Set(JSON.parse(profiled.stdout).map((c) => c.provider))], ['tencent']);
  // --site intl with every cloud's keys: Tencent and ESA go international, Volcengine stays.
  const intl = await run(['certs', '--site', 'intl', '--format', 'json'], { env: creds(), home: fresh() });
  assert.ok([0, 3].includes(intl.code), intl.stderr);
  // Provider names that are properties of every object are no provider.
  for (const provider of ['constructor', '__proto__', 'hasOwnProperty']) {
    const bad = join(home, `${provider}.json`);
    writeFileSync(bad, `{"accounts":[{"provider":${JSON.stringify(provider)},"env":true}]}`);
    const r = await run(['certs', '--accounts', bad], { env: { LIVEOPS_ENDPOINT: emu.url }, home });
    assert.equal(r.code, 2, `${provider}: ${r.stderr}`);
    assert.match(r.stderr, /provider must be/);
  }
});

test('deploy: a Tencent copy that is bound to no domain any more is bound again, not uploaded a second time', async () => {
  const e = await startEmulator(unlimited);
  const home = fresh();
  try {
    const env = creds(e.url);
    const to = ['--to', 'tencent:play05.example.com'];
    const first = await run(['deploy', '--cert', cert('example.crt'), '--key', cert('example.key'), ...to], { env, home });
    assert.equal(first.code, 0, first.stderr);
    const copy = first.lines[0].certificateId;
    // Another certificate takes the domain: the first copy stays in the SSL service, bound nowhere.
    const other = await run(['deploy', '--cert', cert('fresh.crt'), '--key', cert('fresh.key'), ...to], { env, home });
    assert.equal(other.code, 0, other.stderr);
    const count = Object.keys((await e.state()).tencent.certs).length;
    const plan = await run(['deploy', '--cert', cert('example.crt'), '--key', cert('example.key'), ...to, '--plan'], { env, home });
    assert.deepEqual(plan.lines.map((l) => [l.action, l.certificateId]), [['bind', copy]]);
    const back = await run(['deploy', '--cert', cert('example.crt'), '--key', cert('example.key'), ...to], { env, home });
    assert.equal(back.code, 0, back.stderr);
    assert.equal(back.lines[0].certificateId, copy);
    assert.equal(Object.keys((await e.state()).tencent.certs).length, count, 'no new copy in the SSL service');
  } finally { await e.stop(); }
});

test('small slips: --expiring-within takes decimal days only; account names and env flags of liveops.json are checked; a trailing dot names the same domain', async () => {
  const home = fresh();
  for (const v of ['', '0x10', '1e1', '-1']) {
    const r = await run(['certs', `--expiring-within=${v}`], { env: creds(), home });
    assert.equal(r.code, 2, `--expiring-within ${JSON.stringify(v)}: ${r.stderr}`);
  }
  const keys = { accessKeyId: DEMO_ACCESS_KEY_ID, secretAccessKey: DEMO_SECRET_ACCESS_KEY };
  for (const [account, words] of [[{ name: 'a/b', provider: 'tencent', ...keys }, /name must be/], [{ name: 123, provider: 'tencent', ...keys }, /name must be/], [{ provider: 'tencent', env: 'no' }, /env must be true or false/]]) {
    const file = join(home, 'bad-accounts.json');
    writeFileSync(file, JSON.stringify({ accounts: [account] }));
    const r = await run(['certs', '--accounts', file], { env: { LIVEOPS_ENDPOINT: emu.url }, home });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, words);
  }
  const plan = await run(['deploy', '--cert', cert('example.crt'), '--key', cert('example.key'), '--to', 'tencent:play07.example.com.', '--plan'], { env: creds(), home });
  assert.equal(plan.code, 0, plan.stderr);
  assert.equal(plan.lines[0].target.domain, 'play07.example.com');
});
