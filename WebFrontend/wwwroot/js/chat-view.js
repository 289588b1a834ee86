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
   * expandShortcut(text) → replacement text or null (helpers' canned responses; an unknown /shortcut is never sent),
   * onKey(e) → true when it handled the key (the canned picker), onSent().
   */
  constructor(options) {
    this.o = options;
    this.core = options.core;
    this.roomId = options.roomId;
    this.pendingNodes = new Map();
    // The log region scrolls; the messages are a list inside it (a list item must sit in a list, not in a log).
    this.list = el('ol', { class: 'messages' });
    this.log = el('div', { class: 'log', role: 'log', tabindex: 0, 'aria-live': 'polite', 'aria-label': `Messages: ${options.label}` }, this.list);
    this.olderButton = el('button', { type: 'button', class: 'link', hidden: true, onclick: () => this.loadOlder() }, 'Show older messages');
    this.input = el('textarea', {
      id: `message-${this.roomId}`, rows: 2, maxlength: 2000, autocomplete: 'off',
      oninput: () => this.saveDraft(),
      onkeydown: (e) => this.onKey(e),
    });
    this.error = el('p', { class: 'error', role: 'alert' });
    this.draftStatus = el('span', { class: 'draft-status muted', role: 'status' });
    this.sendButton = el('button', { type: 'submit' }, 'Send');
    this.form = el('form', { class: 'composer', onsubmit: (e) => { e.preventDefault(); this.submit(); } },
      el('label', { for: `message-${this.roomId}` }, 'Message'),
      this.input, this.sendButton, ' ', this.draftStatus, this.error);
    this.form.insertBefore(el('div', { class: 'format', role: 'group', 'aria-label': 'Formatting' },
      el('button', { type: 'button', title: 'Bold (Ctrl+B)', 'aria-label': 'Bold', 'aria-keyshortcuts': 'Control+B', onclick: () => this.wrap('**') }, el('b', {}, 'B')),
      el('button', { type: 'button', title: 'Italic (Ctrl+I)', 'aria-label': 'Italic', 'aria-keyshortcuts': 'Control+I', onclick: () => this.wrap('_') }, el('em', {}, 'I'))), this.input);
    this.root = el('div', { class: 'chat-panel' }, this.olderButton, this.log, options.readOnly ? null : this.form);
  }

  /** Enter sends, Shift+Enter is a new line, Ctrl+B / Ctrl+I format; options.onKey(e) sees every key first (the canned picker). */
  onKey(e) {
    if (this.o.onKey?.(e)) return;
    const key = e.key.toLowerCase();
    if ((e.ctrlKey || e.metaKey) && !e.altKey && (key === 'b' || key === 'i')) {
      e.preventDefault();
      this.wrap(key === 'b' ? '**' : '_');
    } else if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      this.submit();
    }
  }

  /**
   * Wraps the selection in the marker, or the word at the caret when nothing is selected (the renderer's **bold** and
   * _italic_). With neither, nothing is inserted: a hint says what to do instead of leaving empty markers behind.
   */
  wrap(marker) {
    const { value } = this.input;
    let { selectionStart: a, selectionEnd: b } = this.input;
    if (a === b) {
      while (a > 0 && /\S/.test(value[a - 1])) a--;
      while (b < value.length && /\S/.test(value[b])) b++;
    }
    const inner = value.slice(a, b);
    const lead = inner.length - inner.trimStart().length;
    const trail = inner.length - inner.trimEnd().length;
    a += lead;
    b -= trail;
    this.input.focus();
    if (a >= b) {
      this.error.textContent = 'Select some text or put the cursor in a word first.';
      return;
    }
    this.error.textContent = '';
    this.input.value = value.slice(0, a) + marker + value.slice(a, b) + marker + value.slice(b);
    this.input.setSelectionRange(a + marker.length, b + marker.length);
    this.saveDraft();
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
    for (const button of this.form.querySelectorAll('.format button')) button.disabled = !enabled;
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
    if (this.o.expandShortcut && /^\/[A-Za-z0-9-]+$/.test(text)) {
      const expanded = this.o.expandShortcut(text);
      if (expanded) {
        this.input.value = expanded; // review the canned response, then send it with Enter
      } else {
        this.error.textContent = `There is no canned response ${text}; nothing was sent. Press Alt+C to pick one.`;
      }
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
      const anchor = this.list.firstChild;
      for (const message of page.messages) this.list.insertBefore(this.render(message), anchor);
      this.olderButton.hidden = !page.hasMore;
    } catch (error) {
      this.error.textContent = errorMessage(error);
    }
  }

  /** A new message scrolls into view unless the reader scrolled up to read older ones. */
  add(message) {
    const atBottom = this.log.scrollHeight - this.log.scrollTop - this.log.clientHeight < 40;
    this.list.appendChild(this.render(message));
    if (atBottom || message.authorId === this.o.me) this.scrollToNewest();
  }

  scrollToNewest() {
    this.log.scrollTop = this.log.scrollHeight;
  }

  focus() {
    this.input.focus();
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
    this.list.appendChild(node);
  }

  removePending(id) {
    this.pendingNodes.get(id)?.remove();
    this.pendingNodes.delete(id);
  }

  clearLog() {
    clear(this.list);
    this.pendingNodes.clear();
  }
}
