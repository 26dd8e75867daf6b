// The JSON API client of the organizer app: session cookie, CSRF header on
// changes, problem+json errors as api_error (shared /assets/lib/api.js).

import { api_error, json_body, retry_after } from '../assets/lib/api.js';

export { api_error, event_path } from '../assets/lib/api.js';

const unsafe_methods = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

export class api_client {
  constructor(on_unauthorized) {
    this.csrf_token_ = null;
    this.on_unauthorized_ = on_unauthorized;
  }

  set_csrf_token(token) {
    this.csrf_token_ = token ?? null;
  }

  async call(method, path, body, { quiet_401 = false } = {}) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (unsafe_methods.has(method) && this.csrf_token_) headers['X-CSRF-Token'] = this.csrf_token_;
    const res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data = await json_body(res);
    if (res.ok) return data;
    const error = new api_error(res.status, data && typeof data === 'object' ? data : null, retry_after(res));
    if (res.status === 401 && !quiet_401) this.on_unauthorized_();
    throw error;
  }

  get(path, options) { return this.call('GET', path, undefined, options); }
  post(path, body, options) { return this.call('POST', path, body ?? {}, options); }
  patch(path, body) { return this.call('PATCH', path, body); }
  delete(path, body) { return this.call('DELETE', path, body); }
}
