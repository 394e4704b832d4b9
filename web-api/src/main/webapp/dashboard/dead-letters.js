// Dead letters: what is on agentry.tasks.DLQ (GET /api/dead-letters) and queuing it again (operators).
import { api } from './api.js';
import { el, fillRows, shortId, show, time } from './dom.js';

export function deadLetters(section) {
  const notice = section.querySelector('[data-role=notice]');
  const error = section.querySelector('[data-role=error]');
  const tbody = section.querySelector('[data-role=dead-letters] tbody');
  let listFailed = false;

  async function retry(path, done) {
    show(notice, '');
    show(error, '');
    try {
      show(notice, done(await api(path, { method: 'POST' })));
    } catch (e) {
      show(error, `Retry: ${e.message}`);
    }
    await refresh();
  }

  function row(letter) {
    const openTask = () => document.dispatchEvent(new CustomEvent('open-task', { detail: letter.task_id }));
    return el('tr', { dataset: { task: letter.task_id } },
      el('td', {}, el('code', {}, el('button', { type: 'button', className: 'link', title: letter.task_id, onclick: openTask },
        shortId(letter.task_id)))),
      el('td', {}, letter.agent),
      el('td', {}, letter.reason),
      el('td', { className: 'num' }, letter.attempts ?? '—'),
      el('td', { className: 'error-text' }, letter.error ?? ''),
      el('td', {}, time(letter.dead_lettered_at)),
      el('td', { className: 'actions' }, el('button', {
        type: 'button',
        dataset: { action: 'retry' },
        onclick: () => retry(`dead-letters/${encodeURIComponent(letter.task_id)}/retry`,
          answer => `Task ${answer.task_id} is ${answer.status} again`),
      }, 'Retry')));
  }

  section.querySelector('[data-action=retry-all]').addEventListener('click', () => {
    if (window.confirm('Queue every dead task again?')) {
      retry('dead-letters/retry-all', answer => `${answer.retried} dead tasks queued again`);
    }
  });

  async function refresh() {
    try {
      const answer = await api('dead-letters');
      if (listFailed) {
        show(error, '');
        listFailed = false;
      }
      fillRows(tbody, answer.dead_letters.map(row), 'The dead-letter queue is empty');
    } catch (e) {
      show(error, `Dead letters: ${e.message}`);
      listFailed = true;
      tbody.replaceChildren();
    }
  }

  return { refresh };
}
