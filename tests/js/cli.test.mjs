// The `liveops` command line end to end, as a script or cron job runs it: against the emulator,
// with credentials from each cloud's own variables, payloads as text, @file and stdin, the exit
// codes of the contract, --dry-run, a wrong secret, missing credentials and unknown flags.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator, DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY } from './emulator.mjs';

const CLI = fileURLToPath(new URL('../../pkg/cli.mjs', import.meta.url));
let emu;
let slow;
before(async () => {
  emu = await startEmulator(['--rate-volcengine', '0', '--rate-tencent', '0', '--rate-aliyun', '0']);
  slow = await startEmulator(['--fault-slow', '1', '--slow-ms', '400', '--rate-volcengine', '0']);
});
after(async () => { await emu?.stop(); await slow?.stop(); });

/** Runs the command line; resolves with its exit code, stdout and stderr. */
function run(args, { env = {}, input, onStdout } = {}) {
  return new Promise((resolve) => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(VOLC|TENCENTCLOUD|ALIBABA_CLOUD|LIVEOPS|TCCLI)_/.test(k)));
    // A home of its own (the clouds' CLI profiles are read from it) and a state directory.
    const home = mkdtempSync(join(tmpdir(), 'liveops-home-'));
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...clean, HOME: home, LIVEOPS_STATE_DIR: join(home, 'state'), ...env }, stdio: ['pipe', 'pipe', 'pipe'], cwd: env.CWD });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => { stdout += c; onStdout?.(stdout, child); });
    child.stderr.on('data', (c) => { stderr += c; });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

const creds = () => ({
  VOLCENGINE_ACCESS_KEY: DEMO_ACCESS_KEY_ID, VOLCENGINE_SECRET_KEY: DEMO_SECRET_ACCESS_KEY,
  TENCENTCLOUD_SECRET_ID: DEMO_ACCESS_KEY_ID, TENCENTCLOUD_SECRET_KEY: DEMO_SECRET_ACCESS_KEY,
  ALIBABA_CLOUD_ACCESS_KEY_ID: DEMO_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEMO_SECRET_ACCESS_KEY,
  LIVEOPS_ENDPOINT: emu.url,
});

test('call prints the typed result as JSON and exits 0, for each cloud', async () => {
  const list = await run(['call', 'volcengine', 'ListCertV2', '{"Available":true}'], { env: creds() });
  assert.equal(list.code, 0, list.stderr);
  const result = JSON.parse(list.stdout);
  assert.ok(Array.isArray(result.CertList) && result.CertList.length > 0);
  assert.match(result.RequestId, /^[0-9A-F-]{36}$/);
  const bind = await run(['call', 'tencent', 'ModifyLiveDomainCertBindings', '{"DomainInfos":[{"DomainName":"play23.example.com","Status":1}],"CloudCertId":"cert-example"}'], { env: creds() });
  assert.equal(bind.code, 0, bind.stderr);
  assert.deepEqual(JSON.parse(bind.stdout).Errors, []);
  const apply = await run(['call', 'aliyun', 'ApplyCertificate', '{"SiteId":"1234567890123","Domains":"cli.example.com"}'], { env: creds() });
  assert.equal(apply.code, 0, apply.stderr);
  assert.equal(JSON.parse(apply.stdout).TotalCount, 1);
});

test('payloads from @file and from stdin; the old variable names of Volcengine work too', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'liveops-cli-'));
  const file = join(dir, 'unbind.json');
  writeFileSync(file, JSON.stringify({ Domain: 'play24.example.com' }));
  const fromFile = await run(['call', 'volcengine', 'UnbindCert', `@${file}`], { env: creds() });
  assert.equal(fromFile.code, 0, fromFile.stderr);
  const { VOLCENGINE_ACCESS_KEY, VOLCENGINE_SECRET_KEY, ...rest } = creds();
  const fromStdin = await run(['call', 'volcengine', 'UnbindCert', '-'], { env: { ...rest, VOLC_ACCESSKEY: VOLCENGINE_ACCESS_KEY, VOLC_SECRETKEY: VOLCENGINE_SECRET_KEY }, input: '{"Domain":"play25.example.com"}' });
  assert.equal(fromStdin.code, 0, fromStdin.stderr);
  const state = await emu.state();
  assert.equal(state.volcengine.domains['play24.example.com'].cert_id, null);
  assert.equal(state.volcengine.domains['play25.example.com'].cert_id, null);
  const missing = await run(['call', 'volcengine', 'UnbindCert', `@${join(dir, 'nope.json')}`], { env: creds() });
  assert.equal(missing.code, 1);
  assert.equal(JSON.parse(missing.stderr).code, 'PayloadFile');
});

