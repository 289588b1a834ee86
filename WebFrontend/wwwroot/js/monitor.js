// The monitor page: live rooms and queue, joining any room (recorded in its log), helper accounts,
// workgroups and the global canned responses.
import { renderAudit } from './audit.js';
import { signIn } from './login.js';
import { ChatCore } from './chat-core.js';
import { ChatPanel } from './chat-view.js';
import { renderCannedEditor } from './canned.js';
import { el, formatDuration, show } from './dom.js';
import * as api from './api.js';

const $ = (id) => document.getElementById(id);
const refreshSeconds = 3;
let core;
let account;
const joined = new Map(); // roomId → { panel, node }

function setError(text) {
  $('error').textContent = text ?? '';
}

const since = (iso) => formatDuration((Date.now() - new Date(iso).getTime()) / 1000);

async function refreshRooms() {
  try {
    const [rooms, queue] = await Promise.all([core.invoke('GetRooms'), core.invoke('GetQueue')]);
    $('rooms').replaceChildren(...rooms.map((r) => el('tr', { 'data-room': r.roomId },
      el('td', {}, r.status),
      el('td', {}, r.nickname),
      el('td', {}, r.question),
      el('td', {}, r.participants.map((p) => `${p.displayName} (${p.role})`).join(', ')),
      el('td', {}, r.status === 'Queued' && r.waitingSince ? since(r.waitingSince) : ''),
      el('td', {}, `${since(r.lastActivity)} ago`),
      el('td', {}, r.status === 'Ended' ? '' : el('button', { type: 'button', 'aria-label': `Join ${r.nickname}`, onclick: () => join(r.roomId) }, 'Join')))));
    if (rooms.length === 0) $('rooms').append(el('tr', {}, el('td', { colspan: 7 }, 'No rooms yet.')));
    $('rooms-updated').textContent = `Updated ${new Date().toLocaleTimeString()} (every ${refreshSeconds} s).`;
    $('queue-summary').textContent = `Live chat is ${queue.status}: ${queue.onlineHelpers} helpers online, ${queue.availableHelpers} available, ${queue.waiting.length} waiting.`;
    $('queue').replaceChildren(...queue.waiting.map((w, i) => el('tr', {},
      el('td', {}, String(i + 1)), el('td', {}, w.nickname), el('td', {}, w.question), el('td', {}, since(w.enqueuedAt)), el('td', {}, w.offeredTo ?? ''))));
  } catch (error) {
    setError(api.errorMessage(error));
  }
}

function openJoined(snapshot) {
  if (joined.has(snapshot.roomId)) return;
  const nickname = snapshot.details?.nickname ?? 'chat';
  const panel = new ChatPanel({ core, roomId: snapshot.roomId, label: `room of ${nickname}`, me: account.userName });
  const node = el('section', { class: 'joined-room', 'aria-label': `Room of ${nickname}` },
    el('h3', {}, `Room of ${nickname}: ${snapshot.details?.question ?? ''}`),
    panel.root,
    el('button', {
      type: 'button',
      onclick: () => {
        node.remove();
        joined.delete(snapshot.roomId);
        core.forget(snapshot.roomId);
        core.invoke('CloseRoom', snapshot.roomId).catch(() => {});
      },
    }, 'Close'));
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
    refreshRooms();
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
    },
    message: (roomId, message) => joined.get(roomId)?.panel.add(message),
    connection: (state) => { $('connection').textContent = state === 'connected' ? '' : state === 'reconnecting' ? 'Reconnecting…' : 'Disconnected. Retrying…'; },
    pending: (p) => joined.get(p.roomId)?.panel.addPending(p),
    acked: (p) => { for (const j of joined.values()) j.panel.removePending(p.id); },
    refused: (p) => joined.get(p.roomId)?.panel.insert(p.text),
    error: setError,
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
  await Promise.all([refreshRooms(), refreshStaff(), refreshGroups()]);
  show($('app'), true);
  setInterval(refreshRooms, refreshSeconds * 1000);
}

main().catch((error) => setError(api.errorMessage(error)));
