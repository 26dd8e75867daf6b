// Numbers and times as the dashboard shows them: in the UI language, times
// in the event's own zone. The formatters are kept, because a busy feed asks
// for the same ones many times a second.

import { safe_zone } from '../../e/assets/time.js';

const cache = new Map();

function formatter(kind, lang, zone, make) {
  const key = `${kind}|${lang}|${zone ?? ''}`;
  if (!cache.has(key)) cache.set(key, make());
  return cache.get(key);
}

const locale = (lang) => (lang === 'zh' ? 'zh-CN' : 'en-GB');

export function format_count(n, lang) {
  if (n === null || n === undefined || Number.isNaN(Number(n))) return '–';
  return formatter('count', lang, null, () => new Intl.NumberFormat(locale(lang))).format(Number(n));
}

export function format_share(fraction, lang) {
  return formatter('share', lang, null, () => new Intl.NumberFormat(locale(lang), {
    style: 'percent', maximumFractionDigits: 0,
  })).format(fraction);
}

// "09:05:12" (with_seconds) or "09:05" in the zone.
export function format_clock(instant, zone, lang, with_seconds = true) {
  const kind = with_seconds ? 'clock_s' : 'clock';
  const z = safe_zone(zone);
  return formatter(kind, lang, z, () => new Intl.DateTimeFormat(locale(lang), {
    timeZone: z, hour: '2-digit', minute: '2-digit', second: with_seconds ? '2-digit' : undefined, hourCycle: 'h23',
  })).format(new Date(instant));
}
