// The attendee's own page /e/{slug}/manage#token=...: status, ticket with QR
// code, the private link, chosen sessions, changing and cancelling. The token
// stays in the fragment so it never reaches a server log.

import { call, event_path, self_path } from './api.js';
import { h, next_id, replace_children } from '../../assets/lib/dom.js';
import { snapshot } from './forms.js';
import { failure_text, just_registered_key, show_failure } from './register.js';
import { collect, registration_form_el, session_aliases } from './reg_fields.js';
import { copy_text, download_ics, load_qr, qr_node } from './ticket.js';
import { format_date_range, format_day, format_time_range } from './time.js';

export function token_from_hash() {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  return params.get('token') || null;
}

const live_statuses = new Set(['confirmed', 'waitlisted', 'pending']);

function status_text(t, reg) {
  if (reg.status === 'waitlisted') {
    return reg.waitlist_position ? t('status_waitlisted', { n: reg.waitlist_position }) : t('status_waitlisted_plain');
  }
  return t(`status_${reg.status}`);
}

function session_status(t, s) {
  if (s.status === 'waitlisted') {
    return s.waitlist_position ? t('session_waitlisted', { n: s.waitlist_position }) : t('session_waitlisted_plain');
  }
  return t(s.status === 'pending' ? 'session_pending' : 'session_confirmed');
}

export class manage_page {
  constructor(app, slug) {
    this.app = app;
    this.slug = slug;
    this.token = token_from_hash();
    this.reg = null;
    this.event = null;
    this.countries = null;
    this.qr_text = null;
    this.qr_failed = false;
    this.editing = false;
    this.edit_form = null;
    this.confirming = false;
    this.welcome = false;
  }

  async load() {
    const { app } = this;
    if (!this.token) {
      this.show_link_problem('token_missing');
      return;
    }
    const [reg, event] = await Promise.allSettled([
      call('GET', self_path, { token: this.token }),
      call('GET', event_path(this.slug)),
    ]);
    if (reg.status === 'rejected') {
      if (reg.reason.status === 401 || reg.reason.status === 404) this.show_link_problem('token_invalid');
      else app.show_error(reg.reason);
      return;
    }
    this.reg = reg.value;
    this.event = event.status === 'fulfilled' ? event.value : null;
    // The token decides which registration this is, whatever the path says.
    if (this.reg.event?.slug && this.reg.event.slug !== this.slug) {
      this.slug = this.reg.event.slug;
      await this.refresh_event();
    }
    try {
      this.welcome = sessionStorage.getItem(just_registered_key) === '1';
      sessionStorage.removeItem(just_registered_key);
    } catch {
      // the page works without the greeting
    }
    this.render();
    this.load_ticket();
  }

  show_link_problem(key) {
    this.link_problem = key;
    this.render_link_problem();
  }

  render_link_problem() {
    const { t } = this.app;
    document.title = `${t('manage_title')} · ${t('app_title')}`;
    replace_children(this.app.main,
      h('h1', {}, t('manage_title')),
      h('div', { class: 'notice notice-error', role: 'alert' }, h('p', {}, t(this.link_problem))),
      h('p', {}, h('a', { href: `/e/${encodeURIComponent(this.slug)}` }, t('back_to_event'))));
  }

  async load_ticket() {
    if (!this.reg || !live_statuses.has(this.reg.status) || this.qr_text) return;
    try {
      this.qr_text = await load_qr(this.token);
    } catch {
      this.qr_failed = true;
    }
    this.fill_qr();
  }

  fill_qr() {
    const box = this.app.main.querySelector('.qr');
    if (!box) return;
    const { t } = this.app;
    const svg = this.qr_text ? qr_node(this.qr_text, t('qr_label', { code: this.reg.ticket_code_display })) : null;
    if (svg) replace_children(box, svg);
    else if (this.qr_failed || this.qr_text) replace_children(box, h('p', { class: 'hint' }, t('ticket_failed')));
  }

  async refresh_event() {
    try {
      this.event = await call('GET', event_path(this.slug));
    } catch {
      // seat counts in the change form stay as they were; without an event, no change form
    }
  }

