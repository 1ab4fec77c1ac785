// Bulk work over many domains: one item per line (trimmed, blanks ignored, duplicates reported),
// every line validated before Start, a confirmation naming how many domains on which cloud,
// progress, cancel (queued items are "not started", those in flight "cancelled"), per-item
// outcomes, retry of the failed ones, copy and export.
import { runBatch } from 'liveops';
import { h, clear, copyButton, download, csv } from './dom';
import { t, tf } from './i18n';
import { confirmDialog } from './confirm';

export type Status = 'pending' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'notStarted';
export interface Item { domain: string; status: Status; detail: string }

export interface ParsedLines { domains: string[]; invalid: { line: number; text: string; message: string }[]; duplicates: string[] }

/** One domain per line; `check` returns why a line cannot be sent, or null. */
export function parseLines(text: string, check: (domain: string) => string | null): ParsedLines {
  const seen = new Set<string>();
  const out: ParsedLines = { domains: [], invalid: [], duplicates: [] };
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    if (seen.has(line)) {
      if (!out.duplicates.includes(line)) out.duplicates.push(line);
      return;
    }
    seen.add(line);
    const problem = check(line);
    if (problem) out.invalid.push({ line: i + 1, text: line, message: problem });
    else out.domains.push(line);
  });
  return out;
}

export interface BulkSpec {
  kind: 'unbind' | 'bind';
  cloudName: () => string;
  /** Why this domain cannot be sent, or null. */
  check: (domain: string, extra: BindExtra) => string | null;
  /** Unbind: one domain per call. */
  runOne?: (domain: string, signal: AbortSignal) => Promise<unknown>;
  /** Bind: every domain in one call (the API takes a list); per-domain failures come back. */
  runAll?: (domains: string[], extra: BindExtra, signal: AbortSignal) => Promise<Map<string, string | null>>;
}

export interface BindExtra { CloudCertId: string; Status: number }

const isAbort = (e: unknown) => (e as { name?: string })?.name === 'AbortError';

