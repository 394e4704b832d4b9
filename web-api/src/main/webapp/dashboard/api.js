// The REST API, called with the login session's cookie (same origin, so paths are relative to the page).

/** A refused call: its HTTP status and the problem+json the server answered with, if any. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(describe(status, problem));
    this.status = status;
    this.problem = problem;
  }
}

function describe(status, problem) {
  if (!problem || typeof problem !== 'object') {
    return `${status}: the server gave no explanation`;
  }
  const title = problem.title ? ` ${problem.title}` : '';
  const detail = problem.detail ? `: ${problem.detail}` : '';
  const fields = Array.isArray(problem.errors)
    ? problem.errors.map(e => ` ${e.field}: ${e.message}.`).join('')
    : '';
  return `${status}${title}${detail}${fields}`;
}

/**
 * Calls {@code api/<path>}; resolves with the JSON answer (null for none), rejects with an ApiError.
 * Writes always send Content-Type application/json, which the API requires of same-origin pages.
 */
export async function api(path, { method = 'GET', body } = {}) {
  const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
  if (method !== 'GET') {
    init.headers['Content-Type'] = 'application/json';
    if (body !== undefined) {
      init.body = JSON.stringify(body);
    }
  }
  let response;
  try {
    response = await fetch(`api/${path}`, init);
  } catch (e) {
    throw new ApiError(0, { title: 'No answer', detail: `the server could not be reached (${e.message})` });
  }
  const type = response.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await response.json().catch(() => null) : null;
  if (response.status === 401) {
    // The login session has ended: back to the login page, which comes back here.
    window.location.assign('login');
  }
  if (!response.ok) {
    throw new ApiError(response.status, data);
  }
  return data;
}

/** A query string of the parameters that have a value. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') {
      search.set(name, value);
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
