// The console in headless Chromium (playwright-core), served by the emulator as in the demo, judged
// by what a person sees and does: the loading and failed-load states, no error before a field is
// touched, PEM keys kept byte-exact, per-domain bind outcomes, bulk lines validated before Start,
// cancel that tells queued from in-flight items, confirmations, the certificate table, the
// signature-mismatch comparison, Chinese everywhere, keyboard-only use, a 390 px window, secrets
// never in attributes, history, the stream URL tool and the demo server's headers. Screenshots of
// every view in English and Chinese at desktop and phone width land in tests/artifacts/.
import { fixtures } from '../js/lifecycle-servers.mjs';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFileSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { launch, artifacts } from './harness.mjs';
import { startEmulator, DEMO_SECRET_ACCESS_KEY } from '../js/emulator.mjs';
import { scriptServer } from '../js/script-server.mjs';

let browser;
let emu;
let faulty;
let slow;

before(async () => {
  emu = await startEmulator(['--rate-volcengine', '0', '--rate-tencent', '0', '--rate-aliyun', '0']);
  faulty = await startEmulator(['--fault-5xx', '0.7', '--seed', '5', '--rate-volcengine', '0']);
  slow = await startEmulator(['--fault-slow', '1', '--slow-ms', '400', '--rate-volcengine', '0']);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await Promise.all([emu?.stop(), faulty?.stop(), slow?.stop()]);
});

const VIEWS = ['Certificates', 'Deploy', 'UpdateAuthKey', 'ListCertV2', 'BindCert', 'UnbindCert', 'CreateCert', 'ListDomainDetail', 'BulkUnbind', 'StreamUrl',
  'ModifyLiveDomainCertBindings', 'DescribeLiveDomainCertBindings', 'BulkBind', 'ApplyCertificate', 'ListSites', 'SetCertificate', 'History'];

/** A view as a person sees it at work: the certificates loaded, a certificate pasted, a list sent. */
async function prepare(page, view) {
  if (view === 'ListCertV2') { await page.click('#send-ListCertV2'); await page.locator('table.certs').waitFor(); }
  if (view === 'Certificates') { await page.click('#inv-load'); await page.locator('table.inventory').waitFor(); }
  if (view === 'Deploy') {
    await page.fill('#dep-cert', fixtures['example.crt']);
    await page.fill('#dep-key', fixtures['example.key']);
    await page.locator('#dep-names').waitFor();
  }
}

/** The console, its keys set; on `view` (default UpdateAuthKey; null: where it opens, Certificates). */
async function open({ endpoint, width = 1366, keys = true, lang, view = 'UpdateAuthKey' } = {}) {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('dialog', (d) => { problems.push(`native dialog: ${d.message()}`); void d.dismiss(); });
  if (lang) await page.addInitScript((l) => localStorage.setItem('liveops.lang', l), lang);
  await page.goto(emu.url + '/');
  await page.waitForSelector('body[data-ready=true]');
  if (keys) await page.click('#conn-demo');
  if (endpoint) for (const p of ['volcengine', 'tencent', 'aliyun']) await page.fill(`#conn-${p}-endpoint`, endpoint);
  if (view) await page.click(`[data-tab="${view}"]`);
  return { page, problems };
}

const shot = (page, name) => page.screenshot({ path: join(artifacts, `ui-${name}.png`), fullPage: true });
const tab = (page, name) => page.click(`[data-tab="${name}"]`);
const confirmYes = (page) => page.click('dialog.confirm #confirm-yes');

test('the page is served with a CSP that forbids inline scripts, compressed, with cache headers and the wasm type', async () => {
  const res = await fetch(emu.url + '/');
  const csp = res.headers.get('content-security-policy');
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.ok(!csp.includes("'unsafe-inline'"));
  assert.equal(res.headers.get('cache-control'), 'no-cache', 'index.html is revalidated');
  const html = await res.text();
  assert.ok(!/<script(?![^>]*\bsrc=)[^>]*>/.test(html), 'no inline <script>');
  const js = /src="\.?\/?(assets\/index-[^"]+\.js)"/.exec(html)[1];
  const asset = await fetch(`${emu.url}/${js}`, { headers: { 'accept-encoding': 'gzip' } });
  assert.equal(asset.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  // fetch decodes gzip itself: ask again with node:http semantics through the raw bytes.
  const raw = await import('node:http').then(({ get }) => new Promise((resolve) => get(`${emu.url}/${js}`, { headers: { 'accept-encoding': 'gzip' } }, (r) => {
    const chunks = [];
    r.on('data', (c) => chunks.push(c));
    r.on('end', () => resolve({ encoding: r.headers['content-encoding'], body: Buffer.concat(chunks) }));
  })));
  assert.equal(raw.encoding, 'gzip');
  assert.ok(gunzipSync(raw.body).toString().length > raw.body.length, 'smaller on the wire');
  const wasm = /liveops_bg-[^"'`]+\.wasm/.exec(readFileSync(join(import.meta.dirname, '../../www/dist', js), 'utf8'))[0];
  const w = await fetch(`${emu.url}/assets/${wasm}`);
  assert.equal(w.headers.get('content-type'), 'application/wasm', 'streaming compilation works');
});

test('while the wasm loads the page says so; if it cannot load, it says what to do', async () => {
  const page = await browser.newPage();
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route('**/*.wasm', async (route) => { await held; await route.abort(); });
  await page.goto(emu.url + '/');
  await page.locator('#booting').getByText('Loading the console').waitFor();
  await shot(page, 'loading');
  release();
  const alert = page.locator('.load-failed[role=alert]');
  await alert.waitFor();
  assert.match(await alert.textContent(), /could not start/);
  assert.match(await alert.textContent(), /application\/wasm/);
  assert.equal(await page.getAttribute('body', 'data-ready'), 'failed');
  await shot(page, 'load-failed');
  await page.close();
});

test('no error shows before a field is touched; touched fields validate live; Send shows the rest', async () => {
  const { page, problems } = await open();
  assert.equal(await page.locator('.msg .error').count(), 0, 'a fresh form shows no error');
  const duration = page.getByLabel('ValidDuration');
  await duration.fill('30');
  const msg = page.locator('.msg[data-path="ValidDuration"]');
  await msg.getByText('ValidDuration must be an integer from 60 to 2592000').waitFor();
  assert.equal(await duration.getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('.msg[data-path="AuthDetailList[0].SecretKey"] .error').count(), 0, 'untouched: still quiet');
  assert.equal(await duration.getAttribute('aria-describedby'), await msg.getAttribute('id'), 'the message is tied to its input');
  await page.click('#send-UpdateAuthKey');
  await page.locator('.msg[data-path="AuthDetailList[0].SecretKey"] .error').waitFor();
  await shot(page, 'validation-error');
  await duration.fill('60');
  await page.waitForFunction(() => document.querySelector('.msg[data-path="ValidDuration"]').textContent === '');
  // Duplicate AuthField keys are an error, not silently merged.
  await page.click('text=Add AuthField');
  await page.click('text=Add AuthField');
  await page.selectOption('#f-AuthDetailList-0-AuthField-1-key', 'volcSecret');
  await page.locator('.msg[data-path="AuthDetailList[0].AuthField"] [data-code="DuplicateKey"]').waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});

