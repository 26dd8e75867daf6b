// Starts the check-in kiosk at /kiosk/: with no stored token the pairing
// screen, otherwise the scanning screen for the kiosk's event. Owns the
// header (kiosk name, mode, event; online/offline and queue indicators) and
// what happens when the organizer revokes the kiosk.

import { label_chrome, language_button, toggle_language, wire_skip_link } from '../../assets/lib/chrome.js';
import { h, replace_children } from '../../assets/lib/dom.js';
import { call, is_revoked } from './api.js';
import { i18n } from './i18n.js';
import { offline_sync } from './offline.js';
import { pairing_view } from './pairing.js';
import { scan_view } from './scan_view.js';
import { store } from './store.js';

const retry_start_ms = 10_000;

class kiosk_app {
  constructor() {
    this.i18n = new i18n();
    this.t = this.i18n.t;
    this.main = document.getElementById('main');
    this.view = null;
    this.token = null;
    this.self = null;
    this.sync = null;
  }

  async start() {
    wire_skip_link(this.main);
    this.render_chrome();
    // A click on the background must not leave the scanner typing into nothing.
    document.addEventListener('click', () => setTimeout(() => this.view?.focus_input?.(), 0));
    const token = store.token();
    if (!token) {
      this.show_pairing();
      return;
    }
    this.token = token;
    try {
      this.self = await call('GET', '/api/v1/kiosk/self', { token });
      store.set_self(this.self);
    } catch (err) {
      if (err.status === 401) {
        this.revoked(err);
        return;
      }
      // Offline at start: the last known identity is enough to scan from the copy.
      this.self = store.self();
      if (!this.self) {
        this.show_message(this.t('pair_network'));
        setTimeout(() => this.start(), retry_start_ms);
        return;
      }
    }
    this.show_scanning();
  }

  render_chrome() {
    label_chrome(this.i18n);
    document.title = this.t('app_title');
    const tools = [language_button(this.i18n, () => this.switch_language())];
    if (this.token) {
      tools.push(h('button', { type: 'button', class: 'secondary', id: 'unpair', onclick: () => this.unpair() }, this.t('unpair')));
    }
    replace_children(document.getElementById('header-tools'), tools);
    this.render_identity();
    this.render_status();
  }

  render_identity() {
    const box = document.getElementById('kiosk-identity');
    if (!this.self) {
      box.replaceChildren();
      return;
    }
    const { kiosk, event } = this.self;
    const mode = kiosk.mode === 'session'
      ? this.t('mode_session', { title: this.i18n.pick(kiosk.session_title) })
      : this.t('mode_entrance');
    replace_children(box,
      h('span', { class: 'kiosk-event', lang: this.i18n.html_lang(this.i18n.picked_lang(event.title)) }, this.i18n.pick(event.title)),
      h('span', { class: 'kiosk-name' }, kiosk.name),
      h('span', { class: 'kiosk-mode', dataset: { mode: kiosk.mode } }, mode));
  }

  render_status() {
    const box = document.getElementById('kiosk-status');
    if (!this.sync) {
      box.replaceChildren();
      return;
    }
    const { t } = this;
    const online = this.sync.online;
    const queued = this.sync.queue_length();
    const data = this.sync.data();
    const when = data?.saved_at
      ? new Intl.DateTimeFormat(this.i18n.html_lang(), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(data.saved_at))
      : '';
    replace_children(box,
      h('span', { class: `net-status ${online ? 'is-online' : 'is-offline'}`, id: 'net-status', dataset: { online: String(online) } },
        h('span', { 'aria-hidden': 'true' }, online ? '● ' : '○ '), online ? t('online') : t('offline')),
      h('span', { class: `queue-count${queued ? ' has-queue' : ''}`, id: 'queue-count', dataset: { count: String(queued) } },
        t('queued', { n: queued })),
      h('span', { class: 'data-info', id: 'data-info', dataset: { count: String(data?.items?.length ?? 0) } },
        data ? t('data_count', { n: data.items?.length ?? 0, time: when }) : t('data_none')));
  }

  switch_language() {
    toggle_language(this.i18n, document.createElement('div'), () => {
      this.render_chrome();
      this.view?.render();
    });
  }

  set_view(view) {
    this.view?.leave?.();
    this.view = view;
    view.render();
  }

  show_pairing(notice) {
    this.sync?.stop();
    this.sync = null;
    this.token = null;
    this.self = null;
    this.render_chrome();
    this.set_view(new pairing_view(this, notice));
  }

  show_message(text) {
    replace_children(this.main, h('h1', {}, this.t('app_title')), h('p', { class: 'pair-message is-error', role: 'alert' }, text));
  }

  paired(token, self) {
    store.clear();
    store.set_token(token);
    store.set_self(self);
    this.token = token;
    this.self = self;
    this.show_scanning();
  }

  show_scanning() {
    this.sync = new offline_sync({
      token: () => this.token,
      slug: () => this.self.event.slug,
      session_requires_signup: () => this.self.kiosk?.session_requires_signup,
      on_revoked: (err) => this.revoked(err),
      on_change: () => this.render_status(),
    });
    this.render_chrome();
    this.set_view(new scan_view(this));
    this.sync.start();
  }

  // Revoked, or the token is no longer known: nothing here can be sent any
  // more, so the kiosk forgets it all and says why.
  revoked(err) {
    if (!this.token) return;
    const lost = store.queue().length;
    store.clear();
    let notice = is_revoked(err) ? this.t('revoked') : this.t('pair_unknown');
    if (lost) notice += ` ${this.t('revoked_lost', { n: lost })}`;
    this.show_pairing(notice);
  }

  unpair() {
    if (store.queue().length && !window.confirm(this.t('unpair_confirm'))) return;
    store.clear();
    this.show_pairing();
  }
}

// Keeps the page and its files for a reload without network (sw.js); a
// browser without service workers, or one refusing this one, still works.
try {
  navigator.serviceWorker?.register('/kiosk/sw.js', { scope: '/kiosk/' }).catch(() => {});
} catch {
  // not supported here
}

const app = new kiosk_app();
app.start();
