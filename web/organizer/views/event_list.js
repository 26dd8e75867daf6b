// The event list: every event the organizer may see, with status badges.

import { h, replace_children } from '../../assets/lib/dom.js';
import { rfc3339_to_local } from '../time.js';

export function status_badge(t, status) {
  return h('span', { class: `badge badge-${status}` }, t(`status_${status}`));
}

export async function render_event_list(app, main, alive) {
  const { t } = app;
  let events;
  try {
    events = (await app.api.get('/api/v1/events')).items ?? [];
  } catch (e) {
    if (alive()) replace_children(main, h('h1', {}, t('events_title')), h('p', { class: 'error-text' }, app.describe_error(e)));
    return;
  }
  if (!alive()) return;
  const dates = (ev) => {
    const start = rfc3339_to_local(ev.starts_at, ev.timezone).slice(0, 10);
    const end = rfc3339_to_local(ev.ends_at, ev.timezone).slice(0, 10);
    return start === end ? start : `${start} – ${end}`;
  };
  const table = h('table', { class: 'event-table' },
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, t('col_title')), h('th', { scope: 'col' }, t('col_slug')),
      h('th', { scope: 'col' }, t('col_dates')), h('th', { scope: 'col' }, t('col_status')))),
    h('tbody', {}, events.map((ev) => h('tr', {},
      h('th', { scope: 'row' }, h('a', { href: `#/events/${encodeURIComponent(ev.slug)}` }, app.i18n.pick(ev.title) || ev.slug)),
      h('td', {}, h('code', {}, ev.slug)),
      h('td', {}, dates(ev)),
      h('td', {}, status_badge(t, ev.status))))));
  replace_children(main,
    h('div', { class: 'page-head' },
      h('h1', {}, t('events_title')),
      h('a', { class: 'button', href: '#/events/new' }, t('new_event'))),
    events.length ? table : h('p', { class: 'empty' }, t('no_events')));
}
