// The liveops console: credentials for the three clouds side by side, every operation of every
// cloud one tab away (WAI-ARIA tabs), a form per operation with live validation from the wasm
// library, a collapsible request preview, typed answers, bulk jobs, the stream URL tool and the
// session's history. While the wasm loads the page says so; if it cannot load, it says what to do.
import init, { validate, VolcengineLive, TencentLive, AliyunEsa, type ValidationReport } from 'liveops';
import wasmUrl from 'liveops/liveops_bg.wasm?url';
import './style.css';
import { h, clear } from './dom';
import { t, lang, setLang, MESSAGES } from './i18n';
import { OPERATIONS, OperationForm, contractsOf, specFor, opKey, type OpKey } from './forms';
import { type Provider, loadConnection, connectionPanel, clientOptions, hasKeys } from './connection';
import { bulkPanel } from './bulk';
import { record, historyPanel } from './history';
import { OperationPanel } from './operation';
import { streamUrlTool } from './stream';
import { certificatesPanel } from './certs';
import { deployPanel, chooseTargets } from './deploy';

type Tool = 'Certificates' | 'Deploy' | 'BulkUnbind' | 'BulkBind' | 'StreamUrl' | 'History';
type Tab = OpKey | Tool;
/** The console's own tools: the lifecycle views first, then each cloud's tools after its operations. */
const TOOLS: { tab: Tool; cloud: Provider | null }[] = [
  { tab: 'BulkUnbind', cloud: 'volcengine' },
  { tab: 'StreamUrl', cloud: 'volcengine' },
  { tab: 'BulkBind', cloud: 'tencent' },
];
/** Every operation of the catalog gets a tab, grouped by cloud: a new one appears by itself. */
const TABS: { tab: Tab; cloud: Provider | null }[] = [
  { tab: 'Certificates', cloud: null },
  { tab: 'Deploy', cloud: null },
  ...(['volcengine', 'tencent', 'aliyun'] as Provider[]).flatMap((cloud) => [
    ...OPERATIONS.filter((o) => o.provider === cloud).map((o) => ({ tab: opKey(o) as Tab, cloud })),
    ...TOOLS.filter((x) => x.cloud === cloud),
  ]),
  { tab: 'History', cloud: null },
];
/** The contract chosen for operations that changed (UpdateAuthKey 2025-09); kept across reloads. */
const CONTRACT_KEY = 'liveops.contract';
let contract = localStorage.getItem(CONTRACT_KEY) === '2025-09' ? '2025-09' : '2023-10';

const conn = loadConnection();
const forms = new Map<OpKey, OperationForm>();
// The operator's job comes first: the console opens on the certificates of every cloud.
let tab: Tab = (sessionStorage.getItem('liveops.tab') as Tab | null) ?? 'Certificates';
if (!TABS.some((x) => x.tab === tab)) tab = 'Certificates';
let bulkPanels: Partial<Record<'BulkUnbind' | 'BulkBind', HTMLElement>> = {};
let streamPanel: HTMLElement | null = null;
/** The Deploy view lives across tab switches: a deploy running, its input and outcomes stay. */
let deployView: HTMLElement | null = null;
const reveal = { secrets: false };

function client(provider: Provider): VolcengineLive | TencentLive | AliyunEsa {
  const o = clientOptions(conn, provider);
  return provider === 'volcengine' ? new VolcengineLive({ ...o, contract: contract as '2023-10' | '2025-09' })
    : provider === 'tencent' ? new TencentLive(o) : new AliyunEsa(o);
}

/** Clients of the clouds that have keys: what the lifecycle views work with. */
function lifecycleClients(): { volcengine?: VolcengineLive; tencent?: TencentLive; aliyun?: AliyunEsa } {
  const out: { volcengine?: VolcengineLive; tencent?: TencentLive; aliyun?: AliyunEsa } = {};
  if (hasKeys(conn, 'volcengine')) out.volcengine = client('volcengine') as VolcengineLive;
  if (hasKeys(conn, 'tencent')) out.tencent = client('tencent') as TencentLive;
  if (hasKeys(conn, 'aliyun')) out.aliyun = client('aliyun') as AliyunEsa;
  return out;
}

function formFor(op: OpKey): OperationForm {
  // An operation that changed has a form per contract.
  const key = contractsOf(op).length ? `${op}@${contract}` : op;
  let f = forms.get(key);
  if (!f) {
    f = new OperationForm(specFor(op, contract), () => refresh(), () => void current?.send());
    forms.set(key, f);
  }
  return f;
}

// ------------------------------------------------------------------ shell

