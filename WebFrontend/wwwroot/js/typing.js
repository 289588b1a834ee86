// The typing indicator. Typing in a chat's message box tells the room at most as often as the room allows (it answers
// with the wait until the next call is worth making); the room pushes it to the others in the chat and stores nothing.
// An indicator disappears by itself when the push's lifetime runs out without a renewal, or when that person's message arrives.

/** Wires a chat panel: its message box reports typing, and a status line under the log shows who else is typing. */
export function attachTyping(core, panel, roomId, me) {
  const line = document.createElement('p');
  line.className = 'typing muted';
  line.setAttribute('role', 'status');
  line.setAttribute('aria-live', 'polite');
  panel.log.after(line);

  const typists = new Map(); // userId → { label, timer }
  const render = () => {
    line.textContent = [...typists.values()].map((t) => `${t.label} is typing…`).join(' ');
  };
  const drop = (userId) => {
    clearTimeout(typists.get(userId)?.timer);
    if (typists.delete(userId)) render();
  };

  core.connection.on('signal', (signal) => {
    if (signal.roomId !== roomId || signal.kind !== 'Typing' || signal.userId === me) return;
    clearTimeout(typists.get(signal.userId)?.timer);
    const label = signal.role === 'User' ? signal.displayName : signal.role;
    typists.set(signal.userId, { label, timer: setTimeout(() => drop(signal.userId), signal.expiresInMs) });
    render();
  });
  core.connection.on('messages', (event) => {
    if (event.roomId !== roomId) return;
    for (const message of event.messages) if (message.kind === 'Text') drop(message.authorId);
  });

  let nextAt = 0;
  let asking = false;
  panel.input.addEventListener('input', async () => {
    if (asking || !panel.input.value.trim() || Date.now() < nextAt || !core.connected) return;
    asking = true;
    try {
      nextAt = Date.now() + await core.invoke('Typing', roomId);
    } catch {
      nextAt = Date.now() + 3000; // not in an active chat (yet): ask again later, never on every key
    } finally {
      asking = false;
    }
  });
  return line;
}
