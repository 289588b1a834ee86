// The helper console: availability, roster, offers with a live countdown, one tab per chat with its
// details, canned responses (click or /shortcut), invitations of helpers and workgroups, archived chats.
import { signIn } from './login.js';
import { ChatCore } from './chat-core.js';
import { ChatPanel } from './chat-view.js';
import { renderCannedEditor } from './canned.js';
import { knowledgePanel } from './kb.js';
import { beep, clear, el, formatTime, show } from './dom.js';
import * as api from './api.js';
import { addNoteButton } from './notes.js';
import { attachTyping } from './typing.js';
import { attachReceipts, seedReadMarks } from './receipts.js';
import { initTransfers, transferControls } from './transfer.js';

const $ = (id) => document.getElementById(id);
let core;
let account;
const chats = new Map(); // roomId → chat
const offers = new Map(); // roomId → { node, timer }
let selected = null;
let canned = { global: [], personal: [] };
let staff = [];
let workgroups = [];

function setError(text) {
  $('error').textContent = text ?? '';
}

// ---- availability and roster ---------------------------------------------------------------------

function showHelperStatus(status) {
  if (!status) return;
  $('available').value = String(status.available);
  $('capacity').value = status.capacity;
  $('availability-status').textContent = status.available
    ? `Available for up to ${status.capacity} chats.`
    : 'Away: no new chats are offered to you.';
}

async function refreshRoster() {
  try {
    const [people, staffList, groups] = await Promise.all([core.invoke('GetRoster'), core.invoke('GetStaff'), core.invoke('GetWorkgroups')]);
    const isStaff = (p) => /Helper|Monitor/.test(p.roles);
    const line = (p) => el('li', {}, p.displayName, p.userId === account.userName ? ' (you)' : '', /Monitor/.test(p.roles) ? ' · monitor' : '');
    $('roster-helpers').replaceChildren(...people.filter(isStaff).map(line));
    $('roster-users').replaceChildren(...people.filter((p) => !isStaff(p)).map(line));
    staff = staffList.filter((s) => s.userName !== account.userName && /Helper|Monitor/.test(s.roles));
    workgroups = groups;
    for (const chat of chats.values()) fillInviteLists(chat);
  } catch (error) {
    setError(api.errorMessage(error));
  }
}

// ---- offers and invitations ------------------------------------------------------------------------

function removeOffer(roomId) {
  const offer = offers.get(roomId);
  if (!offer) return;
  clearInterval(offer.timer);
  offer.node.remove();
  offers.delete(roomId);
}

function renderOffer(notice) {
  removeOffer(notice.roomId);
  const invitation = notice.kind === 'Invitation';
  const timerText = el('p', { role: 'timer', 'aria-live': 'off' });
  const node = el('section', { class: 'offer', role: 'region', 'aria-label': `${invitation ? 'Invitation' : 'Chat offer'}: ${notice.nickname ?? ''}` },
    el('h3', {}, invitation ? `Invitation to the chat with ${notice.nickname ?? ''}` : `New chat: ${notice.nickname ?? ''}`),
    invitation ? el('p', {}, notice.text) : null,
    el('p', { class: 'question' }, notice.question ?? ''),
    notice.deadline ? timerText : null,
    el('button', { type: 'button', onclick: () => (invitation ? join(notice.roomId) : accept(notice.roomId)) }, invitation ? 'Join' : 'Accept'), ' ',
    el('button', { type: 'button', onclick: () => (invitation ? removeOffer(notice.roomId) : decline(notice.roomId)) }, invitation ? 'Dismiss' : 'Decline'));
  let timer = null;
  if (notice.deadline) {
    const deadline = new Date(notice.deadline).getTime();
    const tick = () => {
      const left = Math.ceil((deadline - Date.now()) / 1000);
      timerText.textContent = left > 0 ? `Expires in ${left} s` : 'Expired';
      if (left <= -2) removeOffer(notice.roomId);
    };
    tick();
    timer = setInterval(tick, 500);
  }
  offers.set(notice.roomId, { node, timer });
  $('offers').appendChild(node);
  beep();
}

/** Takes an offered chat (AcceptOffer) or an invitation (JoinRoom) and opens it in a tab. */
async function enter(method, roomId) {
  try {
    const snapshot = await core.invoke(method, roomId);
    removeOffer(roomId);
    openChat(snapshot, { select: true });
    await core.catchUp(roomId);
  } catch (error) {
    removeOffer(roomId);
    setError(api.errorMessage(error));
  }
}

const accept = (roomId) => enter('AcceptOffer', roomId);

async function decline(roomId) {
  removeOffer(roomId);
  try {
    await core.invoke('DeclineOffer', roomId);
  } catch (error) {
    setError(api.errorMessage(error));
  }
}

const join = (roomId) => enter('JoinRoom', roomId);

