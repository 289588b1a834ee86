// Transfer to another helper. The chat's helper picks an online colleague and offers the chat; the room owns the
// offer and its deadline. The colleague gets an alert with a countdown and Accept / Decline; the chat stays with the
// helper who offered it until the colleague accepts, and that helper is told how it ended.
import { el } from './dom.js';
import { alertPerson } from './alerts.js';
import { errorMessage } from './api.js';

const alerts = new Map(); // roomId → { node, timer }
const statusLines = new Map(); // roomId → status element of the chat that offered

/** The "Transfer to" picker and button for one chat (its helper's side). */
export function transferControls(core, roomId, me) {
  const select = el('select', { id: `transfer-to-${roomId}` });
  const status = el('span', { class: 'transfer-status', role: 'status' });
  statusLines.set(roomId, status);
  const fill = async () => {
    try {
      const people = await core.invoke('GetRoster');
      const value = select.value;
      select.replaceChildren(...people.filter((p) => /Helper/.test(p.roles) && p.userId !== me)
        .map((p) => el('option', { value: p.userId }, `${p.displayName} (${p.userId})`)));
      if ([...select.options].some((o) => o.value === value)) select.value = value;
    } catch {
      // the list stays as it was
    }
  };
  select.addEventListener('focus', fill);
  fill();
  const button = el('button', {
    type: 'button',
    onclick: async () => {
      status.textContent = '';
      if (!select.value) {
        status.textContent = 'Choose a helper who is online.';
        return;
      }
      try {
        const offer = await core.invoke('TransferChat', roomId, select.value);
        status.textContent = `Offered to ${offer.toName}; the chat stays with you until they accept.`;
      } catch (error) {
        status.textContent = errorMessage(error);
      }
    },
  }, 'Transfer');
  return el('p', { class: 'transfer' }, el('label', { for: `transfer-to-${roomId}` }, 'Transfer to'), select, ' ', button, ' ', status);
}

function removeAlert(roomId) {
  const alert = alerts.get(roomId);
  if (!alert) return;
  clearInterval(alert.timer);
  alert.node.remove();
  alerts.delete(roomId);
}

/**
 * Handles the transfer notices of this helper's connection. options: core, container (where alerts go),
 * onAccepted(snapshot) opens the chat taken over, onMovedAway(roomId) closes the chat handed over, onError(text).
 */
export function initTransfers(options) {
  const { core, container } = options;
  const answer = async (roomId, method) => {
    removeAlert(roomId);
    try {
      const snapshot = await core.invoke(method, roomId);
      if (snapshot) options.onAccepted(snapshot);
    } catch (error) {
      options.onError(errorMessage(error));
    }
  };
  const render = (notice) => {
    removeAlert(notice.roomId);
    const timer = el('p', { role: 'timer', 'aria-live': 'off' });
    const node = el('section', { class: 'offer transfer-offer', role: 'region', 'aria-label': `Transfer offer: ${notice.nickname ?? ''}` },
      el('h3', {}, `Transfer: ${notice.nickname ?? ''}`),
      el('p', {}, notice.text),
      el('p', { class: 'question' }, notice.question ?? ''),
      timer,
      el('button', { type: 'button', onclick: () => answer(notice.roomId, 'AcceptTransfer') }, 'Accept transfer'), ' ',
      el('button', { type: 'button', onclick: () => answer(notice.roomId, 'DeclineTransfer') }, 'Decline transfer'));
    const deadline = new Date(notice.deadline).getTime();
    const tick = () => {
      const left = Math.ceil((deadline - Date.now()) / 1000);
      timer.textContent = left > 0 ? `Expires in ${left} s` : 'Expired';
      if (left <= -2) removeAlert(notice.roomId);
    };
    tick();
    alerts.set(notice.roomId, { node, timer: setInterval(tick, 500) });
    container.appendChild(node);
    alertPerson('offer', `Transfer: ${notice.nickname ?? ''}`, notice.text);
  };
  core.connection.on('notice', (notice) => {
    switch (notice.kind) {
      case 'TransferOffer':
        render(notice);
        break;
      case 'TransferWithdrawn':
        removeAlert(notice.roomId);
        break;
      case 'TransferDeclined':
      case 'TransferAccepted':
        if (statusLines.has(notice.roomId)) statusLines.get(notice.roomId).textContent = notice.text;
        if (notice.kind === 'TransferAccepted') options.onMovedAway(notice.roomId, notice.text);
        break;
      default:
        break;
    }
  });
}
