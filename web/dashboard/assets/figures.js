// What the dashboard derives from one stats message before showing it: the
// arrivals per minute with the quiet minutes filled in, the countries with
// the most registrations, the share of capacity. Plain functions of their
// arguments (no DOM, no clock of their own), so node can test them too.

export const minute_ms = 60_000;
export const arrivals_window = 60;  // minutes on the arrivals chart

// The server lists only the minutes that had arrivals. This gives `n`
// consecutive minutes (epoch ms) ending at the later of `now_ms`'s minute and
// the last arrival (a clock a little behind the server's still shows it),
// with 0 where nobody arrived.
export function arrivals_series(sparse, now_ms, n = arrivals_window) {
  const counts_by_minute = new Map();
  let last = Math.floor(now_ms / minute_ms) * minute_ms;
  for (const point of sparse ?? []) {
    const at = Date.parse(point?.minute ?? '');
    if (Number.isNaN(at)) continue;
    const minute = Math.floor(at / minute_ms) * minute_ms;
    counts_by_minute.set(minute, (counts_by_minute.get(minute) ?? 0) + (Number(point.arrivals) || 0));
    last = Math.max(last, minute);
  }
  const minutes = [];
  const counts = [];
  for (let i = n - 1; i >= 0; i -= 1) {
    const minute = last - i * minute_ms;
    minutes.push(minute);
    counts.push(counts_by_minute.get(minute) ?? 0);
  }
  return { minutes, counts };
}

// The busiest minute of a series ({minute, count}), or null when all are 0.
// The latest wins a tie: it is the one people are asking about.
export function peak_minute({ minutes, counts }) {
  let best = null;
  counts.forEach((count, i) => {
    if (count > 0 && (!best || count >= best.count)) best = { minute: minutes[i], count };
  });
  return best;
}

// [{code, registered, checked_in}] by registrations, then check-ins, then
// code, so the order holds still while the counts do.
export function countries_by_size(countries) {
  return Object.entries(countries ?? {})
    .map(([code, c]) => ({ code, registered: Number(c?.registered) || 0, checked_in: Number(c?.checked_in) || 0 }))
    .sort((a, b) => b.registered - a.registered || b.checked_in - a.checked_in || a.code.localeCompare(b.code));
}

// A session's title as {en, zh}: the feed sends `title` (English) and
// `title_zh` beside it; a bilingual `title` object is taken as it is.
export function session_title(session) {
  const title = session?.title;
  if (title && typeof title === 'object') return title;
  return { en: title ?? '', zh: session?.title_zh ?? '' };
}

// checked_in / capacity as a fraction, or null for no limit (null or 0).
export function capacity_share(checked_in, capacity) {
  if (capacity === null || capacity === undefined || !(Number(capacity) > 0)) return null;
  return (Number(checked_in) || 0) / Number(capacity);
}