// ---- tabs ----------------------------------------------------------------------------------------

function detailRow(dl, term, value) {
  dl.append(el('dt', {}, term), el('dd', {}, value ?? ''));
}

function renderDetails(chat) {
  const d = chat.snapshot.details ?? {};
  const dl = clear(chat.details);
  detailRow(dl, 'Question', d.question);
  detailRow(dl, 'Nickname', d.nickname);
  detailRow(dl, 'Browser', d.browserVersion);
  detailRow(dl, 'OS', d.osVersion);
  detailRow(dl, 'Add-ons', d.addOns || 'none');
  detailRow(dl, 'Searched the Knowledge Base', d.searchedKnowledgeBase ? 'Yes' : 'No');
  detailRow(dl, 'User agent', d.userAgent);
  detailRow(dl, 'Status', chat.status);
  detailRow(dl, 'In this chat', [...chat.people.values()].join(', '));
}

function fillInviteLists(chat) {
  if (!chat.inviteHelper) return;
  const keep = (select, options) => {
    const value = select.value;
    select.replaceChildren(...options);
    if ([...select.options].some((o) => o.value === value)) select.value = value;
  };
  keep(chat.inviteHelper, staff.map((s) => el('option', { value: s.userName }, `${s.displayName} (${s.userName})`)));
  keep(chat.inviteGroup, workgroups.map((w) => el('option', { value: w.name }, `${w.name} (${w.members.length})`)));
}

function renderCannedButtons(chat) {
  if (!chat.cannedBox) return;
  const all = [...canned.personal.map((r) => ({ ...r, mine: true })), ...canned.global];
  const byCategory = new Map();
  for (const r of all) {
    if (!byCategory.has(r.category)) byCategory.set(r.category, []);
    byCategory.get(r.category).push(r);
  }
  clear(chat.cannedBox);
  if (all.length === 0) chat.cannedBox.append(el('p', {}, 'No canned responses yet.'));
  for (const [category, items] of [...byCategory.entries()].sort()) {
    chat.cannedBox.append(el('h4', {}, category), el('ul', { class: 'plain' }, items.map((r) => el('li', {},
      el('button', { type: 'button', class: 'canned', title: r.text, onclick: () => chat.panel.insert(r.text) }, r.title),
      ' ', el('code', {}, `/${r.shortcut}`), r.mine ? ' (mine)' : ''))));
  }
}

function expandShortcut(text) {
  const match = text.match(/^\/([A-Za-z0-9-]+)$/);
  if (!match) return null;
  const key = match[1].toLowerCase();
  const hit = canned.personal.find((r) => r.shortcut === key) ?? canned.global.find((r) => r.shortcut === key);
  return hit ? hit.text : null;
}