test('UpdateAuthKey by Enter: the answer comes into view with focus; preview and curl mask the secret unless shown', async () => {
  const { page, problems } = await open({ width: 1366 });
  await page.getByLabel('Domain', { exact: true }).fill('push.example.com');
  await page.getByLabel('App').fill('live');
  await page.getByLabel('SecretKey').first().fill('abc123secret');
  await page.click('text=Add AuthField');
  await page.fill('#f-AuthDetailList-0-AuthField-0-value', 'sign');
  await page.getByLabel('ValidDuration').fill('3600');
  await page.getByLabel('PushPullEnable').selectOption('true');
  await page.locator('#preview-canonical').waitFor();
  assert.match(await page.textContent('#preview-canonical'), /^POST\n\/\nAction=UpdateAuthKey&Version=2023-01-01\n/);
  assert.match(await page.textContent('#preview-body'), /"SecretKey":"\*\*\*"/);
  assert.ok(!(await page.textContent('#preview-curl')).includes('abc123secret'), 'curl masks the key');
  assert.match(await page.textContent('#curl-masked'), /would be refused as it is/, 'a masked curl says it will not work');
  await page.check('#reveal-secrets');
  await page.locator('#preview-body', { hasText: 'abc123secret' }).waitFor();
  assert.equal(await page.locator('#curl-masked').count(), 0, 'revealed: the curl works, no warning');
  await page.uncheck('#reveal-secrets');
  const html = await page.content();
  assert.ok(!html.includes(DEMO_SECRET_ACCESS_KEY) && !html.includes('abc123secret'), 'no secret in the DOM\'s attributes or text');
  await page.getByLabel('ValidDuration').press('Enter');
  // A write asks first, naming what it changes, never the secret; not in the danger style.
  const dialog = page.locator('dialog.confirm');
  await dialog.waitFor();
  assert.equal(await dialog.getAttribute('data-danger'), 'false');
  assert.match(await page.textContent('#confirm-items'), /Domain: push\.example\.com/);
  assert.ok(!(await dialog.textContent()).includes('abc123secret'), 'the secret is not named');
  await confirmYes(page);
  const rid = page.locator('#answer [data-request-id]');
  await rid.waitFor();
  assert.match(await rid.getAttribute('data-request-id'), /^[0-9A-F-]{36}$/);
  await page.waitForFunction(() => document.activeElement?.id === 'answer');
  const box = await page.locator('#answer').boundingBox();
  assert.ok(box.y >= 0 && box.y < 900, `the answer is in view (y = ${box.y})`);
  await shot(page, 'update-auth-key');
  const stored = (await emu.state()).volcengine.auth['push.example.com|live|push'];
  assert.equal(stored.valid_duration, 3600);
  assert.deepEqual(stored.auth_detail_list[0].AuthField, { volcSecret: 'sign' });
  assert.deepEqual(problems, []);
  await page.close();
});

// A real certificate and its key (tests/fixtures/certs): the emulator reads uploads as the cloud does.
const PEM_CERT = fixtures['example.crt'];
const PEM_KEY = fixtures['example.key'];

test('PEM keys stay byte-exact, the private key is masked, a .pem file can be loaded; a bind shows per-domain outcomes', async () => {
  const { page, problems } = await open();
  await tab(page, 'ModifyLiveDomainCertBindings');
  await page.getByLabel('DomainName').fill('play07.example.com');
  await page.click('text=Add DomainInfos');
  await page.getByLabel('DomainName').nth(1).fill('ghost.example.com');
  assert.equal(await page.locator('textarea[name="CertificatePublicKey"]').count(), 1, 'multi-line fields');
  await page.locator('textarea[name="CertificatePublicKey"]').fill(PEM_CERT);
  await page.setInputFiles('#f-CertificatePrivateKey-file', { name: 'server.key', mimeType: 'application/x-pem-file', buffer: Buffer.from(PEM_KEY) });
  await page.waitForFunction(() => document.querySelector('textarea[name="CertificatePrivateKey"]').value.includes('PRIVATE KEY'));
  assert.match(await page.getAttribute('textarea[name="CertificatePrivateKey"]', 'class'), /masked/);
  const sent = page.waitForRequest((r) => r.method() === 'POST' && r.headers()['x-tc-action'] === 'ModifyLiveDomainCertBindings');
  await page.click('#send-ModifyLiveDomainCertBindings');
  assert.match(await page.textContent('#confirm-items'), /DomainInfos\[0\] DomainName: play07\.example\.com, Status: 1/);
  assert.ok(!(await page.textContent('dialog.confirm')).includes('PRIVATE KEY'), 'no key in the confirmation');
  await confirmYes(page);
  const body = JSON.parse((await sent).postData());
  assert.equal(body.CertificatePublicKey, PEM_CERT, 'the certificate went out byte for byte');
  assert.equal(body.CertificatePrivateKey, PEM_KEY, 'the key too');
  const rows = page.locator('table.bind-outcomes tbody tr');
  await rows.first().waitFor();
  assert.deepEqual(await rows.evaluateAll((trs) => trs.map((tr) => [tr.dataset.domain, tr.dataset.outcome])),
    [['play07.example.com', 'bound'], ['ghost.example.com', 'failed']]);
  assert.equal(await page.getAttribute('[data-bind]', 'data-bind'), 'partial', 'not a green OK');
  assert.match(await page.textContent('table.bind-outcomes'), /ResourceNotFound\.DomainNotExist/);
  await shot(page, 'bind-outcomes');
  // A bind that bound nothing says so.
  await page.getByLabel('DomainName').first().fill('play.other.com');
  await page.locator('button', { hasText: 'Remove' }).nth(1).click();
  await page.locator('textarea[name="CertificatePublicKey"]').fill('');
  await page.locator('textarea[name="CertificatePrivateKey"]').fill('');
  await page.getByLabel('CloudCertId', { exact: true }).fill('cert-example');
  await page.click('#send-ModifyLiveDomainCertBindings');
  await confirmYes(page);
  await page.locator('[data-bind="none"]').waitFor();
  assert.deepEqual(await page.locator('table.bind-outcomes tbody tr').evaluateAll((trs) => trs.map((tr) => tr.dataset.outcome)), ['mismatched']);
  assert.deepEqual(problems, []);
  await page.close();
});

