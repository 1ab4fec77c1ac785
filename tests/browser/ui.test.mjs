// The admin UI in headless Chromium (playwright-core), served by the emulator as in the demo:
// live validation, a successful UpdateAuthKey, the ListCertV2 table, bulk jobs against injected
// faults (retry of failed items only, cancel), the XSS case, and the language switch.
// Screenshots are kept in tests/artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launch, artifacts } from './harness.mjs';
import { startEmulator } from '../js/emulator.mjs';

let browser;
let emu;
let faulty;
let slow;

before(async () => {
  emu = await startEmulator(['--rate-volcengine', '0']);
  faulty = await startEmulator(['--fault-5xx', '0.7', '--seed', '5', '--rate-volcengine', '0']);
  slow = await startEmulator(['--fault-slow', '1', '--slow-ms', '400', '--rate-volcengine', '0']);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await Promise.all([emu?.stop(), faulty?.stop(), slow?.stop()]);
});

async function open(endpoint) {
  const page = await browser.newPage({ viewport: { width: 1200, height: 1400 } });
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); void d.dismiss(); });
  await page.goto(emu.url + '/');
  await page.waitForSelector('body[data-ready=true]');
  await page.click('#conn-demo');
  if (endpoint) await page.fill('#conn-endpoint', endpoint);
  return { page, problems };
}

const shot = (page, name) => page.screenshot({ path: join(artifacts, `ui-${name}.png`), fullPage: true });

test('the page is served with a CSP that forbids inline scripts', async () => {
  const res = await fetch(emu.url + '/');
  const csp = res.headers.get('content-security-policy');
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.ok(!csp.includes("'unsafe-inline'"));
  const html = await res.text();
  assert.ok(!/<script(?![^>]*\bsrc=)[^>]*>/.test(html), 'no inline <script>');
});

test('live validation: ValidDuration 30 shows an error, 60 clears it; Send waits for a valid form', async () => {
  const { page, problems } = await open();
  await page.getByLabel('Domain', { exact: true }).fill('push.example.com');
  await page.getByLabel('SecretKey').first().fill('abc123');
  const duration = page.getByLabel('ValidDuration');
  await duration.fill('30');
  const msg = page.locator('.msg[data-path="ValidDuration"]');
  await msg.getByText('ValidDuration must be an integer from 60 to 2592000').waitFor();
  assert.equal(await duration.getAttribute('aria-invalid'), 'true');
  assert.equal(await page.isDisabled('#send'), true);
  await shot(page, 'validation-error');
  await duration.fill('60');
  await page.waitForFunction(() => document.querySelector('.msg[data-path="ValidDuration"]').textContent === '');
  assert.equal(await page.isDisabled('#send'), false);
  // A warning shows without blocking.
  await page.getByLabel('Domain', { exact: true }).fill('');
  await page.getByLabel('Vhost').fill('a'.repeat(61));
  await page.locator('.msg[data-path="Vhost"] .warning').waitFor();
  assert.equal(await page.isDisabled('#send'), false);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a successful UpdateAuthKey, with its request preview', async () => {
  const { page, problems } = await open();
  await page.getByLabel('Domain', { exact: true }).fill('push.example.com');
  await page.getByLabel('App').fill('live');
  await page.getByLabel('SecretKey').first().fill('abc123');
  await page.click('text=Add AuthField');
  await page.fill('#f-AuthDetailList-0-AuthField-0-value', 'sign');
  await page.click('text=Add AuthDetailList');
  await page.getByLabel('SecretKey').nth(1).fill('def456');
  await page.getByLabel('ValidDuration').fill('3600');
  await page.getByLabel('PushPullEnable').selectOption('true');
  await page.locator('#preview-canonical').waitFor();
  const canonical = await page.textContent('#preview-canonical');
  assert.match(canonical, /^POST\n\/\nAction=UpdateAuthKey&Version=2023-01-01\n/);
  assert.match(await page.textContent('#preview-curl'), /^curl -X POST /);
  assert.ok(!(await page.content()).includes('liveopsDemoSecretKey'), 'the secret is never shown');
  await page.click('#send');
  const rid = page.locator('[data-request-id]');
  await rid.waitFor();
  assert.match(await rid.getAttribute('data-request-id'), /^[0-9A-F-]{36}$/);
  await shot(page, 'update-auth-key');
  const state = await emu.state();
  const stored = state.volcengine.auth['push.example.com|live|push'];
  assert.equal(stored.valid_duration, 3600);
  assert.equal(stored.push_pull_enable, true);
  assert.equal(stored.auth_detail_list.length, 2);
  assert.deepEqual(stored.auth_detail_list[0].AuthField, { volcSecret: 'sign' });
  assert.deepEqual(problems, []);
  await page.close();
});

