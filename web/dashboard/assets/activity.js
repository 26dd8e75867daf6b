// The recent activity list: check-ins, exits, undone check-ins,
// registrations and cancellations, newest first. Each kind has its own
// marker and word, never colour alone. Not a live region: a busy door would
// talk over everything else; the numbers' status line says enough.

import { h, replace_children } from '../../assets/lib/dom.js';
import { session_title } from './figures.js';
import { format_clock } from './format.js';

export const activity_cap = 50;

const markers = { checked_in: '✓', checked_out: '←', undone: '↶', registered: '+', cancelled: '×' };

// The item names its session in English; the stats' session list has both
// languages, so the title is looked up there first.
function item(app, zone, titles, it) {
  const { t, i18n } = app;
  const kind = markers[it.kind] ? it.kind : 'other';
  const at_entrance = it.session_id === null || it.session_id === undefined;
  const title = titles.get(it.session_id) ?? session_title({ title: it.session_title });
  const session = at_entrance ? t('at_entrance') : (i18n.pick(title) || `#${it.session_id}`);
  const detail = [it.organization, it.country ? i18n.country_name(it.country) : ''].filter(Boolean).join(' · ');
  return h('li', { class: `act act-${kind}`, dataset: { seq: String(it.seq ?? ''), kind: it.kind ?? '' } },
    h('time', { class: 'act-time', datetime: it.at }, it.at ? format_clock(it.at, zone, i18n.lang) : ''),
    h('div', { class: 'act-body' },
      h('span', { class: 'act-kind' },
        h('span', { class: 'act-marker', 'aria-hidden': 'true' }, markers[it.kind] ?? '•'),
        markers[it.kind] ? t(`act_${it.kind}`) : String(it.kind ?? '')),
      ' ',
      h('span', { class: 'act-name' }, it.name ?? ''),
      detail ? h('span', { class: 'act-detail' }, detail) : null,
      h('span', { class: 'act-where', lang: at_entrance ? null : i18n.html_lang(i18n.picked_lang(title)) },
        session, it.device ? ` · ${t('by_device', { device: it.device })}` : '')));
}

// `items` newest first; `sessions` from the latest stats.
export function render_activity(app, list, zone, items, sessions) {
  if (!items.length) {
    replace_children(list, h('li', { class: 'act-empty' }, app.t('activity_none')));
    return;
  }
  const titles = new Map((sessions ?? []).map((s) => [s.id, session_title(s)]));
  replace_children(list, items.map((it) => item(app, zone, titles, it)));
}
