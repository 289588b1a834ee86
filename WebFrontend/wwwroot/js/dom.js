// DOM helpers. Every user-typed string goes into the page as a text node, never as HTML.

/** Creates an element. props: attributes (class, aria-*, …), `on*` handlers; children: nodes or strings (as text). */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else if (key === 'value') node.value = value;
    else if (key === 'checked') node.checked = !!value;
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  append(node, ...children);
  return node;
}

export function append(parent, ...children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

export function show(node, visible) {
  node.hidden = !visible;
}

const urlPattern = /\bhttps?:\/\/[^\s<>"']+/gi;

const formatPattern = /\*\*([^*\n]+)\*\*|(^|[\s(])_([^_\n]+)_(?=$|[\s.,;:!?)])/g;

/**
 * Appends text with **bold** and _emphasis_ (from the formatting buttons) as strong/em elements holding text nodes; each
 * may hold the other (**very _really_ blurry**). The markers are stripped at each level, so the nesting ends.
 */
export function appendFormatted(parent, text) {
  let last = 0;
  for (const match of text.matchAll(formatPattern)) {
    const lead = match[2] ?? '';
    const start = match.index + lead.length;
    parent.appendChild(document.createTextNode(text.slice(last, start)));
    parent.appendChild(match[1] !== undefined ? appendFormatted(el('strong', {}), match[1]) : appendFormatted(el('em', {}), match[3]));
    last = match.index + match[0].length;
  }
  parent.appendChild(document.createTextNode(text.slice(last)));
  return parent;
}

/** Appends text with http/https URLs as links that open in a new tab; nothing else becomes markup. */
export function appendLinkified(parent, text) {
  let last = 0;
  for (const match of text.matchAll(urlPattern)) {
    let raw = match[0];
    const trailing = raw.match(/[.,;:!?)\]]+$/);
    if (trailing) raw = raw.slice(0, -trailing[0].length);
    let url = null;
    try {
      url = new URL(raw);
    } catch {
      url = null;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) continue;
    appendFormatted(parent, text.slice(last, match.index));
    parent.appendChild(el('a', { href: url.href, target: '_blank', rel: 'noopener noreferrer nofollow' }, raw));
    last = match.index + raw.length;
  }
  appendFormatted(parent, text.slice(last));
  return parent;
}

/** Appends message text line by line (links and formatting as above), with a <br> element for each line break. */
export function appendMultiline(parent, text) {
  String(text ?? '').split('\n').forEach((line, i) => {
    if (i > 0) parent.appendChild(el('br'));
    appendLinkified(parent, line);
  });
  return parent;
}

export function formatDuration(totalSeconds) {
  const s = Math.max(0, Math.round(totalSeconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

export function formatTime(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleString();
}
