// Tasks: submitting one, the recent ones (GET /api/tasks with filters), and one task's detail with its
// events as they happen (GET /api/tasks/{id}/events as text/event-stream, through EventSource).
import { api, query } from './api.js';
import { badge, el, fillFacts, fillRows, json, seconds, shortId, show, time } from './dom.js';

const STATUSES = ['pending', 'queued', 'in_progress', 'waiting', 'paused', 'retry_scheduled', 'completed',
  'failed', 'dead', 'cancelled', 'timed_out'];
const EVENT_TYPES = ['task_created', 'task_queued', 'task_started', 'task_waiting', 'task_resumed', 'task_paused',
  'partial_output', 'task_completed', 'task_failed', 'task_retry_scheduled', 'task_dead_lettered', 'task_cancelled',
  'task_timed_out', 'step_started', 'step_completed', 'plan_completed', 'plan_failed', 'plan_fallback',
  'plan_cancelled', 'agent_message', 'agent_insight', 'agent_error', 'circuit_opened', 'circuit_closed'];
/** The events after which the server ends a task's stream (until someone retries the task). */
const TASK_ENDS = new Set(['task_completed', 'task_failed', 'task_dead_lettered', 'task_cancelled', 'task_timed_out']);
const FINISHED = new Set(['completed', 'failed', 'dead', 'cancelled', 'timed_out']);
const RETRYABLE = new Set(['failed', 'dead', 'timed_out']);

/** Puts {@code values} into a select (after an "any" option when given), keeping the choice made. */
function setOptions(select, values, any) {
  const chosen = select.value;
  const options = values.map(value => el('option', { value }, value));
  if (any !== undefined) {
    options.unshift(el('option', { value: '' }, any));
  }
  select.replaceChildren(...options);
  if ([...select.options].some(option => option.value === chosen)) {
    select.value = chosen;
  }
}

