// One form per operation. Every input is labelled with its API field name; payloads are built
// from what is typed (empty means absent) and judged by the library's validate().
import { h, clear, fieldId, secretInput } from './dom';
import { t, type Key } from './i18n';

export type Provider = 'volcengine' | 'tencent' | 'aliyun';
export type Action = 'UpdateAuthKey' | 'ListCertV2' | 'UnbindCert' | 'ModifyLiveDomainCertBindings' | 'ApplyCertificate';

/** `pem`: multi-line, kept byte-exact, loadable from a file; `secretPem` is masked until shown. */
type Simple = { name: string; kind: 'text' | 'int' | 'bool' | 'enum' | 'pem' | 'secretPem' | 'secret'; options?: string[]; placeholder?: string; labels?: Record<string, Key> };

/** Human words beside Tencent's `Status` values. */
const TENCENT_STATUS: Record<string, Key> = { '1': 'statusEnable', '0': 'statusDisable', '-1': 'statusKeep' };

/** A problem the console finds itself (the library cannot see it: the payload merges it away). */
export interface LocalIssue { path: string; code: string; message: string }

export interface OperationSpec {
  provider: Provider;
  action: Action;
  fields: Simple[];
  list?: 'AuthDetailList' | 'DomainInfos';
  /** Where the list goes among the simple fields. */
  listAfter?: string;
}

export const OPERATIONS: OperationSpec[] = [
  {
    provider: 'volcengine', action: 'UpdateAuthKey', list: 'AuthDetailList', listAfter: 'SceneType',
    fields: [
      { name: 'Domain', kind: 'text', placeholder: 'push.example.com' },
      { name: 'Vhost', kind: 'text', placeholder: 'vhost.example.com' },
      { name: 'App', kind: 'text', placeholder: 'live' },
      { name: 'SceneType', kind: 'enum', options: ['push', 'pull'] },
      { name: 'ValidDuration', kind: 'int', placeholder: '604800' },
      { name: 'PushPullEnable', kind: 'bool' },
    ],
  },
  {
    provider: 'volcengine', action: 'ListCertV2',
    fields: [
      { name: 'Available', kind: 'bool' },
      { name: 'Expiring', kind: 'bool' },
      { name: 'Domain', kind: 'text' },
      { name: 'CertName', kind: 'text' },
    ],
  },
  { provider: 'volcengine', action: 'UnbindCert', fields: [{ name: 'Domain', kind: 'text', placeholder: 'play.example.com' }] },
  {
    provider: 'tencent', action: 'ModifyLiveDomainCertBindings', list: 'DomainInfos', listAfter: '',
    fields: [
      { name: 'CloudCertId', kind: 'text', placeholder: 'cert-example' },
      { name: 'CertificatePublicKey', kind: 'pem', placeholder: '-----BEGIN CERTIFICATE-----' },
      { name: 'CertificatePrivateKey', kind: 'secretPem', placeholder: '-----BEGIN PRIVATE KEY-----' },
      { name: 'CertificateAlias', kind: 'text' },
    ],
  },
  {
    provider: 'aliyun', action: 'ApplyCertificate',
    fields: [
      { name: 'SiteId', kind: 'int', placeholder: '1234567890123' },
      { name: 'Domains', kind: 'text', placeholder: 'www.example.com,img.example.com' },
      { name: 'Type', kind: 'enum', options: ['lets_encrypt', 'digicert_single', 'digicert_wildcard'] },
    ],
  },
];

const MAX_AUTH_DETAILS = 100;

interface AuthRow { SecretKey: string; EncryptionAlgorithm: string; AuthField: [string, string][]; EncryptField: string }
interface DomainRow { DomainName: string; Status: string }

/** A rendered form that knows how to read its payload back. */
export class OperationForm {
  readonly el: HTMLFormElement;
  private values: Record<string, string> = {};
  private authRows: AuthRow[] = [{ SecretKey: '', EncryptionAlgorithm: 'md5', AuthField: [], EncryptField: '' }];
  private domainRows: DomainRow[] = [{ DomainName: '', Status: '1' }];
  private body: HTMLElement;
  /** Fields the user has changed: only their messages show (no error before a first touch). */
  readonly touched = new Set<string>();
  /** After a Send attempt every message shows. */
  attempted = false;
  /** The submit button: Enter in any field sends the form. */
  readonly submit: HTMLButtonElement;

