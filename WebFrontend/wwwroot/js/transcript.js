// A chat's transcript, read-only, for the people who may read it (its user, its helpers, monitors): the page the
// "Follow up in the forum" link points to.
import { signIn } from './login.js';
import { ChatCore } from './chat-core.js';
import { ChatPanel } from './chat-view.js';
import { show } from './dom.js';
import * as api from './api.js';

const $ = (id) => document.getElementById(id);

async function main() {
  const roomId = new URLSearchParams(location.search).get('room') ?? '';
  let core = null;
  const account = await signIn({ title: 'Log in to read this chat', allowRegister: false, beforeLogout: () => core?.stop() });
  let panel = null;
  core = new ChatCore(account.userName, {
    message: (id, message) => { if (id === roomId) panel?.add(message); },
    error: (text) => { $('error').textContent = text; },
    connection: (state) => { $('connection').textContent = state === 'connected' ? '' : 'Reconnecting…'; },
  });
  await core.start();
  const snapshot = await core.invoke('OpenRoom', roomId);
  $('transcript-question').textContent = snapshot.details?.question ?? '';
  const rating = snapshot.rating;
  $('transcript-rating').textContent = rating
    ? `Rated ${rating.stars} out of 5${rating.comment ? `: ${rating.comment}` : ''}` : 'Not rated.';
  panel = new ChatPanel({ core, roomId, label: 'transcript', readOnly: true, me: account.userName });
  $('transcript-panel').replaceChildren(panel.root);
  core.load(roomId, snapshot.tail);
  panel.showFirst(core.rooms.get(roomId)?.first ?? 0);
  show($('transcript'), true);
}

main().catch((error) => {
  $('error').textContent = api.errorMessage(error);
});
