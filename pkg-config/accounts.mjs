// The accounts the command line works with, and their credentials, found as operators keep them:
// --credentials FILE; the clouds' own CLI profiles (tccli, aliyun, ve) by --profile NAME or the
// clouds' profile variables (TCCLI_PROFILE, ALIBABA_CLOUD_PROFILE); each cloud's key variables; or
// the CLIs' current profiles. A liveops.json file (--accounts FILE, LIVEOPS_ACCOUNTS, or
// ./liveops.json) names several accounts per cloud. The profile files are read here; what they
// mean is the library's (`readCloudProfile`), so that a client takes them as the CLI does.
import { openSync, readSync, closeSync, fstatSync, statSync, existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { readCloudProfile, VolcengineLive, TencentLive, AliyunEsa } from './liveops.node.mjs';

export const PROVIDERS = {
  volcengine: {
    Client: VolcengineLive,
    env: [['VOLCENGINE_ACCESS_KEY', 'VOLC_ACCESSKEY'], ['VOLCENGINE_SECRET_KEY', 'VOLC_SECRETKEY'], ['VOLCENGINE_SESSION_TOKEN']],
    profileVar: null,
    cli: 've',
  },
  tencent: {
    Client: TencentLive,
    env: [['TENCENTCLOUD_SECRET_ID'], ['TENCENTCLOUD_SECRET_KEY'], ['TENCENTCLOUD_SESSION_TOKEN']],
    profileVar: 'TCCLI_PROFILE',
    cli: 'tccli',
  },
  aliyun: {
    Client: AliyunEsa,
    env: [['ALIBABA_CLOUD_ACCESS_KEY_ID'], ['ALIBABA_CLOUD_ACCESS_KEY_SECRET'], ['ALIBABA_CLOUD_SECURITY_TOKEN']],
    profileVar: 'ALIBABA_CLOUD_PROFILE',
    cli: 'aliyun',
  },
};

/** A failure of the command itself, reported like the library's errors. */
export class CliError extends Error {
  /** @param {string} code @param {string} message @param {number} [exit] */
  constructor(code, message, exit = 1) {
    super(message);
    this.name = 'ConfigError';
    this.code = code;
    this.exit = exit;
  }
}

const home = () => process.env.HOME || homedir();

/** A configuration file holding secrets that others may read: said on stderr, used anyway. */
function warnIfShared(file) {
  try {
    const st = statSync(file);
    if (process.platform !== 'win32' && st.isFile() && (st.mode & 0o044) !== 0) {
      process.stderr.write(`liveops: warning: ${file} can be read by other users (chmod 600 ${file})\n`);
    }
  } catch { /* unreadable: the read reports it */ }
}

/** The most any file the command line reads may hold (certificates, keys, lists, configuration). */
export const MAX_FILE = 4 << 20;

/**
 * A file's text, read up to `max` bytes: a larger file (or a device such as /dev/zero that never
 * ends) is refused once that much was read, so memory stays bounded whatever the path names.
 */
export function readBounded(file, max = MAX_FILE) {
  const fd = openSync(file, 'r');
  try {
    if (fstatSync(fd).isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    const chunks = [];
    let total = 0;
    const buf = Buffer.alloc(64 * 1024);
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      total += n;
      if (total > max) throw Object.assign(new Error(`longer than ${max} bytes`), { code: 'TooLarge' });
      chunks.push(Buffer.from(buf.subarray(0, n)));
    }
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

function readText(file) {
  warnIfShared(file);
  try {
    return readBounded(file);
  } catch (e) {
    throw new CliError('ProfileUnreadable', `cannot read ${file}: ${e.code ?? e.message}`, 2);
  }
}

/** The files of a cloud CLI's profile `name` (tccli keeps one file per profile). */
function profileFiles(provider, name) {
  if (provider === 'tencent') {
    const n = name ?? 'default';
    const main = join(home(), '.tccli', `${n}.credential`);
    const configure = join(home(), '.tccli', `${n}.configure`);
    return { main, configure: existsSync(configure) ? configure : undefined };
  }
  return { main: join(home(), provider === 'aliyun' ? '.aliyun' : '.volcengine', 'config.json') };
}

/**
 * The credentials of `provider` from its CLI's profile `name` (undefined: the CLI's current one),
 * or null when that CLI has no configuration here and `required` is false.
 */
export function fromProfile(provider, name, { required }) {
  const files = profileFiles(provider, name);
  if (!existsSync(files.main)) {
    if (!required) return null;
    throw new CliError('UnknownProfile', `no ${PROVIDERS[provider].cli} profile ${name ?? ''} here: ${files.main} does not exist`.replace('  ', ' '), 2);
  }
  try {
    return readCloudProfile(provider, { main: readText(files.main), configure: files.configure ? readText(files.configure) : undefined }, name);
  } catch (e) {
    throw new CliError(e.code ?? 'UnknownProfile', e.message, 2);
  }
}

/** The credentials of `provider` from its key variables, or null. */
function fromEnv(provider) {
  const [id, secret, token] = PROVIDERS[provider].env.map((names) => names.map((n) => process.env[n]).find((v) => v));
  if (!id || !secret) return null;
  return { accessKeyId: id, secretAccessKey: secret, sessionToken: token || undefined };
}

/** The credentials of `provider` in a --credentials FILE, or null. */
function fromFile(provider, file) {
  let all;
  try {
    all = JSON.parse(readText(file));
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError('CredentialsFile', `cannot read the credentials file ${file} as JSON`, 2);
  }
  const c = all?.[provider];
  if (!c) return null;
  if (!c.accessKeyId || !c.secretAccessKey) throw new CliError('MissingCredentials', `${file} has no accessKeyId and secretAccessKey for ${provider}`, 2);
  return { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken || undefined, site: c.site, region: c.region };
}

/** The credentials of `provider` as the command line finds them, or null. */
export function credentialsOf(provider, values) {
  if (values.credentials) return fromFile(provider, values.credentials);
  if (values.profile) return fromProfile(provider, values.profile, { required: false });
  const env = fromEnv(provider);
  if (env) return env;
  const byVar = PROVIDERS[provider].profileVar && process.env[PROVIDERS[provider].profileVar];
  if (byVar) return fromProfile(provider, byVar, { required: true });
  return fromProfile(provider, undefined, { required: false });
}

/** The liveops.json file of accounts, if one is named or here. */
function accountsFile(values) {
  const named = values.accounts ?? process.env.LIVEOPS_ACCOUNTS;
  if (named) return named;
  return existsSync('liveops.json') ? 'liveops.json' : null;
}

/**
 * The accounts to work with: `{ name, provider, options }` each, `options` being a client's. From
 * liveops.json when there is one (several per cloud may be named), else one per cloud with
 * credentials. `only`: keep one provider.
 */
/** @param {Record<string, any>} values @param {{ only?: string }} [opts] */
export function accounts(values, { only } = {}) {
  // Keys named for this run (--credentials, --profile) come before a liveops.json.
  const file = values.credentials || values.profile ? null : accountsFile(values);
  const common = clientCommon(values);
  const list = [];
  if (file) {
    let doc;
    try {
      doc = JSON.parse(readText(file));
    } catch (e) {
      if (e instanceof CliError) throw e;
      throw new CliError('AccountsFile', `cannot read ${file} as JSON`, 2);
    }
    const entries = Array.isArray(doc?.accounts) ? doc.accounts : null;
    if (!entries) throw new CliError('AccountsFile', `${file} must be { "accounts": [ { "name", "provider", … } ] }`, 2);
    const names = new Set();
    entries.forEach((a, i) => {
      const where = `${file}: account ${i + 1}`;
      if (!a || typeof a !== 'object') throw new CliError('AccountsFile', `${where} is not an object`, 2);
      if (typeof a.provider !== 'string' || !Object.hasOwn(PROVIDERS, a.provider)) throw new CliError('AccountsFile', `${where}: provider must be volcengine, tencent or aliyun`, 2);
      if (a.name !== undefined && (typeof a.name !== 'string' || !/^[A-Za-z0-9._-]{1,64}$/.test(a.name))) {
        throw new CliError('AccountsFile', `${where}: name must be 1 to 64 letters, digits, dots, dashes or underscores (it is written before a target: NAME/provider:target)`, 2);
      }
      if (a.env !== undefined && typeof a.env !== 'boolean') throw new CliError('AccountsFile', `${where}: env must be true or false`, 2);
      const name = a.name ?? `${a.provider}-${i + 1}`;
      if (names.has(name)) throw new CliError('AccountsFile', `${where}: the name ${name} is used twice`, 2);
      names.add(name);
      const creds = a.profile ? fromProfile(a.provider, a.profile, { required: true })
        : a.accessKeyId && a.secretAccessKey ? { accessKeyId: a.accessKeyId, secretAccessKey: a.secretAccessKey, sessionToken: a.sessionToken || undefined }
          : a.env === true ? fromEnv(a.provider) : null;
      if (!creds) throw new CliError('AccountsFile', `${where} (${name}): give a profile, accessKeyId and secretAccessKey, or "env": true`, 2);
      list.push({ name, provider: a.provider, options: { ...common, ...pick(creds), ...(a.site ? { site: a.site } : {}), ...(a.region ? { region: a.region } : {}), ...(a.endpoint ? { endpoint: a.endpoint } : {}) } });
    });
  } else {
    /** @type {CliError | null} */
    let unknownProfile = null;
    for (const provider of Object.keys(PROVIDERS)) {
      let creds;
      try {
        creds = credentialsOf(provider, values);
      } catch (e) {
        // --profile NAME over several clouds: a CLI that has no profile of that name is skipped;
        // only when none has it is it an error.
        if (values.profile && e instanceof CliError && e.code === 'UnknownProfile') { unknownProfile = e; continue; }
        throw e;
      }
      if (creds) list.push({ name: values.profile ?? provider, provider, options: { ...common, ...pick(creds) } });
    }
    if (!list.length && unknownProfile) throw new CliError('UnknownProfile', `no cloud CLI here has a profile named ${values.profile} (tccli, aliyun, ve)`, 2);
  }
  // The international site is Tencent's and ESA's; Volcengine has none here and stays on its one.
  if (values.site) for (const a of list) if (a.provider !== 'volcengine' || values.site === 'cn') a.options.site = values.site;
  const named = values.account ? list.filter((a) => a.name === values.account) : list;
  if (values.account && !named.length) throw new CliError('UnknownAccount', `no account named ${values.account} (there are: ${list.map((a) => a.name).join(', ')})`, 2);
  const kept = only ? named.filter((a) => a.provider === only) : named;
  if (!kept.length) {
    const vars = Object.values(PROVIDERS).map((p) => `${p.env[0][0]}/${p.env[1][0]}`).join(', ');
    const where = file ? ` (${file} names ${list.length ? list.map((a) => `${a.name}: ${a.provider}`).join(', ') : 'no account'})` : '';
    throw new CliError('MissingCredentials', `no ${only ?? 'cloud'} has credentials${where}: set ${vars}, use --profile NAME (tccli, aliyun, ve), --credentials FILE or a liveops.json`, 1);
  }
  return kept;
}

function pick(c) {
  /** @type {Record<string, any>} */
  const out = { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey };
  if (c.sessionToken) out.sessionToken = c.sessionToken;
  if (c.region) out.region = c.region;
  if (c.site) out.site = c.site;
  return out;
}

function number(value, option) {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new CliError('InvalidOption', `--${option} takes a number`, 2);
  return n;
}

/** What every client of this command line shares: endpoint, region, timeout, retries. */
export function clientCommon(values) {
  if (values.site !== undefined && values.site !== 'cn' && values.site !== 'intl') throw new CliError('InvalidOption', '--site takes cn or intl', 2);
  /** @type {Record<string, any>} */
  const out = {};
  const endpoint = values.endpoint ?? process.env.LIVEOPS_ENDPOINT;
  if (endpoint) out.endpoint = endpoint;
  if (values.region) out.region = values.region;
  const timeout = number(values.timeout, 'timeout');
  if (timeout !== undefined) out.timeout = timeout;
  const retries = number(values['max-retries'], 'max-retries');
  if (retries !== undefined) out.maxRetries = retries;
  return out;
}

/** A client of an account. */
export function clientOf(account) {
  try {
    return new PROVIDERS[account.provider].Client(account.options);
  } catch (e) {
    const words = String(e.message);
    throw new CliError(e.code ?? 'InvalidOption', words.startsWith(`${account.name} `) ? words : `${account.name}: ${words}`, 2);
  }
}

/** The one client of `provider` (for call, bulk): as the credentials are found. */
export function singleClient(provider, values) {
  // Keys given for this run (a file, a profile) come first; else a liveops.json names the account.
  if (!values.credentials && !values.profile && (values.account || accountsFile(values))) {
    const mine = accounts(values, { only: provider });
    const chosen = values.account ? mine.filter((a) => a.name === values.account) : mine;
    if (!chosen.length) throw new CliError('UnknownAccount', `no ${provider} account named ${values.account} (there are: ${mine.map((a) => a.name).join(', ')})`, 2);
    if (chosen.length > 1) throw new CliError('AmbiguousAccount', `${provider} has several accounts (${chosen.map((a) => a.name).join(', ')}): choose one with --account NAME`, 2);
    return clientOf(chosen[0]);
  }
  const creds = credentialsOf(provider, values);
  if (!creds) {
    const [a, b] = PROVIDERS[provider].env;
    throw new CliError('MissingCredentials', `no ${provider} credentials: set ${a.join(' or ')} and ${b.join(' or ')}, use --profile NAME, or --credentials FILE`);
  }
  /** @type {Record<string, any>} */
  const options = { ...clientCommon(values), ...pick(creds) };
  if (values.site) options.site = values.site;
  return clientOf({ name: provider, provider, options });
}