  constructor(readonly spec: OperationSpec, private onChange: () => void, onSubmit: () => void) {
    this.body = h('div', { class: 'fields' });
    this.submit = h('button', { type: 'submit', class: 'primary', id: `send-${spec.action}`, 'data-send': spec.action }, t('send'));
    this.el = h('form', { class: 'op-form', 'data-action': spec.action, novalidate: true },
      h('div', { class: 'msg root', 'data-path': '', id: fieldId('root') + '-msg', role: 'status' }),
      this.body,
      h('div', { class: 'actions' }, this.submit));
    this.el.addEventListener('submit', (e) => {
      e.preventDefault();
      this.attempted = true;
      onSubmit();
    });
    if (spec.action === 'UpdateAuthKey') {
      this.values.SceneType = 'push';
    }
    this.render();
  }

  /** Re-renders after a structural change (rows added or removed, language switched). */
  render(): void {
    clear(this.body);
    this.submit.textContent = t('send');
    const after = this.spec.listAfter;
    if (this.spec.list && after === '') this.body.appendChild(this.renderList());
    for (const f of this.spec.fields) {
      this.body.appendChild(this.renderSimple(f, f.name, this.values, () => this.onChange()));
      if (this.spec.list && after === f.name) this.body.appendChild(this.renderList());
    }
  }

  private renderSimple(f: Simple, path: string, store: Record<string, string>, changed: () => void): HTMLElement {
    const id = fieldId(path);
    const msgId = `${id}-msg`;
    const value = store[f.name] ?? '';
    const touch = (v: string) => { store[f.name] = v; this.touched.add(path); changed(); };
    let control: HTMLElement;
    let input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
    if (f.kind === 'bool' || f.kind === 'enum') {
      const options = f.kind === 'bool' ? ['', 'true', 'false'] : ['', ...(f.options ?? [])];
      const label = (o: string) => (o === '' ? t('any') : f.labels?.[o] ? `${o} · ${t(f.labels[o])}` : o);
      input = h('select', { id, name: path, 'aria-describedby': msgId },
        ...options.map((o) => h('option', { value: o, selected: o === value }, label(o))));
      input.addEventListener('change', () => touch(input.value));
      control = input;
    } else if (f.kind === 'pem' || f.kind === 'secretPem') {
      // A PEM keeps its line breaks byte for byte: a textarea, never a one-line input.
      const area = h('textarea', { id, name: path, rows: 5, spellcheck: 'false', autocomplete: 'off', placeholder: f.placeholder ?? '', 'aria-describedby': msgId,
        class: f.kind === 'secretPem' ? 'pem masked' : 'pem', value });
      area.addEventListener('input', () => touch(area.value));
      const file = h('input', { type: 'file', accept: '.pem,.key,.crt,.cer,.txt', class: 'file', id: `${id}-file`, 'aria-label': `${t('loadFile')}: ${f.name}` });
      file.addEventListener('change', () => {
        const chosen = file.files?.[0];
        if (chosen) void chosen.text().then((text) => { area.value = text; touch(text); });
      });
      const tools = h('div', { class: 'pem-tools' }, h('label', { for: file.id, class: 'file-label' }, t('loadFile')), file);
      if (f.kind === 'secretPem') {
        const toggle = h('button', { type: 'button', class: 'small reveal', 'aria-controls': id, 'aria-pressed': 'false' }, t('reveal'));
        toggle.addEventListener('click', () => {
          const show = area.classList.toggle('masked') === false;
          toggle.textContent = show ? t('hide') : t('reveal');
          toggle.setAttribute('aria-pressed', show ? 'true' : 'false');
        });
        tools.appendChild(toggle);
      }
      input = area;
      control = h('div', { class: 'pem-wrap' }, area, tools);
    } else if (f.kind === 'secret') {
      const s = secretInput(id, value, touch, f.name);
      s.input.name = path;
      s.input.setAttribute('aria-describedby', msgId);
      input = s.input;
      control = s.wrap;
    } else {
      input = h('input', { id, name: path, type: 'text', value, placeholder: f.placeholder ?? '', autocomplete: 'off', spellcheck: 'false',
        inputmode: f.kind === 'int' ? 'numeric' : undefined, 'aria-describedby': msgId });
      input.addEventListener('input', () => touch(input.value));
      control = input;
    }
    return h('div', { class: 'field' },
      h('label', { for: id }, f.name),
      control,
      h('div', { class: 'msg', 'data-path': path, id: msgId, 'aria-live': 'polite' }));
  }