export function tasks(section) {
  const submitForm = section.querySelector('#submit-task');
  const submitNotice = section.querySelector('[data-role=submit-notice]');
  const submitError = section.querySelector('[data-role=submit-error]');
  const filters = section.querySelector('#task-filters');
  const count = filters.querySelector('[data-role=count]');
  const listError = section.querySelector(':scope > [data-role=error]');
  const tbody = section.querySelector('[data-role=tasks] tbody');
  const detailView = section.querySelector('#task-detail');
  const detailError = detailView.querySelector('[data-role=error]');
  const facts = detailView.querySelector('[data-role=facts]');
  const events = detailView.querySelector('[data-role=events] tbody');
  const field = name => detailView.querySelector(`[data-field=${name}]`);

  setOptions(filters.elements.status, STATUSES, 'any');
  setOptions(filters.elements.agent, [], 'any');

  /** The task on show: its id, its event stream, the events seen (by seq) and whether it has ended. */
  let detail = null;

  // --- submitting ---------------------------------------------------------------------------------

  submitForm.addEventListener('submit', async event => {
    event.preventDefault();
    show(submitNotice, '');
    show(submitError, '');
    let payload;
    try {
      payload = JSON.parse(submitForm.elements.payload.value || '{}');
    } catch (e) {
      show(submitError, `The payload is not JSON: ${e.message}`);
      return;
    }
    const agent = submitForm.elements.agent.value;
    try {
      const accepted = await api('tasks', {
        method: 'POST',
        body: { agent, payload, priority: Number(submitForm.elements.priority.value) },
      });
      show(submitNotice, `Task ${accepted.task_id} ${accepted.status} for ${accepted.agent} (priority ${accepted.priority})`);
      openTask(accepted.task_id);
      await refresh();
    } catch (e) {
      show(submitError, `Submit to ${agent}: ${e.message}`);
    }
  });

  // --- the list -----------------------------------------------------------------------------------

  filters.addEventListener('change', () => refresh());
  filters.addEventListener('submit', event => event.preventDefault());

  function row(task) {
    const open = el('button', { type: 'button', className: 'link', title: task.task_id, onclick: () => openTask(task.task_id) },
      shortId(task.task_id));
    const tr = el('tr', { dataset: { task: task.task_id } },
      el('td', {}, el('code', {}, open)),
      el('td', {}, task.agent),
      el('td', { dataset: { field: 'status' } }, badge(task.status)),
      el('td', { className: 'num' }, task.priority),
      el('td', {}, time(task.created_at)),
      el('td', { className: 'num' }, seconds(task.execution_time)),
      el('td', { className: 'num' }, task.retry_count));
    if (detail && detail.id === task.task_id) {
      tr.classList.add('selected');
    }
    return tr;
  }

  async function refreshList() {
    try {
      const agentNames = (await api('agents')).agents.filter(a => a.is_active).map(a => a.name).sort();
      setOptions(submitForm.elements.agent, agentNames);
      setOptions(filters.elements.agent, agentNames, 'any');
      const page = await api(`tasks${query({
        status: filters.elements.status.value,
        agent: filters.elements.agent.value,
        limit: filters.elements.limit.value,
      })}`);
      show(listError, '');
      count.textContent = `${page.tasks.length} of ${page.total}`;
      fillRows(tbody, page.tasks.map(row), 'No tasks');
    } catch (e) {
      show(listError, `Tasks: ${e.message}`);
    }
  }

  // --- one task -----------------------------------------------------------------------------------

  async function loadTask() {
    if (!detail) {
      return;
    }
    const id = detail.id;
    try {
      const task = await api(`tasks/${encodeURIComponent(id)}`);
      if (!detail || detail.id !== id) {
        return;
      }
      fillFacts(facts, [
        ['Status', badge(task.status), 'status'],
        ['Agent', task.agent],
        ['Pattern', task.pattern],
        ['Priority', task.priority],
        ['Retries', `${task.retry_count} of ${task.max_retries}`],
        ['Session', task.session_id],
        ['Parent task', task.parent_task_id],
        ['Created', time(task.created_at)],
        ['Started', time(task.started_at)],
        ['Finished', time(task.completed_at)],
        ['Next attempt', time(task.next_attempt_at)],
        ['Deadline', time(task.deadline)],
        ['Execution time', seconds(task.execution_time)],
        ['Error', task.error, 'error'],
      ]);
      field('payload').textContent = json(task.payload);
      field('result').textContent = json(task.result);
      detailView.querySelector('[data-action=cancel]').disabled = FINISHED.has(task.status);
      detailView.querySelector('[data-action=retry]').disabled = !RETRYABLE.has(task.status);
    } catch (e) {
      show(detailError, `Task ${id}: ${e.message}`);
    }
  }

  function addEvent(event) {
    const tr = el('tr', { dataset: { seq: event.seq, event: event.event_type } },
      el('td', { className: 'num' }, event.seq),
      el('td', {}, time(event.timestamp)),
      el('td', {}, event.event_type),
      el('td', {}, el('code', {}, event.data ? JSON.stringify(event.data) : '')));
    const later = [...events.children].find(other => Number(other.dataset.seq) > event.seq);
    events.insertBefore(tr, later || null);
  }

  function setStream(state) {
    const badgeOf = field('stream');
    badgeOf.textContent = state;
    badgeOf.className = `badge stream-${state}`;
  }

  /** Follows the task's events: the trace so far, then live ones, until the event that ends it. */
  function follow() {
    const current = detail;
    current.ended = false;
    setStream('connecting');
    const source = new EventSource(`api/tasks/${encodeURIComponent(current.id)}/events`);
    current.source = source;
    const onEvent = message => {
      const event = JSON.parse(message.data);
      if (current.seen.has(event.seq)) {
        return; // a reconnect sends the stored trace again
      }
      current.seen.add(event.seq);
      addEvent(event);
      if (TASK_ENDS.has(event.event_type)) {
        current.ended = true;
        source.close();
        setStream('ended');
        refreshList();
      }
      loadTask();
    };
    for (const type of EVENT_TYPES) {
      source.addEventListener(type, onEvent);
    }
    source.onopen = () => {
      if (!current.ended) {
        setStream('live');
      }
    };
    source.onerror = async () => {
      if (current.ended || detail !== current) {
        source.close();
      } else if (source.readyState === EventSource.CLOSED) {
        // Refused (EventSource does not tell why): the JSON form of the same request does.
        setStream('closed');
        try {
          await api(`tasks/${encodeURIComponent(current.id)}/events`);
          show(detailError, 'The event stream was closed by the server');
        } catch (e) {
          show(detailError, `Events: ${e.message}`);
        }
      } else {
        setStream('reconnecting');
      }
    };
  }

  function closeTask() {
    if (detail && detail.source) {
      detail.source.close();
    }
    detail = null;
    detailView.hidden = true;
    for (const selected of tbody.querySelectorAll('tr.selected')) {
      selected.classList.remove('selected');
    }
  }

  function openTask(id) {
    closeTask();
    detail = { id, source: null, seen: new Set(), ended: false };
    detailView.hidden = false;
    detailView.dataset.task = id;
    field('task_id').textContent = id;
    show(detailError, '');
    facts.replaceChildren();
    events.replaceChildren();
    field('payload').textContent = '';
    field('result').textContent = '';
    for (const tr of tbody.querySelectorAll('tr[data-task]')) {
      tr.classList.toggle('selected', tr.dataset.task === id);
    }
    loadTask();
    follow();
  }

  async function taskAction(path, what) {
    if (!detail) {
      return;
    }
    const current = detail;
    show(detailError, '');
    try {
      await api(`tasks/${encodeURIComponent(current.id)}/${path}`, { method: 'POST' });
      if (path === 'retry' && current.ended && detail === current) {
        follow(); // its events go on: follow them again
      }
    } catch (e) {
      show(detailError, `${what}: ${e.message}`);
    }
    await loadTask();
    await refreshList();
  }

  detailView.querySelector('[data-action=cancel]').addEventListener('click', () => taskAction('cancel', 'Cancel'));
  detailView.querySelector('[data-action=retry]').addEventListener('click', () => taskAction('retry', 'Retry'));
  detailView.querySelector('[data-action=close]').addEventListener('click', closeTask);

  async function refresh() {
    await Promise.all([refreshList(), loadTask()]);
  }

  return { refresh, openTask };
}
