// Agents: GET /api/agents and each one's /status; pause, resume and breaker reset (operators).
// Everyone sees the buttons; a caller without the role gets the API's 403, shown as it is.
import { api } from './api.js';
import { badge, el, fillRows, seconds, show } from './dom.js';

function rateLimit(agent) {
  const limit = agent.configuration && agent.configuration.rate_limit;
  if (limit) {
    return `${limit.rate_per_minute}/min, burst ${limit.burst}`;
  }
  // README, Rate limits: remote agents get the configured default, this server's agents none.
  return agent.type === 'http' ? 'server default' : 'unlimited';
}

export function agents(section) {
  const notice = section.querySelector('[data-role=notice]');
  const error = section.querySelector('[data-role=error]');
  const tbody = section.querySelector('[data-role=agents] tbody');

  async function act(name, path, done) {
    show(notice, '');
    show(error, '');
    try {
      const status = await api(`agents/${encodeURIComponent(name)}/${path}`, { method: 'POST' });
      show(notice, `${name}: ${done} (now ${status.state}, breaker ${status.circuit_breaker})`);
    } catch (e) {
      show(error, `${name}: ${e.message}`);
    }
    await refresh();
  }

  function row(agent, answer) {
    const name = agent.name;
    const status = answer instanceof Error ? null : answer;
    const state = status ? status.state : (agent.is_active ? (agent.is_paused ? 'paused' : 'active') : 'retired');
    const actions = [];
    if (state === 'active') {
      actions.push(el('button', { type: 'button', dataset: { action: 'pause' }, onclick: () => act(name, 'pause', 'paused') }, 'Pause'));
    } else if (state === 'paused') {
      actions.push(el('button', { type: 'button', dataset: { action: 'resume' }, onclick: () => act(name, 'resume', 'resumed') }, 'Resume'));
    }
    if (state !== 'retired') {
      actions.push(el('button', { type: 'button', dataset: { action: 'reset' }, onclick: () => act(name, 'circuit-breaker/reset', 'breaker reset') }, 'Reset breaker'));
    }
    const cell = (field, value, className = '') => el('td', { className, dataset: { field } }, value);
    return el('tr', { dataset: { agent: name } },
      el('th', { scope: 'row', title: agent.description || '' }, name),
      cell('type', agent.type),
      cell('state', badge(state)),
      answer instanceof Error
        ? cell('healthy', `status: ${answer.message}`, 'bad')
        : cell('healthy', status.healthy ? 'healthy' : 'unhealthy', status.healthy ? '' : 'bad'),
      cell('circuit_breaker', status ? badge(status.circuit_breaker) : '—'),
      cell('in_flight', status ? status.in_flight : '—', 'num'),
      cell('processed', status ? status.processed : '—', 'num'),
      cell('failed', status ? status.failed : '—', 'num'),
      cell('average_time', status ? seconds(status.average_time) : '—', 'num'),
      cell('rate_limit', rateLimit(agent)),
      el('td', { className: 'actions' }, actions));
  }

  let listFailed = false;

  async function refresh() {
    let list;
    try {
      list = (await api('agents')).agents;
    } catch (e) {
      show(error, `Agents: ${e.message}`);
      listFailed = true;
      return;
    }
    if (listFailed) {
      show(error, '');
      listFailed = false;
    }
    list.sort((a, b) => a.name.localeCompare(b.name));
    const statuses = await Promise.all(list.map(agent =>
      api(`agents/${encodeURIComponent(agent.name)}/status`).catch(e => e)));
    fillRows(tbody, list.map((agent, i) => row(agent, statuses[i])), 'No agents registered');
  }

  return { refresh };
}
