// One registration: every field, the answers under the event's question
// labels, session choices, history, and the actions its status allows.
// Cancel and reject ask in the page (no window.confirm); a promotion the
// server refuses as over capacity (409) can be repeated with over_capacity.

import { event_path } from '../api.js';
import { h, next_id, replace_children } from '../../assets/lib/dom.js';
import {
  card, known, language_name, load_event, load_view, page_top, problem_text,
  reg_status_badge, registrations_hash, session_title, time_el,
} from './registration_common.js';
import { format_range } from '../time.js';

class registration_detail {
  constructor(app, main, slug, id, alive) {
    Object.assign(this, { app, main, slug, id, alive });
    this.event = null;
    this.reg = null;
    this.panel = null;  // null, 'cancel', 'reject' or 'over_capacity'
    this.error = null;
    this.busy = false;
  }

  path(...rest) {
    return event_path(this.slug, 'registrations', String(this.id), ...rest);
  }

  async load() {
    const [event, reg] = await Promise.all([load_event(this.app, this.slug), this.app.api.get(this.path())]);
    this.event = event;
    this.reg = reg;
  }

  render(focus) {
    const { app, reg } = this;
    const { t } = app;
    const zone = this.event.timezone;
    replace_children(this.main,
      page_top(app, this.slug, 'registrations', reg.name),
      h('p', {}, h('a', { href: registrations_hash(this.slug) }, `← ${t('back_to_registrations')}`)),
      h('p', { class: 'reg-status', id: 'reg-status', tabindex: -1 },
        t('current_status'), ' ', reg_status_badge(t, reg.status, reg.waitlist_position)),
      this.actions(),
      card('reg-details-heading', t('registration_details'),
        h('dl', { class: 'details' },
          item(t('col_name'), reg.name),
          item(t('col_email'), h('a', { href: `mailto:${reg.email}` }, reg.email)),
          item(t('col_organization'), reg.organization || '—'),
          item(t('col_country'), reg.country ? `${app.i18n.country_name(reg.country)} (${reg.country})` : '—'),
          item(t('reg_language'), language_name(t, reg.language)),
          item(t('ticket_code'), h('code', { class: 'ticket-code' }, reg.ticket_code_display || reg.ticket_code || '—')),
          item(t('reg_source'), known(t, `source_${reg.source}`, reg.source ?? '—')),
          item(t('col_created'), time_el(reg.created_at, zone)),
          item(t('reg_updated'), time_el(reg.updated_at, zone)))),
      this.answers_section(),
      this.sessions_section(zone),
      this.history_section(zone));
    const target = focus ? this.main.querySelector(focus) : null;
    target?.focus();
  }

  actions() {
    const { t } = this.app;
    const status = this.reg.status;
    const button = (label, onclick, cls) => h('button', { type: 'button', class: cls, disabled: this.busy, onclick }, label);
    const buttons = [];
    if (status === 'pending') {
      buttons.push(button(t('approve'), () => this.act('approve', {})));
      buttons.push(button(t('reject'), () => this.open_panel('reject'), 'secondary'));
    }
    if (status === 'waitlisted') buttons.push(button(t('promote'), () => this.act('promote', {})));
    if (['confirmed', 'waitlisted', 'pending'].includes(status)) {
      buttons.push(button(t('cancel_registration'), () => this.open_panel('cancel'), 'danger'));
    }
    return h('section', { class: 'card reg-actions', 'aria-labelledby': 'reg-actions-heading' },
      h('h2', { id: 'reg-actions-heading' }, t('actions')),
      this.error ? h('div', { class: 'form-summary', role: 'alert', id: 'reg-action-error', tabindex: -1 },
                     h('p', {}, `⚠ ${this.error}`)) : null,
      buttons.length ? h('div', { class: 'actions' }, buttons) : h('p', { class: 'empty' }, t('no_actions')),
      this.panel_el());
  }

