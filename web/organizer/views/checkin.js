// The event's check-in page: kiosk devices (create, pair by token or QR code,
// revoke), the check-in numbers (refreshed on request; live updates come
// later) and the offline conflicts an organizer may undo with a reason.
// Revoking and undoing ask in the page (no window.confirm).

import { event_path } from '../api.js';
import { h, next_id, replace_children } from '../../assets/lib/dom.js';
import { labelled, show_errors, summary_box } from '../forms.js';
import {
  card, event_title, load_event, load_view, page_top, registration_hash, session_title, time_el,
} from './registration_common.js';

const svg_ns = 'http://www.w3.org/2000/svg';

// Parses the server's pairing SVG and imports it into the page with an
// accessible name; anything active is dropped (CSP would refuse it anyway).
export function pairing_qr(svg_text, label) {
  const doc = new DOMParser().parseFromString(svg_text ?? '', 'image/svg+xml');
  const root = doc.documentElement;
  if (!root || root.namespaceURI !== svg_ns || root.localName !== 'svg' || doc.getElementsByTagName('parsererror').length) {
    return null;
  }
  for (const el of [...root.querySelectorAll('script, foreignObject, style, title, desc')]) el.remove();
  for (const el of [root, ...root.querySelectorAll('*')]) {
    for (const attr of [...el.attributes]) {
      if (/^on/i.test(attr.name) || attr.name === 'style' || /href$/i.test(attr.name)) el.removeAttribute(attr.name);
    }
  }
  const svg = document.importNode(root, true);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  svg.setAttribute('focusable', 'false');
  svg.classList.add('qr-svg', 'pairing-qr');
  return svg;
}

class checkin_view {
  constructor(app, main, slug, alive) {
    Object.assign(this, { app, main, slug, alive });
    this.event = null;
    this.kiosks = [];
    this.stats = null;
    this.conflicts = [];
    this.created = null;        // the kiosk just made, with its token: kept in memory only
    this.revoking = null;       // id of the kiosk whose revoke question is open
    this.undoing = null;        // checkin_id whose undo question is open
    this.busy = false;
    this.kiosk_error = null;
    this.stats_error = null;
    this.conflicts_error = null;
    this.updated_at = null;
  }

  get zone() { return this.event?.timezone; }

  sessions() {
    return [...(this.event?.sessions ?? [])].sort((a, b) => String(a.starts_at).localeCompare(String(b.starts_at)));
  }

  session_name(id) {
    const s = (this.event?.sessions ?? []).find((x) => x.id === id);
    return s ? session_title(this.app, s) : `#${id}`;
  }

  mode_text(kiosk) {
    const { t } = this.app;
    if (kiosk.session_id === null || kiosk.session_id === undefined) return t('kiosk_mode_entrance');
    return t('kiosk_mode_session_named', { title: this.session_name(kiosk.session_id) });
  }

  async load_all() {
    const results = await Promise.allSettled([this.load_kiosks(), this.load_stats(), this.load_conflicts()]);
    return results;
  }

  async load_kiosks() {
    try {
      this.kiosks = (await this.app.api.get(event_path(this.slug, 'kiosks'))).items ?? [];
      this.kiosk_error = null;
    } catch (err) {
      this.kiosk_error = this.app.describe_error(err);
    }
  }

  async load_stats() {
    try {
      this.stats = await this.app.api.get(event_path(this.slug, 'stats'));
      this.stats_error = null;
      this.updated_at = new Date();
    } catch (err) {
      this.stats_error = this.app.describe_error(err);
    }
  }

  async load_conflicts() {
    try {
      this.conflicts = (await this.app.api.get(event_path(this.slug, 'checkins', 'conflicts'))).items ?? [];
      this.conflicts_error = null;
    } catch (err) {
      this.conflicts_error = this.app.describe_error(err);
    }
  }

  render() {
    const { app } = this;
    const { t } = app;
    this.kiosks_el = h('div', { class: 'checkin-kiosks' });
    this.stats_el = h('div', { class: 'checkin-stats' });
    this.conflicts_el = h('div', { class: 'checkin-conflicts' });
    replace_children(this.main,
      page_top(app, this.slug, 'checkin', t('checkin_title', { title: event_title(app, this.event, this.slug) })),
      h('p', { class: 'hint' }, t('checkin_intro')),
      this.stats_el,
      this.conflicts_el,
      this.kiosks_el);
    this.render_kiosks();
    this.render_stats();
    this.render_conflicts();
  }

