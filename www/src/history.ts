// The requests sent in this session: action, time, outcome, request id. Never a payload, a key or
// a secret: only what the answer says about itself.
import { h, clear, copyButton } from './dom';
import { t } from './i18n';
import { localTime } from './results';

export interface Sent { at: string; cloud: string; action: string; outcome: string; requestId: string }

const sent: Sent[] = [];

export function record(entry: Sent): void {
  sent.unshift(entry);
  if (sent.length > 200) sent.pop();
}

export function historyPanel(): HTMLElement {
  const box = h('section', { class: 'card history' }, h('h2', {}, t('history')));
  const body = h('div', {});
  const draw = () => {
    clear(body);
    if (!sent.length) return void body.appendChild(h('p', { class: 'muted' }, t('historyEmpty')));
    body.append(
      h('div', { class: 'table-scroll' }, h('table', { class: 'history-table' },
        h('thead', {}, h('tr', {}, h('th', {}, t('time')), h('th', {}, t('action')), h('th', {}, t('outcome')), h('th', {}, t('requestId')))),
        h('tbody', {}, ...sent.map((s) => h('tr', { 'data-action': s.action },
          h('td', { class: 'mono' }, localTime(s.at)),
          h('td', {}, `${t(s.cloud as 'volcengine')} · ${s.action}`),
          h('td', { class: 'mono' }, s.outcome),
          h('td', { class: 'mono' }, s.requestId || '—', ' ', s.requestId ? copyButton(() => s.requestId, t('copy')) : null)))))),
      h('button', { type: 'button', class: 'small', onclick: () => { sent.length = 0; draw(); } }, t('clearHistory')));
  };
  draw();
  box.appendChild(body);
  return box;
}
