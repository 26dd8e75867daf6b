// The JSON API client of the public pages: optional bearer (manage token),
// problem+json errors as api_error, network failures as status 0.

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

async function send(method, path, { body, token, headers = {}, accept = 'application/json' } = {}) {
  const all = { Accept: accept, ...headers };
  if (body !== undefined) all['Content-Type'] = 'application/json';
  if (token) all.Authorization = `Bearer ${token}`;
  let res;
  try {
    res = await fetch(path, {
      method,
      headers: all,
      // The manage token is the credential here; no cookie should ride along.
      credentials: 'omit',
      cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new api_error(0, null, null);
  }
  if (res.ok) return res;
  const retry = Number.parseInt(res.headers.get('Retry-After') ?? '', 10);
  let problem = null;
  if ((res.headers.get('Content-Type') ?? '').includes('json')) {
    try {
      problem = await res.json();
    } catch {
      // a broken body still leaves the status to report
    }
  }
  throw new api_error(res.status, problem, Number.isFinite(retry) ? retry : null);
}

export async function call(method, path, options) {
  const res = await send(method, path, options);
  if (res.status === 204) return null;
  try {
    return await res.json();
  } catch {
    throw new api_error(0, null, null);
  }
}

export async function fetch_text(path, options) {
  return (await send('GET', path, { accept: '*/*', ...options })).text();
}

export async function fetch_blob(path, options) {
  return (await send('GET', path, { accept: '*/*', ...options })).blob();
}

export function event_path(slug, ...rest) {
  return ['/api/v1/events', encodeURIComponent(slug), ...rest.map((p) => encodeURIComponent(p))].join('/');
}

export const self_path = '/api/v1/registrations/self';