export function bulkPanel(spec: BulkSpec, initialDomains: string): HTMLElement {
  let items: Item[] = [];
  let controller: AbortController | null = null;
  const domains = h('textarea', { id: `bulk-${spec.kind}-domains`, rows: 8, spellcheck: 'false', value: initialDomains });
  const certId = h('input', { id: 'bulk-bind-CloudCertId', type: 'text', value: 'cert-example', autocomplete: 'off' });
  const status = h('select', { id: 'bulk-bind-Status' },
    ...[['1', 'statusEnable'], ['0', 'statusDisable'], ['-1', 'statusKeep']].map(([v, k]) => h('option', { value: v }, `${v} · ${t(k as 'statusEnable')}`)));
  const checks = h('div', { class: 'checks', 'aria-live': 'polite', id: `bulk-${spec.kind}-checks` });
  const progress = h('progress', { max: 1, value: 0, class: 'bar', 'aria-label': `${spec.kind === 'unbind' ? t('bulkUnbind') : t('bulkBind')}: 0 %` });
  const summary = h('div', { class: 'summary', 'aria-live': 'polite' });
  const list = h('ol', { class: 'outcomes' });
  const start = h('button', { type: 'button', class: 'primary', 'data-bulk': 'start' }, t('start'));
  const cancel = h('button', { type: 'button', disabled: true, 'data-bulk': 'cancel' }, t('cancel'));
  const retry = h('button', { type: 'button', disabled: true, 'data-bulk': 'retry' }, t('retryFailed'));
  const resume = h('button', { type: 'button', disabled: true, 'data-bulk': 'resume' }, t('runNotStarted'));
  const failedText = () => items.filter((i) => i.status === 'failed').map((i) => i.domain).join('\n');
  const copyFailed = copyButton(failedText, t('copyFailed'), { 'data-bulk': 'copy-failed' });
  const outcomeRows = () => items.map((i, index) => ({ index, domain: i.domain, status: i.status, detail: i.detail }));
  const exportCsv = h('button', { type: 'button', class: 'small', 'data-bulk': 'csv', onclick: () => download(`bulk-${spec.kind}.csv`, csv([['index', 'domain', 'status', 'detail'], ...outcomeRows().map((r) => [r.index, r.domain, r.status, r.detail])]), 'text/csv') }, t('exportCsv'));
  const exportJson = h('button', { type: 'button', class: 'small', 'data-bulk': 'json', onclick: () => download(`bulk-${spec.kind}.json`, JSON.stringify(outcomeRows(), null, 2), 'application/json') }, t('exportJson'));

  const count = (s: Status) => items.filter((i) => i.status === s).length;
  const draw = () => {
    const finished = count('succeeded') + count('failed') + count('cancelled');
    const percent = items.length ? Math.round((finished / items.length) * 100) : 0;
    progress.value = items.length ? finished / items.length : 0;
    progress.setAttribute('data-percent', String(percent));
    progress.setAttribute('aria-label', `${spec.kind === 'unbind' ? t('bulkUnbind') : t('bulkBind')}: ${percent} %`);
    clear(summary);
    summary.append(
      h('span', { 'data-count': 'total' }, `${items.length}`), ' · ',
      h('span', { class: 'ok', 'data-count': 'succeeded' }, `${count('succeeded')} ${t('succeeded')}`), ' · ',
      h('span', { class: 'bad', 'data-count': 'failed' }, `${count('failed')} ${t('failed')}`), ' · ',
      h('span', { 'data-count': 'cancelled' }, `${count('cancelled')} ${t('cancelled')}`), ' · ',
      h('span', { 'data-count': 'notStarted' }, `${count('notStarted')} ${t('notStarted')}`));
    clear(list);
    for (const it of items) {
      list.appendChild(h('li', { 'data-status': it.status, 'data-domain': it.domain },
        h('span', { class: `badge st-${it.status}` }, t(it.status)), ' ', h('span', { class: 'mono' }, it.domain),
        it.detail ? h('span', { class: 'detail' }, ` ${it.detail}`) : null));
    }
    const busy = controller !== null;
    start.disabled = busy;
    cancel.disabled = !busy;
    retry.disabled = busy || count('failed') === 0;
    resume.disabled = busy || count('notStarted') + count('cancelled') === 0;
    (copyFailed as HTMLButtonElement & { sync?: () => void }).sync?.();
    exportCsv.disabled = exportJson.disabled = items.length === 0;
  };

  const extra = (): BindExtra => ({ CloudCertId: certId.value.trim(), Status: Number(status.value) });
  const failure = (e: unknown) => {
    const err = e as { name?: string; code?: string; message?: string };
    return `${err.name ?? 'Error'} ${err.code ?? ''}: ${err.message ?? ''}`;
  };

  const runOn = async (subset: Item[]) => {
    controller = new AbortController();
    const signal = controller.signal;
    for (const it of subset) { it.status = 'pending'; it.detail = ''; }
    draw();
    if (spec.runAll) {
      // One request for every domain: in flight together, cancelled together.
      for (const it of subset) it.status = 'running';
      draw();
      try {
        const outcomes = await spec.runAll(subset.map((i) => i.domain), extra(), signal);
        for (const it of subset) {
          const problem = outcomes.get(it.domain) ?? null;
          it.status = problem ? 'failed' : 'succeeded';
          it.detail = problem ?? '';
        }
      } catch (e) {
        for (const it of subset) { it.status = isAbort(e) ? 'cancelled' : 'failed'; it.detail = failure(e); }
      }
    } else if (spec.runOne) {
      const run = spec.runOne;
      const outcomes = await runBatch(subset, async (it, _i, { signal: s }) => {
        it.status = 'running';
        draw();
        try {
          await run(it.domain, s);
          it.status = 'succeeded';
        } catch (e) {
          // Only an item in flight when the job was cancelled is "cancelled".
          it.status = isAbort(e) && signal.aborted ? 'cancelled' : 'failed';
          it.detail = failure(e);
          throw e;
        }
      }, { concurrency: 4, signal, onProgress: draw });
      for (const o of outcomes) if (o.status === 'notStarted') o.item.status = 'notStarted';
    }
    controller = null;
    draw();
  };

  const checkLines = (): string[] | null => {
    const parsed = parseLines(domains.value, (d) => spec.check(d, extra()));
    clear(checks);
    if (parsed.invalid.length) {
      checks.appendChild(h('div', { class: 'invalid-lines', role: 'alert' }, h('p', { class: 'error' }, t('invalidLines')),
        h('ul', {}, ...parsed.invalid.map((x) => h('li', { 'data-line': x.line }, h('span', { class: 'mono' }, `${x.line}: ${x.text}`), ` — ${x.message}`)))));
    }
    if (parsed.duplicates.length) {
      checks.appendChild(h('p', { class: 'warning duplicates' }, `${t('duplicates')} ${parsed.duplicates.join(', ')}`));
    }
    if (!parsed.domains.length && !parsed.invalid.length) checks.appendChild(h('p', { class: 'warning' }, t('nothingToRun')));
    return parsed.invalid.length || !parsed.domains.length ? null : parsed.domains;
  };

  start.addEventListener('click', () => void (async () => {
    const names = checkLines();
    if (!names) return;
    // Unbinding, or a bind that switches HTTPS off, takes something out of service: the danger
    // style, and the domains named.
    const httpsOff = spec.kind === 'bind' && String(extra().Status) === '0';
    const danger = spec.kind === 'unbind' || httpsOff;
    const question = spec.kind === 'unbind'
      ? tf('confirmUnbind', { n: names.length, cloud: spec.cloudName() })
      : httpsOff ? tf('confirmHttpsOff', { n: names.length, cloud: spec.cloudName() })
        : tf('confirmBind', { n: names.length, cloud: spec.cloudName(), cert: extra().CloudCertId });
    if (!(await confirmDialog(question, danger ? t('confirmDestructiveBody') : t('confirmBody'), { danger, items: names }))) return;
    items = names.map((domain) => ({ domain, status: 'pending', detail: '' }));
    await runOn(items);
  })());
  domains.addEventListener('input', () => clear(checks));
  cancel.addEventListener('click', () => controller?.abort());
  retry.addEventListener('click', () => void runOn(items.filter((i) => i.status === 'failed')));
  resume.addEventListener('click', () => void runOn(items.filter((i) => i.status === 'notStarted' || i.status === 'cancelled')));
  draw();

  return h('section', { class: 'card bulk', 'data-bulk-kind': spec.kind },
    h('h2', {}, spec.kind === 'unbind' ? t('bulkUnbind') : t('bulkBind')),
    h('div', { class: 'field' }, h('label', { for: domains.id }, t('domainsOnePerLine')), domains, checks),
    spec.kind === 'bind' ? h('div', { class: 'row inline' },
      h('div', { class: 'field' }, h('label', { for: certId.id }, 'CloudCertId'), certId),
      h('div', { class: 'field' }, h('label', { for: status.id }, 'Status'), status)) : null,
    h('div', { class: 'actions' }, start, cancel, retry, resume),
    progress, summary,
    h('div', { class: 'actions' }, copyFailed, exportCsv, exportJson),
    list);
}
