// The monitor page: the live dashboard (figures, chart, helper load), rooms and queue — all pushed by the server, never
// polled —, a room's details, joining any room (recorded in its log), helper accounts, workgroups and the global canned
// responses.
import uPlot from '/lib/uplot/uPlot.esm.js';
import { renderAudit } from './audit.js';
import { signIn } from './login.js';
import { ChatCore } from './chat-core.js';
import { ChatPanel } from './chat-view.js';
import { renderCannedEditor } from './canned.js';
import { el, formatDuration, formatTime, show } from './dom.js';
import * as api from './api.js';
import { confirmAction } from './confirm.js';

const $ = (id) => document.getElementById(id);
let core;
let account;
const joined = new Map(); // roomId → { panel, node }
const rooms = new Map(); // roomId → listing, kept current by the dashboard's pushes
let stats = null;
let queue = null;
let chart = null;
let detailsRoom = null;

function setError(text) {
  $('error').textContent = text ?? '';
}

const since = (iso) => formatDuration((Date.now() - new Date(iso).getTime()) / 1000);

/** A cell showing the time since `iso` (plus `suffix`); the page's clock counts it up without re-rendering the rows. */
const sinceCell = (iso, suffix = '') => el('td', { 'data-since': iso, 'data-suffix': suffix }, `${since(iso)}${suffix}`);
const seconds = (s) => formatDuration(s);

const statusOrder = { Queued: 0, Active: 1 };

function renderRooms() {
  const sorted = [...rooms.values()].sort((a, b) => (statusOrder[a.status] ?? 2) - (statusOrder[b.status] ?? 2)
    || (a.status === 'Queued' ? new Date(a.waitingSince ?? a.lastActivity) - new Date(b.waitingSince ?? b.lastActivity)
      : new Date(b.lastActivity) - new Date(a.lastActivity)));
  $('rooms').replaceChildren(...sorted.map((r) => el('tr', { 'data-room': r.roomId },
    el('td', {}, r.status),
    el('td', {}, r.nickname),
    el('td', {}, r.question),
    el('td', {}, r.participants.map((p) => `${p.displayName} (${p.role})`).join(', ')),
    r.status === 'Queued' && r.waitingSince ? sinceCell(r.waitingSince) : el('td', {}),
    sinceCell(r.lastActivity, ' ago'),
    el('td', {},
      el('button', { type: 'button', 'aria-label': `Details of ${r.nickname}`, onclick: () => showDetails(r.roomId) }, 'Details'), ' ',
      r.status === 'Ended' ? '' : el('button', { type: 'button', 'aria-label': `Join ${r.nickname}`, onclick: () => join(r.roomId) }, 'Join')))));
  if (rooms.size === 0) $('rooms').append(el('tr', {}, el('td', { colspan: 7 }, 'No rooms yet.')));
}

function renderQueue() {
  if (!queue) return;
  $('queue-summary').textContent = `Live chat is ${queue.status}: ${queue.onlineHelpers} helpers online, ${queue.availableHelpers} available, ${stats?.queueLength ?? queue.waiting.length} waiting.`;
  $('queue').replaceChildren(...queue.waiting.map((w, i) => el('tr', {},
    el('td', {}, String(i + 1)), el('td', {}, w.nickname), el('td', {}, w.question), sinceCell(w.enqueuedAt), el('td', {}, w.offeredTo ?? ''))));
}

function showWaitingNow() {
  $('fig-wait-now').textContent = stats.oldestWaitingSince ? since(stats.oldestWaitingSince) : 'nobody waits';
}