test('ListCertV2: human expiry words, days left, local time with zone, search, filter, export; disabled is not a green OK', async () => {
  const { page, problems } = await open();
  await tab(page, 'ListCertV2');
  await page.click('#send-ListCertV2');
  const rows = page.locator('table.certs tbody tr');
  await rows.first().waitFor();
  assert.equal(await rows.count(), 6);
  const words = await page.locator('table.certs .badge').allTextContents();
  assert.ok(words.some((w) => /^expired \d+ days ago$/.test(w)), words.join(' | '));
  assert.ok(words.some((w) => /^expires in \d+ h$/.test(w)), words.join(' | '));
  assert.ok(!words.includes('1days') && !words.includes('Expire'), 'no raw machine values as the badge');
  assert.match(await rows.first().locator('td').nth(3).textContent(), /\d{2}:\d{2} (UTC|GMT)/, 'local time with the zone');
  assert.match(await rows.first().locator('td.num').textContent(), /^-?\d+$/);
  await page.fill('#cert-search', 'nothing-matches-this');
  assert.equal(await rows.count(), 0);
  await page.fill('#cert-search', '');
  await page.selectOption('#cert-filter', 'expired');
  assert.equal(await rows.count(), 1);
  await page.selectOption('#cert-filter', 'all');
  const download = page.waitForEvent('download');
  await page.click('#cert-csv');
  const file = await (await download).path();
  assert.match(readFileSync(file, 'utf8'), /^"CertName","CertID","CertDomainList","NotAfter","DaysLeft","Status","State"/);
  await shot(page, 'list-cert-v2');
  await page.getByLabel('Available').selectOption('false');
  await page.click('#send-ListCertV2');
  await page.waitForFunction(() => { const rows = [...document.querySelectorAll('table.certs tbody tr')]; return rows.length > 0 && rows.every((tr) => tr.dataset.state === 'disabled'); });
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
  await tab(page, 'ListCertV2');
  await page.click('#send-ListCertV2');
  await page.locator('table.certs td.name').waitFor();
  assert.equal(await page.locator('table.certs td.name').textContent(), evil);
  assert.equal(await page.locator('table.certs img, table.certs b').count(), 0);
  await page.waitForTimeout(200);
  assert.deepEqual(problems, [], 'no script ran, no dialog opened');
  await page.close();
});

test('destructive operations ask first in the danger style, naming the resource, decided by the declaration', async () => {
  const { page, problems } = await open();
  // DeleteCert and DeleteCertificate (declared destructive) ask too, not only UnbindCert.
  // Two clouds name an operation DeleteCertificate: each has its own tab.
  assert.equal(await page.locator('[data-tab="tencent:DeleteCertificate"]').count(), 1);
  for (const [view, field, value] of [['DeleteCert', 'ChainID', 'chain-cert-disabled'], ['aliyun:DeleteCertificate', 'Id', '900004'], ['tencent:DeleteCertificate', 'CertificateId', 'cert-spare']]) {
    await tab(page, view);
    if (view === 'aliyun:DeleteCertificate') await page.getByLabel('SiteId').fill('2233445566');
    await page.getByLabel(field, { exact: true }).fill(value);
    await page.click(`#send-${view.replace(/^\w+:/, '')}`);
    const d = page.locator('dialog.confirm');
    await d.waitFor();
    assert.equal(await d.getAttribute('data-danger'), 'true', view);
    assert.match(await page.textContent('#confirm-items'), new RegExp(`${field}: ${value}`));
    await page.click('#confirm-no');
    await d.waitFor({ state: 'detached' });
  }
  // A Tencent binding change that switches HTTPS off is destructive; one that turns it on is a write.
  await tab(page, 'ModifyLiveDomainCertBindings');
  await page.getByLabel('DomainName').fill('play31.example.com');
  await page.getByLabel('CloudCertId', { exact: true }).fill('cert-example');
  await page.selectOption('[name="DomainInfos[0].Status"]', '0');
  await page.click('#send-ModifyLiveDomainCertBindings');
  assert.equal(await page.getAttribute('dialog.confirm', 'data-danger'), 'true', 'HTTPS off');
  await shot(page, 'confirm-danger');
  await page.click('#confirm-no');
  await page.selectOption('[name="DomainInfos[0].Status"]', '1');
  await page.click('#send-ModifyLiveDomainCertBindings');
  assert.equal(await page.getAttribute('dialog.confirm', 'data-danger'), 'false', 'HTTPS on');
  await page.click('#confirm-no');
  assert.equal((await emu.state()).tencent.domains['play31.example.com'].https, true, 'nothing sent when cancelled');
  await tab(page, 'UnbindCert');
  await page.getByLabel('Domain').fill('play19.example.com');
  await page.click('#send-UnbindCert');
  const dialog = page.locator('dialog.confirm');
  await dialog.waitFor();
  assert.match(await dialog.textContent(), /UnbindCert.*Volcengine.*Domain: play19\.example\.com/s);
  assert.equal(await dialog.getAttribute('data-danger'), 'true');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.equal((await emu.state()).volcengine.domains['play19.example.com'].cert_id, 'cert-ok', 'nothing sent when cancelled');
  await page.click('#send-UnbindCert');
  await confirmYes(page);
  await page.locator('#answer [data-request-id]').waitFor();
  assert.equal((await emu.state()).volcengine.domains['play19.example.com'].cert_id, null);
  assert.deepEqual(problems, []);
  await page.close();
});

test('bulk lines: one per line, blanks ignored, duplicates reported, invalid lines listed and not sent', async () => {
  const { page, problems } = await open();
  const sent = [];
  page.on('request', (r) => { if (r.method() === 'POST' && r.url().includes('Action=UnbindCert')) sent.push(JSON.parse(r.postData()).Domain); });
  await tab(page, 'BulkUnbind');
  await page.fill('#bulk-unbind-domains', 'play01.example.com\n\n  play02.example.com  \nnot a domain\nplay01.example.com\n');
  await page.click('[data-bulk="start"]');
  const invalid = page.locator('.invalid-lines li');
  await invalid.first().waitFor();
  assert.deepEqual(await invalid.evaluateAll((lis) => lis.map((li) => li.dataset.line)), ['4']);
  assert.match(await page.textContent('.duplicates'), /play01\.example\.com/);
  assert.equal(await page.locator('dialog.confirm').count(), 0, 'nothing starts while a line is invalid');
  await shot(page, 'bulk-invalid');
  await page.fill('#bulk-unbind-domains', 'play01.example.com\n\n  play02.example.com  \nplay01.example.com\n');
  await page.click('[data-bulk="start"]');
  assert.match(await page.textContent('dialog.confirm'), /2 domain\(s\) on Volcengine/);
  await confirmYes(page);
  await page.waitForFunction(() => document.querySelector('progress.bar').getAttribute('data-percent') === '100');
  assert.deepEqual(sent.sort(), ['play01.example.com', 'play02.example.com'], 'two jobs, not five');
  assert.deepEqual(problems, []);
  await page.close();
});

