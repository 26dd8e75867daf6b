// Starts the public attendee pages: /e/{slug} is the event page with sign-up,
// /e/{slug}/manage#token=... the attendee's own registration. Both are this
// one HTML file; the path decides.

import { h, focus_heading, replace_children } from './dom.js';
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
    document.getElementById('skip-link').addEventListener('click', (e) => {
      // A real #main would replace the manage token in the fragment.
      e.preventDefault();
      this.main.focus();
    });
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
    const { t } = this;
    document.documentElement.lang = this.i18n.html_lang();
    document.getElementById('skip-link').textContent = t('skip_to_content');
    document.getElementById('brand').textContent = t('app_title');
    const other = this.i18n.other();
    replace_children(document.getElementById('header-tools'),
      h('button', {
        type: 'button', id: 'lang-switch', class: 'secondary', lang: this.i18n.html_lang(other),
        'aria-label': `${t('switch_language')}: ${t('other_language')}`,
        onclick: () => this.switch_language(),
      }, t('other_language')));
  }

  switch_language() {
    this.i18n.set_language(this.i18n.other());
    this.flash_el.replaceChildren();
    this.render_chrome();
    if (this.view) this.view.render();
    else if (this.message_key) this.show_message(this.message_key);
    document.getElementById('lang-switch')?.focus();
  }

  show_message(key) {
    this.message_key = key;
    document.title = this.t('app_title');
    replace_children(this.main, h('h1', {}, this.t('app_title')),
      h('div', { class: 'notice notice-error', role: 'alert' }, h('p', {}, this.t(key))));
  }

  // A page that could not load at all: one clear sentence instead of the content.
  show_error(err, { not_found = 'page_not_found' } = {}) {
    this.view = null;
    if (err.status === 404) this.show_message(not_found);
    else {
      this.message_key = null;
      replace_children(this.main, h('h1', {}, this.t('app_title')),
        h('div', { class: 'notice notice-error', role: 'alert' }, h('p', {}, failure_text(this.t, err))));
    }
  }

  flash(message) {
    replace_children(this.flash_el, h('p', { class: 'flash-message' }, '✓ ', message));
  }
}

new public_app().start();
