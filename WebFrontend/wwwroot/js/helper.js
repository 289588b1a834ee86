// The helper console, a full-height desk of three panes: chats (offers, one tab per chat with its state and unread
// count, roster, archive) | the selected conversation with its composer | its details, canned responses and KB.
// Keyboard: see console-keys.js. Alerts (sound, desktop notifications): alerts.js.
import { signIn } from './login.js';
import { ChatCore } from './chat-core.js';
import { ChatPanel } from './chat-view.js';
import { renderCannedEditor } from './canned.js';
import { cannedPicker } from './canned-picker.js';
import { knowledgePanel } from './kb.js';
import { alertPerson, away, renderAlertControls } from './alerts.js';
import { confirmAction } from './confirm.js';
import { installConsoleKeys } from './console-keys.js';
import { clear, el, formatTime, show } from './dom.js';
import * as api from './api.js';
import { addNoteButton } from './notes.js';
import { attachTyping } from './typing.js';
import { attachReceipts, seedReadMarks } from './receipts.js';
import { initTransfers, transferControls } from './transfer.js';
import { initArchiveSearch } from './archive-search.js';
import { offlinePanel } from './offline-messages.js';

const $ = (id) => document.getElementById(id);
let core;
let account;
const chats = new Map(); // roomId → chat
const offers = new Map(); // roomId → { node, timer }
let selected = null;
let canned = { global: [], personal: [] };
let staff = [];
let workgroups = [];
/** Phones and narrow windows fold the details panel's sections (the conversation comes first). */
const narrow = () => window.matchMedia('(max-width: 50rem)').matches;

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

let refreshOffline = null; // set once connected (offline-messages.js)

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
  const triageBox = el('div');
  if (!invitation) showTriage(notice.roomId, triageBox);
  const node = el('section', { class: 'offer', role: 'region', 'aria-label': `${invitation ? 'Invitation' : 'Chat offer'}: ${notice.nickname ?? ''}` },
    el('h3', {}, invitation ? `Invitation to the chat with ${notice.nickname ?? ''}` : `New chat: ${notice.nickname ?? ''}`),
    invitation ? el('p', {}, notice.text) : null,
    el('p', { class: 'question' }, notice.question ?? ''),
    triageBox,
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
  alertPerson('offer', invitation ? `Invitation: ${notice.nickname ?? ''}` : `New chat: ${notice.nickname ?? ''}`, notice.question);
}

/** Browser, OS and add-ons of an offered chat, for triage before accepting; the offer stands without them if refused. */
async function showTriage(roomId, box) {
  try {
    const d = await core.invoke('GetWaitingDetails', roomId);
    box.replaceChildren(el('dl', { class: 'triage' },
      el('dt', {}, 'Browser'), el('dd', {}, d.browserVersion),
      el('dt', {}, 'OS'), el('dd', {}, d.osVersion),
      el('dt', {}, 'Add-ons'), el('dd', {}, d.addOns || 'none')));
  } catch {
    // taken or withdrawn meanwhile: the offer goes away by itself
  }
}

const entering = new Set(); // rooms being taken or joined right now
const assignedWhileEntering = new Set(); // ... of which the server said "you took the chat" meanwhile

/** Takes an offered chat (AcceptOffer) or an invitation (JoinRoom), or opens one that is ours, in a tab. */
async function enter(method, roomId) {
  entering.add(roomId);
  try {
    const snapshot = await core.invoke(method, roomId);
    removeOffer(roomId);
    setError('');
    openChat(snapshot, { select: true, focus: 'composer' });
    await core.catchUp(roomId);
  } catch (error) {
    removeOffer(roomId);
    if (assignedWhileEntering.has(roomId)) {
      entering.delete(roomId);
      await enter('OpenRoom', roomId); // the accept went through although its answer did not come in time
    } else {
      setError(api.errorMessage(error));
    }
  } finally {
    entering.delete(roomId);
    assignedWhileEntering.delete(roomId);
  }
}

