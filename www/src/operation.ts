// One operation's panel: its form (live validation, no message before a touch), the answer (in
// view and focused after Send), and the collapsible request preview with curl. What to call and
// with which keys comes from the shell.
import { validate, VolcengineLive, TencentLive, AliyunEsa, type ValidationReport, type ValidationIssue } from 'liveops';
import { h, clear, copyButton } from './dom';
import { t, tf, lang } from './i18n';
import type { OperationForm, OperationSpec } from './forms';
import type { Provider } from './connection';
import { renderResult, renderError, type ShownError } from './results';
import { confirmDialog } from './confirm';
import { record } from './history';

export interface PanelContext {
  client: (provider: Provider) => VolcengineLive | TencentLive | AliyunEsa;
  hasKeys: (provider: Provider) => boolean;
  /** Shared by every panel: whether previews show the body's secrets. */
  reveal: { secrets: boolean };
}

/** Whether sending `payload` removes or switches off something in service (the declaration says). */
export function destroys(spec: OperationSpec, payload: Record<string, unknown>): boolean {
  if (spec.danger === 'destructive') return true;
  const when = spec.destructiveWhen;
  if (!when) return false;
  const [array, field] = when.path.split('[].');
  const items = payload[array];
  return Array.isArray(items) && items.some((i) => (i as Record<string, unknown> | null)?.[field] === when.value);
}

