// Starts the hall display (/display/{slug}): checks over HTTP that the event
// is published with public_display on, shows its title, then follows the
// anonymous feed (/api/v1/events/{slug}/live/public) and keeps it connected.
// The feed carries counts only; nothing here could show a person.

import { api_error, event_path, json_body } from '../../assets/lib/api.js';
import { h, replace_children } from '../../assets/lib/dom.js';
import { connection_status, live_socket, stop_error } from '../../assets/lib/live_socket.js';
import { format_time, format_time_range, safe_zone } from '../../e/assets/time.js';
import { now_and_next } from './agenda.js';
import { both, say } from './strings.js';

function slug_from_path(pathname) {
  const m = /^\/display\/([^/]+)\/?$/.exec(pathname);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return m[1];
  }
}

// Anonymous on purpose: an organizer's cookie in the same browser must not
// make the hall screen see more than the public does.
async function get_public(path) {
  let res;
  try {
    res = await fetch(path, {
      headers: { Accept: 'application/json' },
      credentials: 'omit',
      cache: 'no-store',
      signal: AbortSignal.timeout(15_000),  // a hung check must not stall the reconnect loop
    });
  } catch {
    throw new api_error(0, null, null);
  }
  const data = await json_body(res);
  if (res.ok) return data;
  throw new api_error(res.status, data, null);
}

// A text in both languages, each in its own element with its lang.
function bilingual(key, vars, cls = 'bi') {
  return h('span', { class: cls },
    h('span', { lang: 'en', class: 'en' }, say('en', key, vars)),
    h('span', { lang: 'zh-CN', class: 'zh' }, say('zh', key, vars)));
}

// An event title as the API gives it ({en, zh}) or a session's: `title`
// (English) with `title_zh` beside it.
function titles(value, zh = '') {
  if (value && typeof value === 'object') return { en: value.en || '', zh: value.zh || '' };
  return { en: String(value ?? ''), zh: zh || '' };
}

function set_text(el, text) {
  if (el && el.textContent !== text) el.textContent = text;
}

const count_format = new Intl.NumberFormat('en-GB');
const count = (n) => count_format.format(Number(n) || 0);

class display_app {
  constructor() {
    this.main = document.getElementById('main');
    this.clock = document.getElementById('clock');
    this.slug = slug_from_path(location.pathname);
    this.title = null;     // {en, zh}
    this.zone = 'UTC';
    this.stats = null;
    this.parts = null;
    this.frame = 0;
    this.sessions_seen = '';
  }

  start() {
    this.status = new connection_status(document.getElementById('connection'), both);
    this.status.show({ name: 'idle' });
    if (!this.slug) {
      this.show_message(['no_slug']);
      return;
    }
    this.socket = new live_socket(event_path(this.slug, 'live', 'public'), {
      preflight: () => this.preflight(),
      on_message: (msg) => this.receive(msg),
      on_state: (state) => this.on_state(state),
    });
    this.status.socket = this.socket;
    this.socket.start();
    // The clock and "now / next" move with time, not only with messages.
    setInterval(() => this.schedule(), 15_000);
  }

  async preflight() {
    let event;
    try {
      event = await get_public(event_path(this.slug));
    } catch (e) {
      if (e.status === 404) throw new stop_error('not_found');
      throw e;
    }
    this.zone = safe_zone(event?.timezone || 'UTC');
    // The title is worth showing even above "not enabled": the screen is in the right place.
    if (event?.public_display !== true) {
      this.title = titles(event?.title);
      throw new stop_error('disabled');
    }
    this.set_title(titles(event.title));
  }

  on_state(state) {
    this.status.show(state);
    if (state.name === 'stopped') this.on_stopped(state.reason);
  }

  // A 1008 from the server: the display was switched off or the event went
  // away; the event's public page says which.
  async on_stopped(reason) {
    let why = reason;
    if (reason === 'closed_by_server') {
      try {
        const event = await get_public(event_path(this.slug));
        why = event?.public_display === true ? 'closed' : 'disabled';
      } catch (e) {
        why = e.status === 404 ? 'not_found' : 'closed';
      }
    }
    const keys = { not_found: ['not_found'], disabled: ['disabled', 'disabled_hint'] }[why] ?? ['closed'];
    this.show_message(keys, why === 'closed');
  }

  show_message(keys, with_reload = false) {
    this.parts = null;
    document.title = both('app_title_short');
    replace_children(this.main,
      this.title ? this.title_heading() : null,
      h('div', { class: 'display-message', id: 'display-message', role: 'alert' },
        keys.map((key) => h('p', {}, bilingual(key, {}, 'bi bi-lines'))),
        with_reload ? h('p', {}, h('a', { href: location.pathname }, bilingual('reload'))) : null));
  }

