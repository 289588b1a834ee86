// The login dialog of all three pages (u.1, h.1, m.1), with create-account on the user page.
import { el, show } from './dom.js';
import * as api from './api.js';

/** Renders the dialog into `container`; calls onLoggedIn(account) when a login with the needed role succeeded. */
export function renderLogin(container, { title, allowRegister, role, onLoggedIn }) {
  const error = el('p', { class: 'error', role: 'alert' });
  const userName = el('input', { id: 'login-user', name: 'username', autocomplete: 'username', required: true });
  const password = el('input', { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const displayName = el('input', { id: 'login-display', name: 'displayname', autocomplete: 'nickname' });
  const displayRow = el('p', { hidden: true }, el('label', { for: 'login-display' }, 'Display name'), displayName);
  const submit = el('button', { type: 'submit' }, 'Log in');
  let registering = false;
  const heading = el('h2', { id: 'login-heading' }, title);
  const toggle = allowRegister
    ? el('button', { type: 'button', class: 'link', onclick: () => setMode(!registering) }, 'Create an account')
    : null;

  function setMode(register) {
    registering = register;
    heading.textContent = register ? 'Create an account' : title;
    submit.textContent = register ? 'Create account' : 'Log in';
    password.autocomplete = register ? 'new-password' : 'current-password';
    if (toggle) toggle.textContent = register ? 'I already have an account' : 'Create an account';
    show(displayRow, register);
    error.textContent = '';
  }

  const form = el('form', {
    'aria-labelledby': 'login-heading',
    onsubmit: async (e) => {
      e.preventDefault();
      error.textContent = '';
      if (!userName.value.trim() || !password.value) {
        error.textContent = 'Please enter your user name and password.';
        return;
      }
      submit.disabled = true;
      try {
        const account = registering
          ? await api.register(userName.value.trim(), password.value, displayName.value.trim() || userName.value.trim())
          : await api.login(userName.value.trim(), password.value);
        if (role && !api.hasRole(account, role) && !api.hasRole(account, 'Monitor')) {
          await api.logout();
          error.textContent = `This account is not a ${role.toLowerCase()} account.`;
          return;
        }
        password.value = '';
        onLoggedIn(account);
      } catch (err) {
        error.textContent = err.message;
      } finally {
        submit.disabled = false;
      }
    },
  },
  heading,
  el('p', {}, el('label', { for: 'login-user' }, 'User name'), userName),
  el('p', {}, el('label', { for: 'login-password' }, 'Password'), password),
  displayRow,
  el('p', {}, submit, ' ', toggle),
  error);
  container.replaceChildren(form);
  return { focus: () => userName.focus() };
}

/** Checks the cookie; shows the login dialog if needed. Resolves with the account. */
export async function requireLogin(container, options) {
  const account = await api.me();
  if (account && (!options.role || api.hasRole(account, options.role) || api.hasRole(account, 'Monitor'))) {
    return account;
  }
  return new Promise((resolve) => {
    show(container, true);
    renderLogin(container, { ...options, onLoggedIn: (a) => { container.replaceChildren(); show(container, false); resolve(a); } }).focus();
  });
}

/**
 * The start of every page: the login dialog in #login if needed, then "Logged in as …" in #whoami
 * and a #logout button that runs `beforeLogout` (stop the connection) before signing out.
 */
export async function signIn(options) {
  const account = await requireLogin(document.getElementById('login'), options);
  show(document.getElementById('whoami'), true);
  document.getElementById('whoami-name').textContent = `Logged in as ${account.displayName}`;
  document.getElementById('logout').addEventListener('click', async () => {
    await options.beforeLogout?.();
    await api.logout();
    location.reload();
  });
  return account;
}
