// The kiosk's offline side: the local copy of the attendee list (kiosk-data),
// answering a scan from it when the server cannot be reached, the persistent
// queue of such scans, and replaying that queue (oldest first, same nonces,
// so the server counts each scan once) when the server is back.

import { call, event_path, is_revoked, is_unreachable } from './api.js';
import { store } from './store.js';

const refresh_ms = 60_000;
const retry_ms = 15_000;

// What the server accepts: any case, spaces and dashes ignored.
export function canonical_code(code) {
  return String(code).toUpperCase().replace(/[\s-]+/g, '');
}

async function sha256_hex(text) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export class offline_sync {
  // hooks: {token(), slug(), session_requires_signup(), on_revoked(), on_change()}
  constructor(hooks) {
    this.hooks_ = hooks;
    this.reachable = navigator.onLine !== false;
    this.replaying_ = null;
    this.timers_ = [];
  }

  get online() {
    return this.reachable && navigator.onLine !== false;
  }

  start() {
    this.on_online_ = () => {
      this.reachable = true;
      this.hooks_.on_change();
      this.replay().then(() => this.refresh());
    };
    this.on_offline_ = () => this.mark_unreachable();
    window.addEventListener('online', this.on_online_);
    window.addEventListener('offline', this.on_offline_);
    this.timers_.push(setInterval(() => this.refresh(), refresh_ms));
    this.timers_.push(setInterval(() => this.replay(), retry_ms));
    return this.replay().then(() => this.refresh());
  }

  stop() {
    window.removeEventListener('online', this.on_online_);
    window.removeEventListener('offline', this.on_offline_);
    for (const t of this.timers_) clearInterval(t);
    this.timers_ = [];
  }

  mark_unreachable() {
    this.reachable = false;
    this.hooks_.on_change();
  }

  mark_reachable() {
    if (this.reachable) return;
    this.reachable = true;
    this.hooks_.on_change();
    this.replay();
  }

  // Server errors other than revocation are left for the next refresh.
  async refresh() {
    if (navigator.onLine === false) return;
    try {
      const data = await call('GET', event_path(this.hooks_.slug(), 'kiosk-data'), { token: this.hooks_.token() });
      store.set_data({ ...data, slug: this.hooks_.slug(), saved_at: new Date().toISOString() });
      this.mark_reachable();
    } catch (err) {
      if (is_revoked(err) || err.status === 401) this.hooks_.on_revoked(err);
      else if (is_unreachable(err)) this.mark_unreachable();
    }
    this.hooks_.on_change();
  }

  data() {
    const data = store.data();
    return data && data.slug === this.hooks_.slug() ? data : null;
  }

  async find_code(code) {
    const items = this.data()?.items ?? [];
    const hash = await sha256_hex(canonical_code(code));
    return items.find((item) => String(item.ticket_hash).toLowerCase() === hash) ?? null;
  }

  find_id(registration_id) {
    return (this.data()?.items ?? []).find((item) => item.registration_id === registration_id) ?? null;
  }

  search(q) {
    const needle = q.trim().toLocaleLowerCase();
    return (this.data()?.items ?? [])
      .filter((item) => String(item.name ?? '').toLocaleLowerCase().includes(needle))
      .slice(0, 20);
  }

  // Who was let in through this kiosk, so a second offline scan is amber.
  remember(registration_id, at) {
    if (registration_id === null || registration_id === undefined) return;
    const admitted = store.admitted();
    if (!(registration_id in admitted)) {
      admitted[registration_id] = at;
      store.set_admitted(admitted);
    }
  }

  // Someone who went out may come in again (the server says ok to that too).
  forget(registration_id) {
    const admitted = store.admitted();
    if (!(registration_id in admitted)) return;
    delete admitted[registration_id];
    store.set_admitted(admitted);
  }

  // kiosk/self says whether this kiosk's session needs a seat; a kiosk paired
  // before the server said so falls back to "if anybody holds a seat, it does".
  needs_signup(session_id) {
    const known = this.hooks_.session_requires_signup?.();
    if (typeof known === 'boolean') return known;
    return (this.data()?.items ?? []).some((item) => (item.sessions ?? []).includes(session_id));
  }

  // The answer the server would most likely give, shaped like its own.
  decide(item, scan) {
    const base = { offline: true, direction: scan.direction, scanned_at: scan.scanned_at, checkin_id: null };
    if (!item) return { ...base, result: 'not_found', attendee: null };
    const attendee = { name: item.name, organization: item.organization, country: item.country };
    if (item.status !== 'confirmed') return { ...base, result: item.status, attendee };
    const session = scan.session_id;
    if (session !== undefined && this.needs_signup(session) && !(item.sessions ?? []).includes(session)) {
      return { ...base, result: 'not_signed_up', attendee };
    }
    if (scan.direction === 'out') {
      this.forget(item.registration_id);
      return { ...base, result: 'ok', attendee };
    }
    const first = store.admitted()[item.registration_id];
    if (first) return { ...base, result: 'already_checked_in', attendee, first_checked_in_at: first, here: true };
    this.remember(item.registration_id, scan.scanned_at);
    return { ...base, result: 'ok', attendee };
  }

  queue_length() {
    return store.queue().length;
  }

  enqueue(scan) {
    store.set_queue([...store.queue(), { ...scan, offline: true }]);
    this.hooks_.on_change();
  }

  // One replay at a time: the periodic retry and the online event may meet.
  replay() {
    this.replaying_ ??= this.replay_once_().finally(() => {
      this.replaying_ = null;
      this.hooks_.on_change();
    });
    return this.replaying_;
  }

  async replay_once_() {
    if (navigator.onLine === false) return;
    for (;;) {
      const [scan] = store.queue();
      if (!scan) return;
      try {
        await call('POST', event_path(this.hooks_.slug(), 'checkins'), { token: this.hooks_.token(), body: scan });
      } catch (err) {
        if (is_revoked(err) || err.status === 401) {
          this.hooks_.on_revoked(err);
          return;
        }
        if (is_unreachable(err) || err.status === 429 || err.status >= 500) {
          if (is_unreachable(err)) this.mark_unreachable();
          return;  // kept in order for the next try
        }
        // The server refused this scan for good (a 4xx); keeping it would block the rest.
        console.warn('kiosk: queued scan refused', err.status, err.message);
      }
      store.set_queue(store.queue().filter((s) => s.nonce !== scan.nonce));
      this.reachable = true;
      this.hooks_.on_change();
    }
  }
}
