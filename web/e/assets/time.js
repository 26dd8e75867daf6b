// Dates and times shown in the event's own IANA time zone (Intl knows the
// rules), worded for the UI language.

const locales = { en: 'en-GB', zh: 'zh-CN' };

function locale(lang) {
  return locales[lang] ?? 'en-GB';
}

export function safe_zone(zone) {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return 'UTC';  // an unknown zone should not break the page
  }
}

function format(lang, zone, options, iso) {
  return new Intl.DateTimeFormat(locale(lang), { timeZone: safe_zone(zone), ...options }).format(new Date(iso));
}

// "2026-12-07" in the zone; groups sessions by the day they happen there.
export function day_key(iso, zone) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: safe_zone(zone), year: 'numeric', month: '2-digit', day: '2-digit',
  }).formatToParts(new Date(iso));
  const p = Object.fromEntries(parts.map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}`;
}

export function format_day(iso, zone, lang) {
  return format(lang, zone, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }, iso);
}

export function format_time(iso, zone, lang) {
  return format(lang, zone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }, iso);
}

export function format_datetime(iso, zone, lang) {
  return format(lang, zone, {
    year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }, iso);
}

// "09:00 – 10:30", with the day added when the end falls on another day.
export function format_time_range(start, end, zone, lang) {
  const to = day_key(start, zone) === day_key(end, zone)
    ? format_time(end, zone, lang)
    : `${format(lang, zone, { month: 'short', day: 'numeric' }, end)} ${format_time(end, zone, lang)}`;
  return `${format_time(start, zone, lang)} – ${to}`;
}

export function format_date_range(start, end, zone, lang) {
  const dtf = new Intl.DateTimeFormat(locale(lang), {
    timeZone: safe_zone(zone), year: 'numeric', month: 'long', day: 'numeric',
  });
  return dtf.formatRange(new Date(start), new Date(end));
}

// "GMT+8" at the given instant (offsets change with DST).
export function zone_offset(iso, zone) {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: safe_zone(zone), timeZoneName: 'shortOffset' })
    .formatToParts(new Date(iso));
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? '';
}
