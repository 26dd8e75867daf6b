// The sign-up form of the event page: built from the event's questions and
// sessions, posted with an Idempotency-Key that survives retries of the same
// fill and is renewed once the server has given a definite answer.

import { call, event_path } from './api.js';
import { h } from '../../assets/lib/dom.js';
import { show_errors, snapshot } from './forms.js';
import { collect, registration_form_el, session_aliases } from './reg_fields.js';

export const just_registered_key = 'plenary.public.just_registered';

// A message for a failure that no field explains.
export function failure_text(t, err) {
  if (err.status === 0) return t('error_network');
  if (err.status === 429) return t('error_rate_limited', { n: err.retry_after ?? 60 });
  if (err.status >= 500) return t('error_busy');
  if (err.status === 404) return t('event_not_found');
  return t('error_generic', { detail: err.message });
}

export function show_failure(form, t, err, aliases = {}) {
  if (err.errors.length) show_errors(form, err.errors, t, { aliases });
  else show_errors(form, [], t, { detail: failure_text(t, err) });
}

// Only a same-site manage page may be the next stop, whatever the answer says.
function manage_target(slug, reg) {
  const url = typeof reg.manage_url === 'string' ? reg.manage_url : '';
  if (url.startsWith('/e/') && url.includes('#token=')) return url;
  return `/e/${encodeURIComponent(slug)}/manage#token=${encodeURIComponent(reg.manage_token ?? '')}`;
}

export class registration_form {
  constructor(app, event, countries) {
    this.app = app;
    this.event = event;
    this.countries = countries;
    this.form = null;
    this.idempotency_key = null;
    this.key_body = null;
    this.busy = false;
  }

  render() {
    const { t } = this.app;
    const saved = this.form ? snapshot(this.form) : null;
    const button = h('button', { type: 'submit', class: 'primary' }, t('submit_register'));
    this.form = registration_form_el(this.app, {
      onsubmit: (e) => this.submit(e, button),
      fields: { event: this.event, countries: this.countries, mode: 'create' },
      buttons: [button],
      saved,
    });
    return this.form;
  }

  async submit(e, button) {
    e.preventDefault();
    if (this.busy) return;
    const { t } = this.app;
    const form = this.form;
    const body = collect(form, this.event, 'create');
    // A retry of the same fill reuses the key; changed answers are a new request.
    const fingerprint = JSON.stringify(body);
    if (this.key_body !== fingerprint) this.idempotency_key = null;
    this.idempotency_key ??= crypto.randomUUID();
    this.key_body = fingerprint;
    this.busy = true;
    // aria-disabled rather than disabled, so keyboard focus stays on the button.
    button.setAttribute('aria-disabled', 'true');
    button.textContent = t('sending');
    try {
      const reg = await call('POST', event_path(this.event.slug, 'registrations'),
                             { body, headers: { 'Idempotency-Key': this.idempotency_key } });
      this.idempotency_key = null;
      try {
        sessionStorage.setItem(just_registered_key, '1');
      } catch {
        // only the greeting depends on it
      }
      location.assign(manage_target(this.event.slug, reg));
    } catch (err) {
      // Without a definite answer the same submission may have been stored:
      // keep the key so the retry cannot register twice.
      if (!err.retryable) this.idempotency_key = null;
      show_failure(form, t, err, session_aliases(body));
    } finally {
      this.busy = false;
      button.removeAttribute('aria-disabled');
      button.textContent = t('submit_register');
    }
  }
}