  set_title(title) {
    const changed = JSON.stringify(title) !== JSON.stringify(this.title);
    this.title = title;
    if (!this.parts) this.build();
    else if (changed) replace_children(this.parts.heading, ...this.title_lines());
    document.title = [title.en, title.zh].filter(Boolean).join(' · ') || this.slug;
  }

  title_lines() {
    return [
      this.title.en ? h('span', { class: 'title-en', lang: 'en' }, this.title.en) : null,
      this.title.zh ? h('span', { class: 'title-zh', lang: 'zh-CN' }, this.title.zh) : null,
    ];
  }

  title_heading() {
    return h('h1', { class: 'display-title', id: 'display-title' }, this.title_lines());
  }

  build() {
    const value = (key, cls = 'count-value') => h('span', { class: cls, 'data-stat': key }, '–');
    const p = {};
    p.heading = this.title_heading();
    p.checked_in = value('checked_in');
    p.registered = value('registered', 'sub-number');
    p.inside = value('inside');
    p.countries_present = value('countries_present');
    p.countries_registered = value('countries_registered', 'sub-number');
    p.sessions = h('div', { class: 'display-sessions', id: 'display-sessions' });
    replace_children(this.main,
      p.heading,
      h('dl', { class: 'counts' },
        h('div', { class: 'count count-checked-in' },
          h('dt', {}, bilingual('checked_in')),
          h('dd', {}, p.checked_in),
          h('dd', { class: 'count-sub' }, p.registered, ' ', bilingual('registered_sub'))),
        h('div', { class: 'count count-inside' },
          h('dt', {}, bilingual('inside')),
          h('dd', {}, p.inside)),
        h('div', { class: 'count count-countries' },
          h('dt', {}, bilingual('countries')),
          h('dd', {}, p.countries_present),
          h('dd', { class: 'count-sub' }, p.countries_registered, ' ', bilingual('registered_sub')))),
      p.sessions);
    this.parts = p;
    this.sessions_seen = '';
    this.render();
  }

  receive(msg) {
    if (!msg || (msg.type !== 'snapshot' && msg.type !== 'stats') || !msg.stats) return;
    // Each message is the whole state; an older version is a straggler.
    if (msg.type === 'stats' && this.stats && Number(msg.stats.version) < Number(this.stats.version)) return;
    this.stats = msg.stats;
    if (msg.event && (msg.event.title_en || msg.event.title_zh)) {
      this.set_title({ en: msg.event.title_en || '', zh: msg.event.title_zh || '' });
    }
    this.schedule();
  }

  schedule() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  render() {
    set_text(this.clock, format_time(new Date().toISOString(), this.zone, 'en'));
    const p = this.parts;
    const s = this.stats;
    if (!p || !s) return;
    set_text(p.checked_in, count(s.checked_in));
    set_text(p.registered, count(s.registered));
    set_text(p.inside, count(s.inside));
    set_text(p.countries_present, count(s.countries_present));
    set_text(p.countries_registered, count(s.countries_registered));
    this.render_sessions(s.sessions ?? []);
  }

  render_sessions(sessions) {
    const { now, next } = now_and_next(sessions, Date.now());
    const key = JSON.stringify([now, next]);
    if (key === this.sessions_seen) return;
    this.sessions_seen = key;
    const group = (label_key, list, cls) => (list.length
      ? h('section', { class: `session-group ${cls}`, 'aria-labelledby': `sessions-${cls}` },
        h('h2', { id: `sessions-${cls}` }, bilingual(label_key)),
        h('ul', { class: 'session-list' }, list.map((x) => this.session_item(x))))
      : null);
    replace_children(this.parts.sessions, group('now', now, 'now'), group('next', next, 'next'));
  }

  session_item(s) {
    const title = titles(s.title, s.title_zh);
    const limited = s.capacity !== null && s.capacity !== undefined && Number(s.capacity) > 0;
    const vars = { n: count(s.inside), capacity: limited ? count(s.capacity) : '' };
    const bar = h('span', { class: 'bar-fill' });
    // The width is set through the CSSOM: the CSP forbids inline style attributes.
    if (limited) bar.style.width = `${Math.min(100, Math.round((100 * (Number(s.inside) || 0)) / Number(s.capacity)))}%`;
    return h('li', { class: 'session', dataset: { session: String(s.id) } },
      h('p', { class: 'session-title' },
        title.en ? h('span', { lang: 'en', class: 'en' }, title.en) : null,
        title.zh && title.zh !== title.en ? h('span', { lang: 'zh-CN', class: 'zh' }, title.zh) : null),
      h('p', { class: 'session-meta' },
        format_time_range(s.starts_at, s.ends_at, this.zone, 'en'), s.room ? ` · ${s.room}` : ''),
      h('p', { class: 'session-occupancy' }, bilingual(limited ? 'inside_of' : 'inside_only', vars)),
      limited ? h('span', { class: 'bar', 'aria-hidden': 'true' }, bar) : null);
  }
}

new display_app().start();