  private renderList(): HTMLElement {
    return this.spec.list === 'AuthDetailList' ? this.renderAuthRows() : this.renderDomainRows();
  }

  private renderAuthRows(): HTMLElement {
    const rows = this.authRows.map((row, i) => {
      const base = `AuthDetailList[${i}]`;
      const store = row as unknown as Record<string, string>;
      const authFields = row.AuthField.map(([k, v], j) => {
        const keyId = fieldId(`${base}.AuthField.${j}.key`);
        const valId = fieldId(`${base}.AuthField.${j}.value`);
        const key = h('select', { id: keyId, 'aria-label': 'AuthField key' },
          ...['volcSecret', 'volcTime'].map((o) => h('option', { value: o, selected: o === k }, o)));
        const val = h('input', { id: valId, type: 'text', value: v, 'aria-label': 'AuthField value', placeholder: k === 'volcTime' ? 'expire' : 'sign', autocomplete: 'off' });
        key.addEventListener('change', () => { row.AuthField[j][0] = key.value; this.touched.add(`${base}.AuthField`); this.onChange(); });
        val.addEventListener('input', () => { row.AuthField[j][1] = val.value; this.touched.add(`${base}.AuthField`); this.onChange(); });
        return h('div', { class: 'kv' }, key, val,
          h('button', { type: 'button', class: 'small', onclick: () => { row.AuthField.splice(j, 1); this.render(); this.onChange(); } }, t('remove')));
      });
      return h('fieldset', { class: 'row', 'data-row': i },
        h('legend', {}, `${base}`),
        this.renderSimple({ name: 'SecretKey', kind: 'secret' }, `${base}.SecretKey`, store, () => this.onChange()),
        this.renderSimple({ name: 'EncryptionAlgorithm', kind: 'enum', options: ['md5', 'md5_custom'] }, `${base}.EncryptionAlgorithm`, store, () => this.onChange()),
        h('div', { class: 'field' },
          h('span', { class: 'label' }, 'AuthField'),
          h('div', { class: 'kvs' }, ...authFields,
            h('button', { type: 'button', class: 'small', disabled: row.AuthField.length >= 2,
              onclick: () => { row.AuthField.push([row.AuthField.some(([k]) => k === 'volcSecret') ? 'volcTime' : 'volcSecret', '']); this.render(); this.onChange(); } }, `${t('add')} AuthField`)),
          h('div', { class: 'msg', 'data-path': `${base}.AuthField` })),
        this.renderSimple({ name: 'EncryptField', kind: 'text', placeholder: 'comma,separated' }, `${base}.EncryptField`, store, () => this.onChange()),
        h('button', { type: 'button', class: 'small danger',
          onclick: () => { this.authRows.splice(i, 1); this.render(); this.onChange(); } }, `${t('remove')} ${base}`));
    });
    return h('div', { class: 'list' },
      h('div', { class: 'list-head' },
        h('span', { class: 'label' }, `AuthDetailList (${this.authRows.length}/${MAX_AUTH_DETAILS} ${t('entries')})`),
        h('button', { type: 'button', disabled: this.authRows.length >= MAX_AUTH_DETAILS,
          onclick: () => { this.authRows.push({ SecretKey: '', EncryptionAlgorithm: 'md5', AuthField: [], EncryptField: '' }); this.render(); this.onChange(); } }, `${t('add')} AuthDetailList`)),
      h('div', { class: 'msg', 'data-path': 'AuthDetailList' }),
      ...rows);
  }

