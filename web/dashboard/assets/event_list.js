// /dashboard/ without an event: the events the signed-in organizer can see,
// each linked to its dashboard; signed out, the way to sign in.

import { h, replace_children } from '../../assets/lib/dom.js';
import { format_date_range } from '../../e/assets/time.js';
import { get_json } from './api.js';

// The words for a signed-out visitor; also used by the dashboard itself.
export function signed_out_message(t) {
  return [
    h('h2', {}, t('signed_out_title')),
    h('p', {}, t('signed_out_text')),
    h('p', {}, h('a', { href: '/organizer/', id: 'sign-in-link' }, t('sign_in_link')), ' ', t('sign_in_then')),
  ];
}

export async function render_event_list(app) {
  const { t, i18n, main } = app;
  const heading = h('h1', {}, t('list_title'));
  // The event list itself answers anyone (published events are public), so
  // whether someone is signed in is asked separately.
  try {
    await get_json('/api/v1/auth/session');
  } catch (e) {
    replace_children(main, heading, e.status === 401
      ? h('div', { class: 'card' }, signed_out_message(t))
      : h('p', { class: 'error-text', role: 'alert' }, app.describe_error(e)));
    return;
  }
  let events;
  try {
    events = (await get_json('/api/v1/events')).items ?? [];
  } catch (e) {
    replace_children(main, heading, h('p', { class: 'error-text', role: 'alert' }, app.describe_error(e)));
    return;
  }
  const rows = events.map((ev) => h('tr', {},
    h('th', { scope: 'row', lang: i18n.html_lang(i18n.picked_lang(ev.title)) },
      h('a', { href: `/dashboard/${encodeURIComponent(ev.slug)}` }, i18n.pick(ev.title) || ev.slug)),
    h('td', {}, ev.starts_at && ev.ends_at ? format_date_range(ev.starts_at, ev.ends_at, ev.timezone, i18n.lang) : ''),
    h('td', {}, h('span', { class: `badge badge-${ev.status}` }, t(`status_${ev.status}`)))));
  replace_children(main,
    heading,
    h('p', {}, t('list_intro')),
    h('p', { class: 'hint' }, t('list_staff_note')),
    events.length
      ? h('table', { class: 'data-table event-table' },
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, t('col_event')), h('th', { scope: 'col' }, t('col_dates')),
          h('th', { scope: 'col' }, t('col_status')))),
        h('tbody', {}, rows))
      : h('p', { class: 'empty' }, t('no_events')));
}