function renderFigures() {
  if (!stats) return;
  $('fig-queue').textContent = String(stats.queueLength);
  showWaitingNow();
  $('fig-wait-mean').textContent = seconds(stats.meanWaitSeconds);
  $('fig-wait-p90').textContent = seconds(stats.p90WaitSeconds);
  $('fig-chats').textContent = String(stats.chatsPerHour);
  const count = stats.ratings.reduce((a, b) => a + b, 0);
  const mean = count === 0 ? 0 : stats.ratings.reduce((sum, n, i) => sum + n * (i + 1), 0) / count;
  $('fig-ratings').textContent = count === 0 ? 'none yet' : `${mean.toFixed(1)} ★ (${count})`;
  $('helper-load').replaceChildren(...stats.helpers.map((h) => el('tr', {},
    el('td', {}, h.helperId),
    el('td', {}, h.available ? 'Available' : 'Away'),
    el('td', { class: h.chats >= h.capacity ? 'load-full' : undefined }, `${h.chats} / ${h.capacity}`))));
  if (stats.helpers.length === 0) $('helper-load').append(el('tr', {}, el('td', { colspan: 3 }, 'No helper has been online yet.')));
}

function renderChart() {
  if (!stats) return;
  const points = stats.series;
  const data = [
    points.map((p) => new Date(p.at).getTime() / 1000),
    points.map((p) => p.queueLength),
    points.map((p) => p.openChats),
    points.map((p) => p.chatsPerHour),
  ];
  if (!chart) {
    const width = () => Math.max(300, $('chart').clientWidth || 860);
    chart = new uPlot({
      width: width(),
      height: 200,
      // At least the last 10 minutes, so a chart of one or two points still reads as minutes, not years.
      scales: { x: { time: true }, y: { range: (u, min, max) => [0, Math.max(4, max + 1)] } },
      series: [{}, { label: 'Queue length', stroke: '#c0392b' }, { label: 'Open chats', stroke: '#2471a3' }, { label: 'Chats per hour', stroke: '#229954' }],
      axes: [{}, { label: 'count' }],
    }, data, $('chart'));
    window.addEventListener('resize', () => chart.setSize({ width: width(), height: 200 }));
  } else {
    chart.setData(data);
  }
  // At least the last 10 minutes, so a chart of one or two points still reads as minutes, not years.
  const now = Date.now() / 1000;
  chart.setScale('x', { min: Math.min(data[0][0] ?? now, now - 600), max: now + 30 });
}

/** A push (or the first view) of the dashboard: figures, chart, the queue's head when it changed, the rooms that changed. */
function applyDashboard(update) {
  stats = update.stats;
  if (update.queue) queue = update.queue;
  for (const listing of update.rooms ?? []) rooms.set(listing.roomId, listing);
  renderFigures();
  renderChart();
  renderQueue();
  if ((update.rooms ?? []).length > 0) renderRooms();
  if (detailsRoom && (update.rooms ?? []).some((r) => r.roomId === detailsRoom)) showDetails(detailsRoom);
  $('dashboard-updated').textContent = `Live: last change pushed at ${new Date(stats.at).toLocaleTimeString()}.`;
}

/** On every (re)connection: watch the dashboard (a new connection must ask again) and list the rooms once. */
async function watchDashboard() {
  try {
    const [view, list] = await Promise.all([core.invoke('WatchDashboard'), core.invoke('GetRooms')]);
    rooms.clear();
    for (const listing of list) rooms.set(listing.roomId, listing);
    renderRooms();
    applyDashboard(view);
  } catch (error) {
    setError(api.errorMessage(error));
  }
}

/** Times shown count up in the page; nothing is asked of the server, and rows (with their buttons) stay as they are. */
function tick() {
  if (stats) showWaitingNow();
  for (const cell of document.querySelectorAll('td[data-since]')) cell.textContent = `${since(cell.dataset.since)}${cell.dataset.suffix}`;
}

