// One form per operation, rendered from the catalog (catalog.json, the library's declarations as
// data): a field's kind picks its control (text, number, select for allowed values, multi-line for
// PEM, password for secrets), lists of objects become editable rows, string maps key/value rows.
// A new operation in the catalog appears here without form code. Labels are the API field names;
// payloads are built from what is typed (empty means absent) and judged by the library.
import { h, clear, fieldId, secretInput } from './dom';
import { t, lang, type Key } from './i18n';
import catalog from './catalog.json';

import type { Action, Provider } from 'liveops';

export type { Action, Provider };

export interface FieldSpec {
  path: string; kind: string; required: boolean; options: string[]; keys: string[]; maxItems: number | null;
  secret: boolean; multiline: boolean; en: string; zh: string;
}
export interface OperationSpec {
  provider: Provider; action: Action; contract: string | null; summary: string; idempotent: boolean;
  /** From the declaration: every write is confirmed, a destructive one in a danger style. */
  danger: 'read' | 'write' | 'destructive';
  /** A write that is destructive for some payloads: an entry of `path` with `value`. */
  destructiveWhen: { path: string; value: number } | null;
  fields: FieldSpec[];
}

const ALL = catalog as OperationSpec[];
/** Every operation as the default contract has it: one tab each. */
export const OPERATIONS = ALL.filter((o) => !o.contract);
/**
 * An operation's key in the console: its action, or `provider:action` where two clouds name an
 * operation alike (Tencent's and ESA's `DeleteCertificate`).
 */
export type OpKey = string;
export function opKey(o: { provider: string; action: string }): OpKey {
  return OPERATIONS.filter((x) => x.action === o.action).length > 1 ? `${o.provider}:${o.action}` : o.action;
}
function matches(o: OperationSpec, key: OpKey): boolean {
  const [provider, action] = key.includes(':') ? key.split(':') : [null, key];
  return o.action === action && (provider === null || o.provider === provider);
}
/** The contracts an operation can follow (`2023-10`, then later ones where it changed). */
export function contractsOf(key: OpKey): string[] {
  const later = ALL.filter((o) => matches(o, key) && o.contract).map((o) => o.contract!);
  return later.length ? ['2023-10', ...later] : [];
}
/** The form of `key` under `contract` (the default one where it did not change). */
export function specFor(key: OpKey, contract: string): OperationSpec {
  return ALL.find((o) => matches(o, key) && o.contract === contract) ?? OPERATIONS.find((o) => matches(o, key))!;
}

/** Human words beside machine values, by field. */
const LABELS: Record<string, Record<string, Key>> = {
  'DomainInfos[].Status': { '1': 'statusEnable', '0': 'statusDisable', '-1': 'statusKeep' },
};
/** What a fresh form starts with: the common choice, not a guess the user must undo. */
const DEFAULTS: Record<string, string> = {
  'UpdateAuthKey:SceneType': 'push',
  'UpdateAuthKey:AuthDetailList[].EncryptionAlgorithm': 'md5',
  'ModifyLiveDomainCertBindings:DomainInfos[].Status': '1',
  'UpdateAuthKey:AuthDetailList[].AuthType': 'TypeC',
  'CreateCert:UseWay': 'https',
  'ListDomainDetail:PageNum': '1',
  'ListDomainDetail:PageSize': '100',
  'SetCertificate:Type': 'upload',
};

/** A problem the console finds itself (the library cannot see it: the payload merges it away). */
export interface LocalIssue { path: string; code: string; message: string }

type KV = [string, string][];
/** A value being edited: text for scalars, pairs for string maps. */
type Values = Record<string, string | KV>;

const isRoot = (p: string) => !p.includes('.') && !p.includes('[');