test('ListCertV2 renders a sortable table with status badges', async () => {
  const { page, problems } = await open();
  await page.click('[data-tab="ListCertV2"]');
  await page.click('#send');
  await page.locator('table.certs tbody tr').first().waitFor();
  assert.equal(await page.locator('table.certs tbody tr').count(), 6);
  const badges = await page.locator('table.certs .badge').allTextContents();
  assert.deepEqual(new Set(badges), new Set(['OK', '30days', '15days', '7days', '1days', 'Expire']));
  await page.click('button[data-sort="Status"]');
  assert.equal(await page.locator('table.certs tbody tr .badge').first().textContent(), 'Expire');
  await page.click('button[data-sort="Status"]');
  assert.equal(await page.locator('table.certs tbody tr .badge').first().textContent(), 'OK');
  await shot(page, 'list-cert-v2');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a server-provided certificate name is shown as text, never run', async () => {
  const { page, problems } = await open();
  const evil = '<img src=x onerror=alert(1)>';
  await page.route('**/?Action=ListCertV2*', (route) => route.fulfill({
    status: 200, contentType: 'application/json', headers: { 'access-control-allow-origin': '*' },
    body: JSON.stringify({ ResponseMetadata: { RequestId: 'xss-1', Action: 'ListCertV2', Version: '2023-01-01' },
      Result: { CertList: [{ CertID: 'c-1', CertName: evil, CertDomainList: ['<b>x</b>'], NotAfter: '2030-01-01T00:00:00Z', Status: 'OK' }], Total: 1 } }),
  }));
  await page.click('[data-tab="ListCertV2"]');
  await page.click('#send');
  await page.locator('table.certs td.name').waitFor();
  assert.equal(await page.locator('table.certs td.name').textContent(), evil);
  assert.equal(await page.locator('table.certs img, table.certs b').count(), 0);
  await page.waitForTimeout(200);
  await shot(page, 'xss');
  assert.deepEqual(problems, [], 'no script ran, no dialog opened');
  await page.close();
});

test('bulk unbind against injected faults reaches 100 %, outcomes add up, only failed items are retried', async () => {
  const { page, problems } = await open(faulty.url);
  const sent = [];
  page.on('request', (r) => { if (r.method() === 'POST' && r.url().startsWith(faulty.url)) sent.push(JSON.parse(r.postData()).Domain); });
  await page.click('[data-tab="BulkUnbind"]');
  const domains = Array.from({ length: 20 }, (_, i) => `play${String(i + 1).padStart(2, '0')}.example.com`);
  await page.fill('#bulk-unbind-domains', domains.join('\n'));
  await page.click('[data-bulk="start"]');
  await page.waitForFunction(() => document.querySelector('progress.bar').getAttribute('data-percent') === '100' && !document.querySelector('[data-bulk="start"]').disabled);
  const count = async (s) => page.locator(`ol.outcomes li[data-status="${s}"]`).count();
  const ok = await count('succeeded');
  const failed = await count('failed');
  assert.equal(ok + failed, 20);
  assert.ok(failed > 0, 'faults were injected');
  assert.equal(await page.textContent('[data-count="failed"]'), `${failed} failed`);
  await shot(page, 'bulk-faults');
  const failedDomains = await page.locator('ol.outcomes li[data-status="failed"]').evaluateAll((els) => els.map((e) => e.dataset.domain));
  const firstRound = sent.length;
  await page.click('[data-bulk="retry"]');
  await page.waitForFunction(() => !document.querySelector('[data-bulk="start"]').disabled);
  const retried = new Set(sent.slice(firstRound));
  assert.ok([...retried].every((d) => failedDomains.includes(d)), 'only failed items were sent again');
  assert.equal(await count('succeeded') + await count('failed'), 20);
  assert.deepEqual(problems, []);
  await page.close();
});

