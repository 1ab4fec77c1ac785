// Answers and errors, rendered as text: per-domain bind outcomes, the certificate table (human
// expiry words, days left, local time with the zone, search, filter, export), and errors with the
// server's string to sign beside ours when a signature did not match.
import { h, clear, append, copyButton, download, csv } from './dom';
import { t, tf } from './i18n';
import { explain } from './errors';
import { expiringDays } from 'liveops';

interface Cert {
  CertID: string;
  CertName: string;
  CertDomainList?: string[];
  NotBefore?: string;
  NotAfter?: string;
  Status: string;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** "in 12 h" / "3 days": the distance to `ms`, rounded as a person says it. */
function span(ms: number): string {
  const a = Math.abs(ms);
  if (a < HOUR) return tf('minutes', { n: Math.max(1, Math.round(a / 60_000)) });
  if (a < 2 * DAY) return tf('hours', { n: Math.round(a / HOUR) });
  return tf('days', { n: Math.floor(a / DAY) });
}

/** Local time with its zone, year first whatever the language: `2030-01-01 08:00 GMT+8`. */
export function localTime(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-GB', {
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short',
  }).formatToParts(d);
  const p = (type: string) => parts.find((x) => x.type === type)?.value ?? '';
  return `${p('year')}-${p('month')}-${p('day')} ${p('hour')}:${p('minute')} ${p('timeZoneName')}`;
}

type Judged = { kind: 'expired' | 'expiring' | 'valid' | 'disabled'; words: string; days: number | null };

/** What a person needs of a certificate's expiry. A disabled certificate is never a green OK. */
export function judge(c: Cert, disabled: boolean, now = Date.now()): Judged {
  const end = c.NotAfter ? new Date(c.NotAfter).getTime() : NaN;
  const left = end - now;
  const days = Number.isNaN(end) ? null : Math.floor(left / DAY);
  if (disabled) return { kind: 'disabled', words: t('disabled'), days };
  if (Number.isNaN(end)) return { kind: 'valid', words: c.Status, days };
  if (left <= 0) return { kind: 'expired', words: tf('expiredAgo', { t: span(left) }), days };
  return { kind: left <= expiringDays() * DAY ? 'expiring' : 'valid', words: tf('expiresIn', { t: span(left) }), days };
}