  render() {
    if (this.link_problem) {
      this.render_link_problem();
      return;
    }
    const { app, reg } = this;
    if (!reg) return;
    const { t } = app;
    const { pick, lang } = app.i18n;
    const ev = reg.event ?? {};
    const live = live_statuses.has(reg.status);
    if (this.edit_form) this.edit_saved = snapshot(this.edit_form);
    document.title = `${t('manage_title')} · ${pick(ev.title)} · ${t('app_title')}`;
    replace_children(app.main,
      h('h1', {}, this.welcome && live ? t('thanks_title') : t('manage_title')),
      h('p', { class: 'event-line' },
        h('a', { href: `/e/${encodeURIComponent(this.slug)}` }, pick(ev.title)),
        ev.starts_at ? ` · ${format_date_range(ev.starts_at, ev.ends_at, ev.timezone, lang)}` : '',
        ev.venue ? ` · ${ev.venue}` : ''),
      h('section', { class: 'card status-card', 'aria-labelledby': 'status-title' },
        h('h2', { id: 'status-title', tabindex: -1 }, t('status')),
        h('p', { class: `status status-${reg.status}`, id: 'reg-status' }, status_text(t, reg))),
      live ? this.ticket_section() : null,
      live ? this.link_section() : null,
      live ? this.sessions_section(live) : null,
      this.details_section(live),
      live ? this.cancel_section() : null,
      live ? null : h('p', {}, h('a', { class: 'button', href: `/e/${encodeURIComponent(this.slug)}` }, t('register_again'))));
    if (live) this.fill_qr();
  }

  ticket_section() {
    const { t } = this.app;
    const reg = this.reg;
    return h('section', { class: 'card ticket', 'aria-labelledby': 'ticket-title' },
      h('h2', { id: 'ticket-title' }, t('ticket_title')),
      h('p', { class: 'ticket-code-line' }, `${t('ticket_code')}: `,
        h('code', { class: 'ticket-code' }, reg.ticket_code_display ?? reg.ticket_code)),
      h('div', { class: 'qr' }, h('p', { class: 'hint' }, t('loading'))),
      h('p', { class: 'hint' }, reg.status === 'confirmed' ? t('ticket_hint') : t('ticket_not_yet')));
  }

  link_section() {
    const { t } = this.app;
    const url = `${location.origin}${location.pathname}#token=${encodeURIComponent(this.token)}`;
    const id = next_id('link');
    const status = h('p', { class: 'copy-status', role: 'status', 'aria-live': 'polite' });
    const input = h('input', { id, type: 'text', readonly: true, value: url, class: 'link-input', spellcheck: 'false' });
    const copy = async () => {
      status.textContent = (await copy_text(url, input)) ? t('link_copied') : t('copy_failed');
    };
    return h('section', { class: 'card private-link', 'aria-labelledby': 'link-title' },
      h('h2', { id: 'link-title' }, t('link_title')),
      h('p', {}, t('link_note')),
      h('div', { class: 'field' }, h('label', { for: id }, t('link_label')),
        h('div', { class: 'inline' }, input, h('button', { type: 'button', class: 'secondary', onclick: copy }, t('copy_link')))),
      status);
  }

  sessions_section(live) {
    const { t } = this.app;
    const { pick, lang } = this.app.i18n;
    const reg = this.reg;
    const zone = reg.event?.timezone;
    const sessions = reg.sessions ?? [];
    const error = h('p', { class: 'field-error', role: 'alert', hidden: true });
    const download = async () => {
      error.hidden = true;
      try {
        await download_ics(this.token, `${this.slug}-my-sessions.ics`);
      } catch {
        error.textContent = t('download_failed');
        error.hidden = false;
      }
    };
    return h('section', { class: 'card my-sessions', 'aria-labelledby': 'sessions-title' },
      h('h2', { id: 'sessions-title' }, t('my_sessions')),
      sessions.length === 0 ? h('p', {}, t('no_chosen_sessions')) : h('ul', { class: 'session-status-list' },
        sessions.map((s) => h('li', { class: 'session-status-item' },
          h('span', { class: 'session-name', lang: this.app.i18n.html_lang(this.app.i18n.picked_lang(s.title)) }, pick(s.title)),
          h('span', { class: 'session-when' },
            `${format_day(s.starts_at, zone, lang)}, ${format_time_range(s.starts_at, s.ends_at, zone, lang)}`,
            s.room ? ` · ${s.room}` : ''),
          h('span', { class: `session-status status-${s.status}` }, session_status(t, s))))),
      live ? h('p', {}, h('button', { type: 'button', class: 'secondary', onclick: download }, t('download_ics'))) : null,
      error);
  }

  answer_rows() {
    const { t, pick } = this.app.i18n;
    const answers = this.reg.answers ?? {};
    return (this.event?.questions ?? []).map((q) => {
      const value = answers[q.key];
      let text = t('not_answered');
      if (q.type === 'consent') text = value === true ? t('yes') : t('no');
      else if (Array.isArray(value) || typeof value === 'string') {
        const labels = new Map(q.options.map((o) => [o.value, pick(o.label)]));
        const list = (Array.isArray(value) ? value : [value]).map((v) => labels.get(v) ?? v);
        if (list.length && list.join('')) text = list.join(', ');
      }
      return [pick(q.label), text];
    });
  }

