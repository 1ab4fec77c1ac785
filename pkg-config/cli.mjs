#!/usr/bin/env node
// `liveops`: the package's command line for scripts and cron jobs, over the package's own exports.
// Credentials come from the environment (each cloud's own variables) or --credentials FILE, never
// from flags (they would show in `ps`). Results go to stdout as JSON; errors to stderr as one JSON
// object. Exit codes: 0 success, 1 failure, 2 a payload the cloud would refuse (nothing sent).
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { validate, runBatch, certificateInventory } from './liveops.node.mjs';
import { startForwarder } from './forward.mjs';
import { PROVIDERS, CliError, accounts, clientOf, singleClient, readBounded } from './accounts.mjs';
import { deploy, prune } from './rotate.mjs';

const HELP = {
  main: `liveops: sign, validate and call Volcengine Live, Tencent Cloud Live and Alibaba Cloud ESA

Usage: liveops <command> [options]

Commands:
  call <provider> <Action> [payload]      validate, sign and send; the result as JSON on stdout
  validate <provider> <Action> [payload]  the validation report as JSON on stdout
  bulk <provider> <Action> <file>         one call per line; one outcome per line as JSON on stdout
  certs                                   every certificate on every cloud with credentials
  deploy --cert F --key K --to P:TARGET   put a certificate everywhere it should be (converges)
  prune                                   the certificates that could be deleted (--yes deletes)
  forward --listen HOST:PORT              the CORS forwarding server for browser consoles

Providers: volcengine, tencent, aliyun. A payload is JSON text, @file.json, or - for stdin.
Credentials (see \`liveops call --help\`): --credentials FILE, --profile NAME (the clouds' own CLI
profiles: tccli, aliyun, ve), each cloud's variables, or the CLIs' current profiles; a liveops.json
names several accounts. --site intl: the clouds' international sites.

Example:
  VOLCENGINE_ACCESS_KEY=AK… VOLCENGINE_SECRET_KEY=… liveops call volcengine ListCertV2 '{"Available":true}'
`,
  call: `Usage: liveops call <provider> <Action> [payload] [options]

Validates the payload (a refusal: the report on stderr, exit 2, nothing sent), signs, sends with the
library's client (retries where safe, rate limit, timeout) and prints the result as JSON (exit 0).
A failure is one JSON object on stderr (name, code, message, requestId, httpStatus, retryable),
exit 1.

Options:
  --endpoint URL        another endpoint (the emulator, a forwarder); also LIVEOPS_ENDPOINT
  --region REGION       the signing region / regional host
  --timeout MS          per attempt (default 10000)
  --max-retries N       retries of retryable failures (default 3)
  --locale en|zh        the language of validation messages
  --credentials FILE    JSON: { "volcengine": { "accessKeyId", "secretAccessKey", "sessionToken" }, … }
  --profile NAME        the clouds' own CLI profiles: ~/.tccli/NAME.credential, ~/.aliyun/config.json,
                        ~/.volcengine/config.json (profile NAME in each)
  --site cn|intl        the cloud's China (default) or international site
  --accounts FILE       a liveops.json (also LIVEOPS_ACCOUNTS, or ./liveops.json): its account of
                        this cloud; --account NAME when it names several
  --dry-run             print method, URL, headers (token masked), canonical request and string to
                        sign; send nothing

Credentials, the first that is there: --credentials FILE; --profile NAME; a liveops.json; each
cloud's variables
  volcengine  VOLCENGINE_ACCESS_KEY (or VOLC_ACCESSKEY), VOLCENGINE_SECRET_KEY (or VOLC_SECRETKEY)
  tencent     TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY, TENCENTCLOUD_SESSION_TOKEN
  aliyun      ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET, ALIBABA_CLOUD_SECURITY_TOKEN
then the profile the clouds' variables name (TCCLI_PROFILE, ALIBABA_CLOUD_PROFILE), then the CLIs'
current profiles. A profile whose mode needs more than keys (RamRoleArn, SSO, a role) is refused,
naming the mode. A configuration file that others can read is warned about.

Example:
  liveops call tencent ModifyLiveDomainCertBindings @bind.json --dry-run
`,
  bulk: `Usage: liveops bulk <provider> <Action> <file> [options]

One call per line of <file> (- for stdin): a JSON payload, or a bare value placed into the field
named by --field. Blank lines are skipped. Each outcome is one JSON line on stdout, as it ends:
{ index, item, status: succeeded | failed | notStarted, result | error }. Progress goes to stderr
(a live bar on a terminal, a line every second otherwise). Exit 0 when every item succeeded, 1
otherwise. Ctrl-C stops starting items and lets those in flight finish (a second Ctrl-C aborts
them); every outcome is still written.

Options:
  --field NAME          the payload field a bare line goes into (e.g. Domain)
  --concurrency N       items in flight at once (default 4; the rate limit still paces them)
  --resume FILE         skip the items that succeeded in an earlier run's outcomes (JSON lines)
  and the options of \`liveops call\` (not --dry-run)

Example:
  liveops bulk volcengine UnbindCert domains.txt --field Domain > outcomes.jsonl
  liveops bulk volcengine UnbindCert domains.txt --field Domain --resume outcomes.jsonl >> outcomes.jsonl
`,
  forward: `Usage: liveops forward --listen HOST:PORT [--allow-origin ORIGIN]…

A forwarding server for browser consoles: /forward/{host}/… passes a request signed for one of the
clouds' official API hosts through to that host unchanged (the clouds answer no CORS). Every other
host is refused; nothing is stored. With --allow-origin, only those browser origins may call it
(else any). On its own failures it answers x-liveops-forward: not-sent (nothing reached the cloud)
or sent (the outcome is unknown).

Options:
  --listen HOST:PORT     where to listen (default 127.0.0.1:8788)
  --allow-origin ORIGIN  a browser origin that may call it; repeat for more

Example:
  liveops forward --listen 127.0.0.1:8788 --allow-origin http://localhost:5173
  (then endpoint: 'http://127.0.0.1:8788/forward/live.volcengineapi.com' in the console's client)
`,
  certs: `Usage: liveops certs [--expiring-within DAYS] [--format table|json|csv] [options]

The certificates of every cloud that has credentials (each cloud's variables, or --credentials
FILE): all pages, every ESA site, soonest expiry first, as one inventory (cloud, id, name, names
covered, where bound, not after in UTC, days left, state: valid, expiring, expired, pending, failed).
A cloud that cannot be listed is reported on stderr; the others are still listed.

Exit codes: 3 when a certificate expires within --expiring-within DAYS (expired ones count), so a
cron job can alert on it; 1 when a cloud could not be listed (and none is in the window); 0 else.

Options:
  --expiring-within DAYS  list only certificates with at most DAYS days left (and expired ones)
  --format table|json|csv table on a terminal, json otherwise
  --endpoint URL          another endpoint for every cloud (the emulator); also LIVEOPS_ENDPOINT
  --credentials FILE      as for \`liveops call\`; --profile, --site, --timeout, --max-retries as well
  --accounts FILE         a liveops.json naming several accounts per cloud (also LIVEOPS_ACCOUNTS,
                          or ./liveops.json): { "accounts": [ { "name", "provider", "profile" |
                          "accessKeyId" + "secretAccessKey" | "env": true, "site"? } ] }; every
                          certificate then names its account

Columns (json and csv): provider, id, name, domains, boundTo, notBefore, notAfter, daysLeft,
state, siteId, account, fingerprintSha256 (the table: the same, the SHA-256 shortened, ACCOUNT
when a cloud has several accounts).

Example (cron: alert when anything expires within two weeks):
  liveops certs --expiring-within 14 --format csv > expiring.csv || mail -s "certificates" ops@example.com < expiring.csv
`,
  deploy: `Usage: liveops deploy (--cert FULLCHAIN.pem --key KEY.pem | --from-hook) [targets] [options]

Puts one certificate onto domains and ESA sites across the clouds, converging: a target that
serves it already is left alone (unchanged), one whose cloud has it is bound to that copy, and it is
uploaded once per cloud for the others. Running it twice sends no write the second time; after a
failure, a timeout or an unknown outcome, running it again sends only what is missing. Progress on
stderr (a bar on a terminal); one JSON outcome per target on stdout:
{ account, target, status: deployed | unchanged | failed | unknown | notStarted, certificateId,
replaced, error }. It goes on past a target that fails.

Targets:
  --to PROVIDER:TARGET   volcengine:DOMAIN, tencent:DOMAIN, aliyun:SITE (an ESA site by id or name);
                         ACCOUNT/PROVIDER:TARGET when a cloud has several accounts. Repeat it.
  --targets FILE         one target a line as for --to (# comments, blank lines skipped)
  --replace              every domain and site, on every cloud with credentials, that serves a
                         certificate covering one of the new one's names and expiring sooner
Options:
  --plan                 print what would happen per target (unchanged, bind, upload, refuse; what
                         it replaces), one JSON line each; write nothing
  --from-hook            take the certificate and key from an ACME client's renewal hook:
                         certbot RENEWED_LINEAGE (fullchain.pem, privkey.pem), acme.sh
                         CERT_FULLCHAIN_PATH and CERT_KEY_PATH, lego LEGO_CERT_PATH and
                         LEGO_CERT_KEY_PATH; without targets it means --replace
  --prune                after a rotation in which every target succeeded, delete the certificates
                         it replaced (those bound nowhere now; never what was just deployed)
  --name NAME            the name it is uploaded under (default: its first name and expiry date)
  --profile, --accounts FILE, --site, --credentials, --endpoint, --timeout, --max-retries as for call

Exit codes: 0 every target deployed or unchanged; 1 one failed (or was not started), or, in a
rotation, a cloud could not be listed; 4 an outcome is unknown (a write was cut off: running the
same command again is safe); 2 bad input, nothing sent (unreadable files, a key that is not the
certificate's, an expired certificate, a target it does not cover, an unknown profile, a malformed
targets file: the line is named). --plan: 0, or 1 when a target would be refused.

Examples:
  liveops deploy --cert fullchain.pem --key privkey.pem --to volcengine:play.example.com --to aliyun:example.com --plan
  certbot renew --deploy-hook 'liveops deploy --from-hook'
  acme.sh --install-cert -d example.com --reloadcmd 'liveops deploy --from-hook'
  lego --email me@example.com -d example.com --http renew --renew-hook 'liveops deploy --from-hook'
`,
  prune: `Usage: liveops prune [--expired] [--unbound] [--provider P] [--yes] [options]

Lists the certificates that could be deleted, one JSON line each with why (status: wouldDelete):
expired ones bound to no domain (Volcengine; Tencent's SSL service, where certificates uploaded
through Live are kept), and ESA's expired certificates per site (they still count against the
site's quota: what each site frees is said on stderr). --unbound adds those that have not expired
but serve nothing (bound nowhere; on an ESA site, outlived by another that covers their names).
Never one that is bound, pending or failed, nor what the last deploy put in place. Deletes only
with --yes, one JSON outcome each (deleted | failed).

Options:
  --expired              expired certificates (the default)
  --unbound              unused ones too, expired or not
  --provider P           only this cloud
  --yes                  delete them
  --profile, --accounts FILE, --site, --credentials, --endpoint as for call

Exit codes: 0, or 1 when a deletion failed or a cloud could not be listed; 2 bad input (nothing
deleted). What one of the last 20 deploys put in place is never a candidate.
`,
  validate: `Usage: liveops validate <provider> <Action> [payload] [--locale en|zh]

Prints the validation report as JSON on stdout; exit 0 when it is ok, 1 otherwise. Needs no
credentials and sends nothing.

Example:
  echo '{"Domain":"play.example.com"}' | liveops validate volcengine UnbindCert -
`,
};

