// The user page: u.1 login, u.2 question form, u.3 waiting, u.4 chat, u.5 sent back, u.6 end, u.7 previous chats.
import { signIn } from './login.js';
import { ChatCore, newClientMessageId } from './chat-core.js';
import { ChatPanel } from './chat-view.js';
import { clear, el, formatDuration, formatTime, show } from './dom.js';
import { suggestWhileTyping } from './kb.js';
import { alertPerson, away, renderAlertControls } from './alerts.js';
import { confirmAction } from './confirm.js';
import { askForRating, setUpRating } from './rating.js';
import * as api from './api.js';
import { attachTyping } from './typing.js';
import { attachReceipts, seedReadMarks } from './receipts.js';
import { leaveMessage, showMyMessages } from './offline-messages.js';

const $ = (id) => document.getElementById(id);
const statusText = {
  Open: 'Live chat is open: ask your question below.',
  Busy: 'All helpers are busy: you can still ask, and you will wait in the queue.',
  Closed: 'Live chat is closed: no helper is available right now. Leave your question as a message and a helper will open a chat with you when you are online.',
};

let core;
let account;
let current = null; // { roomId, status }
let serviceStatus = null;
let panel = null;

function setConnection(state) {
  $('connection').textContent = state === 'connected' ? '' : state === 'reconnecting' ? 'Reconnecting…' : 'Disconnected. Retrying…';
}

function prefill() {
  const ua = navigator.userAgent;
  const browser = ua.match(/(Firefox|Edg|Chrome|Chromium|Safari)\/[\d.]+/);
  const os = ua.match(/\(([^)]+)\)/);
  if (!$('browser').value) $('browser').value = browser ? browser[0].replace('/', ' ') : ua;
  if (!$('os').value) $('os').value = os ? os[1] : navigator.platform;
}

/** Reads live chat's status; the server then pushes every change to this connection (showServiceStatus). */
async function refreshStatus() {
  try {
    showServiceStatus(await core.invoke('GetServiceStatus'));
  } catch (error) {
    $('service-status').textContent = api.errorMessage(error);
  }
}

/** Open or busy: the form starts a chat; closed: the same form leaves a message (offline-messages.js). */
function showServiceStatus(status) {
  $('service-status').textContent = statusText[status] ?? status;
  $('service-status').dataset.status = status;
  serviceStatus = status;
  $('ask-submit').textContent = status === 'Closed' ? 'Leave a message' : 'Start chat';
}

function showView(view) {
  show($('ask'), view === 'ask');
  show($('waiting'), view === 'waiting');
  show($('chat'), view === 'waiting' || view === 'chat');
  if (view === 'ask') {
    prefill();
    refreshStatus();
    showMyMessages(core);
  }
}

function openRoom(roomId, status, tail, draft, lastSeq) {
  if (!current || current.roomId !== roomId) {
    if (current) core.forget(current.roomId);
    current = { roomId, status, loadedSeq: lastSeq ?? 0 };
    panel = new ChatPanel({ core, roomId, label: 'your chat', me: account.userName });
    $('chat-panel').replaceChildren(panel.root);
    attachTyping(core, panel, roomId, account.userName);
    attachReceipts(core, panel, roomId, account.userName, false);
    core.load(roomId, tail);
    panel.showFirst(core.rooms.get(roomId)?.first ?? 0);
    for (const pending of core.pendingFor(roomId)) panel.addPending(pending);
  }
  if (draft) panel.setDraft(draft);
  setStatus(status);
}

function setStatus(status) {
  if (!current) return;
  current.status = status;
  show($('ended'), false);
  show($('end'), true);
  if (status === 'Queued') {
    showView('waiting');
    $('chat-state').textContent = 'You can already describe your problem here; the helper will read it.';
    refreshPosition();
  } else if (status === 'Active') {
    $('requeued').textContent = '';
    showView('chat');
    $('chat-state').textContent = 'A helper is with you.';
  }
  panel?.setEnabled(status === 'Queued' || status === 'Active');
}

/** The chat ended: its transcript stays on screen, read-only, with the forum follow-up and a way to ask again. */
async function endRoom(text) {
  if (!current || current.status === 'Ended') return;
  const roomId = current.roomId;
  current.status = 'Ended';
  panel?.setEnabled(false);
  show($('ask'), false);
  show($('waiting'), false);
  show($('chat'), true);
  show($('end'), false);
  show($('ended'), true);
  $('chat-state').textContent = text || 'This chat has ended.';
  askForRating(roomId);
  loadPrevious();
  try {
    const response = await fetch(`/api/forum-link?roomId=${encodeURIComponent(roomId)}`, { credentials: 'same-origin' });
    if (response.ok) $('forum-link').href = (await response.json()).url;
  } catch {
    // the link stays without an address; the transcript is still on screen
  }
}

