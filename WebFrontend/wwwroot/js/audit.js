// The monitor page's audit log: newest first, filtered by kind and by who did it, paged with "Older entries".
import { clear, el, formatTime } from './dom.js';
import { errorMessage } from './api.js';

const kinds = {
  '': 'Everything',
  MonitorJoinedRoom: 'Monitor joined a chat',
  AccountCreated: 'Account created',
  RolesChanged: 'Roles changed',
  LockedOut: 'Account locked',
  Unlocked: 'Account unlocked',
  PasswordChanged: 'Password changed',
  SessionsRevoked: 'Sessions ended',
  WorkgroupSaved: 'Workgroup saved',
  WorkgroupDeleted: 'Workgroup deleted',
  CannedResponseSaved: 'Canned response saved',
  CannedResponseDeleted: 'Canned response deleted',
};

/** Fills container with the filter form, the table and the paging button; invoke(method, ...args) calls the hub. */
export function renderAudit(container, invoke) {
  const kind = el('select', { id: 'audit-kind' }, Object.entries(kinds).map(([value, text]) => el('option', { value }, text)));
  const actor = el('input', { id: 'audit-actor', autocomplete: 'off', maxlength: 64 });
  const status = el('p', { role: 'status' });
  const body = el('tbody');
  const older = el('button', { type: 'button', hidden: true }, 'Older entries');
  let next = null;

  async function load(append) {
    status.textContent = '';
    try {
      const page = await invoke('GetAudit', kind.value || null, actor.value.trim() || null, append ? next : null);
      if (!append) clear(body);
      for (const e of page.entries) {
        body.append(el('tr', {},
          el('td', {}, formatTime(e.at)), el('td', {}, e.actor), el('td', {}, kinds[e.action] ?? e.action),
          el('td', {}, e.target), el('td', {}, e.detail)));
      }
      next = page.next;
      older.hidden = !next;
      if (!append && page.entries.length === 0) status.textContent = 'No entries.';
    } catch (error) {
      status.textContent = errorMessage(error);
    }
  }

  older.addEventListener('click', () => load(true));
  const form = el('form', { class: 'audit-filter', 'aria-label': 'Filter the audit log', onsubmit: (e) => { e.preventDefault(); load(false); } },
    el('label', { for: kind.id }, 'Kind'), kind, ' ', el('label', { for: actor.id }, 'By (user name)'), actor, ' ',
    el('button', { type: 'submit' }, 'Show'));
  const table = el('table', { class: 'audit', 'aria-label': 'Audit log' },
    el('thead', {}, el('tr', {}, ['When', 'Who', 'What', 'On', 'Details'].map((h) => el('th', { scope: 'col' }, h)))), body);
  container.replaceChildren(form, el('div', { class: 'table-scroll' }, table), older, status);
  load(false);
  return { refresh: () => load(false) };
}
