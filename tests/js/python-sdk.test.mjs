// The clouds' official Python SDKs (tests/python/requirements.txt, installed by scripts/setup.sh
// into .venv) against the emulator: every operation is accepted with the right key,
// and with a wrong key each SDK raises the cloud's own error (it reads the error only when the
// answer's status, envelope and Content-Type are the cloud's exactly).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { startEmulator, DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY } from './emulator.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
let emu;
let lines;
before(async () => {
  emu = await startEmulator(['--rate-volcengine', '0', '--rate-tencent', '0', '--rate-aliyun', '0']);
  const { stdout } = await promisify(execFile)(`${root}.venv/bin/python`, [`${root}tests/python/sdk_check.py`, emu.host, DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY, `${root}tests/fixtures/certs`], { timeout: 120_000 });
  lines = stdout.trim().split('\n').map((l) => JSON.parse(l));
});
after(() => emu?.stop());

const expected = {
  UpdateAuthKey: ['volcengine', 'SignatureDoesNotMatch'],
  ListCertV2: ['volcengine', 'SignatureDoesNotMatch'],
  UnbindCert: ['volcengine', 'SignatureDoesNotMatch'],
  CreateCert: ['volcengine', 'SignatureDoesNotMatch'],
  BindCert: ['volcengine', 'SignatureDoesNotMatch'],
  DeleteCert: ['volcengine', 'SignatureDoesNotMatch'],
  DescribeCertDetailSecretV2: ['volcengine', 'SignatureDoesNotMatch'],
  ListDomainDetail: ['volcengine', 'SignatureDoesNotMatch'],
  ModifyLiveDomainCertBindings: ['tencent', 'AuthFailure.SignatureFailure'],
  DescribeLiveDomainCertBindings: ['tencent', 'AuthFailure.SignatureFailure'],
  DescribeLiveDomainCert: ['tencent', 'AuthFailure.SignatureFailure'],
  DescribeLiveDomains: ['tencent', 'AuthFailure.SignatureFailure'],
  ApplyCertificate: ['aliyun', 'SignatureDoesNotMatch'],
  ListSites: ['aliyun', 'SignatureDoesNotMatch'],
  ListCertificates: ['aliyun', 'SignatureDoesNotMatch'],
  GetCertificate: ['aliyun', 'SignatureDoesNotMatch'],
  SetCertificate: ['aliyun', 'SignatureDoesNotMatch'],
  DeleteCertificate: ['aliyun', 'SignatureDoesNotMatch'],
};

test('the official Python SDKs read the new operations\' answers as their models have them', () => {
  const detail = (action) => lines.find((l) => l.action === action && l.key === 'right')?.detail ?? '';
  // Tencent's SDK fills its response model from the answer; the Alibaba SDK maps the body.
  assert.match(detail('DescribeLiveDomainCertBindings'), /"TotalNum": ?\d+/);
  assert.match(detail('DescribeLiveDomainCert'), /"CertDomains": ?\["other\.com"/);
  assert.match(detail('DescribeLiveDomains'), /"AllCount": ?\d+/);
  assert.match(detail('ListSites'), /'TotalCount': \d+/);
  assert.match(detail('SetCertificate'), /'Id': '\d+'/);
});

for (const [action, [sdk, wrongCode]] of Object.entries(expected)) {
  test(`Python ${sdk} SDK: ${action} accepted with the right key, the cloud's error with a wrong one`, () => {
    const right = lines.find((l) => l.action === action && l.key === 'right');
    const wrong = lines.find((l) => l.action === action && l.key === 'wrong');
    assert.ok(right && wrong, `both calls ran: ${JSON.stringify(lines.filter((l) => l.sdk === sdk))}`);
    assert.equal(right.ok, true, right.detail);
    assert.equal(wrong.ok, false, `a refusal is not taken for a success: ${wrong.detail}`);
    assert.equal(wrong.code, wrongCode, wrong.detail);
  });
}

test('no Python SDK crashed before sending', () => {
  assert.deepEqual(lines.filter((l) => l.code === 'SdkCrashed'), []);
});