test('a payload the cloud would refuse: the report on stderr, exit 2, nothing sent', async () => {
  const before = JSON.stringify((await emu.state()).aliyun);
  const r = await run(['call', 'aliyun', 'ApplyCertificate', '{"Domains":"x.example.com"}', '--locale', 'zh'], { env: creds() });
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  const report = JSON.parse(r.stderr);
  assert.equal(report.ok, false);
  assert.equal(report.errors[0].code, 'MissingSiteId');
  assert.match(report.errors[0].message, /SiteId/);
  assert.equal(JSON.stringify((await emu.state()).aliyun), before);
});

test('a failure is one JSON object on stderr with the error fields, exit 1; the secret never shows', async () => {
  const wrong = await run(['call', 'volcengine', 'ListCertV2'], { env: { ...creds(), VOLCENGINE_SECRET_KEY: 'wrong-secret-0123456789' } });
  assert.equal(wrong.code, 1);
  const e = JSON.parse(wrong.stderr);
  assert.deepEqual([e.name, e.code, e.httpStatus, e.retryable], ['ApiError', 'SignatureDoesNotMatch', 401, false]);
  assert.match(e.requestId, /^[0-9A-F-]{36}$/);
  assert.ok(!wrong.stderr.includes('wrong-secret-0123456789') && !wrong.stdout.includes('wrong-secret-0123456789'));
  const notFound = await run(['call', 'aliyun', 'ApplyCertificate', '{"SiteId":42,"Domains":"a.example.com"}'], { env: creds() });
  assert.equal(notFound.code, 1);
  assert.equal(JSON.parse(notFound.stderr).code, 'SiteNotFound');
});

test('missing credentials name the variables; --credentials FILE is read', async () => {
  const none = await run(['call', 'tencent', 'ModifyLiveDomainCertBindings', '{"DomainInfos":[{"DomainName":"a.example.com","Status":1}],"CloudCertId":"c"}'], { env: { LIVEOPS_ENDPOINT: emu.url } });
  assert.equal(none.code, 1);
  const e = JSON.parse(none.stderr);
  assert.equal(e.code, 'MissingCredentials');
  assert.match(e.message, /TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY/);
  const dir = mkdtempSync(join(tmpdir(), 'liveops-cli-'));
  const file = join(dir, 'creds.json');
  writeFileSync(file, JSON.stringify({ volcengine: { accessKeyId: DEMO_ACCESS_KEY_ID, secretAccessKey: DEMO_SECRET_ACCESS_KEY } }));
  const withFile = await run(['call', 'volcengine', 'ListCertV2', '--credentials', file], { env: { LIVEOPS_ENDPOINT: emu.url } });
  assert.equal(withFile.code, 0, withFile.stderr);
});

test('--dry-run prints the signed request with the token masked and sends nothing', async () => {
  const token = 'STS-TOKEN-CLI-MUST-NOT-SHOW';
  const before = JSON.stringify((await emu.state()).volcengine.domains['play26.example.com']);
  const r = await run(['call', 'volcengine', 'UnbindCert', '{"Domain":"play26.example.com"}', '--dry-run'], { env: { ...creds(), VOLCENGINE_SESSION_TOKEN: token } });
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.method, 'POST');
  assert.match(out.url, /\?Action=UnbindCert&Version=2023-01-01$/);
  assert.match(out.canonicalRequest, /^POST\n\/\nAction=UnbindCert/);
  assert.match(out.stringToSign, /^HMAC-SHA256\n/);
  assert.equal(out.headers['x-security-token'], '***');
  assert.ok(!r.stdout.includes(token) && !r.stdout.includes(DEMO_SECRET_ACCESS_KEY));
  assert.equal(JSON.stringify((await emu.state()).volcengine.domains['play26.example.com']), before, 'nothing sent');
});

test('validate prints the report; exit 0 when ok, 1 otherwise; no credentials needed', async () => {
  const ok = await run(['validate', 'volcengine', 'UnbindCert', '-'], { input: '{"Domain":"play.example.com"}' });
  assert.equal(ok.code, 0);
  assert.equal(JSON.parse(ok.stdout).ok, true);
  const bad = await run(['validate', 'tencent', 'ModifyLiveDomainCertBindings', '{"DomainInfos":[{"DomainName":"http://x","Status":1}]}']);
  assert.equal(bad.code, 1);
  assert.equal(JSON.parse(bad.stdout).errors[0].path, 'DomainInfos[0].DomainName');
});

