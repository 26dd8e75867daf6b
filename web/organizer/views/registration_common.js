// Pieces shared by the registration, detail, add and outbox views: the event's
// section tabs, status badges, country names and times in the event's zone.

import { event_path } from '../api.js';
import { h, replace_children } from '../../assets/lib/dom.js';
import { rfc3339_to_local } from '../time.js';

export const registration_statuses = ['confirmed', 'waitlisted', 'pending', 'cancelled', 'rejected'];

export function registrations_hash(slug, rest = '') {
  return `#/events/${encodeURIComponent(slug)}/registrations${rest}`;
}

export function registration_hash(slug, id) {
  return registrations_hash(slug, `/${encodeURIComponent(String(id))}`);
}

// Tabs between the pages of one event; aria-current marks where we are.
export function event_nav(app, slug, current) {
  const { t } = app;
  const base = `#/events/${encodeURIComponent(slug)}`;
  const tab = (key, href, label) => h('li', {},
    h('a', { href, 'aria-current': key === current ? 'page' : null }, label));
  return h('nav', { class: 'event-nav', 'aria-label': t('event_sections') },
    h('ul', {},
      tab('event', base, t('tab_event')),
      tab('registrations', `${base}/registrations`, t('tab_registrations')),
      tab('outbox', `${base}/outbox`, t('tab_outbox')),
      tab('checkin', `${base}/checkin`, t('tab_checkin'))));
}

// The breadcrumb, h1 and tabs every registration page starts with.
export function page_top(app, slug, current, title, extra) {
  return [
    h('p', { class: 'breadcrumb' }, h('a', { href: '#/events' }, `← ${app.t('back_to_events')}`)),
    h('div', { class: 'page-head' }, h('h1', {}, title), extra ?? null),
    event_nav(app, slug, current),
  ];
}

export function event_title(app, event, slug) {
  return app.i18n.pick(event?.title) || slug;
}

// The status in words, and a border style of its own so it never rests on colour.
export function reg_status_badge(t, status, waitlist_position) {
  const text = known(t, `reg_status_${status}`, status);
  const position = status === 'waitlisted' && Number.isInteger(waitlist_position)
    ? ` ${t('waitlist_position_short', { n: waitlist_position })}` : '';
  return h('span', { class: `badge reg-badge reg-${status}` }, text + position);
}

// A translated word for a server value, or the value itself for one this
// page does not know yet (a newer server may add kinds or actions).
export function known(t, key, fallback) {
  const text = t(key);
  return text === key ? fallback : text;
}

export function format_time(iso, zone) {
  return iso ? rfc3339_to_local(iso, zone).replace('T', ' ') : '';
}

export function time_el(iso, zone) {
  return iso ? h('time', { datetime: iso }, format_time(iso, zone)) : '';
}

export function language_name(t, code) {
  return code === 'zh' ? '中文' : code === 'en' ? 'English' : (code ?? '');
}

let countries_promise = null;

// ISO codes from the server, fetched once per page load.
export function load_countries(app) {
  countries_promise ??= app.api.get('/api/v1/countries').then((r) => r.items ?? []).catch((e) => {
    countries_promise = null;  // the next view tries again
    throw e;
  });
  return countries_promise;
}

// [code, "Name (CODE)"] sorted by name in the UI language.
export function country_options(app, codes) {
  const collator = new Intl.Collator(app.i18n.html_lang());
  return codes.map((c) => [c, app.i18n.country_name(c)])
    .sort((a, b) => collator.compare(a[1], b[1]))
    .map(([c, name]) => [c, name === c ? c : `${name} (${c})`]);
}

export function load_event(app, slug) {
  return app.api.get(event_path(slug));
}

export function session_title(app, session) {
  return app.i18n.pick(session?.title) || `#${session?.id ?? ''}`;
}

// A problem+json error as a sentence: its field messages when it has them.
export function problem_text(app, err) {
  if (err?.errors?.length) return err.errors.map((e) => e.message).join(' ');
  return app.describe_error(err);
}

function error_view(app, main, title, err) {
  main.replaceChildren(h('h1', {}, title), h('p', { class: 'error-text', role: 'alert' }, app.describe_error(err)));
}

// Runs a view's first load, or shows why it failed under `title`; true when
// the view is still wanted and may render.
export async function load_view(app, main, alive, title, load) {
  try {
    await load();
  } catch (err) {
    if (alive()) error_view(app, main, title, err);
    return false;
  }
  return alive();
}

// A section card with its h2; `id` names the heading for aria-labelledby.
export function card(id, title, ...content) {
  return h('section', { class: 'card', 'aria-labelledby': id }, h('h2', { id }, title), content);
}

// Lists paged with "Load more" (registrations, outbox). The view has tbody,
// table, more (the button), error_el, shown and next_cursor.

// A page arrived: its rows replace the list, or follow it after "Load more".
// Returns the new rows.
export function show_page(view, page, row_of, append) {
  view.error_el.hidden = true;
  const items = page.items ?? [];
  const rows = items.flatMap(row_of);
  if (append) view.tbody.append(...rows);
  else replace_children(view.tbody, rows);
  view.shown = (append ? view.shown : 0) + items.length;
  view.next_cursor = page.next_cursor ?? null;
  view.more.hidden = !view.next_cursor;
  view.more.disabled = false;
  view.table.hidden = view.shown === 0;
  return rows;
}

// A page did not arrive: the reason, and "Load more" works again.
export function show_page_error(view, err) {
  view.more.disabled = false;
  view.error_el.textContent = view.app.describe_error(err);
  view.error_el.hidden = false;
}
