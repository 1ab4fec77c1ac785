// The liveops console: connection, one form per operation with live validation from the wasm
// library, a request preview, typed answers, bulk jobs and the signed stream URL tool.
import init, { validate, VolcengineLive, TencentLive, AliyunEsa, signStreamUrl, type ValidationReport, type ValidationIssue, type ClientOptions } from 'liveops';
import wasmUrl from 'liveops/liveops_bg.wasm?url';
import './style.css';
import { h, clear } from './dom';
import { t, lang, setLang, type Lang } from './i18n';
import { OPERATIONS, OperationForm, type Provider, type Action } from './forms';
import { renderResult, renderError, type ShownError } from './results';
import { bulkPanel } from './bulk';

const DEMO_KEYS = { accessKeyId: 'AKLTLIVEOPSDEMO0000000000', secretAccessKey: 'liveopsDemoSecretKey000000000000' };
const CLOUDS: { id: Provider; name: string }[] = [
  { id: 'volcengine', name: 'Volcengine' },
  { id: 'tencent', name: 'Tencent Cloud' },
  { id: 'aliyun', name: 'Alibaba Cloud ESA' },
];
type Tab = Action | 'BulkUnbind' | 'BulkBind' | 'StreamUrl';
const TABS: Record<Provider, Tab[]> = {
  volcengine: ['UpdateAuthKey', 'ListCertV2', 'UnbindCert', 'BulkUnbind', 'StreamUrl'],
  tencent: ['ModifyLiveDomainCertBindings', 'BulkBind'],
  aliyun: ['ApplyCertificate'],
};

interface Connection { cloud: Provider; accessKeyId: string; secret: string; token: string; endpoint: string; remember: boolean }

function loadConnection(): Connection {
  const saved = JSON.parse(localStorage.getItem('liveops.connection') ?? '{}') as Partial<Connection>;
  const remember = saved.remember === true;
  return {
    cloud: saved.cloud ?? 'volcengine',
    accessKeyId: saved.accessKeyId ?? '',
    endpoint: saved.endpoint ?? location.origin,
    remember,
    // The secret and token are kept only when asked, and only for this tab.
    secret: remember ? sessionStorage.getItem('liveops.secret') ?? '' : '',
    token: remember ? sessionStorage.getItem('liveops.token') ?? '' : '',
  };
}

function saveConnection(c: Connection): void {
  localStorage.setItem('liveops.connection', JSON.stringify({ cloud: c.cloud, accessKeyId: c.accessKeyId, endpoint: c.endpoint, remember: c.remember }));
  if (c.remember) {
    sessionStorage.setItem('liveops.secret', c.secret);
    sessionStorage.setItem('liveops.token', c.token);
  } else {
    sessionStorage.removeItem('liveops.secret');
    sessionStorage.removeItem('liveops.token');
  }
}

const conn = loadConnection();
const forms = new Map<Action, OperationForm>();
let tab: Tab = TABS[conn.cloud][0];
let bulkPanels: Partial<Record<'BulkUnbind' | 'BulkBind', HTMLElement>> = {};

function clientOptions(): ClientOptions {
  return { accessKeyId: conn.accessKeyId.trim(), secretAccessKey: conn.secret, sessionToken: conn.token || undefined, endpoint: conn.endpoint.trim() || undefined };
}

function client(provider: Provider): VolcengineLive | TencentLive | AliyunEsa {
  const o = clientOptions();
  return provider === 'volcengine' ? new VolcengineLive(o) : provider === 'tencent' ? new TencentLive(o) : new AliyunEsa(o);
}

const hasKeys = () => conn.accessKeyId.trim() !== '' && conn.secret !== '';

function formFor(action: Action): OperationForm {
  let f = forms.get(action);
  if (!f) {
    const spec = OPERATIONS.find((o) => o.action === action)!;
    f = new OperationForm(spec, () => refresh());
    forms.set(action, f);
  }
  return f;
}

// ------------------------------------------------------------------ shell

const app = document.getElementById('app')!;
const panel = h('div', { id: 'panel' });
let sendButton: HTMLButtonElement | null = null;
let previewBox: HTMLElement | null = null;
let answerBox: HTMLElement | null = null;

function field(label: string, input: HTMLElement, help?: string): HTMLElement {
  return h('div', { class: 'field' }, h('label', { for: input.id }, label), input, help ? h('small', { class: 'help' }, help) : null);
}

