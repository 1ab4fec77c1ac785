// `liveops deploy` and `liveops prune`: a renewed certificate onto every domain and site it
// should serve, from the command line, an ACME client's renewal hook or cron; and the cleanup of
// the certificates it replaced. Each account (a cloud's keys) runs side by side; every decision
// (what a target serves, what to bind, what may be deleted) is the library's.
import { readFileSync, writeFileSync, mkdirSync, renameSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, dirname } from 'node:path';
import {
  certificateInventory, planDeployment, deployCertificate, inspectCertificate, replaceTargets, pruneCandidates, runBatch,
} from './liveops.node.mjs';
import { CliError, accounts, clientOf, readBounded } from './accounts.mjs';

/** Exit codes of deploy and prune (documented in the help and the README). */
export const EXIT = { ok: 0, failed: 1, badInput: 2, unknown: 4 };

const out = (o) => process.stdout.write(JSON.stringify(o) + '\n');
const say = (s) => process.stderr.write(`liveops: ${s}\n`);

function errorFields(e) {
  const o = { name: e?.name ?? 'Error', code: e?.code ?? 'Error', message: String(e?.message ?? e) };
  for (const k of ['requestId', 'httpStatus', 'retryable']) if (e && k in e) o[k] = e[k];
  return o;
}

function readPem(file, what) {
  try {
    return readBounded(file, 1 << 20);
  } catch (e) {
    throw new CliError('PemFile', `cannot read the ${what} ${file}: ${e.code ?? e.message}`, EXIT.badInput);
  }
}

/**
 * The certificate and key files: --cert/--key, or with --from-hook where the ACME client's hook
 * environment says (certbot RENEWED_LINEAGE, acme.sh CERT_FULLCHAIN_PATH/CERT_KEY_PATH, lego
 * LEGO_CERT_PATH/LEGO_CERT_KEY_PATH), with the names it renewed where it tells them.
 */
export function materialFiles(values, env = process.env) {
  if (values['from-hook']) {
    if (env.RENEWED_LINEAGE) {
      return { cert: join(env.RENEWED_LINEAGE, 'fullchain.pem'), key: join(env.RENEWED_LINEAGE, 'privkey.pem'), hook: 'certbot',
        domains: (env.RENEWED_DOMAINS ?? '').split(/\s+/).filter(Boolean) };
    }
    if (env.CERT_FULLCHAIN_PATH && env.CERT_KEY_PATH) {
      return { cert: env.CERT_FULLCHAIN_PATH, key: env.CERT_KEY_PATH, hook: 'acme.sh', domains: env.Le_Domain ? [env.Le_Domain] : [] };
    }
    if (env.LEGO_CERT_PATH && env.LEGO_CERT_KEY_PATH) {
      return { cert: env.LEGO_CERT_PATH, key: env.LEGO_CERT_KEY_PATH, hook: 'lego', domains: env.LEGO_CERT_DOMAIN ? [env.LEGO_CERT_DOMAIN] : [] };
    }
    throw new CliError('NoHookEnvironment', '--from-hook: none of RENEWED_LINEAGE (certbot), CERT_FULLCHAIN_PATH and CERT_KEY_PATH (acme.sh), LEGO_CERT_PATH and LEGO_CERT_KEY_PATH (lego) is set', EXIT.badInput);
  }
  if (!values.cert || !values.key) throw new CliError('MissingFile', 'give --cert FULLCHAIN.pem and --key KEY.pem (or --from-hook in an ACME renewal hook)', EXIT.badInput);
  return { cert: values.cert, key: values.key, hook: null, domains: [] };
}

/** `[ACCOUNT/]provider:domain-or-site` as a target of an account. */
export function parseTarget(text, all, where) {
  const m = /^(?:([^/\s]+)\/)?(volcengine|tencent|aliyun):(\S+)$/.exec(text.trim());
  if (!m) throw new CliError('InvalidTarget', `${where}: ${JSON.stringify(text)} is not [ACCOUNT/]volcengine:DOMAIN, tencent:DOMAIN or aliyun:SITE`, EXIT.badInput);
  const [, name, provider, raw] = m;
  // A fully qualified name's trailing dot names the same host.
  const value = raw.replace(/\.$/, '');
  const mine = all.filter((a) => a.provider === provider && (!name || a.name === name));
  if (!mine.length) throw new CliError('NoAccount', `${where}: no ${name ? `account ${name} of ` : ''}${provider} has credentials`, EXIT.badInput);
  if (mine.length > 1) throw new CliError('AmbiguousAccount', `${where}: ${provider} has several accounts (${mine.map((a) => a.name).join(', ')}): write ACCOUNT/${provider}:${value}`, EXIT.badInput);
  const target = provider !== 'aliyun' ? { provider, domain: value.toLowerCase() }
    : /^\d{1,19}$/.test(value) ? { provider, siteId: value.length <= 15 ? Number(value) : value } : { provider, siteName: value.toLowerCase() };
  return { account: mine[0], target };
}