function closeRoom(text) {
  show($('ended'), false);
  show($('end'), true);
  if (current) core.forget(current.roomId);
  current = null;
  panel = null;
  $('chat-panel').replaceChildren();
  showView('ask');
  $('ask-error').textContent = '';
  $('ask-notice').textContent = text ?? '';
  loadPrevious();
}

async function refreshPosition() {
  if (!current || current.status !== 'Queued') return;
  try {
    const status = await core.invoke('GetQueuePosition', current.roomId);
    showPosition(status.position, status.estimatedWaitSeconds);
  } catch (error) {
    $('position').textContent = api.errorMessage(error);
  }
}

function showPosition(position, waitSeconds) {
  $('position').textContent = position > 0
    ? `You are number ${position} in the queue. Estimated wait: ${formatDuration(waitSeconds ?? 0)}.`
    : 'A helper is about to join.';
}

async function loadPrevious() {
  try {
    const chats = await core.invoke('GetPreviousChats', 0);
    renderPrevious(chats);
  } catch (error) {
    $('previous-empty').textContent = api.errorMessage(error);
  }
}

function renderPrevious(chats) {
  const list = clear($('previous-list'));
  show($('previous'), true);
  const mine = chats.filter((c) => c.role === 'User');
  show($('previous-empty'), mine.length === 0);
  for (const chat of mine) {
    const item = el('li', { class: 'previous-chat' },
      el('span', { class: 'question' }, chat.question),
      el('span', { class: 'when' }, ` — ${formatTime(chat.createdAt)}`), ' ',
      el('button', {
        type: 'button', 'aria-label': `Continue: ${chat.question}`,
        onclick: async () => {
          try {
            const snapshot = await core.invoke('ContinueChat', chat.roomId);
            openRoom(snapshot.roomId, snapshot.status, snapshot.tail, '', snapshot.lastSeq);
            await core.catchUp(snapshot.roomId);
            loadPrevious();
          } catch (error) {
            item.appendChild(el('span', { class: 'error', role: 'alert' }, ` ${api.errorMessage(error)}`));
          }
        },
      }, 'Continue'));
    list.appendChild(item);
  }
}

function onWorkspace(view) {
  $('page-error').textContent = ''; // what failed before this rehydration no longer holds
  const mine = view.workspace.openRooms.filter((r) => r.role === 'User');
  const open = mine[mine.length - 1];
  if (open) {
    seedReadMarks(open.room);
    openRoom(open.room.roomId, open.room.status, open.room.tail, open.draft, open.room.lastSeq);
  } else if (current && current.status !== 'Ended') {
    closeRoom($('ask-notice').textContent);
  } else {
    showView('ask');
  }
  renderPrevious(view.workspace.previousChats);
}

function onMessage(roomId, message) {
  if (!current || roomId !== current.roomId) return;
  panel.add(message);
  if (message.seq <= current.loadedSeq) return; // history: the snapshot's status already counts it
  if (message.kind === 'Text' && message.authorId !== account.userName && away()) alertPerson('message', `New message from ${message.authorName}`, message.text);
  if (message.kind === 'Joined' && message.authorRole === 'Helper') setStatus('Active');
  else if (message.kind === 'SentBackToQueue' || message.kind === 'Queued') setStatus('Queued');
  else if (message.kind === 'Ended') endRoom(message.text);
  else if (message.kind === 'Left' && message.authorRole === 'User') closeRoom(message.text);
  if (document.hasFocus()) core.markRead(roomId);
}

function onNotice(notice) {
  if ((!current || current.status === 'Ended') && notice.kind === 'ChatAssigned' && notice.roomId !== current?.roomId) {
    // A helper opened a chat from the message this user left: the workspace now holds it.
    alertPerson('message', 'A helper is here to help you', notice.text);
    core.rehydrate();
    showMyMessages(core);
    return;
  }
  if (!current || notice.roomId !== current.roomId) return;
  switch (notice.kind) {
    case 'QueuePosition':
      if (current.status === 'Queued') showPosition(notice.position, notice.estimatedWaitSeconds);
      break;
    case 'SentBackToQueue':
      setStatus('Queued');
      $('requeued').textContent = `${notice.text} You are number ${notice.position} in the queue.`;
      showPosition(notice.position, notice.estimatedWaitSeconds);
      break;
    case 'ChatAssigned':
      setStatus('Active');
      break;
    case 'ChatEnded':
      endRoom(notice.text);
      break;
    default:
      break;
  }
  core.catchUp(current.roomId);
}