function connectionPanel(): HTMLElement {
  const cloud = h('select', { id: 'conn-cloud' }, ...CLOUDS.map((c) => h('option', { value: c.id, selected: c.id === conn.cloud }, c.name)));
  const ak = h('input', { id: 'conn-ak', type: 'text', value: conn.accessKeyId, autocomplete: 'off', spellcheck: 'false' });
  const sk = h('input', { id: 'conn-sk', type: 'password', value: conn.secret, autocomplete: 'off' });
  const token = h('input', { id: 'conn-token', type: 'password', value: conn.token, autocomplete: 'off' });
  const endpoint = h('input', { id: 'conn-endpoint', type: 'url', value: conn.endpoint, spellcheck: 'false' });
  const remember = h('input', { id: 'conn-remember', type: 'checkbox', checked: conn.remember });
  const note = h('small', { class: 'note', id: 'remember-note', hidden: !conn.remember }, t('rememberNote'));
  const changed = () => {
    conn.accessKeyId = ak.value;
    conn.secret = sk.value;
    conn.token = token.value;
    conn.endpoint = endpoint.value;
    conn.remember = remember.checked;
    note.hidden = !conn.remember;
    saveConnection(conn);
    refresh();
  };
  for (const el of [ak, sk, token, endpoint]) el.addEventListener('input', changed);
  remember.addEventListener('change', changed);
  cloud.addEventListener('change', () => {
    conn.cloud = cloud.value as Provider;
    tab = TABS[conn.cloud][0];
    saveConnection(conn);
    renderTabs();
    renderPanel();
  });
  const demo = h('button', { type: 'button', id: 'conn-demo', onclick: () => {
    ak.value = DEMO_KEYS.accessKeyId;
    sk.value = DEMO_KEYS.secretAccessKey;
    changed();
  } }, t('demoKeys'));
  return h('section', { class: 'card connection' },
    h('h2', {}, t('connection')),
    h('div', { class: 'grid' },
      field(t('cloud'), cloud),
      field(t('accessKeyId'), ak),
      field(t('secret'), sk),
      field(t('token'), token),
      field(t('endpoint'), endpoint, t('endpointHelp'))),
    h('div', { class: 'remember' },
      remember, h('label', { for: 'conn-remember' }, t('remember')),
      note,
      demo));
}

const tabsNav = h('nav', { class: 'tabs', role: 'tablist' });
function tabLabel(x: Tab): string {
  return x === 'BulkUnbind' ? t('bulkUnbind') : x === 'BulkBind' ? t('bulkBind') : x === 'StreamUrl' ? t('streamUrl') : x;
}
function renderTabs(): void {
  clear(tabsNav);
  for (const x of TABS[conn.cloud]) {
    tabsNav.appendChild(h('button', { type: 'button', role: 'tab', 'aria-selected': x === tab ? 'true' : 'false', 'data-tab': x,
      onclick: () => { tab = x; renderTabs(); renderPanel(); } }, tabLabel(x)));
  }
}

function renderShell(): void {
  clear(app);
  const langButton = h('button', { type: 'button', id: 'lang', class: 'ghost', onclick: () => switchLang(lang() === 'en' ? 'zh' : 'en') }, t('language'));
  app.append(
    h('header', {}, h('div', {}, h('h1', {}, t('title')), h('p', { class: 'sub' }, t('subtitle'))), langButton),
    h('main', {}, connectionPanel(), tabsNav, panel),
  );
  renderTabs();
  renderPanel();
}

function switchLang(l: Lang): void {
  setLang(l);
  for (const f of forms.values()) f.render();
  bulkPanels = {};
  renderShell();
}

// ------------------------------------------------------------------ operation panel

function renderPanel(): void {
  clear(panel);
  sendButton = previewBox = answerBox = null;
  if (tab === 'BulkUnbind' || tab === 'BulkBind') {
    panel.appendChild(bulkPanels[tab] ??= bulk(tab));
    return;
  }
  if (tab === 'StreamUrl') {
    panel.appendChild(streamUrlTool());
    return;
  }
  const form = formFor(tab);
  sendButton = h('button', { type: 'button', class: 'primary', id: 'send', onclick: () => void send(form) }, t('send'));
  previewBox = h('div', { class: 'preview', id: 'preview' });
  answerBox = h('div', { class: 'answer', id: 'answer', 'aria-live': 'polite' });
  panel.append(
    h('section', { class: 'card' }, h('h2', {}, tab), form.el, h('div', { class: 'actions' }, sendButton)),
    h('section', { class: 'card' }, h('h2', {}, t('preview')), previewBox),
    h('section', { class: 'card' }, h('h2', {}, t('answer')), answerBox),
  );
  refresh();
}

