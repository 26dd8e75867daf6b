// Which sessions the hall display lists: those on now, and the few that
// start next. A plain function of the sessions and the time.

// {now: [...], next: [...]}, each by start time; `next` holds at most `max_next`.
export function now_and_next(sessions, now_ms, max_next = 3) {
  const timed = (sessions ?? [])
    .map((s) => ({ s, start: Date.parse(s.starts_at ?? ''), end: Date.parse(s.ends_at ?? '') }))
    .filter((x) => !Number.isNaN(x.start) && !Number.isNaN(x.end))
    .sort((a, b) => a.start - b.start);
  return {
    now: timed.filter((x) => x.start <= now_ms && now_ms < x.end).map((x) => x.s),
    next: timed.filter((x) => x.start > now_ms).slice(0, max_next).map((x) => x.s),
  };
}
