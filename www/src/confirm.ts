// A confirmation before a write: a modal <dialog> (focus moves into it, Escape cancels), never the
// browser's blocking confirm(). It names what the write affects; a destructive one (delete, unbind,
// HTTPS off) is in a danger style. Decided by the operation's declaration, not by its name.
import { h } from './dom';
import { t } from './i18n';

export interface ConfirmOptions {
  /** Removes or switches off something in service: the danger style. */
  danger?: boolean;
  /** What the write affects, one line each (`Domain: play.example.com`). */
  items?: string[];
  /** A richer body (a deploy's plan table) instead of `items`. */
  body?: HTMLElement;
  /** The confirm button's words (default: Confirm). */
  confirmLabel?: string;
}

export function confirmDialog(question: string, detail: string, opts: ConfirmOptions = {}): Promise<boolean> {
  return new Promise((resolve) => {
    const yes = h('button', { type: 'button', class: opts.danger ? 'primary danger-fill' : 'primary', id: 'confirm-yes' }, opts.confirmLabel ?? t('confirm'));
    const no = h('button', { type: 'button', id: 'confirm-no' }, t('cancel'));
    const items = opts.items?.length
      ? h('ul', { class: 'confirm-items mono', id: 'confirm-items' }, ...opts.items.slice(0, 20).map((i) => h('li', {}, i)),
        opts.items.length > 20 ? h('li', { class: 'muted' }, `… +${opts.items.length - 20}`) : null)
      : null;
    const dialog = h('dialog', { class: `confirm${opts.danger ? ' danger' : ''}`, 'aria-labelledby': 'confirm-q', 'aria-describedby': 'confirm-d', 'data-danger': opts.danger ? 'true' : 'false' },
      h('p', { id: 'confirm-q', class: 'question' }, question),
      h('p', { id: 'confirm-d', class: 'muted' }, detail),
      opts.body ?? items,
      h('div', { class: 'actions' }, no, yes));
    const done = (answer: boolean) => {
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    yes.addEventListener('click', () => done(true));
    no.addEventListener('click', () => done(false));
    dialog.addEventListener('cancel', (e) => { e.preventDefault(); done(false); });
    document.body.appendChild(dialog);
    dialog.showModal();
    no.focus();
  });
}
