// Overview: tasks by status, queue depths, sessions and agents (GET /api/stats, /api/queues).
// Both need the operator role; a plain user sees the refusal and the counts of their own tasks.
import { api } from './api.js';
import { el, fillFacts, fillRows, show } from './dom.js';

const QUEUE_FACTS = [
  ['Waiting', 'queued'], ['In flight', 'in_flight'], ['Waiting for subtasks', 'waiting_for_subtasks'],
  ['Paused', 'paused'], ['Scheduled (retries)', 'scheduled'], ['Dead (DLQ)', 'dead'],
];

export function overview(section) {
  const error = section.querySelector('[data-role=error]');
  const cards = section.querySelector('[data-role=task-cards]');
  const queues = section.querySelector('[data-role=queues] tbody');
  const queueFacts = section.querySelector('[data-role=queue-facts]');
  const sessionFacts = section.querySelector('[data-role=session-facts]');
  const agentFacts = section.querySelector('[data-role=agent-facts]');

  function card(label, value, key) {
    return el('div', { className: 'card' },
      el('span', { className: 'value', dataset: { key } }, value),
      el('span', { className: 'label' }, label));
  }

  function showTasks(byStatus, total, totalLabel) {
    cards.replaceChildren(card(totalLabel, total, 'tasks_total'),
      ...Object.entries(byStatus).map(([status, count]) => card(status, count, `tasks.${status}`)));
  }

  function showQueues(depths) {
    const dead = depths.dead_by_priority || {};
    fillRows(queues, Object.keys(depths.queued_by_priority || {})
      .sort((a, b) => b - a)
      .map(priority => el('tr', {},
        el('th', { scope: 'row' }, priority),
        el('td', { className: 'num', dataset: { key: `queued_by_priority.${priority}` } }, depths.queued_by_priority[priority]),
        el('td', { className: 'num', dataset: { key: `dead_by_priority.${priority}` } }, dead[priority] ?? 0))), 'No queue figures');
    fillFacts(queueFacts, QUEUE_FACTS.map(([label, key]) => [label, depths[key], key]));
  }

  async function refresh() {
    try {
      const [stats, depths] = await Promise.all([api('stats'), api('queues')]);
      show(error, '');
      showTasks(stats.tasks, stats.tasks_total, 'tasks');
      showQueues(depths);
      fillFacts(sessionFacts, Object.entries(stats.sessions).map(([status, count]) => [status, count, `sessions.${status}`]));
      fillFacts(agentFacts, [['registered', stats.agents, 'agents']]);
    } catch (e) {
      show(error, `Statistics: ${e.message}`);
      queues.replaceChildren();
      for (const facts of [queueFacts, sessionFacts, agentFacts]) {
        facts.replaceChildren();
      }
      if (e.status === 403) {
        await ownTasks();
      } else {
        cards.replaceChildren();
      }
    }
  }

  /** What a plain user may see: the counts of their own tasks. */
  async function ownTasks() {
    try {
      const counts = await api('tasks/counts');
      showTasks(counts, Object.values(counts).reduce((a, b) => a + b, 0), 'your tasks');
    } catch (e) {
      cards.replaceChildren();
      show(error, `${error.textContent} — Your tasks: ${e.message}`);
    }
  }

  return { refresh };
}
