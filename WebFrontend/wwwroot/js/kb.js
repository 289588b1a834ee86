// Knowledge-base search (GET /api/kb/search): the helper's side panel, with articles suggested from the question before
// anyone types, and the user's question form, which suggests articles while the question is written.
import { clear, el } from './dom.js';

/** The articles for a query: [{ title, summary, url }]. Throws with a readable message when the server refuses. */
export async function searchArticles(query) {
  const response = await fetch(`/api/kb/search?q=${encodeURIComponent(query)}`, { credentials: 'same-origin' });
  if (!response.ok) {
    let message = `The knowledge base did not answer (${response.status}).`;
    try {
      message = (await response.json()).message ?? message;
    } catch {
      // not JSON
    }
    throw new Error(message);
  }
  return (await response.json()).articles ?? [];
}

function articleItem(article, action) {
  return el('li', { class: 'kb-article' },
    el('a', { href: article.url, target: '_blank', rel: 'noopener noreferrer' }, article.title),
    el('span', { class: 'kb-summary' }, article.summary),
    action ?? null);
}

/**
 * The helper's panel: a search box and results, each with "Insert link" (onInsert gets "title: url").
 * It searches for initialQuery at once, so articles for the customer's question are there before the helper types.
 */
export function knowledgePanel({ idPrefix, initialQuery, onInsert }) {
  const input = el('input', { id: `${idPrefix}-q`, type: 'search', maxlength: 300, value: initialQuery ?? '' });
  const status = el('p', { class: 'kb-status', role: 'status' });
  const list = el('ul', { class: 'plain kb-results', 'aria-label': 'Knowledge-base articles' });

  async function run(query) {
    if (!query.trim()) return;
    status.textContent = 'Searching…';
    try {
      const articles = await searchArticles(query);
      clear(list).append(...articles.map((a) => articleItem(a,
        el('button', { type: 'button', 'aria-label': `Insert link: ${a.title}`, onclick: () => onInsert(`${a.title}: ${a.url}`) }, 'Insert link'))));
      status.textContent = articles.length ? '' : 'No articles found.';
    } catch (error) {
      status.textContent = error.message;
    }
  }

  const form = el('form', { class: 'kb-search', role: 'search', onsubmit: (e) => { e.preventDefault(); run(input.value); } },
    el('label', { for: input.id }, 'Search the knowledge base'), input, el('button', { type: 'submit' }, 'Search'));
  run(initialQuery ?? '');
  return el('div', { class: 'kb-panel' }, form, status, list);
}

/** Under the question field: "Articles that may help", refreshed while the question is typed (debounced). */
export function suggestWhileTyping(textarea, container, delayMs = 500) {
  const list = el('ul', { class: 'plain kb-results', 'aria-label': 'Articles that may help' });
  const heading = el('h3', {}, 'Articles that may help');
  container.replaceChildren(heading, list);
  container.hidden = true;
  let timer = 0;
  let asked = '';
  textarea.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const query = textarea.value.trim();
      if (query.length < 4 || query === asked) return;
      asked = query;
      try {
        const articles = await searchArticles(query);
        if (asked !== query) return;
        clear(list).append(...articles.map((a) => articleItem(a)));
        container.hidden = articles.length === 0;
      } catch {
        container.hidden = true;
      }
    }, delayMs);
  });
}
