// The JSON API client of the public pages: optional bearer (manage token),
// problem+json errors as api_error (shared /assets/lib/api.js), network
// failures as status 0.

import { api_error, json_body, retry_after } from '../../assets/lib/api.js';

export { api_error, event_path } from '../../assets/lib/api.js';

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
  throw new api_error(res.status, await json_body(res), retry_after(res));
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

export const self_path = '/api/v1/registrations/self';
