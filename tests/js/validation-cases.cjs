// Runs tests/validation/cases.json (every rule accepted and rejected) through a `validate`
// function and returns the failures. Shared by the Node (ESM, CommonJS) and browser tests.
'use strict';

function merge(base, patch) {
  const out = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = v;
  }
  return out;
}

function checkCases(validate, groups) {
  const failures = [];
  let checked = 0;
  for (const g of groups) {
    const v = validate;
    // A group may follow a later contract (UpdateAuthKey 2025-09).
    validate = (p, a, payload) => v(p, a, payload, g.contract ? { contract: g.contract } : undefined);
    const base = validate(g.provider, g.action, g.base);
    if (!base.ok || base.warnings.length) failures.push(`${g.action}: base not clean: ${JSON.stringify(base)}`);
    for (const c of g.cases) {
      if (c.accept) {
        const r = validate(g.provider, g.action, merge(g.base, c.accept));
        if (!r.ok) failures.push(`${g.action} ${c.rule}: accepted case has errors ${JSON.stringify(r.errors)}`);
        checked++;
      }
      if (c.reject) {
        const r = validate(g.provider, g.action, merge(g.base, c.reject));
        const all = [...r.errors, ...r.warnings];
        if (!all.some((i) => i.path === c.path && i.code === c.code)) {
          failures.push(`${g.action} ${c.rule}: no ${c.code} at ${JSON.stringify(c.path)}: ${JSON.stringify(r)}`);
        }
        if (r.ok !== (r.errors.length === 0)) failures.push(`${g.action} ${c.rule}: ok disagrees with errors`);
        for (const i of all) {
          if (typeof i.message !== 'string' || !i.message) failures.push(`${g.action} ${c.rule}: empty message`);
        }
        checked++;
      }
    }
    validate = v;
  }
  return { checked, failures };
}

module.exports = { checkCases, merge };
