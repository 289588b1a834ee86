// Canned responses: a list grouped by category and the form to add or edit one (global set or personal set). Saving
// with a shortcut that exists replaces that response, so "Edit" loads one into the form and "Save response" stores it.
import { clear, el } from './dom.js';
import { errorMessage } from './api.js';

/** Renders a set with "Edit" and "Delete" per response and the form. save(response) and remove(shortcut) return the new set. */
export function renderCannedEditor(container, { label, idPrefix, responses, save, remove }) {
  const list = el('ul', { class: 'plain canned-list', 'aria-label': label });
  const error = el('p', { class: 'error', role: 'alert' });
  const field = (name, text, input) => el('p', {}, el('label', { for: `${idPrefix}-${name}` }, text), input);
  const category = el('input', { id: `${idPrefix}-category`, maxlength: 40 });
  const shortcut = el('input', { id: `${idPrefix}-shortcut`, maxlength: 30, placeholder: 'greet' });
  const title = el('input', { id: `${idPrefix}-title`, maxlength: 200 });
  const text = el('textarea', { id: `${idPrefix}-text`, rows: 2, maxlength: 2000 });

  function draw(items) {
    clear(list);
    for (const r of items) {
      list.appendChild(el('li', {},
        el('strong', {}, r.category), ' · ', el('code', {}, `/${r.shortcut}`), ' ', r.title, ': ', el('span', { class: 'canned-text' }, r.text), ' ',
        el('button', {
          type: 'button', class: 'secondary', 'aria-label': `Edit /${r.shortcut}`,
          onclick: () => {
            category.value = r.category;
            shortcut.value = r.shortcut;
            title.value = r.title;
            text.value = r.text;
            error.textContent = '';
            text.focus();
          },
        }, 'Edit'), ' ',
        el('button', {
          type: 'button', class: 'danger', 'aria-label': `Delete /${r.shortcut}`,
          onclick: async () => {
            try {
              draw(await remove(r.shortcut));
            } catch (err) {
              error.textContent = errorMessage(err);
            }
          },
        }, 'Delete')));
    }
  }

  const form = el('form', {
    'aria-label': `Add to ${label}`,
    onsubmit: async (e) => {
      e.preventDefault();
      error.textContent = '';
      try {
        draw(await save({ category: category.value, shortcut: shortcut.value, title: title.value, text: text.value }));
        for (const input of [category, shortcut, title, text]) input.value = '';
      } catch (err) {
        error.textContent = errorMessage(err);
      }
    },
  },
  field('category', 'Category', category), field('shortcut', 'Shortcut', shortcut), field('title', 'Title', title), field('text', 'Text', text),
  el('button', { type: 'submit' }, 'Save response'), error);
  container.replaceChildren(list, form);
  draw(responses);
  return { draw };
}
