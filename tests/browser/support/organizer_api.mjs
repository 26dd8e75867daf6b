// Test data through the real HTTP API: a bearer token from `plenary token
// create`, then events, sessions and registrations made with plain requests.

import { spawnSync } from 'node:child_process';
import https from 'node:https';

export function mint_token(server) {
  const result = spawnSync(server.binary, ['token', 'create', '--db', server.db, '--email', server.user.email,
                                           '--label', 'browser tests'], { encoding: 'utf8', timeout: 60_000 });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`plenary token create failed (${result.status}): ${result.stderr}`);
  return result.stdout.trim();
}

// Resolves with {status, headers, json, text}; never rejects on an HTTP status.
export function request(server, method, path, { body, token } = {}) {
  const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  const headers = { Accept: 'application/json' };
  if (data) Object.assign(headers, { 'Content-Type': 'application/json', 'Content-Length': data.length });
  if (token) headers.Authorization = `Bearer ${token}`;
  return new Promise((resolve, reject) => {
    const req = https.request(new URL(path, server.url), { method, headers, rejectUnauthorized: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json = null;
        try {
          json = JSON.parse(text);
        } catch {
          // not JSON (CSV, empty); the text is still there
        }
        resolve({ status: res.statusCode, headers: res.headers, json, text });
      });
    });
    req.on('error', reject);
    req.end(data);
  });
}

// Like request, but a status other than `expect` throws with the answer.
export async function call(server, method, path, { body, token, expect = [200, 201] } = {}) {
  const res = await request(server, method, path, { body, token });
  if (!expect.includes(res.status)) {
    throw new Error(`${method} ${path} answered ${res.status}: ${res.text}\nbody: ${JSON.stringify(body)}`);
  }
  return res.json;
}

export function event_body(slug, overrides = {}) {
  return {
    slug,
    title: { en: `Event ${slug}`, zh: `活动 ${slug}` },
    venue: 'Conference Centre',
    timezone: 'Asia/Shanghai',
    starts_at: '2037-12-07T09:00:00+08:00',
    ends_at: '2037-12-08T18:00:00+08:00',
    capacity: null,
    status: 'published',
    requires_approval: false,
    ...overrides,
  };
}

export function person(name, email, overrides = {}) {
  return { name, email, organization: 'Example University', country: 'CN', language: 'en', ...overrides };
}
