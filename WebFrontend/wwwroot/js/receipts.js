// Read receipts. The room pushes each participant's read mark as it moves (marks are the sessions', sent by pages as
// they read; the room stores nothing for them) and lists the present ones in its snapshot. The sender's latest message
// that the other side (the user for staff, staff for the user) has read carries "Seen".

const marks = new Map(); // roomId → Map(userId → { role, seq })

function marksOf(roomId) {
  if (!marks.has(roomId)) marks.set(roomId, new Map());
  return marks.get(roomId);
}

/** Takes the read marks a room snapshot lists (a page that loads or comes back). */
export function seedReadMarks(snapshot) {
  const known = marksOf(snapshot.roomId);
  for (const mark of snapshot.readMarks ?? []) {
    if ((known.get(mark.userId)?.seq ?? 0) < mark.seq) known.set(mark.userId, { role: mark.role, seq: mark.seq });
  }
}

/** Marks "Seen" on my newest message in the panel that the other side has read, and keeps it true as marks and messages arrive. */
export function attachReceipts(core, panel, roomId, me, iAmStaff) {
  const seen = document.createElement('span');
  seen.className = 'seen';
  seen.textContent = 'Seen';
  const otherSide = (role) => (role === 'User') === iAmStaff;

  const update = () => {
    let read = 0;
    for (const [userId, mark] of marksOf(roomId)) if (userId !== me && otherSide(mark.role)) read = Math.max(read, mark.seq);
    const mine = [...panel.log.querySelectorAll('li.msg.mine[data-seq]')].filter((li) => Number(li.dataset.seq) <= read);
    const target = mine[mine.length - 1]?.querySelector('.meta');
    if (!target) {
      seen.remove();
    } else if (seen.parentNode !== target) {
      target.append(seen);
    }
  };

  core.connection.on('signal', (signal) => {
    if (signal.roomId !== roomId || signal.kind !== 'Read') return;
    const known = marksOf(roomId);
    if ((known.get(signal.userId)?.seq ?? 0) < signal.seq) known.set(signal.userId, { role: signal.role, seq: signal.seq });
    update();
  });
  new MutationObserver(update).observe(panel.log, { childList: true });
  update();
}