export function renderCertTable(target: HTMLElement, certs: Cert[], disabled: boolean): void {
  type SortKey = 'CertName' | 'CertID' | 'NotAfter';
  let key: SortKey = 'NotAfter';
  let asc = true;
  let query = '';
  let filter = 'all';
  const table = h('table', { class: 'certs' });
  const search = h('input', { type: 'search', id: 'cert-search', placeholder: t('search'), 'aria-label': t('search') });
  const status = h('select', { id: 'cert-filter', 'aria-label': t('filterStatus') },
    ...[['all', t('all')], ['valid', t('valid')], ['expiring', tf('expiring', { n: expiringDays() })], ['expired', t('expired')], ['disabled', t('disabled')]].map(([v, l]) => h('option', { value: v }, l)));
  const shown = (): Cert[] => {
    const q = query.trim().toLowerCase();
    return [...certs]
      .filter((c) => filter === 'all' || judge(c, disabled).kind === filter)
      .filter((c) => !q || [c.CertName, c.CertID, ...(c.CertDomainList ?? [])].some((x) => String(x).toLowerCase().includes(q)))
      .sort((a, b) => {
        const va = String(a[key] ?? '');
        const vb = String(b[key] ?? '');
        const r = va < vb ? -1 : va > vb ? 1 : 0;
        return asc ? r : -r;
      });
  };
  const rowsOf = (list: Cert[]) => list.map((c) => {
    const j = judge(c, disabled);
    return { CertName: c.CertName, CertID: c.CertID, CertDomainList: (c.CertDomainList ?? []).join(' '), NotAfter: c.NotAfter ?? '', DaysLeft: j.days ?? '', Status: c.Status, State: j.kind };
  });
  const draw = () => {
    clear(table);
    const th = (k: SortKey, label: string) => h('th', { 'aria-sort': key === k ? (asc ? 'ascending' : 'descending') : 'none' },
      h('button', { type: 'button', class: 'sort', 'data-sort': k, onclick: () => { asc = key === k ? !asc : true; key = k; draw(); } },
        label + (key === k ? (asc ? ' ▲' : ' ▼') : '')));
    table.append(
      h('thead', {}, h('tr', {}, th('CertName', 'CertName'), th('CertID', 'CertID'), h('th', {}, 'CertDomainList'), th('NotAfter', t('notAfter')), h('th', {}, t('daysLeft')), h('th', {}, 'Status'))),
      h('tbody', {}, ...shown().map((c) => {
        const j = judge(c, disabled);
        return h('tr', { 'data-cert': c.CertID, 'data-state': j.kind },
          h('td', { class: 'name' }, c.CertName),
          h('td', { class: 'mono' }, c.CertID, ' ', copyButton(() => c.CertID, t('copy'), { 'aria-label': `${t('copy')} ${c.CertID}` })),
          h('td', {}, (c.CertDomainList ?? []).join(', ')),
          h('td', { class: 'mono', title: c.NotAfter ?? '' }, localTime(c.NotAfter)),
          h('td', { class: 'num' }, j.days === null ? '' : String(j.days)),
          h('td', {}, h('span', { class: `badge state-${j.kind}`, 'data-status': c.Status }, j.words), ' ', h('small', { class: 'raw-status mono' }, c.Status)));
      })),
    );
  };
  search.addEventListener('input', () => { query = search.value; draw(); });
  status.addEventListener('change', () => { filter = status.value; draw(); });
  draw();
  if (!certs.length) return void target.appendChild(h('p', {}, t('noResults')));
  target.append(
    h('div', { class: 'table-tools' }, search, status,
      h('button', { type: 'button', class: 'small', id: 'cert-csv', onclick: () => {
        const rows = rowsOf(shown());
        download('certificates.csv', csv([Object.keys(rows[0] ?? { CertName: '' }), ...rows.map((r) => Object.values(r))]), 'text/csv');
      } }, t('exportCsv')),
      h('button', { type: 'button', class: 'small', id: 'cert-json', onclick: () => download('certificates.json', JSON.stringify(rowsOf(shown()), null, 2), 'application/json') }, t('exportJson'))),
    h('div', { class: 'table-scroll' }, table));
}

function head(target: HTMLElement, badge: HTMLElement, requestId: string): void {
  target.appendChild(h('div', { class: 'answer-head' }, badge, ' ',
    h('span', { class: 'mono', 'data-request-id': requestId }, `${t('requestId')}: ${requestId}`), ' ',
    copyButton(() => requestId, t('copy'), { 'aria-label': `${t('copy')} ${t('requestId')}` })));
}

/** Per-domain outcomes of a bind: bound, mismatched, failed with the cloud's code. */
function renderBind(target: HTMLElement, domains: string[], result: Record<string, unknown>): void {
  const mismatched = new Set((result.MismatchedDomainNames as string[] | undefined) ?? []);
  const errors = new Map(((result.Errors as { DomainName: string; Code: string; Message: string }[] | undefined) ?? []).map((e) => [e.DomainName, e]));
  const outcome = (d: string) => (errors.has(d) ? 'failed' : mismatched.has(d) ? 'mismatched' : 'bound');
  const bound = domains.filter((d) => outcome(d) === 'bound').length;
  const [cls, words] = bound === domains.length ? ['state-valid', t('bindAll')] : bound === 0 ? ['state-expired', t('bindNothing')] : ['state-expiring', t('bindPartial')];
  target.className = `answer ${bound === domains.length ? 'ok' : 'warn'}`;
  head(target, h('span', { class: `badge ${cls}`, 'data-bind': bound === domains.length ? 'all' : bound === 0 ? 'none' : 'partial' }, words), String(result.RequestId ?? ''));
  target.appendChild(h('div', { class: 'table-scroll' }, h('table', { class: 'bind-outcomes' },
    h('thead', {}, h('tr', {}, h('th', {}, 'DomainName'), h('th', {}, t('outcome')))),
    h('tbody', {}, ...domains.map((d) => {
      const o = outcome(d);
      const e = errors.get(d);
      return h('tr', { 'data-domain': d, 'data-outcome': o },
        h('td', { class: 'mono' }, d),
        h('td', {}, h('span', { class: `badge ${o === 'bound' ? 'state-valid' : 'state-expired'}` }, o === 'bound' ? t('bound') : o === 'mismatched' ? t('mismatched') : t('failed')),
          e ? h('span', { class: 'mono detail' }, ` ${e.Code}: ${e.Message}`) : null));
    })))));
}