  private renderDomainRows(): HTMLElement {
    const rows = this.domainRows.map((row, i) => {
      const base = `DomainInfos[${i}]`;
      const store = row as unknown as Record<string, string>;
      return h('div', { class: 'row inline', 'data-row': i },
        this.renderSimple({ name: 'DomainName', kind: 'text', placeholder: 'play.example.com' }, `${base}.DomainName`, store, () => this.onChange()),
        this.renderSimple({ name: 'Status', kind: 'enum', options: ['1', '0', '-1'], labels: TENCENT_STATUS }, `${base}.Status`, store, () => this.onChange()),
        h('button', { type: 'button', class: 'small danger', onclick: () => { this.domainRows.splice(i, 1); this.render(); this.onChange(); } }, t('remove')),
        h('div', { class: 'msg', 'data-path': base }));
    });
    return h('div', { class: 'list' },
      h('div', { class: 'list-head' },
        h('span', { class: 'label' }, `DomainInfos (${this.domainRows.length})`),
        h('button', { type: 'button', onclick: () => { this.domainRows.push({ DomainName: '', Status: '1' }); this.render(); this.onChange(); } }, `${t('add')} DomainInfos`)),
      h('div', { class: 'msg', 'data-path': 'DomainInfos' }),
      ...rows);
  }

  /** The payload as the API takes it: empty inputs left out, numbers and booleans typed. */
  payload(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const f of this.spec.fields) {
      const v = convert(f.kind, this.values[f.name] ?? '');
      if (v !== undefined) out[f.name] = v;
    }
    if (this.spec.list === 'AuthDetailList') {
      out.AuthDetailList = this.authRows.map((r) => {
        const entry: Record<string, unknown> = {};
        if (r.SecretKey !== '') entry.SecretKey = r.SecretKey;
        if (r.EncryptionAlgorithm !== '') entry.EncryptionAlgorithm = r.EncryptionAlgorithm;
        if (r.AuthField.length) entry.AuthField = Object.fromEntries(r.AuthField);
        const ef = r.EncryptField.split(',').map((s) => s.trim()).filter(Boolean);
        if (ef.length) entry.EncryptField = ef;
        return entry;
      });
    }
    if (this.spec.list === 'DomainInfos') {
      out.DomainInfos = this.domainRows.map((r) => {
        const entry: Record<string, unknown> = {};
        if (r.DomainName !== '') entry.DomainName = r.DomainName;
        const s = convert('int', r.Status);
        if (s !== undefined) entry.Status = s;
        return entry;
      });
    }
    return out;
  }

  /** What the console itself finds wrong: an AuthField key given twice (an object would keep one). */
  localIssues(): LocalIssue[] {
    if (this.spec.list !== 'AuthDetailList') return [];
    return this.authRows.flatMap((r, i) => {
      const keys = r.AuthField.map(([k]) => k);
      return new Set(keys).size === keys.length ? [] : [{ path: `AuthDetailList[${i}].AuthField`, code: 'DuplicateKey', message: t('duplicateKey') }];
    });
  }

  /** Whether the message for `path` may show now. */
  shows(path: string): boolean {
    if (this.attempted || path === '') return this.attempted;
    for (const p of this.touched) if (p === path || p.startsWith(`${path}.`) || p.startsWith(`${path}[`) || path.startsWith(`${p}.`) || path.startsWith(`${p}[`)) return true;
    return false;
  }

  /** Values of the UpdateAuthKey form that the stream URL tool can use. */
  authConfig(): { domain: string; app: string; secretKey: string; authField: Record<string, string> } {
    const first = this.authRows[0];
    return {
      domain: this.values.Domain ?? this.values.Vhost ?? '',
      app: this.values.App ?? '',
      secretKey: first?.SecretKey ?? '',
      authField: Object.fromEntries((first?.AuthField ?? []).filter(([, v]) => v !== '')),
    };
  }
}

function convert(kind: Simple['kind'], raw: string): unknown {
  if (raw === '') return undefined;
  if (kind === 'bool') return raw === 'true';
  if (kind === 'int') {
    // A well-formed integer becomes a number (a big one stays text, as the APIs take it);
    // anything else is passed on as typed, so that the validator can say what is wrong.
    if (/^-?\d+$/.test(raw.trim())) {
      const n = Number(raw);
      return Number.isSafeInteger(n) ? n : raw.trim();
    }
    return raw;
  }
  return raw;
}