/** What a write affects, one line per field the person filled in (never a secret or a PEM). */
export function affected(spec: OperationSpec, payload: Record<string, unknown>): string[] {
  const out: string[] = [];
  const skip = new Set(spec.fields.filter((f) => f.secret || f.multiline).map((f) => f.path));
  const scalar = (v: unknown) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
  for (const [k, v] of Object.entries(payload)) {
    if (skip.has(k) || v === undefined || v === null || v === '') continue;
    if (scalar(v)) out.push(`${k}: ${String(v)}`);
    else if (Array.isArray(v)) {
      v.forEach((item, i) => {
        if (scalar(item)) return void out.push(`${k}[${i}]: ${String(item)}`);
        if (!item || typeof item !== 'object') return;
        const words = Object.entries(item as Record<string, unknown>)
          .filter(([f, x]) => !skip.has(`${k}[].${f}`) && scalar(x))
          .map(([f, x]) => `${f}: ${String(x)}`);
        if (words.length) out.push(`${k}[${i}] ${words.join(', ')}`);
      });
    } else if (typeof v === 'object') {
      for (const [f, x] of Object.entries(v as Record<string, unknown>)) {
        if (!skip.has(`${k}.${f}`) && scalar(x)) out.push(`${k}.${f}: ${String(x)}`);
      }
    }
  }
  return out;
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export class OperationPanel {
  readonly el: HTMLElement[];
  private previewBox: HTMLElement;
  private answerBox: HTMLElement;
  private lastStringToSign = '';

  constructor(private form: OperationForm, private ctx: PanelContext) {
    const cloud = form.spec.provider;
    this.previewBox = h('div', { class: 'preview', id: 'preview' });
    this.answerBox = h('div', { class: 'answer', id: 'answer', tabindex: '-1', 'aria-live': 'polite' }, h('p', { class: 'muted' }, t('noAnswerYet')));
    const revealBox = h('input', { type: 'checkbox', id: 'reveal-secrets', checked: ctx.reveal.secrets });
    revealBox.addEventListener('change', () => { ctx.reveal.secrets = revealBox.checked; this.refresh(); });
    this.el = [
      h('section', { class: 'card' }, h('h2', {}, h('span', { class: `cloud-tag cloud-${cloud}` }, t(cloud)), ' ', form.spec.action), form.el),
      h('section', { class: 'card', 'aria-labelledby': 'answer-title' }, h('h2', { id: 'answer-title' }, t('answer')), this.answerBox),
      h('details', { class: 'card preview-card', open: true },
        h('summary', {}, h('h2', { class: 'inline' }, t('preview'))),
        h('div', { class: 'remember' }, revealBox, h('label', { for: 'reveal-secrets' }, t('revealSecrets'))),
        this.previewBox),
    ];
    this.refresh();
  }

  private showIssues(report: ValidationReport): void {
    const form = this.form;
    const boxes = [...form.el.querySelectorAll<HTMLElement>('.msg')];
    for (const b of boxes) { clear(b); b.classList.remove('has-error', 'has-warning'); }
    const place = (issue: ValidationIssue, kind: 'error' | 'warning') => {
      if (!form.shows(issue.path)) return;
      let path = issue.path;
      for (;;) {
        const box = boxes.find((b) => b.dataset.path === path);
        if (box) {
          box.appendChild(h('div', { class: kind, 'data-code': issue.code }, issue.message));
          box.classList.add(kind === 'error' ? 'has-error' : 'has-warning');
          return;
        }
        if (path === '') return;
        const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        path = cut > 0 ? path.slice(0, cut) : '';
      }
    };
    report.errors.forEach((i) => place(i, 'error'));
    report.warnings.forEach((i) => place(i, 'warning'));
    for (const input of form.el.querySelectorAll<HTMLElement>('input, select, textarea')) {
      const name = input.getAttribute('name');
      const bad = name !== null && form.shows(name) && report.errors.some((e) => name === e.path);
      input.setAttribute('aria-invalid', bad ? 'true' : 'false');
    }
  }

  private fullReport(payload: Record<string, unknown>): ValidationReport {
    const form = this.form;
    const report = validate(form.spec.provider, form.spec.action, payload, { locale: lang(), contract: (form.spec.contract ?? undefined) as '2023-10' | '2025-09' | undefined });
    const local = form.localIssues();
    return local.length ? { ok: false, errors: [...report.errors, ...local], warnings: report.warnings } : report;
  }

  /** Re-validates while typing; Send stays disabled once tried while there are errors. */
  refresh(): void {
    const form = this.form;
    const payload = form.payload();
    const report = this.fullReport(payload);
    this.showIssues(report);
    const keys = this.ctx.hasKeys(form.spec.provider);
    form.submit.disabled = !keys || (form.attempted && !report.ok);
    form.submit.title = keys ? '' : t('previewNeedsKeys');
    this.renderPreview(payload, report);
  }

  private renderPreview(payload: Record<string, unknown>, report: ValidationReport): void {
    const box = this.previewBox;
    const form = this.form;
    clear(box);
    if (!report.ok) return void box.appendChild(h('p', { class: 'muted' }, t('previewBlocked')));
    if (!this.ctx.hasKeys(form.spec.provider)) return void box.appendChild(h('p', { class: 'muted' }, t('previewNeedsKeys')));
    let p;
    try {
      p = this.ctx.client(form.spec.provider).preview(form.spec.action, payload, { revealSecrets: this.ctx.reveal.secrets });
    } catch (e) {
      return void box.appendChild(h('p', { class: 'error' }, `${(e as Error).name}: ${(e as Error).message}`));
    }
    this.lastStringToSign = p.stringToSign;
    const headers = Object.entries(p.headers).filter(([k]) => k !== 'host');
    const curl = [`curl -X ${p.method} ${shellQuote(p.url)}`, ...headers.map(([k, v]) => `  -H ${shellQuote(`${k}: ${v}`)}`), ...(p.body ? [`  --data-raw ${shellQuote(p.body)}`] : [])].join(' \\\n');
    box.append(
      h('div', { class: 'kv-row' }, h('span', { class: 'k' }, 'Method'), h('span', { class: 'v mono', id: 'preview-method' }, p.method)),
      h('div', { class: 'kv-row' }, h('span', { class: 'k' }, 'URL'), h('span', { class: 'v mono', id: 'preview-url' }, p.url)),
      h('div', { class: 'table-scroll' }, h('table', { class: 'headers' }, h('tbody', {}, ...headers.map(([k, v]) => h('tr', {}, h('td', { class: 'mono' }, k), h('td', { class: 'mono' }, v)))))),
      h('h3', {}, 'Body'), h('pre', { id: 'preview-body' }, p.body || '—'),
      h('h3', {}, 'Canonical request'), h('pre', { id: 'preview-canonical' }, p.canonicalRequest),
      h('h3', {}, 'String to sign'), h('pre', { id: 'preview-sts' }, p.stringToSign),
      h('h3', {}, 'curl'), h('pre', { id: 'preview-curl' }, curl), copyButton(() => curl, t('copyCurl'), { id: 'copy-curl' }),
    );
    // A masked secret (or token) makes a command the cloud refuses: said where it is copied.
    if (curl.includes('***')) box.appendChild(h('p', { class: 'warning', id: 'curl-masked' }, t('curlMasked')));
  }

  async send(): Promise<void> {
    const form = this.form;
    const box = this.answerBox;
    const payload = form.payload();
    const report = this.fullReport(payload);
    this.refresh();
    if (!report.ok) {
      form.el.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    // Every write asks first, naming what it affects; a destructive one in a danger style.
    const spec = form.spec;
    if (spec.danger !== 'read') {
      const danger = destroys(spec, payload);
      const question = tf(danger ? 'confirmDestructive' : 'confirmWrite', { action: spec.action, cloud: t(spec.provider) });
      const ok = await confirmDialog(question, danger ? t('confirmDestructiveBody') : t('confirmWriteBody'),
        { danger, items: affected(spec, payload), confirmLabel: danger ? tf('confirmDo', { action: spec.action }) : undefined });
      if (!ok) return void form.submit.focus();
    }
    form.submit.disabled = true;
    clear(box);
    box.className = 'answer';
    box.appendChild(h('p', { class: 'muted' }, t('sending')));
    box.scrollIntoView({ block: 'nearest' });
    const cloud = form.spec.provider;
    const at = new Date().toISOString();
    try {
      const result = await this.ctx.client(cloud).call(form.spec.action, payload) as Record<string, unknown>;
      renderResult(box, form.spec.action, result, payload);
      record({ at, cloud, action: form.spec.action, outcome: box.querySelector('[data-bind]')?.getAttribute('data-bind') === 'none' ? 'nothing bound' : 'OK', requestId: String(result.RequestId ?? '') });
    } catch (e) {
      const err = e as ShownError;
      renderError(box, err, this.lastStringToSign);
      record({ at, cloud, action: form.spec.action, outcome: `${err.name ?? 'Error'} ${err.code ?? ''}`, requestId: err.requestId ?? '' });
    } finally {
      this.refresh();
      box.scrollIntoView({ block: 'start', behavior: 'smooth' });
      box.focus({ preventScroll: true });
    }
  }
}
