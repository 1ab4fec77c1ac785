// The liveops console: credentials for the three clouds side by side, every operation of every
// cloud one tab away (WAI-ARIA tabs), a form per operation with live validation from the wasm
// library, a collapsible request preview, typed answers, bulk jobs, the stream URL tool and the
// session's history. While the wasm loads the page says so; if it cannot load, it says what to do.
import init, { validate, VolcengineLive, TencentLive, AliyunEsa, type ValidationReport, type ValidationIssue } from 'liveops';
import wasmUrl from 'liveops/liveops_bg.wasm?url';
import './style.css';
import { h, clear, copyButton } from './dom';
import { t, lang, setLang, MESSAGES } from './i18n';
import { OPERATIONS, OperationForm, type Action } from './forms';
import { type Provider, loadConnection, connectionPanel, clientOptions, hasKeys } from './connection';
import { renderResult, renderError, type ShownError } from './results';
import { bulkPanel } from './bulk';
import { confirmDialog } from './confirm';
import { record, historyPanel } from './history';
import { streamUrlTool } from './stream';

type Tool = 'BulkUnbind' | 'BulkBind' | 'StreamUrl' | 'History';
type Tab = Action | Tool;
/** The console's own tools, placed after their cloud's operations. */
const TOOLS: { tab: Tool; cloud: Provider | null }[] = [
  { tab: 'BulkUnbind', cloud: 'volcengine' },
  { tab: 'StreamUrl', cloud: 'volcengine' },
  { tab: 'BulkBind', cloud: 'tencent' },
  { tab: 'History', cloud: null },
];
/** Every operation of the catalog gets a tab, grouped by cloud: a new one appears by itself. */
const TABS: { tab: Tab; cloud: Provider | null }[] = [
  ...(['volcengine', 'tencent', 'aliyun'] as Provider[]).flatMap((cloud) => [
    ...OPERATIONS.filter((o) => o.provider === cloud).map((o) => ({ tab: o.action as Tab, cloud })),
    ...TOOLS.filter((x) => x.cloud === cloud),
  ]),
  ...TOOLS.filter((x) => x.cloud === null),
];

const conn = loadConnection();
const forms = new Map<Action, OperationForm>();
let tab: Tab = (sessionStorage.getItem('liveops.tab') as Tab | null) ?? 'UpdateAuthKey';
if (!TABS.some((x) => x.tab === tab)) tab = 'UpdateAuthKey';
let bulkPanels: Partial<Record<'BulkUnbind' | 'BulkBind', HTMLElement>> = {};
let streamPanel: HTMLElement | null = null;
const reveal = { secrets: false };

function client(provider: Provider): VolcengineLive | TencentLive | AliyunEsa {
  const o = clientOptions(conn, provider);
  return provider === 'volcengine' ? new VolcengineLive(o) : provider === 'tencent' ? new TencentLive(o) : new AliyunEsa(o);
}

function formFor(action: Action): OperationForm {
  let f = forms.get(action);
  if (!f) {
    const spec = OPERATIONS.find((o) => o.action === action)!;
    f = new OperationForm(spec, () => refresh(), () => void send(f!));
    forms.set(action, f);
  }
  return f;
}

// ------------------------------------------------------------------ shell

const app = document.getElementById('app')!;
const panel = h('div', { id: 'panel', role: 'tabpanel', tabindex: '-1' });
const tabsNav = h('div', { class: 'tabs', role: 'tablist', 'aria-label': t('title') });
let previewBox: HTMLElement | null = null;
let answerBox: HTMLElement | null = null;
let lastStringToSign = '';

function tabLabel(x: Tab): string {
  return x === 'BulkUnbind' ? t('bulkUnbind') : x === 'BulkBind' ? t('bulkBind') : x === 'StreamUrl' ? t('streamUrl') : x === 'History' ? t('history') : x;
}

function selectTab(x: Tab, focus: boolean): void {
  tab = x;
  sessionStorage.setItem('liveops.tab', x);
  renderTabs();
  renderPanel();
  if (focus) document.getElementById(`tab-${x}`)?.focus();
}

/** WAI-ARIA tabs: one tab in the Tab order, arrows/Home/End move and select. */
function renderTabs(): void {
  clear(tabsNav);
  tabsNav.setAttribute('aria-label', t('title'));
  TABS.forEach(({ tab: x, cloud }, i) => {
    const selected = x === tab;
    const b = h('button', { type: 'button', role: 'tab', id: `tab-${x}`, 'aria-selected': selected ? 'true' : 'false', 'aria-controls': 'panel',
      tabindex: selected ? '0' : '-1', 'data-tab': x, 'data-cloud': cloud ?? '' },
    cloud ? h('span', { class: `cloud-tag cloud-${cloud}` }, t(cloud)) : null, ' ', tabLabel(x));
    b.addEventListener('click', () => selectTab(x, false));
    b.addEventListener('keydown', (e) => {
      const k = (e as KeyboardEvent).key;
      const next = k === 'ArrowRight' || k === 'ArrowDown' ? i + 1 : k === 'ArrowLeft' || k === 'ArrowUp' ? i - 1 : k === 'Home' ? 0 : k === 'End' ? TABS.length - 1 : null;
      if (next === null) return;
      e.preventDefault();
      selectTab(TABS[(next + TABS.length) % TABS.length].tab, true);
    });
    tabsNav.appendChild(b);
  });
  panel.setAttribute('aria-labelledby', `tab-${tab}`);
}

