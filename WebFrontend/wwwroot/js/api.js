// The HTTP account API and error texts shared by the three pages.

async function post(url, body) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  });
  if (response.ok) return response.status === 204 ? null : response.json();
  throw new Error(await errorText(response));
}

async function errorText(response) {
  if (response.status === 429) {
    try {
      const body = await response.json();
      if (body && body.message) return body.message;
    } catch {
      // not JSON: the rate limiter's empty answer
    }
    return 'Too many attempts. Please wait a minute and try again.';
  }
  try {
    const body = await response.json();
    if (body && body.message) return body.message;
  } catch {
    // fall through
  }
  return `The server refused the request (${response.status}).`;
}

export const login = (userName, password) => post('/api/account/login', { userName, password });
export const register = (userName, password, displayName) => post('/api/account/register', { userName, password, displayName });
export const logout = () => post('/api/account/logout');

export async function me() {
  const response = await fetch('/api/account/me', { credentials: 'same-origin' });
  return response.ok ? response.json() : null;
}

/** True when the server says this page's login is gone (401); false when logged in or when the server cannot be reached. */
export async function sessionEnded() {
  try {
    return (await fetch('/api/account/me', { credentials: 'same-origin' })).status === 401;
  } catch {
    return false;
  }
}

export function hasRole(account, role) {
  return String(account?.roles ?? '').split(',').map((r) => r.trim()).includes(role);
}

/** The person-readable part of a hub error ("code: message" inside SignalR's wrapper). */
export function errorMessage(error) {
  const text = String(error?.message ?? error ?? '');
  const marker = 'HubException: ';
  const at = text.indexOf(marker);
  if (at >= 0) {
    const rest = text.slice(at + marker.length);
    const colon = rest.indexOf(': ');
    return colon > 0 && /^[a-z-]+$/.test(rest.slice(0, colon)) ? rest.slice(colon + 2) : rest;
  }
  if (/connection|disconnected|websocket/i.test(text)) return 'The connection to the chat service was lost. Retrying…';
  return text || 'Something went wrong. Please try again.';
}

/** The error code of a hub error, or '' for a connection problem. */
export function errorCode(error) {
  const text = String(error?.message ?? error ?? '');
  const match = text.match(/HubException: ([a-z-]+): /);
  return match ? match[1] : '';
}