async function showDetails(roomId) {
  try {
    const room = await core.invoke('GetRoomDetails', roomId);
    detailsRoom = roomId;
    const d = room.details ?? {};
    const helpers = room.participants.filter((p) => p.role === 'Helper').map((p) => p.displayName).join(', ');
    const rows = [
      ['Question', d.question ?? ''],
      ['User', `${d.nickname ?? ''} (${room.ownerId})`],
      ['Helper', helpers || 'none yet'],
      ['Status', room.status],
      ['Browser', d.browserVersion ?? ''],
      ['Operating system', d.osVersion ?? ''],
      ['Add-ons', d.addOns ?? ''],
      ['Searched the Knowledge Base', d.searchedKnowledgeBase ? 'yes' : 'no'],
      ['User agent', d.userAgent ?? ''],
      ['Asked at', formatTime(room.createdAt)],
      ['Ended at', room.endedAt ? formatTime(room.endedAt) : 'not ended'],
      ['Messages', String(room.lastSeq)],
    ];
    $('details-list').replaceChildren(...rows.flatMap(([label, value]) => [el('dt', {}, label), el('dd', {}, value)]));
    $('details-people').replaceChildren(...room.participants.map((p) =>
      el('li', {}, `${p.displayName} (${p.role}), joined ${formatTime(p.joinedAt)}${p.present ? '' : ', left'}`)));
    $('details-heading').textContent = `Room details: ${d.nickname ?? room.roomId}`;
    show($('details'), true);
  } catch (error) {
    setError(api.errorMessage(error));
  }
}

function openJoined(snapshot) {
  if (joined.has(snapshot.roomId)) return;
  const nickname = snapshot.details?.nickname ?? 'chat';
  const panel = new ChatPanel({ core, roomId: snapshot.roomId, label: `room of ${nickname}`, me: account.userName });
  const close = () => {
    node.remove();
    joined.delete(snapshot.roomId);
    core.forget(snapshot.roomId);
  };
  // Close only stops watching; Leave takes the monitor out of the room ("name left the chat"), the chat goes on.
  const leave = el('button', {
    type: 'button', class: 'danger', hidden: snapshot.status === 'Ended',
    onclick: async () => {
      if (!(await confirmAction({ title: `Leave the chat with ${nickname}?`, text: 'You leave; the chat goes on with its helper.', action: 'Leave' }))) return;
      setError('');
      try {
        await core.invoke('LeaveRoom', snapshot.roomId);
        close();
      } catch (error) {
        setError(api.errorMessage(error));
      }
    },
  }, 'Leave');
  const node = el('section', { class: 'joined-room', 'aria-label': `Room of ${nickname}` },
    el('h3', {}, `Room of ${nickname}: ${snapshot.details?.question ?? ''}`),
    panel.root,
    el('div', { class: 'actions' },
      el('button', {
        type: 'button', class: 'secondary',
        onclick: () => {
          close();
          core.invoke('CloseRoom', snapshot.roomId).catch(() => {});
        },
      }, 'Close'), ' ', leave));
  joined.set(snapshot.roomId, { panel, node });
  $('joined').append(node);
  core.load(snapshot.roomId, snapshot.tail);
  panel.showFirst(core.rooms.get(snapshot.roomId)?.first ?? 0);
  panel.setEnabled(snapshot.status !== 'Ended');
}

async function join(roomId) {
  setError('');
  try {
    const snapshot = await core.invoke('JoinRoom', roomId);
    openJoined(snapshot);
    await core.catchUp(roomId);
  } catch (error) {
    setError(api.errorMessage(error));
  }
}

async function refreshStaff() {
  const list = await core.invoke('GetStaff');
  $('staff').replaceChildren(...list.map((a) => {
    const select = el('select', { 'aria-label': `Roles of ${a.userName}` },
      el('option', { value: 'User' }, 'User only'),
      el('option', { value: 'User, Helper' }, 'Helper'),
      el('option', { value: 'User, Helper, Monitor' }, 'Helper and monitor'));
    select.value = /Monitor/.test(a.roles) ? 'User, Helper, Monitor' : /Helper/.test(a.roles) ? 'User, Helper' : 'User';
    return el('tr', {}, el('td', {}, a.userName), el('td', {}, a.displayName), el('td', {}, select, ' ',
      el('button', {
        type: 'button', 'aria-label': `Save roles of ${a.userName}`,
        onclick: async () => {
          try {
            await core.invoke('SetRoles', a.userName, select.value);
            $('staff-result').textContent = `Roles of ${a.userName} saved.`;
            await refreshStaff();
          } catch (error) {
            $('staff-result').textContent = api.errorMessage(error);
          }
        },
      }, 'Save roles')));
  }));
}

