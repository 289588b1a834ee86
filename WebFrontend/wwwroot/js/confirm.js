// Confirmation of what cannot be undone (end a chat, send it back, leave): an in-page modal <dialog>, keyboard-usable,
// with the safe choice focused first. Resolves true only when the person chose the action.
import { el } from './dom.js';

let counter = 0;

/** Asks "title / text" with the action's own label (e.g. "End chat") and "Cancel"; Escape cancels. */
export function confirmAction({ title, text, action }) {
  const id = `confirm-${++counter}`;
  return new Promise((resolve) => {
    const cancel = el('button', { type: 'button', class: 'secondary', onclick: () => dialog.close('cancel') }, 'Cancel');
    const dialog = el('dialog', { class: 'confirm', 'aria-labelledby': `${id}-title`, 'aria-describedby': `${id}-text` },
      el('h2', { id: `${id}-title` }, title),
      el('p', { id: `${id}-text` }, text),
      el('div', { class: 'dialog-buttons' },
        cancel,
        el('button', { type: 'button', class: 'danger', onclick: () => dialog.close('ok') }, action)));
    const opener = document.activeElement;
    dialog.addEventListener('close', () => {
      dialog.remove();
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
      resolve(dialog.returnValue === 'ok');
    });
    document.body.append(dialog);
    dialog.showModal();
    cancel.focus();
  });
}