const app = document.getElementById('app')!;
const panel = h('div', { id: 'panel', role: 'tabpanel', tabindex: '-1' });
const tabsNav = h('div', { class: 'tabs', role: 'tablist', 'aria-label': t('title') });

function tabLabel(x: Tab): string {
  return x === 'BulkUnbind' ? t('bulkUnbind') : x === 'BulkBind' ? t('bulkBind') : x === 'StreamUrl' ? t('streamUrl') : x === 'History' ? t('history')
    : x === 'Certificates' ? t('certificates') : x === 'Deploy' ? t('deployTab') : x.replace(/^\w+:/, '');
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
    // The operator's views (Certificates, Deploy) stand apart from the API operations.
    const lifecycle = x === 'Certificates' || x === 'Deploy';
    const b = h('button', { type: 'button', role: 'tab', id: `tab-${x}`, 'aria-selected': selected ? 'true' : 'false', 'aria-controls': 'panel',
      tabindex: selected ? '0' : '-1', 'data-tab': x, 'data-cloud': cloud ?? '', class: lifecycle ? 'lifecycle-tab' : undefined },
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

/** What the Deploy view holds that a person typed: kept across a language switch. */
let deployCarry: { cert: string; key: string; name: string } | null = null;

function switchLang(): void {
  setLang(lang() === 'en' ? 'zh' : 'en');
  for (const f of forms.values()) f.render();
  bulkPanels = {};
  streamPanel = null;
  const typed = (id: string) => (deployView?.querySelector(`#${id}`) as HTMLInputElement | HTMLTextAreaElement | null)?.value ?? '';
  deployCarry = deployView ? { cert: typed('dep-cert'), key: typed('dep-key'), name: typed('dep-name') } : null;
  deployView = null;
  renderShell();
  document.getElementById('lang')?.focus();
}

// ------------------------------------------------------------------ operation panel

let current: OperationPanel | null = null;
const panelContext = { client, hasKeys: (p: Provider) => hasKeys(conn, p), reveal };

function renderPanel(): void {
  clear(panel);
  current = null;
  if (tab === 'BulkUnbind' || tab === 'BulkBind') return void panel.appendChild(bulkPanels[tab] ??= bulk(tab));
  if (tab === 'StreamUrl') return void panel.appendChild(streamPanel ??= streamUrlTool(() => formFor('UpdateAuthKey').authConfig()));
  if (tab === 'History') return void panel.appendChild(historyPanel());
  if (tab === 'Certificates') {
    return void panel.appendChild(certificatesPanel({
      clients: lifecycleClients,
      deployTo: (targets) => { chooseTargets(targets); selectTab('Deploy', true); },
    }));
  }
  if (tab === 'Deploy') {
    const fresh = !deployView;
    panel.appendChild(deployView ??= deployPanel({ clients: lifecycleClients }));
    if (fresh && deployCarry) {
      // Written back as if typed, so that the view reads them as it reads a person's input.
      for (const [id, value] of [['dep-cert', deployCarry.cert], ['dep-key', deployCarry.key], ['dep-name', deployCarry.name]] as const) {
        const el = deployView.querySelector(`#${id}`) as HTMLInputElement | HTMLTextAreaElement | null;
        if (el && value) { el.value = value; el.dispatchEvent(new Event('input', { bubbles: true })); }
      }
      deployCarry = null;
    }
    return;
  }
  current = new OperationPanel(formFor(tab), panelContext);
  const contracts = contractsOf(tab);
  if (contracts.length) panel.appendChild(contractChoice(contracts));
  panel.append(...current.el);
}

/** Which contract an operation that changed follows: the form, validation and the client follow it. */
function contractChoice(contracts: string[]): HTMLElement {
  const select = h('select', { id: 'contract' }, ...contracts.map((c) => h('option', { value: c, selected: c === contract }, c)));
  select.addEventListener('change', () => {
    contract = select.value;
    localStorage.setItem(CONTRACT_KEY, contract);
    renderPanel();
    document.getElementById('contract')?.focus();
  });
  return h('div', { class: 'card contract-choice' }, h('label', { for: 'contract' }, t('contract')), select, h('small', { class: 'help' }, t('contractHelp')));
}

/** Re-validates the open operation (a field or a credential changed). */
function refresh(): void {
  current?.refresh();
  // "Set the keys first" is not true any more once a cloud has them.
  const needs = document.querySelector<HTMLElement>('#inv-status[data-needs-keys]');
  if (needs && Object.keys(lifecycleClients()).length) {
    needs.textContent = t('inventoryHint');
    delete needs.dataset.needsKeys;
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