function fail(e) {
  const out = { name: e?.name ?? 'Error', code: e?.code ?? 'Error', message: String(e?.message ?? e) };
  for (const k of ['requestId', 'httpStatus', 'retryable', 'provider', 'action', 'option']) if (e && k in e) out[k] = e[k];
  process.stderr.write(JSON.stringify(out) + '\n');
  process.exitCode = e?.exit ?? 1;
}

function readPayload(arg) {
  if (arg === undefined) return {};
  let text = arg;
  if (arg === '-') text = readFileSync(0, 'utf8');
  else if (arg.startsWith('@')) {
    try {
      text = readBounded(arg.slice(1), 32 << 20);
    } catch (e) {
      throw new CliError('PayloadFile', `cannot read ${arg.slice(1)}: ${e.code ?? e.message}`);
    }
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new CliError('InvalidJson', 'the payload is not valid JSON');
  }
}

function provider(name) {
  if (!(name in PROVIDERS)) throw new CliError('UnknownProvider', `unknown provider ${JSON.stringify(name ?? '')}: expected volcengine, tencent or aliyun`);
  return PROVIDERS[name];
}

/** @type {import('node:util').ParseArgsConfig['options']} */
const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  endpoint: { type: 'string' },
  region: { type: 'string' },
  timeout: { type: 'string' },
  'max-retries': { type: 'string' },
  locale: { type: 'string' },
  credentials: { type: 'string' },
  'dry-run': { type: 'boolean' },
  field: { type: 'string' },
  concurrency: { type: 'string' },
  resume: { type: 'string' },
  listen: { type: 'string' },
  'allow-origin': { type: 'string', multiple: true },
  'expiring-within': { type: 'string' },
  format: { type: 'string' },
  profile: { type: 'string' },
  accounts: { type: 'string' },
  account: { type: 'string' },
  site: { type: 'string' },
  cert: { type: 'string' },
  key: { type: 'string' },
  to: { type: 'string', multiple: true },
  targets: { type: 'string' },
  plan: { type: 'boolean' },
  replace: { type: 'boolean' },
  'from-hook': { type: 'boolean' },
  prune: { type: 'boolean' },
  name: { type: 'string' },
  expired: { type: 'boolean' },
  unbound: { type: 'boolean' },
  provider: { type: 'string' },
  yes: { type: 'boolean' },
};