  // The in-page questions before an irreversible step, and the over-capacity offer.
  panel_el() {
    const { t } = this.app;
    const name = this.reg.name;
    const close = h('button', { type: 'button', class: 'secondary', onclick: () => this.close_panel() },
                    this.panel === 'over_capacity' ? t('keep_waitlisted') : t('keep_registration'));
    const confirm = (attrs, text) => h('button', { type: 'button', disabled: this.busy, ...attrs }, text);
    if (this.panel === 'cancel') {
      return this.confirm_panel(t('confirm_cancel_title', { name }), h('p', {}, t('confirm_cancel_text')),
        confirm({ class: 'danger', onclick: () => this.act('cancel') }, t('confirm_cancel_button')), close);
    }
    if (this.panel === 'reject') {
      const reason_id = next_id('reason');
      const reject = () => {
        const reason = this.main.querySelector(`[id="${reason_id}"]`).value.trim();
        this.act('reject', reason ? { reason } : {});
      };
      return this.confirm_panel(t('confirm_reject_title', { name }),
        h('div', { class: 'field' }, h('label', { for: reason_id }, t('reject_reason')),
          h('textarea', { id: reason_id, rows: 2, maxlength: 1000 })),
        confirm({ class: 'danger', onclick: reject }, t('confirm_reject_button')), close);
    }
    if (this.panel === 'over_capacity') {
      return this.confirm_panel(`⚠ ${t('event_full_title')}`, h('p', {}, t('event_full_text')),
        confirm({ id: 'promote-over', onclick: () => this.act('promote', { over_capacity: true }) },
                t('promote_over_capacity')), close);
    }
    return null;
  }

  // One in-page question; Escape closes it like the `close` button.
  confirm_panel(heading, body, confirm_button, close) {
    const keydown = (e) => {
      if (e.key === 'Escape') this.close_panel();
    };
    return h('div', { class: 'notice notice-warning confirm-panel', role: 'group', 'aria-labelledby': 'confirm-heading', onkeydown: keydown },
      h('h3', { id: 'confirm-heading', tabindex: -1 }, heading),
      body,
      h('div', { class: 'actions' }, confirm_button, close));
  }

  open_panel(panel) {
    this.panel = panel;
    this.error = null;
    this.render('#confirm-heading');
  }

  close_panel() {
    this.panel = null;
    this.render('.reg-actions .actions button');
  }

  async act(action, body) {
    const { app } = this;
    const { t } = app;
    // Disabled in place: a re-render now would drop the keyboard focus.
    this.busy = true;
    for (const b of this.main.querySelectorAll('.reg-actions button')) b.disabled = true;
    try {
      if (action === 'cancel') await app.api.delete(this.path());
      else await app.api.post(this.path(action), body);
    } catch (err) {
      this.busy = false;
      if (!this.alive()) return;
      if (action === 'promote' && err.status === 409 && !body.over_capacity) {
        this.panel = 'over_capacity';
        this.error = null;
        this.render('#confirm-heading');
      } else {
        this.error = problem_text(app, err);
        this.render('#reg-action-error');
      }
      return;
    }
    this.busy = false;
    this.panel = null;
    this.error = null;
    try {
      this.reg = await app.api.get(this.path());  // the answer to an action has no history
    } catch (err) {
      this.error = problem_text(app, err);
    }
    if (!this.alive()) return;
    app.flash(t(`done_${action}`, { name: this.reg.name, status: known(t, `reg_status_${this.reg.status}`, this.reg.status) }));
    this.render('#reg-status');
  }

  answers_section() {
    const { app, reg } = this;
    const { t } = app;
    const answers = reg.answers ?? {};
    const questions = this.event.questions ?? [];
    const listed = new Set(questions.map((q) => q.key));
    const extra = Object.keys(answers).filter((k) => !listed.has(k)).map((key) => ({ key, label: null }));
    const rows = [...questions, ...extra].map((q) => item(app.i18n.pick(q.label) || q.key, answer_text(app, q, answers[q.key])));
    return card('reg-answers-heading', t('answers'),
      rows.length ? h('dl', { class: 'details' }, rows) : h('p', { class: 'empty' }, t('no_questions')));
  }

