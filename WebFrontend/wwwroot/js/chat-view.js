// One chat as a panel: the log (role=log), older-history paging, pending sends and the composer.
// Who said what is shown from what the server knows, never from what was typed: a message is a bubble with its
// author's name and, for staff, a role badge taken from the author's role in the room; what the room itself reports
// (joined, left, sent back, ended) is a different element, a system line, so no message text can pass for one.
import { appendMultiline, clear, el, formatTime } from './dom.js';
import { errorMessage } from './api.js';
import { renderNote } from './notes.js';

/** Badges by the author's role in the room (ParticipantRole); users have none. */
const ROLE_BADGES = { Helper: 'Helper', Monitor: 'Monitor' };

export class ChatPanel {
  /**
   * options: core (ChatCore), roomId, label (accessible name), readOnly, me (user name),
   * expandShortcut(text) → replacement text or null (helpers' canned responses), onSent().
   */
  constructor(options) {
    this.o = options;
    this.core = options.core;
    this.roomId = options.roomId;
    this.pendingNodes = new Map();
    this.log = el('ol', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': `Messages: ${options.label}` });
    this.olderButton = el('button', { type: 'button', class: 'link', hidden: true, onclick: () => this.loadOlder() }, 'Show older messages');
    this.input = el('textarea', {
      id: `message-${this.roomId}`, rows: 2, maxlength: 2000, autocomplete: 'off',
      oninput: () => this.saveDraft(),
      onkeydown: (e) => {
        if (e.key === 'Enter' && !e.shiftKey) {
          e.preventDefault();
          this.submit();
        }
      },
    });
    this.error = el('p', { class: 'error', role: 'alert' });
    this.draftStatus = el('span', { class: 'draft-status muted', role: 'status' });
    this.sendButton = el('button', { type: 'submit' }, 'Send');
    this.form = el('form', { class: 'composer', onsubmit: (e) => { e.preventDefault(); this.submit(); } },
      el('label', { for: `message-${this.roomId}` }, 'Message'),
      this.input, this.sendButton, ' ', this.draftStatus, this.error);
    if (options.formatting) {
      this.form.insertBefore(el('div', { class: 'format', role: 'group', 'aria-label': 'Formatting' },
        el('button', { type: 'button', title: 'Bold', 'aria-label': 'Bold', onclick: () => this.wrap('**') }, el('b', {}, 'B')),
        el('button', { type: 'button', title: 'Emphasis', 'aria-label': 'Emphasis', onclick: () => this.wrap('_') }, el('em', {}, 'I'))), this.input);
    }
    this.root = el('div', { class: 'chat-panel' }, this.olderButton, this.log, options.readOnly ? null : this.form);
  }

  wrap(marker) {
    const { selectionStart: a, selectionEnd: b, value } = this.input;
    this.input.value = value.slice(0, a) + marker + value.slice(a, b) + marker + value.slice(b);
    this.input.focus();
  }

  saveDraft() {
    this.draftStatus.textContent = '';
    const text = this.input.value;
    this.core.saveDraft(this.roomId, text, () => {
      if (this.input.value === text && text) this.draftStatus.textContent = 'Draft saved';
    });
  }

  setDraft(text) {
    if (document.activeElement !== this.input && !this.input.value) this.input.value = text ?? '';
  }

  setEnabled(enabled) {
    this.input.disabled = !enabled;
    this.sendButton.disabled = !enabled;
  }

  insert(text) {
    this.input.value = this.input.value ? `${this.input.value} ${text}` : text;
    this.saveDraft();
    this.input.focus();
  }

  async submit() {
    const text = this.input.value.trim();
    this.error.textContent = '';
    if (!text) {
      this.error.textContent = 'Type a message first.';
      return;
    }
    const expanded = this.o.expandShortcut?.(text);
    if (expanded) {
      this.input.value = expanded; // review the canned response, then send it with Enter
      return;
    }
    this.input.value = '';
    this.draftStatus.textContent = '';
    try {
      await this.core.send(this.roomId, text);
      this.o.onSent?.();
    } catch (error) {
      this.error.textContent = errorMessage(error);
    }
  }

  showFirst(first) {
    this.olderButton.hidden = !(first > 1);
  }

  async loadOlder() {
    try {
      const page = await this.core.older(this.roomId);
      const anchor = this.log.firstChild;
      for (const message of page.messages) this.log.insertBefore(this.render(message), anchor);
      this.olderButton.hidden = !page.hasMore;
    } catch (error) {
      this.error.textContent = errorMessage(error);
    }
  }

  add(message) {
    this.log.appendChild(this.render(message));
    this.log.scrollTop = this.log.scrollHeight;
  }

  render(message) {
    if (message.kind === 'Note') return renderNote(message, this.o.me);
    if (message.kind !== 'Text') {
      return el('li', { class: `system kind-${message.kind}`, 'data-seq': message.seq },
        el('span', { class: 'system-mark', 'aria-hidden': 'true' }, 'i'),
        el('span', { class: 'system-text' }, message.text));
    }
    const mine = message.authorId === this.o.me;
    const badge = ROLE_BADGES[message.authorRole];
    return el('li', { class: `msg role-${message.authorRole}${mine ? ' mine' : ''}`, 'data-seq': message.seq },
      el('div', { class: 'meta' },
        el('span', { class: 'author' }, message.authorName),
        badge ? el('span', { class: 'role-badge', title: `${badge} (staff)` }, badge) : null,
        el('time', { datetime: message.sentAt, title: formatTime(message.sentAt) }, new Date(message.sentAt).toLocaleTimeString())),
      appendMultiline(el('div', { class: 'text' }), message.text));
  }

  addPending(pending) {
    if (this.pendingNodes.has(pending.id)) return;
    const node = el('li', { class: 'msg pending mine' },
      el('div', { class: 'meta' }, el('span', { class: 'author' }, 'You'), el('span', { class: 'sending' }, '(sending…)')),
      appendMultiline(el('div', { class: 'text' }), pending.text));
    this.pendingNodes.set(pending.id, node);
    this.log.appendChild(node);
  }

  removePending(id) {
    this.pendingNodes.get(id)?.remove();
    this.pendingNodes.delete(id);
  }

  clearLog() {
    clear(this.log);
    this.pendingNodes.clear();
  }
}
