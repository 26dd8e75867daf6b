// The ticket pieces of the manage page: the QR code SVG (fetched with the
// manage token, so it cannot be an <img src>), the .ics download as a blob,
// and copying the private link.

import { fetch_blob, fetch_text, self_path } from './api.js';
import { h } from '../../assets/lib/dom.js';

const svg_ns = 'http://www.w3.org/2000/svg';

export function load_qr(token) {
  return fetch_text(`${self_path}/ticket.svg`, { token });
}

// Parses the server's SVG and imports it into the page. Anything active is
// dropped first: the markup comes from the network, and CSP would refuse it anyway.
export function qr_node(svg_text, label) {
  const doc = new DOMParser().parseFromString(svg_text, 'image/svg+xml');
  const root = doc.documentElement;
  if (root.namespaceURI !== svg_ns || root.localName !== 'svg' || doc.getElementsByTagName('parsererror').length) {
    return null;
  }
  for (const el of [...root.querySelectorAll('script, foreignObject, style')]) el.remove();
  for (const el of [root, ...root.querySelectorAll('*')]) {
    for (const attr of [...el.attributes]) {
      if (/^on/i.test(attr.name) || attr.name === 'style') el.removeAttribute(attr.name);
    }
  }
  for (const title of [...root.querySelectorAll('title, desc')]) title.remove();
  const svg = document.importNode(root, true);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  svg.setAttribute('focusable', 'false');
  svg.classList.add('qr-svg');
  return svg;
}

export async function download_ics(token, filename) {
  const blob = await fetch_blob(`${self_path}/sessions.ics`, { token });
  const url = URL.createObjectURL(blob.type ? blob : new Blob([blob], { type: 'text/calendar' }));
  const a = h('a', { href: url, download: filename, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started by now; the URL is only kept a while for slow browsers.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

// Returns whether the text reached the clipboard; otherwise the input is
// left selected so the visitor can copy it by hand.
export async function copy_text(text, input) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    input.focus();
    input.select();
    return false;
  }
}
