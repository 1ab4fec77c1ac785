// Building DOM safely: text is always set as text, never parsed as HTML; `value`, `checked` and
// `selected` are set as properties, so that what a user typed (a secret) never sits in an attribute.
import { t } from './i18n';

type Attrs = Record<string, string | number | boolean | undefined | ((e: Event) => void)>;
type Child = Node | string | number | null | undefined | false;

const PROPERTIES = new Set(['value', 'checked', 'selected']);

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, ''), v);
    else if (PROPERTIES.has(k)) (el as unknown as Record<string, unknown>)[k] = v;
    else if (k === 'class') el.className = String(v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  append(el, ...children);
  return el;
}

export function append(el: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

export function clear(el: Node): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

/** An id usable in `for`/`id` attributes for a field path like `AuthDetailList[3].SecretKey`. */
export function fieldId(path: string): string {
  return 'f-' + path.replace(/[^A-Za-z0-9]+/g, '-').replace(/-$/, '');
}

/** A button that copies `text()` and says so for a moment; disabled while there is nothing. */
export function copyButton(text: () => string, label: string, attrs: Attrs = {}): HTMLButtonElement {
  const b = h('button', { type: 'button', class: 'small copy', ...attrs }, label);
  let timer: ReturnType<typeof setTimeout> | undefined;
  b.addEventListener('click', () => {
    const value = text();
    if (!value) return;
    void navigator.clipboard?.writeText(value).catch(() => undefined);
    b.textContent = t('copied');
    clearTimeout(timer);
    timer = setTimeout(() => { b.textContent = label; }, 1500);
  });
  const sync = () => { b.disabled = text() === ''; };
  sync();
  (b as HTMLButtonElement & { sync?: () => void }).sync = sync;
  return b;
}

/** Offers `text` as a file download. */
export function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: name });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** CSV with every cell quoted. */
export function csv(rows: (string | number)[][]): string {
  return rows.map((r) => r.map((c) => `"${String(c).replace(/"/g, '""')}"`).join(',')).join('\n') + '\n';
}

/** A password input with a Show/Hide button; the value is set as a property only. */
export function secretInput(id: string, value: string, onInput: (v: string) => void, label?: string): { wrap: HTMLElement; input: HTMLInputElement } {
  const input = h('input', { id, type: 'password', value, autocomplete: 'off', spellcheck: 'false' });
  input.addEventListener('input', () => onInput(input.value));
  const toggle = h('button', { type: 'button', class: 'small reveal', 'aria-controls': id, 'aria-pressed': 'false', 'aria-label': `${t('reveal')} ${label ?? ''}`.trim() }, t('reveal'));
  toggle.addEventListener('click', () => {
    const show = input.type === 'password';
    input.type = show ? 'text' : 'password';
    toggle.textContent = show ? t('hide') : t('reveal');
    toggle.setAttribute('aria-pressed', show ? 'true' : 'false');
  });
  return { wrap: h('div', { class: 'secret-wrap' }, input, toggle), input };
}
