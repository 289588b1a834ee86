// The helper console's keyboard: Alt+↓ / Alt+↑ next / previous chat from anywhere, ↓ ↑ Home End on the chat list
// (the ARIA tabs pattern, one tab stop), Alt+M the message box, Alt+C the canned picker. Keys are matched by their
// physical code so Alt+C works whatever character the layout makes of it; none of them is taken by Chromium.

/**
 * tablist: the chat list element; ids(): room ids in list order; selected(): the selected id;
 * select(id, { focus }): selects a chat ('tab' focuses its tab, 'composer' its message box);
 * composer(): focuses the selected chat's message box; picker(): opens its canned picker.
 */
export function installConsoleKeys({ tablist, ids, selected, select, composer, picker }) {
  const step = (delta) => {
    const list = ids();
    if (list.length === 0) return null;
    const at = list.indexOf(selected());
    return list[(at < 0 ? 0 : at + delta + list.length) % list.length];
  };

  tablist.addEventListener('keydown', (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const list = ids();
    const target = { ArrowDown: step(1), ArrowRight: step(1), ArrowUp: step(-1), ArrowLeft: step(-1), Home: list[0], End: list[list.length - 1] }[e.key];
    if (target === undefined) return;
    e.preventDefault();
    if (target) select(target, { focus: 'tab' });
  });

  document.addEventListener('keydown', (e) => {
    if (!e.altKey || e.ctrlKey || e.metaKey) return;
    if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && !(e.target instanceof HTMLSelectElement)) { // Alt+↓ opens a select
      e.preventDefault();
      const target = step(e.key === 'ArrowDown' ? 1 : -1);
      if (target) select(target, { focus: tablist.contains(document.activeElement) ? 'tab' : 'composer' });
    } else if (e.code === 'KeyM') {
      e.preventDefault();
      composer();
    } else if (e.code === 'KeyC') {
      e.preventDefault();
      picker();
    }
  });
}
