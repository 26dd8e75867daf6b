// The event page: details form, rooms and agenda. "#/events/new" shows only
// the details form until the event exists.

import { event_path } from '../api.js';
import { h, replace_children } from '../../assets/lib/dom.js';
import { show_errors } from '../forms.js';
import { format_offset, is_known_zone, local_to_rfc3339, offset_minutes } from '../time.js';
import { build_event_form } from './event_form.js';
import { status_badge } from './event_list.js';
import { build_rooms_panel } from './rooms_panel.js';
import { build_sessions_panel } from './sessions_panel.js';
import { event_nav } from './registration_common.js';

class event_editor {
  constructor(app, main, slug, alive) {
    this.app = app;
    this.main = main;
    this.slug = slug;
    this.alive = alive;
    this.event = null;
    this.rooms = [];
    this.warnings = [];
    this.editing = null;  // null, 'new' or the id of the session being edited
  }

  async load() {
    const [event, rooms] = await Promise.all([
      this.app.api.get(event_path(this.slug)),
      this.app.api.get(event_path(this.slug, 'rooms')),
    ]);
    this.event = event;
    this.rooms = rooms.items ?? [];
  }

  render() {
    const { t } = this.app;
    const creating = !this.event;
    const title = creating ? t('new_event_title') : t('edit_event_title', { title: this.app.i18n.pick(this.event.title) || this.slug });
    replace_children(this.main,
      h('p', { class: 'breadcrumb' }, h('a', { href: '#/events' }, `← ${t('back_to_events')}`)),
      h('div', { class: 'page-head' }, h('h1', {}, title), creating ? null : status_badge(t, this.event.status)),
      creating ? null : event_nav(this.app, this.slug, 'event'),
      creating ? null : live_links(this.app, this.event),
      build_event_form(this.app, this.event, (form, payload) => this.save_event(form, payload)),
      creating ? null : h('div', { class: 'agenda-columns' },
        build_sessions_panel(this.app, this),
        build_rooms_panel(this.app, this)));
  }

  async save_event(form, payload) {
    const { app } = this;
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      if (this.event) {
        this.event = await app.api.patch(event_path(this.slug), payload);
        app.flash(app.t('event_saved'));
        this.rerender({ focus: 'form.event-form button[type=submit]' });
      } else {
        const created = await app.api.post('/api/v1/events', payload);
        app.flash(app.t('event_created'));
        app.navigate(`#/events/${encodeURIComponent(created.slug)}`);
      }
    } catch (err) {
      button.disabled = false;
      show_errors(form, err.errors ?? [], app.t, { aliases: { title: 'title.en', description: 'description.en' },
                                                   detail: app.describe_error(err) });
    }
  }

  async refresh({ focus } = {}) {
    try {
      await this.load();
    } catch (err) {
      this.app.flash(this.app.describe_error(err), 'error');
      return;
    }
    if (this.alive()) this.rerender({ focus });
  }

  rerender({ focus } = {}) {
    this.render();
    const target = focus ? this.main.querySelector(focus) : null;
    if (target) {
      if (target.tabIndex < 0 && !target.matches('input,select,textarea,button,a')) target.tabIndex = -1;
      target.focus();
    }
  }

  open_session_form(which) {
    this.editing = which;
    this.warnings = [];
    this.rerender({ focus: '#session-form-heading' });
  }

  close_session_form() {
    const was = this.editing;
    this.editing = null;
    this.rerender({ focus: was === 'new' || was === null ? '#add-session' : `[data-session-id="${was}"] button` });
  }

  async session_saved(saved) {
    this.editing = null;
    this.warnings = saved.warnings ?? [];
    await this.refresh({ focus: `[data-session-id="${saved.id}"] button` });
  }

  zone_hint(local_value) {
    const zone = this.event.timezone;
    if (!is_known_zone(zone)) return this.app.t('time_hint_unknown');
    const instant = Date.parse(local_to_rfc3339(local_value, zone));
    return this.app.t('time_hint', { zone, offset: format_offset(offset_minutes(zone, Number.isNaN(instant) ? Date.now() : instant)) });
  }
}

// The event's live pages outside this app. The hall screen link is there only
// when the event allows it, so nobody puts up a screen that just says "not
// enabled"; a draft is not public yet, and the note says so.
function live_links(app, event) {
  const { t } = app;
  const slug = encodeURIComponent(event.slug);
  const note = (text) => h('span', { class: 'hint' }, ` – ${text}`);
  const hall = event.public_display
    ? h('li', {}, h('a', { href: `/display/${slug}` }, t('hall_screen')),
        note(event.status === 'draft' ? t('hall_screen_draft') : t('hall_screen_hint')))
    : h('li', { class: 'hint' }, t('hall_screen_off'));
  return h('nav', { class: 'live-links', 'aria-label': t('live_pages') },
    h('ul', {},
      h('li', {}, h('a', { href: `/dashboard/${slug}` }, t('live_dashboard')), note(t('live_dashboard_hint'))),
      hall));
}

export async function render_event_editor(app, main, slug, alive) {
  const editor = new event_editor(app, main, slug, alive);
  if (slug) {
    try {
      await editor.load();
    } catch (err) {
      if (alive()) replace_children(main, h('h1', {}, app.t('events_title')), h('p', { class: 'error-text' }, app.describe_error(err)));
      return;
    }
  }
  if (alive()) editor.render();
}
