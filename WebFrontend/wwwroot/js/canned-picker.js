// The canned-response picker of a chat's composer: "/" at the start of an empty message box (or Alt+C) opens a filter
// box over a list grouped by category; ↑/↓ move, Enter inserts the response into the message box, Escape closes.
import { el } from './dom.js';

let counter = 0;

/**
 * Attaches a picker to a ChatPanel. responses() returns [{ category, shortcut, title, text, mine }].
 * Returns { open(), onKey(e) }: onKey is the panel's key hook (true when it took the key).
 */
export function cannedPicker(panel, responses) {
  const id = `picker-${++counter}`;
  const filter = el('input', {
    id: `${id}-filter`, type: 'text', autocomplete: 'off', role: 'combobox', 'aria-expanded': 'true',
    'aria-controls': `${id}-list`, 'aria-autocomplete': 'list', 'aria-label': 'Find a canned response',
    placeholder: 'Type to filter, ↑ ↓ to choose, Enter to insert',
  });
  const list = el('ul', { id: `${id}-list`, role: 'listbox', 'aria-label': 'Canned responses' });
  const empty = el('p', { class: 'muted', role: 'status' });
  const box = el('div', { class: 'picker', hidden: true }, filter, list, empty);
  panel.form.insertBefore(box, panel.form.firstChild);
  let shown = [];
  let active = 0;

  function draw() {
    const words = filter.value.trim().toLowerCase().replace(/^\//, '').split(/\s+/).filter(Boolean);
    const all = responses();
    shown = all.filter((r) => words.every((w) => `${r.shortcut} ${r.title} ${r.category} ${r.text}`.toLowerCase().includes(w)));
    active = Math.min(active, Math.max(0, shown.length - 1));
    const byCategory = new Map();
    shown.forEach((r, i) => {
      if (!byCategory.has(r.category)) byCategory.set(r.category, []);
      byCategory.get(r.category).push([r, i]);
    });
    list.replaceChildren(...[...byCategory.entries()].map(([category, items], g) => el('li', { role: 'presentation' },
      el('ul', { role: 'group', 'aria-labelledby': `${id}-g${g}`, class: 'plain' },
        el('span', { id: `${id}-g${g}`, role: 'presentation' }, category),
        items.map(([r, i]) => el('li', {
          role: 'option', id: `${id}-o${i}`, 'aria-selected': String(i === active),
          onmousedown: (e) => e.preventDefault(), onclick: () => choose(i),
        }, r.title, ' ', el('code', {}, `/${r.shortcut}`), r.mine ? ' (mine)' : ''))))));
    if (shown.length) filter.setAttribute('aria-activedescendant', `${id}-o${active}`);
    else filter.removeAttribute('aria-activedescendant');
    empty.textContent = all.length === 0 ? 'No canned responses yet: add your own under "My canned responses".'
      : shown.length === 0 ? 'No canned response matches.' : '';
    list.querySelector('[aria-selected=true]')?.scrollIntoView({ block: 'nearest' });
  }

  function close() {
    box.hidden = true;
    panel.focus();
  }

  function choose(i) {
    const r = shown[i];
    if (!r) return;
    close();
    panel.insert(r.text);
  }

  filter.addEventListener('input', () => { active = 0; draw(); });
  filter.addEventListener('blur', () => { setTimeout(() => { if (!box.contains(document.activeElement)) box.hidden = true; }, 0); });
  filter.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (shown.length) active = (active + (e.key === 'ArrowDown' ? 1 : shown.length - 1)) % shown.length;
      draw();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      choose(active);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close();
    }
  });

  function open() {
    if (panel.input.disabled) return;
    filter.value = '';
    active = 0;
    box.hidden = false;
    draw();
    filter.focus();
  }

  return {
    open,
    onKey(e) {
      if (e.key === '/' && !e.ctrlKey && !e.altKey && panel.input.value === '') {
        e.preventDefault();
        open();
        return true;
      }
      return false;
    },
  };
}