function certsTable(certs, withAccount) {
  // New columns go last: scripts that read the earlier ones by position keep working.
  const head = ['CLOUD', 'NAME', 'ID', 'NOT AFTER (UTC)', 'DAYS', 'STATE', 'BOUND TO', 'SHA-256', ...(withAccount ? ['ACCOUNT'] : [])];
  const rows = [head,
    ...certs.map((c) => [c.provider, c.name, c.id, c.notAfter ?? '-', c.daysLeft ?? '-', c.state,
      c.boundTo.length > 2 ? `${c.boundTo.slice(0, 2).join(', ')} +${c.boundTo.length - 2}` : c.boundTo.join(', ') || '-',
      c.fingerprintSha256 ? c.fingerprintSha256.slice(0, 12) : '-', ...(withAccount ? [c.account] : [])].map(String))];
  const widths = rows[0].map((_, i) => Math.min(48, Math.max(...rows.map((r) => r[i].length))));
  return rows.map((r) => r.map((cell, i) => (cell.length > widths[i] ? cell.slice(0, widths[i] - 1) + '…' : cell.padEnd(widths[i]))).join('  ').trimEnd()).join('\n') + '\n';
}

function certsCsv(certs) {
  const q = (v) => `"${String(v ?? '').replace(/"/g, '""')}"`;
  return [['provider', 'id', 'name', 'domains', 'boundTo', 'notBefore', 'notAfter', 'daysLeft', 'state', 'siteId', 'account', 'fingerprintSha256'],
    ...certs.map((c) => [c.provider, c.id, c.name, c.domains.join(' '), c.boundTo.join(' '), c.notBefore, c.notAfter, c.daysLeft, c.state, c.siteId, c.account, c.fingerprintSha256])]
    .map((r) => r.map(q).join(',')).join('\n') + '\n';
}

