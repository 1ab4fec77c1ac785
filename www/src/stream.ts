// The signed stream URL tool (Volcengine md5 URL authentication). The expiry buttons add to the
// chosen time; a past expiry is warned about; Copy is disabled while there is nothing to copy.
import { signStreamUrl } from 'liveops';
import { h, clear, copyButton } from './dom';
import { t } from './i18n';

function localInput(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The library names its own inputs (`expiresAt`); a person sees the form's labels. */
const LABELS: Record<string, () => string> = {
  protocol: () => t('protocol'), domain: () => 'Domain', app: () => 'App', stream: () => 'Stream', suffix: () => t('suffix'),
  secretKey: () => 'SecretKey', expiresAt: () => t('expiresAt'), authField: () => 'AuthField',
};

export function streamUrlTool(fromForm: () => { domain: string; app: string; secretKey: string; authField: Record<string, string> }): HTMLElement {
  const input = (id: string, value = '', type = 'text') => h('input', { id, type, value, autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'su-msg' });
  const domain = input('su-Domain', 'push.example.com');
  const app = input('su-App', 'live');
  const stream = input('su-Stream', 'livestream');
  const secret = input('su-SecretKey', '', 'password');
  const volcSecret = input('su-volcSecret');
  const volcTime = input('su-volcTime');
  const protocol = h('select', { id: 'su-protocol' }, ...['rtmp', 'https', 'http', 'srt'].map((p) => h('option', { value: p }, p)));
  const suffix = h('select', { id: 'su-suffix' }, ...['', '.flv', '.m3u8'].map((s) => h('option', { value: s }, s || t('none'))));
  const expires = input('su-expires', localInput(new Date(Date.now() + 3600_000)), 'datetime-local');
  const out = h('output', { id: 'su-url', class: 'mono url', for: 'su-Domain su-App su-Stream su-SecretKey su-expires' });
  const msg = h('div', { class: 'msg', id: 'su-msg', 'aria-live': 'polite' });
  const copy = copyButton(() => out.textContent ?? '', t('copy'), { id: 'su-copy' });
  const sync = () => (copy as HTMLButtonElement & { sync?: () => void }).sync?.();
  const generate = () => {
    clear(msg);
    out.textContent = '';
    const at = new Date(expires.value).getTime();
    if (Number.isFinite(at) && at < Date.now()) msg.appendChild(h('div', { class: 'warning', id: 'su-past' }, t('expiryPast')));
    try {
      out.textContent = signStreamUrl({
        protocol: protocol.value, domain: domain.value.trim(), app: app.value.trim(), stream: stream.value.trim(), suffix: suffix.value,
        secretKey: secret.value, expiresAt: Number.isFinite(at) ? Math.floor(at / 1000) : Number.NaN,
        authField: { ...(volcSecret.value ? { volcSecret: volcSecret.value } : {}), ...(volcTime.value ? { volcTime: volcTime.value } : {}) },
      });
    } catch (e) {
      const err = e as Error & { field?: string };
      const label = err.field ? LABELS[err.field]?.() ?? err.field : '';
      const text = err.field ? err.message.replace(new RegExp(`^${err.field}:\\s*`), '') : err.message;
      msg.appendChild(h('div', { class: 'error', 'data-field': err.field ?? '' }, label ? `${label}: ${text}` : text));
    }
    sync();
  };
  // +1 h / +1 d / +7 d move the chosen expiry, not "now".
  const shift = (ms: number, label: string) => h('button', { type: 'button', class: 'small', 'data-shift': String(ms), onclick: () => {
    const base = new Date(expires.value).getTime();
    expires.value = localInput(new Date((Number.isFinite(base) ? base : Date.now()) + ms));
    generate();
  } }, label);
  const fill = h('button', { type: 'button', id: 'su-from-form', onclick: () => {
    const cfg = fromForm();
    if (cfg.domain) domain.value = cfg.domain;
    if (cfg.app) app.value = cfg.app;
    secret.value = cfg.secretKey;
    volcSecret.value = cfg.authField.volcSecret ?? '';
    volcTime.value = cfg.authField.volcTime ?? '';
    generate();
  } }, t('fromForm'));
  for (const el of [domain, app, stream, secret, volcSecret, volcTime, expires]) el.addEventListener('input', generate);
  for (const el of [protocol, suffix]) el.addEventListener('change', generate);
  const field = (label: string, control: HTMLElement, id: string) => h('div', { class: 'field' }, h('label', { for: id }, label), control);
  const section = h('section', { class: 'card' },
    h('h2', {}, t('streamUrl')),
    h('div', { class: 'grid' },
      field(t('protocol'), protocol, 'su-protocol'), field('Domain', domain, 'su-Domain'), field('App', app, 'su-App'), field('Stream', stream, 'su-Stream'),
      field(t('suffix'), suffix, 'su-suffix'), field('SecretKey', secret, 'su-SecretKey'), field('AuthField.volcSecret', volcSecret, 'su-volcSecret'),
      field('AuthField.volcTime', volcTime, 'su-volcTime'),
      h('div', { class: 'field' }, h('label', { for: 'su-expires' }, t('expiresAt')), expires,
        h('div', { class: 'shifts' }, shift(3_600_000, '+1h'), shift(86_400_000, '+1d'), shift(7 * 86_400_000, '+7d')))),
    h('div', { class: 'actions' }, fill, h('button', { type: 'button', class: 'primary', id: 'su-generate', onclick: generate }, t('generate'))),
    msg, out, copy);
  sync();
  return section;
}