test('help with an example for every command; unknown flags, commands and providers are errors', async () => {
  for (const args of [['--help'], ['call', '--help'], ['validate', '--help'], ['bulk', '--help'], ['forward', '--help']]) {
    const r = await run(args);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /Usage: liveops/);
    assert.match(r.stdout, /Example/);
  }
  const flag = await run(['call', 'volcengine', 'ListCertV2', '--secret', 'x']);
  assert.equal(flag.code, 2);
  assert.equal(JSON.parse(flag.stderr).code, 'UnknownOption');
  assert.equal((await run(['frobnicate'])).code, 2);
  const cloud = await run(['validate', 'aws', 'ListCertV2']);
  assert.equal(JSON.parse(cloud.stderr).code, 'UnknownProvider');
});

const lines = (text) => text.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));

test('bulk: one outcome line per item, bare values into --field, JSON lines as payloads; exit 1 unless all succeeded; resume skips what succeeded', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'liveops-cli-'));
  const file = join(dir, 'domains.txt');
  writeFileSync(file, 'play27.example.com\n\nnot a domain\n{"Domain":"play28.example.com"}\nplay29.example.com\n');
  const first = await run(['bulk', 'volcengine', 'UnbindCert', file, '--field', 'Domain', '--concurrency', '2'], { env: creds() });
  assert.equal(first.code, 1, 'one item failed');
  const out = lines(first.stdout).sort((a, b) => a.index - b.index);
  assert.deepEqual(out.map((o) => [o.index, o.status]), [[0, 'succeeded'], [1, 'failed'], [2, 'succeeded'], [3, 'succeeded']]);
  assert.equal(out[1].error.name, 'ValidationError');
  assert.deepEqual(out[2].item, { Domain: 'play28.example.com' });
  assert.match(out[0].result.RequestId, /^[0-9A-F-]{36}$/);
  assert.match(first.stderr, /4\/4 done, 1 failed/, 'progress on stderr');
  const outcomes = join(dir, 'outcomes.jsonl');
  writeFileSync(outcomes, first.stdout);
  const again = await run(['bulk', 'volcengine', 'UnbindCert', file, '--field', 'Domain', '--resume', outcomes], { env: creds() });
  assert.deepEqual(lines(again.stdout).map((o) => o.index), [1], 'only the item that did not succeed ran again');
  writeFileSync(file, 'play27.example.com\nplay29.example.com\n');
  const clean = await run(['bulk', 'volcengine', 'UnbindCert', file, '--field', 'Domain'], { env: creds() });
  assert.equal(clean.code, 0);
  const bare = await run(['bulk', 'volcengine', 'UnbindCert', file], { env: creds() });
  assert.equal(bare.code, 2);
  assert.equal(JSON.parse(bare.stderr).code, 'MissingField');
});

test('bulk: Ctrl-C stops starting items, lets those in flight finish, and still writes every outcome', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'liveops-cli-'));
  const file = join(dir, 'domains.txt');
  writeFileSync(file, Array.from({ length: 10 }, (_, i) => `play${String(i + 1).padStart(2, '0')}.example.com`).join('\n'));
  let sent = false;
  const began = Date.now();
  const r = await run(['bulk', 'volcengine', 'UnbindCert', file, '--field', 'Domain', '--concurrency', '1'], {
    env: { ...creds(), LIVEOPS_ENDPOINT: slow.url },
    onStdout: (text, child) => { if (!sent && text.includes('succeeded')) { sent = true; child.kill('SIGINT'); } },
  });
  assert.ok(sent, 'interrupted after the first outcome');
  assert.ok(Date.now() - began < 8000, 'stopped early');
  assert.equal(r.code, 1);
  const out = lines(r.stdout);
  assert.equal(out.length, 10, 'every item has its outcome');
  assert.deepEqual(new Set(out.map((o) => o.index)), new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
  const by = (s) => out.filter((o) => o.status === s).length;
  assert.ok(by('notStarted') >= 7, `items not started: ${by('notStarted')}`);
  assert.equal(by('failed'), 0, 'the call in flight finished');
});