  sessions_section(zone) {
    const { app } = this;
    const { t } = app;
    const sessions = this.reg.sessions ?? [];
    const table = h('table', { class: 'event-table' },
      h('thead', {}, h('tr', {}, ['col_session', 'col_time', 'room', 'col_status']
        .map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', {}, sessions.map((s) => h('tr', { dataset: { sessionId: String(s.id) } },
        h('th', { scope: 'row' }, session_title(app, s)),
        h('td', { class: 'nowrap' }, s.starts_at ? format_range(s.starts_at, s.ends_at, zone) : ''),
        h('td', {}, s.room ?? t('no_room')),
        h('td', {}, reg_status_badge(t, s.status, s.waitlist_position))))));
    return card('reg-sessions-heading', t('session_choices'), scroll_or_empty(sessions.length, table, t('no_session_choices')));
  }

  history_section(zone) {
    const { t } = this.app;
    const history = this.reg.history ?? [];
    const table = h('table', { class: 'event-table' },
      h('thead', {}, h('tr', {}, ['col_when', 'col_action', 'col_actor', 'col_history_details']
        .map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', {}, history.map((e) => {
        const action = String(e.action ?? '').replace(/^registration\./, '');
        return h('tr', {},
          h('td', { class: 'nowrap' }, time_el(e.at, zone)),
          h('td', {}, known(t, `history_${action}`, e.action ?? '')),
          h('td', {}, e.actor ?? (attendee_actions.has(action) ? t('actor_attendee') : t('actor_system'))),
          h('td', { class: 'answer-text' }, this.summary_text(e.summary)));
      })));
    return card('reg-history-heading', t('history'), scroll_or_empty(history.length, table, t('no_history')));
  }

  // The server's summary is a JSON object as text ({"status":"pending"}).
  summary_text(summary) {
    const { app } = this;
    const { t } = app;
    let data = summary;
    if (typeof summary === 'string') {
      try {
        data = JSON.parse(summary);
      } catch {
        return summary;
      }
    }
    if (!data || typeof data !== 'object') return '';
    return Object.entries(data).map(([k, v]) => {
      if (k === 'status') return t('history_status', { status: known(t, `reg_status_${v}`, v) });
      if (k === 'automatic') return v ? t('history_automatic') : '';
      if (k === 'reason') return t('history_reason_text', { reason: v });
      if (k === 'session_id') {
        const s = (this.event.sessions ?? []).find((x) => x.id === v);
        return t('history_session', { title: s ? session_title(app, s) : `#${v}` });
      }
      return `${k}: ${typeof v === 'object' ? JSON.stringify(v) : v}`;
    }).filter(Boolean).join('; ');
  }
}

// With no actor the change came from the attendee's manage link or from the
// server itself (a promotion after a cancellation).
const attendee_actions = new Set(['create', 'self_cancel', 'self_update']);

function scroll_or_empty(count, table, empty_text) {
  return count ? h('div', { class: 'table-scroll' }, table) : h('p', { class: 'empty' }, empty_text);
}

function item(term, value) {
  return h('div', { class: 'detail-item' }, h('dt', {}, term), h('dd', {}, value));
}

function answer_text(app, question, value) {
  const { t } = app;
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && !value.length)) {
    return h('span', { class: 'empty' }, t('no_answer'));
  }
  const option = (v) => app.i18n.pick((question.options ?? []).find((o) => o.value === v)?.label) || String(v);
  if (typeof value === 'boolean') return value ? t('yes') : t('no');
  if (Array.isArray(value)) return value.map(option).join(', ');
  if (question.type === 'single_choice') return option(value);
  return h('span', { class: 'answer-text' }, String(value));
}

export async function render_registration_detail(app, main, slug, id, alive) {
  const view = new registration_detail(app, main, slug, id, alive);
  if (await load_view(app, main, alive, app.t('tab_registrations'), () => view.load())) view.render(null);
}
