// Deploy / rotate: paste or load a PEM certificate and key, see what it covers and when it
// expires, pick domains and sites on any cloud (from the inventory and the clouds' domain lists),
// confirm, then watch progress and per-target outcomes, and retry the failed ones.
import {
  deployCertificate, inspectCertificate, VolcengineLive, TencentLive, AliyunEsa,
  type CertificateSummary, type DeployOutcome, type DeployTarget, type LifecycleClients,
} from 'liveops';
import { h, clear } from './dom';
import { t, tf } from './i18n';
import { localTime } from './results';
import { confirmDialog } from './confirm';
import { record } from './history';
import { lastInventory } from './certs';
import type { Provider } from './connection';

export interface DeployContext {
  clients: () => LifecycleClients;
}

type Candidate = { provider: Provider; domain?: string; siteId?: number | string; label: string };
const keyOf = (c: { provider: string; domain?: string; siteId?: number | string }) => `${c.provider}:${c.domain ?? c.siteId}`;

/** Targets chosen elsewhere (the Certificates view's Replace), taken when the view opens. */
const pending: Candidate[] = [];
export function chooseTargets(targets: { provider: Provider; domain?: string; siteId?: number | string }[]): void {
  pending.push(...targets.map((x) => ({ ...x, label: x.domain ?? String(x.siteId) })));
}

