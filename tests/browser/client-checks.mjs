// Runs in the page: the clients against the emulator on another origin (CORS, preflight), through
// the browser's own fetch.
export async function runClientChecks(lib, emulatorUrl, keys) {
  const failures = [];
  const check = (cond, what) => { if (!cond) failures.push(what); };
  const opts = { ...keys, endpoint: emulatorUrl, rateLimit: 0 };
  try {
    const volc = new lib.VolcengineLive(opts);
    const list = await volc.listCertV2({ Available: true });
    check(list.CertList.length === 6 && typeof list.RequestId === 'string', 'listCertV2');
    const upd = await volc.updateAuthKey({ Vhost: 'vhost.example.com', App: 'live', SceneType: 'pull', AuthDetailList: [{ SecretKey: 'k1', EncryptionAlgorithm: 'md5_custom' }] });
    check(typeof upd.RequestId === 'string', 'updateAuthKey');
    check(typeof (await volc.unbindCert({ Domain: 'play25.example.com' })).RequestId === 'string', 'unbindCert');
    const tc = await new lib.TencentLive(opts).modifyLiveDomainCertBindings({ DomainInfos: [{ DomainName: 'play25.example.com', Status: 1 }], CloudCertId: 'cert-example' });
    check(Array.isArray(tc.MismatchedDomainNames) && tc.Errors.length === 0, 'modifyLiveDomainCertBindings');
    const esa = await new lib.AliyunEsa(opts).applyCertificate({ SiteId: 1234567890123, Domains: 'browser.example.com' });
    check(esa.TotalCount === 1, 'applyCertificate');
    let err;
    try { await volc.unbindCert({ Domain: 'missing.example.com' }); } catch (e) { err = e; }
    check(err instanceof Error && err.name === 'ApiError' && err.code === 'ResourceNotFound.Domain' && err.httpStatus === 404, `ApiError: ${err?.name} ${err?.code}`);
    try { await volc.unbindCert({ Domain: '' }); } catch (e) { err = e; }
    check(err.name === 'ValidationError' && err.report.errors[0].path === 'Domain', 'ValidationError');
    const wrong = new lib.VolcengineLive({ ...opts, secretAccessKey: 'wrong' });
    try { await wrong.listCertV2({}); } catch (e) { err = e; }
    check(err.code === 'SignatureDoesNotMatch', `browser signature refused: ${err.code}`);
    const outcomes = await lib.runBatch(['play26.example.com', 'nope.example.com', 'play27.example.com'], (d) => volc.unbindCert({ Domain: d }), { concurrency: 2 });
    check(outcomes.map((o) => o.status).join() === 'succeeded,failed,succeeded', 'runBatch');
  } catch (e) {
    failures.push(`threw ${e?.name}: ${e?.message}`);
  }
  return { failures };
}
