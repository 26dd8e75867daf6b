// The badge print view after a welcome: name, organization, country, event
// title and (when the ticket code was scanned) its QR code, shown on screen
// as a preview and printed alone through the @media print rules in kiosk.css.

import { h, replace_children } from '../../assets/lib/dom.js';
import { qr_svg } from './qr.js';

export function open_badge(app, attendee, ticket_code, on_close) {
  const { t, i18n } = app;
  const sheet = document.getElementById('badge-sheet');
  const close = () => {
    sheet.hidden = true;
    sheet.replaceChildren();
    document.body.classList.remove('badge-open');
    on_close?.();
    app.view?.focus_input?.();
  };
  let qr = null;
  if (ticket_code) {
    try {
      qr = qr_svg(ticket_code, t('ticket_qr', { code: ticket_code }));
    } catch {
      qr = null;  // a badge without a QR code is still a badge
    }
  }
  const print_button = h('button', { type: 'button', onclick: () => window.print() }, t('print'));
  replace_children(sheet,
    h('div', { class: 'badge', role: 'dialog', 'aria-modal': 'true', 'aria-label': t('badge_title') },
      h('p', { class: 'badge-event' }, i18n.pick(app.self.event.title)),
      h('p', { class: 'badge-name' }, attendee.name),
      attendee.organization ? h('p', { class: 'badge-org' }, attendee.organization) : null,
      attendee.country ? h('p', { class: 'badge-country' }, i18n.country_name(attendee.country)) : null,
      qr ? h('div', { class: 'badge-qr' }, qr) : null),
    h('div', { class: 'badge-actions' }, print_button,
      h('button', { type: 'button', class: 'secondary', onclick: close }, t('close'))));
  sheet.hidden = false;
  document.body.classList.add('badge-open');
  sheet.addEventListener('keydown', (e) => { if (e.key === 'Escape') close(); }, { once: true });
  print_button.focus();
}