  details_section(live) {
    const { t } = this.app;
    const reg = this.reg;
    const rows = [
      [t('name'), reg.name], [t('email'), reg.email], [t('organization'), reg.organization || t('not_answered')],
      [t('country'), this.app.i18n.country_name(reg.country)],
      [t('language'), reg.language === 'zh' ? t('lang_zh') : t('lang_en')],
      ...this.answer_rows(),
    ];
    const toggle = h('button', {
      type: 'button', class: 'secondary', 'aria-expanded': String(this.editing), 'aria-controls': 'edit-form',
      onclick: () => this.open_editor(),
    }, t('change_registration'));
    return h('section', { class: 'card details', 'aria-labelledby': 'details-title' },
      h('h2', { id: 'details-title', tabindex: -1 }, t('details_title')),
      h('dl', { class: 'details-list' }, rows.map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', {}, v)))),
      live && this.event ? (this.editing ? this.editor() : toggle) : null);
  }

  async open_editor() {
    if (this.countries === null) {
      try {
        this.countries = (await call('GET', '/api/v1/countries')).items;
      } catch {
        this.countries = null;  // the form says the list is missing
      }
    }
    this.set_editing(true, '#edit-form input, #edit-form select');
  }

  close_editor() {
    this.set_editing(false, '#details-title');
  }

  // The change form starts from the registration each time it opens.
  set_editing(on, focus) {
    this.editing = on;
    this.edit_form = null;
    this.edit_saved = null;
    this.render_and_focus(focus);
  }

  render_and_focus(selector) {
    this.render();
    this.app.main.querySelector(selector)?.focus();
  }

  editor() {
    const { t } = this.app;
    const form = registration_form_el(this.app, {
      id: 'edit-form',
      cls: 'registration-form edit-form',
      onsubmit: (e) => this.save(e, form),
      fields: { event: this.event, countries: this.countries, values: { ...this.reg }, mode: 'edit' },
      buttons: [
        h('button', { type: 'submit', class: 'primary' }, t('save_changes')),
        h('button', { type: 'button', class: 'secondary', onclick: () => this.close_editor() }, t('close_form')),
      ],
      saved: this.edit_saved,
    });
    this.edit_form = form;
    return form;
  }

  async save(e, form) {
    e.preventDefault();
    if (this.busy) return;
    this.busy = true;
    const body = collect(form, this.event, 'edit');
    try {
      this.reg = await call('PATCH', self_path, { body, token: this.token });
      await this.refresh_event();
      this.app.flash(this.app.t('changes_saved'));
      this.close_editor();
    } catch (err) {
      show_failure(form, this.app.t, err, session_aliases(body));
    } finally {
      this.busy = false;
    }
  }

  cancel_section() {
    const { t } = this.app;
    const error = h('p', { class: 'field-error', role: 'alert', hidden: true });
    const confirm_box = h('div', { class: 'confirm', id: 'cancel-confirm', hidden: !this.confirming },
      h('p', { id: 'cancel-confirm-text', tabindex: -1 }, t('cancel_confirm')),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'danger', 'aria-describedby': 'cancel-confirm-text',
                      onclick: () => this.cancel(error) }, t('cancel_yes')),
        h('button', { type: 'button', class: 'secondary', onclick: () => this.set_confirming(false) }, t('cancel_no'))),
      error);
    return h('section', { class: 'card cancel', 'aria-labelledby': 'cancel-title' },
      h('h2', { id: 'cancel-title' }, t('cancel_title')),
      this.confirming ? null : h('button', {
        type: 'button', class: 'danger-outline', id: 'cancel-start', 'aria-expanded': 'false',
        'aria-controls': 'cancel-confirm', onclick: () => this.set_confirming(true),
      }, t('cancel_button')),
      confirm_box);
  }

  set_confirming(on) {
    this.confirming = on;
    this.render_and_focus(on ? '#cancel-confirm-text' : '#cancel-start');
  }

  async cancel(error) {
    if (this.busy) return;
    this.busy = true;
    try {
      this.reg = await call('DELETE', self_path, { token: this.token });
      this.confirming = false;
      this.editing = false;
      this.edit_form = null;
      this.app.flash(this.app.t('cancelled_done'));
      this.render_and_focus('#status-title');
    } catch (err) {
      const { t } = this.app;
      error.textContent = err.status === 401 ? t('token_invalid') : (err.errors[0]?.message ?? failure_text(t, err));
      error.hidden = false;
    } finally {
      this.busy = false;
    }
  }
}