export function deployPanel(ctx: DeployContext): HTMLElement {
  let cert = '';
  let key = '';
  let name = '';
  let summary: CertificateSummary | null = null;
  const candidates = new Map<string, Candidate>();
  const chosen = new Set<string>();
  let lastOutcomes: DeployOutcome[] = [];
  let controller: AbortController | null = null;

  const certArea = h('textarea', { id: 'dep-cert', class: 'pem', rows: 6, spellcheck: 'false', autocomplete: 'off', placeholder: '-----BEGIN CERTIFICATE-----', 'aria-describedby': 'dep-info' });
  const keyArea = h('textarea', { id: 'dep-key', class: 'pem masked', rows: 4, spellcheck: 'false', autocomplete: 'off', placeholder: '-----BEGIN PRIVATE KEY-----', 'aria-describedby': 'dep-info' });
  const keyToggle = h('button', { type: 'button', class: 'small reveal', 'aria-controls': 'dep-key', 'aria-pressed': 'false' }, t('reveal'));
  keyToggle.addEventListener('click', () => {
    const show = keyArea.classList.toggle('masked') === false;
    keyToggle.textContent = show ? t('hide') : t('reveal');
    keyToggle.setAttribute('aria-pressed', String(show));
  });
  const fileInput = (id: string, area: HTMLTextAreaElement, set: (v: string) => void) => {
    const f = h('input', { type: 'file', id, class: 'file', accept: '.pem,.crt,.cer,.key,.txt' });
    f.addEventListener('change', () => {
      const file = f.files?.[0];
      if (file) void file.text().then((text) => { area.value = text; set(text); });
    });
    return h('div', { class: 'pem-tools' }, h('label', { for: id, class: 'file-label' }, t('loadFile')), f);
  };
  const nameInput = plainInput('dep-name', (v) => { name = v; });
  const info = h('div', { id: 'dep-info', class: 'dep-info', 'aria-live': 'polite' });
  const list = h('div', { id: 'dep-targets', class: 'dep-targets' });
  const loadDomains = h('button', { type: 'button', id: 'dep-load-domains' }, t('loadDomainLists'));
  const addCloud = h('select', { id: 'dep-add-cloud', 'aria-label': t('cloud') },
    ...(['volcengine', 'tencent', 'aliyun'] as Provider[]).map((p) => h('option', { value: p }, t(p))));
  const addValue = h('input', { type: 'text', id: 'dep-add-value', placeholder: t('domainOrSite'), 'aria-label': t('domainOrSite'), autocomplete: 'off' });
  const addButton = h('button', { type: 'button', class: 'small', id: 'dep-add' }, t('add'));
  const go = h('button', { type: 'button', class: 'primary', id: 'dep-go', disabled: true }, t('deploy'));
  const stop = h('button', { type: 'button', id: 'dep-cancel', disabled: true }, t('cancel'));
  const retry = h('button', { type: 'button', id: 'dep-retry', hidden: true }, t('retryFailed'));
  const progress = h('progress', { max: 1, value: 0, class: 'bar', id: 'dep-progress', 'aria-label': `${t('deploy')}: 0 %` });
  const out = h('div', { id: 'dep-outcomes', 'aria-live': 'polite', tabindex: '-1' });

  function inspect(): void {
    clear(info);
    summary = null;
    if (!cert.trim()) {
      info.appendChild(h('p', { class: 'muted' }, t('pasteCertificate')));
      return renderTargets();
    }
    const domains = [...candidates.values()].filter((c) => c.domain).map((c) => c.domain!);
    try {
      summary = inspectCertificate(cert, key.trim() ? key : undefined, domains);
    } catch (e) {
      info.appendChild(h('p', { class: 'error', role: 'alert', 'data-code': (e as { code?: string }).code ?? '' }, `${(e as Error).message}`));
      return renderTargets();
    }
    const s = summary;
    const keyWords = s.keyMatches === true ? t('keyMatches') : s.keyMatches === false ? t('keyMismatch') : s.keyMatches === 'cannotTell' ? t('keyCannotTell') : t('keyMissing');
    info.append(
      h('div', { class: 'kv-row' }, h('span', { class: 'k' }, t('covers')), h('span', { class: 'v mono', id: 'dep-names' }, s.names.join(', '))),
      h('div', { class: 'kv-row' }, h('span', { class: 'k' }, t('notAfter')), h('span', { class: 'v', id: 'dep-not-after' },
        `${localTime(s.notAfter)} · ${s.daysLeft < 0 ? tf('daysAgo', { n: -s.daysLeft }) : tf('daysLeftN', { n: s.daysLeft })}`)),
      h('div', { class: 'kv-row' }, h('span', { class: 'k' }, t('issuer')), h('span', { class: 'v' }, `${s.issuer || '—'} · ${tf('chainOf', { n: s.chainLength })}`)),
      h('div', { class: 'kv-row' }, h('span', { class: 'k' }, t('privateKey')), h('span', { class: `v ${s.keyMatches === false ? 'error' : s.keyMatches === true ? 'ok' : 'muted'}`, id: 'dep-key-state' }, keyWords)),
    );
    if (s.daysLeft < 0) info.appendChild(h('p', { class: 'error', role: 'alert' }, t('certExpired')));
    renderTargets();
  }

  function covered(c: Candidate): boolean | null {
    if (!summary || !c.domain) return null;
    return !summary.notCovered.includes(c.domain);
  }

  function renderTargets(): void {
    clear(list);
    if (!candidates.size) {
      list.appendChild(h('p', { class: 'muted' }, t('noTargets')));
      return sync();
    }
    for (const p of ['volcengine', 'tencent', 'aliyun'] as Provider[]) {
      const mine = [...candidates.values()].filter((c) => c.provider === p).sort((a, b) => a.label.localeCompare(b.label));
      if (!mine.length) continue;
      list.appendChild(h('fieldset', { class: 'row dep-cloud', 'data-provider': p },
        h('legend', {}, h('span', { class: `cloud-tag cloud-${p}` }, t(p)), ` ${mine.length}`),
        ...mine.map((c) => {
          const id = `dep-t-${keyOf(c).replace(/[^a-zA-Z0-9-]/g, '-')}`;
          const box = h('input', { type: 'checkbox', id, checked: chosen.has(keyOf(c)), 'data-target': keyOf(c) });
          box.addEventListener('change', () => { if (box.checked) chosen.add(keyOf(c)); else chosen.delete(keyOf(c)); sync(); });
          const cov = covered(c);
          return h('div', { class: 'dep-target' }, box, h('label', { for: id, class: 'mono' }, c.label),
            cov === null ? null : h('span', { class: `badge ${cov ? 'state-valid' : 'state-expired'}` }, cov ? t('covered') : t('notCovered')));
        })));
    }
    sync();
  }

  function sync(): void {
    const n = chosen.size;
    go.disabled = controller !== null || n === 0 || !summary || summary.keyMatches === false || summary.keyMatches === null || summary.daysLeft < 0;
    go.textContent = n ? tf('deployTo', { n }) : t('deploy');
  }

  function addCandidate(c: Candidate, choose = false): void {
    candidates.set(keyOf(c), c);
    if (choose) chosen.add(keyOf(c));
  }

  function fromInventory(): void {
    for (const c of lastInventory?.certificates ?? []) {
      if (c.provider === 'aliyun') {
        if (c.siteId !== undefined) addCandidate({ provider: 'aliyun', siteId: c.siteId, label: `${c.boundTo[0] ?? ''} (${c.siteId})` });
      } else for (const d of c.boundTo) addCandidate({ provider: c.provider, domain: d, label: d });
    }
  }

  async function loadLists(): Promise<void> {
    const clients = ctx.clients();
    loadDomains.disabled = true;
    const note = h('p', { class: 'muted', role: 'status' }, t('loadingDomains'));
    list.prepend(note);
    const failures: string[] = [];
    try {
      await Promise.all([
        (async () => {
          const v = clients.volcengine as VolcengineLive | undefined;
          if (!v) return;
          const r = await v.listDomainDetail({ PageNum: 1, PageSize: 1000 });
          for (const d of r.DomainList ?? []) addCandidate({ provider: 'volcengine', domain: d.Domain, label: d.Domain });
        })().catch((e: Error) => failures.push(`${t('volcengine')}: ${e.message}`)),
        (async () => {
          const tc = clients.tencent as TencentLive | undefined;
          if (!tc) return;
          for (let page = 1; page <= 100; page++) {
            const r = await tc.describeLiveDomains({ PageNum: page, PageSize: 100, DomainType: 1 });
            for (const d of r.DomainList ?? []) addCandidate({ provider: 'tencent', domain: d.Name, label: d.Name });
            if (page * 100 >= (r.AllCount ?? 0) || !r.DomainList?.length) break;
          }
        })().catch((e: Error) => failures.push(`${t('tencent')}: ${e.message}`)),
        (async () => {
          const a = clients.aliyun as AliyunEsa | undefined;
          if (!a) return;
          const r = await a.listSites({ PageSize: 500 });
          for (const s of r.Sites ?? []) addCandidate({ provider: 'aliyun', siteId: s.SiteId as number | string, label: `${s.SiteName} (${s.SiteId})` });
        })().catch((e: Error) => failures.push(`${t('aliyun')}: ${e.message}`)),
      ]);
    } finally {
      loadDomains.disabled = false;
      // Disabling the focused button dropped the focus: a keyboard user continues from it.
      if (document.activeElement === document.body) loadDomains.focus();
      inspect();
      for (const f of failures) list.prepend(h('p', { class: 'error', role: 'alert' }, f));
    }
  }

  function renderOutcomes(outcomes: DeployOutcome[]): void {
    clear(out);
    const label = (x: DeployTarget) => ('domain' in x ? x.domain : 'siteName' in x ? x.siteName : `site ${x.siteId}`);
    const ok = outcomes.filter((o) => o.status === 'deployed').length;
    out.append(
      h('p', { class: ok === outcomes.length ? 'ok' : 'error', id: 'dep-summary', role: 'status' }, tf('deployedOf', { ok, n: outcomes.length })),
      h('div', { class: 'table-scroll' }, h('table', { class: 'bind-outcomes dep-outcomes stack' },
        h('thead', {}, h('tr', {}, ...[t('cloud'), t('target'), t('outcome'), t('certificateId'), t('error')].map((x) => h('th', { scope: 'col' }, x)))),
        h('tbody', {}, ...outcomes.map((o) => h('tr', { 'data-status': o.status },
          h('td', { 'data-label': t('cloud') }, h('span', { class: `cloud-tag cloud-${o.target.provider}` }, t(o.target.provider))),
          h('td', { class: 'mono', 'data-label': t('target') }, label(o.target)),
          h('td', { 'data-label': t('outcome') }, h('span', { class: `badge ${o.status === 'deployed' ? 'state-valid' : o.status === 'failed' ? 'state-expired' : 'state-disabled'}` },
            o.status === 'deployed' ? t('deployed') : o.status === 'failed' ? t('failed') : t('notStarted'))),
          h('td', { class: 'mono', 'data-label': t('certificateId') }, o.certificateId ?? ''),
          h('td', { 'data-label': t('error') }, o.error ? h('span', {}, h('span', { class: 'mono' }, o.error.code), ' ', o.error.message) : '')))))));
    retry.hidden = retryable().length === 0;
    if (outcomes.some((o) => o.error?.code === 'OutcomeUnknown')) out.appendChild(h('p', { class: 'error', role: 'alert', id: 'dep-unknown' }, t('deployUnknown')));
  }

  async function deploy(targets: DeployTarget[]): Promise<void> {
    const clouds = [...new Set(targets.map((x) => t(x.provider)))].join(', ');
    const yes = await confirmDialog(tf('confirmDeploy', { n: targets.length, clouds }), t('confirmDeployBody'));
    if (!yes) return void go.focus();
    controller = new AbortController();
    stop.disabled = false;
    sync();
    progress.value = 0;
    clear(out);
    const at = new Date().toISOString();
    try {
      const outcomes = await deployCertificate(ctx.clients(), { certificate: cert, privateKey: key, name: name.trim() || undefined }, targets, {
        signal: controller.signal,
        onProgress: (p) => {
          progress.value = p.done / p.total;
          progress.setAttribute('aria-label', `${t('deploy')}: ${Math.round((p.done / p.total) * 100)} %`);
        },
      });
      lastOutcomes = outcomes;
      renderOutcomes(outcomes);
      record({ at, cloud: 'allClouds', action: 'Deploy', outcome: `${outcomes.filter((o) => o.status === 'deployed').length}/${outcomes.length}`, requestId: '' });
    } catch (e) {
      out.appendChild(h('p', { class: 'error', role: 'alert', 'data-code': (e as { code?: string }).code ?? '' }, `${(e as Error).name}: ${(e as Error).message}`));
    } finally {
      controller = null;
      stop.disabled = true;
      sync();
      out.focus({ preventScroll: true });
      out.scrollIntoView({ block: 'nearest' });
    }
  }

  certArea.addEventListener('input', () => { cert = certArea.value; inspect(); });
  keyArea.addEventListener('input', () => { key = keyArea.value; inspect(); });
  loadDomains.addEventListener('click', () => void loadLists());
  addButton.addEventListener('click', () => {
    const v = addValue.value.trim();
    if (!v) return;
    const p = addCloud.value as Provider;
    addCandidate(p === 'aliyun' ? { provider: p, siteId: /^\d{1,15}$/.test(v) ? Number(v) : v, label: v } : { provider: p, domain: v.toLowerCase(), label: v.toLowerCase() }, true);
    addValue.value = '';
    inspect();
  });
  addValue.addEventListener('keydown', (e) => { if ((e as KeyboardEvent).key === 'Enter') { e.preventDefault(); addButton.click(); } });
  go.addEventListener('click', () => {
    const targets = [...chosen].map((k) => candidates.get(k)!).map((c): DeployTarget =>
      c.provider === 'aliyun' ? { provider: 'aliyun', siteId: c.siteId! } : { provider: c.provider, domain: c.domain! });
    void deploy(targets);
  });
  stop.addEventListener('click', () => controller?.abort());
  // A target whose upload may have been carried out (OutcomeUnknown) is not sent again from here:
  // the operator checks the cloud first (the error says how).
  const retryable = () => lastOutcomes.filter((o) => o.status !== 'deployed' && o.error?.code !== 'OutcomeUnknown').map((o) => o.target);
  retry.addEventListener('click', () => void deploy(retryable()));

  fromInventory();
  for (const c of pending.splice(0)) addCandidate(c, true);
  const el = h('div', { class: 'deploy-view' },
    h('section', { class: 'card' },
      h('h2', {}, t('deployTitle')),
      h('p', { class: 'help' }, t('deployHelp')),
      h('div', { class: 'field' }, h('label', { for: 'dep-cert' }, t('certificatePem')), h('div', { class: 'pem-wrap' }, certArea, fileInput('dep-cert-file', certArea, (v) => { cert = v; inspect(); }))),
      h('div', { class: 'field' }, h('label', { for: 'dep-key' }, t('privateKey')), h('div', { class: 'pem-wrap' }, keyArea,
        (() => { const tools = fileInput('dep-key-file', keyArea, (v) => { key = v; inspect(); }); tools.appendChild(keyToggle); return tools; })())),
      h('div', { class: 'field' }, h('label', { for: 'dep-name' }, t('certName')), nameInput, h('small', { class: 'help' }, t('certNameHelp'))),
      info),
    h('section', { class: 'card' },
      h('h2', {}, t('targets')),
      h('div', { class: 'toolbar' }, loadDomains, addCloud, addValue, addButton),
      list,
      h('div', { class: 'actions' }, go, stop, retry),
      progress, out));
  inspect();
  return el;
}

/** A plain text input (the certificate's name is no secret). */
function plainInput(id: string, onInput: (v: string) => void): HTMLInputElement {
  const input = h('input', { id, type: 'text', autocomplete: 'off', spellcheck: 'false' });
  input.addEventListener('input', () => onInput(input.value));
  return input;
}
