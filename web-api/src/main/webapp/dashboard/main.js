// The dashboard: who is logged in, the views behind the tabs, and refreshing the one on show.
import { api } from './api.js';
import { show } from './dom.js';
import { overview } from './overview.js';
import { agents } from './agents.js';
import { tasks } from './tasks.js';
import { deadLetters } from './dead-letters.js';
import { sessions } from './sessions.js';

const REFRESH_MS = 3000;

const views = {
  overview: overview(document.getElementById('view-overview')),
  agents: agents(document.getElementById('view-agents')),
  tasks: tasks(document.getElementById('view-tasks')),
  'dead-letters': deadLetters(document.getElementById('view-dead-letters')),
  sessions: sessions(document.getElementById('view-sessions')),
};

let current = null;
let refreshing = false;

function viewOfHash() {
  const name = window.location.hash.slice(1);
  return Object.hasOwn(views, name) ? name : 'overview';
}

async function refresh() {
  if (refreshing || !current) {
    return;
  }
  refreshing = true;
  try {
    await views[current].refresh();
    document.getElementById('refreshed').textContent = `updated ${new Date().toLocaleTimeString()}`;
  } finally {
    refreshing = false;
  }
}

function open(name) {
  current = name;
  for (const section of document.querySelectorAll('main > section')) {
    section.hidden = section.dataset.view !== name;
  }
  for (const link of document.querySelectorAll('nav a')) {
    if (link.dataset.view === name) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
  refresh();
}

async function whoAmI() {
  try {
    const me = await api('users/me');
    const roles = me.roles || [];
    document.getElementById('user').textContent = `${me.username} (${roles.join(', ')})`;
    document.body.dataset.operator = String(roles.includes('operator'));
  } catch (e) {
    show(document.getElementById('global-error'), `Who is logged in: ${e.message}`);
  }
}

window.addEventListener('hashchange', () => open(viewOfHash()));
// A task opened from another view (a session's step) shows in the Tasks view.
document.addEventListener('open-task', event => {
  window.location.hash = '#tasks';
  views.tasks.openTask(event.detail);
});

whoAmI();
open(viewOfHash());
setInterval(() => {
  if (!document.hidden && document.getElementById('auto-refresh').checked) {
    refresh();
  }
}, REFRESH_MS);
