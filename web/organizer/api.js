// The JSON API client: CSRF header on changes, problem+json errors as api_error.

export class api_error extends Error {
  constructor(status, problem, retry_after) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem ?? {};
    this.errors = Array.isArray(problem?.errors) ? problem.errors : [];
    this.retry_after = retry_after;
  }
}

const unsafe_methods = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

export class api_client {
  constructor(on_unauthorized) {
    this.csrf_token_ = null;
    this.on_unauthorized_ = on_unauthorized;
  }

  set_csrf_token(token) {
    this.csrf_token_ = token ?? null;
  }

  async call(method, path, body, { quiet_401 = false } = {}) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (unsafe_methods.has(method) && this.csrf_token_) headers['X-CSRF-Token'] = this.csrf_token_;
    const res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data = await read_body(res);
    if (res.ok) return data;
    const retry = Number.parseInt(res.headers.get('Retry-After') ?? '', 10);
    const error = new api_error(res.status, data && typeof data === 'object' ? data : null,
                                Number.isFinite(retry) ? retry : null);
    if (res.status === 401 && !quiet_401) this.on_unauthorized_();
    throw error;
  }

  get(path, options) { return this.call('GET', path, undefined, options); }
  post(path, body, options) { return this.call('POST', path, body ?? {}, options); }
  patch(path, body) { return this.call('PATCH', path, body); }
  delete(path) { return this.call('DELETE', path); }
}

async function read_body(res) {
  if (res.status === 204) return null;
  const type = res.headers.get('Content-Type') ?? '';
  if (!type.includes('json')) return null;
  try {
    return await res.json();
  } catch {
    return null;  // a broken body still leaves the status to report
  }
}

export function event_path(slug, ...rest) {
  return ['/api/v1/events', encodeURIComponent(slug), ...rest.map((p) => encodeURIComponent(p))].join('/');
}