test('bulk unbind against injected faults: outcomes add up, only failed items are retried, failed ones can be copied and exported', async () => {
  const { page, problems } = await open({ endpoint: faulty.url });
  const sent = [];
  page.on('request', (r) => { if (r.method() === 'POST' && r.url().startsWith(faulty.url)) sent.push(JSON.parse(r.postData()).Domain); });
  await tab(page, 'BulkUnbind');
  const domains = Array.from({ length: 20 }, (_, i) => `play${String(i + 1).padStart(2, '0')}.example.com`);
  await page.fill('#bulk-unbind-domains', domains.join('\n'));
  await page.click('[data-bulk="start"]');
  await confirmYes(page);
  await page.waitForFunction(() => document.querySelector('progress.bar').getAttribute('data-percent') === '100' && !document.querySelector('[data-bulk="start"]').disabled);
  const count = async (s) => page.locator(`ol.outcomes li[data-status="${s}"]`).count();
  const ok = await count('succeeded');
  const failed = await count('failed');
  assert.equal(ok + failed, 20);
  assert.ok(failed > 0, 'faults were injected');
  assert.equal(await page.textContent('[data-count="failed"]'), `${failed} failed`);
  assert.equal(await page.getAttribute('progress.bar', 'aria-label'), 'Bulk unbind: 100 %', 'the progress bar has a name');
  await shot(page, 'bulk-faults');
  const download = page.waitForEvent('download');
  await page.click('[data-bulk="json"]');
  const exported = JSON.parse(readFileSync(await (await download).path(), 'utf8'));
  assert.equal(exported.length, 20);
  assert.equal(exported.filter((r) => r.status === 'failed').length, failed);
  assert.equal(await page.isDisabled('[data-bulk="copy-failed"]'), false);
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

test('cancel: queued items are "not started", only those in flight are "cancelled"; the counts say so', async () => {
  const { page, problems } = await open({ endpoint: slow.url });
  await tab(page, 'BulkUnbind');
  const domains = Array.from({ length: 20 }, (_, i) => `play${String(i + 1).padStart(2, '0')}.example.com`);
  await page.fill('#bulk-unbind-domains', domains.join('\n'));
  await page.click('[data-bulk="start"]');
  await confirmYes(page);
  await page.locator('ol.outcomes li[data-status="succeeded"]').first().waitFor();
  await page.waitForFunction(() => document.querySelectorAll('ol.outcomes li[data-status="running"]').length > 0);
  await page.click('[data-bulk="cancel"]');
  await page.waitForFunction(() => !document.querySelector('[data-bulk="start"]').disabled);
  const n = async (s) => page.locator(`ol.outcomes li[data-status="${s}"]`).count();
  const [ok, failed, cancelled, notStarted] = [await n('succeeded'), await n('failed'), await n('cancelled'), await n('notStarted')];
  assert.equal(ok + failed + cancelled + notStarted, 20);
  assert.equal(failed, 0, 'nothing is called failed because of the cancel');
  assert.ok(cancelled > 0 && cancelled <= 4, `in flight when cancelled: ${cancelled}`);
  assert.ok(notStarted > 0, 'queued items never started');
  assert.equal(await page.textContent('[data-count="notStarted"]'), `${notStarted} not started`);
  assert.equal(await page.textContent('[data-count="cancelled"]'), `${cancelled} cancelled`);
  await shot(page, 'bulk-cancelled');
  assert.deepEqual(problems, []);
  await page.close();
});

test('bulk bind sends every domain in one request, asks first, and shows each outcome', async () => {
  const { page, problems } = await open();
  const bodies = [];
  page.on('request', (r) => { if (r.method() === 'POST' && r.headers()['x-tc-action'] === 'ModifyLiveDomainCertBindings') bodies.push(JSON.parse(r.postData())); });
  await tab(page, 'BulkBind');
  await page.fill('#bulk-bind-domains', 'play10.example.com\nplay11.example.com\nplay.other.com\nghost.example.com');
  await page.click('[data-bulk="start"]');
  assert.match(await page.textContent('dialog.confirm'), /cert-example.*4 domain\(s\) on Tencent Cloud/s);
  await confirmYes(page);
  await page.waitForFunction(() => !document.querySelector('[data-bulk="start"]').disabled && document.querySelectorAll('ol.outcomes li[data-status="running"]').length === 0);
  assert.equal(bodies.length, 1, 'one request');
  assert.equal(bodies[0].DomainInfos.length, 4);
  const by = await page.locator('ol.outcomes li').evaluateAll((lis) => Object.fromEntries(lis.map((li) => [li.dataset.domain, li.dataset.status])));
  assert.deepEqual(by, { 'play10.example.com': 'succeeded', 'play11.example.com': 'succeeded', 'play.other.com': 'failed', 'ghost.example.com': 'failed' });
  await shot(page, 'bulk-bind');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a signature mismatch shows the server\'s string to sign beside ours, as lines', async () => {
  const { page, problems } = await open();
  await page.fill('#conn-aliyun-sk', 'not-the-secret');
  await tab(page, 'ApplyCertificate');
  await page.getByLabel('SiteId').fill('1234567890123');
  await page.getByLabel('Domains').fill('mismatch.example.com');
  await page.click('#send-ApplyCertificate');
  await confirmYes(page);
  // The next step first, in plain words; the two strings to sign behind a toggle.
  await page.locator('#error-next').waitFor();
  assert.match(await page.textContent('#error-headline'), /refused the signature/);
  assert.match(await page.textContent('#error-next'), /secret access key of Alibaba Cloud ESA/);
  assert.equal(await page.isVisible('#server-sts'), false, 'details folded');
  await page.click('#sts-details summary');
  await page.locator('#server-sts').waitFor();
  const server = await page.textContent('#server-sts');
  assert.match(server, /^ACS3-HMAC-SHA256\n[0-9a-f]{64}$/);
  assert.match(await page.textContent('#our-sts'), /^ACS3-HMAC-SHA256\n/);
  assert.equal(await page.getAttribute('[data-error-code]', 'data-error-code'), 'SignatureDoesNotMatch');
  await shot(page, 'signature-mismatch');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the stream URL tool: shifts add to the chosen time, a past expiry warns, Copy waits for a URL, messages use the labels', async () => {
  const { page, problems } = await open();
  await tab(page, 'StreamUrl');
  assert.equal(await page.isDisabled('#su-copy'), true, 'nothing to copy yet');
  await page.fill('#su-SecretKey', 'A1B2C3d4e5f6');
  await page.fill('#su-expires', '2030-01-01T00:00');
  assert.match(await page.textContent('#su-url'), /^rtmp:\/\/push\.example\.com\/live\/livestream\?volcTime=\d+&volcSecret=[0-9a-f]{32}$/);
  assert.equal(await page.isDisabled('#su-copy'), false);
  await page.click('[data-shift="86400000"]');
  assert.equal(await page.inputValue('#su-expires'), '2030-01-02T00:00', '+1d from the chosen time');
  await page.fill('#su-expires', '2001-01-01T00:00');
  await page.locator('#su-past').waitFor();
  await page.fill('#su-expires', '');
  const err = page.locator('#su-msg .error');
  await err.waitFor();
  assert.match(await err.textContent(), /^Expires at: /, 'the label, not an internal name');
  assert.ok(!(await err.textContent()).includes('expiresAt'));
  assert.deepEqual(problems, []);
  await page.close();
});

test('keyboard only: tabs follow the WAI-ARIA pattern, focus is visible, a form is sent with Enter', async () => {
  const { page, problems } = await open({ view: null });
  const first = page.locator('[role=tab][aria-selected=true]');
  assert.equal(await first.getAttribute('data-tab'), 'Certificates', 'the console opens on the certificates');
  await page.locator('#start-hint').waitFor();
  await first.focus();
  assert.equal(await first.getAttribute('aria-controls'), 'panel');
  assert.equal(await page.getAttribute('#panel', 'role'), 'tabpanel');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.tab), 'Deploy');
  assert.equal(await page.getAttribute('[data-tab="Deploy"]', 'aria-selected'), 'true');
  assert.equal(await page.getAttribute('#panel', 'aria-labelledby'), 'tab-Deploy');
  await page.keyboard.press('End');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.tab), 'History');
  await page.keyboard.press('Home');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.tab), 'Certificates');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.tab), 'UpdateAuthKey');
  assert.equal(await page.locator('[role=tab][tabindex="0"]').count(), 1, 'one tab in the Tab order');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'focus is visible');
  // Into the form (ListCertV2, a read: sent without a question) with Tab, and send with Enter.
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Tab');
  let guard = 0;
  while (await page.evaluate(() => document.activeElement.getAttribute('name')) !== 'Domain' && guard++ < 10) await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('name')), 'Domain', 'reached by Tab');
  await page.keyboard.press('Enter');
  await page.locator('#answer [data-request-id]').waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'answer');
  await shot(page, 'keyboard');
  assert.deepEqual(problems, []);
  await page.close();
});

