// Converts between <input type=datetime-local> values in an event's IANA time
// zone and RFC 3339 instants, with Intl (the browser knows the zone rules).

const local_pattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

function zone_parts(zone, instant_ms) {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit',
  });
  return Object.fromEntries(format.formatToParts(new Date(instant_ms)).map((p) => [p.type, p.value]));
}

// Minutes east of UTC in `zone` at an instant; throws RangeError for an unknown zone.
export function offset_minutes(zone, instant_ms) {
  const p = zone_parts(zone, instant_ms);
  const wall = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour % 24, +p.minute, +p.second);
  return Math.round((wall - Math.floor(instant_ms / 1000) * 1000) / 60000);
}

export function format_offset(minutes) {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

export function is_known_zone(zone) {
  try {
    offset_minutes(zone, Date.now());
    return true;
  } catch {
    return false;
  }
}

// "2026-12-07T09:00" in Asia/Shanghai -> "2026-12-07T09:00:00+08:00". Anything
// that is not a local date-time goes to the server unchanged so that its
// validation message is the one shown.
export function local_to_rfc3339(value, zone) {
  const m = local_pattern.exec(value ?? '');
  if (!m || !is_known_zone(zone)) return value;
  const wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] ?? 0));
  // Two rounds settle the offset on either side of a DST change.
  let offset = offset_minutes(zone, wall);
  offset = offset_minutes(zone, wall - offset * 60000);
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}${format_offset(offset)}`;
}

// "2026-12-07T01:00:00Z" -> "2026-12-07T09:00" in Asia/Shanghai.
export function rfc3339_to_local(iso, zone) {
  const instant = Date.parse(iso ?? '');
  if (Number.isNaN(instant)) return '';
  const p = zone_parts(is_known_zone(zone) ? zone : 'UTC', instant);
  return `${p.year}-${p.month}-${p.day}T${String(+p.hour % 24).padStart(2, '0')}:${p.minute}`;
}

export function format_range(starts_at, ends_at, zone) {
  const start = rfc3339_to_local(starts_at, zone).replace('T', ' ');
  const end = rfc3339_to_local(ends_at, zone);
  const same_day = start.slice(0, 10) === end.slice(0, 10);
  return `${start} – ${same_day ? end.slice(11) : end.replace('T', ' ')}`;
}

export function add_minutes_local(value, minutes) {
  const m = local_pattern.exec(value ?? '');
  if (!m) return value;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]) + minutes * 60000);
  return d.toISOString().slice(0, 16);
}

export const common_zones = [
  'Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Taipei', 'Asia/Tokyo', 'Asia/Seoul', 'Asia/Singapore',
  'Asia/Bangkok', 'Asia/Kolkata', 'Asia/Dubai', 'Europe/London', 'Europe/Paris', 'Europe/Berlin',
  'Europe/Zurich', 'Europe/Moscow', 'Africa/Nairobi', 'Africa/Johannesburg', 'America/New_York',
  'America/Chicago', 'America/Denver', 'America/Los_Angeles', 'America/Sao_Paulo',
  'Australia/Sydney', 'Pacific/Auckland', 'UTC',
];
