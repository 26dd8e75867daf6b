// The dashboard's panels: the big numbers, arrivals per minute, sessions
// against capacity, countries and the answers to single-choice questions.
// Each panel builds its markup once (build) and then only refreshes it from a
// whole stats message (update); a chart is made once and fed new data. Every
// figure is also text on the page, with a data-stat hook on the big ones.

import { h, replace_children } from '../../assets/lib/dom.js';
import { format_time_range } from '../../e/assets/time.js';
import { bar_chart, destroy_chart, set_chart_data } from './charts.js';
import {
  arrivals_series, arrivals_window, capacity_share, countries_by_size, peak_minute, session_title,
} from './figures.js';
import { format_clock, format_count, format_share } from './format.js';

function set_text(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

// Rebuilding a table on every message would be wasted work when its part of
// the stats did not move; a panel keeps what it last drew.
function changed(panel, key, value) {
  const text = JSON.stringify(value ?? null);
  if (panel.seen[key] === text) return false;
  panel.seen[key] = text;
  return true;
}

function card(id, title, ...children) {
  return h('section', { class: `card card-${id}`, 'aria-labelledby': `${id}-heading` },
    h('h2', { id: `${id}-heading` }, title), ...children);
}

// A chart's box: Chart.js sizes the canvas to it (the height is the CSS's).
function chart_box(canvas, cls) {
  return h('div', { class: cls ? `chart-box ${cls}` : 'chart-box' }, canvas);
}

function table(caption_id, head, rows, cls) {
  return h('table', { class: cls ? `data-table ${cls}` : 'data-table', 'aria-labelledby': caption_id },
    h('thead', {}, h('tr', {}, head.map(([text, numeric]) => h('th', { scope: 'col', class: numeric ? 'num' : null }, text)))),
    h('tbody', {}, rows));
}

const num_cell = (text) => h('td', { class: 'num' }, text);

export class numbers_panel {
  constructor(app) {
    this.app = app;
    this.seen = {};
  }

  build() {
    const { t } = this.app;
    this.values = {};
    const value = (key, cls = 'big-value') => {
      this.values[key] = h('dd', { class: cls, 'data-stat': key }, '–');
      return this.values[key];
    };
    this.share_hint = h('dd', { class: 'big-hint', 'data-stat-hint': 'share' });
    const small = (key, label) => h('div', {}, h('dt', {}, label), value(key, 'small-value'));
    return h('section', { class: 'numbers', 'aria-labelledby': 'numbers-heading' },
      h('h2', { id: 'numbers-heading', class: 'visually-hidden' }, t('numbers_title')),
      h('dl', { class: 'big-numbers' },
        h('div', { class: 'big' }, h('dt', {}, t('stat_registered')), value('registered'),
          h('dd', { class: 'big-hint' }, t('stat_registered_hint'))),
        h('div', { class: 'big' }, h('dt', {}, t('stat_checked_in')), value('checked_in'),
          h('dd', { class: 'big-hint' }, t('stat_checked_in_hint'))),
        h('div', { class: 'big' }, h('dt', {}, t('stat_inside')), value('inside')),
        h('div', { class: 'big' }, h('dt', {}, t('stat_share')), value('share'), this.share_hint)),
      h('dl', { class: 'small-numbers' },
        small('waitlisted', t('stat_waitlisted')),
        small('pending', t('stat_pending')),
        small('cancelled', t('stat_cancelled'))));
  }

  update(stats) {
    const { t, i18n } = this.app;
    const lang = i18n.lang;
    const reg = stats.registrations ?? {};
    set_text(this.values.registered, format_count(reg.confirmed ?? 0, lang));
    set_text(this.values.checked_in, format_count(stats.checked_in ?? 0, lang));
    set_text(this.values.inside, format_count(stats.inside ?? 0, lang));
    set_text(this.values.waitlisted, format_count(reg.waitlisted ?? 0, lang));
    set_text(this.values.pending, format_count(reg.pending ?? 0, lang));
    set_text(this.values.cancelled, format_count(reg.cancelled ?? 0, lang));
    const share = capacity_share(stats.checked_in, stats.capacity);
    set_text(this.values.share, share === null ? t('stat_no_limit') : format_share(share, lang));
    set_text(this.share_hint, share === null
      ? t('stat_no_limit_hint')
      : t('stat_share_of', { capacity: format_count(stats.capacity, lang) }));
  }

  dispose() {}
}

export class arrivals_panel {
  constructor(app) {
    this.app = app;
    this.seen = {};
  }

  build() {
    const { t } = this.app;
    this.summary = h('p', { class: 'chart-summary', id: 'arrivals-summary' });
    this.canvas = h('canvas', { role: 'img', 'aria-label': t('arrivals_chart_label', { minutes: arrivals_window }) });
    const el = card('arrivals', t('arrivals_title'), this.summary, chart_box(this.canvas));
    this.chart = null;
    return el;
  }

  // After the card is in the document: Chart.js measures its box.
  attach() {
    this.chart = bar_chart(this.canvas, { series: [{ label: this.app.t('arrivals_series') }] });
  }

  update(stats, zone, now_ms) {
    const { t, i18n } = this.app;
    const lang = i18n.lang;
    const series = arrivals_series(stats.arrivals_per_minute, now_ms);
    const total = series.counts.reduce((a, b) => a + b, 0);
    const peak = peak_minute(series);
    set_text(this.summary, total
      ? `${t('arrivals_summary', { n: format_count(total, lang), minutes: arrivals_window })} ${
        t('arrivals_peak', { time: format_clock(peak.minute, zone, lang, false), n: format_count(peak.count, lang) })}`
      : t('arrivals_none', { minutes: arrivals_window }));
    set_chart_data(this.chart, series.minutes.map((m) => format_clock(m, zone, lang, false)), [series.counts]);
  }

  dispose() {
    destroy_chart(this.chart);
  }
}

export class sessions_panel {
  constructor(app) {
    this.app = app;
    this.seen = {};
  }

  build() {
    const { t } = this.app;
    this.canvas = h('canvas', { role: 'img', 'aria-label': t('sessions_chart_label') });
    this.box = chart_box(this.canvas, 'chart-box-sessions');
    this.body = h('div', { class: 'sessions-table' });
    this.chart = null;
    return card('sessions', t('sessions_title'), this.box, this.body);
  }

  attach() {
    const { t } = this.app;
    this.chart = bar_chart(this.canvas, {
      horizontal: true,
      series: [{ label: t('series_inside') }, { label: t('series_checked_in') }, { label: t('series_capacity'), outline: true }],
    });
  }

  update(stats, zone) {
    const sessions = stats.sessions ?? [];
    if (!changed(this, 'sessions', sessions)) return;
    const { t, i18n } = this.app;
    const lang = i18n.lang;
    const title = (s) => i18n.pick(session_title(s)) || `#${s.id}`;
    this.box.hidden = sessions.length === 0;
    // A row of three bars per session; the box grows with the agenda.
    this.box.style.height = `${Math.max(8, 2.6 * sessions.length + 4)}rem`;
    const short = (text) => (text.length > 32 ? `${text.slice(0, 31)}…` : text);
    set_chart_data(this.chart, sessions.map((s) => short(title(s))), [
      sessions.map((s) => s.inside ?? 0),
      sessions.map((s) => s.checked_in ?? 0),
      sessions.map((s) => s.capacity ?? null),
    ]);
    if (!sessions.length) {
      replace_children(this.body, h('p', { class: 'empty' }, t('no_sessions')));
      return;
    }
    const occupancy = (s) => {
      const share = capacity_share(s.inside, s.capacity);
      return share === null ? t('no_limit_short') : format_share(share, lang);
    };
    replace_children(this.body, table('sessions-heading', [
      [t('col_session')], [t('col_time')], [t('col_room')], [t('col_inside'), true], [t('col_checked_in'), true],
      [t('col_signed_up'), true], [t('col_capacity'), true], [t('col_occupancy'), true],
    ], sessions.map((s) => h('tr', { dataset: { session: String(s.id) } },
      h('th', { scope: 'row', lang: i18n.html_lang(i18n.picked_lang(session_title(s))) }, title(s)),
      h('td', {}, s.starts_at && s.ends_at ? format_time_range(s.starts_at, s.ends_at, zone, lang) : ''),
      h('td', {}, s.room ?? ''),
      num_cell(format_count(s.inside ?? 0, lang)),
      num_cell(format_count(s.checked_in ?? 0, lang)),
      num_cell(format_count(s.signed_up ?? 0, lang)),
      num_cell(s.capacity === null || s.capacity === undefined ? t('no_limit_short') : format_count(s.capacity, lang)),
      num_cell(occupancy(s)))), 'table-sessions'));
  }

  dispose() {
    destroy_chart(this.chart);
  }
}

export class countries_panel {
  constructor(app) {
    this.app = app;
    this.seen = {};
  }

  build() {
    const { t } = this.app;
    this.hint = h('p', { class: 'hint' });
    this.canvas = h('canvas', { role: 'img', 'aria-label': t('countries_chart_label') });
    this.box = chart_box(this.canvas, 'chart-box-countries');
    // Scrolls on its own when there are many; focusable so keys scroll it too.
    this.body = h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-labelledby': 'countries-heading' });
    this.chart = null;
    return card('countries', t('countries_title'), this.hint, this.box, this.body);
  }

  attach() {
    const { t } = this.app;
    this.chart = bar_chart(this.canvas, {
      horizontal: true, series: [{ label: t('series_registered') }, { label: t('series_checked_in') }],
    });
  }

  update(stats) {
    if (!changed(this, 'countries', stats.countries)) return;
    const { t, i18n } = this.app;
    const lang = i18n.lang;
    const all = countries_by_size(stats.countries);
    const top = all.slice(0, 10);
    this.box.hidden = all.length === 0;
    set_text(this.hint, all.length > top.length ? t('countries_top', { n: all.length }) : '');
    set_chart_data(this.chart, top.map((c) => i18n.country_name(c.code)),
                   [top.map((c) => c.registered), top.map((c) => c.checked_in)]);
    if (!all.length) {
      replace_children(this.body, h('p', { class: 'empty' }, t('no_countries')));
      return;
    }
    replace_children(this.body, table('countries-heading', [
      [t('col_country')], [t('col_registered'), true], [t('col_checked_in'), true],
    ], all.map((c) => h('tr', { dataset: { country: c.code } },
      h('th', { scope: 'row' }, i18n.country_name(c.code)),
      num_cell(format_count(c.registered, lang)),
      num_cell(format_count(c.checked_in, lang))))));
  }

  dispose() {
    destroy_chart(this.chart);
  }
}

export class breakdowns_panel {
  constructor(app) {
    this.app = app;
    this.seen = {};
  }

  build() {
    this.body = h('div', { class: 'breakdowns' });
    return card('breakdowns', this.app.t('breakdowns_title'), this.body);
  }

  attach() {}

  update(stats) {
    const breakdowns = stats.breakdowns ?? [];
    if (!changed(this, 'breakdowns', breakdowns)) return;
    const { t, i18n } = this.app;
    const lang = i18n.lang;
    if (!breakdowns.length) {
      replace_children(this.body, h('p', { class: 'empty' }, t('no_breakdowns')));
      return;
    }
    replace_children(this.body, breakdowns.map((b, i) => {
      const heading_id = `breakdown-${i}`;
      return h('div', { class: 'breakdown', dataset: { breakdown: b.key ?? '' } },
        h('h3', { id: heading_id, lang: i18n.html_lang(i18n.picked_lang(b.label)) }, i18n.pick(b.label) || b.key),
        table(heading_id, [[t('col_answer')], [t('col_registered'), true], [t('col_checked_in'), true]],
          (b.options ?? []).map((o) => h('tr', {},
            h('th', { scope: 'row', lang: i18n.html_lang(i18n.picked_lang(o.label)) }, i18n.pick(o.label) || o.value),
            num_cell(format_count(o.registered ?? 0, lang)),
            num_cell(format_count(o.checked_in ?? 0, lang))))));
    }));
  }

  dispose() {}
}