async function certs(values) {
  let within;
  if (values['expiring-within'] !== undefined) {
    // Decimal digits only: Number('') is 0 and Number('0x10') is 16, neither what was meant.
    within = /^\d{1,5}$/.test(values['expiring-within']) ? Number(values['expiring-within']) : NaN;
    if (!Number.isInteger(within) || within < 0 || within > 36500) throw new CliError('InvalidOption', '--expiring-within takes a whole number of days (0 to 36500)', 2);
  }
  const format = values.format ?? (process.stdout.isTTY ? 'table' : 'json');
  if (!['table', 'json', 'csv'].includes(format)) throw new CliError('InvalidOption', '--format takes table, json or csv', 2);
  const all = accounts(values);
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  const onProgress = process.stderr.isTTY ? (p) => process.stderr.write(`\r${p.provider} ${p.action} page ${p.page} (${p.rows})`.padEnd(60)) : undefined;
  // Every account side by side; each certificate names its account.
  const parts = await Promise.all(all.map(async (a) => ({ a, inv: await certificateInventory({ [a.provider]: clientOf(a) }, { signal: controller.signal, onProgress }) })));
  if (process.stderr.isTTY) process.stderr.write('\r'.padEnd(61) + '\r');
  const inv = {
    certificates: parts.flatMap(({ a, inv }) => inv.certificates.map((c) => ({ ...c, account: a.name })))
      .sort((x, y) => Number(x.notAfter === null) - Number(y.notAfter === null) || String(x.notAfter).localeCompare(String(y.notAfter))),
    errors: parts.flatMap(({ a, inv }) => inv.errors.map((e) => ({ ...e, account: a.name }))),
  };
  for (const e of inv.errors) {
    process.stderr.write(JSON.stringify({ provider: e.provider, account: e.account, ...(e.siteId !== undefined ? { siteId: e.siteId } : {}), ...errorFields(e.error) }) + '\n');
  }
  const inWindow = (c) => within !== undefined && c.daysLeft !== null && c.daysLeft <= within && c.state !== 'pending' && c.state !== 'failed';
  const shown = within === undefined ? inv.certificates : inv.certificates.filter(inWindow);
  if (format === 'json') process.stdout.write(JSON.stringify(shown.map(({ raw: _raw, ...c }) => c), null, 2) + '\n');
  else if (format === 'csv') process.stdout.write(certsCsv(shown));
  else process.stdout.write(certsTable(shown, all.length > new Set(all.map((a) => a.provider)).size));
  process.exitCode = shown.some(inWindow) ? 3 : inv.errors.length ? 1 : 0;
}

