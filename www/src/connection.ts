// Credentials for each cloud at once (the certificate work needs all three side by side), one
// endpoint per cloud. Secrets live in memory; only when asked, in sessionStorage for this tab.
import type { ClientOptions, Provider } from 'liveops';
import { h, secretInput } from './dom';
import { t, tf } from './i18n';

export type { Provider };
export const PROVIDERS: Provider[] = ['volcengine', 'tencent', 'aliyun'];

export const DEMO_KEYS = { accessKeyId: 'AKLTLIVEOPSDEMO0000000000', secretAccessKey: 'liveopsDemoSecretKey000000000000' };

interface Creds { accessKeyId: string; secret: string; token: string; endpoint: string }
export interface Connection { creds: Record<Provider, Creds>; remember: boolean }

const LOCAL = 'liveops.connection.v2';
const SESSION = 'liveops.secrets.v2';

export function loadConnection(): Connection {
  const saved = JSON.parse(localStorage.getItem(LOCAL) ?? '{}') as { remember?: boolean; clouds?: Partial<Record<Provider, { accessKeyId?: string; endpoint?: string }>> };
  const remember = saved.remember === true;
  const secrets = remember ? JSON.parse(sessionStorage.getItem(SESSION) ?? '{}') as Partial<Record<Provider, { secret?: string; token?: string }>> : {};
  const creds = Object.fromEntries(PROVIDERS.map((p) => [p, {
    accessKeyId: saved.clouds?.[p]?.accessKeyId ?? '',
    endpoint: saved.clouds?.[p]?.endpoint ?? location.origin,
    secret: secrets[p]?.secret ?? '',
    token: secrets[p]?.token ?? '',
  }])) as Record<Provider, Creds>;
  return { creds, remember };
}

export function saveConnection(c: Connection): void {
  const clouds = Object.fromEntries(PROVIDERS.map((p) => [p, { accessKeyId: c.creds[p].accessKeyId, endpoint: c.creds[p].endpoint }]));
  localStorage.setItem(LOCAL, JSON.stringify({ remember: c.remember, clouds }));
  if (c.remember) {
    sessionStorage.setItem(SESSION, JSON.stringify(Object.fromEntries(PROVIDERS.map((p) => [p, { secret: c.creds[p].secret, token: c.creds[p].token }]))));
  } else {
    sessionStorage.removeItem(SESSION);
  }
}

/** Whether `value` is an endpoint the clients take (empty: the cloud's own host). */
export function endpointOk(value: string): boolean {
  const v = value.trim();
  if (v === '') return true;
  try {
    const u = new URL(v);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.host !== '' && !u.search && !u.hash;
  } catch {
    return false;
  }
}

export function hasKeys(c: Connection, p: Provider): boolean {
  return c.creds[p].accessKeyId.trim() !== '' && c.creds[p].secret !== '';
}

export function clientOptions(c: Connection, p: Provider): ClientOptions {
  const x = c.creds[p];
  return {
    accessKeyId: x.accessKeyId.trim(), secretAccessKey: x.secret, sessionToken: x.token || undefined,
    endpoint: endpointOk(x.endpoint) ? x.endpoint.trim() || undefined : undefined,
  };
}

export function connectionPanel(c: Connection, changed: () => void): HTMLElement {
  const save = () => { saveConnection(c); changed(); };
  const rows = PROVIDERS.map((p) => {
    const x = c.creds[p];
    const id = (k: string) => `conn-${p}-${k}`;
    const ak = h('input', { id: id('ak'), type: 'text', value: x.accessKeyId, autocomplete: 'off', spellcheck: 'false' });
    ak.addEventListener('input', () => { x.accessKeyId = ak.value; save(); });
    const sk = secretInput(id('sk'), x.secret, (v) => { x.secret = v; save(); }, t('secret'));
    const token = secretInput(id('token'), x.token, (v) => { x.token = v; save(); }, t('token'));
    const endpointMsg = h('div', { class: 'msg', id: id('endpoint-msg'), 'aria-live': 'polite' });
    const endpoint = h('input', { id: id('endpoint'), type: 'url', value: x.endpoint, spellcheck: 'false', 'aria-describedby': `${id('endpoint-msg')} endpoint-help` });
    const checkEndpoint = () => {
      const ok = endpointOk(endpoint.value);
      endpoint.setAttribute('aria-invalid', ok ? 'false' : 'true');
      endpointMsg.textContent = ok ? '' : t('endpointInvalid');
      endpointMsg.className = ok ? 'msg' : 'msg has-error error';
    };
    endpoint.addEventListener('input', () => { x.endpoint = endpoint.value; checkEndpoint(); save(); });
    checkEndpoint();
    const field = (label: string, control: HTMLElement, forId: string, extra?: HTMLElement) =>
      h('div', { class: 'field' }, h('label', { for: forId }, label), control, extra ?? null);
    return h('fieldset', { class: 'cloud-creds', 'data-cloud': p },
      h('legend', {}, t(p)),
      field(t('accessKeyId'), ak, ak.id),
      field(t('secret'), sk.wrap, sk.input.id),
      field(t('token'), token.wrap, token.input.id),
      field(t('endpoint'), endpoint, endpoint.id, endpointMsg));
  });
  const remember = h('input', { id: 'conn-remember', type: 'checkbox', checked: c.remember });
  const note = h('small', { class: 'note', id: 'remember-note', hidden: !c.remember }, t('rememberNote'));
  remember.addEventListener('change', () => { c.remember = remember.checked; note.hidden = !c.remember; save(); });
  const demo = h('button', { type: 'button', id: 'conn-demo' }, t('demoKeys'));
  demo.addEventListener('click', () => {
    for (const p of PROVIDERS) {
      c.creds[p].accessKeyId = DEMO_KEYS.accessKeyId;
      c.creds[p].secret = DEMO_KEYS.secretAccessKey;
      (document.getElementById(`conn-${p}-ak`) as HTMLInputElement).value = DEMO_KEYS.accessKeyId;
      (document.getElementById(`conn-${p}-sk`) as HTMLInputElement).value = DEMO_KEYS.secretAccessKey;
    }
    save();
  });
  // A form (never submitted), so that browsers treat the secret fields as credentials of a form.
  // Folded once every cloud has its keys (the work is below it); open while one has none.
  const withKeys = () => PROVIDERS.filter((p) => hasKeys(c, p)).map((p) => t(p));
  const keysNote = h('span', { class: 'muted conn-state', id: 'conn-state' });
  const showState = () => { const k = withKeys(); keysNote.textContent = k.length ? ` · ${tf('keysFor', { clouds: k.join(', ') })}` : ` · ${t('noKeysYet')}`; };
  showState();
  const details = h('details', { class: 'conn-details', open: withKeys().length < PROVIDERS.length },
    h('summary', {}, h('h2', { id: 'conn-title', class: 'inline' }, t('connection')), keysNote),
    h('div', { class: 'clouds' }, ...rows),
    h('small', { class: 'help', id: 'endpoint-help' }, t('endpointHelp')),
    h('div', { class: 'remember' }, remember, h('label', { for: 'conn-remember' }, t('remember')), note, demo));
  const form = h('form', { class: 'card connection', 'aria-labelledby': 'conn-title', autocomplete: 'off' }, details);
  form.addEventListener('submit', (e) => e.preventDefault());
  form.addEventListener('input', showState);
  demo.addEventListener('click', showState);
  return form;
}
