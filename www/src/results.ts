// Answers and errors, rendered as text. ListCertV2 is a sortable table with status badges.
import { h, clear } from './dom';
import { t } from './i18n';

interface Cert {
  CertID: string;
  CertName: string;
  CertDomainList?: string[];
  NotBefore?: string;
  NotAfter?: string;
  Status: string;
}

type SortKey = 'CertName' | 'CertID' | 'NotAfter' | 'Status';
const STATUS_ORDER = ['Expire', '1days', '7days', '15days', '30days', 'OK'];

export function renderCertTable(target: HTMLElement, certs: Cert[]): void {
  let key: SortKey = 'NotAfter';
  let asc = true;
  const table = h('table', { class: 'certs' });
  const draw = () => {
    clear(table);
    const sorted = [...certs].sort((a, b) => {
      const va = key === 'Status' ? STATUS_ORDER.indexOf(a.Status) : String(a[key] ?? '');
      const vb = key === 'Status' ? STATUS_ORDER.indexOf(b.Status) : String(b[key] ?? '');
      const c = va < vb ? -1 : va > vb ? 1 : 0;
      return asc ? c : -c;
    });
    const th = (k: SortKey) => h('th', { 'aria-sort': key === k ? (asc ? 'ascending' : 'descending') : 'none' },
      h('button', { type: 'button', class: 'sort', 'data-sort': k, onclick: () => { asc = key === k ? !asc : true; key = k; draw(); } },
        k + (key === k ? (asc ? ' ▲' : ' ▼') : '')));
    table.append(
      h('thead', {}, h('tr', {}, th('CertName'), th('CertID'), h('th', {}, 'CertDomainList'), th('NotAfter'), th('Status'))),
      h('tbody', {}, ...sorted.map((c) => h('tr', { 'data-cert': c.CertID },
        h('td', { class: 'name' }, c.CertName),
        h('td', { class: 'mono' }, c.CertID),
        h('td', {}, (c.CertDomainList ?? []).join(', ')),
        h('td', { class: 'mono' }, c.NotAfter ?? ''),
        h('td', {}, h('span', { class: `badge status-${c.Status}` }, c.Status))))),
    );
  };
  draw();
  append(target, certs.length ? table : h('p', {}, t('noResults')));
}

function append(target: HTMLElement, el: Node) {
  target.appendChild(el);
}

export function renderResult(target: HTMLElement, action: string, result: Record<string, unknown>): void {
  clear(target);
  target.className = 'answer ok';
  target.appendChild(h('div', { class: 'answer-head' },
    h('span', { class: 'badge status-OK' }, 'OK'), ' ',
    h('span', { class: 'mono', 'data-request-id': String(result.RequestId ?? '') }, `${t('requestId')}: ${String(result.RequestId ?? '')}`)));
  const table = action === 'ListCertV2' && Array.isArray(result.CertList);
  if (table) renderCertTable(target, result.CertList as Cert[]);
  target.appendChild(h('details', { class: 'raw', open: !table }, h('summary', {}, 'JSON'), h('pre', { class: 'json' }, JSON.stringify(result, null, 2))));
}

export interface ShownError {
  name?: string; code?: string; message?: string; requestId?: string | null; httpStatus?: number | null;
}

export function renderError(target: HTMLElement, e: ShownError): void {
  clear(target);
  target.className = 'answer error';
  const row = (label: string, value: string, cls = '') => h('div', { class: `kv-row ${cls}` }, h('span', { class: 'k' }, label), h('span', { class: 'v mono' }, value));
  target.append(
    h('div', { class: 'answer-head' }, h('span', { class: 'badge status-Expire', 'data-error-name': e.name ?? '' }, e.name ?? 'Error'), ' ',
      h('strong', { 'data-error-code': e.code ?? '' }, e.code ?? '')),
    h('p', { class: 'error-message' }, e.message ?? ''),
    row(t('requestId'), e.requestId ?? '—'),
    row(t('httpStatus'), e.httpStatus == null ? '—' : String(e.httpStatus)),
  );
}
