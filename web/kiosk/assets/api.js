// The kiosk's JSON API client: the kiosk token as bearer, problem+json errors
// as api_error (shared /assets/lib/api.js), network failures as status 0 so
// the scanner can fall back to its offline copy.

import { api_error, event_path, json_body, retry_after } from '../../assets/lib/api.js';

export { api_error, event_path };

export async function call(method, path, { body, token } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  let res;
  try {
    res = await fetch(path, {
      method,
      headers,
      // The kiosk token is the only credential; an organizer cookie on the
      // same browser must not turn kiosk calls into organizer calls.
      credentials: 'omit',
      cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new api_error(0, null, null);
  }
  const data = await json_body(res);
  if (res.ok) return data;
  throw new api_error(res.status, data && typeof data === 'object' ? data : null, retry_after(res));
}

export function is_revoked(err) {
  return err?.status === 401 && /\/kiosk-revoked$/.test(String(err.problem?.type ?? ''));
}

// No answer, or a proxy saying the server is away: worth answering offline
// and sending again later. A 500 from the server itself is not (it answered).
export function is_unreachable(err) {
  return err?.status === 0 || err?.status === 502 || err?.status === 503 || err?.status === 504;
}
