// The dashboard's reads from the JSON API: the organizer's session cookie,
// problem+json errors as api_error (shared /assets/lib/api.js), and a failed
// connection as status 0 so the live socket can tell "try again" apart.

import { api_error, json_body, retry_after } from '../../assets/lib/api.js';

export { api_error, event_path } from '../../assets/lib/api.js';

// A check before a connection must not hang the reconnect loop on a server
// that accepted the connection and never answered.
const request_timeout_ms = 15_000;

export async function get_json(path) {
  let res;
  try {
    res = await fetch(path, {
      headers: { Accept: 'application/json' },
      credentials: 'same-origin',
      cache: 'no-store',
      signal: AbortSignal.timeout(request_timeout_ms),
    });
  } catch {
    throw new api_error(0, null, null);
  }
  const data = await json_body(res);
  if (res.ok) return data;
  throw new api_error(res.status, data && typeof data === 'object' ? data : null, retry_after(res));
}