test('secrets: password inputs with a reveal button, never in an attribute, kept only in sessionStorage when asked', async () => {
  const { page, problems } = await open();
  const secret = DEMO_SECRET_ACCESS_KEY;
  assert.equal(await page.getAttribute('#conn-volcengine-sk', 'type'), 'password');
  assert.equal(await page.getAttribute('#conn-volcengine-sk', 'value'), null, 'set as a property, not an attribute');
  await page.click('[aria-controls="conn-volcengine-sk"]');
  assert.equal(await page.getAttribute('#conn-volcengine-sk', 'type'), 'text');
  await page.click('[aria-controls="conn-volcengine-sk"]');
  assert.ok(!(await page.content()).includes(secret));
  await page.reload();
  await page.waitForSelector('body[data-ready=true]');
  assert.equal(await page.inputValue('#conn-volcengine-sk'), '', 'not kept across a reload by default');
  assert.equal(await page.locator('#remember-note').isVisible(), false);
  await page.click('#conn-demo');
  await page.check('#conn-remember');
  await page.locator('#remember-note').waitFor();
  await page.reload();
  await page.waitForSelector('body[data-ready=true]');
  assert.equal(await page.inputValue('#conn-tencent-sk'), secret, 'remembered for this tab');
  const stores = await page.evaluate(() => ({ local: JSON.stringify(localStorage), session: JSON.stringify(sessionStorage) }));
  assert.ok(!stores.local.includes(secret), 'never in localStorage');
  assert.ok(stores.session.includes(secret));
  // With every cloud's keys set the connection is folded away: open it to change it.
  assert.equal(await page.locator('#conn-remember').isVisible(), false);
  await page.click('.conn-details > summary');
  await page.uncheck('#conn-remember');
  assert.ok(!(await page.evaluate(() => JSON.stringify(sessionStorage))).includes(secret), 'forgotten when unticked');
  await page.fill('#conn-volcengine-endpoint', 'not a url');
  await page.locator('#conn-volcengine-endpoint-msg', { hasText: 'Not a URL' }).waitFor();
  assert.equal(await page.getAttribute('#conn-volcengine-endpoint', 'aria-invalid'), 'true');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the history lists what was sent, never a secret', async () => {
  const { page, problems } = await open();
  await tab(page, 'ListCertV2');
  await page.click('#send-ListCertV2');
  await page.locator('#answer [data-request-id]').waitFor();
  await tab(page, 'ApplyCertificate');
  await page.getByLabel('SiteId').fill('42');
  await page.getByLabel('Domains').fill('a.example.com');
  await page.click('#send-ApplyCertificate');
  await confirmYes(page);
  await page.locator('[data-error-code="SiteNotFound"]').waitFor();
  await tab(page, 'History');
  const rows = page.locator('table.history-table tbody tr');
  assert.deepEqual(await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.action)), ['ApplyCertificate', 'ListCertV2']);
  assert.match(await rows.first().textContent(), /ApiError SiteNotFound/);
  assert.ok(!(await page.content()).includes(DEMO_SECRET_ACCESS_KEY));
  assert.deepEqual(problems, []);
  await page.close();
});

test('Chinese on every view: no untranslated string, and the choice survives a reload', async () => {
  const { page, problems } = await open();
  await page.click('#lang');
  await page.locator('#send-UpdateAuthKey', { hasText: '发送' }).waitFor();
  await page.getByLabel('ValidDuration').fill('30');
  await page.locator('.msg[data-path="ValidDuration"]').getByText('ValidDuration 须为 60 到 2592000 之间的整数').waitFor();
  await page.reload();
  await page.waitForSelector('body[data-ready=true]');
  assert.equal(await page.textContent('h1'), 'liveops 控制台', 'the choice survived the reload');
  const messages = await page.evaluate(() => window.liveopsMessages);
  // The console's own words; API names ('Status', 'Action') are the same in both languages.
  const english = Object.entries(messages.en).filter(([k, v]) => v !== messages.zh[k] && k !== 'language' && /[a-z]{3}/.test(v) && !['Status', 'Action'].includes(v))
    .map(([, v]) => v.replace(/\{\w+\}.*$/, '').trim()).filter((v) => v.length > 3);
  // What the page itself says: data (names, ids, requests, answers) is left out.
  const uiText = () => page.evaluate(() => {
    const skip = 'pre, .mono, td.name, textarea, output, .raw-status, .json, .error-message, .detail';
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const out = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest(skip) || el.closest('[hidden]')) continue;
      if (el.closest('option') && !el.closest('option').selected) continue;
      out.push(n.textContent);
    }
    for (const el of document.querySelectorAll('[aria-label], [placeholder], [title]')) if (!el.closest('td')) out.push(el.getAttribute('aria-label') ?? '', el.getAttribute('placeholder') ?? '', el.getAttribute('title') ?? '');
    return out.join('\n');
  });
  await page.click('#conn-demo');
  for (const view of VIEWS) {
    await tab(page, view);
    await prepare(page, view);
    const text = await uiText();
    // Whole words only: 'Time' inside the API name 'volcTime' is not an untranslated word.
    const left = english.filter((e) => new RegExp(`(^|[^A-Za-z])${e.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^A-Za-z])`).test(text));
    assert.deepEqual(left, [], `${view}: untranslated`);
  }
  await page.click('#lang');
  assert.equal(await page.textContent('h1'), 'liveops console');
  assert.deepEqual(problems, []);
  await page.close();
});

