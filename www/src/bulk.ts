// Bulk work over many domains with runBatch: progress, cancel, a per-item outcome list, and a
// retry of the failed items only.
import { runBatch } from 'liveops';
import { h, clear } from './dom';
import { t } from './i18n';

type Status = 'pending' | 'running' | 'succeeded' | 'failed' | 'notStarted';
interface Item { domain: string; status: Status; detail: string }

export interface BulkSpec {
  kind: 'unbind' | 'bind';
  /** Runs one domain; rejects to mark it failed. */
  run: (domain: string, extra: { CloudCertId: string; Status: number }, signal: AbortSignal) => Promise<unknown>;
}

export function bulkPanel(spec: BulkSpec, initialDomains: string): HTMLElement {
  let items: Item[] = [];
  let controller: AbortController | null = null;
  const domains = h('textarea', { id: `bulk-${spec.kind}-domains`, rows: 8, spellcheck: 'false' }, initialDomains);
  const certId = h('input', { id: 'bulk-bind-CloudCertId', type: 'text', value: 'cert-example', autocomplete: 'off' });
  const status = h('select', { id: 'bulk-bind-Status' }, ...['1', '0', '-1'].map((s) => h('option', { value: s }, s)));
  const progress = h('progress', { max: 1, value: 0, class: 'bar' });
  const summary = h('div', { class: 'summary', 'aria-live': 'polite' });
  const list = h('ol', { class: 'outcomes' });
  const start = h('button', { type: 'button', class: 'primary', 'data-bulk': 'start' }, t('start'));
  const cancel = h('button', { type: 'button', disabled: true, 'data-bulk': 'cancel' }, t('cancel'));
  const retry = h('button', { type: 'button', disabled: true, 'data-bulk': 'retry' }, t('retryFailed'));
  const resume = h('button', { type: 'button', disabled: true, 'data-bulk': 'resume' }, t('runNotStarted'));

  const count = (s: Status) => items.filter((i) => i.status === s).length;
  const draw = () => {
    const finished = count('succeeded') + count('failed');
    progress.value = items.length ? finished / items.length : 0;
    progress.setAttribute('data-percent', String(items.length ? Math.round((finished / items.length) * 100) : 0));
    clear(summary);
    summary.append(
      h('span', { 'data-count': 'total' }, `${items.length}`), ' · ',
      h('span', { class: 'ok', 'data-count': 'succeeded' }, `${count('succeeded')} ${t('succeeded')}`), ' · ',
      h('span', { class: 'bad', 'data-count': 'failed' }, `${count('failed')} ${t('failed')}`), ' · ',
      h('span', { 'data-count': 'notStarted' }, `${count('notStarted')} ${t('notStarted')}`));
    clear(list);
    for (const it of items) {
      list.appendChild(h('li', { 'data-status': it.status, 'data-domain': it.domain },
        h('span', { class: `badge st-${it.status}` }, it.status), ' ', h('span', { class: 'mono' }, it.domain),
        it.detail ? h('span', { class: 'detail' }, ` ${it.detail}`) : null));
    }
    const busy = controller !== null;
    start.disabled = busy;
    cancel.disabled = !busy;
    retry.disabled = busy || count('failed') === 0;
    resume.disabled = busy || count('notStarted') === 0;
  };

  const runOn = async (subset: Item[]) => {
    controller = new AbortController();
    for (const it of subset) { it.status = 'pending'; it.detail = ''; }
    draw();
    const extra = { CloudCertId: certId.value.trim(), Status: Number(status.value) };
    const outcomes = await runBatch(subset, async (it, _i, { signal }) => {
      it.status = 'running';
      try {
        await spec.run(it.domain, extra, signal);
        it.status = 'succeeded';
      } catch (e) {
        const err = e as { name?: string; code?: string; message?: string };
        it.status = 'failed';
        it.detail = `${err.name ?? 'Error'} ${err.code ?? ''}: ${err.message ?? ''}`;
        throw e;
      }
    }, { concurrency: 4, signal: controller.signal, onProgress: draw });
    for (const o of outcomes) if (o.status === 'notStarted') o.item.status = 'notStarted';
    controller = null;
    draw();
  };

  start.addEventListener('click', () => {
    const names = domains.value.split(/\s+/).map((s) => s.trim()).filter(Boolean);
    items = names.map((domain) => ({ domain, status: 'pending', detail: '' }));
    void runOn(items);
  });
  cancel.addEventListener('click', () => controller?.abort());
  retry.addEventListener('click', () => void runOn(items.filter((i) => i.status === 'failed')));
  resume.addEventListener('click', () => void runOn(items.filter((i) => i.status === 'notStarted')));
  draw();

  return h('section', { class: 'card bulk', 'data-bulk-kind': spec.kind },
    h('div', { class: 'field' }, h('label', { for: domains.id }, t('domainsOnePerLine')), domains),
    spec.kind === 'bind' ? h('div', { class: 'row inline' },
      h('div', { class: 'field' }, h('label', { for: certId.id }, 'CloudCertId'), certId),
      h('div', { class: 'field' }, h('label', { for: status.id }, 'Status'), status)) : null,
    h('div', { class: 'actions' }, start, cancel, retry, resume),
    progress, summary, list);
}