async function forward(values) {
  const listen = values.listen ?? '127.0.0.1:8788';
  const m = /^(.+):(\d{1,5})$/.exec(listen);
  if (!m || Number(m[2]) > 65535) throw new CliError('InvalidOption', '--listen takes HOST:PORT', 2);
  const origins = values['allow-origin'] ?? [];
  for (const o of origins) {
    try {
      if (new URL(o).origin !== o) throw new Error();
    } catch {
      throw new CliError('InvalidOption', `--allow-origin takes an origin such as http://localhost:5173, not ${JSON.stringify(o)}`, 2);
    }
  }
  const server = await startForwarder({
    host: m[1].replace(/^\[|\]$/g, ''), port: Number(m[2]), allowOrigins: origins,
    upstream: process.env.LIVEOPS_FORWARD_UPSTREAM, log: (line) => { process.stderr.write(line + '\n'); },
  });
  process.stdout.write(`liveops forward listening on ${server.url}/forward/{official host}/\n`);
  if (!origins.length) process.stderr.write('liveops forward: any browser origin may call it; limit with --allow-origin\n');
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** The lines of a bulk file as items: parsed JSON objects, or bare values put into `field`. */
function bulkItems(text, field) {
  const items = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    if (line.startsWith('{')) {
      try {
        items.push(JSON.parse(line));
      } catch {
        throw new CliError('InvalidJson', `line ${i + 1} is not valid JSON`, 2);
      }
    } else if (field) {
      items.push({ [field]: line });
    } else {
      throw new CliError('MissingField', `line ${i + 1} is not JSON: give --field NAME to place bare values`, 2);
    }
  });
  return items;
}