test('390 px wide: nothing scrolls the page sideways on any view', async () => {
  const { page, problems } = await open({ width: 390 });
  for (const view of VIEWS) {
    await tab(page, view);
    await prepare(page, view);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= 390, `${view}: the page is ${wide} px wide`);
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test('screenshots of every view in English and Chinese, desktop and 390 px', async () => {
  const seen = [];
  for (const lang of ['en', 'zh']) {
    for (const width of [1366, 390]) {
      const { page, problems } = await open({ width, lang });
      for (const view of VIEWS) {
        await tab(page, view);
        await prepare(page, view);
        const name = `view-${view}-${lang}-${width}`;
        await shot(page, name);
        seen.push(name);
      }
      assert.deepEqual(problems, []);
      await page.close();
    }
  }
  writeFileSync(join(artifacts, 'ui-views.json'), JSON.stringify(seen, null, 1));
  assert.equal(seen.length, VIEWS.length * 4);
});

test('Certificates: counts, a chart of expiries by month, one table across the clouds; search, filters, export; a failing cloud is named', async () => {
  const { page, problems } = await open();
  await tab(page, 'Certificates');
  // By keyboard: Enter on the focused Load button, and the focus is still there afterwards.
  await page.focus('#inv-load');
  await page.keyboard.press('Enter');
  await page.locator('table.inventory').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'inv-load', 'focus kept for the keyboard');
  const state = await emu.state();
  const rows = page.locator('table.inventory tbody tr');
  const volc = state.volcengine.certs.filter((c) => c.available).length;
  // Tencent: every certificate of its SSL service, bound to a domain or not.
  const tc = Object.keys(state.tencent.certs).length;
  assert.equal(await rows.count(), volc + tc + state.aliyun.certificates.length, 'every certificate of the three clouds');
  // The counts add up to the table, and each one is what its rows say.
  const count = async (id) => Number(await page.textContent(`#inv-count-${id} .n`));
  const total = (await Promise.all(['expired', 'week', 'month', 'valid', 'pending'].map(count))).reduce((a, b) => a + b);
  assert.equal(total, await rows.count());
  assert.equal(await count('expired'), await page.locator('tr[data-state="expired"]').count());
  assert.ok(await count('week') >= 1 && await count('month') >= 1);
  assert.equal(await page.locator('.inv-chart .bar-col').count(), 12);
  assert.match(await page.getAttribute('.inv-chart', 'aria-label'), /Expiries by month: /);
  // Expiry shown in local time with its zone, and days in words.
  assert.match(await rows.first().locator('td').nth(4).textContent(), /^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
  assert.match(await page.locator('tr[data-state="expired"]').first().textContent(), /expired \d+ days ago/);
  await page.fill('#inv-search', 'play.other.com');
  assert.equal(await rows.count(), 1);
  assert.equal(await rows.first().getAttribute('data-id'), 'cert-other');
  await page.fill('#inv-search', '');
  await page.selectOption('#inv-cloud', 'aliyun');
  await page.selectOption('#inv-state', 'pending');
  assert.deepEqual(await rows.evaluateAll((r) => r.map((x) => [x.dataset.provider, x.dataset.state])), [['aliyun', 'pending']]);
  await page.selectOption('#inv-state', 'all');
  const download = page.waitForEvent('download');
  await page.click('#inv-csv');
  const file = await (await download).path();
  const csvText = readFileSync(file, 'utf8');
  assert.equal(csvText.trim().split('\n').length, 1 + state.aliyun.certificates.length, 'the shown rows, and a header');
  assert.match(csvText, /"aliyun","900001","shop.example.com"/);
  await shot(page, 'certificates');
  // Replace… opens Deploy with the certificate's domains chosen.
  await page.selectOption('#inv-cloud', 'tencent');
  await page.locator('tr[data-id="cert-other"] button').click();
  assert.equal(await page.getAttribute('[data-tab="Deploy"]', 'aria-selected'), 'true');
  assert.equal(await page.isChecked('[data-target="tencent:play.other.com"]'), true);
  // A cloud whose key is wrong is named with its error; the others are still listed.
  await tab(page, 'Certificates');
  await page.fill('#conn-tencent-sk', 'not-the-secret');
  await page.click('#inv-load');
  await page.locator('.inv-error[data-provider="tencent"]').waitFor();
  assert.match(await page.textContent('.inv-error'), /AuthFailure\.SignatureFailure/);
  // In plain words with the next step; what is shown says it is partial.
  assert.match(await page.textContent('.inv-error .error-headline'), /refused the signature/);
  assert.match(await page.textContent('.inv-error .error-next'), /secret access key of Tencent Cloud/);
  assert.match(await page.textContent('#inv-status'), /^Partial:/);
  assert.equal(await page.getAttribute('#inv-status', 'class'), 'warning');
  await page.locator('#inv-partial').waitFor();
  assert.equal(await page.locator('tr[data-provider="tencent"]').count(), 0);
  await page.selectOption('#inv-cloud', 'all');
  assert.ok(await page.locator('tr[data-provider="volcengine"]').count() > 0);
  await shot(page, 'certificates-error');
  // Every cloud failing looks like a failure: no counts, no table, no green zero.
  await page.fill('#conn-volcengine-sk', 'not-the-secret');
  await page.fill('#conn-aliyun-sk', 'not-the-secret');
  await page.click('#inv-load');
  await page.locator('#inv-status.error').waitFor();
  assert.match(await page.textContent('#inv-status'), /No cloud could be listed/);
  assert.equal(await page.locator('.inv-error').count(), 3);
  assert.equal(await page.locator('#inv-summary .tile').count(), 0, 'no tiles of zeros');
  assert.equal(await page.locator('table.inventory').count(), 0);
  assert.equal(await page.locator('#inv-empty').count(), 0, 'not "no certificate matches"');
  await shot(page, 'certificates-all-failed');
  assert.deepEqual(problems, []);
  await page.close();
});

test('Deploy: what the certificate covers, uncovered targets cannot be chosen, the plan before any write, confirm by keyboard, aligned outcomes, a second run unchanged', async () => {
  const { page, problems } = await open();
  await tab(page, 'Deploy');
  assert.equal(await page.isDisabled('#dep-plan'), true, 'nothing to plan yet');
  // A key of another certificate is caught before anything can be sent.
  await page.fill('#dep-cert', fixtures['example.crt']);
  await page.fill('#dep-key', fixtures['other-rsa.key']);
  assert.match(await page.textContent('#dep-key-state'), /does NOT belong/);
  assert.equal(await page.getAttribute('#dep-key', 'class'), 'pem masked', 'the key is masked');
  await page.fill('#dep-key', fixtures['example.key']);
  assert.match(await page.textContent('#dep-key-state'), /belongs to the certificate/);
  assert.equal(await page.textContent('#dep-names'), '*.example.com, example.com');
  assert.match(await page.textContent('#dep-not-after'), /^2036-\d{2}-\d{2} \d{2}:\d{2} UTC · \d+ days left$/);
  assert.match(await page.textContent('#dep-fingerprint'), /^[0-9a-f]{64}$/);
  await page.focus('#dep-load-domains');
  await page.keyboard.press('Enter');
  await page.locator('[data-target="aliyun:1234567890123"]').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'dep-load-domains', 'focus kept for the keyboard');
  // Coverage for domains and for ESA sites alike; what is not covered cannot be ticked.
  for (const [target, words] of [['tencent:play.other.com', /not covered/], ['aliyun:2233445566', /not covered/], ['aliyun:1234567890123', /covered/]]) {
    assert.match(await page.locator(`[data-target="${target}"]`).locator('..').textContent(), words, target);
  }
  assert.equal(await page.isDisabled('[data-target="tencent:play.other.com"]'), true);
  assert.equal(await page.isDisabled('[data-target="aliyun:2233445566"]'), true, 'cname-site.com is not covered');
  await page.check('[data-target="volcengine:play03.example.com"]');
  await page.check('[data-target="tencent:play08.example.com"]');
  await page.check('[data-target="aliyun:1234567890123"]');
  assert.equal(await page.textContent('#dep-plan'), 'Review the plan for 3');
  await shot(page, 'deploy-ready');
  // The plan: what each target serves now and what will change; nothing is written.
  const before = await emu.state();
  await page.click('#dep-plan');
  await page.locator('#dep-plan-table').waitFor();
  assert.equal(JSON.stringify(await emu.state()), JSON.stringify(before), 'a plan writes nothing');
  const actions = await page.locator('#dep-plan-table tbody tr').evaluateAll((r) => r.map((x) => x.dataset.action));
  // Upload, or bind the copy an earlier test put on that cloud.
  assert.equal(actions.length, 3);
  assert.ok(actions.every((a) => a === 'upload' || a === 'bind'), actions.join());
  assert.match(await page.textContent('#dep-plan-table'), /chain-cert-ok/, 'what play03 serves now');
  // One upload per cloud (or site), not one per target.
  assert.match(await page.textContent('#dep-plan-summary'), /^[0-3] upload\(s\) of the certificate \(one per cloud or site\), 3 target\(s\) bound to it or to the copy the cloud has, 0 unchanged, 0 not sent$/);
  // The status is next to the buttons and in view.
  const box = await page.locator('#dep-status').boundingBox();
  assert.ok(box.y >= 0 && box.y < 900, `the status is in view (y = ${box.y})`);
  await shot(page, 'deploy-plan');
  // The confirmation lists each change; Escape cancels; by keyboard: Tab to confirm, Enter.
  await page.click('#dep-go');
  assert.match(await page.textContent('dialog.confirm'), /Make 3 change\(s\) on Volcengine, Tencent Cloud, Alibaba Cloud ESA/);
  assert.equal(await page.locator('#confirm-plan-table tbody tr').count(), 3);
  await page.keyboard.press('Escape');
  assert.equal(JSON.stringify(await emu.state()), JSON.stringify(before), 'cancelled: nothing sent');
  await page.click('#dep-go');
  await page.locator('dialog.confirm').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'confirm-no', 'the safe choice has the focus');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.locator('#dep-summary').waitFor();
  assert.match(await page.textContent('#dep-summary'), /^3 deployed, 0 unchanged, 0 failed/);
  // Every row has every cell, the certificate id on every cloud.
  const cells = await page.locator('#dep-outcomes tbody tr').evaluateAll((r) => r.map((x) => [...x.children].map((td) => td.textContent.trim())));
  for (const row of cells) {
    assert.equal(row.length, 6);
    assert.ok(row[3] && row[3] !== '—', `a certificate id: ${row}`);
  }
  const after = await emu.state();
  assert.equal(after.aliyun.certificates.length, before.aliyun.certificates.length + 1);
  assert.equal(after.tencent.certs[after.tencent.domains['play08.example.com'].cert_id].domains[0], '*.example.com');
  await shot(page, 'deploy-outcomes');
  // Again: every target is unchanged, nothing to deploy, nothing written.
  await page.click('#dep-plan');
  await page.locator('#dep-plan-table').waitFor();
  assert.deepEqual(await page.locator('#dep-plan-table tbody tr').evaluateAll((r) => r.map((x) => x.dataset.action)), ['unchanged', 'unchanged', 'unchanged']);
  assert.match(await page.textContent('#dep-status'), /nothing to do/);
  assert.equal(await page.isVisible('#dep-go'), false);
  // A change of the input makes the plan stale: it goes.
  await page.check('[data-target="volcengine:play04.example.com"]');
  assert.equal(await page.locator('#dep-plan-table').count(), 0);
  assert.match(await page.textContent('#dep-status'), /review the plan again/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('UpdateAuthKey: the 2025-09 contract is a choice that the form, validation and the client follow, and it survives a reload', async () => {
  const contractEmu = await startEmulator(['--rate-volcengine', '0', '--contract', '2025-09']);
  const { page, problems } = await open({ endpoint: contractEmu.url });
  try {
    await tab(page, 'UpdateAuthKey');
    assert.equal(await page.locator('[name="Vhost"]').count(), 1, '2023-10 by default');
    await page.selectOption('#contract', '2025-09');
    assert.equal(await page.locator('[name="Vhost"]').count(), 0, 'no Vhost in 2025-09');
    assert.equal(await page.locator('[name="AuthDetailList[0].AuthType"]').inputValue(), 'TypeC');
    await page.fill('[name="Domain"]', 'push.example.com');
    await page.fill('[name="AuthDetailList[0].SecretKey"]', 'abc123');
    await page.selectOption('[name="TimeStampBase"]', '16');
    await page.locator('.msg[data-path="TimeStampBase"]').getByText('TimeStampBase must be 10 when SceneType is push').waitFor();
    await page.selectOption('[name="TimeStampBase"]', '10');
    await page.click('#send-UpdateAuthKey');
    await confirmYes(page);
    await page.locator('#answer [data-request-id]').waitFor();
    await shot(page, 'contract-2025');
    await page.reload();
    await page.waitForSelector('body[data-ready=true]');
    await tab(page, 'UpdateAuthKey');
    assert.equal(await page.inputValue('#contract'), '2025-09', 'kept across a reload');
    await page.selectOption('#contract', '2023-10');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
    await contractEmu.stop();
  }
});

test('forms of the new operations come from the catalog: CreateCert keeps its PEM exact in a fieldset, ESA ListSites is a GET', async () => {
  const { page, problems } = await open();
  await tab(page, 'CreateCert');
  assert.match(await page.textContent('.op-form fieldset legend'), /^Rsa$/);
  assert.equal(await page.evaluate(() => document.querySelector('[name="Rsa.Pubkey"]').tagName), 'TEXTAREA');
  await page.fill('[name="Rsa.Pubkey"]', fixtures['example.crt']);
  await page.fill('[name="Rsa.Prikey"]', fixtures['example.key']);
  assert.doesNotMatch(await page.textContent('#preview-body'), /PRIVATE KEY/, 'masked in the preview');
  await page.click('#send-CreateCert');
  await confirmYes(page);
  await page.locator('#answer [data-request-id]').waitFor();
  const state = await emu.state();
  assert.ok(state.volcengine.certs.some((c) => c.pem === fixtures['example.crt']), 'byte for byte');
  await tab(page, 'ListDomainDetail');
  await page.fill('[name="DomainStatusList"]', '0, 2');
  assert.match(await page.textContent('#preview-body'), /"DomainStatusList":\[0,2\]/);
  await tab(page, 'ListSites');
  assert.equal(await page.textContent('#preview-method'), 'GET');
  assert.deepEqual(problems, []);
  await page.close();
});

test('Deploy: a write cut off is unknown, never failed nor offered for retry; running it again settles it', async () => {
  const fresh = await startEmulator(['--rate-volcengine', '0', '--rate-tencent', '0', '--rate-aliyun', '0']);
  const srv = await scriptServer(fresh.url);
  const { page, problems } = await open({ endpoint: srv.url });
  try {
    await tab(page, 'Deploy');
    await page.fill('#dep-cert', fixtures['fresh.crt']);
    await page.fill('#dep-key', fixtures['fresh.key']);
    await page.selectOption('#dep-add-cloud', 'volcengine');
    await page.fill('#dep-add-value', 'play01.example.com');
    await page.press('#dep-add-value', 'Enter');
    await page.click('#dep-plan');
    await page.locator('#dep-plan-table').waitFor();
    // The deploy reads again (its plan must still hold); the emulator takes CreateCert, then the
    // connection breaks before the answer arrives.
    srv.script({ pass: true }, { pass: true }, { drop: 'after' });
    await page.click('#dep-go');
    await confirmYes(page);
    await page.locator('#dep-summary').waitFor();
    const row = page.locator('#dep-outcomes tr[data-status="unknown"]');
    assert.equal(await row.count(), 1);
    assert.match(await row.textContent(), /may have been carried out/);
    assert.match(await page.textContent('#dep-unknown'), /Run the deploy again/);
    assert.equal(await page.isVisible('#dep-retry'), false, 'not offered as a retry of failed ones');
    assert.equal(await page.isVisible('#dep-again'), true);
    await shot(page, 'deploy-unknown');
    // Running it again finds the upload that happened and binds it: no second upload.
    const certs = (await fresh.state()).volcengine.certs.length;
    await page.click('#dep-again');
    await page.locator('#dep-plan-table').waitFor();
    assert.deepEqual(await page.locator('#dep-plan-table tbody tr').evaluateAll((r) => r.map((x) => x.dataset.action)), ['bind']);
    await page.click('#dep-go');
    await confirmYes(page);
    await page.locator('#dep-summary', { hasText: '1 deployed' }).waitFor();
    assert.equal((await fresh.state()).volcengine.certs.length, certs, 'no second upload');
    assert.deepEqual(problems.filter((p) => !/Failed to load resource|net::/.test(p)), []);
  } finally {
    await page.close();
    await srv.close();
    await fresh.stop();
  }
});

test('Deploy keeps its work across tab switches; a key pasted as the certificate is masked; targets filter and select by coverage; bulk unbind asks in the danger style', async () => {
  const { page, problems } = await open();
  await tab(page, 'Deploy');
  await page.fill('#dep-cert', fixtures['example.key']);
  assert.match(await page.getAttribute('#dep-cert', 'class'), /masked/);
  await page.locator('#dep-key-in-cert').waitFor();
  await page.fill('#dep-cert', fixtures['example.crt']);
  await page.fill('#dep-key', fixtures['example.key']);
  await page.click('#dep-load-domains');
  await page.locator('[data-target="volcengine:play01.example.com"]').waitFor();
  assert.match(await page.textContent('#dep-needs'), /choose at least one covered target/);
  // Filter, then select every shown target that is covered (play.other.com is not).
  await page.fill('#dep-filter', 'other');
  await page.click('#dep-select-covered');
  assert.equal(await page.isChecked('[data-target="tencent:play.other.com"]'), false);
  await page.fill('#dep-filter', 'play0');
  await page.click('#dep-select-covered');
  const checked = await page.locator('#dep-targets input:checked').count();
  assert.ok(checked >= 9, `${checked} chosen`);
  // Numeric order: play2 before play10 wherever both are.
  await page.click('#dep-select-none');
  assert.equal(await page.locator('#dep-targets input:checked').count(), 0);
  await page.check('[data-target="volcengine:play02.example.com"]');
  // Away and back: the certificate and the choice are still there.
  await tab(page, 'Certificates');
  await tab(page, 'Deploy');
  assert.equal(await page.inputValue('#dep-cert'), fixtures['example.crt']);
  assert.equal(await page.isChecked('[data-target="volcengine:play02.example.com"]'), true);
  // Another language: what was typed stays (the choice of targets is read again from the clouds).
  await page.fill('#dep-name', 'renewed 2026');
  await page.click('#lang');
  await tab(page, 'Deploy');
  assert.equal(await page.inputValue('#dep-cert'), fixtures['example.crt']);
  assert.equal(await page.inputValue('#dep-key'), fixtures['example.key']);
  assert.equal(await page.inputValue('#dep-name'), 'renewed 2026');
  await page.locator('#dep-info').filter({ hasText: 'example.com' }).waitFor();
  await page.click('#lang');
  // Bulk unbind takes domains out of service: the danger style, the domains named.
  await tab(page, 'BulkUnbind');
  await page.fill('#bulk-unbind-domains', 'play21.example.com\nplay22.example.com');
  await page.click('[data-bulk="start"]');
  const d = page.locator('dialog.confirm');
  await d.waitFor();
  assert.equal(await d.getAttribute('data-danger'), 'true');
  assert.match(await page.textContent('#confirm-items'), /play21\.example\.com.*play22\.example\.com/s);
  await page.click('#confirm-no');
  assert.deepEqual(problems, []);
  await page.close();
});

test('Certificates: "set the keys first" goes once keys are set, without leaving the view', async () => {
  const { page, problems } = await open({ keys: false, view: 'Certificates' });
  await page.click('#inv-load');
  assert.match(await page.textContent('#inv-status'), /Set the keys of at least one cloud first/);
  await page.click('#conn-demo');
  assert.doesNotMatch(await page.textContent('#inv-status'), /Set the keys/);
  await page.click('#inv-load');
  await page.locator('#inv-summary').filter({ hasText: /\d/ }).waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});