function openChat(snapshot, { readOnly = false, select = false, lastRead = 0, draft = '' } = {}) {
  let chat = chats.get(snapshot.roomId);
  if (chat) {
    chat.snapshot = snapshot;
    setChatStatus(chat, snapshot.status);
    if (select) selectTab(snapshot.roomId);
    return chat;
  }
  const roomId = snapshot.roomId;
  const nickname = snapshot.details?.nickname ?? 'chat';
  chat = { roomId, snapshot, readOnly, status: snapshot.status, unread: 0, lastRead, people: new Map() };
  for (const p of snapshot.participants.filter((x) => x.present)) chat.people.set(p.userId, `${p.displayName} (${p.role})`);
  chat.tab = el('button', {
    type: 'button', role: 'tab', id: `tab-${roomId}`, 'aria-controls': `panel-${roomId}`, 'aria-selected': 'false',
    onclick: () => selectTab(roomId),
  }, readOnly ? `Transcript: ${nickname}` : nickname);
  chat.badge = el('span', { class: 'badge' });
  chat.tab.append(chat.badge);
  chat.panel = new ChatPanel({ core, roomId, label: readOnly ? `transcript with ${nickname}` : `chat with ${nickname}`, readOnly, me: account.userName, expandShortcut, formatting: true });
  seedReadMarks(snapshot);
  attachReceipts(core, chat.panel, roomId, account.userName, true);
  if (!readOnly) {
    attachTyping(core, chat.panel, roomId, account.userName);
    addNoteButton(chat.panel, core, roomId);
  }
  chat.details = el('dl', { class: 'details' });
  const actions = el('div', { class: 'actions' });
  if (!readOnly) {
    chat.inviteHelper = el('select', { id: `invite-helper-${roomId}` });
    chat.inviteGroup = el('select', { id: `invite-group-${roomId}` });
    const act = (label, method, ...args) => el('button', {
      type: 'button',
      onclick: async () => {
        setError('');
        try {
          await core.invoke(method, roomId, ...args.map((a) => (typeof a === 'function' ? a() : a)));
        } catch (error) {
          setError(api.errorMessage(error));
        }
      },
    }, label);
    actions.append(
      act('Send back to queue', 'SendBackToQueue'), ' ', act('End chat', 'EndChat'), transferControls(core, roomId, account.userName),
      el('p', {}, el('label', { for: `invite-helper-${roomId}` }, 'Invite helper'), chat.inviteHelper, act('Invite', 'Invite', () => [chat.inviteHelper.value])),
      el('p', {}, el('label', { for: `invite-group-${roomId}` }, 'Invite workgroup'), chat.inviteGroup, act('Invite workgroup', 'InviteWorkgroup', () => chat.inviteGroup.value)));
    chat.cannedBox = el('div', { class: 'canned-box' });
    fillInviteLists(chat);
    renderCannedButtons(chat);
  }
  chat.closeButton = el('button', { type: 'button', hidden: !readOnly, onclick: () => closeTab(roomId) }, 'Close tab');
  chat.section = el('section', { role: 'tabpanel', id: `panel-${roomId}`, 'aria-labelledby': `tab-${roomId}`, hidden: true, class: 'chat-tab' },
    el('div', { class: 'chat-main' }, chat.panel.root, actions, chat.closeButton),
    el('aside', { class: 'chat-side', 'aria-label': `Details of the chat with ${nickname}` }, el('h3', {}, 'Details'), chat.details,
      chat.cannedBox ? el('h3', {}, 'Canned responses') : null, chat.cannedBox,
      readOnly ? null : el('h3', {}, 'Knowledge base'),
      readOnly ? null : knowledgePanel({ idPrefix: `kb-${roomId}`, initialQuery: snapshot.details?.question ?? '', onInsert: (text) => chat.panel.insert(text) })));
  chats.set(roomId, chat);
  $('tabs').append(chat.tab);
  $('panels').append(chat.section);
  show($('no-chats'), false);
  core.load(roomId, snapshot.tail);
  chat.panel.showFirst(core.rooms.get(roomId)?.first ?? 0);
  for (const pending of core.pendingFor(roomId)) chat.panel.addPending(pending);
  if (draft) chat.panel.setDraft(draft);
  setChatStatus(chat, snapshot.status);
  if (select) selectTab(roomId);
  return chat;
}

function setChatStatus(chat, status) {
  chat.status = status;
  const open = !chat.readOnly && status === 'Active';
  chat.panel.setEnabled(open);
  chat.closeButton.hidden = open && !chat.readOnly;
  chat.tab.classList.toggle('ended', !open && !chat.readOnly);
  renderDetails(chat);
}

const selectedKey = () => `orleanschat.selected.${account.userName}`;

function selectTab(roomId) {
  selected = roomId;
  localStorage.setItem(selectedKey(), roomId);
  for (const [id, chat] of chats) {
    const on = id === roomId;
    chat.tab.setAttribute('aria-selected', String(on));
    chat.section.hidden = !on;
    if (on) {
      chat.unread = 0;
      updateTab(chat);
      core.markRead(id);
    }
  }
}

function closeTab(roomId) {
  const chat = chats.get(roomId);
  if (!chat) return;
  chat.tab.remove();
  chat.section.remove();
  chats.delete(roomId);
  core.forget(roomId);
  core.invoke('CloseRoom', roomId).catch(() => {});
  if (selected === roomId) {
    selected = null;
    const next = chats.keys().next();
    if (!next.done) selectTab(next.value);
  }
  show($('no-chats'), chats.size === 0);
}

function updateTab(chat) {
  chat.tab.classList.toggle('unread', chat.unread > 0);
  chat.tab.classList.toggle('waiting', !!chat.waiting && !chat.readOnly);
  chat.badge.textContent = chat.unread > 0 ? ` (${chat.unread} new)` : chat.waiting && !chat.readOnly ? ' (waiting for you)' : '';
}

function onMessage(roomId, message) {
  const chat = chats.get(roomId);
  if (!chat) return;
  chat.panel.add(message);
  const fresh = message.seq > chat.snapshot.lastSeq;
  if (message.kind === 'Joined' || message.kind === 'MonitorJoined') chat.people.set(message.authorId, `${message.authorName} (${message.authorRole})`);
  if (message.kind === 'Text') chat.waiting = message.authorRole === 'User';
  if (fresh && (message.kind === 'Ended' || message.kind === 'SentBackToQueue' || message.kind === 'Left')) {
    if (message.kind !== 'Left' || message.authorRole === 'User') {
      chat.people.clear();
      setChatStatus(chat, message.kind === 'SentBackToQueue' ? 'Queued' : 'Ended');
    }
  }
  const visible = selected === roomId && document.hasFocus();
  if (message.kind === 'Text' && message.authorId !== account.userName && message.seq > chat.lastRead && !visible) chat.unread++;
  if (visible) core.markRead(roomId);
  updateTab(chat);
  renderDetails(chat);
}

