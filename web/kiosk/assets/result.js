// The big colour-coded answer to one scan: green welcome, amber "already",
// red refusal; the colour is never the only sign (headline and icon say it),
// and an answer decided from the offline copy is marked so.

import { h, replace_children } from '../../assets/lib/dom.js';

const kinds = {
  ok: 'ok',
  already_checked_in: 'warn',
  queued: 'warn',
};
const icons = { ok: '✓', warn: '!', error: '✕' };

export function kind_of(result) {
  return kinds[result] ?? 'error';
}

// HH:MM in the event's time zone (the kiosk may be set to another).
function clock(i18n, iso, zone) {
  if (!iso) return '';
  const options = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  try {
    return new Intl.DateTimeFormat(i18n.html_lang(), { ...options, timeZone: zone || undefined }).format(new Date(iso));
  } catch {
    return new Intl.DateTimeFormat(i18n.html_lang(), options).format(new Date(iso));
  }
}

function headline(t, answer) {
  switch (answer.result) {
    case 'ok': return answer.direction === 'out' ? t('ok_out') : t('ok_in');
    case 'already_checked_in': return t('already');
    case 'queued': return t('offline');
    case 'not_found': case 'cancelled': case 'waitlisted': case 'pending':
    case 'not_signed_up': case 'wrong_event': case 'invalid_code':
      return t(answer.result);
    default: return t('error');
  }
}

function message(i18n, answer, zone) {
  const { t } = i18n;
  switch (answer.result) {
    case 'ok': return null;
    case 'already_checked_in': {
      const time = clock(i18n, answer.first_checked_in_at, zone);
      if (answer.here) return t('already_here', { time });
      return answer.first_kiosk ? t('already_at', { time, kiosk: answer.first_kiosk }) : t('already_at_time', { time });
    }
    case 'queued': return t('offline_no_copy');
    case 'not_found': return answer.offline ? t('not_found_offline_text') : t('not_found_text');
    case 'error': return answer.plain ? answer.detail : t('error_text', { detail: answer.detail ?? '' });
    default: return t(`${answer.result}_text`);
  }
}

// Fills `panel` with the answer; `actions` (buttons) go below it.
export function render_result(panel, i18n, answer, { zone, actions = [] } = {}) {
  const { t } = i18n;
  const kind = kind_of(answer.result);
  panel.className = `result result-${kind}`;
  // A fresh number per answer, so the same answer twice is still seen as new.
  panel.dataset.seq = String(Number(panel.dataset.seq ?? 0) + 1);
  panel.dataset.result = answer.result;
  panel.dataset.offline = answer.offline ? 'true' : 'false';
  const person = answer.attendee;
  const details = person ? [person.organization, i18n.country_name(person.country)].filter(Boolean).join(' · ') : '';
  const text = message(i18n, answer, zone);
  replace_children(panel,
    h('p', { class: 'result-headline' },
      h('span', { class: 'result-icon', 'aria-hidden': 'true' }, icons[kind]), ' ', headline(t, answer),
      answer.offline ? h('span', { class: 'offline-mark' }, t('offline_mark')) : null),
    person?.name ? h('p', { class: 'result-name' }, person.name) : null,
    details ? h('p', { class: 'result-details' }, details) : null,
    text ? h('p', { class: 'result-message' }, text) : null,
    answer.offline && answer.queued ? h('p', { class: 'result-note' }, t('queued_note')) : null,
    actions.length ? h('div', { class: 'result-actions' }, actions) : null);
}

export function render_idle(panel, t, key = 'scan_idle') {
  panel.className = 'result result-idle';
  panel.dataset.result = key === 'scan_idle' ? 'idle' : 'checking';
  panel.dataset.offline = 'false';
  replace_children(panel, h('p', { class: 'result-headline' }, t(key)));
}
