// Starts the dashboard: /dashboard/ lists the events, /dashboard/{slug} opens
// that event's organizer feed (/api/v1/events/{slug}/live) and keeps it
// connected. Owns the header (connection state, language switch) and what the
// page says when it may not, or can no longer, show the event.

import { label_chrome, language_button, wire_skip_link } from '../../assets/lib/chrome.js';
import { focus_heading, h, replace_children } from '../../assets/lib/dom.js';
import { connection_status, live_socket, stop_error } from '../../assets/lib/live_socket.js';
import { event_path, get_json } from './api.js';
import { dashboard_view } from './dashboard_view.js';
import { render_event_list, signed_out_message } from './event_list.js';
import { i18n } from './i18n.js';

// "/dashboard/forum-2037" -> "forum-2037"; "/dashboard/" -> null.
function slug_from_path(pathname) {
  const m = /^\/dashboard\/([^/]+)\/?$/.exec(pathname);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return m[1];
  }
}

// What the stats endpoint's refusal means for the page. The feed's own
// handshake status is hidden from scripts, so this is asked over HTTP first.
function refusal(e) {
  if (e.status === 401) return 'signed_out';
  if (e.status === 403) return 'forbidden';
  if (e.status === 404) return 'not_found';
  return null;
}

class dashboard_app {
  constructor() {
    this.i18n = new i18n();
    this.t = this.i18n.t;
    this.main = document.getElementById('main');
    this.slug = slug_from_path(location.pathname);
    this.view = null;
    this.socket = null;
    this.stopped = null;  // {reason, detail} once the feed has stopped for good
  }

  start() {
    wire_skip_link(this.main);
    this.status = new connection_status(document.getElementById('connection'), this.t);
    this.render_chrome();
    if (!this.slug) {
      document.getElementById('connection').hidden = true;
      this.render_list();
      return;
    }
    this.view = new dashboard_view(this, this.slug);
    this.view.show_waiting();
    this.socket = new live_socket(event_path(this.slug, 'live'), {
      preflight: () => this.preflight(),
      on_message: (msg) => this.view.receive(msg),
      on_state: (state) => this.on_state(state),
    });
    this.status.socket = this.socket;
    this.socket.start();
  }

  async render_list() {
    await render_event_list(this);
    if (!this.main.contains(document.activeElement)) focus_heading(this.main);
  }

  async preflight() {
    try {
      await get_json(event_path(this.slug, 'stats'));
    } catch (e) {
      const reason = refusal(e);
      if (reason) throw new stop_error(reason);
      throw e;  // no answer or a 5xx: worth trying again
    }
  }

  on_state(state) {
    this.status.show(state);
    if (state.name === 'stopped') this.on_stopped(state);
  }

  // The server closed the feed (1008): ask once more over HTTP for the
  // reason a person can act on (signed out, removed from the staff, event gone).
  async on_stopped({ reason, detail }) {
    let why = reason;
    if (reason === 'closed_by_server') {
      try {
        await get_json(event_path(this.slug, 'stats'));
      } catch (e) {
        why = refusal(e) ?? reason;
      }
    }
    this.stopped = { reason: why, detail };
    this.view.show_notice(() => this.stop_message());
  }

  stop_message() {
    const { t } = this;
    const { reason, detail } = this.stopped;
    if (reason === 'signed_out') return signed_out_message(t);
    const back = h('a', { href: '/dashboard/' }, t('back_to_list'));
    if (reason === 'forbidden') return [h('p', {}, t('forbidden')), h('p', {}, back)];
    if (reason === 'not_found') return [h('p', {}, t('not_found')), h('p', {}, back)];
    return [
      h('p', {}, detail ? t('feed_closed', { detail }) : t('feed_closed_plain')),
      h('p', {}, h('a', { href: location.pathname }, t('reload'))),
    ];
  }

  render_chrome() {
    const { t } = this;
    label_chrome(this.i18n);
    if (!this.view?.panels) document.title = t('app_title');
    replace_children(document.getElementById('app-nav'),
      this.slug ? h('a', { href: '/dashboard/' }, t('back_to_list')) : null,
      h('a', { href: '/organizer/' }, t('nav_organizer')));
    replace_children(document.getElementById('header-tools'), language_button(this.i18n, () => this.switch_language()));
    this.status.set_texts(this.t);
  }

  switch_language() {
    this.i18n.set_language(this.i18n.other());
    this.render_chrome();
    if (!this.slug) this.render_list();
    else if (this.view.panels) this.view.build();
    else if (this.stopped) this.view.show_notice(() => this.stop_message());
    else this.view.show_waiting();
    document.getElementById('lang-switch')?.focus();
  }

  describe_error(e) {
    const { t } = this;
    if (e.status === 0) return t('error_network');
    return t('error_generic', { detail: e.message });
  }
}

new dashboard_app().start();
