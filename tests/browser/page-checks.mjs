// Runs in the page: every signing vector and every validation case through the web build, plus
// a few behaviours that depend on the browser (WebCrypto nonce, named errors).
import helpers from '../js/vector-input.cjs';
import validation from '../js/validation-cases.cjs';
import vectors from '../vectors/signing.json';
import groups from '../validation/cases.json';
import { signPathChecks } from '../js/sign-paths.mjs';

export async function runVectors(lib, initArg) {
  await lib.default(initArg);
  const failures = [];
  for (const v of vectors) {
    for (const bodyAs of ['bytes', 'string']) {
      try {
        const problems = helpers.compareToVector(v, lib.signRequest(helpers.vectorInput(v, { bodyAs })));
        if (problems.length) failures.push(`${v.id} (${bodyAs}): ${problems.join('; ')}`);
      } catch (e) {
        failures.push(`${v.id}: threw ${e.name}: ${e.message}`);
      }
    }
  }
  const acs3 = (nonce) => lib.signRequest({ scheme: 'acs3', method: 'POST', host: 'esa.cn-hangzhou.aliyuncs.com', accessKeyId: 'AK', secretAccessKey: 'SK', nonce });
  const n1 = acs3().headers['x-acs-signature-nonce'];
  const n2 = acs3().headers['x-acs-signature-nonce'];
  if (!/^[0-9a-f]{32}$/.test(n1) || n1 === n2) failures.push(`nonce: ${n1} ${n2}`);
  let err;
  try { lib.signRequest({ scheme: 'nope' }); } catch (e) { err = e; }
  if (!(err instanceof Error) || err.name !== 'SigningError' || err.code !== 'UnknownScheme') failures.push('named error');
  const cases = validation.checkCases(lib.validate, groups);
  failures.push(...cases.failures);
  const zh = lib.validate('volcengine', 'UpdateAuthKey', {}, { locale: 'zh' });
  if (!zh.errors.some((e) => e.message.includes('缺少必填参数'))) failures.push('zh messages');
  // Both ways into signRequest agree here too (no host hash in a browser: the module hashes).
  for (const { name, run } of signPathChecks(lib)) {
    try { run(); } catch (e) { failures.push(`${name}: ${e.message}`); }
  }
  return { checked: vectors.length * 2, validated: cases.checked, failures };
}

/**
 * The entry points by job in the page: `liveops/sign` signs every vector (both input paths) and
 * `liveops/validate` checks every case, each loaded alone from its own module.
 */
export async function runEntries(sign, validate) {
  await sign.default();
  await validate.default();
  const failures = [];
  for (const v of vectors) {
    for (const bodyAs of ['bytes', 'string']) {
      try {
        const problems = helpers.compareToVector(v, sign.signRequest(helpers.vectorInput(v, { bodyAs })));
        if (problems.length) failures.push(`sign ${v.id} (${bodyAs}): ${problems.join('; ')}`);
      } catch (e) {
        failures.push(`sign ${v.id}: threw ${e.name}: ${e.message}`);
      }
    }
  }
  for (const { name, run } of signPathChecks(sign)) {
    try { run(); } catch (e) { failures.push(`sign ${name}: ${e.message}`); }
  }
  if ('validate' in sign || 'VolcengineLive' in sign) failures.push('the signing entry carries other jobs');
  if ('signRequest' in validate) failures.push('the validation entry carries signing');
  const cases = validation.checkCases(validate.validate, groups);
  failures.push(...cases.failures);
  return { checked: vectors.length * 2, validated: cases.checked, failures };
}
