// The scanning screen: the input a USB/Bluetooth scanner types into (focus
// always returns there), camera scanning, name search, the in/out switch,
// the result panel, and the online/offline and queue indicators. Scans go to
// POST checkins; when the server cannot be reached the offline copy answers.

import { h, replace_children } from '../../assets/lib/dom.js';
import { call, event_path, is_revoked, is_unreachable } from './api.js';
import { open_badge } from './badge.js';
import { camera_scanner, camera_supported } from './camera.js';
import { beep } from './feedback.js';
import { canonical_code } from './offline.js';
import { kind_of, render_idle, render_result } from './result.js';

const reset_ms = 4000;

export class scan_view {
  constructor(app) {
    this.app = app;
    this.direction = 'in';
    this.camera = null;
    this.reset_timer = null;
    this.busy = false;
  }

  get self() { return this.app.self; }
  get slug() { return this.self.event.slug; }

  render() {
    const { t } = this.app;
    this.stop_camera();
    this.input = h('input', {
      id: 'scan-input', type: 'text', autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false',
      enterkeyhint: 'go', 'aria-describedby': 'scan-hint',
    });
    const scan_form = h('form', { class: 'scan-form', onsubmit: (e) => { e.preventDefault(); this.scan_typed(); } },
      h('label', { for: 'scan-input' }, t('scan_label')), this.input,
      h('p', { id: 'scan-hint', class: 'hint' }, t('scan_hint')));
    this.panel = h('section', { class: 'result', role: 'status', 'aria-live': 'assertive', 'aria-atomic': 'true' });
    render_idle(this.panel, t);
    this.direction_buttons = ['in', 'out'].map((d) => h('button', {
      type: 'button', class: 'direction-button', dataset: { direction: d },
      'aria-pressed': String(this.direction === d), onclick: () => this.set_direction(d),
    }, t(`direction_${d}`)));
    this.camera_box = h('div', { class: 'camera-box', hidden: true });
    this.camera_button = camera_supported()
      ? h('button', { type: 'button', class: 'secondary', onclick: () => this.toggle_camera() }, t('camera_start'))
      : null;
    this.search_input = h('input', { id: 'search-input', type: 'search', autocomplete: 'off', minlength: 2 });
    this.search_out = h('div', { class: 'search-results', 'aria-live': 'polite' });
    const search_form = h('form', { class: 'search-form', role: 'search', onsubmit: (e) => { e.preventDefault(); this.search(); } },
      h('label', { for: 'search-input' }, t('search_label')),
      h('div', { class: 'search-row' }, this.search_input, h('button', { type: 'submit' }, t('search_button'))));
    replace_children(this.app.main,
      h('h1', { class: 'visually-hidden' }, t('scan_title')),
      h('div', { class: 'scan-layout' },
        h('div', { class: 'scan-main' },
          scan_form, this.panel),
        h('div', { class: 'scan-side' },
          h('div', { class: 'direction', role: 'group', 'aria-label': t('direction') },
            h('span', { class: 'direction-label', 'aria-hidden': 'true' }, t('direction')), this.direction_buttons),
          this.camera_button, this.camera_box,
          search_form, this.search_out)));
    this.focus_input();
  }

  // After a click anywhere that is not a control, the scanner's keystrokes
  // must land in the scan field again.
  focus_input() {
    if (document.body.classList.contains('badge-open')) return;
    const active = document.activeElement;
    if (active && active !== document.body && active !== this.input && this.app.main.contains(active)
        && active.matches('input, select, textarea')) return;
    this.input?.focus();
  }

  set_direction(d) {
    this.direction = d;
    for (const b of this.direction_buttons) b.setAttribute('aria-pressed', String(b.dataset.direction === d));
    this.input.focus();
  }

  scan_typed() {
    const text = this.input.value.trim();
    this.input.value = '';
    this.input.focus();
    if (text) this.submit({ ticket_code: text });
  }

  base_scan() {
    const scan = { nonce: crypto.randomUUID(), scanned_at: new Date().toISOString(), direction: this.direction };
    if (this.self.kiosk.session_id !== null && this.self.kiosk.session_id !== undefined) {
      scan.session_id = this.self.kiosk.session_id;
    }
    return scan;
  }

  async submit(target) {
    const scan = { ...this.base_scan(), ...target };
    clearTimeout(this.reset_timer);
    render_idle(this.panel, this.app.t, 'scan_checking');
    if (navigator.onLine === false) {
      await this.answer_offline(scan);
      return;
    }
    try {
      const answer = await call('POST', event_path(this.slug, 'checkins'), { token: this.app.token, body: scan });
      this.app.sync.mark_reachable();
      if (answer.result === 'ok' || answer.result === 'already_checked_in') await this.remember(scan, answer);
      this.show(answer, scan);
    } catch (err) {
      if (is_revoked(err) || err.status === 401) this.app.revoked(err);
      else if (is_unreachable(err)) {
        this.app.sync.mark_unreachable();
        await this.answer_offline(scan);
      } else if (err.status === 422 || err.status === 400) this.show({ result: 'invalid_code' }, scan);
      else this.show({ result: 'error', detail: err.message }, scan);
    }
  }