test('cancel stops a bulk job; every item is accounted for', async () => {
  const { page, problems } = await open(slow.url);
  await page.click('[data-tab="BulkUnbind"]');
  const domains = Array.from({ length: 20 }, (_, i) => `play${String(i + 1).padStart(2, '0')}.example.com`);
  await page.fill('#bulk-unbind-domains', domains.join('\n'));
  await page.click('[data-bulk="start"]');
  await page.locator('ol.outcomes li[data-status="succeeded"]').first().waitFor();
  await page.click('[data-bulk="cancel"]');
  await page.waitForFunction(() => !document.querySelector('[data-bulk="start"]').disabled);
  const n = async (s) => page.locator(`ol.outcomes li[data-status="${s}"]`).count();
  const [ok, failed, notStarted] = [await n('succeeded'), await n('failed'), await n('notStarted')];
  assert.equal(ok + failed + notStarted, 20);
  assert.ok(notStarted > 0, 'some items never started');
  assert.equal(await page.isDisabled('[data-bulk="resume"]'), false);
  await shot(page, 'bulk-cancelled');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the language switch turns the UI and the validation messages to Chinese', async () => {
  const { page, problems } = await open();
  await page.click('#lang');
  await page.locator('#send', { hasText: '发送' }).waitFor();
  await page.getByLabel('ValidDuration').fill('30');
  await page.locator('.msg[data-path="ValidDuration"]').getByText('ValidDuration 须为 60 到 2592000 之间的整数').waitFor();
  assert.equal(await page.textContent('h1'), 'liveops 控制台');
  await shot(page, 'zh');
  await page.click('#lang');
  await page.locator('#send', { hasText: 'Send' }).waitFor();
  assert.equal(await page.getByLabel('ValidDuration').inputValue(), '30', 'values survive the switch');
  assert.deepEqual(problems, []);
  await page.close();
});

test('Tencent, Alibaba and the stream URL tool work from the UI', async () => {
  const { page, problems } = await open();
  await page.selectOption('#conn-cloud', 'tencent');
  await page.getByLabel('DomainName').fill('play05.example.com');
  await page.getByLabel('CloudCertId', { exact: true }).fill('cert-example');
  await page.click('#send');
  await page.locator('[data-request-id]').waitFor();
  await page.selectOption('#conn-cloud', 'aliyun');
  await page.getByLabel('SiteId').fill('1234567890123');
  await page.getByLabel('Domains').fill('ui.example.com');
  await page.click('#send');
  await page.locator('[data-request-id]').waitFor();
  await page.click('#send');
  await page.locator('[data-error-code="InvalidParameter.Domains"]').waitFor();
  await shot(page, 'error');
  await page.selectOption('#conn-cloud', 'volcengine');
  await page.click('[data-tab="StreamUrl"]');
  await page.fill('#su-SecretKey', 'A1B2C3d4e5f6');
  await page.fill('#su-volcSecret', 'sign');
  await page.fill('#su-expires', '2030-01-01T00:00');
  const url = await page.textContent('#su-url');
  assert.match(url, /^rtmp:\/\/push\.example\.com\/live\/livestream\?volcTime=\d+&sign=[0-9a-f]{32}$/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the secret stays in memory unless remembered, then only in sessionStorage with a note', async () => {
  const { page, problems } = await open();
  const secret = 'liveopsDemoSecretKey000000000000';
  await page.reload();
  await page.waitForSelector('body[data-ready=true]');
  assert.equal(await page.inputValue('#conn-sk'), '', 'not kept across a reload by default');
  assert.equal(await page.locator('#remember-note').isVisible(), false);
  await page.click('#conn-demo');
  await page.check('#conn-remember');
  await page.locator('#remember-note').waitFor();
  await page.reload();
  await page.waitForSelector('body[data-ready=true]');
  assert.equal(await page.inputValue('#conn-sk'), secret, 'remembered for this tab');
  assert.equal(await page.getAttribute('#conn-sk', 'type'), 'password', 'never displayed back');
  const stores = await page.evaluate(() => ({ local: JSON.stringify(localStorage), session: JSON.stringify(sessionStorage) }));
  assert.ok(!stores.local.includes(secret), 'never in localStorage');
  assert.ok(stores.session.includes(secret));
  await page.uncheck('#conn-remember');
  assert.equal(await page.locator('#remember-note').isVisible(), false);
  assert.ok(!(await page.evaluate(() => JSON.stringify(sessionStorage))).includes(secret), 'forgotten when unticked');
  assert.deepEqual(problems, []);
  await page.close();
});
