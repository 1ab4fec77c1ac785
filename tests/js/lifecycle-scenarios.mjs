// The certificate lifecycle (certificateInventory, deployCertificate, inspectCertificate, the new
// operations, both UpdateAuthKey contracts) as scenarios run in Node (tests/js/lifecycle.test.mjs)
// and in headless Chromium (tests/browser/lifecycle.test.mjs), against emulators:
// `pagedUrl` answers at most 2 rows a page and is only read; `emuUrl` takes the deploys;
// `contractUrl` follows the 2025-09 contract; `scriptUrl` is the scripted server in front of
// `emuUrl`. `fixtures` holds the PEM files of tests/fixtures/certs.
import assert from 'node:assert/strict';

export function lifecycleScenarios(env) {
  const { VolcengineLive, TencentLive, AliyunEsa, certificateInventory, deployCertificate, inspectCertificate, validate } = env.lib;
  const { accessKeyId, secretAccessKey } = env;
  let keyNo = 0;
  const keys = () => ({ accessKeyId, secretAccessKey, rateLimit: 0, alias: ++keyNo });
  const clientsAt = (endpoint, o = {}) => ({
    volcengine: new VolcengineLive({ ...keys(), endpoint, ...o }),
    tencent: new TencentLive({ ...keys(), endpoint, ...o }),
    aliyun: new AliyunEsa({ ...keys(), endpoint, ...o }),
  });
  const rejection = async (p) => p.then((v) => assert.fail(`resolved: ${JSON.stringify(v)}`), (e) => e);
  const iso = (unix) => new Date(unix * 1000).toISOString().replace('.000Z', 'Z');
  const material = () => ({ certificate: env.fixtures['example.crt'], privateKey: env.fixtures['example.key'] });

  const list = [];
  const s = (name, run) => list.push({ name, run });

  s('inventory: every certificate of the three clouds, every page, one shape', async () => {
    const state = await env.pagedState();
    const pages = [];
    const now = Date.now();
    const inv = await certificateInventory(clientsAt(env.pagedUrl), { now, onProgress: (p) => pages.push(p) });
    assert.deepEqual(inv.errors, []);
    const by = (p) => inv.certificates.filter((c) => c.provider === p);
    // Exactly the emulator's certificates: enabled ones on Volcengine, bound ones on Tencent,
    // every one of every ESA site.
    const volc = state.volcengine.certs.filter((c) => c.available);
    assert.deepEqual(by('volcengine').map((c) => c.id).sort(), volc.map((c) => c.chain_id).sort());
    // Tencent: every certificate of its SSL service, bound or not (those bound name their domains).
    const boundTc = new Set(Object.values(state.tencent.domains).map((d) => d.cert_id).filter(Boolean));
    assert.deepEqual(by('tencent').map((c) => c.id).sort(), Object.keys(state.tencent.certs).sort());
    const spare = by('tencent').filter((c) => !boundTc.has(c.id));
    assert.ok(spare.length >= 1, 'a certificate bound nowhere is listed');
    for (const c of spare) assert.deepEqual(c.boundTo, []);
    for (const c of by('tencent').filter((c) => boundTc.has(c.id))) assert.ok(c.boundTo.length > 0);
    assert.deepEqual(by('aliyun').map((c) => c.id).sort(), state.aliyun.certificates.map((c) => c.id).sort());
    // More than one page was read of each listing (2 rows a page here).
    for (const action of ['ListCertV2', 'ListDomainDetail', 'DescribeLiveDomainCertBindings', 'ListCertificates']) {
      assert.ok(pages.some((p) => p.action === action && p.page > 1), `${action} paged`);
    }
    // Times converted exactly: Tencent's Beijing time and ESA's space-separated UTC.
    const old = by('tencent').find((c) => c.id === 'cert-old');
    assert.equal(old.notAfter, iso(state.tencent.certs['cert-old'].not_after));
    assert.equal(old.boundTo.length, 20, 'all 20 bound domains, over 10 pages');
    assert.equal(old.state, 'expired');
    assert.deepEqual(old.domains, ['*.example.com']);
    const shop = by('aliyun').find((c) => c.name === 'shop.example.com');
    const seeded = state.aliyun.certificates.find((c) => c.id === shop.id);
    assert.equal(shop.notAfter, iso(seeded.not_after));
    assert.equal(shop.siteId, 1234567890123);
    assert.deepEqual(shop.boundTo, ['example.com']);
    const volcOk = by('volcengine').find((c) => c.id === 'chain-cert-ok');
    assert.ok(volcOk.boundTo.includes('play30.example.com') && volcOk.boundTo.length >= 30);
    // Every state is there, and days left agree with the expiry.
    assert.deepEqual(new Set(inv.certificates.map((c) => c.state)), new Set(['valid', 'expiring', 'expired', 'pending', 'failed']));
    for (const c of inv.certificates) {
      if (c.notAfter) assert.equal(c.daysLeft, Math.floor((Date.parse(c.notAfter) - Math.floor(now / 1000) * 1000) / 86400000), c.id);
      if (c.state === 'expiring') assert.ok(c.daysLeft >= 0 && c.daysLeft <= 30);
    }
    assert.ok(inv.certificates.some((c) => c.daysLeft !== null && c.daysLeft < 7 && c.daysLeft >= 0), 'one within 7 days');
    // Soonest expiry first, undated (pending, failed applications) last.
    const dated = inv.certificates.filter((c) => c.notAfter).map((c) => c.notAfter);
    assert.deepEqual(dated, [...dated].sort());
    assert.equal(inv.certificates.at(-1).notAfter, null);
  });

  s('inventory: a cloud that fails is an error and hides nothing else', async () => {
    const clients = clientsAt(env.pagedUrl);
    clients.tencent = new TencentLive({ ...keys(), secretAccessKey: 'wrong-secret', endpoint: env.pagedUrl, maxRetries: 0 });
    const inv = await certificateInventory(clients);
    assert.equal(inv.errors.length, 1);
    assert.equal(inv.errors[0].provider, 'tencent');
    assert.ok(inv.errors[0].error instanceof Error);
    assert.equal(inv.errors[0].error.name, 'ApiError');
    assert.equal(inv.errors[0].error.code, 'AuthFailure.SignatureFailure');
    assert.ok(inv.certificates.some((c) => c.provider === 'volcengine') && inv.certificates.some((c) => c.provider === 'aliyun'));
    assert.ok(!inv.certificates.some((c) => c.provider === 'tencent'));
    // Only the clouds given are listed.
    const one = await certificateInventory({ aliyun: clientsAt(env.pagedUrl).aliyun });
    assert.ok(one.certificates.length > 0 && one.certificates.every((c) => c.provider === 'aliyun'));
  });

  s('inventory: an ESA site answered by a gateway\'s 502 page or an empty 200 is an error of that site; the rest is listed', async () => {
    const aliyun = new AliyunEsa({ ...keys(), endpoint: env.scriptUrl, maxRetries: 0 });
    // ListSites, then ListCertificates of every site at once (in any order): two sites' answers broken.
    await env.script(
      { match: 'SiteId=2233445566', status: 502, body: '<html><body>502 Bad Gateway</body></html>', contentType: 'text/html' },
      { match: 'SiteId=9223372036854775807', status: 200, body: '' });
    const inv = await certificateInventory({ aliyun });
    assert.deepEqual(inv.errors.map((e) => String(e.siteId)), ['2233445566', '9223372036854775807']);
    for (const e of inv.errors) {
      assert.equal(e.provider, 'aliyun');
      assert.equal(e.error.name, 'ApiError');
      assert.ok(['HttpError', 'MalformedAnswer'].includes(e.error.code), e.error.code);
    }
    assert.ok(inv.certificates.length > 0 && inv.certificates.every((c) => String(c.siteId) === '1234567890123'));
  });

  s('inventory: an abort rejects with AbortError; bad arguments are ConfigErrors', async () => {
    const ac = new AbortController();
    const e = await rejection(certificateInventory(clientsAt(env.pagedUrl), { signal: ac.signal, onProgress: () => ac.abort() }));
    assert.equal(e.name, 'AbortError');
    for (const [clients, options, option] of [
      [null, undefined, 'clients'],
      [{ volcengine: {} }, undefined, 'volcengine'],
      [{}, { signal: 'no' }, 'signal'],
      [{}, { now: 'tomorrow' }, 'now'],
      [{}, { onProgress: 3 }, 'onProgress'],
    ]) {
      let thrown;
      try { await certificateInventory(clients, options); } catch (err) { thrown = err; }
      assert.equal(thrown?.name, 'ConfigError', JSON.stringify(option));
      assert.equal(thrown.option, option);
    }
  });

  s('deploy: one certificate onto three clouds, one outcome per target in order', async () => {
    const clients = clientsAt(env.emuUrl);
    const before = await env.state();
    const targets = [
      { provider: 'volcengine', domain: 'play01.example.com' },
      { provider: 'tencent', domain: 'play05.example.com' },
      { provider: 'aliyun', siteId: 1234567890123 },
      { provider: 'volcengine', domain: 'nope.example.com' },
      { provider: 'tencent', domain: 'a.b.example.com' },
      { provider: 'tencent', domain: 'missing.example.com' },
      { provider: 'aliyun', siteId: '424242' },
      { provider: 'volcengine', domain: 'play02.example.com' },
    ];
    const progress = [];
    const out = await deployCertificate(clients, { ...material(), name: 'rotated' }, targets, { onProgress: (p) => progress.push(p.done) });
    assert.equal(out.length, targets.length);
    out.forEach((o, i) => assert.deepEqual(o.target, targets[i]));
    assert.deepEqual(out.map((o) => o.status), ['deployed', 'deployed', 'deployed', 'failed', 'failed', 'failed', 'failed', 'deployed']);
    // Refused before anything is written: not a domain of the account, not covered, no such site.
    assert.equal(out[3].error.code, 'NotFound');
    assert.equal(out[3].error.name, 'ValidationError');
    assert.equal(out[4].error.code, 'NotCovered');
    assert.match(out[4].error.message, /a\.b\.example\.com/);
    assert.equal(out[5].error.code, 'ResourceNotFound.DomainNotExist');
    assert.equal(out[6].error.code, 'NotFound');
    // Each deployed target names what it replaced.
    assert.ok(out[0].replaced && out[0].replaced.id, JSON.stringify(out[0]));
    assert.ok(out[1].certificateId, 'Tencent rows name the certificate too');
    assert.equal(out[0].certificateId, out[7].certificateId, 'Volcengine: one upload, bound twice');
    assert.match(out[2].certificateId, /^\d+$/);
    assert.deepEqual(progress, [1, 2, 3, 4, 5, 6, 7, 8]);
    // What the clouds now hold.
    const after = await env.state();
    assert.equal(after.volcengine.certs.length, before.volcengine.certs.length + 1, 'CreateCert once');
    const uploaded = after.volcengine.certs.find((c) => c.chain_id === out[0].certificateId);
    assert.deepEqual(uploaded.domains, ['*.example.com', 'example.com']);
    assert.equal(after.volcengine.domains['play01.example.com'].cert_id, uploaded.cert_id);
    assert.equal(after.volcengine.domains['play01.example.com'].https, true);
    const tcId = after.tencent.domains['play05.example.com'].cert_id;
    assert.equal(after.tencent.certs[tcId].alias, 'rotated');
    const esa = after.aliyun.certificates.find((c) => c.id === out[2].certificateId);
    assert.equal(esa.cert_type, 'upload');
    assert.equal(esa.name, 'rotated');
    assert.ok(!JSON.stringify(after).includes('PRIVATE KEY-----'), 'no key kept in the state');
  });

  s('deploy: a key that is not the certificate\'s sends nothing', async () => {
    const clients = clientsAt(env.scriptUrl);
    const arrived = await env.arrivalCount();
    for (const [privateKey, code] of [
      [env.fixtures['other-rsa.key'], 'KeyMismatch'],
      [env.fixtures['encrypted.key'], 'EncryptedPrivateKey'],
      ['-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n', 'InvalidPrivateKey'],
    ]) {
      let e;
      try { await deployCertificate(clients, { certificate: env.fixtures['example.crt'], privateKey }, [{ provider: 'tencent', domain: 'play06.example.com' }]); } catch (err) { e = err; }
      assert.equal(e?.name, 'ValidationError');
      assert.equal(e.code, code);
      assert.ok(!String(e.message).includes('BEGIN'), 'no key material in the message');
    }
    let expired;
    try { await deployCertificate(clients, material(), [], { now: Date.UTC(2040, 0, 1) }); } catch (err) { expired = err; }
    assert.equal(expired.code, 'CertificateExpired');
    assert.equal(await env.arrivalCount(), arrived, 'nothing was sent');
    // A target without its client, or of no known shape, fails alone.
    const out = await deployCertificate({ aliyun: clients.aliyun }, material(), [{ provider: 'volcengine', domain: 'play03.example.com' }, { provider: 'gcp', domain: 'x.example.com' }, 'play03.example.com']);
    assert.deepEqual(out.map((o) => [o.status, o.error.code]), [['failed', 'NoClient'], ['failed', 'InvalidTarget'], ['failed', 'InvalidTarget']]);
  });

  s('deploy: an abort leaves writes in flight unknown and the rest notStarted; running it again settles it', async () => {
    const clients = clientsAt(env.emuUrl);
    const certsBefore = (await env.state()).volcengine.certs.length;
    // Earlier scenarios may have put this certificate on the cloud already: at most one upload.
    const domains = ['play11.example.com', 'play12.example.com', 'play13.example.com', 'play14.example.com'];
    const targets = domains.map((domain) => ({ provider: 'volcengine', domain }));
    // Aborted while reading: nothing is written.
    const early = new AbortController();
    early.abort();
    const none = await deployCertificate(clients, material(), targets, early.signal);
    assert.deepEqual(none.map((o) => o.status), ['notStarted', 'notStarted', 'notStarted', 'notStarted']);
    assert.equal((await env.state()).volcengine.certs.length, certsBefore);
    // Aborted at the first outcome: the binds in flight may have been carried out.
    const ac = new AbortController();
    const out = await deployCertificate(clients, material(), targets, { signal: ac.signal, onProgress: () => ac.abort() });
    // The target whose outcome came first is deployed; the others were in flight or never sent.
    assert.ok(out.some((o) => o.status === 'deployed'));
    for (const o of out) assert.ok(['deployed', 'unknown', 'notStarted'].includes(o.status), o.status);
    assert.ok(!out.some((o) => o.status === 'failed'), 'an aborted write is never failed');
    const uploads = (await env.state()).volcengine.certs.length - certsBefore;
    assert.ok(uploads <= 1, `${uploads} uploads`);
    // Running it again settles every target without a second upload.
    const again = await deployCertificate(clients, material(), targets);
    for (const o of again) assert.ok(['deployed', 'unchanged'].includes(o.status), o.status);
    assert.equal((await env.state()).volcengine.certs.length - certsBefore, uploads, 'no second upload');
    const third = await deployCertificate(clients, material(), targets);
    assert.deepEqual(third.map((o) => o.status), ['unchanged', 'unchanged', 'unchanged', 'unchanged']);
  });

  s('deploy: an upload whose outcome is unknown is unknown, not sent again, and settled by running it again', async () => {
    const clients = clientsAt(env.scriptUrl);
    const before = await env.arrivalCount();
    const certsBefore = (await env.state()).volcengine.certs.length;
    // The reads pass; the emulator takes CreateCert, then the connection breaks before the answer arrives.
    await env.script({ match: 'Action=CreateCert', drop: 'after' });
    const targets = [
      { provider: 'volcengine', domain: 'play03.example.com' },
      { provider: 'volcengine', domain: 'play04.example.com' },
    ];
    // A certificate no earlier scenario uploaded.
    const fresh = { certificate: env.fixtures['fresh.crt'], privateKey: env.fixtures['fresh.key'] };
    const out = await deployCertificate(clients, fresh, targets);
    assert.deepEqual(out.map((o) => o.status), ['unknown', 'unknown']);
    assert.equal(out[0].error.code, 'OutcomeUnknown');
    const sent = (await env.arrivals()).slice(before).map((a) => new URL(a.url, 'http://x').searchParams.get('Action'));
    assert.deepEqual(sent.sort(), ['CreateCert', 'ListCertV2', 'ListDomainDetail'], 'CreateCert sent once, no BindCert');
    assert.equal((await env.state()).volcengine.certs.length, certsBefore + 1, 'the cloud did carry it out');
    // Again: the uploaded certificate is found by its fingerprint and bound; no second upload.
    const again = await deployCertificate(clients, fresh, targets);
    assert.deepEqual(again.map((o) => o.status), ['deployed', 'deployed']);
    assert.equal((await env.state()).volcengine.certs.length, certsBefore + 1);
  });

  s('inspectCertificate: names, dates, key and coverage of a PEM', async () => {
    const now = Date.UTC(2027, 0, 1);
    const info = inspectCertificate(env.fixtures['example.crt'], env.fixtures['example.key'], ['play.example.com', 'a.b.example.com', 'example.com'], { now });
    assert.deepEqual(info.names, ['*.example.com', 'example.com']);
    assert.equal(info.keyMatches, true);
    assert.deepEqual(info.notCovered, ['a.b.example.com']);
    assert.equal(info.daysLeft, Math.floor((Date.parse(info.notAfter) - now) / 86400000));
    assert.equal(inspectCertificate(env.fixtures['ec.crt'], env.fixtures['ec.key']).keyMatches, true);
    assert.equal(inspectCertificate(env.fixtures['ec.crt'], env.fixtures['example.key']).keyMatches, false);
    assert.equal(inspectCertificate(env.fixtures['ec.crt']).keyMatches, null);
    let e;
    try { inspectCertificate('hello'); } catch (err) { e = err; }
    assert.equal(e.name, 'ValidationError');
    assert.equal(e.code, 'InvalidCertificate');
  });

  s('every new operation: typed answers from the emulator', async () => {
    const { volcengine: v, tencent: t, aliyun: a } = clientsAt(env.emuUrl);
    const domains = await v.listDomainDetail({ PageNum: 1, PageSize: 10 });
    assert.ok(domains.Total > 10 && domains.DomainList.length === 10);
    assert.equal(domains.DomainList[0].Type === 'push' || domains.DomainList[0].Type === 'pull-flv', true);
    const detail = await v.describeCertDetailSecretV2({ ChainID: 'chain-cert-ok' });
    assert.ok(detail.CertDomainList.includes('push.example.com'));
    assert.match(detail.NotAfter, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const list = await v.listCertV2({ PageNum: 1, PageSize: 2 });
    assert.equal(list.CertList.length, 2);
    assert.ok(list.Total > 2 && list.ExpirationInfo.ExpireNum >= 1 && typeof list.CertList[0].CreateTime === 'string');
    assert.equal(typeof (await v.deleteCert({ ChainID: 'chain-cert-expired' })).RequestId, 'string');
    const inUse = await rejection(v.deleteCert({ ChainID: 'chain-cert-ok' }));
    assert.equal(inUse.code, 'InvalidParam');

    const bindings = await t.describeLiveDomainCertBindings({ Length: 5, OrderBy: 'ExpireTimeAsc' });
    assert.equal(bindings.LiveDomainCertBindings.length, 5);
    assert.match(bindings.LiveDomainCertBindings[0].CertExpireTime, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    const cert = await t.describeLiveDomainCert({ DomainName: 'play.other.com' });
    assert.deepEqual(cert.DomainCertInfo.CertDomains, ['other.com', '*.other.com']);
    const none = await rejection(t.describeLiveDomainCert({ DomainName: 'play01.example.com' }));
    assert.equal(none.code, 'ResourceNotFound.CrtDomainNotFound');
    const tcDomains = await t.describeLiveDomains({ PageNum: 2, PageSize: 10 });
    assert.ok(tcDomains.AllCount > 10 && tcDomains.DomainList.length === 10);

    const sites = await a.listSites({ PageSize: 2, TagFilter: [{ Key: 'env', Value: 'prod' }] });
    assert.equal(sites.Sites.length, 2);
    // An id beyond 2^53 arrives as text, exact.
    const all = await a.listSites();
    assert.ok(all.Sites.some((x) => x.SiteId === '9223372036854775807'));
    const certs = await a.listCertificates({ SiteId: 1234567890123, PageSize: 100 });
    assert.equal(certs.SiteName, 'example.com');
    const shop = certs.Result.find((c) => c.Name === 'shop.example.com');
    assert.match(shop.NotAfter, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    const got = await a.getCertificate({ SiteId: 1234567890123, Id: shop.Id });
    assert.equal(got.Result.Id, shop.Id);
    // SetCertificate with Id replaces (a form body); DeleteCertificate is a GET.
    const replaced = await a.setCertificate({ SiteId: 1234567890123, Type: 'upload', Id: shop.Id, Name: 'shop renewed', Certificate: env.fixtures['example.crt'], PrivateKey: env.fixtures['example.key'] });
    assert.equal(replaced.Id, shop.Id);
    const deleted = await a.deleteCertificate({ SiteId: '1234567890123', Id: shop.Id });
    assert.equal(deleted.SiteName, 'example.com');
    const gone = await rejection(a.getCertificate({ SiteId: 1234567890123, Id: shop.Id }));
    assert.equal(gone.code, 'Certificate.NotFound');
  });

  s('preview: private keys stay masked in every new operation until revealed', async () => {
    const { volcengine: v, aliyun: a } = clientsAt(env.emuUrl);
    const key = env.fixtures['example.key'];
    const create = v.preview('CreateCert', { Rsa: { Pubkey: env.fixtures['example.crt'], Prikey: key }, UseWay: 'https' });
    assert.ok(!create.body.includes('PRIVATE KEY') && create.body.includes('***'));
    assert.ok(v.preview('CreateCert', { Rsa: { Pubkey: env.fixtures['example.crt'], Prikey: key }, UseWay: 'https' }, { revealSecrets: true }).body.includes('PRIVATE KEY'));
    const set = a.preview('SetCertificate', { SiteId: 1, Type: 'upload', Name: 'n', Certificate: env.fixtures['example.crt'], PrivateKey: key, KeyServerId: 'ks' });
    assert.equal(set.method, 'POST');
    assert.equal(set.headers['content-type'], 'application/x-www-form-urlencoded');
    assert.ok(!set.body.includes('PRIVATE'));
    assert.equal(new URLSearchParams(set.body).get('PrivateKey'), '***');
    assert.match(set.url, /KeyServerId=ks/);
    assert.ok(!/PrivateKey/.test(set.url));
    const sites = a.preview('ListSites', { TagFilter: [{ Key: 'k' }] });
    assert.equal(sites.method, 'GET');
    assert.match(sites.url, /TagFilter=%5B%7B%22Key%22%3A%22k%22%7D%5D/);
    // A debug callback never sees the key either.
    const seen = [];
    const dbg = new VolcengineLive({ ...keys(), endpoint: env.emuUrl, debug: (d) => seen.push(JSON.stringify(d)) });
    await dbg.createCert({ Rsa: { Pubkey: env.fixtures['example.crt'], Prikey: key }, UseWay: 'https', CertName: 'dbg' });
    assert.ok(seen.length === 1 && !seen[0].includes('PRIVATE KEY'));
    const bad = await rejection(dbg.createCert({ Rsa: { Pubkey: env.fixtures['example.crt'], Prikey: env.fixtures['other-rsa.key'] }, UseWay: 'https' }));
    assert.ok(!JSON.stringify({ ...bad, m: bad.message }).includes('PRIVATE KEY'));
  });

  s('UpdateAuthKey: both contracts, chosen by validate, the client and the emulator', async () => {
    const p2025 = { Domain: 'push.example.com', SceneType: 'push', TimeStampBase: 10, ValidDuration: 0,
      AuthDetailList: [{ SecretKey: 'abc123', EncryptionAlgorithm: 'md5', AuthType: 'TypeC' }] };
    assert.equal(validate('volcengine', 'UpdateAuthKey', p2025, { contract: '2025-09' }).ok, true);
    const old = validate('volcengine', 'UpdateAuthKey', p2025);
    assert.equal(old.ok, false, 'ValidDuration 0 is below the 2023 range');
    assert.ok(old.warnings.some((w) => w.path === 'AuthDetailList[0].AuthType' && w.code === 'UnknownField'));
    const vhost = validate('volcengine', 'UpdateAuthKey', { Vhost: 'v.example.com', SceneType: 'push', AuthDetailList: p2025.AuthDetailList }, { contract: '2025-09' });
    assert.ok(vhost.errors.some((e) => e.path === 'Domain' && e.code === 'MissingParameter'));
    assert.ok(vhost.warnings.some((w) => w.path === 'Vhost'));
    const push16 = validate('volcengine', 'UpdateAuthKey', { ...p2025, TimeStampBase: 16 }, { contract: '2025-09', locale: 'zh' });
    assert.ok(push16.errors.some((e) => e.path === 'TimeStampBase' && /10/.test(e.message)));
    assert.equal(validate('volcengine', 'UpdateAuthKey', p2025, { contract: '2024-01' }).errors[0].code, 'UnknownContract');

    const c2025 = new VolcengineLive({ ...keys(), endpoint: env.contractUrl, contract: '2025-09' });
    assert.equal(typeof (await c2025.updateAuthKey(p2025)).RequestId, 'string');
    const refused = await rejection(c2025.updateAuthKey({ ...p2025, TimeStampBase: 8 }));
    assert.equal(refused.name, 'ValidationError');
    // A 2023 payload sent to a 2025 service: the emulator refuses what its contract refuses.
    const c2023 = new VolcengineLive({ ...keys(), endpoint: env.contractUrl });
    const e = await rejection(c2023.updateAuthKey({ Vhost: 'vhost.example.com', SceneType: 'push', AuthDetailList: [{ SecretKey: 'abc123', EncryptionAlgorithm: 'md5' }] }));
    assert.equal(e.name, 'ApiError');
    assert.equal(e.code, 'MissingParameter');
    let config;
    try { new VolcengineLive({ ...keys(), contract: '2026-01' }); } catch (err) { config = err; }
    assert.equal(config.name, 'ConfigError');
    assert.equal(config.option, 'contract');
  });

  return list;
}