function renderShell(): void {
  clear(app);
  document.title = t('title');
  const langButton = h('button', { type: 'button', id: 'lang', class: 'ghost', lang: lang() === 'en' ? 'zh-CN' : 'en', onclick: () => switchLang() }, t('language'));
  app.append(
    h('header', {}, h('div', {}, h('h1', {}, t('title')), h('p', { class: 'sub' }, t('subtitle'))), langButton),
    h('main', {}, connectionPanel(conn, () => refresh()), tabsNav, panel),
  );
  renderTabs();
  renderPanel();
}

function switchLang(): void {
  setLang(lang() === 'en' ? 'zh' : 'en');
  for (const f of forms.values()) f.render();
  bulkPanels = {};
  streamPanel = null;
  renderShell();
  document.getElementById('lang')?.focus();
}

// ------------------------------------------------------------------ operation panel

function cloudOf(x: Tab): Provider | null {
  return TABS.find((y) => y.tab === x)?.cloud ?? null;
}

function renderPanel(): void {
  clear(panel);
  previewBox = answerBox = null;
  if (tab === 'BulkUnbind' || tab === 'BulkBind') return void panel.appendChild(bulkPanels[tab] ??= bulk(tab));
  if (tab === 'StreamUrl') return void panel.appendChild(streamPanel ??= streamUrlTool(() => formFor('UpdateAuthKey').authConfig()));
  if (tab === 'History') return void panel.appendChild(historyPanel());
  const form = formFor(tab);
  const cloud = cloudOf(tab)!;
  previewBox = h('div', { class: 'preview', id: 'preview' });
  answerBox = h('div', { class: 'answer', id: 'answer', tabindex: '-1', 'aria-live': 'polite' }, h('p', { class: 'muted' }, t('noAnswerYet')));
  const revealBox = h('input', { type: 'checkbox', id: 'reveal-secrets', checked: reveal.secrets });
  revealBox.addEventListener('change', () => { reveal.secrets = revealBox.checked; refresh(); });
  panel.append(
    h('section', { class: 'card' }, h('h2', {}, h('span', { class: `cloud-tag cloud-${cloud}` }, t(cloud)), ' ', tab), form.el),
    h('section', { class: 'card', 'aria-labelledby': 'answer-title' }, h('h2', { id: 'answer-title' }, t('answer')), answerBox),
    h('details', { class: 'card preview-card', open: true },
      h('summary', {}, h('h2', { class: 'inline' }, t('preview'))),
      h('div', { class: 'remember' }, revealBox, h('label', { for: 'reveal-secrets' }, t('revealSecrets'))),
      previewBox),
  );
  refresh();
}

