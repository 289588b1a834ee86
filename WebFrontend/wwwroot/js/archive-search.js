// Archive search in the helper console: words of the question and conversation, user, helper (monitors), dates.
// Helpers find the chats they took part in, monitors every chat (the server decides). Results open read-only.
import { el, formatTime, show } from './dom.js';
import * as api from './api.js';

const $ = (id) => document.getElementById(id);

/** A date input's day as the start of that day in the browser's time zone (ISO), or null when empty. */
function dayStart(input, addDays = 0) {
  if (!input.value) return null;
  const day = new Date(`${input.value}T00:00`);
  day.setDate(day.getDate() + addDays);
  return day.toISOString();
}

/**
 * options: core, isMonitor, openTranscript(roomId). The form #archive-search shows its results in #archive-results
 * instead of the list of the helper's own ended chats (#archive), until "Clear".
 */
export function initArchiveSearch({ core, isMonitor, openTranscript }) {
  const form = $('archive-search');
  const results = $('archive-results');
  const status = $('archive-search-status');
  const more = $('archive-more');
  let query = null;
  let next = null;
  show($('archive-helper-field'), isMonitor);

  const render = (hits, append) => {
    if (!append) results.replaceChildren();
    for (const hit of hits) {
      const stars = hit.stars ? ` · rated ${hit.stars}/5` : '';
      const staff = hit.staffNames.length ? ` · ${hit.staffNames.join(', ')}` : '';
      results.append(el('li', {},
        el('span', {}, `${hit.nickname}: ${hit.question}`),
        el('span', { class: 'when' }, ` — ended ${formatTime(hit.endedAt)}${staff} · ${hit.messages} messages${stars}`), ' ',
        el('button', { type: 'button', 'aria-label': `Open transcript: ${hit.nickname}`, onclick: () => openTranscript(hit.roomId) }, 'Open transcript')));
    }
  };

  const run = async (append) => {
    status.textContent = 'Searching…';
    try {
      const page = await core.invoke('SearchArchive', { ...query, before: append ? next : null });
      next = page.next;
      render(page.hits, append);
      const shown = results.children.length;
      status.textContent = shown === 0 ? 'No archived chat matches.' : `${shown} chat${shown === 1 ? '' : 's'} found${next ? ' (newest first; more below)' : ''}.`;
      show(more, Boolean(next));
    } catch (error) {
      status.textContent = api.errorMessage(error);
    }
  };

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    query = {
      words: $('archive-words').value.trim() || null,
      user: $('archive-user').value.trim() || null,
      helper: isMonitor ? ($('archive-helper').value.trim() || null) : null,
      from: dayStart($('archive-from')),
      to: dayStart($('archive-to'), 1), // the whole last day
      pageSize: 20,
    };
    show(results, true);
    show($('archive'), false);
    run(false);
  });
  more.addEventListener('click', () => run(true));
  $('archive-clear').addEventListener('click', () => {
    form.reset();
    query = null;
    next = null;
    results.replaceChildren();
    status.textContent = '';
    show(results, false);
    show(more, false);
    show($('archive'), true);
  });
}
