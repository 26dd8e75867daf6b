// The registrations of one event: search and filters kept in the hash query
// (so a reload or a shared link shows the same list), cursor paging with
// "Load more", the total, and a CSV download.

import { event_path } from '../api.js';
import { h, next_id, replace_children } from '../../assets/lib/dom.js';
import {
  country_options, event_title, load_countries, load_event, load_view, page_top, reg_status_badge,
  registration_hash, registration_statuses, registrations_hash, session_title, show_page, show_page_error, time_el,
} from './registration_common.js';

const filter_names = ['q', 'status', 'country', 'session'];
const page_size = 50;
const search_delay_ms = 350;

class registrations_view {
  constructor(app, main, slug, query, alive) {
    this.app = app;
    this.main = main;
    this.slug = slug;
    this.alive = alive;
    this.filters = Object.fromEntries(filter_names.map((n) => [n, query.get(n) ?? '']));
    this.event = null;
    this.countries = [];
    this.shown = 0;
    this.next_cursor = null;
    this.request = 0;  // answers to superseded requests are dropped
    this.search_timer = null;
    this.loaded_once = false;
  }

  async load_context() {
    const [event, countries] = await Promise.all([
      load_event(this.app, this.slug),
      load_countries(this.app).catch(() => []),  // the filter falls back to the codes in use
    ]);
    this.event = event;
    this.countries = countries;
  }

  render() {
    const { app } = this;
    const { t } = app;
    const csv = h('a', { class: 'button secondary', href: event_path(this.slug, 'registrations.csv'),
                         download: `registrations-${this.slug}.csv` }, t('download_csv'));
    const add = h('a', { class: 'button', href: registrations_hash(this.slug, '/new') }, t('add_registration'));
    this.count_el = h('p', { class: 'result-count', id: 'reg-count', role: 'status', 'aria-live': 'polite' });
    this.error_el = h('p', { class: 'error-text', role: 'alert', hidden: true });
    this.tbody = h('tbody', {});
    this.table = h('table', { class: 'event-table reg-table', 'aria-describedby': 'reg-count' },
      h('caption', { class: 'visually-hidden' }, t('registrations_caption')),
      h('thead', {}, h('tr', {},
        ['col_name', 'col_email', 'col_organization', 'col_country', 'col_status', 'col_sessions', 'col_created']
          .map((k) => h('th', { scope: 'col' }, t(k))))),
      this.tbody);
    this.more = h('button', { type: 'button', class: 'secondary', hidden: true, onclick: () => this.load_more() },
                  t('load_more'));
    replace_children(this.main,
      page_top(app, this.slug, 'registrations', t('registrations_title', { title: event_title(app, this.event, this.slug) }),
               h('div', { class: 'actions' }, add, csv)),
      this.filter_form(),
      this.count_el,
      this.error_el,
      h('div', { class: 'table-scroll' }, this.table),
      h('div', { class: 'actions' }, this.more));
  }

