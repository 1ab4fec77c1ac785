// Deploy / rotate: paste or load a PEM certificate and key, see what it covers and when it
// expires, pick domains and sites on any cloud (from the inventory and the clouds' domain lists),
// review the plan (what each target serves now and what changes; nothing is written), confirm it,
// then watch progress and per-target outcomes. A target that the certificate does not cover
// cannot be chosen. Running the same deploy again is safe: what is in place is left alone.
import {
  deployCertificate, planDeployment, inspectCertificate, VolcengineLive, TencentLive, AliyunEsa,
  type CertificateSummary, type DeployOutcome, type DeployTarget, type DeploymentPlan, type LifecycleClients, type PlanStep,
} from 'liveops';
import { h, clear } from './dom';
import { t, tf } from './i18n';
import { localTime } from './results';
import { confirmDialog } from './confirm';
import { record } from './history';
import { lastInventory } from './certs';
import { errorBlock, REFUSALS } from './errors';
import type { Provider } from './connection';

export interface DeployContext {
  clients: () => LifecycleClients;
}

type Candidate = { provider: Provider; domain?: string; siteId?: number | string; siteName?: string; label: string };
const keyOf = (c: { provider: string; domain?: string; siteId?: number | string }) => `${c.provider}:${c.domain ?? c.siteId}`;

/** Targets chosen elsewhere (the Certificates view's Replace), taken when the view opens. */
const pending: Candidate[] = [];
/** The open view takes targets chosen elsewhere at once (it lives across tab switches). */
let takePending: (() => void) | null = null;
export function chooseTargets(targets: { provider: Provider; domain?: string; siteId?: number | string; siteName?: string }[]): void {
  pending.push(...targets.map((x) => ({ ...x, label: x.domain ?? (x.siteName ? `${x.siteName} (${x.siteId})` : String(x.siteId)) })));
  takePending?.();
}

const targetKey = (x: DeployTarget): string => JSON.stringify(x);
const targetLabel = (x: DeployTarget): string => ('domain' in x ? x.domain : 'siteName' in x ? x.siteName : tf('siteN', { id: String(x.siteId) }));

/** The words of a plan's action. */
function actionWords(s: PlanStep): string {
  return s.action === 'unchanged' ? t('planUnchanged') : s.action === 'bind' ? t('planBind') : s.action === 'upload' ? t('planUpload') : t('planRefuse');
}

function servedWords(c: { id: string; notAfter: string | null } | null | undefined): string {
  if (!c) return '—';
  return c.notAfter ? `${c.id} · ${localTime(c.notAfter)}` : c.id;
}

function statusWords(s: DeployOutcome['status']): string {
  return s === 'deployed' ? t('deployed') : s === 'unchanged' ? t('unchanged') : s === 'failed' ? t('failed') : s === 'unknown' ? t('statusUnknown') : t('notStarted');
}

const STATUS_CLASS: Record<DeployOutcome['status'], string> = {
  deployed: 'state-valid', unchanged: 'state-valid', failed: 'state-expired', unknown: 'state-expiring', notStarted: 'state-disabled',
};