function validate() {
  const errors = {
    question: $('question').value.trim() ? '' : 'Please describe your question.',
    nickname: $('nickname').value.trim() ? '' : 'Please choose a nickname.',
    browser: $('browser').value.trim() ? '' : 'Please give your browser version.',
    os: $('os').value.trim() ? '' : 'Please give your operating system version.',
    kb: document.querySelector('input[name=kb]:checked') ? '' : 'Please answer yes or no.',
  };
  for (const [field, message] of Object.entries(errors)) {
    $(`${field}-error`).textContent = message;
    const input = field === 'kb' ? null : $(field);
    if (input) input.setAttribute('aria-invalid', message ? 'true' : 'false');
  }
  return Object.values(errors).every((m) => !m);
}

async function ask(e) {
  e.preventDefault();
  $('ask-error').textContent = '';
  $('ask-notice').textContent = '';
  if (!validate()) return;
  const form = {
    question: $('question').value.trim(),
    nickname: $('nickname').value.trim(),
    addOns: $('addons').value.trim(),
    browserVersion: $('browser').value.trim(),
    osVersion: $('os').value.trim(),
    searchedKnowledgeBase: document.querySelector('input[name=kb]:checked').value === 'yes',
  };
  try {
    if (serviceStatus === 'Closed') {
      await leaveMessage(core, form);
      $('question').value = '';
      $('ask-notice').textContent = 'Thank you: your message was left. A helper will open a chat with you when you are online here.';
      return;
    }
    // One id per question, sent with each retry: an ask whose answer was lost opens the same chat, never a second one.
    const question = { ...form, askId: newClientMessageId() };
    const snapshot = await core.invokeRepeatable('AskQuestion', [question], (error) => {
      $('ask-notice').textContent = api.errorMessage(error);
    });
    $('ask-notice').textContent = '';
    $('question').value = '';
    openRoom(snapshot.roomId, snapshot.status, snapshot.tail, '', snapshot.lastSeq);
  } catch (error) {
    $('ask-error').textContent = api.errorMessage(error);
    refreshStatus();
  }
}

async function main() {
  account = await signIn({ title: 'Log in to get live help', allowRegister: true, beforeLogout: () => core?.stop() });
  for (const id of ['question', 'nickname', 'browser', 'os']) {
    $(id).addEventListener('blur', () => { if ($(`${id}-error`).textContent) validate(); });
  }
  $('ask-form').addEventListener('submit', ask);
  $('new-question').addEventListener('click', () => closeRoom(''));
  suggestWhileTyping($('question'), $('kb-suggestions'));
  renderAlertControls($('alert-controls'));
  $('leave').addEventListener('click', async () => {
    const sure = await confirmAction({ title: 'Leave the queue?', text: 'You lose your place in the queue; your question is kept under "Previous chats".', action: 'Leave queue' });
    if (!sure || !current) return;
    try {
      await core.invoke('LeaveQueue', current.roomId);
      closeRoom('You left the queue.');
    } catch (error) {
      $('position').textContent = api.errorMessage(error);
    }
  });
  $('end').addEventListener('click', async () => {
    const sure = await confirmAction({ title: 'End this chat?', text: 'The chat ends for you and the helper. You keep the transcript.', action: 'End chat' });
    if (!sure || !current) return;
    try {
      await core.invoke('EndChat', current.roomId);
      $('chat-error').textContent = '';
      endRoom('You ended the chat.');
    } catch (error) {
      $('chat-error').textContent = api.errorMessage(error);
    }
  });
  core = new ChatCore(account.userName, {
    workspace: onWorkspace,
    message: onMessage,
    notice: onNotice,
    queueMoved: refreshPosition,
    serviceStatus: showServiceStatus,
    connection: setConnection,
    pending: (p) => { if (current && p.roomId === current.roomId) panel.addPending(p); },
    acked: (p) => panel?.removePending(p.id),
    refused: (p) => { if (current && p.roomId === current.roomId) panel.insert(p.text); },
    // Next to the chat while it shows; otherwise (a chat lost while away, seen from the form) at the top of the page.
    error: (text) => { $($('chat').hidden ? 'page-error' : 'chat-error').textContent = text; },
  });
  setUpRating(core);
  await core.start();
}

main().catch((error) => {
  $('connection').textContent = api.errorMessage(error);
});