function showIssues(form: OperationForm, report: ValidationReport): void {
  const boxes = [...form.el.querySelectorAll<HTMLElement>('.msg')];
  for (const b of boxes) { clear(b); b.classList.remove('has-error', 'has-warning'); }
  const place = (issue: ValidationIssue, kind: 'error' | 'warning') => {
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
  for (const input of form.el.querySelectorAll<HTMLElement>('input, select')) {
    const bad = report.errors.some((e) => input.getAttribute('name') === e.path);
    input.setAttribute('aria-invalid', bad ? 'true' : 'false');
  }
}

/** Re-validates the open form while typing; Send stays disabled while there are errors. */
function refresh(): void {
  if (!sendButton || !previewBox || tab === 'BulkUnbind' || tab === 'BulkBind' || tab === 'StreamUrl') return;
  const form = formFor(tab);
  const payload = form.payload();
  const report = validate(form.spec.provider, form.spec.action, payload, { locale: lang() });
  showIssues(form, report);
  sendButton.disabled = !report.ok || !hasKeys();
  sendButton.title = !hasKeys() ? t('previewNeedsKeys') : '';
  renderPreview(form, payload, report);
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function renderPreview(form: OperationForm, payload: Record<string, unknown>, report: ValidationReport): void {
  const box = previewBox!;
  clear(box);
  if (!report.ok) return void box.appendChild(h('p', { class: 'muted' }, t('previewBlocked')));
  if (!hasKeys()) return void box.appendChild(h('p', { class: 'muted' }, t('previewNeedsKeys')));
  let p;
  try {
    p = client(form.spec.provider).preview(form.spec.action, payload);
  } catch (e) {
    return void box.appendChild(h('p', { class: 'error' }, `${(e as Error).name}: ${(e as Error).message}`));
  }
  const headers = Object.entries(p.headers).filter(([k]) => k !== 'host');
  const curl = [`curl -X ${p.method} ${shellQuote(p.url)}`, ...headers.map(([k, v]) => `  -H ${shellQuote(`${k}: ${v}`)}`), ...(p.body ? [`  --data-raw ${shellQuote(p.body)}`] : [])].join(' \\\n');
  const copy = h('button', { type: 'button', class: 'small', id: 'copy-curl', onclick: () => {
    void navigator.clipboard?.writeText(curl).then(() => { copy.textContent = t('copied'); });
  } }, t('copyCurl'));
  box.append(
    h('div', { class: 'kv-row' }, h('span', { class: 'k' }, 'Method'), h('span', { class: 'v mono', id: 'preview-method' }, p.method)),
    h('div', { class: 'kv-row' }, h('span', { class: 'k' }, 'URL'), h('span', { class: 'v mono', id: 'preview-url' }, p.url)),
    h('table', { class: 'headers' }, h('tbody', {}, ...headers.map(([k, v]) => h('tr', {}, h('td', { class: 'mono' }, k), h('td', { class: 'mono' }, v))))),
    h('h3', {}, 'Canonical request'), h('pre', { id: 'preview-canonical' }, p.canonicalRequest),
    h('h3', {}, 'String to sign'), h('pre', { id: 'preview-sts' }, p.stringToSign),
    h('h3', {}, 'curl'), h('pre', { id: 'preview-curl' }, curl), copy,
  );
}

async function send(form: OperationForm): Promise<void> {
  const box = answerBox!;
  const button = sendButton!;
  button.disabled = true;
  clear(box);
  box.className = 'answer';
  box.appendChild(h('p', { class: 'muted' }, t('sending')));
  try {
    const c = client(form.spec.provider) as unknown as Record<string, (p: unknown) => Promise<Record<string, unknown>>>;
    const method = form.spec.action.charAt(0).toLowerCase() + form.spec.action.slice(1);
    const result = await c[method].call(c, form.payload());
    renderResult(box, form.spec.action, result);
  } catch (e) {
    renderError(box, e as ShownError);
  } finally {
    refresh();
  }
}

// ------------------------------------------------------------------ bulk and stream URL

function bulk(kind: 'BulkUnbind' | 'BulkBind'): HTMLElement {
  const sample = Array.from({ length: 12 }, (_, i) => `play${String(i + 1).padStart(2, '0')}.example.com`).join('\n');
  if (kind === 'BulkUnbind') {
    return bulkPanel({ kind: 'unbind', run: (Domain, _x, signal) => (client('volcengine') as VolcengineLive).unbindCert({ Domain }, { signal }) }, sample);
  }
  return bulkPanel({
    kind: 'bind',
    run: async (DomainName, { CloudCertId, Status }, signal) => {
      const r = await (client('tencent') as TencentLive).modifyLiveDomainCertBindings({ DomainInfos: [{ DomainName, Status: Status as 1 | 0 | -1 }], CloudCertId }, { signal });
      const failure = r.Errors?.[0];
      if (failure) throw Object.assign(new Error(failure.Message), { name: 'DomainError', code: failure.Code });
      if (r.MismatchedDomainNames?.length) throw Object.assign(new Error('the certificate does not cover this domain'), { name: 'DomainError', code: 'MismatchedDomainName' });
      return r;
    },
  }, sample);
}

function localInput(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function streamUrlTool(): HTMLElement {
  const input = (id: string, value = '', type = 'text') => h('input', { id, type, value, autocomplete: 'off', spellcheck: 'false' });
  const domain = input('su-Domain', 'push.example.com');
  const app = input('su-App', 'live');
  const stream = input('su-Stream', 'livestream');
  const secret = input('su-SecretKey', '', 'password');
  const volcSecret = input('su-volcSecret');
  const volcTime = input('su-volcTime');
  const protocol = h('select', { id: 'su-protocol' }, ...['rtmp', 'https', 'http', 'srt'].map((p) => h('option', { value: p }, p)));
  const suffix = h('select', { id: 'su-suffix' }, ...['', '.flv', '.m3u8'].map((s) => h('option', { value: s }, s || '(none)')));
  const expires = input('su-expires', localInput(new Date(Date.now() + 3600_000)), 'datetime-local');
  const out = h('output', { id: 'su-url', class: 'mono url' });
  const msg = h('div', { class: 'msg' });
  const generate = () => {
    clear(msg);
    out.textContent = '';
    const at = new Date(expires.value).getTime();
    try {
      out.textContent = signStreamUrl({
        protocol: protocol.value, domain: domain.value.trim(), app: app.value.trim(), stream: stream.value.trim(), suffix: suffix.value,
        secretKey: secret.value, expiresAt: Math.floor(at / 1000),
        authField: { ...(volcSecret.value ? { volcSecret: volcSecret.value } : {}), ...(volcTime.value ? { volcTime: volcTime.value } : {}) },
      });
    } catch (e) {
      msg.appendChild(h('div', { class: 'error' }, (e as Error).message));
    }
  };
  const shift = (ms: number) => h('button', { type: 'button', class: 'small', onclick: () => { expires.value = localInput(new Date(Date.now() + ms)); generate(); } },
    ms >= 86_400_000 ? `+${ms / 86_400_000}d` : `+${ms / 3_600_000}h`);
  const fromForm = h('button', { type: 'button', id: 'su-from-form', onclick: () => {
    const cfg = formFor('UpdateAuthKey').authConfig();
    if (cfg.domain) domain.value = cfg.domain;
    if (cfg.app) app.value = cfg.app;
    secret.value = cfg.secretKey;
    volcSecret.value = cfg.authField.volcSecret ?? '';
    volcTime.value = cfg.authField.volcTime ?? '';
    generate();
  } }, t('fromForm'));
  for (const el of [domain, app, stream, secret, volcSecret, volcTime, expires]) el.addEventListener('input', generate);
  for (const el of [protocol, suffix]) el.addEventListener('change', generate);
  const copy = h('button', { type: 'button', class: 'small', onclick: () => void navigator.clipboard?.writeText(out.textContent ?? '') }, t('copy'));
  return h('section', { class: 'card' },
    h('h2', {}, t('streamUrl')),
    h('div', { class: 'grid' },
      field('protocol', protocol), field('Domain', domain), field('App', app), field('Stream', stream), field('suffix', suffix),
      field('SecretKey', secret), field('AuthField.volcSecret', volcSecret), field('AuthField.volcTime', volcTime),
      h('div', { class: 'field' }, h('label', { for: 'su-expires' }, t('expiresAt')), expires, h('div', { class: 'shifts' }, shift(3_600_000), shift(86_400_000), shift(7 * 86_400_000)))),
    h('div', { class: 'actions' }, fromForm, h('button', { type: 'button', class: 'primary', id: 'su-generate', onclick: generate }, t('generate'))),
    msg, out, copy);
}

// ------------------------------------------------------------------ start

await init({ module_or_path: wasmUrl });
renderShell();
document.body.dataset.ready = 'true';
