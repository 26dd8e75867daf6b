// Starts the organizer app: session check, hash routes, header, language switch.

import { api_client } from './api.js';
import { label_chrome, language_button, toggle_language, wire_skip_link } from '../assets/lib/chrome.js';
import { focus_heading, h, replace_children } from '../assets/lib/dom.js';
import { i18n } from './i18n.js';
import { render_signin } from './views/signin.js';
import { render_event_list } from './views/event_list.js';
import { render_event_editor } from './views/event_editor.js';
import { render_registrations } from './views/registrations.js';
import { render_registration_detail } from './views/registration_detail.js';
import { render_registration_form } from './views/registration_form.js';
import { render_outbox } from './views/outbox.js';
import { render_checkin } from './views/checkin.js';

const dec = decodeURIComponent;

const routes = [
  [/^#\/signin$/, (app, main) => render_signin(app, main)],
  [/^#\/events$/, (app, main, _m, alive) => render_event_list(app, main, alive)],
  [/^#\/events\/new$/, (app, main, _m, alive) => render_event_editor(app, main, null, alive)],
  [/^#\/events\/([^/]+)$/, (app, main, m, alive) => render_event_editor(app, main, decodeURIComponent(m[1]), alive)],
  // The list keeps its search and filters in a query after the path.
  [/^#\/events\/([^/?]+)\/registrations(?:\?(.*))?$/,
   (app, main, m, alive) => render_registrations(app, main, dec(m[1]), new URLSearchParams(m[2] ?? ''), alive)],
  [/^#\/events\/([^/?]+)\/registrations\/new$/, (app, main, m, alive) => render_registration_form(app, main, dec(m[1]), alive)],
  [/^#\/events\/([^/?]+)\/registrations\/([^/?]+)$/,
   (app, main, m, alive) => render_registration_detail(app, main, dec(m[1]), dec(m[2]), alive)],
  [/^#\/events\/([^/?]+)\/outbox$/, (app, main, m, alive) => render_outbox(app, main, dec(m[1]), alive)],
  [/^#\/events\/([^/?]+)\/checkin$/, (app, main, m, alive) => render_checkin(app, main, dec(m[1]), alive)],
];

class organizer_app {
  constructor() {
    this.i18n = new i18n();
    this.t = this.i18n.t;
    this.api = new api_client(() => this.on_unauthorized());
    this.user = null;
    this.return_to = null;
    this.generation = 0;
    this.main = document.getElementById('main');
    this.flash_el = document.getElementById('flash');
  }

  async start() {
    wire_skip_link(this.main);
    window.addEventListener('hashchange', () => this.route());
    await this.load_session();
    this.route();
  }

  async load_session() {
    try {
      this.signed_in(await this.api.get('/api/v1/auth/session', { quiet_401: true }));
    } catch (e) {
      if (e.status !== 401) this.flash(this.describe_error(e), 'error');
    }
  }

  signed_in(session) {
    this.user = session.user;
    this.api.set_csrf_token(session.csrf_token);
    this.render_chrome();
  }

  on_unauthorized() {
    const was_signed_in = this.user !== null;
    this.user = null;
    this.api.set_csrf_token(null);
    this.render_chrome();
    if (was_signed_in) this.flash(this.t('signed_out'));
    if (location.hash !== '#/signin') {
      this.return_to = location.hash;
      this.navigate('#/signin');
    }
  }

  async sign_out() {
    try {
      await this.api.post('/api/v1/auth/logout', undefined, { quiet_401: true });
    } catch (e) {
      if (e.status !== 401) {
        this.flash(this.describe_error(e), 'error');
        return;
      }
    }
    this.return_to = null;
    this.on_unauthorized();
  }

  navigate(hash) {
    if (location.hash === hash) this.route();
    else location.hash = hash;
  }

  // Re-renders the current view, e.g. after the language changed.
  route({ keep_focus = false } = {}) {
    const hash = location.hash || '#/events';
    if (!this.user && hash !== '#/signin') {
      this.return_to = hash;
      this.navigate('#/signin');
      return;
    }
    if (this.user && hash === '#/signin') {
      this.navigate('#/events');
      return;
    }
    const match = routes.map(([re, view]) => [hash.match(re), view]).find(([m]) => m);
    if (!match) {
      this.navigate('#/events');
      return;
    }
    const [m, view] = match;
    this.generation += 1;
    const generation = this.generation;
    this.render_chrome();
    replace_children(this.main, h('p', { class: 'loading' }, this.t('loading')));
    Promise.resolve(view(this, this.main, m, () => generation === this.generation)).then(() => {
      if (generation === this.generation && !keep_focus && !this.main.contains(document.activeElement)) {
        focus_heading(this.main);
      }
    });
  }

  render_chrome() {
    const { t } = this;
    label_chrome(this.i18n);
    document.title = t('app_title');
    replace_children(document.getElementById('app-nav'),
                     this.user ? h('a', { href: '#/events' }, t('nav_events')) : null);
    replace_children(document.getElementById('header-tools'),
      this.user ? h('span', { class: 'user-name' }, t('signed_in_as', { name: this.user.name || this.user.email })) : null,
      this.user ? h('button', { type: 'button', class: 'secondary', onclick: () => this.sign_out() }, t('sign_out')) : null,
      language_button(this.i18n, () => this.switch_language()));
  }

  switch_language() {
    toggle_language(this.i18n, this.flash_el, () => this.route({ keep_focus: true }));
  }

  // A short message in the live region at the top; kind "error" adds a marker
  // so it is not told apart by colour alone.
  flash(message, kind = 'ok') {
    replace_children(this.flash_el,
      h('p', { class: `flash-message flash-${kind}` }, kind === 'error' ? '⚠ ' : '✓ ', message));
  }

  clear_flash() {
    this.flash_el.replaceChildren();
  }

  describe_error(e) {
    const { t } = this;
    if (!('status' in e)) return t('error_network');
    if (e.status === 403) return t('error_forbidden');
    if (e.status === 404) return t('error_not_found');
    if (e.status === 503) return t('error_busy');
    return t('error_generic', { detail: e.message });
  }
}

new organizer_app().start();