function onNotice(notice) {
  switch (notice.kind) {
    case 'Offer':
    case 'Invitation':
      renderOffer(notice);
      break;
    case 'OfferWithdrawn':
      removeOffer(notice.roomId);
      break;
    default:
      if (chats.has(notice.roomId)) core.catchUp(notice.roomId);
      break;
  }
}

function onWorkspace(view) {
  showHelperStatus(view.helper);
  const offered = new Set(view.offers.map((o) => o.roomId));
  for (const roomId of [...offers.keys()]) {
    const node = offers.get(roomId).node;
    if (!offered.has(roomId) && !/Invitation/.test(node.getAttribute('aria-label'))) removeOffer(roomId);
  }
  for (const offer of view.offers) if (!offers.has(offer.roomId)) renderOffer(offer);
  // After a reload the tab that was open comes back open; the others keep their unread marks.
  const ids = view.workspace.openRooms.map((w) => w.room.roomId);
  const remembered = localStorage.getItem(selectedKey());
  const preferred = selected && chats.has(selected) ? selected : ids.includes(remembered) ? remembered : ids[0];
  const open = new Set();
  for (const w of view.workspace.openRooms) {
    open.add(w.room.roomId);
    openChat(w.room, { lastRead: w.lastReadSeq, draft: w.draft, select: w.room.roomId === preferred && selected !== preferred });
  }
  for (const chat of chats.values()) {
    if (!chat.readOnly && !open.has(chat.roomId) && chat.status === 'Active') setChatStatus(chat, 'Ended');
  }
  renderArchive(view.workspace.previousChats);
}

function renderArchive(list) {
  $('archive').replaceChildren(...list.map((c) => el('li', {},
    el('span', {}, `${c.nickname}: ${c.question}`), el('span', { class: 'when' }, ` — ${formatTime(c.createdAt)}`), ' ',
    el('button', {
      type: 'button', 'aria-label': `Open transcript: ${c.nickname}`,
      onclick: async () => {
        try {
          const existing = chats.get(c.roomId);
          if (existing && !existing.readOnly) closeTab(c.roomId);
          const snapshot = await core.invoke('OpenRoom', c.roomId);
          openChat(snapshot, { readOnly: true, select: true });
          await core.catchUp(c.roomId);
        } catch (error) {
          setError(api.errorMessage(error));
        }
      },
    }, 'Open transcript'))));
  if (list.length === 0) $('archive').append(el('li', {}, 'No archived chats yet.'));
}

async function loadCanned() {
  try {
    canned = await core.invoke('GetCannedResponses');
  } catch (error) {
    setError(api.errorMessage(error));
  }
  for (const chat of chats.values()) renderCannedButtons(chat);
}

async function main() {
  account = await signIn({ title: 'Helper login', role: 'Helper', beforeLogout: () => core?.stop() });
  $('availability').addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      showHelperStatus(await core.invoke('SetAvailability', $('available').value === 'true', Number($('capacity').value)));
    } catch (error) {
      $('availability-status').textContent = api.errorMessage(error);
    }
  });
  $('archive-refresh').addEventListener('click', async () => renderArchive(await core.invoke('GetPreviousChats', 0)));
  core = new ChatCore(account.userName, {
    workspace: onWorkspace,
    message: onMessage,
    notice: onNotice,
    connection: (state) => { $('connection').textContent = state === 'connected' ? '' : state === 'reconnecting' ? 'Reconnecting…' : 'Disconnected. Retrying…'; },
    pending: (p) => chats.get(p.roomId)?.panel.addPending(p),
    acked: (p) => { for (const chat of chats.values()) chat.panel.removePending(p.id); },
    refused: (p) => chats.get(p.roomId)?.panel.insert(p.text),
    error: setError,
  });
  initTransfers({
    core,
    container: $('offers'),
    onAccepted: (snapshot) => { openChat(snapshot, { select: true }); core.catchUp(snapshot.roomId); },
    onMovedAway: (roomId) => { if (chats.has(roomId)) setChatStatus(chats.get(roomId), 'Transferred'); },
    onError: setError,
  });
  await core.start();
  show($('app'), true);
  show($('availability'), true);
  await Promise.all([refreshRoster(), loadCanned()]);
  renderCannedEditor($('personal-canned'), {
    label: 'My canned responses',
    idPrefix: 'mine',
    responses: canned.personal,
    save: async (r) => { const list = await core.invoke('SaveCannedResponse', r); await loadCanned(); return list; },
    remove: async (s) => { const list = await core.invoke('DeleteCannedResponse', s); await loadCanned(); return list; },
  });
  setInterval(refreshRoster, 5000);
  setInterval(loadCanned, 30000);
  window.addEventListener('focus', () => { if (selected) core.markRead(selected); });
}

main().catch((error) => setError(api.errorMessage(error)));