  focus(selector) {
    const target = selector ? this.main.querySelector(selector) : null;
    if (!target) return;
    if (target.tabIndex < 0 && !target.matches('input,select,textarea,button,a')) target.tabIndex = -1;
    target.focus();
  }

  // ---- kiosks

  render_kiosks() {
    const { t } = this.app;
    replace_children(this.kiosks_el,
      card('kiosks-heading', t('kiosks_heading'),
        h('p', { class: 'hint' }, t('kiosks_intro')),
        this.created ? this.created_panel() : null,
        this.kiosk_form(),
        this.kiosk_table()));
  }

  kiosk_form() {
    const { t } = this.app;
    const options = [['', t('kiosk_mode_entrance')],
                     ...this.sessions().map((s) => [String(s.id), t('kiosk_mode_session_named', { title: session_title(this.app, s) })])];
    const form = h('form', { class: 'kiosk-form', novalidate: true, 'aria-labelledby': 'kiosk-form-heading',
                             onsubmit: (e) => { e.preventDefault(); this.create_kiosk(form); } },
      h('h3', { id: 'kiosk-form-heading' }, t('kiosk_new')),
      summary_box(),
      h('div', { class: 'inline-fields kiosk-fields' },
        labelled({ field: 'name', label: t('kiosk_name'), hint: t('kiosk_name_hint'),
                   control_attrs: { maxlength: 100, required: true, autocomplete: 'off' } }),
        labelled({ field: 'session_id', label: t('kiosk_mode'), type: 'select', options, value: '',
                   hint: t('kiosk_mode_hint') })),
      h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'create-kiosk' }, t('kiosk_create'))));
    return form;
  }

  async create_kiosk(form) {
    const { app } = this;
    const button = form.querySelector('button[type=submit]');
    const name = form.querySelector('[data-field="name"]').value.trim();
    const session = form.querySelector('[data-field="session_id"]').value;
    button.disabled = true;
    try {
      const created = await app.api.post(event_path(this.slug, 'kiosks'),
                                         { name, session_id: session === '' ? null : Number(session) });
      if (!this.alive()) return;
      this.created = created;
      this.revoking = null;
      app.flash(app.t('kiosk_created', { name: created.name }));
      await this.load_kiosks();
      if (!this.alive()) return;
      this.render_kiosks();
      this.focus('#kiosk-created-heading');
    } catch (err) {
      button.disabled = false;
      show_errors(form, err.errors ?? [], app.t, { detail: app.describe_error(err) });
    }
  }

  // The token, once: as text with a copy button, and as the pairing QR code.
  created_panel() {
    const { t } = this.app;
    const k = this.created;
    const token_id = 'kiosk-token';
    const copy_status = h('p', { class: 'hint copy-status', role: 'status', 'aria-live': 'polite' });
    const token_el = h('code', { id: token_id, class: 'token-text' }, k.token);
    const copy = async () => {
      try {
        await navigator.clipboard.writeText(k.token);
        copy_status.textContent = t('token_copied');
      } catch {
        const range = document.createRange();
        range.selectNodeContents(token_el);
        const sel = window.getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
        copy_status.textContent = t('token_copy_failed');
      }
    };
    const qr = pairing_qr(k.pairing_svg, t('pairing_qr_label', { name: k.name }));
    const kiosk_url = new URL('/kiosk/', location.href).href;
    return h('section', { class: 'notice notice-warning kiosk-created', 'aria-labelledby': 'kiosk-created-heading' },
      h('h3', { id: 'kiosk-created-heading' }, t('kiosk_created_heading', { name: k.name })),
      h('p', { class: 'once-note' }, h('strong', {}, `⚠ ${t('token_once')}`)),
      h('p', { class: 'token-label', id: 'kiosk-token-label' }, t('kiosk_token')),
      h('p', { class: 'token-line' }, token_el, ' ',
        h('button', { type: 'button', class: 'secondary', id: 'copy-token', 'aria-describedby': 'kiosk-token-label',
                      onclick: copy }, t('copy_token'))),
      copy_status,
      qr ? h('figure', { class: 'pairing-figure' }, qr, h('figcaption', {}, t('pairing_qr_caption'))) : null,
      h('p', {}, t('kiosk_open_on_device'), ' ',
        h('a', { href: kiosk_url, id: 'kiosk-link', target: '_blank', rel: 'noopener' }, kiosk_url)),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'secondary', id: 'hide-token', onclick: () => this.hide_token() }, t('token_hide'))));
  }

  hide_token() {
    this.created = null;
    this.render_kiosks();
    this.focus('#create-kiosk');
  }

  kiosk_table() {
    const { t } = this.app;
    if (this.kiosk_error) return h('p', { class: 'error-text', role: 'alert' }, this.kiosk_error);
    if (!this.kiosks.length) return h('p', { class: 'empty', id: 'no-kiosks' }, t('no_kiosks'));
    const rows = this.kiosks.map((k) => h('tr', { dataset: { kioskId: String(k.id) }, class: k.revoked_at ? 'kiosk-revoked' : null },
      h('th', { scope: 'row' }, k.name),
      h('td', {}, this.mode_text(k)),
      h('td', { class: 'nowrap' }, time_el(k.created_at, this.zone)),
      h('td', { class: 'nowrap' }, k.last_seen_at ? time_el(k.last_seen_at, this.zone) : t('never_seen')),
      h('td', { class: 'nowrap' }, k.revoked_at ? [t('revoked_at_prefix'), ' ', time_el(k.revoked_at, this.zone)] : t('kiosk_active')),
      h('td', {}, k.revoked_at ? '' : h('button', {
        type: 'button', class: 'danger', disabled: this.busy, 'aria-label': t('revoke_kiosk_named', { name: k.name }),
        onclick: () => this.open_revoke(k.id),
      }, t('revoke_kiosk')))));
    const revoking = this.kiosks.find((k) => k.id === this.revoking && !k.revoked_at);
    return [
      h('h3', { id: 'kiosk-list-heading' }, t('kiosk_list')),
      h('div', { class: 'table-scroll' },
        h('table', { class: 'event-table kiosk-table', 'aria-labelledby': 'kiosk-list-heading' },
          h('thead', {}, h('tr', {},
            ['col_kiosk_name', 'col_kiosk_mode', 'col_created', 'col_last_seen', 'col_revoked', 'col_actions']
              .map((key) => h('th', { scope: 'col' }, key === 'col_actions' ? h('span', { class: 'visually-hidden' }, t(key)) : t(key))))),
          h('tbody', {}, rows))),
      revoking ? this.revoke_panel(revoking) : null,
    ];
  }

  revoke_panel(k) {
    const { t } = this.app;
    const keydown = (e) => {
      if (e.key === 'Escape') this.close_revoke();
    };
    return h('div', { class: 'notice notice-warning confirm-panel', role: 'group', 'aria-labelledby': 'revoke-heading', onkeydown: keydown },
      h('h3', { id: 'revoke-heading', tabindex: -1 }, t('revoke_title', { name: k.name })),
      h('p', {}, t('revoke_text')),
      this.revoke_error ? h('p', { class: 'error-text', role: 'alert' }, `⚠ ${this.revoke_error}`) : null,
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'danger', id: 'confirm-revoke', onclick: () => this.revoke(k) }, t('revoke_confirm')),
        h('button', { type: 'button', class: 'secondary', onclick: () => this.close_revoke() }, t('revoke_keep'))));
  }

  open_revoke(id) {
    this.revoking = id;
    this.revoke_error = null;
    this.render_kiosks();
    this.focus('#revoke-heading');
  }

  close_revoke() {
    const id = this.revoking;
    this.revoking = null;
    this.render_kiosks();
    this.focus(`[data-kiosk-id="${id}"] button`);
  }

  async revoke(k) {
    const { app } = this;
    for (const b of this.kiosks_el.querySelectorAll('.confirm-panel button')) b.disabled = true;
    try {
      await app.api.delete(event_path(this.slug, 'kiosks', String(k.id)));
    } catch (err) {
      if (!this.alive()) return;
      this.revoke_error = app.describe_error(err);
      this.render_kiosks();
      this.focus('#revoke-heading');
      return;
    }
    if (!this.alive()) return;
    this.revoking = null;
    if (this.created?.id === k.id) this.created = null;
    app.flash(app.t('kiosk_revoked', { name: k.name }));
    await this.load_kiosks();
    if (!this.alive()) return;
    this.render_kiosks();
    this.focus('#kiosk-list-heading');
  }

  // ---- numbers

  render_stats() {
    const { t } = this.app;
    const s = this.stats;
    const refresh = h('button', { type: 'button', class: 'secondary', id: 'refresh-checkin', onclick: () => this.refresh() },
                      t('refresh'));
    const updated = h('p', { class: 'hint', id: 'stats-updated', role: 'status', 'aria-live': 'polite' },
      this.updated_at ? t('stats_updated', { time: this.clock(this.updated_at) }) : '');
    let body;
    if (this.stats_error) {
      body = h('p', { class: 'error-text', role: 'alert' }, this.stats_error);
    } else if (s) {
      const reg = s.registrations ?? {};
      const item = (id, label, value) => h('div', { class: 'stat' }, h('dt', {}, label), h('dd', { id }, String(value ?? 0)));
      const sessions = s.sessions ?? [];
      body = [
        h('dl', { class: 'stat-grid' },
          item('stat-checked-in', t('stat_checked_in'), s.checked_in),
          item('stat-inside', t('stat_inside'), s.inside),
          item('stat-confirmed', t('stat_confirmed'), reg.confirmed),
          item('stat-waitlisted', t('stat_waitlisted'), reg.waitlisted)),
        sessions.length ? h('div', { class: 'table-scroll' },
          h('table', { class: 'event-table session-stats' },
            h('caption', {}, t('session_stats_caption')),
            h('thead', {}, h('tr', {},
              ['col_session', 'col_signed_up', 'col_checked_in', 'col_inside'].map((k) => h('th', { scope: 'col' }, t(k))))),
            h('tbody', {}, sessions.map((x) => h('tr', { dataset: { sessionId: String(x.id) } },
              h('th', { scope: 'row' }, this.session_name(x.id)),
              h('td', {}, x.capacity ? t('of_capacity', { n: x.signed_up ?? 0, capacity: x.capacity }) : String(x.signed_up ?? 0)),
              h('td', {}, String(x.checked_in ?? 0)),
              h('td', {}, String(x.inside ?? 0)))))))
          : null,
      ];
    }
    replace_children(this.stats_el,
      card('stats-heading', t('stats_heading'),
        h('p', { class: 'hint' }, t('stats_intro')),
        body,
        h('div', { class: 'actions' }, refresh),
        updated));
  }

  // A time of day in the event's zone, like the other times on the page.
  clock(date) {
    const options = { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' };
    try {
      return date.toLocaleTimeString(this.app.i18n.html_lang(), { ...options, timeZone: this.zone });
    } catch {
      return date.toLocaleTimeString(this.app.i18n.html_lang(), options);  // a zone this browser does not know
    }
  }

  async refresh() {
    const button = this.main.querySelector('#refresh-checkin');
    if (button) button.disabled = true;
    await this.load_all();
    if (!this.alive()) return;
    this.render_stats();
    this.render_conflicts();
    this.render_kiosks();
    this.focus('#refresh-checkin');
  }

  // ---- conflicts

  render_conflicts() {
    const { t } = this.app;
    // A reason being typed survives a refresh.
    const open_form = this.conflicts_el.querySelector('.undo-form');
    this.draft_reason = open_form && open_form.dataset.checkinId === String(this.undoing)
      ? open_form.querySelector('[data-field="reason"]').value : '';
    let body;
    if (this.conflicts_error) {
      body = h('p', { class: 'error-text', role: 'alert' }, this.conflicts_error);
    } else if (!this.conflicts.length) {
      body = h('p', { class: 'empty', id: 'no-conflicts' }, t('no_conflicts'));
    } else {
      const undoing = this.conflicts.find((c) => c.checkin_id === this.undoing);
      body = [
        h('div', { class: 'table-scroll' },
          h('table', { class: 'event-table conflict-table' },
            h('caption', { class: 'visually-hidden' }, t('conflicts_heading')),
            h('thead', {}, h('tr', {},
              ['col_name', 'col_conflict_kiosk', 'col_scanned_at', 'col_first_admitted', 'col_actions']
                .map((k) => h('th', { scope: 'col' }, k === 'col_actions' ? h('span', { class: 'visually-hidden' }, t(k)) : t(k))))),
            h('tbody', {}, this.conflicts.map((c) => this.conflict_row(c))))),
        undoing ? this.undo_panel(undoing) : null,
      ];
    }
    replace_children(this.conflicts_el,
      card('conflicts-heading', t('conflicts_heading'), h('p', { class: 'hint' }, t('conflicts_intro')), body));
  }

  conflict_row(c) {
    const { t } = this.app;
    const name = c.name ?? `#${c.registration_id}`;
    const where = c.session_id === null || c.session_id === undefined ? null
      : h('span', { class: 'hint' }, ` (${this.session_name(c.session_id)})`);
    return h('tr', { dataset: { checkinId: String(c.checkin_id) } },
      h('th', { scope: 'row' }, h('a', { href: registration_hash(this.slug, c.registration_id) }, name)),
      h('td', {}, c.kiosk ?? '', where),
      h('td', { class: 'nowrap' }, time_el(c.scanned_at, this.zone)),
      h('td', {}, c.first_checked_in_at
        ? t('first_admitted', { kiosk: c.first_kiosk ?? '?', time: '{time}' }).split('{time}').flatMap((part, i) =>
          i === 0 ? [part] : [time_el(c.first_checked_in_at, this.zone), part])
        : ''),
      h('td', {}, h('button', { type: 'button', class: 'secondary', 'aria-label': t('undo_checkin_named', { name }),
                                onclick: () => this.open_undo(c.checkin_id) }, t('undo_checkin'))));
  }

  undo_panel(c) {
    const { t } = this.app;
    const name = c.name ?? `#${c.registration_id}`;
    const keydown = (e) => {
      if (e.key === 'Escape') this.close_undo();
    };
    const form = h('form', { class: 'notice notice-warning confirm-panel undo-form', 'aria-labelledby': 'undo-heading', novalidate: true,
                             dataset: { checkinId: String(c.checkin_id) },
                             onkeydown: keydown, onsubmit: (e) => { e.preventDefault(); this.undo(form, c); } },
      h('h3', { id: 'undo-heading', tabindex: -1 }, t('undo_title', { name })),
      h('p', {}, t('undo_text')),
      summary_box(),
      labelled({ field: 'reason', label: t('undo_reason'), type: 'textarea', hint: t('undo_reason_hint'), wide: true,
                 value: this.draft_reason,
                 control_attrs: { maxlength: 500 } }),
      h('div', { class: 'actions' },
        h('button', { type: 'submit', class: 'danger', id: 'confirm-undo' }, t('undo_confirm')),
        h('button', { type: 'button', class: 'secondary', onclick: () => this.close_undo() }, t('undo_keep'))));
    return form;
  }

  open_undo(id) {
    this.undoing = id;
    this.render_conflicts();
    this.focus('#undo-heading');
  }

  close_undo() {
    const id = this.undoing;
    this.undoing = null;
    this.render_conflicts();
    this.focus(`[data-checkin-id="${id}"] button`);
  }

  async undo(form, c) {
    const { app } = this;
    const buttons = [...form.querySelectorAll('button')];
    for (const b of buttons) b.disabled = true;
    const reason = form.querySelector('[data-field="reason"]').value.trim();
    try {
      await app.api.delete(event_path(this.slug, 'checkins', String(c.checkin_id)), { reason });
    } catch (err) {
      for (const b of buttons) b.disabled = false;
      show_errors(form, err.errors ?? [], app.t, { detail: app.describe_error(err) });
      return;
    }
    if (!this.alive()) return;
    this.undoing = null;
    app.flash(app.t('checkin_undone', { name: c.name ?? `#${c.registration_id}` }));
    await Promise.all([this.load_conflicts(), this.load_stats()]);
    if (!this.alive()) return;
    this.render_conflicts();
    this.render_stats();
    this.focus('#conflicts-heading');
  }
}

export async function render_checkin(app, main, slug, alive) {
  const view = new checkin_view(app, main, slug, alive);
  const loaded = await load_view(app, main, alive, app.t('tab_checkin'), async () => {
    view.event = await load_event(app, slug);
  });
  if (!loaded) return;
  await view.load_all();
  if (!alive()) return;
  view.render();
}
