// The page side of the message path (ARCHITECTURE "The message path"):
// - one SignalR connection with automatic reconnect; on connect, reconnect, focus and load the page
//   asks for its workspace, then for everything after the last seen seq of every open room;
// - a room renders seq == last + 1, ignores seq <= last, and on a gap fetches from `last`;
// - every send carries a UUID made here and stays in localStorage until acknowledged, so a reload,
//   a crash or a lost connection resends it with the same id (the room stores it once).
import { errorCode, errorMessage, sessionEnded } from './api.js';

const signalR = window.signalR;
/** Refusals that pass by themselves: the message is kept and resent. */
const RETRY_LATER = new Set(['unavailable', 'rate-limited']);
const RETRY_DELAY_MS = 2000;
/** How often a repeatable call (one that carries its own id) is made before its "try again later" answer is shown as final. */
const REPEAT_ATTEMPTS = 5;
/** A room's read mark goes to the server at once, then at most this often (the newest seq wins): not one call per message. */
const MARK_READ_EVERY_MS = 2000;
/** Waits between attempts to connect while the server cannot take the connection yet (it is starting, or its silo is away). */
const START_RETRY_MS = [1000, 2000, 5000, 10000, 30000];

export function newClientMessageId() {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export class ChatCore {
  /**
   * handlers: workspace(view), message(roomId, msg), notice(n), connection(state), queueMoved(), serviceStatus(s), rosterChanged(), offlineChanged(),
   * pending(p) / acked(p) for unacknowledged sends, refused(p) for a send the server will never
   * store (its text goes back into the message box), error(text).
   */
  constructor(userName, handlers) {
    this.userName = userName;
    this.h = handlers;
    this.rooms = new Map(); // roomId → { last, first, catching }
    this.pendingKey = `orleanschat.pending.${userName}`;
    this.draftTimers = new Map();
    this.drafts = new Map(); // roomId → the draft the server has (saved or being saved)
    this.readMarks = new Map(); // roomId → { sent, at, timer }
    this.rehydrating = null;
    this.connection = new signalR.HubConnectionBuilder()
      .withUrl('/hub/chat')
      .withAutomaticReconnect([0, 1000, 2000, 5000, 10000, 10000, 30000])
      .configureLogging(signalR.LogLevel.Warning)
      .build();
    this.connection.on('messages', (e) => this.ingest(e.roomId, e.messages));
    this.connection.on('notice', (n) => this.h.notice?.(n));
    this.connection.on('queueMoved', () => this.h.queueMoved?.());
    this.connection.on('serviceStatus', (s) => this.h.serviceStatus?.(s));
    this.connection.on('rosterChanged', () => this.h.rosterChanged?.());
    this.connection.on('offlineChanged', () => this.h.offlineChanged?.());
    // The server closes a connection whose session ended (logout elsewhere, password change, lock) or whose roles
    // changed; a page whose session ended reloads and shows the login, one whose roles changed reconnects with them.
    this.connection.onreconnecting(() => {
      this.h.connection?.('reconnecting');
      this.reloadIfLoggedOut();
    });
    this.connection.onreconnected(() => {
      this.h.connection?.('connected');
      this.rehydrate();
    });
    this.connection.onclose(() => {
      this.h.connection?.('disconnected');
      this.reloadIfLoggedOut();
      if (!this.stopped) setTimeout(() => this.start().catch(() => {}), 5000);
    });
    this.onFocus = () => {
      if (this.connected) this.rehydrate();
    };
    window.addEventListener('focus', this.onFocus);
  }

  /** A page whose login ended (logout elsewhere, password change, lock) reloads into the login instead of retrying. */
  reloadIfLoggedOut() {
    sessionEnded().then((ended) => {
      if (ended && !this.stopped) window.location.reload();
    });
  }

  get connected() {
    return this.connection.state === signalR.HubConnectionState.Connected;
  }

  /**
   * Connects; while the server cannot take the connection yet (a 503 from a frontend that is starting, or no answer) it
   * tries again. A refusal by the hub itself (e.g. too many open connections) is final and thrown.
   */
  async start() {
    this.stopped = false;
    for (let attempt = 0; ; attempt++) {
      try {
        await this.connection.start();
        break;
      } catch (error) {
        if (this.stopped || String(error?.message).includes('HubException')) throw error;
        this.h.connection?.('disconnected');
        this.reloadIfLoggedOut();
        await new Promise((resolve) => setTimeout(resolve, START_RETRY_MS[Math.min(attempt, START_RETRY_MS.length - 1)]));
        if (this.stopped) return; // logged out or left the page meanwhile
      }
    }
    this.h.connection?.('connected');
    await this.rehydrate();
  }

  async stop() {
    this.stopped = true;
    window.removeEventListener('focus', this.onFocus);
    await this.connection.stop();
  }

  invoke(method, ...args) {
    return this.connection.invoke(method, ...args);
  }

  /**
   * A call that is safe to make again (it carries its own id, like an ask): made again RETRY_DELAY_MS after each
   * "unavailable" or "rate-limited" answer, at most REPEAT_ATTEMPTS times in all; `onRetry` hears each such answer.
   */
  async invokeRepeatable(method, args, onRetry) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.invoke(method, ...args);
      } catch (error) {
        if (attempt >= REPEAT_ATTEMPTS || !RETRY_LATER.has(errorCode(error))) throw error;
        onRetry?.(error);
        await new Promise((resolve) => { setTimeout(resolve, RETRY_DELAY_MS); });
      }
    }
  }

  /** Workspace, then catch up every open room, then resend what was never acknowledged. One at a time. */
  rehydrate() {
    if (!this.rehydrating) {
      this.rehydrating = this.doRehydrate().finally(() => {
        this.rehydrating = null;
      });
    }
    return this.rehydrating;
  }

  async doRehydrate() {
    try {
      const view = await this.invoke('GetWorkspace');
      this.h.workspace?.(view);
      this.tellLost(view.workspace.lostRooms ?? []);
      for (const open of view.workspace.openRooms) {
        this.load(open.room.roomId, open.room.tail);
        this.drafts.set(open.room.roomId, open.draft ?? '');
      }
      await Promise.all(view.workspace.openRooms.map((open) => this.catchUp(open.room.roomId)));
      await this.resendPending();
      return view;
    } catch (error) {
      this.h.error?.(errorMessage(error));
      return null;
    }
  }

  /**
   * Says (once per browser) that a chat open here was lost by the server's storage: the workspace lists chats that were
   * open and that the store no longer has, rather than letting them vanish without a word.
   */
  tellLost(roomIds) {
    const key = `orleanschat.lostTold.${this.userName}`;
    let told;
    try {
      told = new Set(JSON.parse(localStorage.getItem(key) ?? '[]'));
    } catch {
      told = new Set();
    }
    const fresh = roomIds.filter((id) => !told.has(id));
    localStorage.setItem(key, JSON.stringify(roomIds));
    if (fresh.length === 0) return;
    this.h.error?.(fresh.length === 1
      ? 'A chat you had open was lost by a storage failure on the server just after it began. If you still need it, please start it again.'
      : `${fresh.length} chats you had open were lost by a storage failure on the server just after they began. If you still need them, please start them again.`);
  }

  /** Starts following a room from a snapshot's tail (the newest messages); older ones page in with GetBefore. */
  load(roomId, tail) {
    let room = this.rooms.get(roomId);
    if (!room) {
      room = { last: 0, first: 0, catching: null };
      this.rooms.set(roomId, room);
      if (tail && tail.length > 0) {
        room.last = tail[0].seq - 1;
        room.first = tail[0].seq;
      }
    }
    this.ingest(roomId, tail ?? []);
    return room;
  }

  forget(roomId) {
    this.rooms.delete(roomId);
    clearTimeout(this.readMarks.get(roomId)?.timer);
    this.readMarks.delete(roomId);
  }

  lastSeq(roomId) {
    return this.rooms.get(roomId)?.last ?? 0;
  }

  /**
   * Renders messages in seq order. A push that skips a seq triggers a catch-up; a page read from the log
   * (`fromLog`) is complete by definition, so a seq missing from it is a hole the store lost: stepped over.
   */
  ingest(roomId, messages, fromLog = false) {
    const room = this.rooms.get(roomId);
    if (!room) return; // not a room this page shows
    const sorted = [...messages].sort((a, b) => a.seq - b.seq);
    for (const message of sorted) {
      if (message.seq <= room.last) continue;
      if (message.seq !== room.last + 1 && !fromLog) {
        this.catchUp(roomId);
        return;
      }
      room.last = message.seq;
      if (room.first === 0) room.first = message.seq;
      this.dropPending(message.clientMessageId, message);
      this.h.message?.(roomId, message);
    }
  }

  /** Everything after the last seq rendered, page by page. */
  catchUp(roomId) {
    const room = this.rooms.get(roomId);
    if (!room) return Promise.resolve();
    if (!room.catching) {
      room.catching = (async () => {
        try {
          let more = true;
          while (more && this.rooms.get(roomId) === room) {
            const page = await this.invoke('GetSince', roomId, room.last);
            if (room.first === 0 && page.messages.length > 0) room.first = page.messages[0].seq;
            this.ingest(roomId, page.messages, true);
            more = page.hasMore && page.messages.length > 0;
          }
        } catch (error) {
          this.h.error?.(errorMessage(error));
        } finally {
          room.catching = null;
        }
      })();
    }
    return room.catching;
  }

  /** The page of older messages before the first one shown; returns them (oldest first) and whether more remain. */
  async older(roomId) {
    const room = this.rooms.get(roomId);
    if (!room || room.first <= 1) return { messages: [], hasMore: false };
    const page = await this.invoke('GetBefore', roomId, room.first);
    if (page.messages.length > 0) room.first = page.messages[0].seq;
    return page;
  }

  // ---- sending --------------------------------------------------------------------------------

  readPending() {
    try {
      return JSON.parse(localStorage.getItem(this.pendingKey) ?? '[]');
    } catch {
      return [];
    }
  }

  writePending(list) {
    localStorage.setItem(this.pendingKey, JSON.stringify(list));
  }

  pendingFor(roomId) {
    return this.readPending().filter((p) => p.roomId === roomId);
  }

  async send(roomId, text) {
    const pending = { roomId, id: newClientMessageId(), text };
    this.writePending([...this.readPending(), pending]);
    this.h.pending?.(pending);
    // A draft not saved yet is simply dropped; one the server holds is cleared.
    clearTimeout(this.draftTimers.get(roomId));
    this.draftTimers.delete(roomId);
    if ((this.drafts.get(roomId) ?? '') !== '') this.saveDraftNow(roomId, '');
    await this.trySend(pending);
  }

  async trySend(pending) {
    if (!this.connected) return; // resent after the reconnect
    try {
      const result = await this.invoke('Send', pending.roomId, pending.id, pending.text);
      this.dropPending(pending.id);
      this.h.acked?.(pending, result);
      if (this.lastSeq(pending.roomId) < result.seq) this.catchUp(pending.roomId);
    } catch (error) {
      const code = errorCode(error);
      if (!code) return; // the connection dropped: resent after the reconnect
      this.h.error?.(errorMessage(error));
      if (RETRY_LATER.has(code)) {
        // too fast, or the cluster is restarting: keep it and resend it with the same id
        setTimeout(() => { if (this.readPending().some((p) => p.id === pending.id)) this.trySend(pending); }, RETRY_DELAY_MS);
        return;
      }
      // refused for good (ended chat, too long, …): hand the text back so nothing typed is lost
      this.dropPending(pending.id);
      this.h.acked?.(pending, null);
      this.h.refused?.(pending);
    }
  }

  async resendPending() {
    for (const pending of this.readPending()) {
      if (this.rooms.has(pending.roomId)) {
        this.h.pending?.(pending);
        await this.trySend(pending);
      } else {
        this.dropPending(pending.id); // the chat is no longer open: nothing to send it to
      }
    }
  }

  dropPending(id, message) {
    const list = this.readPending();
    const rest = list.filter((p) => p.id !== id);
    if (rest.length !== list.length) {
      this.writePending(rest);
      if (message) this.h.acked?.({ id, roomId: null }, message);
    }
  }

  // ---- drafts and read marks --------------------------------------------------------------------

  /** Saves the draft shortly after typing stops; onSaved() once the session stored it. */
  saveDraft(roomId, text, onSaved) {
    clearTimeout(this.draftTimers.get(roomId));
    this.draftTimers.set(roomId, setTimeout(() => this.saveDraftNow(roomId, text, onSaved), 600));
  }

  saveDraftNow(roomId, text, onSaved) {
    clearTimeout(this.draftTimers.get(roomId));
    this.draftTimers.delete(roomId);
    if (!this.connected) return;
    this.drafts.set(roomId, text);
    this.invoke('SaveDraft', roomId, text).then(() => onSaved?.(), () => {});
  }

  /** The newest seq of the room was read: told to the server at once, then at most every MARK_READ_EVERY_MS. */
  markRead(roomId) {
    let mark = this.readMarks.get(roomId);
    if (!mark) {
      mark = { sent: 0, at: 0, timer: null };
      this.readMarks.set(roomId, mark);
    }

    if (mark.timer) return; // a mark is due; it sends the newest seq then
    const wait = mark.at + MARK_READ_EVERY_MS - Date.now();
    if (wait <= 0) {
      this.sendReadMark(roomId, mark);
    } else {
      mark.timer = setTimeout(() => {
        mark.timer = null;
        this.sendReadMark(roomId, mark);
      }, wait);
    }
  }

  sendReadMark(roomId, mark) {
    const seq = this.lastSeq(roomId);
    if (seq <= mark.sent || !this.connected) return;
    mark.sent = seq;
    mark.at = Date.now();
    this.invoke('MarkRead', roomId, seq).catch(() => {
      mark.sent = 0; // sent again with the next mark
    });
  }
}
