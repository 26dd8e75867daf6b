// The public event page /e/{slug}: the event, its agenda grouped by day in the
// event's time zone, the registration state and the sign-up form.

import { call, event_path } from './api.js';
import { h, replace_children } from '../../assets/lib/dom.js';
import { registration_form } from './register.js';
import { day_key, format_date_range, format_datetime, format_day, format_time_range, zone_offset } from './time.js';

// Multi-line texts become paragraphs at blank lines; single line breaks stay (CSS pre-line).
export function paragraphs(text, lang) {
  return String(text ?? '').split(/\n\s*\n/).filter((p) => p.trim())
    .map((p) => h('p', { class: 'multiline', lang }, p.trim()));
}

function bilingual(app, tag, props, text) {
  return h(tag, { ...props, lang: app.i18n.html_lang(app.i18n.picked_lang(text)) }, app.i18n.pick(text));
}

function speaker_line(app, s) {
  const { t } = app;
  const extra = [s.organization, s.country ? app.i18n.country_name(s.country) : null].filter(Boolean).join(', ');
  const role = s.role === 'moderator' || s.role === 'panelist' ? ` — ${t(`role_${s.role}`)}` : '';
  return h('li', {}, s.name, extra ? ` (${extra})` : '', role);
}

function seats_badge(app, s) {
  const { t } = app;
  if (!s.requires_signup) return null;
  let seats = null;
  if (s.seats_left !== null && s.seats_left !== undefined) {
    if (s.seats_left <= 0) seats = t('session_full');
    else seats = s.seats_left === 1 ? t('seats_left_one') : t('seats_left', { n: s.seats_left });
  }
  return h('p', { class: 'badge' }, [t('signup_needed'), seats].filter(Boolean).join(' · '));
}

function session_item(app, event, s) {
  const { t, lang } = app.i18n;
  const zone = event.timezone;
  const kind = t(`kind_${s.kind}`);
  return h('li', { class: `agenda-item kind-${s.kind}` },
    h('p', { class: 'agenda-time' },
      h('time', { datetime: s.starts_at }, format_time_range(s.starts_at, s.ends_at, zone, lang))),
    h('div', { class: 'agenda-body' },
      bilingual(app, 'h4', { class: 'agenda-title' }, s.title),
      h('p', { class: 'agenda-meta' }, [kind, s.room].filter(Boolean).join(' · ')),
      s.topic ? h('p', { class: 'agenda-topic' }, `${t('topic')}: `, s.topic) : null,
      s.speakers?.length ? h('ul', { class: 'speakers', 'aria-label': t('speakers') }, s.speakers.map((sp) => speaker_line(app, sp))) : null,
      app.i18n.pick(s.abstract) ? paragraphs(app.i18n.pick(s.abstract), app.i18n.html_lang(app.i18n.picked_lang(s.abstract))) : null,
      seats_badge(app, s)));
}

function agenda(app, event) {
  const { t, lang } = app.i18n;
  const zone = event.timezone;
  const days = new Map();
  const sorted = [...(event.sessions ?? [])].sort((a, b) => Date.parse(a.starts_at) - Date.parse(b.starts_at));
  for (const s of sorted) {
    const key = day_key(s.starts_at, zone);
    if (!days.has(key)) days.set(key, []);
    days.get(key).push(s);
  }
  return h('section', { class: 'agenda', 'aria-labelledby': 'agenda-title' },
    h('h2', { id: 'agenda-title' }, t('agenda_title')),
    h('p', { class: 'hint' }, t('times_note', { zone, offset: zone_offset(event.starts_at, zone) })),
    days.size === 0 ? h('p', {}, t('no_sessions')) : null,
    [...days.values()].map((list) => h('section', { class: 'agenda-day' },
      h('h3', {}, format_day(list[0].starts_at, zone, lang)),
      h('ol', { class: 'agenda-list' }, list.map((s) => session_item(app, event, s))))));
}

// What the visitor can do now; null state means the form is shown.
function state_message(app, event) {
  const { t, lang } = app.i18n;
  const reg = event.registration ?? {};
  const zone = event.timezone;
  if (reg.state === 'not_open_yet') {
    return [t('reg_not_open'), event.registration_opens_at
      ? t('reg_opens_at', { date: format_datetime(event.registration_opens_at, zone, lang) }) : null];
  }
  if (reg.state === 'closed' || event.status === 'closed') return [t('reg_closed')];
  return null;
}

function open_notes(app, event) {
  const { t, lang } = app.i18n;
  const reg = event.registration ?? {};
  const notes = [];
  if (reg.places_left === 0) notes.push(t('event_full'));
  else if (typeof reg.places_left === 'number') {
    notes.push(reg.places_left === 1 ? t('places_left_one') : t('places_left', { n: reg.places_left }));
  }
  if (event.registration_closes_at) {
    notes.push(t('reg_closes_at', { date: format_datetime(event.registration_closes_at, event.timezone, lang) }));
  }
  if (event.requires_approval) notes.push(t('approval_note'));
  return notes;
}

export class event_page {
  constructor(app, slug) {
    this.app = app;
    this.slug = slug;
    this.event = null;
    this.countries = null;
    this.form = null;
  }

  async load() {
    const [event, countries] = await Promise.allSettled([
      call('GET', event_path(this.slug)),
      call('GET', '/api/v1/countries'),
    ]);
    if (event.status === 'rejected') {
      this.app.show_error(event.reason, { not_found: 'event_not_found' });
      return;
    }
    this.event = event.value;
    this.countries = countries.status === 'fulfilled' ? countries.value.items : null;
    this.form = new registration_form(this.app, this.event, this.countries);
    this.render();
  }

  render() {
    const { app, event } = this;
    if (!event) return;
    const { t, lang } = app.i18n;
    const { pick } = app.i18n;
    document.title = `${pick(event.title)} · ${t('app_title')}`;
    const closed = state_message(app, event);
    const description = pick(event.description);
    replace_children(app.main,
      h('header', { class: 'event-head' },
        bilingual(app, 'h1', {}, event.title),
        h('dl', { class: 'event-facts' },
          h('div', {}, h('dt', {}, t('when')),
            h('dd', {}, h('time', { datetime: event.starts_at }, format_date_range(event.starts_at, event.ends_at, event.timezone, lang)))),
          event.venue ? h('div', {}, h('dt', {}, t('where')), h('dd', {}, event.venue)) : null),
        closed
          ? h('div', { class: 'notice notice-closed', id: 'registration-state' }, closed.filter(Boolean).map((m) => h('p', {}, m)))
          : h('p', { class: 'cta' }, h('a', { class: 'button', href: '#register' }, t('register_now')))),
      description
        ? h('section', { class: 'event-description' }, paragraphs(description, app.i18n.html_lang(app.i18n.picked_lang(event.description))))
        : null,
      agenda(app, event),
      closed ? null : h('section', { class: 'register', id: 'register', 'aria-labelledby': 'register-title', tabindex: -1 },
        h('h2', { id: 'register-title' }, t('register_title')),
        open_notes(app, event).map((n) => h('p', { class: 'notice' }, n)),
        this.form.render()));
  }
}