test('certs: the inventory of every cloud with credentials; --expiring-within drives exit 3 for cron; json, csv and table', async () => {
  const fresh = await startEmulator(['--rate-volcengine', '0', '--rate-tencent', '0', '--rate-aliyun', '0', '--max-page-size', '3']);
  try {
    const env = { ...creds(), LIVEOPS_ENDPOINT: fresh.url };
    const state = await fresh.state();
    const all = await run(['certs', '--format', 'json'], { env });
    assert.equal(all.code, 0, all.stderr);
    const certs = JSON.parse(all.stdout);
    // Tencent: every certificate of its SSL service, bound to a domain or not.
    const tc = Object.keys(state.tencent.certs).length;
    assert.equal(certs.length, state.volcengine.certs.filter((c) => c.available).length + tc + state.aliyun.certificates.length);
    assert.deepEqual(new Set(certs.map((c) => c.provider)), new Set(['volcengine', 'tencent', 'aliyun']));
    assert.ok(certs.every((c) => !('raw' in c)), 'the clouds\' raw records stay out of the output');

    // The cron case: anything within 14 days (expired ones too) exits 3 and is listed alone.
    const soon = await run(['certs', '--expiring-within', '14', '--format', 'json'], { env });
    assert.equal(soon.code, 3, soon.stderr);
    const listed = JSON.parse(soon.stdout);
    assert.ok(listed.length > 0 && listed.length < certs.length);
    assert.ok(listed.every((c) => c.daysLeft <= 14));
    assert.deepEqual(listed.map((c) => c.id).sort(), certs.filter((c) => c.daysLeft !== null && c.daysLeft <= 14 && c.state !== 'pending' && c.state !== 'failed').map((c) => c.id).sort());
    // A window nothing falls into is a quiet 0... unless something has already expired.
    const none = await run(['certs', '--expiring-within', '0', '--format', 'json'], { env: { ...env, TENCENTCLOUD_SECRET_ID: '', ALIBABA_CLOUD_ACCESS_KEY_ID: '' } });
    assert.equal(none.code, 3, 'Volcengine has an expired certificate');
    const csv = await run(['certs', '--expiring-within', '30', '--format', 'csv'], { env });
    assert.equal(csv.code, 3);
    const lines = csv.stdout.trim().split('\n');
    assert.equal(lines[0], '"provider","id","name","domains","boundTo","notBefore","notAfter","daysLeft","state","siteId","account","fingerprintSha256"');
    assert.ok(lines.slice(1).every((l) => /^"(volcengine|tencent|aliyun)",/.test(l)));
    const table = await run(['certs', '--format', 'table'], { env });
    assert.match(table.stdout.split('\n')[0], /^CLOUD\s+NAME\s+ID\s+NOT AFTER \(UTC\)\s+DAYS\s+STATE\s+BOUND TO\s+SHA-256$/);
    assert.equal(table.stdout.trim().split('\n').length, certs.length + 1);

    // Only the clouds with credentials are listed.
    const one = await run(['certs', '--format', 'json'], { env: { ALIBABA_CLOUD_ACCESS_KEY_ID: DEMO_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEMO_SECRET_ACCESS_KEY, LIVEOPS_ENDPOINT: fresh.url } });
    assert.equal(one.code, 0, one.stderr);
    assert.ok(JSON.parse(one.stdout).every((c) => c.provider === 'aliyun'));
    // A cloud that cannot be listed: its error on stderr, the others listed, exit 1.
    const broken = await run(['certs', '--format', 'json'], { env: { ...env, TENCENTCLOUD_SECRET_KEY: 'wrong' } });
    assert.equal(broken.code, 1);
    const err = JSON.parse(broken.stderr.trim().split('\n')[0]);
    assert.equal(err.provider, 'tencent');
    assert.equal(err.code, 'AuthFailure.SignatureFailure');
    assert.ok(!broken.stderr.includes('wrong'), 'no secret in the error');
    assert.ok(JSON.parse(broken.stdout).some((c) => c.provider === 'volcengine'));
  } finally {
    await fresh.stop();
  }
});

test('certs: no credentials at all, and bad options, are named', async () => {
  const nothing = await run(['certs']);
  assert.equal(nothing.code, 1);
  assert.match(JSON.parse(nothing.stderr).message, /VOLCENGINE_ACCESS_KEY.*TENCENTCLOUD_SECRET_ID.*ALIBABA_CLOUD_ACCESS_KEY_ID/);
  for (const args of [['certs', '--expiring-within', 'soon'], ['certs', '--expiring-within', '-1'], ['certs', '--format', 'xml'], ['certs', 'extra'], ['call', 'volcengine', 'ListCertV2', '--format', 'csv']]) {
    const r = await run(args, { env: creds() });
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
  }
  const help = await run(['certs', '--help']);
  assert.match(help.stdout, /--expiring-within DAYS/);
  assert.match(help.stdout, /Exit codes: 3/);
});
