#!/usr/bin/env node
// `liveops`: the package's command line for scripts and cron jobs, over the package's own exports.
// Credentials come from the environment (each cloud's own variables) or --credentials FILE, never
// from flags (they would show in `ps`). Results go to stdout as JSON; errors to stderr as one JSON
// object. Exit codes: 0 success, 1 failure, 2 a payload the cloud would refuse (nothing sent).
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { validate, runBatch, certificateInventory, VolcengineLive, TencentLive, AliyunEsa } from './liveops.node.mjs';
import { startForwarder } from './forward.mjs';

const PROVIDERS = {
  volcengine: {
    Client: VolcengineLive,
    env: [['VOLCENGINE_ACCESS_KEY', 'VOLC_ACCESSKEY'], ['VOLCENGINE_SECRET_KEY', 'VOLC_SECRETKEY'], ['VOLCENGINE_SESSION_TOKEN']],
  },
  tencent: {
    Client: TencentLive,
    env: [['TENCENTCLOUD_SECRET_ID'], ['TENCENTCLOUD_SECRET_KEY'], ['TENCENTCLOUD_SESSION_TOKEN']],
  },
  aliyun: {
    Client: AliyunEsa,
    env: [['ALIBABA_CLOUD_ACCESS_KEY_ID'], ['ALIBABA_CLOUD_ACCESS_KEY_SECRET'], ['ALIBABA_CLOUD_SECURITY_TOKEN']],
  },
};

const HELP = {
  main: `liveops: sign, validate and call Volcengine Live, Tencent Cloud Live and Alibaba Cloud ESA

Usage: liveops <command> [options]

Commands:
  call <provider> <Action> [payload]      validate, sign and send; the result as JSON on stdout
  validate <provider> <Action> [payload]  the validation report as JSON on stdout
  bulk <provider> <Action> <file>         one call per line; one outcome per line as JSON on stdout
  certs                                   every certificate on every cloud with credentials
  forward --listen HOST:PORT              the CORS forwarding server for browser consoles

Providers: volcengine, tencent, aliyun. A payload is JSON text, @file.json, or - for stdin.
Credentials come from the environment (see \`liveops call --help\`) or --credentials FILE.

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
  --dry-run             print method, URL, headers (token masked), canonical request and string to
                        sign; send nothing

Credentials (each cloud's own variables):
  volcengine  VOLCENGINE_ACCESS_KEY (or VOLC_ACCESSKEY), VOLCENGINE_SECRET_KEY (or VOLC_SECRETKEY)
  tencent     TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY, TENCENTCLOUD_SESSION_TOKEN
  aliyun      ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET, ALIBABA_CLOUD_SECURITY_TOKEN

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
  --credentials FILE      as for \`liveops call\`; --timeout, --max-retries as well

Example (cron: alert when anything expires within two weeks):
  liveops certs --expiring-within 14 --format csv > expiring.csv || mail -s "certificates" ops@example.com < expiring.csv
`,
  validate: `Usage: liveops validate <provider> <Action> [payload] [--locale en|zh]

Prints the validation report as JSON on stdout; exit 0 when it is ok, 1 otherwise. Needs no
credentials and sends nothing.

Example:
  echo '{"Domain":"play.example.com"}' | liveops validate volcengine UnbindCert -
`,
};

/** A failure of the command itself, reported like the library's errors. */
class CliError extends Error {
  constructor(code, message, exit = 1) {
    super(message);
    this.name = 'ConfigError';
    this.code = code;
    this.exit = exit;
  }
}

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
      text = readFileSync(arg.slice(1), 'utf8');
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

/** The credentials of `name` from --credentials FILE, else from the cloud's variables. */
function credentials(name, file) {
  if (file) {
    let all;
    try {
      all = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      throw new CliError('CredentialsFile', `cannot read the credentials file ${file} as JSON`);
    }
    const c = all?.[name];
    if (!c?.accessKeyId || !c?.secretAccessKey) throw new CliError('MissingCredentials', `${file} has no accessKeyId and secretAccessKey for ${name}`);
    return { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken || undefined };
  }
  const [id, secret, token] = PROVIDERS[name].env.map((names) => names.map((n) => process.env[n]).find((v) => v));
  if (!id || !secret) {
    const [a, b] = PROVIDERS[name].env;
    throw new CliError('MissingCredentials', `no ${name} credentials: set ${a.join(' or ')} and ${b.join(' or ')} (or use --credentials FILE)`);
  }
  return { accessKeyId: id, secretAccessKey: secret, sessionToken: token || undefined };
}