function showIssues(form: OperationForm, report: ValidationReport): void {
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

function fullReport(form: OperationForm, payload: Record<string, unknown>): ValidationReport {
  const report = validate(form.spec.provider, form.spec.action, payload, { locale: lang() });
  const local = form.localIssues();
  return local.length ? { ok: false, errors: [...report.errors, ...local], warnings: report.warnings } : report;
}

/** Re-validates the open form while typing; Send stays disabled while there are errors. */
function refresh(): void {
  if (!previewBox) return;
  const form = formFor(tab as Action);
  const payload = form.payload();
  const report = fullReport(form, payload);
  showIssues(form, report);
  const keys = hasKeys(conn, form.spec.provider);
  form.submit.disabled = !keys || (form.attempted && !report.ok);
  form.submit.title = keys ? '' : t('previewNeedsKeys');
  renderPreview(form, payload, report);
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function renderPreview(form: OperationForm, payload: Record<string, unknown>, report: ValidationReport): void {
  const box = previewBox!;
  clear(box);
  if (!report.ok) return void box.appendChild(h('p', { class: 'muted' }, t('previewBlocked')));
  if (!hasKeys(conn, form.spec.provider)) return void box.appendChild(h('p', { class: 'muted' }, t('previewNeedsKeys')));
  let p;
  try {
    p = client(form.spec.provider).preview(form.spec.action, payload, { revealSecrets: reveal.secrets });
  } catch (e) {
    return void box.appendChild(h('p', { class: 'error' }, `${(e as Error).name}: ${(e as Error).message}`));
  }
  lastStringToSign = p.stringToSign;
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
}

async function send(form: OperationForm): Promise<void> {
  const box = answerBox!;
  const payload = form.payload();
  const report = fullReport(form, payload);
  refresh();
  if (!report.ok) {
    form.el.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    return;
  }
  if (form.spec.action === 'UnbindCert') {
    const ok = await confirmDialog(`${t('confirmUnbind').replace('{n}', '1').replace('{cloud}', t('volcengine'))} (${String(payload.Domain ?? '')})`, t('confirmBody'));
    if (!ok) return void form.submit.focus();
  }
  const button = form.submit;
  button.disabled = true;
  clear(box);
  box.className = 'answer';
  box.appendChild(h('p', { class: 'muted' }, t('sending')));
  box.scrollIntoView({ block: 'nearest' });
  const cloud = form.spec.provider;
  const at = new Date().toISOString();
  try {
    const result = await client(cloud).call(form.spec.action, payload) as Record<string, unknown>;
    renderResult(box, form.spec.action, result, payload);
    record({ at, cloud, action: form.spec.action, outcome: box.querySelector('[data-bind]')?.getAttribute('data-bind') === 'none' ? 'nothing bound' : 'OK', requestId: String(result.RequestId ?? '') });
  } catch (e) {
    const err = e as ShownError;
    renderError(box, err, lastStringToSign);
    record({ at, cloud, action: form.spec.action, outcome: `${err.name ?? 'Error'} ${err.code ?? ''}`, requestId: err.requestId ?? '' });
  } finally {
    refresh();
    box.scrollIntoView({ block: 'start', behavior: 'smooth' });
    box.focus({ preventScroll: true });
  }
}

// ------------------------------------------------------------------ bulk

function bulk(kind: 'BulkUnbind' | 'BulkBind'): HTMLElement {
  const sample = Array.from({ length: 12 }, (_, i) => `play${String(i + 1).padStart(2, '0')}.example.com`).join('\n');
  const firstError = (r: ValidationReport) => (r.ok ? null : r.errors[0]?.message ?? 'invalid');
  if (kind === 'BulkUnbind') {
    return bulkPanel({
      kind: 'unbind',
      cloudName: () => t('volcengine'),
      check: (Domain) => firstError(validate('volcengine', 'UnbindCert', { Domain }, { locale: lang() })),
      runOne: (Domain, signal) => (client('volcengine') as VolcengineLive).unbindCert({ Domain }, { signal }),
    }, sample);
  }
  return bulkPanel({
    kind: 'bind',
    cloudName: () => t('tencent'),
    check: (DomainName, { CloudCertId, Status }) => firstError(validate('tencent', 'ModifyLiveDomainCertBindings',
      { DomainInfos: [{ DomainName, Status }], ...(CloudCertId ? { CloudCertId } : {}) }, { locale: lang() })),
    runAll: async (domains, { CloudCertId, Status }, signal) => {
      // The API takes a list: every domain in one request, per-domain outcomes in the answer.
      const r = await (client('tencent') as TencentLive).modifyLiveDomainCertBindings(
        { DomainInfos: domains.map((DomainName) => ({ DomainName, Status: Status as 1 | 0 | -1 })), ...(CloudCertId ? { CloudCertId } : {}) }, { signal });
      record({ at: new Date().toISOString(), cloud: 'tencent', action: 'ModifyLiveDomainCertBindings', outcome: `bulk ${domains.length}`, requestId: r.RequestId ?? '' });
      const out = new Map<string, string | null>();
      const mismatched = new Set(r.MismatchedDomainNames ?? []);
      for (const e of r.Errors ?? []) out.set(e.DomainName, `${e.Code}: ${e.Message}`);
      for (const d of domains) if (!out.has(d)) out.set(d, mismatched.has(d) ? `MismatchedDomainName: ${t('mismatched')}` : null);
      return out;
    },
  }, sample);
}

// ------------------------------------------------------------------ start

function loadFailed(e: unknown): void {
  clear(app);
  app.appendChild(h('section', { class: 'card load-failed', role: 'alert' },
    h('h1', {}, t('loadFailed')),
    h('p', {}, t('loadFailedHelp').replace('{url}', String(wasmUrl))),
    h('pre', {}, `${(e as Error)?.name ?? 'Error'}: ${(e as Error)?.message ?? String(e)}`),
    h('button', { type: 'button', class: 'primary', onclick: () => location.reload() }, t('reload'))));
  document.body.dataset.ready = 'failed';
}

// Both message tables, for translators and for the test that looks for untranslated text.
(window as unknown as { liveopsMessages: typeof MESSAGES }).liveopsMessages = MESSAGES;

try {
  await init({ module_or_path: wasmUrl });
  renderShell();
  document.body.dataset.ready = 'true';
} catch (e) {
  loadFailed(e);
}
