// Certificates: one view across the three clouds, from `certificateInventory`. Counts (expired,
// expiring within 7 and 30 days, valid), a chart of expiries by month, and a table with search,
// filters and CSV/JSON export. Loading shows progress and can be cancelled; a cloud that fails is
// named with its error while the others are listed.
import { certificateInventory, expiringDays, type Inventory, type InventoryCertificate, type LifecycleClients } from 'liveops';
import { h, clear, download, csv } from './dom';
import { t, tf, lang } from './i18n';
import { localTime } from './results';
import { errorBlock } from './errors';
import type { Provider } from './connection';

export interface CertsContext {
  /** Clients of the clouds that have keys. */
  clients: () => LifecycleClients;
  /** Opens the deploy view with these targets chosen. */
  deployTo: (targets: { provider: Provider; domain?: string; siteId?: number | string; siteName?: string }[]) => void;
}

/** The last inventory of this page: the deploy view offers its domains. */
export let lastInventory: Inventory | null = null;

const MONTHS = 12;

function stateLabel(c: InventoryCertificate): string {
  return c.state === 'valid' ? t('valid') : c.state === 'expiring' ? t('stateExpiring') : c.state === 'expired' ? t('expired')
    : c.state === 'pending' ? t('statePending') : t('stateFailed');
}

function daysWords(c: InventoryCertificate): string {
  if (c.daysLeft === null) return '—';
  // Whole days since it expired (10.5 days ago is 10 days ago); under a day left, said so.
  if (c.daysLeft < 0 && c.notAfter) return tf('daysAgo', { n: Math.floor((Date.now() - Date.parse(c.notAfter)) / 86_400_000) });
  if (c.daysLeft === 0) return t('expiresToday');
  return tf('daysLeftN', { n: c.daysLeft });
}

/** Counts a person acts on: what has expired, what expires within a week, within a month. */
export function counts(certs: InventoryCertificate[]): Record<'expired' | 'week' | 'month' | 'valid' | 'pending', number> {
  const n = { expired: 0, week: 0, month: 0, valid: 0, pending: 0 };
  for (const c of certs) {
    if (c.state === 'expired') n.expired++;
    else if (c.state === 'pending' || c.state === 'failed') n.pending++;
    else if (c.daysLeft !== null && c.daysLeft < 7) n.week++;
    else if (c.state === 'expiring') n.month++;
    else n.valid++;
  }
  return n;
}

/** Expiries per calendar month from this one (earlier ones in the first bar, as overdue). */
export function byMonth(certs: InventoryCertificate[], now = new Date()): { label: string; count: number; overdue: number }[] {
  // `overdue`: already expired (red), in its month, or in the first bar when earlier.
  const start = new Date(now.getFullYear(), now.getMonth(), 1);
  const bars = Array.from({ length: MONTHS }, (_, i) => {
    const d = new Date(start.getFullYear(), start.getMonth() + i, 1);
    return { label: new Intl.DateTimeFormat(lang() === 'zh' ? 'zh-CN' : 'en-GB', { month: 'short', year: 'numeric' }).format(d), count: 0, overdue: 0 };
  });
  for (const c of certs) {
    if (!c.notAfter) continue;
    const d = new Date(c.notAfter);
    const i = Math.max(0, (d.getFullYear() - start.getFullYear()) * 12 + d.getMonth() - start.getMonth());
    if (i >= MONTHS) continue;
    if (d.getTime() <= now.getTime()) bars[i].overdue++;
    else bars[i].count++;
  }
  return bars;
}