export function renderResult(target: HTMLElement, action: string, result: Record<string, unknown>, payload: Record<string, unknown>): void {
  clear(target);
  target.className = 'answer ok';
  if (action === 'ModifyLiveDomainCertBindings') {
    const domains = ((payload.DomainInfos as { DomainName?: string }[] | undefined) ?? []).map((d) => String(d.DomainName ?? ''));
    renderBind(target, domains, result);
  } else {
    head(target, h('span', { class: 'badge state-valid' }, t('ok')), String(result.RequestId ?? ''));
  }
  const table = action === 'ListCertV2' && Array.isArray(result.CertList);
  if (table) renderCertTable(target, result.CertList as Cert[], payload.Available === false);
  target.appendChild(h('details', { class: 'raw', open: !table && action !== 'ModifyLiveDomainCertBindings' }, h('summary', {}, 'JSON'), h('pre', { class: 'json' }, JSON.stringify(result, null, 2))));
}

export interface ShownError {
  name?: string; code?: string; message?: string; requestId?: string | null; httpStatus?: number | null; provider?: string | null;
}

const MISMATCH = /server string to sign: (.*)$/s;

export function renderError(target: HTMLElement, e: ShownError, ourStringToSign?: string): void {
  clear(target);
  target.className = 'answer error';
  const row = (label: string, value: string, extra?: HTMLElement) => h('div', { class: 'kv-row' }, h('span', { class: 'k' }, label), h('span', { class: 'v mono' }, value), extra ?? null);
  const message = e.message ?? '';
  const mismatch = MISMATCH.exec(message);
  // The next step first, in the person's language; the cloud's words and the signature's lines
  // below, the string-to-sign comparison behind a toggle.
  const said = explain(e);
  append(target,
    h('div', { class: 'answer-head' }, h('span', { class: 'badge state-expired', 'data-error-name': e.name ?? '' }, e.name ?? 'Error'), ' ',
      h('strong', { 'data-error-code': e.code ?? '' }, e.code ?? '')),
    said ? h('p', { class: 'error-headline', id: 'error-headline' }, said.headline) : null,
    said ? h('p', { class: 'error-next', id: 'error-next' }, said.next) : null,
    h('p', { class: 'error-message' }, mismatch ? message.slice(0, mismatch.index).replace(/[;:]\s*$/, '') : message),
    e.code === 'OutcomeUnknown' ? h('p', { class: 'warning', 'data-outcome-unknown': '' }, t('outcomeUnknown')) : null,
    row(t('requestId'), e.requestId ?? '—', e.requestId ? copyButton(() => e.requestId ?? '', t('copy'), { 'aria-label': `${t('copy')} ${t('requestId')}` }) : undefined),
    row(t('httpStatus'), e.httpStatus == null ? '—' : String(e.httpStatus)),
  );
  if (mismatch) {
    // The emulator (and our forwarder's clouds' messages) escape the newlines: show them as lines.
    const server = mismatch[1].replace(/\\n/g, '\n');
    target.append(h('details', { class: 'error-details', id: 'sts-details' },
      h('summary', {}, t('signatureMismatch')),
      h('div', { class: 'compare' },
        h('div', {}, h('h3', {}, t('serverStringToSign')), h('pre', { id: 'server-sts' }, server)),
        h('div', {}, h('h3', {}, t('ourStringToSign')), h('pre', { id: 'our-sts' }, ourStringToSign ?? '—')))));
  }
}
