// Building the page from data: every value goes in as text (textContent), never as markup.

/**
 * An element: {@code props} sets properties (className, title, type, disabled, dataset: {...},
 * onclick...), children are nodes or strings (as text nodes); null and false children are skipped.
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (name === 'dataset') {
      Object.assign(node.dataset, value);
    } else {
      node[name] = value;
    }
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) {
      node.append(child instanceof Node ? child : String(child));
    }
  }
  return node;
}

/** Replaces the rows of a table body; an empty list shows {@code empty} across the columns. */
export function fillRows(tbody, rows, empty) {
  if (rows.length === 0) {
    const columns = tbody.closest('table').querySelectorAll('thead th').length;
    tbody.replaceChildren(el('tr', {}, el('td', { colSpan: columns, className: 'muted' }, empty)));
  } else {
    tbody.replaceChildren(...rows);
  }
}

/** Fills a {@code <dl>} with [term, value] pairs (values as text or nodes). */
export function fillFacts(dl, pairs) {
  dl.replaceChildren(...pairs.flatMap(([term, value, key]) => [
    el('dt', {}, term),
    el('dd', key ? { dataset: { key } } : {}, value ?? '—'),
  ]));
}

/** Shows a message in a notice or problem paragraph, or hides it for none. */
export function show(paragraph, message) {
  paragraph.textContent = message || '';
  paragraph.hidden = !message;
}

/** A status as a coloured badge. */
export function badge(status) {
  return el('span', { className: `badge status-${String(status).replace(/[^a-z_]/g, '')}` }, status);
}

export function time(iso) {
  if (!iso) {
    return '—';
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

export function seconds(value) {
  return value === null || value === undefined ? '—' : `${Number(value).toFixed(3)} s`;
}

export function shortId(id) {
  return id ? String(id).slice(0, 8) : '—';
}

export function json(value) {
  return value === null || value === undefined ? '—' : JSON.stringify(value, null, 2);
}