export function certificatesPanel(ctx: CertsContext): HTMLElement {
  let controller: AbortController | null = null;
  let query = '';
  let cloudFilter = 'all';
  let stateFilter = 'all';
  const status = h('p', { class: 'muted', id: 'inv-status', role: 'status' }, t('inventoryHint'));
  const load = h('button', { type: 'button', class: 'primary', id: 'inv-load' }, t('loadInventory'));
  const cancel = h('button', { type: 'button', id: 'inv-cancel', disabled: true }, t('cancel'));
  const summary = h('div', { class: 'inv-summary', id: 'inv-summary' });
  const chart = h('div', { class: 'inv-chart-wrap', id: 'inv-chart' });
  const errors = h('div', { id: 'inv-errors' });
  const tableBox = h('div', { class: 'table-scroll', id: 'inv-table' });
  const search = h('input', { type: 'search', id: 'inv-search', placeholder: t('search'), 'aria-label': t('search') });
  const cloudSel = h('select', { id: 'inv-cloud', 'aria-label': t('filterCloud') },
    ...[['all', t('allClouds')], ['volcengine', t('volcengine')], ['tencent', t('tencent')], ['aliyun', t('aliyun')]].map(([v, l]) => h('option', { value: v }, l)));
  const stateSel = h('select', { id: 'inv-state', 'aria-label': t('filterStatus') },
    ...[['all', t('all')], ['expired', t('expired')], ['week', t('within7')], ['expiring', t('stateExpiring')], ['valid', t('valid')], ['pending', t('statePending')], ['failed', t('stateFailed')]]
      .map(([v, l]) => h('option', { value: v }, l)));
  const exportCsv = h('button', { type: 'button', class: 'small', id: 'inv-csv', disabled: true }, t('exportCsv'));
  const exportJson = h('button', { type: 'button', class: 'small', id: 'inv-json', disabled: true }, t('exportJson'));

  const shown = (): InventoryCertificate[] => (lastInventory?.certificates ?? []).filter((c) => {
    if (cloudFilter !== 'all' && c.provider !== cloudFilter) return false;
    if (stateFilter === 'week' ? !(c.daysLeft !== null && c.daysLeft >= 0 && c.daysLeft < 7) : stateFilter !== 'all' && c.state !== stateFilter) return false;
    const q = query.trim().toLowerCase();
    return !q || [c.name, c.id, ...c.domains, ...c.boundTo].some((x) => x.toLowerCase().includes(q));
  });

  function renderSummary(inv: Inventory, partial = false): void {
    clear(summary);
    if (partial) summary.appendChild(h('p', { class: 'partial-note warning', id: 'inv-partial' }, t('partialCounts')));
    const n = counts(inv.certificates);
    const tile = (id: string, value: number, label: string, kind: string) =>
      h('div', { class: `tile tile-${kind}`, id: `inv-count-${id}` }, h('span', { class: 'n' }, String(value)), h('span', { class: 'l' }, label));
    summary.append(
      tile('expired', n.expired, t('expired'), 'expired'),
      tile('week', n.week, t('within7'), 'expired'),
      tile('month', n.month, tf('within30', { n: expiringDays() }), 'expiring'),
      tile('valid', n.valid, t('valid'), 'valid'),
      tile('pending', n.pending, t('pendingOrFailed'), 'pending'),
    );
  }

  function renderChart(inv: Inventory): void {
    clear(chart);
    const bars = byMonth(inv.certificates);
    const max = Math.max(1, ...bars.map((b) => b.count + b.overdue));
    const described = bars.map((b) => `${b.label}: ${b.count}${b.overdue ? ` (+${b.overdue} ${t('expired')})` : ''}`).join(', ');
    const plot = h('div', { class: 'inv-chart', role: 'img', 'aria-label': `${t('expiriesByMonth')}: ${described}` },
      ...bars.map((b) => {
        const col = h('div', { class: 'bar-col', title: `${b.label}: ${b.count}` });
        const stack = h('div', { class: 'bar-stack' });
        if (b.overdue) {
          const over = h('div', { class: 'bar overdue' });
          over.style.height = `${(b.overdue / max) * 100}%`;
          stack.appendChild(over);
        }
        const bar = h('div', { class: 'bar' });
        bar.style.height = `${(b.count / max) * 100}%`;
        stack.appendChild(bar);
        col.append(h('span', { class: 'bar-n' }, String(b.count + b.overdue)), stack, h('span', { class: 'bar-label' }, b.label));
        return col;
      }));
    chart.append(h('h3', {}, t('expiriesByMonth')), plot);
  }

  function renderErrors(inv: Inventory): void {
    clear(errors);
    for (const e of inv.errors) {
      const where = e.siteId !== undefined ? `${t(e.provider)} · ${tf('siteN', { id: String(e.siteId) })}` : t(e.provider);
      errors.appendChild(h('div', { class: 'answer error inv-error', role: 'alert', 'data-provider': e.provider },
        h('strong', {}, `${where}: ${t('cloudFailed')}`),
        errorBlock({ ...e.error, provider: e.provider })));
    }
  }

  /** Which clouds were asked, and whether every one of them failed as a whole. */
  function failedWhole(inv: Inventory, asked: string[]): { all: boolean; some: boolean } {
    const whole = new Set(inv.errors.filter((e) => e.siteId === undefined).map((e) => e.provider));
    return { all: asked.length > 0 && asked.every((p) => whole.has(p as Provider)) && inv.certificates.length === 0, some: inv.errors.length > 0 };
  }

  /** Shows an inventory; a failure looks like one: no green zero, "partial" said. */
  function show(inv: Inventory, asked: string[]): void {
    const f = failedWhole(inv, asked);
    renderErrors(inv);
    if (f.all) {
      clear(summary);
      clear(chart);
      clear(tableBox);
      exportCsv.disabled = exportJson.disabled = true;
      status.className = 'error';
      status.textContent = t('inventoryAllFailed');
      return;
    }
    status.className = f.some ? 'warning' : 'ok';
    status.textContent = f.some
      ? tf('inventoryPartial', { n: inv.certificates.length, failed: inv.errors.length, at: localTime(new Date().toISOString()) })
      : tf('inventoryDone', { n: inv.certificates.length, at: localTime(new Date().toISOString()) });
    renderSummary(inv, f.some);
    renderChart(inv);
    renderTable();
  }

  function renderTable(): void {
    clear(tableBox);
    const rows = shown();
    exportCsv.disabled = exportJson.disabled = rows.length === 0;
    if (!lastInventory) return;
    if (!rows.length) return void tableBox.appendChild(h('p', { class: 'muted', id: 'inv-empty' }, t('noMatch')));
    tableBox.appendChild(h('table', { class: 'certs inventory stack' },
      h('caption', { class: 'sr-only' }, tf('certCount', { n: rows.length })),
      h('thead', {}, h('tr', {}, ...[t('cloud'), t('name'), t('covers'), t('boundTo'), t('notAfter'), t('daysLeftCol'), t('state'), ''].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, ...rows.map((c) => {
        const targets = c.provider === 'aliyun' ? [{ provider: c.provider, siteId: c.siteId, siteName: c.boundTo[0] }] : c.boundTo.map((domain) => ({ provider: c.provider, domain }));
        const renew = h('button', { type: 'button', class: 'small', disabled: targets.length === 0, 'aria-label': `${t('replace')}: ${c.name}`, title: targets.length ? undefined : t('replaceNothing') }, t('replace'));
        renew.addEventListener('click', () => ctx.deployTo(targets));
        return h('tr', { 'data-state': c.state, 'data-provider': c.provider, 'data-id': c.id },
          h('td', { 'data-label': t('cloud') }, h('span', { class: `cloud-tag cloud-${c.provider}` }, t(c.provider))),
          h('td', { class: 'name', 'data-label': t('name') }, h('div', {}, c.name || '—'), h('div', { class: 'mono muted' }, c.id)),
          h('td', { class: 'mono', 'data-label': t('covers') }, c.domains.join(', ') || '—'),
          h('td', { class: 'mono', 'data-label': t('boundTo') }, c.boundTo.length > 3 ? `${c.boundTo.slice(0, 3).join(', ')} ${tf('andMore', { n: c.boundTo.length - 3 })}` : c.boundTo.join(', ') || '—'),
          h('td', { 'data-label': t('notAfter') }, c.notAfter ? localTime(c.notAfter) : '—'),
          h('td', { 'data-label': t('daysLeft') }, daysWords(c)),
          h('td', { 'data-label': t('state') }, h('span', { class: `badge state-${c.state}` }, stateLabel(c))),
          h('td', {}, renew));
      }))));
  }

  async function run(): Promise<void> {
    const clients = ctx.clients();
    if (!Object.keys(clients).length) {
      status.textContent = t('inventoryNeedsKeys');
      // Said until keys are set: the shell puts the hint back then (main.ts refresh()).
      status.dataset.needsKeys = 'true';
      return;
    }
    delete status.dataset.needsKeys;
    controller = new AbortController();
    load.disabled = true;
    cancel.disabled = false;
    // What an earlier load showed goes: a new load is not mixed with an old one.
    lastInventory = null;
    for (const box of [summary, chart, errors, tableBox]) clear(box);
    exportCsv.disabled = exportJson.disabled = true;
    status.className = 'muted';
    status.textContent = t('loadingInventory');
    const asked = Object.keys(clients);
    try {
      const inv = await certificateInventory(clients, {
        signal: controller.signal,
        onProgress: (p) => {
          status.textContent = tf(p.total === null ? 'inventoryProgress' : 'inventoryProgressOf',
            { cloud: t(p.provider), action: p.action, page: p.page, rows: p.rows, total: p.total ?? 0 });
        },
      });
      lastInventory = inv;
      show(inv, asked);
    } catch (e) {
      const err = e as Error & { code?: string };
      status.className = err.name === 'AbortError' ? 'muted' : 'error';
      status.textContent = err.name === 'AbortError' ? t('inventoryCancelled') : `${err.name}: ${err.message}`;
    } finally {
      load.disabled = false;
      cancel.disabled = true;
      controller = null;
      // Disabling the focused button dropped the focus: a keyboard user continues from it.
      if (document.activeElement === document.body || document.activeElement === cancel) load.focus();
    }
  }

  load.addEventListener('click', () => void run());
  cancel.addEventListener('click', () => controller?.abort());
  search.addEventListener('input', () => { query = search.value; renderTable(); });
  cloudSel.addEventListener('change', () => { cloudFilter = cloudSel.value; renderTable(); });
  stateSel.addEventListener('change', () => { stateFilter = stateSel.value; renderTable(); });
  exportCsv.addEventListener('click', () => download('certificates.csv', csv([
    ['cloud', 'id', 'name', 'domains', 'boundTo', 'notBefore', 'notAfter', 'daysLeft', 'state'],
    ...shown().map((c) => [c.provider, c.id, c.name, c.domains.join(' '), c.boundTo.join(' '), c.notBefore ?? '', c.notAfter ?? '', c.daysLeft ?? '', c.state]),
  ]), 'text/csv'));
  exportJson.addEventListener('click', () => download('certificates.json', JSON.stringify(shown().map(({ raw: _raw, ...c }) => c), null, 2), 'application/json'));

  const el = h('div', { class: 'certs-view' },
    h('section', { class: 'card' },
      h('h2', {}, t('certificates')),
      lastInventory ? null : h('p', { class: 'start-hint', id: 'start-hint' }, t('startHint')),
      h('p', { class: 'help' }, t('certificatesHelp')),
      h('div', { class: 'actions' }, load, cancel),
      status, errors, summary, chart),
    h('section', { class: 'card' },
      h('div', { class: 'toolbar' }, search, cloudSel, stateSel, exportCsv, exportJson),
      tableBox));
  if (lastInventory) show(lastInventory, [...new Set([...lastInventory.certificates.map((c) => c.provider), ...lastInventory.errors.map((e) => e.provider)])]);
  return el;
}
