// One event's live dashboard (/dashboard/{slug}): takes the organizer feed's
// messages (snapshot, stats, activity) and shows them. A stats message is the
// whole state and replaces the last one; activity items are added by seq.
// Messages only record what arrived; drawing waits for the next animation
// frame, so a burst of messages costs one redraw.

import { h, focus_heading, replace_children } from '../../assets/lib/dom.js';
import { format_date_range, safe_zone } from '../../e/assets/time.js';
import { activity_cap, render_activity } from './activity.js';
import { format_clock } from './format.js';
import { arrivals_panel, breakdowns_panel, countries_panel, numbers_panel, sessions_panel } from './panels.js';

export class dashboard_view {
  constructor(app, slug) {
    this.app = app;
    this.slug = slug;
    this.main = app.main;
    this.event = null;
    this.stats = null;
    this.activity = [];        // newest first, at most activity_cap
    this.last_seq = 0;
    this.updated_at = null;
    this.panels = null;        // built on the first snapshot
    this.frame = 0;
    this.activity_dirty = false;
    this.notice = null;        // makes the words on why the feed stopped, when it did
    // The arrivals window moves with the clock even when nobody arrives.
    this.clock = setInterval(() => this.schedule(), 20_000);
  }

  get zone() {
    return safe_zone(this.event?.timezone || 'UTC');
  }

  event_title() {
    const { i18n } = this.app;
    const title = { en: this.event?.title_en, zh: this.event?.title_zh };
    return { text: i18n.pick(title) || this.slug, lang: i18n.html_lang(i18n.picked_lang(title)) };
  }

  // Until the first snapshot: the slug and a word about connecting.
  show_waiting() {
    const { t } = this.app;
    replace_children(this.main,
      h('h1', {}, t('dashboard_title', { title: this.slug })),
      h('p', { class: 'loading' }, t('not_updated_yet')));
  }

  receive(msg) {
    if (!msg || typeof msg !== 'object') return;
    if (msg.type === 'snapshot') {
      const first = !this.panels;
      this.event = msg.event ?? this.event;
      this.stats = msg.stats ?? null;
      // Oldest first on the wire; after a reconnect the snapshot is the truth.
      this.activity = [...(msg.activity ?? [])].reverse().slice(0, activity_cap);
      this.last_seq = Math.max(0, ...this.activity.map((it) => Number(it.seq) || 0));
      this.activity_dirty = true;
      if (first) this.build({ focus: true });
    } else if (msg.type === 'stats') {
      // Organizers get the activity since the last update in the same message.
      const took_activity = this.take_activity(msg.activity);
      // Coalesced by the server and sent in order; an older version can only
      // be a straggler and would move the numbers backwards.
      const newer = msg.stats && !(this.stats && Number(msg.stats.version) < Number(this.stats.version));
      if (newer) this.stats = msg.stats;
      if (!newer && !took_activity) return;
    } else if (msg.type === 'activity') {
      // Separate activity messages: what servers before the combined message sent.
      if (!this.take_activity(msg.items)) return;
    } else {
      return;
    }
    this.updated_at = Date.now();
    this.schedule();
  }

  // Adds items newer than any seen; false when there were none. A gap in seq
  // means the server dropped some for a slow reader: the list just goes on;
  // the numbers come whole in the stats anyway.
  take_activity(items) {
    const fresh = (Array.isArray(items) ? items : []).filter((it) => Number(it.seq) > this.last_seq);
    if (!fresh.length) return false;
    this.last_seq = Math.max(this.last_seq, ...fresh.map((it) => Number(it.seq)));
    this.activity = [...fresh.reverse(), ...this.activity].slice(0, activity_cap);
    this.activity_dirty = true;
    return true;
  }

  schedule() {
    if (this.frame || !this.panels) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  // Makes the page's markup and charts (again, after a language switch).
  build({ focus = false } = {}) {
    const { t, i18n } = this.app;
    this.dispose_panels();
    const title = this.event_title();
    document.title = `${t('dashboard_title', { title: title.text })} · ${t('app_title')}`;
    this.panels = {
      numbers: new numbers_panel(this.app),
      arrivals: new arrivals_panel(this.app),
      sessions: new sessions_panel(this.app),
      countries: new countries_panel(this.app),
      breakdowns: new breakdowns_panel(this.app),
    };
    const p = this.panels;
    this.updated_el = h('span', { class: 'updated', id: 'last-updated' });
    this.notice_el = h('div', { class: 'notice', id: 'feed-notice', role: 'alert' });
    this.activity_list = h('ol', { class: 'activity', id: 'activity', 'aria-labelledby': 'activity-heading' });
    const dates = this.event?.starts_at && this.event?.ends_at
      ? format_date_range(this.event.starts_at, this.event.ends_at, this.zone, i18n.lang) : '';
    replace_children(this.main,
      h('div', { class: 'page-head' },
        h('h1', { lang: title.lang }, t('dashboard_title', { title: title.text })),
        h('p', { class: 'meta' },
          dates ? h('span', {}, dates) : null,
          h('span', {}, t('times_in_zone', { zone: this.zone })),
          this.updated_el)),
      this.notice_el,
      p.numbers.build(),
      h('div', { class: 'dash-grid' },
        h('div', { class: 'dash-main' }, p.arrivals.build(), p.sessions.build(), p.countries.build(), p.breakdowns.build()),
        h('section', { class: 'card card-activity', 'aria-labelledby': 'activity-heading' },
          h('h2', { id: 'activity-heading' }, t('activity_title')),
          this.activity_list)));
    for (const panel of Object.values(p)) panel.attach?.();
    this.activity_dirty = true;
    this.render_notice();
    this.render();
    if (focus) focus_heading(this.main);
  }

  render() {
    if (!this.panels) return;
    const { t } = this.app;
    const zone = this.zone;
    const lang = this.app.i18n.lang;
    const updated = this.updated_at ? t('last_updated', { time: format_clock(this.updated_at, zone, lang) }) : '';
    if (this.updated_el.textContent !== updated) this.updated_el.textContent = updated;
    if (this.stats) {
      const p = this.panels;
      p.numbers.update(this.stats);
      p.arrivals.update(this.stats, zone, Date.now());
      p.sessions.update(this.stats, zone);
      p.countries.update(this.stats);
      p.breakdowns.update(this.stats);
    }
    if (this.activity_dirty) {
      this.activity_dirty = false;
      render_activity(this.app, this.activity_list, zone, this.activity, this.stats?.sessions);
    }
  }

  // Why the feed stopped, above the last figures (which stay readable), or
  // alone when none ever came. make() gives the nodes, in the language of the
  // moment (it is called again after a switch).
  show_notice(make) {
    this.notice = make;
    if (!this.panels) {
      replace_children(this.main, h('h1', {}, this.app.t('dashboard_title', { title: this.slug })),
                       h('div', { class: 'notice', id: 'feed-notice', role: 'alert' }, make()));
      return;
    }
    this.render_notice();
  }

  render_notice() {
    if (!this.notice_el) return;
    replace_children(this.notice_el, this.notice ? this.notice() : []);
    this.notice_el.hidden = !this.notice;
  }

  dispose_panels() {
    for (const panel of Object.values(this.panels ?? {})) panel.dispose();
    this.panels = null;
  }

  dispose() {
    clearInterval(this.clock);
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.dispose_panels();
  }
}