/** A rendered form that knows how to read its payload back. */
export class OperationForm {
  readonly el: HTMLFormElement;
  private values: Values = {};
  private rows: Record<string, Values[]> = {};
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
      h('div', { class: 'msg root', 'data-path': '', id: 'f-root-msg', role: 'status' }),
      this.body,
      h('div', { class: 'actions' }, this.submit));
    this.el.addEventListener('submit', (e) => {
      e.preventDefault();
      this.attempted = true;
      onSubmit();
    });
    for (const f of this.rootFields()) {
      const d = DEFAULTS[`${spec.action}:${f.path}`];
      if (d !== undefined) this.values[f.path] = d;
      // A required list starts with one entry to fill in; an optional one starts empty.
      if (this.itemSpec(f.path)) this.rows[f.path] = f.required ? [this.newRow(f.path)] : [];
    }
    this.render();
  }

  private field(path: string): FieldSpec | undefined {
    return this.spec.fields.find((f) => f.path === path);
  }

  private rootFields(): FieldSpec[] {
    return this.spec.fields.filter((f) => isRoot(f.path));
  }

  /** The direct fields of an object field: `Rsa` → `Rsa.Pubkey`, `Rsa.Prikey`. */
  private objectFields(path: string): FieldSpec[] {
    const prefix = `${path}.`;
    return this.spec.fields.filter((f) => f.path.startsWith(prefix) && !f.path.slice(prefix.length).includes('.') && !f.path.slice(prefix.length).includes('['));
  }

  /** For a list of objects, the spec of its entries; else undefined. */
  private itemSpec(path: string): FieldSpec | undefined {
    const item = this.field(`${path}[]`);
    return item?.kind === 'object' ? item : undefined;
  }

  /** The direct fields of a list's entries: `AuthDetailList[].SecretKey` → `SecretKey`. */
  private subFields(path: string): FieldSpec[] {
    const prefix = `${path}[].`;
    return this.spec.fields.filter((f) => f.path.startsWith(prefix) && !f.path.slice(prefix.length).includes('.') && !f.path.slice(prefix.length).includes('['));
  }

  private newRow(list: string): Values {
    const row: Values = {};
    for (const f of this.subFields(list)) {
      const d = DEFAULTS[`${this.spec.action}:${f.path}`];
      row[f.path.slice(list.length + 3)] = f.kind === 'stringMap' ? [] : d ?? '';
    }
    return row;
  }

  /** Re-renders after a structural change (rows added or removed, language switched). */
  render(): void {
    clear(this.body);
    this.submit.textContent = t('send');
    for (const f of this.rootFields()) {
      const subs = f.kind === 'object' ? this.objectFields(f.path) : [];
      if (this.itemSpec(f.path)) this.body.appendChild(this.renderRows(f));
      else if (subs.length) {
        // An object of named fields (CreateCert `Rsa`): a fieldset of its own controls.
        this.body.appendChild(h('fieldset', { class: 'row' }, h('legend', {}, f.path),
          ...subs.map((s) => this.renderControl(s, s.path, s.path, this.values)),
          h('div', { class: 'msg', 'data-path': f.path })));
      } else this.body.appendChild(this.renderControl(f, f.path, f.path.split('.').pop()!, this.values));
    }
  }

  private doc(f: FieldSpec): string {
    return lang() === 'zh' ? f.zh : f.en;
  }

  /** One control for the field `f`, editing `store[name]`, at the concrete path `path`. */
  private renderControl(f: FieldSpec, path: string, name: string, store: Values): HTMLElement {
    const id = fieldId(path);
    const msgId = `${id}-msg`;
    const changed = () => { this.touched.add(path); this.onChange(); };
    const set = (v: string) => { store[name] = v; changed(); };
    const value = typeof store[name] === 'string' ? store[name] as string : '';
    let control: HTMLElement;
    if (f.kind === 'stringMap') {
      control = this.renderMap(f, path, store[name] as KV, changed);
    } else if (f.kind === 'boolean' || f.options.length) {
      const labels = LABELS[f.path];
      const options = ['', ...(f.kind === 'boolean' ? ['true', 'false'] : f.options)];
      const select = h('select', { id, name: path, 'aria-describedby': msgId },
        ...options.map((o) => h('option', { value: o, selected: o === value }, o === '' ? t('any') : labels?.[o] ? `${o} · ${t(labels[o])}` : o)));
      select.addEventListener('change', () => set(select.value));
      control = select;
    } else if (f.multiline) {
      // A PEM keeps its line breaks byte for byte: a textarea, never a one-line input.
      const area = h('textarea', { id, name: path, rows: 5, spellcheck: 'false', autocomplete: 'off', 'aria-describedby': msgId,
        placeholder: f.secret ? '-----BEGIN PRIVATE KEY-----' : '-----BEGIN CERTIFICATE-----', class: f.secret ? 'pem masked' : 'pem', value });
      area.addEventListener('input', () => set(area.value));
      const file = h('input', { type: 'file', accept: '.pem,.key,.crt,.cer,.txt', class: 'file', id: `${id}-file`, 'aria-label': `${t('loadFile')}: ${name}` });
      file.addEventListener('change', () => {
        const chosen = file.files?.[0];
        if (chosen) void chosen.text().then((text) => { area.value = text; set(text); });
      });
      const tools = h('div', { class: 'pem-tools' }, h('label', { for: file.id, class: 'file-label' }, t('loadFile')), file);
      if (f.secret) {
        const toggle = h('button', { type: 'button', class: 'small reveal', 'aria-controls': id, 'aria-pressed': 'false' }, t('reveal'));
        toggle.addEventListener('click', () => {
          const show = area.classList.toggle('masked') === false;
          toggle.textContent = show ? t('hide') : t('reveal');
          toggle.setAttribute('aria-pressed', show ? 'true' : 'false');
        });
        tools.appendChild(toggle);
      }
      control = h('div', { class: 'pem-wrap' }, area, tools);
    } else if (f.secret) {
      const s = secretInput(id, value, set, name);
      s.input.name = path;
      s.input.setAttribute('aria-describedby', msgId);
      control = s.wrap;
    } else {
      const numeric = f.kind === 'integer' || f.kind === 'int64';
      const input = h('input', { id, name: path, type: 'text', value, autocomplete: 'off', spellcheck: 'false',
        inputmode: numeric ? 'numeric' : undefined, placeholder: f.kind === 'array' ? 'comma,separated' : '', 'aria-describedby': msgId });
      input.addEventListener('input', () => set(input.value));
      control = input;
    }
    const label = f.kind === 'stringMap' ? h('span', { class: 'label' }, name) : h('label', { for: id }, name);
    const doc = this.doc(f);
    return h('div', { class: 'field' }, label, control,
      doc ? h('small', { class: 'help' }, doc) : null,
      h('div', { class: 'msg', 'data-path': path, id: msgId, 'aria-live': 'polite' }));
  }

  /** Key/value rows of a string map, keys chosen from the allowed ones. */
  private renderMap(f: FieldSpec, path: string, pairs: KV, changed: () => void): HTMLElement {
    const rows = pairs.map(([k, v], j) => {
      const key = h('select', { id: fieldId(`${path}.${j}.key`), 'aria-label': `${path} key` },
        ...f.keys.map((o) => h('option', { value: o, selected: o === k }, o)));
      const val = h('input', { id: fieldId(`${path}.${j}.value`), type: 'text', value: v, 'aria-label': `${path} value`, autocomplete: 'off' });
      key.addEventListener('change', () => { pairs[j][0] = key.value; changed(); });
      val.addEventListener('input', () => { pairs[j][1] = val.value; changed(); });
      return h('div', { class: 'kv' }, key, val,
        h('button', { type: 'button', class: 'small', onclick: () => { pairs.splice(j, 1); this.render(); changed(); } }, t('remove')));
    });
    const name = f.path.split('.').pop()!;
    return h('div', { class: 'kvs' }, ...rows,
      h('button', { type: 'button', class: 'small', disabled: pairs.length >= f.keys.length,
        onclick: () => { pairs.push([f.keys.find((k) => !pairs.some(([x]) => x === k)) ?? f.keys[0], '']); this.render(); changed(); } }, `${t('add')} ${name}`));
  }

  /** A list of objects: one fieldset per entry, with add and remove. */
  private renderRows(f: FieldSpec): HTMLElement {
    const list = this.rows[f.path];
    const subs = this.subFields(f.path);
    const max = f.maxItems ?? Infinity;
    const entries = list.map((row, i) => {
      const base = `${f.path}[${i}]`;
      return h('fieldset', { class: subs.length > 2 ? 'row' : 'row inline', 'data-row': i },
        h('legend', {}, base),
        ...subs.map((s) => {
          const name = s.path.slice(f.path.length + 3);
          return this.renderControl(s, `${base}.${name}`, name, row);
        }),
        h('button', { type: 'button', class: 'small danger', onclick: () => { list.splice(i, 1); this.render(); this.onChange(); } },
          `${t('remove')} ${base}`),
        h('div', { class: 'msg', 'data-path': base }));
    });
    return h('div', { class: 'list' },
      h('div', { class: 'list-head' },
        h('span', { class: 'label' }, Number.isFinite(max) ? `${f.path} (${list.length}/${max} ${t('entries')})` : `${f.path} (${list.length})`),
        h('button', { type: 'button', disabled: list.length >= max,
          onclick: () => { list.push(this.newRow(f.path)); this.render(); this.onChange(); } }, `${t('add')} ${f.path}`)),
      h('div', { class: 'msg', 'data-path': f.path }),
      ...entries);
  }

  /** The payload as the API takes it: empty inputs left out, numbers and booleans typed. */
  payload(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const f of this.rootFields()) {
      if (this.itemSpec(f.path)) {
        if (!f.required && this.rows[f.path].length === 0) continue;
        out[f.path] = this.rows[f.path].map((row) => {
          const entry: Record<string, unknown> = {};
          for (const s of this.subFields(f.path)) {
            const name = s.path.slice(f.path.length + 3);
            const v = convert(s, row[name]);
            if (v !== undefined) entry[name] = v;
          }
          return entry;
        });
      } else if (f.kind === 'object' && this.objectFields(f.path).length) {
        const entry: Record<string, unknown> = {};
        for (const s of this.objectFields(f.path)) {
          const v = convert(s, this.values[s.path]);
          if (v !== undefined) entry[s.path.slice(f.path.length + 1)] = v;
        }
        if (Object.keys(entry).length) out[f.path] = entry;
      } else {
        const v = convert(f, this.values[f.path], this.field(`${f.path}[]`));
        if (v !== undefined) out[f.path] = v;
      }
    }
    return out;
  }

  /** What the console itself finds wrong: a string-map key given twice (an object keeps one). */
  localIssues(): LocalIssue[] {
    const issues: LocalIssue[] = [];
    for (const f of this.rootFields()) {
      this.rows[f.path]?.forEach((row, i) => {
        for (const [name, v] of Object.entries(row)) {
          if (!Array.isArray(v)) continue;
          const keys = v.map(([k]) => k);
          if (new Set(keys).size !== keys.length) issues.push({ path: `${f.path}[${i}].${name}`, code: 'DuplicateKey', message: t('duplicateKey') });
        }
      });
    }
    return issues;
  }

  /** Whether the message for `path` may show now. */
  shows(path: string): boolean {
    if (this.attempted || path === '') return this.attempted;
    for (const p of this.touched) if (p === path || p.startsWith(`${path}.`) || p.startsWith(`${path}[`) || path.startsWith(`${p}.`) || path.startsWith(`${p}[`)) return true;
    return false;
  }

  /** Values of the UpdateAuthKey form that the stream URL tool can use. */
  authConfig(): { domain: string; app: string; secretKey: string; authField: Record<string, string> } {
    const first = this.rows.AuthDetailList?.[0] ?? {};
    const text = (v: string | KV | undefined) => (typeof v === 'string' ? v : '');
    return {
      domain: text(this.values.Domain) || text(this.values.Vhost),
      app: text(this.values.App),
      secretKey: text(first.SecretKey),
      authField: Object.fromEntries(((first.AuthField as KV | undefined) ?? []).filter(([, v]) => v !== '')),
    };
  }
}

function convert(f: FieldSpec, raw: string | KV | undefined, item?: FieldSpec): unknown {
  if (raw === undefined) return undefined;
  if (Array.isArray(raw)) return raw.length ? Object.fromEntries(raw) : undefined;
  if (raw === '') return undefined;
  if (f.kind === 'boolean') return raw === 'true';
  if (f.kind === 'array') {
    const items = raw.split(',').map((s) => s.trim()).filter(Boolean);
    // A list of integers (DomainStatusList) takes numbers; anything else stays as typed.
    const numeric = item?.kind === 'integer' || item?.kind === 'int64';
    const typed = items.map((x) => (numeric && /^-?\d+$/.test(x) ? Number(x) : x));
    return typed.length ? typed : undefined;
  }
  if (f.kind === 'integer' || f.kind === 'int64') {
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
