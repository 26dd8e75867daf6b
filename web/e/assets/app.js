// Starts the public attendee pages: /e/{slug} is the event page with sign-up,
// /e/{slug}/manage#token=... the attendee's own registration. Both are this
// one HTML file; the path decides.

import { label_chrome, language_button, toggle_language, wire_skip_link } from '../../assets/lib/chrome.js';
import { h, focus_heading, replace_children } from '../../assets/lib/dom.js';
import { event_page } from './event_page.js';
import { i18n } from './i18n.js';
import { manage_page } from './manage_page.js';
import { failure_text } from './register.js';

class public_app {
  constructor() {
    this.i18n = new i18n();
    this.t = this.i18n.t;
    this.main = document.getElementById('main');
    this.flash_el = document.getElementById('flash');
    this.view = null;
  }

  async start() {
    wire_skip_link(this.main);
    this.render_chrome();
    const m = /^\/e\/([^/]+)(\/manage)?\/?$/.exec(location.pathname);
    if (!m) {
      this.show_message('page_not_found');
      return;
    }
    const slug = decodeURIComponent(m[1]);
    this.view = m[2] ? new manage_page(this, slug) : new event_page(this, slug);
    if (m[2]) {
      // Opening another private link in the same tab only changes the fragment.
      window.addEventListener('hashchange', () => {
        if (/token=/.test(location.hash)) location.reload();
      });
    }
    await this.view.load();
    if (!this.main.contains(document.activeElement)) focus_heading(this.main);
  }

  render_chrome() {
    label_chrome(this.i18n);
    replace_children(document.getElementById('header-tools'), language_button(this.i18n, () => this.switch_language()));
  }

  switch_language() {
    toggle_language(this.i18n, this.flash_el, () => {
      this.render_chrome();
      if (this.view) this.view.render();
      else if (this.message_key) this.show_message(this.message_key);
    });
  }

  show_message(key) {
    this.message_key = key;
    document.title = this.t('app_title');
    this.show_notice(this.t(key));
  }

  // A page that could not load at all: one clear sentence instead of the content.
  show_error(err, { not_found = 'page_not_found' } = {}) {
    this.view = null;
    if (err.status === 404) this.show_message(not_found);
    else {
      this.message_key = null;
      this.show_notice(failure_text(this.t, err));
    }
  }

  show_notice(text) {
    replace_children(this.main, h('h1', {}, this.t('app_title')),
      h('div', { class: 'notice notice-error', role: 'alert' }, h('p', {}, text)));
  }

  flash(message) {
    replace_children(this.flash_el, h('p', { class: 'flash-message' }, '✓ ', message));
  }
}

new public_app().start();