function number(value, option) {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new CliError('InvalidOption', `--${option} takes a number`);
  return n;
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
};

/** The clouds that have credentials, each as a client. */
function inventoryClients(values) {
  const clients = {};
  for (const [name, p] of Object.entries(PROVIDERS)) {
    try {
      clients[name] = makeClient(p, name, values);
    } catch (e) {
      // A cloud without credentials is left out; any other problem (an unreadable file) stops.
      if (e.code !== 'MissingCredentials') throw e;
    }
  }
  if (!Object.keys(clients).length) {
    const vars = Object.values(PROVIDERS).map((p) => `${p.env[0][0]}/${p.env[1][0]}`).join(', ');
    throw new CliError('MissingCredentials', `no cloud has credentials: set ${vars} (or use --credentials FILE)`);
  }
  return clients;
}

function certsTable(certs) {
  const rows = [['CLOUD', 'NAME', 'ID', 'NOT AFTER (UTC)', 'DAYS', 'STATE', 'BOUND TO'],
    ...certs.map((c) => [c.provider, c.name, c.id, c.notAfter ?? '-', c.daysLeft ?? '-', c.state,
      c.boundTo.length > 2 ? `${c.boundTo.slice(0, 2).join(', ')} +${c.boundTo.length - 2}` : c.boundTo.join(', ') || '-'].map(String))];
  const widths = rows[0].map((_, i) => Math.min(48, Math.max(...rows.map((r) => r[i].length))));
  return rows.map((r) => r.map((cell, i) => (cell.length > widths[i] ? cell.slice(0, widths[i] - 1) + '…' : cell.padEnd(widths[i]))).join('  ').trimEnd()).join('\n') + '\n';
}

function certsCsv(certs) {
  const q = (v) => `"${String(v ?? '').replace(/"/g, '""')}"`;
  return [['provider', 'id', 'name', 'domains', 'boundTo', 'notBefore', 'notAfter', 'daysLeft', 'state', 'siteId'],
    ...certs.map((c) => [c.provider, c.id, c.name, c.domains.join(' '), c.boundTo.join(' '), c.notBefore, c.notAfter, c.daysLeft, c.state, c.siteId])]
    .map((r) => r.map(q).join(',')).join('\n') + '\n';
}

async function certs(values) {
  let within;
  if (values['expiring-within'] !== undefined) {
    within = Number(values['expiring-within']);
    if (!Number.isInteger(within) || within < 0 || within > 36500) throw new CliError('InvalidOption', '--expiring-within takes a whole number of days (0 to 36500)', 2);
  }
  const format = values.format ?? (process.stdout.isTTY ? 'table' : 'json');
  if (!['table', 'json', 'csv'].includes(format)) throw new CliError('InvalidOption', '--format takes table, json or csv', 2);
  const clients = inventoryClients(values);
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  const inv = await certificateInventory(clients, {
    signal: controller.signal,
    onProgress: process.stderr.isTTY ? (p) => process.stderr.write(`\r${p.provider} ${p.action} page ${p.page} (${p.rows})`.padEnd(60)) : undefined,
  });
  if (process.stderr.isTTY) process.stderr.write('\r'.padEnd(61) + '\r');
  for (const e of inv.errors) {
    process.stderr.write(JSON.stringify({ provider: e.provider, ...(e.siteId !== undefined ? { siteId: e.siteId } : {}), ...errorFields(e.error) }) + '\n');
  }
  const inWindow = (c) => within !== undefined && c.daysLeft !== null && c.daysLeft <= within && c.state !== 'pending' && c.state !== 'failed';
  const shown = within === undefined ? inv.certificates : inv.certificates.filter(inWindow);
  if (format === 'json') process.stdout.write(JSON.stringify(shown.map(({ raw: _raw, ...c }) => c), null, 2) + '\n');
  else if (format === 'csv') process.stdout.write(certsCsv(shown));
  else process.stdout.write(certsTable(shown));
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

/** The client of `name` with the credentials and the options of the command line. */
function makeClient(p, name, values) {
  return new p.Client({
    ...credentials(name, values.credentials),
    endpoint: values.endpoint ?? process.env.LIVEOPS_ENDPOINT ?? undefined,
    region: values.region,
    timeout: number(values.timeout, 'timeout'),
    maxRetries: number(values['max-retries'], 'max-retries'),
  });
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
    return bulk(makeClient(p, name, values), action, items, values);
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
  const client = makeClient(p, name, values);
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
