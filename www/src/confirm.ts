// A confirmation before destructive work: a modal <dialog> (focus moves into it, Escape cancels),
// never the browser's blocking confirm().
import { h } from './dom';
import { t } from './i18n';

export function confirmDialog(question: string, detail: string): Promise<boolean> {
  return new Promise((resolve) => {
    const yes = h('button', { type: 'button', class: 'primary danger-fill', id: 'confirm-yes' }, t('confirm'));
    const no = h('button', { type: 'button', id: 'confirm-no' }, t('cancel'));
    const dialog = h('dialog', { class: 'confirm', 'aria-labelledby': 'confirm-q', 'aria-describedby': 'confirm-d' },
      h('p', { id: 'confirm-q', class: 'question' }, question),
      h('p', { id: 'confirm-d', class: 'muted' }, detail),
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