  // So that an offline rescan of someone let in online here is amber too.
  async remember(scan, answer) {
    const { sync } = this.app;
    let id = answer.registration_id ?? scan.registration_id;
    if (id === undefined || id === null) id = (await sync.find_code(scan.ticket_code))?.registration_id;
    if (id === undefined || id === null) return;
    if (scan.direction === 'out') sync.forget(id);
    else sync.remember(id, answer.first_checked_in_at ?? answer.scanned_at ?? scan.scanned_at);
  }

  async answer_offline(scan) {
    const { sync } = this.app;
    if (!sync.data()) {
      sync.enqueue(scan);
      this.show({ result: 'queued', offline: true, queued: true }, scan);
      return;
    }
    const item = scan.ticket_code ? await sync.find_code(scan.ticket_code) : sync.find_id(scan.registration_id);
    const answer = sync.decide(item, scan);
    // Only admissions are sent later: a refused person did not come in.
    if (answer.result === 'ok') {
      sync.enqueue(scan);
      answer.queued = true;
    }
    this.show(answer, scan);
  }

  show(answer, scan) {
    const { t } = this.app;
    const kind = kind_of(answer.result);
    const actions = [];
    if (answer.result === 'ok' && answer.attendee && scan.direction === 'in') {
      const code = scan.ticket_code ? canonical_code(scan.ticket_code) : null;
      actions.push(h('button', {
        type: 'button', class: 'print-button',
        onclick: () => {
          clearTimeout(this.reset_timer);
          open_badge(this.app, answer.attendee, code, () => this.schedule_reset());
        },
      }, t('print_badge')));
    }
    render_result(this.panel, this.app.i18n, answer, { zone: this.self.event.timezone, actions });
    beep(kind);
    this.schedule_reset();
    this.focus_input();
  }

  schedule_reset() {
    clearTimeout(this.reset_timer);
    this.reset_timer = setTimeout(() => {
      render_idle(this.panel, this.app.t);
      this.focus_input();
    }, reset_ms);
  }

  async search() {
    const { t } = this.app;
    const q = this.search_input.value.trim();
    if (q.length < 2) {
      replace_children(this.search_out, h('p', { class: 'hint' }, t('search_short')));
      return;
    }
    let items;
    let offline = false;
    try {
      if (navigator.onLine === false) throw Object.assign(new Error('offline'), { status: 0 });
      const path = `${event_path(this.slug, 'checkin-search')}?q=${encodeURIComponent(q)}`;
      items = (await call('GET', path, { token: this.app.token })).items ?? [];
    } catch (err) {
      if (is_revoked(err) || err.status === 401) {
        this.app.revoked(err);
        return;
      }
      if (!is_unreachable(err)) {
        replace_children(this.search_out, h('p', { class: 'field-error' }, t('error_text', { detail: err.message })));
        return;
      }
      this.app.sync.mark_unreachable();
      items = this.app.sync.search(q);
      offline = true;
    }
    this.show_matches(items, offline);
  }

  show_matches(items, offline) {
    const { t } = this.app;
    const note = offline ? h('p', { class: 'hint' }, t('search_offline')) : null;
    if (!items.length) {
      replace_children(this.search_out, note, h('p', {}, t('search_none')));
      return;
    }
    const status = (s) => (s && s !== 'confirmed' ? ` (${t(`status_${s}`)})` : '');
    replace_children(this.search_out, note,
      h('p', { class: 'search-title' }, t('search_results')),
      h('ul', { class: 'match-list' }, items.map((item) => h('li', {},
        h('button', {
          type: 'button', class: 'match', dataset: { registrationId: item.registration_id },
          onclick: () => this.pick(item),
        },
        h('span', { class: 'match-name' }, item.name),
        h('span', { class: 'match-details' },
          [item.organization, this.app.i18n.country_name(item.country)].filter(Boolean).join(' · '), status(item.status)))))));
  }

  pick(item) {
    this.search_input.value = '';
    this.search_out.replaceChildren();
    this.input.focus();
    this.submit({ registration_id: item.registration_id });
  }

  async toggle_camera() {
    const { t } = this.app;
    if (this.camera?.running) {
      this.stop_camera();
      this.input.focus();
      return;
    }
    this.camera = new camera_scanner((text) => this.submit({ ticket_code: text }));
    replace_children(this.camera_box, this.camera.video);
    this.camera_box.hidden = false;
    this.camera_button.textContent = t('camera_stop');
    try {
      await this.camera.start();
    } catch {
      this.stop_camera();
      render_result(this.panel, this.app.i18n, { result: 'error', detail: t('camera_failed'), plain: true });
    }
  }

  stop_camera() {
    this.camera?.stop();
    this.camera = null;
    if (this.camera_box) this.camera_box.hidden = true;
    if (this.camera_button) this.camera_button.textContent = this.app.t('camera_start');
  }

  leave() {
    this.stop_camera();
    clearTimeout(this.reset_timer);
  }
}