/** A chat became ours (taken here or in another tab, or an accept whose answer came too late): open it if it is not. */
function onAssigned(roomId) {
  if (chats.has(roomId)) {
    core.catchUp(roomId);
    return;
  }
  if (entering.has(roomId)) assignedWhileEntering.add(roomId);
  else enter('OpenRoom', roomId);
}

const accept = (roomId) => enter('AcceptOffer', roomId);

async function decline(roomId) {
  removeOffer(roomId);
  try {
    await core.invoke('DeclineOffer', roomId);
    setError('');
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
  detailRow(dl, 'Status', statusText(chat));
  detailRow(dl, 'In this chat', [...chat.people.values()].join(', ') || 'nobody');
}

function statusText(chat) {
  if (chat.readOnly) return 'Transcript';
  return { Active: 'Active', Queued: 'Back in the queue', Ended: 'Ended', Left: 'You left' }[chat.status] ?? chat.status;
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

const allCanned = () => [...canned.personal.map((r) => ({ ...r, mine: true })), ...canned.global];

function renderCannedButtons(chat) {
  if (!chat.cannedBox) return;
  const all = allCanned();
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

/** A folding section of the details panel: open on wide screens, folded on narrow ones. */
function fold(title, ...content) {
  return el('details', { open: !narrow() }, el('summary', {}, title), ...content);
}

function openChat(snapshot, { readOnly = false, select = false, focus = null, lastRead = 0, draft = '' } = {}) {
  let chat = chats.get(snapshot.roomId);
  if (chat) {
    chat.snapshot = snapshot;
    setChatStatus(chat, snapshot.status);
    if (select) selectTab(snapshot.roomId, { focus });
    return chat;
  }
  const roomId = snapshot.roomId;
  const nickname = snapshot.details?.nickname ?? 'chat';
  chat = { roomId, snapshot, readOnly, status: null, unread: 0, lastRead, people: new Map() };
  for (const p of snapshot.participants.filter((x) => x.present)) chat.people.set(p.userId, `${p.displayName} (${p.role})`);
  chat.name = el('span', { class: 'tab-name' }, readOnly ? `Transcript: ${nickname}` : nickname);
  chat.badge = el('span', { class: 'badge' });
  chat.stateLine = el('span', { class: 'tab-state' });
  chat.tab = el('button', {
    type: 'button', role: 'tab', id: `tab-${roomId}`, 'aria-controls': `panel-${roomId}`, 'aria-selected': 'false', tabindex: '-1',
    onclick: () => selectTab(roomId),
  }, chat.name, chat.badge, chat.stateLine);
  chat.panel = new ChatPanel({
    core, roomId, label: readOnly ? `transcript with ${nickname}` : `chat with ${nickname}`, readOnly, me: account.userName, expandShortcut,
    onKey: (e) => chat.picker?.onKey(e) ?? false,
  });
  seedReadMarks(snapshot);
  attachReceipts(core, chat.panel, roomId, account.userName, true);
  if (!readOnly) {
    attachTyping(core, chat.panel, roomId, account.userName);
    addNoteButton(chat.panel, core, roomId);
  }
  chat.details = el('dl', { class: 'details' });
  chat.actions = el('div', { class: 'chat-actions', role: 'group', 'aria-label': 'Chat actions' });
  const side = [fold('Details', chat.details)];
  if (!readOnly) {
    chat.picker = cannedPicker(chat.panel, allCanned);
    chat.inviteHelper = el('select', { id: `invite-helper-${roomId}` });
    chat.inviteGroup = el('select', { id: `invite-group-${roomId}` });
    chat.invite = el('div', { class: 'actions' },
      el('p', {}, el('label', { for: `invite-helper-${roomId}` }, 'Invite helper'), chat.inviteHelper, ' ',
        act(chat, 'Invite', 'Invite', () => [[chat.inviteHelper.value]])),
      el('p', {}, el('label', { for: `invite-group-${roomId}` }, 'Invite workgroup'), chat.inviteGroup, ' ',
        act(chat, 'Invite workgroup', 'InviteWorkgroup', () => [chat.inviteGroup.value])),
      transferControls(core, roomId, account.userName));
    chat.cannedBox = el('div', { class: 'canned-box' });
    fillInviteLists(chat);
    renderCannedButtons(chat);
    side.push(fold('Canned responses', chat.cannedBox),
      fold('Knowledge base', knowledgePanel({ idPrefix: `kb-${roomId}`, initialQuery: snapshot.details?.question ?? '', onInsert: (text) => chat.panel.insert(text) })),
      fold('Invite colleagues', chat.invite));
  }
  chat.section = el('section', { role: 'tabpanel', id: `panel-${roomId}`, 'aria-labelledby': `tab-${roomId}`, hidden: true, class: 'chat-tab' },
    el('div', { class: 'chat-main' },
      el('div', { class: 'chat-head' }, el('h2', {}, readOnly ? `Transcript: ${nickname}` : `Chat with ${nickname}`), chat.actions),
      chat.panel.root),
    el('aside', { class: 'chat-side', 'aria-label': `Details of the chat with ${nickname}` }, ...side));
  chats.set(roomId, chat);
  $('tabs').append(chat.tab);
  $('panels').append(chat.section);
  show($('no-chats'), false);
  core.load(roomId, snapshot.tail);
  chat.panel.showFirst(core.rooms.get(roomId)?.first ?? 0);
  for (const pending of core.pendingFor(roomId)) chat.panel.addPending(pending);
  if (draft) chat.panel.setDraft(draft);
  setChatStatus(chat, snapshot.status);
  if (select || !selected) selectTab(roomId, { focus });
  return chat;
}

/**
 * A button that calls a hub method on the chat with args() after the room id, after a confirmation when `confirm` is
 * given; a success clears the error banner, a failure fills it.
 */
function act(chat, label, method, args = () => [], { confirm, danger, after } = {}) {
  return el('button', {
    type: 'button', class: danger ? 'danger' : null,
    onclick: async () => {
      if (confirm && !(await confirmAction({ ...confirm, action: label }))) return;
      try {
        await core.invoke(method, chat.roomId, ...args());
        setError('');
        after?.();
      } catch (error) {
        setError(api.errorMessage(error));
      }
    },
  }, label);
}

/** The conversation's buttons: live actions only while the chat is active (its own helper vs. invited staff), else "Close tab". */
function renderActions(chat) {
  const nickname = chat.snapshot.details?.nickname ?? 'the user';
  const live = !chat.readOnly && chat.status === 'Active';
  const mine = !chat.snapshot.helperId || chat.snapshot.helperId === account.userName;
  const buttons = !live ? [
    ...(chat.endNote ? [el('span', { role: 'status', class: 'end-note' }, chat.endNote), ' '] : []),
    el('button', { type: 'button', class: 'secondary', onclick: () => closeTab(chat.roomId) }, 'Close tab')]
    : mine ? [
      act(chat, 'Send back to queue', 'SendBackToQueue', undefined, {
        danger: true,
        confirm: { title: `Send ${nickname} back to the queue?`, text: 'The chat goes to the front of the queue for the next helper; the transcript is kept.' },
      }),
      act(chat, 'End chat', 'EndChat', undefined, {
        danger: true,
        confirm: { title: `End the chat with ${nickname}?`, text: 'The chat ends for everyone in it. This cannot be undone.' },
      })]
      : [act(chat, 'Leave', 'LeaveRoom', undefined, {
        danger: true,
        confirm: { title: `Leave the chat with ${nickname}?`, text: 'You leave; the chat goes on with its helper.' },
        after: () => { chat.people.delete(account.userName); setChatStatus(chat, 'Left'); },
      })];
  chat.actions.replaceChildren(...buttons);
  if (chat.invite) chat.invite.hidden = !live;
}

function setChatStatus(chat, status) {
  const changed = chat.status !== status || !chat.actions.hasChildNodes();
  chat.status = status;
  const open = !chat.readOnly && status === 'Active';
  chat.panel.setEnabled(open);
  chat.tab.classList.toggle('ended', !open && !chat.readOnly);
  if (changed) renderActions(chat);
  updateTab(chat);
  renderDetails(chat);
}

const selectedKey = () => `orleanschat.selected.${account.userName}`;

/** Shows one chat, scrolled to its newest message; focus: 'tab' or 'composer' moves the keyboard focus there. */
function selectTab(roomId, { focus = null } = {}) {
  selected = roomId;
  localStorage.setItem(selectedKey(), roomId);
  for (const [id, chat] of chats) {
    const on = id === roomId;
    chat.tab.setAttribute('aria-selected', String(on));
    chat.tab.tabIndex = on ? 0 : -1;
    chat.section.hidden = !on;
    if (on) {
      chat.unread = 0;
      updateTab(chat);
      chat.panel.scrollToNewest();
      core.markRead(id);
      if (focus === 'tab') chat.tab.focus();
      else if (focus === 'composer') (chat.panel.input.disabled ? chat.tab : chat.panel.input).focus();
    }
  }
  show($('no-chat-selected'), chats.size === 0);
}

function closeTab(roomId) {
  const chat = chats.get(roomId);
  if (!chat) return;
  const wasFocused = chat.section.contains(document.activeElement) || chat.tab === document.activeElement;
  chat.tab.remove();
  chat.section.remove();
  chats.delete(roomId);
  core.forget(roomId);
  core.invoke('CloseRoom', roomId).catch(() => {});
  if (selected === roomId) {
    selected = null;
    const next = chats.keys().next();
    if (!next.done) selectTab(next.value, { focus: wasFocused ? 'tab' : null });
  }
  show($('no-chats'), chats.size === 0);
  show($('no-chat-selected'), chats.size === 0);
}

function updateTab(chat) {
  const waiting = !!chat.waiting && !chat.readOnly && chat.status === 'Active';
  chat.tab.classList.toggle('unread', chat.unread > 0);
  chat.tab.classList.toggle('waiting', waiting);
  chat.badge.textContent = chat.unread > 0 ? `${chat.unread} new` : '';
  chat.stateLine.textContent = waiting ? `${statusText(chat)} · waiting for you` : statusText(chat);
}

function onMessage(roomId, message) {
  const chat = chats.get(roomId);
  if (!chat) return;
  chat.panel.add(message);
  const fresh = message.seq > chat.snapshot.lastSeq;
  if (message.kind === 'Joined' || message.kind === 'MonitorJoined') chat.people.set(message.authorId, `${message.authorName} (${message.authorRole})`);
  if (message.kind === 'Left' && message.authorRole !== 'User') chat.people.delete(message.authorId);
  if (message.kind === 'Text') chat.waiting = message.authorRole === 'User';
  if (fresh && (message.kind === 'Ended' || message.kind === 'SentBackToQueue' || (message.kind === 'Left' && message.authorRole === 'User'))) {
    chat.people.clear();
    setChatStatus(chat, message.kind === 'SentBackToQueue' ? 'Queued' : 'Ended');
    refreshArchiveSoon(roomId);
  }
  const visible = selected === roomId && !away();
  const theirs = message.kind === 'Text' && message.authorId !== account.userName;
  if (theirs && message.seq > chat.lastRead && !visible) chat.unread++;
  if (theirs && fresh && !visible && !chat.readOnly) alertPerson('message', `${message.authorName} (${chat.snapshot.details?.nickname ?? 'chat'})`, message.text);
  if (visible) core.markRead(roomId);
  updateTab(chat);
  renderDetails(chat);
}

/**
 * An ended chat joins the archive: the list is read again when the room's "ended" line arrives (a push), a few times
 * until the person's workspace has recorded it (the room records it right after it pushes the line).
 */
function refreshArchiveSoon(roomId, attempt = 0) {
  setTimeout(async () => {
    try {
      const list = await core.invoke('GetPreviousChats', 0);
      renderArchive(list);
      if (!list.some((c) => c.roomId === roomId) && attempt < 5) refreshArchiveSoon(roomId, attempt + 1);
    } catch {
      // the next workspace load shows it
    }
  }, 300 * (attempt + 1));
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
    case 'ChatAssigned':
      onAssigned(notice.roomId);
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

/** Opens an ended chat's transcript read-only in a tab (from the archive list or an archive search). */
async function openTranscript(roomId) {
  try {
    const existing = chats.get(roomId);
    if (existing && !existing.readOnly) closeTab(roomId);
    const snapshot = await core.invoke('OpenRoom', roomId);
    setError('');
    openChat(snapshot, { readOnly: true, select: true, focus: 'tab' });
    await core.catchUp(roomId);
  } catch (error) {
    setError(api.errorMessage(error));
  }
}

function renderArchive(list) {
  $('archive').replaceChildren(...list.map((c) => el('li', {},
    el('span', {}, `${c.nickname}: ${c.question}`), el('span', { class: 'when' }, ` — ${formatTime(c.createdAt)}`), ' ',
    el('button', { type: 'button', 'aria-label': `Open transcript: ${c.nickname}`, onclick: () => openTranscript(c.roomId) }, 'Open transcript'))));
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
      setError('');
    } catch (error) {
      $('availability-status').textContent = api.errorMessage(error);
    }
  });
  if (narrow()) $('roster').open = false; // on a phone the conversation comes first
  renderAlertControls($('alert-controls'));
  installConsoleKeys({
    tablist: $('tabs'),
    ids: () => [...chats.keys()],
    selected: () => selected,
    select: (roomId, options) => selectTab(roomId, options),
    composer: () => { if (selected) selectTab(selected, { focus: 'composer' }); },
    picker: () => { if (selected) chats.get(selected).picker?.open(); },
  });
  core = new ChatCore(account.userName, {
    workspace: onWorkspace,
    message: onMessage,
    notice: onNotice,
    connection: (state) => {
      $('connection').textContent = state === 'connected' ? '' : state === 'reconnecting' ? 'Reconnecting…' : 'Disconnected. Retrying…';
      if (state === 'connected') { refreshRoster(); refreshOffline?.(); } // a new connection asks again, which subscribes it
    },
    rosterChanged: () => { refreshRoster(); refreshOffline?.(); }, // "online now" on offline messages follows presence
    offlineChanged: () => refreshOffline?.(),
    pending: (p) => chats.get(p.roomId)?.panel.addPending(p),
    acked: (p) => { for (const chat of chats.values()) chat.panel.removePending(p.id); },
    refused: (p) => chats.get(p.roomId)?.panel.insert(p.text),
    error: setError,
  });
  initTransfers({
    core,
    container: $('offers'),
    onAccepted: (snapshot) => { openChat(snapshot, { select: true }); core.catchUp(snapshot.roomId); },
    onMovedAway: (roomId, text) => {
      const chat = chats.get(roomId);
      if (!chat) return;
      chat.endNote = text;
      setChatStatus(chat, 'Transferred');
    },
    onError: setError,
  });
  await core.start();
  show($('app'), true);
  show($('availability'), true);
  initArchiveSearch({ core, isMonitor: api.hasRole(account, 'Monitor'), openTranscript });
  refreshOffline = offlinePanel({
    core, setError, openChat: (snapshot) => { openChat(snapshot, { select: true, focus: 'composer' }); core.catchUp(snapshot.roomId); },
  });
  await Promise.all([refreshRoster(), loadCanned()]);
  renderCannedEditor($('personal-canned'), {
    label: 'My canned responses',
    idPrefix: 'mine',
    responses: canned.personal,
    save: async (r) => { const list = await core.invoke('SaveCannedResponse', r); await loadCanned(); return list; },
    remove: async (s) => { const list = await core.invoke('DeleteCannedResponse', s); await loadCanned(); return list; },
  });
  window.addEventListener('focus', () => {
    if (selected) core.markRead(selected);
    refreshRoster(); // staff and workgroups change on the admin page; the online list is pushed (rosterChanged)
    loadCanned(); // shared responses may have been edited by a monitor
  });
}

main().catch((error) => setError(api.errorMessage(error)));
