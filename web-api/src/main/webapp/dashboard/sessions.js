// Sessions (plans): GET /api/sessions, and one session's steps (GET /api/sessions/{id}).
import { api, query } from './api.js';
import { badge, el, fillFacts, fillRows, seconds, shortId, show, time } from './dom.js';

function duration(ms) {
  return ms === null || ms === undefined ? '—' : `${(ms / 1000).toFixed(3)} s`;
}

export function sessions(section) {
  const filters = section.querySelector('#session-filters');
  const count = filters.querySelector('[data-role=count]');
  const listError = section.querySelector(':scope > [data-role=error]');
  const tbody = section.querySelector('[data-role=sessions] tbody');
  const detailView = section.querySelector('#session-detail');
  const detailError = detailView.querySelector('[data-role=error]');
  const facts = detailView.querySelector('[data-role=facts]');
  const steps = detailView.querySelector('[data-role=steps] tbody');
  let openId = null;

  filters.addEventListener('change', () => refresh());
  filters.addEventListener('submit', event => event.preventDefault());

  function row(session) {
    const tr = el('tr', { dataset: { session: session.session_id } },
      el('td', {}, el('code', {}, el('button', {
        type: 'button', className: 'link', title: session.session_id, onclick: () => openSession(session.session_id),
      }, shortId(session.session_id)))),
      el('td', {}, session.name ?? ''),
      el('td', {}, badge(session.status)),
      el('td', {}, session.execution_mode),
      el('td', {}, time(session.started_at)),
      el('td', { className: 'num' }, duration(session.duration_ms)));
    tr.classList.toggle('selected', session.session_id === openId);
    return tr;
  }

  function stepRow(step) {
    const openTask = () => document.dispatchEvent(new CustomEvent('open-task', { detail: step.task_id }));
    return el('tr', { dataset: { step: step.id } },
      el('td', {}, el('button', { type: 'button', className: 'link', title: `task ${step.task_id}`, onclick: openTask }, step.id),
        step.fallback ? el('span', { className: 'muted' }, ' (fallback)') : null),
      el('td', {}, step.agent),
      el('td', {}, badge(step.status)),
      el('td', { className: 'num' }, step.attempts),
      el('td', { className: 'num' }, seconds(step.execution_time)),
      el('td', { className: 'error-text' }, step.error ?? ''));
  }

  async function loadSession() {
    if (!openId) {
      return;
    }
    const id = openId;
    try {
      const session = await api(`sessions/${encodeURIComponent(id)}`);
      if (id !== openId) {
        return;
      }
      show(detailError, '');
      fillFacts(facts, [
        ['Name', session.name],
        ['Status', badge(session.status), 'status'],
        ['Mode', session.execution_mode],
        ['Fallback used', session.fallback_used ? 'yes' : 'no'],
        ['Started', time(session.started_at)],
        ['Finished', time(session.completed_at)],
        ['Duration', duration(session.duration_ms)],
        ['Error', session.error],
      ]);
      fillRows(steps, session.steps.map(stepRow), 'No steps');
    } catch (e) {
      show(detailError, `Session ${id}: ${e.message}`);
    }
  }

  function openSession(id) {
    openId = id;
    detailView.hidden = false;
    detailView.querySelector('[data-field=session_id]').textContent = id;
    facts.replaceChildren();
    steps.replaceChildren();
    for (const tr of tbody.querySelectorAll('tr[data-session]')) {
      tr.classList.toggle('selected', tr.dataset.session === id);
    }
    loadSession();
  }

  async function refreshList() {
    try {
      const page = await api(`sessions${query({ status: filters.elements.status.value, limit: 50 })}`);
      show(listError, '');
      count.textContent = `${page.sessions.length} of ${page.total}`;
      fillRows(tbody, page.sessions.map(row), 'No sessions');
    } catch (e) {
      show(listError, `Sessions: ${e.message}`);
    }
  }

  async function refresh() {
    await Promise.all([refreshList(), loadSession()]);
  }

  return { refresh };
}