export function deployPanel(ctx: DeployContext): HTMLElement {
  let cert = '';
  let key = '';
  let name = '';
  let summary: CertificateSummary | null = null;
  const candidates = new Map<string, Candidate>();
  const chosen = new Set<string>();
  let plan: DeploymentPlan | null = null;
  let planTargets: DeployTarget[] = [];
  let lastOutcomes: DeployOutcome[] = [];
  let controller: AbortController | null = null;
  /** ESA sites' names, as the plan read them. */
  const siteNames = new Map<string, string>();

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
  const nameInput = plainInput('dep-name', (v) => { name = v; stale(); });
  const info = h('div', { id: 'dep-info', class: 'dep-info', 'aria-live': 'polite' });
  const list = h('div', { id: 'dep-targets', class: 'dep-targets' });
  const loadDomains = h('button', { type: 'button', id: 'dep-load-domains' }, t('loadDomainLists'));
  const addCloud = h('select', { id: 'dep-add-cloud', 'aria-label': t('cloud') },
    ...(['volcengine', 'tencent', 'aliyun'] as Provider[]).map((p) => h('option', { value: p }, t(p))));
  const addValue = h('input', { type: 'text', id: 'dep-add-value', placeholder: t('domainOrSite'), 'aria-label': t('domainOrSite'), autocomplete: 'off' });
  const addButton = h('button', { type: 'button', class: 'small', id: 'dep-add' }, t('add'));
  const filter = h('input', { type: 'search', id: 'dep-filter', placeholder: t('filterTargets'), 'aria-label': t('filterTargets'), autocomplete: 'off' });
  const selectCovered = h('button', { type: 'button', class: 'small', id: 'dep-select-covered' }, t('selectCovered'));
  const selectNone = h('button', { type: 'button', class: 'small', id: 'dep-select-none' }, t('selectNone'));
  const needs = h('p', { id: 'dep-needs', class: 'muted' });
  const review = h('button', { type: 'button', class: 'primary', id: 'dep-plan', disabled: true }, t('reviewPlan'));
  const go = h('button', { type: 'button', class: 'primary', id: 'dep-go', hidden: true }, t('deploy'));
  const stop = h('button', { type: 'button', id: 'dep-cancel', disabled: true }, t('cancel'));
  const retry = h('button', { type: 'button', id: 'dep-retry', hidden: true }, t('retryFailed'));
  const again = h('button', { type: 'button', id: 'dep-again', hidden: true }, t('runAgain'));
  // Status and progress sit with the buttons that start the work, and stay in view.
  const status = h('p', { id: 'dep-status', class: 'muted', role: 'status' });
  const progress = h('progress', { max: 1, value: 0, class: 'bar', id: 'dep-progress', hidden: true, 'aria-label': `${t('deploy')}: 0 %` });
  const planBox = h('div', { id: 'dep-plan-box' });
  const out = h('div', { id: 'dep-outcomes', 'aria-live': 'polite', tabindex: '-1' });

  function setStatus(text: string, kind = 'muted'): void {
    status.className = kind;
    status.textContent = text;
    status.scrollIntoView({ block: 'nearest' });
  }

  /** Any change of the input makes an earlier plan and its outcomes stale: they go. */
  function stale(): void {
    if (plan || lastOutcomes.length) {
      plan = null;
      planTargets = [];
      lastOutcomes = [];
      clear(planBox);
      clear(out);
      go.hidden = true;
      retry.hidden = true;
      again.hidden = true;
      progress.hidden = true;
      setStatus(t('planStale'));
    }
  }

  function inspect(): void {
    clear(info);
    summary = null;
    if (!cert.trim()) {
      info.appendChild(h('p', { class: 'muted' }, t('pasteCertificate')));
      return renderTargets();
    }
    const domains = [...candidates.values()].filter((c) => c.domain).map((c) => c.domain!);
    const sites = [...candidates.values()].filter((c) => c.siteName).map((c) => c.siteName!);
    try {
      summary = inspectCertificate(cert, key.trim() ? key : undefined, domains, { sites });
    } catch (e) {
      info.appendChild(h('div', { class: 'error', role: 'alert' }, errorBlock(e as Error & { code?: string })));
      return renderTargets();
    }
    const s = summary;
    const keyWords = s.keyMatches === true ? t('keyMatches') : s.keyMatches === false ? t('keyMismatch') : s.keyMatches === 'cannotTell' ? t('keyCannotTell') : t('keyMissing');
    info.append(
      h('div', { class: 'kv-row' }, h('span', { class: 'k' }, t('covers')), h('span', { class: 'v mono', id: 'dep-names' }, s.names.join(', '))),
      h('div', { class: 'kv-row' }, h('span', { class: 'k' }, t('notAfter')), h('span', { class: 'v', id: 'dep-not-after' },
        `${localTime(s.notAfter)} · ${s.daysLeft < 0 ? tf('daysAgo', { n: -s.daysLeft }) : tf('daysLeftN', { n: s.daysLeft })}`)),
      h('div', { class: 'kv-row' }, h('span', { class: 'k' }, t('issuer')), h('span', { class: 'v' }, `${s.issuer || '—'} · ${tf('chainOf', { n: s.chainLength })}`)),
      h('div', { class: 'kv-row' }, h('span', { class: 'k' }, t('fingerprint')), h('span', { class: 'v mono fingerprint', id: 'dep-fingerprint' }, s.fingerprintSha256)),
      h('div', { class: 'kv-row' }, h('span', { class: 'k' }, t('privateKey')), h('span', { class: `v ${s.keyMatches === false ? 'error' : s.keyMatches === true ? 'ok' : 'muted'}`, id: 'dep-key-state' }, keyWords)),
    );
    if (s.daysLeft < 0) info.appendChild(h('p', { class: 'error', role: 'alert' }, t('certExpired')));
    renderTargets();
  }

  /** Whether the certificate covers a candidate: a domain by its names, a site by its name. */
  function covered(c: Candidate): boolean | null {
    if (!summary) return null;
    if (c.domain) return !summary.notCovered.includes(c.domain);
    if (c.siteName) return !summary.sitesNotCovered.includes(c.siteName);
    return null;
  }

  function renderTargets(): void {
    clear(list);
    if (!candidates.size) {
      list.appendChild(h('p', { class: 'muted' }, t('noTargets')));
      return sync();
    }
    for (const p of ['volcengine', 'tencent', 'aliyun'] as Provider[]) {
      const q = filter.value.trim().toLowerCase();
      const mine = [...candidates.values()].filter((c) => c.provider === p && (!q || c.label.toLowerCase().includes(q)))
        .sort((a, b) => a.label.localeCompare(b.label, undefined, { numeric: true }));
      if (!mine.length) continue;
      list.appendChild(h('fieldset', { class: 'row dep-cloud', 'data-provider': p },
        h('legend', {}, h('span', { class: `cloud-tag cloud-${p}` }, t(p)), ` ${mine.length}`),
        ...mine.map((c) => {
          const id = `dep-t-${keyOf(c).replace(/[^a-zA-Z0-9-]/g, '-')}`;
          const cov = covered(c);
          // A target the certificate does not cover cannot be chosen; the choice is kept for a
          // certificate that covers it.
          const box = h('input', { type: 'checkbox', id, checked: cov !== false && chosen.has(keyOf(c)), disabled: cov === false, 'data-target': keyOf(c) });
          box.addEventListener('change', () => { if (box.checked) chosen.add(keyOf(c)); else chosen.delete(keyOf(c)); stale(); sync(); });
          return h('div', { class: 'dep-target' }, box, h('label', { for: id, class: 'mono' }, c.label),
            cov === null ? null : h('span', { class: `badge ${cov ? 'state-valid' : 'state-expired'}` }, cov ? t('covered') : t('notCovered')));
        })));
    }
    sync();
  }

  function sync(): void {
    const n = chosenTargets().length;
    const ready = controller === null && n > 0 && !!summary && summary.keyMatches !== false && summary.keyMatches !== null && summary.daysLeft >= 0;
    review.disabled = !ready;
    // A disabled button says why.
    needs.textContent = ready || controller !== null ? '' : t('planNeeds');
    review.textContent = n ? tf('reviewPlanN', { n }) : t('reviewPlan');
    if (plan) {
      const changes = plan.steps.filter((s) => s.action === 'bind' || s.action === 'upload').length;
      go.hidden = changes === 0;
      go.disabled = controller !== null;
      go.textContent = tf('deployChanges', { n: changes });
    }
  }

  function addCandidate(c: Candidate, choose = false): void {
    candidates.set(keyOf(c), c);
    if (choose) chosen.add(keyOf(c));
  }

  function fromInventory(): void {
    for (const c of lastInventory?.certificates ?? []) {
      if (c.provider === 'aliyun') {
        if (c.siteId !== undefined) addCandidate({ provider: 'aliyun', siteId: c.siteId, siteName: c.boundTo[0], label: `${c.boundTo[0] ?? ''} (${c.siteId})` });
      } else for (const d of c.boundTo) addCandidate({ provider: c.provider, domain: d, label: d });
    }
  }

  async function loadLists(): Promise<void> {
    const clients = ctx.clients();
    loadDomains.disabled = true;
    const note = h('p', { class: 'muted', role: 'status' }, t('loadingDomains'));
    list.prepend(note);
    const failures: { provider: Provider; error: Error }[] = [];
    const failed = (provider: Provider) => (error: Error) => void failures.push({ provider, error });
    try {
      await Promise.all([
        (async () => {
          const v = clients.volcengine as VolcengineLive | undefined;
          if (!v) return;
          const r = await v.listDomainDetail({ PageNum: 1, PageSize: 1000 });
          for (const d of r.DomainList ?? []) addCandidate({ provider: 'volcengine', domain: d.Domain, label: d.Domain });
        })().catch(failed('volcengine')),
        (async () => {
          const tc = clients.tencent as TencentLive | undefined;
          if (!tc) return;
          for (let page = 1; page <= 100; page++) {
            const r = await tc.describeLiveDomains({ PageNum: page, PageSize: 100, DomainType: 1 });
            for (const d of r.DomainList ?? []) addCandidate({ provider: 'tencent', domain: d.Name, label: d.Name });
            if (page * 100 >= (r.AllCount ?? 0) || !r.DomainList?.length) break;
          }
        })().catch(failed('tencent')),
        (async () => {
          const a = clients.aliyun as AliyunEsa | undefined;
          if (!a) return;
          const r = await a.listSites({ PageSize: 500 });
          for (const s of r.Sites ?? []) addCandidate({ provider: 'aliyun', siteId: s.SiteId as number | string, siteName: s.SiteName, label: `${s.SiteName} (${s.SiteId})` });
        })().catch(failed('aliyun')),
      ]);
    } finally {
      loadDomains.disabled = false;
      // Disabling the focused button dropped the focus: a keyboard user continues from it.
      if (document.activeElement === document.body) loadDomains.focus();
      inspect();
      for (const f of failures) list.prepend(h('div', { class: 'answer error', role: 'alert' }, h('strong', {}, t(f.provider)), errorBlock({ ...f.error, provider: f.provider })));
    }
  }

  function chosenTargets(): DeployTarget[] {
    return [...chosen].map((k) => candidates.get(k)).filter((c): c is Candidate => !!c && covered(c) !== false).map((c): DeployTarget =>
      c.provider !== 'aliyun' ? { provider: c.provider, domain: c.domain! }
        : c.siteId !== undefined ? { provider: 'aliyun', siteId: c.siteId } : { provider: 'aliyun', siteName: c.siteName! });
  }

  function material() {
    return { certificate: cert, privateKey: key, name: name.trim() || undefined };
  }

  /** The plan as a table: each target, what it serves now, what happens. */
  function planTable(p: DeploymentPlan, id: string): HTMLElement {
    return h('div', { class: 'table-scroll' }, h('table', { class: 'dep-plan stack', id },
      h('thead', {}, h('tr', {}, ...[t('cloud'), t('target'), t('servesNow'), t('whatHappens'), t('certificateId')].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, ...p.steps.map((s) => h('tr', { 'data-action': s.action },
        h('td', { 'data-label': t('cloud') }, h('span', { class: `cloud-tag cloud-${s.target.provider}` }, t(s.target.provider))),
        h('td', { class: 'mono', 'data-label': t('target') }, s.siteName ? `${s.siteName}` : targetLabel(s.target)),
        h('td', { class: 'mono', 'data-label': t('servesNow') }, servedWords(s.current)),
        h('td', { 'data-label': t('whatHappens') },
          h('span', { class: `badge ${s.action === 'refuse' ? 'state-expired' : s.action === 'unchanged' ? 'state-valid' : 'state-expiring'}` }, actionWords(s)),
          s.error ? errorBlock({ ...s.error, provider: s.target.provider }) : null),
        h('td', { class: 'mono', 'data-label': t('certificateId') }, s.certificateId ?? '—'))))));
  }

  function renderPlan(p: DeploymentPlan): void {
    clear(planBox);
    const n = (a: PlanStep['action']) => p.steps.filter((s) => s.action === a).length;
    // One upload per cloud (ESA: per site), however many targets it is bound to.
    const uploads = new Set(p.steps.filter((s) => s.action === 'upload').map((s) => (s.target.provider === 'aliyun' ? `aliyun:${s.siteName ?? targetLabel(s.target)}` : s.target.provider))).size;
    planBox.append(
      h('h3', {}, t('thePlan')),
      h('p', { id: 'dep-plan-summary', class: n('refuse') ? 'warning' : 'muted' },
        tf('planUploads', { uploads, binds: n('upload') + n('bind'), unchanged: n('unchanged'), refuse: n('refuse') })),
      planTable(p, 'dep-plan-table'));
  }

  async function makePlan(): Promise<void> {
    const targets = chosenTargets();
    if (!targets.length) return;
    controller = new AbortController();
    stop.disabled = false;
    sync();
    clear(planBox);
    clear(out);
    go.hidden = true;
    retry.hidden = true;
    again.hidden = true;
    setStatus(tf('planning', { n: targets.length }));
    try {
      plan = await planDeployment(ctx.clients(), material(), targets, controller.signal);
      planTargets = targets;
      renderPlan(plan);
      const changes = plan.steps.filter((s) => s.action === 'bind' || s.action === 'upload').length;
      setStatus(changes ? tf('planReady', { n: changes }) : t('planNothingToDo'), changes ? 'muted' : 'ok');
    } catch (e) {
      plan = null;
      const err = e as Error & { code?: string };
      if (err.name === 'AbortError') setStatus(t('planCancelled'));
      else { setStatus(t('planFailed'), 'error'); planBox.appendChild(errorBlock(err)); }
    } finally {
      controller = null;
      stop.disabled = true;
      sync();
      (go.hidden ? review : go).focus({ preventScroll: true });
    }
  }

  function renderOutcomes(outcomes: DeployOutcome[]): void {
    clear(out);
    const by = (s: DeployOutcome['status']) => outcomes.filter((o) => o.status === s).length;
    const ok = by('deployed') + by('unchanged');
    out.append(
      h('p', { class: ok === outcomes.length ? 'ok' : 'error', id: 'dep-summary', role: 'status' },
        tf('deployCounts', { deployed: by('deployed'), unchanged: by('unchanged'), failed: by('failed'), unknown: by('unknown'), notStarted: by('notStarted'), n: outcomes.length })),
      // Every row has every cell: an empty one holds a dash, so that columns never shift.
      h('div', { class: 'table-scroll' }, h('table', { class: 'bind-outcomes dep-outcomes stack' },
        h('thead', {}, h('tr', {}, ...[t('cloud'), t('target'), t('outcome'), t('certificateId'), t('replaced'), t('error')].map((x) => h('th', { scope: 'col' }, x)))),
        h('tbody', {}, ...outcomes.map((o) => h('tr', { 'data-status': o.status },
          h('td', { 'data-label': t('cloud') }, h('span', { class: `cloud-tag cloud-${o.target.provider}` }, t(o.target.provider))),
          h('td', { class: 'mono', 'data-label': t('target') }, siteNames.get(targetKey(o.target)) ?? targetLabel(o.target)),
          h('td', { 'data-label': t('outcome') }, h('span', { class: `badge ${STATUS_CLASS[o.status]}` }, statusWords(o.status))),
          h('td', { class: 'mono', 'data-label': t('certificateId') }, o.certificateId ?? '—'),
          h('td', { class: 'mono', 'data-label': t('replaced') }, servedWords(o.replaced)),
          h('td', { 'data-label': t('error') }, o.error ? errorBlock({ ...o.error, provider: o.target.provider }) : '—')))))));
    retry.hidden = failedTargets().length === 0;
    again.hidden = by('unknown') === 0 && by('notStarted') === 0;
    if (by('unknown')) out.appendChild(h('p', { class: 'warning', role: 'alert', id: 'dep-unknown' }, t('deployUnknown')));
  }

  async function deploy(): Promise<void> {
    if (!plan) return;
    const p = plan;
    const changes = p.steps.filter((s) => s.action === 'bind' || s.action === 'upload');
    const clouds = [...new Set(changes.map((s) => t(s.target.provider)))].join(', ');
    const body = h('div', { class: 'confirm-plan' }, planTable({ ...p, steps: changes }, 'confirm-plan-table'));
    const yes = await confirmDialog(tf('confirmDeploy', { n: changes.length, clouds }), t('confirmDeployBody'),
      { body, confirmLabel: tf('deployChanges', { n: changes.length }) });
    if (!yes) return void go.focus();
    controller = new AbortController();
    stop.disabled = false;
    sync();
    progress.hidden = false;
    progress.value = 0;
    clear(out);
    setStatus(tf('deployProgress', { done: 0, n: planTargets.length }));
    const at = new Date().toISOString();
    try {
      const outcomes = await deployCertificate(ctx.clients(), material(), planTargets, {
        signal: controller.signal,
        plan: p,
        onProgress: (x) => {
          progress.value = x.done / x.total;
          progress.setAttribute('aria-label', `${t('deploy')}: ${x.done} / ${x.total}`);
          status.textContent = tf('deployProgress', { done: x.done, n: x.total });
        },
      });
      lastOutcomes = outcomes;
      // The plan was carried out: what shows now is the outcome.
      for (const s of p.steps) if (s.siteName) siteNames.set(targetKey(s.target), s.siteName);
      plan = null;
      go.hidden = true;
      clear(planBox);
      renderOutcomes(outcomes);
      const done = outcomes.filter((o) => o.status === 'deployed' || o.status === 'unchanged').length;
      const by = (st: DeployOutcome['status']) => outcomes.filter((o) => o.status === st).length;
      if (controller?.signal.aborted) {
        setStatus(tf('deployCancelled', { deployed: by('deployed'), unknown: by('unknown'), notStarted: by('notStarted'), n: outcomes.length }), 'warning');
      } else setStatus(tf('deployFinished', { ok: done, n: outcomes.length }), done === outcomes.length ? 'ok' : 'error');
      record({ at, cloud: 'allClouds', action: 'Deploy', outcome: `${done}/${outcomes.length}`, requestId: '' });
    } catch (e) {
      const err = e as Error & { code?: string };
      setStatus(err.code === 'PlanOutdated' ? t('planOutdated') : t('deployFailed'), 'error');
      out.appendChild(errorBlock(err));
      if (err.code === 'PlanOutdated') { plan = null; go.hidden = true; }
    } finally {
      controller = null;
      stop.disabled = true;
      sync();
      out.focus({ preventScroll: true });
      out.scrollIntoView({ block: 'nearest' });
    }
  }

  certArea.addEventListener('input', () => {
    cert = certArea.value;
    // A key pasted where the certificate goes is masked at once, and said so.
    const isKey = /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(cert);
    certArea.classList.toggle('masked', isKey);
    stale();
    inspect();
    if (isKey) info.prepend(h('p', { class: 'error', role: 'alert', id: 'dep-key-in-cert' }, t('keyInCertBox')));
  });
  keyArea.addEventListener('input', () => { key = keyArea.value; stale(); inspect(); });
  loadDomains.addEventListener('click', () => void loadLists());
  addButton.addEventListener('click', () => {
    const v = addValue.value.trim();
    if (!v) return;
    const p = addCloud.value as Provider;
    const numeric = /^\d{1,19}$/.test(v);
    addCandidate(p === 'aliyun'
      ? (numeric ? { provider: p, siteId: v.length <= 15 ? Number(v) : v, label: v } : { provider: p, siteName: v.toLowerCase(), label: v.toLowerCase() })
      : { provider: p, domain: v.toLowerCase(), label: v.toLowerCase() }, true);
    addValue.value = '';
    stale();
    inspect();
  });
  addValue.addEventListener('keydown', (e) => { if ((e as KeyboardEvent).key === 'Enter') { e.preventDefault(); addButton.click(); } });
  filter.addEventListener('input', () => renderTargets());
  selectCovered.addEventListener('click', () => {
    const q = filter.value.trim().toLowerCase();
    for (const c of candidates.values()) if ((!q || c.label.toLowerCase().includes(q)) && covered(c) !== false) chosen.add(keyOf(c));
    stale();
    renderTargets();
  });
  selectNone.addEventListener('click', () => { chosen.clear(); stale(); renderTargets(); });
  review.addEventListener('click', () => void makePlan());
  go.addEventListener('click', () => void deploy());
  stop.addEventListener('click', () => controller?.abort());
  // Only what failed is offered again; an unknown outcome is settled by running the deploy again
  // (it converges: what is in place is left alone), which re-reads the clouds first.
  const failedTargets = () => lastOutcomes.filter((o) => o.status === 'failed' && !REFUSALS.has(o.error?.code ?? '')).map((o) => keyOf({ provider: o.target.provider, ...('domain' in o.target ? { domain: o.target.domain } : { siteId: 'siteId' in o.target ? o.target.siteId : undefined }) }));
  retry.addEventListener('click', () => {
    const keep = new Set(failedTargets());
    for (const k of [...chosen]) if (!keep.has(k)) chosen.delete(k);
    renderTargets();
    void makePlan();
  });
  again.addEventListener('click', () => void makePlan());

  fromInventory();
  for (const c of pending.splice(0)) addCandidate(c, true);
  takePending = () => {
    fromInventory();
    for (const c of pending.splice(0)) addCandidate(c, true);
    stale();
    inspect();
  };
  const el = h('div', { class: 'deploy-view' },
    h('section', { class: 'card' },
      h('h2', {}, t('deployTitle')),
      h('p', { class: 'help' }, t('deployHelp')),
      h('div', { class: 'field' }, h('label', { for: 'dep-cert' }, t('certificatePem')), h('div', { class: 'pem-wrap' }, certArea, fileInput('dep-cert-file', certArea, (v) => { cert = v; stale(); inspect(); }))),
      h('div', { class: 'field' }, h('label', { for: 'dep-key' }, t('privateKey')), h('div', { class: 'pem-wrap' }, keyArea,
        (() => { const tools = fileInput('dep-key-file', keyArea, (v) => { key = v; stale(); inspect(); }); tools.appendChild(keyToggle); return tools; })())),
      h('div', { class: 'field' }, h('label', { for: 'dep-name' }, t('certName')), nameInput, h('small', { class: 'help' }, t('certNameHelp'))),
      info),
    h('section', { class: 'card' },
      h('h2', {}, t('targets')),
      h('div', { class: 'toolbar' }, loadDomains, addCloud, addValue, addButton),
      h('div', { class: 'toolbar' }, filter, selectCovered, selectNone),
      list,
      h('div', { class: 'actions sticky-actions' }, review, go, stop, retry, again),
      needs,
      status, progress, planBox, out));
  inspect();
  return el;
}

/** A plain text input (the certificate's name is no secret). */
function plainInput(id: string, onInput: (v: string) => void): HTMLInputElement {
  const input = h('input', { id, type: 'text', autocomplete: 'off', spellcheck: 'false' });
  input.addEventListener('input', () => onInput(input.value));
  return input;
}