/** The targets of --to and --targets FILE (one a line, # comments, blank lines skipped). */
function explicitTargets(values, all) {
  const found = (values.to ?? []).map((t, i) => parseTarget(t, all, `--to #${i + 1}`));
  if (values.targets) {
    let text;
    try {
      text = readBounded(values.targets);
    } catch (e) {
      throw new CliError('TargetsFile', `cannot read ${values.targets}: ${e.code ?? e.message}`, EXIT.badInput);
    }
    text.split(/\r?\n/).forEach((line, i) => {
      const t = line.replace(/#.*$/, '').trim();
      if (t) found.push(parseTarget(t, all, `${values.targets}:${i + 1}`));
    });
  }
  // The same target twice is one target.
  const seen = new Set();
  return found.filter((f) => {
    const key = `${f.account.name}|${JSON.stringify(f.target)}`;
    return !seen.has(key) && seen.add(key);
  });
}

/** Where the last deploy is remembered (what prune keeps). */
function statePath() {
  const dir = process.env.LIVEOPS_STATE_DIR ?? join(process.env.XDG_STATE_HOME ?? join(process.env.HOME || homedir(), '.local', 'state'), 'liveops');
  return join(dir, 'last-deploy.json');
}

/** How many deploys prune remembers: what each of them put in place is kept. */
const REMEMBERED = 20;

function remember(record) {
  const file = statePath();
  // A deploy that put nothing in place (all failed or not started) changes nothing to keep.
  if (!record.certificateIds.length) return;
  const earlier = (lastDeploys() ?? []).filter((d) => d.fingerprintSha256 !== record.fingerprintSha256);
  const deploys = [record, ...earlier].slice(0, REMEMBERED);
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(`${file}.tmp`, JSON.stringify({ deploys }, null, 2) + '\n', { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
  } catch (e) {
    say(`warning: cannot remember the deploy in ${file}: ${e.code ?? e.message}`);
  }
}

/** The deploys remembered, newest first (an older file held one record). */
function lastDeploys() {
  let text;
  try {
    text = readFileSync(statePath(), 'utf8');
  } catch {
    return null;
  }
  try {
    const doc = JSON.parse(text);
    const list = Array.isArray(doc?.deploys) ? doc.deploys : doc && typeof doc === 'object' ? [doc] : [];
    return list.filter((d) => d && typeof d === 'object' && Array.isArray(d.certificateIds));
  } catch {
    throw new CliError('StateUnreadable', `${statePath()} is not what liveops wrote (it says what the last deploys put in place, which prune keeps): fix or remove it`, EXIT.badInput);
  }
}

/** A progress line on stderr: a live bar on a terminal, a line a second otherwise. */
function progressOn(total, what) {
  const tty = process.stderr.isTTY;
  let done = 0;
  let last = 0;
  return {
    step() {
      done++;
      const now = Date.now();
      if (!tty && now - last < 1000 && done < total) return;
      last = now;
      if (tty) {
        const w = 24;
        const f = total ? Math.round((done / total) * w) : w;
        process.stderr.write(`\r[${'#'.repeat(f)}${'.'.repeat(w - f)}] ${done}/${total} ${what}`);
      } else process.stderr.write(`liveops: ${done}/${total} ${what}\n`);
    },
    end() { if (tty && total) process.stderr.write('\n'); },
  };
}

/** The inventory of every account, each certificate naming its account. */
async function inventories(all, signal) {
  const results = await Promise.all(all.map(async (a) => {
    const inv = await certificateInventory({ [a.provider]: clientOf(a) }, { signal });
    return { account: a, inv };
  }));
  return results;
}

/** `liveops deploy`. */
export async function deploy(values) {
  const files = materialFiles(values);
  const material = { certificate: readPem(files.cert, 'certificate'), privateKey: readPem(files.key, 'private key') };
  if (values.name !== undefined) {
    // The name is shown in tables and CSV files: no control characters, nothing a spreadsheet runs.
    if (!values.name || values.name.length > 128 || /[\u0000-\u001f\u007f]/.test(values.name) || /^[=+\-@]/.test(values.name)) {
      throw new CliError('InvalidName', '--name takes 1 to 128 printable characters, not starting with =, +, - or @', EXIT.badInput);
    }
    material.name = values.name;
  }
  let summary;
  try {
    summary = inspectCertificate(material.certificate, material.privateKey);
  } catch (e) {
    const aboutKey = /private ?key/i.test(String(e?.message)) || e?.code === 'EncryptedPrivateKey' || e?.code === 'InvalidPrivateKey';
    throw new CliError(e.code ?? 'InvalidCertificate', `${aboutKey ? files.key : files.cert}: ${e.message}`, EXIT.badInput);
  }
  if (summary.keyMatches === false) throw new CliError('KeyMismatch', `${files.key} is not the key of ${files.cert}`, EXIT.badInput);
  if (summary.daysLeft < 0) throw new CliError('CertificateExpired', `${files.cert} expired on ${summary.notAfter}`, EXIT.badInput);
  // The names the ACME client says it renewed must be the certificate's: a hook pointed at the
  // wrong lineage would otherwise rotate the wrong certificate everywhere.
  const renewed = files.domains.length ? inspectCertificate(material.certificate, undefined, files.domains).notCovered : [];
  if (renewed.length) {
    throw new CliError('HookMismatch', `${files.hook} renewed ${renewed.join(', ')}, which ${files.cert} (${summary.names.join(', ')}) does not cover`, EXIT.badInput);
  }
  const all = accounts(values);
  let chosen = explicitTargets(values, all);
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  // Rotation without a list: what serves an older certificate of the same names (the default in
  // a renewal hook).
  const replacing = values.replace || (files.hook && !chosen.length);
  // A cloud that could not be listed may serve the old certificate still: the run cannot end as
  // a success, whatever was done elsewhere.
  let unlisted = 0;
  if (replacing) {
    for (const { account, inv } of await inventories(all, controller.signal)) {
      for (const e of inv.errors) { unlisted++; say(`${account.name}: could not be listed: ${e.error.code} ${e.error.message}`); }
      for (const target of replaceTargets(inv, material.certificate)) chosen.push({ account, target });
    }
    if (!chosen.length) {
      if (unlisted) {
        say(`nothing replaced where it could look, but ${unlisted} listing(s) failed: what those serve is not known; run it again`);
        return EXIT.failed;
      }
      say(`nothing to replace: no domain or site serves an older certificate of ${summary.names.join(', ')}`);
      return EXIT.ok;
    }
  }
  if (!chosen.length) throw new CliError('NoTargets', 'give targets: --to provider:DOMAIN (repeat), --targets FILE, or --replace', EXIT.badInput);
  // A domain the certificate does not cover is refused before anything is sent.
  const uncovered = chosen.filter((c) => 'domain' in c.target && inspectCertificate(material.certificate, undefined, [c.target.domain]).notCovered.length);
  if (uncovered.length) {
    throw new CliError('NotCovered', `the certificate (${summary.names.join(', ')}) does not cover ${uncovered.map((c) => c.target.domain).join(', ')}`, EXIT.badInput);
  }
  const byAccount = new Map();
  for (const c of chosen) {
    if (!byAccount.has(c.account)) byAccount.set(c.account, []);
    byAccount.get(c.account).push(c.target);
  }
  const atLeastFailed = (code) => (unlisted && code === EXIT.ok ? EXIT.failed : code);
  if (unlisted) say(`${unlisted} listing(s) failed: the targets there are not in this run`);
  if (values.plan) return atLeastFailed(await plan(byAccount, material, controller.signal));
  const total = chosen.length;
  const bar = progressOn(total, 'targets settled');
  const outcomes = [];
  await Promise.all([...byAccount].map(async ([account, targets]) => {
    let got;
    try {
      got = await deployCertificate({ [account.provider]: clientOf(account) }, material, targets, {
        signal: controller.signal,
        onProgress: () => bar.step(),
      });
    } catch (e) {
      got = targets.map((target) => ({ target, status: e?.name === 'AbortError' ? 'notStarted' : 'failed', error: e }));
    }
    for (const o of got) {
      const line = { account: account.name, target: o.target, status: o.status, certificateId: o.certificateId ?? null, replaced: o.replaced ?? null };
      if (o.error) line.error = errorFields(o.error);
      outcomes.push(line);
      out(line);
    }
  }));
  bar.end();
  const count = (s) => outcomes.filter((o) => o.status === s).length;
  say(`${count('deployed')} deployed, ${count('unchanged')} unchanged, ${count('failed')} failed, ${count('unknown')} unknown, ${count('notStarted')} not started, of ${total}`);
  remember({ at: new Date().toISOString(), fingerprintSha256: summary.fingerprintSha256, names: summary.names,
    certificateIds: outcomes.filter((o) => o.certificateId).map((o) => ({ account: o.account, provider: o.target.provider, id: o.certificateId })) });
  if (count('unknown')) {
    say('some writes were cut off and may have been carried out: running the same command again is safe (it sends only what is missing)');
    return EXIT.unknown;
  }
  if (count('failed') || count('notStarted') || unlisted) return EXIT.failed;
  if (values.prune) {
    const replaced = new Set(outcomes.filter((o) => o.replaced?.id).map((o) => `${o.account}|${o.replaced.id}`));
    if (replaced.size) return prune({ ...values, unbound: true, yes: true }, { only: replaced, accountsList: [...byAccount.keys()] });
  }
  return EXIT.ok;
}

async function plan(byAccount, material, signal) {
  let refused = 0;
  const counts = { unchanged: 0, bind: 0, upload: 0, refuse: 0 };
  const uploads = new Set();
  await Promise.all([...byAccount].map(async ([account, targets]) => {
    const p = await planDeployment({ [account.provider]: clientOf(account) }, material, targets, { signal });
    for (const s of p.steps) {
      counts[s.action]++;
      if (s.action === 'upload') uploads.add(account.name);
      if (s.action === 'refuse') refused++;
      const line = { account: account.name, target: s.target, action: s.action, certificateId: s.certificateId, current: s.current };
      if (s.siteName) line.siteName = s.siteName;
      if (s.error) line.error = errorFields(s.error);
      out(line);
    }
  }));
  say(`plan: ${counts.upload} to bind after one upload per cloud (${uploads.size} upload(s)), ${counts.bind} to bind to a copy the cloud has, ${counts.unchanged} unchanged, ${counts.refuse} refused; nothing was written`);
  return refused ? EXIT.failed : EXIT.ok;
}

/** `liveops prune` (and `deploy --prune` with `only`: the certificates a rotation replaced). */
/** @param {Record<string, any>} values @param {{ only?: Set<string>, accountsList?: any[] }} [opts] */
export async function prune(values, { only, accountsList } = {}) {
  const provider = values.provider;
  if (provider !== undefined && !['volcengine', 'tencent', 'aliyun'].includes(provider)) throw new CliError('UnknownProvider', '--provider takes volcengine, tencent or aliyun', EXIT.badInput);
  const all = accountsList ?? accounts(values, { only: provider });
  const keep = (lastDeploys() ?? []).flatMap((d) => [d.fingerprintSha256, ...d.certificateIds.map((c) => c?.id)]).filter((k) => typeof k === 'string' && k);
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  const found = [];
  let listingFailed = false;
  for (const { account, inv } of await inventories(all, controller.signal)) {
    for (const e of inv.errors) { listingFailed = true; say(`${account.name}: could not be listed: ${e.error.code} ${e.error.message}`); }
    for (const c of pruneCandidates(inv, { unbound: Boolean(values.unbound), keep })) {
      if (only && !only.has(`${account.name}|${c.id}`)) continue;
      found.push({ account, c });
    }
  }
  // ESA counts expired certificates against a site's quota: say what a prune frees there.
  const perSite = new Map();
  for (const { account, c } of found) if (c.provider === 'aliyun') perSite.set(`${account.name} site ${c.siteId}`, (perSite.get(`${account.name} site ${c.siteId}`) ?? 0) + 1);
  for (const [site, n] of perSite) say(`${site}: ${n} certificate(s) of its quota ${values.yes ? 'to be freed' : 'would be freed'}`);
  if (!values.yes) {
    for (const { account, c } of found) out({ account: account.name, provider: c.provider, id: c.id, name: c.name, notAfter: c.notAfter, ...(c.siteId !== undefined ? { siteId: c.siteId } : {}), reason: c.reason, status: 'wouldDelete' });
    say(`${found.length} certificate(s) could be deleted; nothing was deleted (give --yes to delete them)`);
    return listingFailed ? EXIT.failed : EXIT.ok;
  }
  const outcomes = await runBatch(found, async ({ account, c }, _i, { signal }) => clientOf(account).call(c.action, c.payload, { signal }), { concurrency: 4, signal: controller.signal });
  let failed = 0;
  for (const o of outcomes) {
    const { account, c } = o.item;
    /** @type {Record<string, any>} */
    const line = { account: account.name, provider: c.provider, id: c.id, name: c.name, reason: c.reason, ...(c.siteId !== undefined ? { siteId: c.siteId } : {}),
      status: o.status === 'succeeded' ? 'deleted' : o.status };
    if (o.status === 'failed') { failed++; line.error = errorFields(o.error); }
    out(line);
  }
  say(`${outcomes.filter((o) => o.status === 'succeeded').length} deleted, ${failed} failed`);
  return failed || listingFailed ? EXIT.failed : EXIT.ok;
}