  filter_form() {
    const { t } = this.app;
    const f = this.filters;
    const field = (name, label, control) => {
      const id = next_id('filter');
      control.id = id;
      control.name = name;
      return h('div', { class: 'field' }, h('label', { for: id }, label), control);
    };
    const select = (name, all_label, options) => h('select', { onchange: () => this.apply_filters() },
      h('option', { value: '' }, all_label),
      options.map(([v, text]) => h('option', { value: v, selected: v === f[name] }, text)));
    const sessions = [...(this.event.sessions ?? [])]
      .sort((a, b) => Date.parse(a.starts_at) - Date.parse(b.starts_at))
      .map((s) => [String(s.id), session_title(this.app, s)]);
    const codes = this.countries.length ? this.countries : (f.country ? [f.country] : []);
    const search = h('input', { type: 'search', value: f.q, autocomplete: 'off',
                                oninput: () => this.schedule_search() });
    this.form = h('form', { class: 'card filters', role: 'search', 'aria-label': t('filter_registrations') },
      h('div', { class: 'filter-grid' },
        field('q', t('search_label'), search),
        field('status', t('filter_status'), select('status', t('all_statuses'),
          registration_statuses.map((s) => [s, t(`reg_status_${s}`)]))),
        field('country', t('filter_country'), select('country', t('all_countries'), country_options(this.app, codes))),
        field('session', t('filter_session'), select('session', t('all_sessions'), sessions)),
        h('div', { class: 'actions' },
          h('button', { type: 'submit' }, t('search_submit')),
          h('button', { type: 'button', class: 'secondary', onclick: () => this.clear_filters() }, t('clear_filters')))));
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.apply_filters();
    });
    return this.form;
  }

  schedule_search() {
    clearTimeout(this.search_timer);
    this.search_timer = setTimeout(() => this.apply_filters(), search_delay_ms);
  }

  read_filters() {
    const value = (name) => this.form.elements.namedItem(name).value;
    return { q: value('q').trim(), status: value('status'), country: value('country'), session: value('session') };
  }

  // The hash changes without a hashchange event (replaceState), so the view
  // and the focus stay where they are while the list reloads.
  apply_filters() {
    clearTimeout(this.search_timer);
    const next = this.read_filters();
    if (filter_names.every((n) => next[n] === this.filters[n]) && this.loaded_once) return;
    this.filters = next;
    const params = new URLSearchParams(filter_names.filter((n) => next[n]).map((n) => [n, next[n]]));
    const query = params.toString();
    history.replaceState(history.state, '', registrations_hash(this.slug, query ? `?${query}` : ''));
    this.load_page(false);
  }

  clear_filters() {
    for (const name of filter_names) this.form.elements.namedItem(name).value = '';
    this.apply_filters();
    this.form.elements.namedItem('q').focus();
  }

  list_path(cursor) {
    const params = new URLSearchParams(filter_names.filter((n) => this.filters[n]).map((n) => [n, this.filters[n]]));
    params.set('limit', String(page_size));
    if (cursor) params.set('cursor', cursor);
    return `${event_path(this.slug, 'registrations')}?${params}`;
  }

  async load_page(append) {
    const { app } = this;
    const request = ++this.request;
    this.more.disabled = true;
    this.table.setAttribute('aria-busy', 'true');
    let page;
    try {
      page = await app.api.get(this.list_path(append ? this.next_cursor : null));
    } catch (err) {
      if (request !== this.request || !this.alive()) return;
      this.table.removeAttribute('aria-busy');
      show_page_error(this, err);
      return;
    }
    if (request !== this.request || !this.alive()) return;
    this.loaded_once = true;
    this.table.removeAttribute('aria-busy');
    const rows = show_page(this, page, (r) => this.row(r), append);
    this.update_count(page.total);
    // After "Load more" the keyboard continues at the first new row.
    if (append) rows[0]?.querySelector('a')?.focus();
  }

  update_count(total) {
    const { t } = this.app;
    const n = Number.isInteger(total) ? total : this.shown;
    if (n === 0) this.count_el.textContent = t('no_registrations');
    else if (this.shown < n) this.count_el.textContent = t('registrations_count_partial', { n, shown: this.shown });
    else this.count_el.textContent = t(n === 1 ? 'registrations_count_one' : 'registrations_count', { n });
  }

  load_more() {
    if (this.next_cursor) this.load_page(true);
  }

  row(r) {
    const { app } = this;
    const zone = this.event.timezone;
    const sessions = (r.sessions ?? []).map((s) => h('li', {}, session_title(app, s),
      s.status && s.status !== 'confirmed' ? [' ', reg_status_badge(app.t, s.status, s.waitlist_position)] : null));
    return h('tr', { dataset: { registrationId: String(r.id) } },
      h('th', { scope: 'row' }, h('a', { href: registration_hash(this.slug, r.id) }, r.name)),
      h('td', {}, r.email),
      h('td', {}, r.organization ?? ''),
      h('td', {}, r.country ? h('abbr', { title: r.country }, app.i18n.country_name(r.country)) : ''),
      h('td', {}, reg_status_badge(app.t, r.status, r.waitlist_position)),
      h('td', {}, sessions.length ? h('ul', { class: 'cell-list' }, sessions) : ''),
      h('td', { class: 'nowrap' }, time_el(r.created_at, zone)));
  }
}

export async function render_registrations(app, main, slug, query, alive) {
  const view = new registrations_view(app, main, slug, query, alive);
  if (!await load_view(app, main, alive, app.t('tab_registrations'), () => view.load_context())) return;
  view.render();
  await view.load_page(false);
}
