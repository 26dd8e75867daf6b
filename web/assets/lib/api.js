// What both JSON API clients share: problem+json errors as api_error, reading
// a JSON body and Retry-After, and the event paths. Each app keeps its own
// request function (the public pages send a manage token, the organizer app a
// session cookie with a CSRF header).

export class api_error extends Error {
  constructor(status, problem, retry_after) {
    super(problem?.detail || problem?.title || (status ? `HTTP ${status}` : 'network error'));
    this.status = status;
    this.problem = problem ?? {};
    this.errors = Array.isArray(problem?.errors) ? problem.errors : [];
    this.retry_after = retry_after;
  }

  // No answer came back (or the server could not finish): the same request
  // may be sent again with the same Idempotency-Key.
  get retryable() {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}

// The parsed body, or null for 204, a type that is not JSON, or a broken body
// (which still leaves the status to report).
export async function json_body(res) {
  if (res.status === 204) return null;
  if (!(res.headers.get('Content-Type') ?? '').includes('json')) return null;
  try {
    return await res.json();
  } catch {
    return null;
  }
}

// Retry-After in seconds, or null.
export function retry_after(res) {
  const retry = Number.parseInt(res.headers.get('Retry-After') ?? '', 10);
  return Number.isFinite(retry) ? retry : null;
}

export function event_path(slug, ...rest) {
  return ['/api/v1/events', encodeURIComponent(slug), ...rest.map((p) => encodeURIComponent(p))].join('/');
}
