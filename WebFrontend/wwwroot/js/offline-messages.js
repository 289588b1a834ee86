// Offline messages: a user leaves a question while live chat is closed; staff see the open ones (pushed) and open a
// chat from one when its user is online. The server decides who may do what; this only shows it.
import { el, formatTime, show } from './dom.js';
import * as api from './api.js';

const $ = (id) => document.getElementById(id);

/** The user: leaves the form's question as a message (the server refuses it with a clear error when chat is open). */
export async function leaveMessage(core, form) {
  await core.invoke('LeaveOfflineMessage', form);
  await showMyMessages(core);
}

/** The user: their open messages under the form, each with "Withdraw". */
export async function showMyMessages(core) {
  const list = $('offline-mine-list');
  if (!list) return;
  try {
    const mine = await core.invoke('GetMyOfflineMessages');
    list.replaceChildren(...mine.map((m) => el('li', {},
      el('span', {}, m.form.question), el('span', { class: 'when' }, ` — left ${formatTime(m.leftAt)}`), ' ',
      el('button', {
        type: 'button', class: 'secondary', 'aria-label': `Withdraw: ${m.form.question}`,
        onclick: async () => {
          try {
            await core.invoke('WithdrawOfflineMessage', m.id);
          } catch (error) {
            $('ask-error').textContent = api.errorMessage(error);
          }
          showMyMessages(core);
        },
      }, 'Withdraw'))));
    show($('offline-mine'), mine.length > 0);
  } catch (error) {
    $('ask-error').textContent = api.errorMessage(error);
  }
}

/**
 * Staff (helper console): the open offline messages in #offline-list, read again whenever the server says they or who is
 * online changed. options: core, openChat(snapshot) to show the new chat, setError(text).
 */
export function offlinePanel({ core, openChat, setError }) {
  const list = $('offline-list');
  const refresh = async () => {
    try {
      const open = await core.invoke('GetOfflineMessages');
      $('offline-count').textContent = open.length ? ` (${open.length})` : '';
      list.replaceChildren(...open.map((m) => el('li', { class: 'offline-message' },
        el('strong', {}, m.form.nickname), ': ', el('span', {}, m.form.question),
        el('span', { class: 'when' }, ` — left ${formatTime(m.leftAt)} · ${m.form.browserVersion} · ${m.form.osVersion}`), ' ',
        el('span', { class: m.userOnline ? 'presence online' : 'presence' }, m.userOnline ? 'online now' : 'not online'), ' ',
        el('button', {
          type: 'button', disabled: !m.userOnline, 'aria-label': `Open chat with ${m.form.nickname}`,
          title: m.userOnline ? '' : 'The user is not online; the button turns on when they are back.',
          onclick: async () => {
            try {
              const snapshot = await core.invoke('OpenChatFromOfflineMessage', m.id);
              setError('');
              openChat(snapshot);
            } catch (error) {
              setError(api.errorMessage(error));
            }
            refresh();
          },
        }, 'Open chat'))));
      if (open.length === 0) list.append(el('li', {}, 'No offline messages.'));
    } catch (error) {
      setError(api.errorMessage(error));
    }
  };
  refresh();
  return refresh;
}