/** Indexes that succeeded in an earlier run, for the same items. */
function succeeded(file, items) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new CliError('ResumeFile', `cannot read ${file}: ${e.code ?? e.message}`);
  }
  const done = new Set();
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let o;
    try { o = JSON.parse(line); } catch { continue; }
    if (o?.status === 'succeeded' && Number.isInteger(o.index) && JSON.stringify(items[o.index]) === JSON.stringify(o.item)) done.add(o.index);
  }
  return done;
}

function errorFields(e) {
  const out = { name: e?.name ?? 'Error', code: e?.code ?? 'Error', message: String(e?.message ?? e) };
  for (const k of ['requestId', 'httpStatus', 'retryable']) if (e && k in e) out[k] = e[k];
  return out;
}

async function bulk(client, action, items, values) {
  const concurrency = values.concurrency === undefined ? 4 : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 100) throw new CliError('InvalidOption', '--concurrency takes a whole number from 1 to 100', 2);
  const skip = values.resume ? succeeded(values.resume, items) : new Set();
  const todo = items.map((item, index) => ({ item, index })).filter(({ index }) => !skip.has(index));
  const write = (o) => process.stdout.write(JSON.stringify(o) + '\n');
  // First Ctrl-C: start nothing more, let calls in flight finish; second: abort them too.
  const stop = new AbortController();
  const hard = new AbortController();
  const onSigint = () => (stop.signal.aborted ? hard.abort() : stop.abort());
  process.on('SIGINT', onSigint);
  const tty = process.stderr.isTTY;
  let finished = 0;
  let failed = 0;
  let last = 0;
  const progress = (force) => {
    const now = Date.now();
    if (!tty && !force && now - last < 1000) return;
    last = now;
    const line = `${finished}/${todo.length} done, ${failed} failed${skip.size ? `, ${skip.size} skipped (resumed)` : ''}`;
    if (tty) {
      const width = 24;
      const filled = todo.length ? Math.round((finished / todo.length) * width) : width;
      process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${line}`);
    } else {
      process.stderr.write(`liveops bulk: ${line}\n`);
    }
  };
  const outcomes = await runBatch(todo, async ({ item, index }) => {
    try {
      const result = await client.call(action, item, { signal: hard.signal });
      write({ index, item, status: 'succeeded', result });
      return result;
    } catch (e) {
      failed += 1;
      write({ index, item, status: 'failed', error: errorFields(e) });
      throw e;
    } finally {
      finished += 1;
      progress(false);
    }
  }, { concurrency, signal: stop.signal });
  for (const o of outcomes) if (o.status === 'notStarted') write({ index: o.item.index, item: o.item.item, status: 'notStarted' });
  progress(true);
  if (tty) process.stderr.write('\n');
  process.off('SIGINT', onSigint);
  process.exitCode = outcomes.every((o) => o.status === 'succeeded') ? 0 : 1;
}

async function main(argv) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    throw new CliError('UnknownOption', e.message, 2);
  }
  const { values, positionals } = parsed;
  const [command, name, action, payloadArg, ...extra] = positionals;
  if (command !== 'bulk' && (values.field || values.concurrency || values.resume)) throw new CliError('UnknownOption', '--field, --concurrency and --resume are options of bulk', 2);
  const deployOnly = ['cert', 'key', 'to', 'targets', 'plan', 'replace', 'from-hook', 'prune', 'name'].filter((k) => values[k] !== undefined);
  if (command !== 'deploy' && deployOnly.length) throw new CliError('UnknownOption', `--${deployOnly[0]} is an option of deploy`, 2);
  if (command !== 'call' && values['dry-run']) {
    throw new CliError('UnknownOption', `--dry-run is an option of call${command === 'deploy' ? ' (deploy --plan writes nothing)' : command === 'prune' ? ' (prune without --yes deletes nothing)' : ''}`, 2);
  }
  const pruneOnly = ['expired', 'unbound', 'provider', 'yes'].filter((k) => values[k] !== undefined);
  if (command !== 'prune' && pruneOnly.length) throw new CliError('UnknownOption', `--${pruneOnly[0]} is an option of prune`, 2);
  if (command === 'deploy' || command === 'prune') {
    if (values.help) return void process.stdout.write(HELP[command]);
    if (name !== undefined) throw new CliError('TooManyArguments', `unexpected arguments: ${positionals.slice(1).join(' ')}`, 2);
    process.exitCode = command === 'deploy' ? await deploy(values) : await prune(values);
    return;
  }
  if (command !== 'forward' && (values.listen || values['allow-origin'])) throw new CliError('UnknownOption', '--listen and --allow-origin are options of forward', 2);
  if (command !== 'certs' && (values['expiring-within'] !== undefined || values.format)) throw new CliError('UnknownOption', '--expiring-within and --format are options of certs', 2);
  if (command === 'certs') {
    if (values.help) return void process.stdout.write(HELP.certs);
    if (name !== undefined) throw new CliError('TooManyArguments', `unexpected arguments: ${positionals.slice(1).join(' ')}`, 2);
    return certs(values);
  }
  if (command === 'forward') {
    if (values.help) return void process.stdout.write(HELP.forward);
    if (name !== undefined) throw new CliError('TooManyArguments', `unexpected arguments: ${positionals.slice(1).join(' ')}`, 2);
    return forward(values);
  }
  if (!command || command === 'help') return void process.stdout.write(HELP.main);
  if (!(command in HELP) || command === 'main') throw new CliError('UnknownCommand', `unknown command ${JSON.stringify(command)}: see liveops --help`, 2);
  if (values.help) return void process.stdout.write(HELP[command]);
  if (extra.length) throw new CliError('TooManyArguments', `unexpected arguments: ${extra.join(' ')}`, 2);
  const p = provider(name);
  if (!action) throw new CliError('MissingAction', 'give the Action, e.g. ListCertV2', 2);
  const locale = values.locale ?? 'en';
  if (locale !== 'en' && locale !== 'zh') throw new CliError('InvalidOption', '--locale takes en or zh', 2);
  if (command === 'bulk') {
    if (payloadArg === undefined) throw new CliError('MissingFile', 'give the file of items (- for stdin)', 2);
    let text;
    try {
      text = readFileSync(payloadArg === '-' ? 0 : payloadArg, 'utf8');
    } catch (e) {
      throw new CliError('BulkFile', `cannot read ${payloadArg}: ${e.code ?? e.message}`);
    }
    const items = bulkItems(text, values.field);
    return bulk(singleClient(name, values), action, items, values);
  }
  const payload = readPayload(payloadArg);
  const report = validate(name, action, payload, { locale });

  if (command === 'validate') {
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
    process.exitCode = report.ok ? 0 : 1;
    return;
  }

  if (!report.ok) {
    process.stderr.write(JSON.stringify(report, null, 2) + '\n');
    process.exitCode = 2;
    return;
  }
  const client = singleClient(name, values);
  if (values['dry-run']) {
    const preview = client.preview(action, payload);
    process.stdout.write(JSON.stringify({
      method: preview.method, url: preview.url, headers: preview.headers,
      canonicalRequest: preview.canonicalRequest, stringToSign: preview.stringToSign,
    }, null, 2) + '\n');
    return;
  }
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  const result = await client.call(action, payload, { signal: controller.signal });
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
}

main(process.argv.slice(2)).catch(fail);
