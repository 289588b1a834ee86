// Helper-only notes: staff write them into the conversation; the room stores them in its log and never gives them to
// the user (not in history, not live), so a user's page never has one to render. Staff see them inline, set apart.
import { appendMultiline, el, formatTime } from './dom.js';
import { errorMessage } from './api.js';
import { newClientMessageId } from './chat-core.js';

/** A note as it appears in the log: a distinct, labelled block (not a message bubble, not a system line). */
export function renderNote(message, me) {
  return el('li', { class: `note${message.authorId === me ? ' mine' : ''}`, 'data-seq': message.seq, 'aria-label': `Note by ${message.authorName}` },
    el('div', { class: 'meta' },
      el('span', { class: 'note-badge' }, 'Note · staff only'),
      el('span', { class: 'author' }, message.authorName),
      el('time', { datetime: message.sentAt, title: formatTime(message.sentAt) }, new Date(message.sentAt).toLocaleTimeString())),
    appendMultiline(el('div', { class: 'text' }), message.text));
}

/**
 * Adds "Add note" beside Send in a chat panel's composer: the text of the message box goes to the room as a note for
 * staff. The same client id is used again if the first try gets no answer, so a note is stored once.
 */
export function addNoteButton(panel, core, roomId) {
  let pending = null;
  const button = el('button', {
    type: 'button', class: 'note-button', title: 'Only helpers and monitors see notes',
    onclick: async () => {
      const text = panel.input.value.trim();
      panel.error.textContent = '';
      if (!text) {
        panel.error.textContent = 'Type the note first.';
        return;
      }
      pending = pending?.text === text ? pending : { id: newClientMessageId(), text };
      try {
        const result = await core.invoke('SendNote', roomId, pending.id, text);
        pending = null;
        if (panel.input.value.trim() === text) panel.input.value = '';
        core.saveDraftNow(roomId, panel.input.value);
        if (core.lastSeq(roomId) < result.seq) core.catchUp(roomId);
      } catch (error) {
        panel.error.textContent = errorMessage(error); // the text stays in the box
      }
    },
  }, 'Add note');
  panel.sendButton.after(' ', button);
  return button;
}