async function refreshGroups() {
  const groups = await core.invoke('GetWorkgroups');
  $('groups').replaceChildren(...groups.map((g) => el('li', {},
    el('strong', {}, g.name), `: ${g.members.join(', ') || 'no members'} `,
    el('button', { type: 'button', 'aria-label': `Edit workgroup ${g.name}`, onclick: () => { $('group-name').value = g.name; $('group-members').value = g.members.join(', '); } }, 'Edit'), ' ',
    el('button', {
      type: 'button', 'aria-label': `Delete workgroup ${g.name}`,
      onclick: async () => {
        try {
          await core.invoke('DeleteWorkgroup', g.name);
          await refreshGroups();
        } catch (error) {
          $('group-result').textContent = api.errorMessage(error);
        }
      },
    }, 'Delete'))));
  if (groups.length === 0) $('groups').append(el('li', {}, 'No workgroups yet.'));
}

async function main() {
  account = await signIn({ title: 'Monitor login', role: 'Monitor', beforeLogout: () => core?.stop() });
  core = new ChatCore(account.userName, {
    workspace: (view) => {
      for (const w of view.workspace.openRooms) if (w.role === 'Monitor') openJoined(w.room);
      watchDashboard();
    },
    message: (roomId, message) => joined.get(roomId)?.panel.add(message),
    connection: (state) => { $('connection').textContent = state === 'connected' ? '' : state === 'reconnecting' ? 'Reconnecting…' : 'Disconnected. Retrying…'; },
    pending: (p) => joined.get(p.roomId)?.panel.addPending(p),
    acked: (p) => { for (const j of joined.values()) j.panel.removePending(p.id); },
    refused: (p) => joined.get(p.roomId)?.panel.insert(p.text),
    error: setError,
  });
  core.connection.on('dashboard', applyDashboard);
  $('details-close').addEventListener('click', () => {
    detailsRoom = null;
    show($('details'), false);
  });
  await core.start();
  $('staff-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const user = $('staff-user').value.trim();
    try {
      await core.invoke('CreateStaffAccount', user, $('staff-password').value, $('staff-display').value.trim(),
        $('staff-monitor').checked ? 'User, Helper, Monitor' : 'User, Helper');
      $('staff-result').textContent = `Helper account ${user} created.`;
      for (const id of ['staff-user', 'staff-display', 'staff-password']) $(id).value = '';
      await refreshStaff();
    } catch (error) {
      $('staff-result').textContent = api.errorMessage(error);
    }
  });
  // Any account (staff or user): a lock ends its sessions and closes its pages until unlocked; unlocking also ends
  // the delays and address locks that failed logins caused; ending all sessions logs it out everywhere.
  for (const [id, method, done] of [
    ['access-lock', 'LockAccount', 'locked; its sessions ended'],
    ['access-unlock', 'UnlockAccount', 'unlocked'],
    ['access-revoke', 'RevokeSessions', 'logged out everywhere'],
  ]) {
    $(id).addEventListener('click', async () => {
      const user = $('access-user').value.trim();
      try {
        await core.invoke(method, user);
        $('access-result').textContent = `${user}: ${done}.`;
      } catch (error) {
        $('access-result').textContent = api.errorMessage(error);
      }
    });
  }
  $('group-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const name = $('group-name').value.trim();
    try {
      const members = $('group-members').value.split(',').map((m) => m.trim()).filter((m) => m);
      await core.invoke('SaveWorkgroup', name, members);
      $('group-result').textContent = `Workgroup ${name} saved.`;
      await refreshGroups();
    } catch (error) {
      $('group-result').textContent = api.errorMessage(error);
    }
  });
  const global = await core.invoke('GetCannedResponses');
  renderCannedEditor($('global-canned'), {
    label: 'Global canned responses',
    idPrefix: 'global',
    responses: global.global,
    save: (r) => core.invoke('SaveGlobalCannedResponse', r),
    remove: (s) => core.invoke('DeleteGlobalCannedResponse', s),
  });
  renderAudit($('audit'), (...args) => core.invoke(...args));
  await Promise.all([refreshStaff(), refreshGroups()]);
  show($('app'), true);
  setInterval(tick, 1000);
}

main().catch((error) => setError(api.errorMessage(error)));
