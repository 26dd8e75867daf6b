// The pairing screen shown while the kiosk has no token: type or paste the
// kiosk token, or scan the pairing QR code; GET kiosk/self checks it.

import { h, replace_children } from '../../assets/lib/dom.js';
import { call, is_revoked } from './api.js';
import { camera_scanner, camera_supported } from './camera.js';

// The QR holds the token; tolerate a URL or text around it.
function token_in(text) {
  return /pk_[A-Za-z0-9_\-.~]+/.exec(String(text).trim())?.[0] ?? null;
}

export class pairing_view {
  // notice: a sentence to show first (e.g. the kiosk was revoked)
  constructor(app, notice) {
    this.app = app;
    this.notice = notice;
    this.camera = null;
  }

  render() {
    const { t } = this.app;
    this.input = h('input', {
      id: 'pair-token', type: 'text', autocomplete: 'off', autocapitalize: 'off', spellcheck: 'false',
      'aria-describedby': 'pair-message',
    });
    this.message = h('p', { id: 'pair-message', class: 'pair-message', role: 'alert' });
    if (this.notice) {
      this.message.textContent = this.notice;
      this.message.classList.add('is-error');
    }
    const camera_button = camera_supported()
      ? h('button', { type: 'button', class: 'secondary', onclick: () => this.toggle_camera() }, t('pair_camera'))
      : null;
    this.camera_box = h('div', { class: 'camera-box', hidden: true });
    const form = h('form', { class: 'pair-form', onsubmit: (e) => { e.preventDefault(); this.pair(this.input.value); } },
      h('label', { for: 'pair-token' }, t('pair_token')),
      this.input,
      h('div', { class: 'pair-actions' }, h('button', { type: 'submit' }, t('pair_button')), camera_button));
    replace_children(this.app.main,
      h('section', { class: 'pairing' },
        h('h1', {}, t('pair_title')),
        h('p', {}, t('pair_intro')),
        this.message, form, this.camera_box));
    this.input.focus();
  }

  say(text, error) {
    this.message.textContent = text;
    this.message.classList.toggle('is-error', Boolean(error));
  }

  async pair(text) {
    const { t } = this.app;
    const token = token_in(text);
    if (!token) {
      this.say(t('pair_bad_format'), true);
      this.input.focus();
      return;
    }
    this.say(t('pair_checking'), false);
    try {
      const self = await call('GET', '/api/v1/kiosk/self', { token });
      this.stop_camera();
      this.app.paired(token, self);
    } catch (err) {
      if (is_revoked(err)) this.say(this.app.t('revoked'), true);
      else if (err.status === 401 || err.status === 403) this.say(t('pair_unknown'), true);
      else if (err.status === 0) this.say(t('pair_network'), true);
      else this.say(t('error_text', { detail: err.message }), true);
      this.input.focus();
    }
  }

  async toggle_camera() {
    if (this.camera?.running) {
      this.stop_camera();
      return;
    }
    this.camera = new camera_scanner((text) => {
      this.input.value = token_in(text) ?? text;
      this.pair(text);
    });
    replace_children(this.camera_box, this.camera.video);
    this.camera_box.hidden = false;
    try {
      await this.camera.start();
    } catch {
      this.stop_camera();
      this.say(this.app.t('camera_failed'), true);
    }
  }

  stop_camera() {
    this.camera?.stop();
    if (this.camera_box) this.camera_box.hidden = true;
  }

  leave() {
    this.stop_camera();
  }
}
