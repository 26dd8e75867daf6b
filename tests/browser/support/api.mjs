// Talks to the test server's HTTP API from node (not the browser) to set up
// events and check results: an organizer bearer token made with
// `plenary token create`, JSON requests over the server's self-signed TLS,
// and a sample event (questions of every type, sessions) to register for.

import { spawnSync } from 'node:child_process';
import https from 'node:https';

export function organizer_token(server) {
  const result = spawnSync(server.binary, ['token', 'create', '--db', server.db, '--email', server.user.email,
                                           '--label', 'browser tests'], { encoding: 'utf8', timeout: 60_000 });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`plenary token create failed (${result.status}): ${result.stderr}`);
  return result.stdout.trim();
}

// Resolves with {status, headers, body}; body is parsed JSON when the answer is JSON.
export function request(server, method, path, { token, body, headers = {} } = {}) {
  const url = new URL(path, server.url);
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = https.request({
      host: url.hostname, port: url.port, path: url.pathname + url.search, method, rejectUnauthorized: false,
      headers: {
        Accept: 'application/json',
        ...(payload ? { 'Content-Type': 'application/json', 'Content-Length': payload.length } : {}),
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed = text;
        if ((res.headers['content-type'] ?? '').includes('json') && text) {
          try {
            parsed = JSON.parse(text);
          } catch {
            // left as text for the failure message
          }
        }
        resolve({ status: res.statusCode, headers: res.headers, body: parsed });
      });
    });
    req.setTimeout(60_000, () => req.destroy(new Error(`${method} ${path} timed out`)));
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

// Like request() but fails on an unexpected status, showing the answer.
export async function expect_status(status, server, method, path, options) {
  const res = await request(server, method, path, options);
  if (res.status !== status) {
    throw new Error(`${method} ${path}: expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  }
  return res.body;
}

// An event with the given sessions, published unless `event.status` says otherwise.
export async function create_event(server, token, { event = {}, sessions = [] } = {}) {
  const created = await expect_status(201, server, 'POST', '/api/v1/events', {
    token,
    body: {
      title: { en: 'Registration Test Forum', zh: '报名测试论坛' },
      description: { en: 'Two days of talks.\n\nBring your questions.', zh: null },
      venue: 'Conference Centre, Hall 1',
      timezone: 'Asia/Shanghai',
      starts_at: '2037-12-07T09:00:00+08:00',
      ends_at: '2037-12-08T18:00:00+08:00',
      capacity: 50,
      ...event,
    },
  });
  const slug = created.slug;
  const made = [];
  for (const s of sessions) {
    made.push(await expect_status(201, server, 'POST', `/api/v1/events/${slug}/sessions`, { token, body: s }));
  }
  if (!event.status) {
    await expect_status(200, server, 'PATCH', `/api/v1/events/${slug}`, { token, body: { status: 'published' } });
  }
  return { slug, sessions: made };
}

export function public_event(server, slug) {
  return expect_status(200, server, 'GET', `/api/v1/events/${slug}`);
}

export function register(server, slug, body) {
  return expect_status(201, server, 'POST', `/api/v1/events/${slug}/registrations`, { body });
}

export function self(server, manage_token) {
  return expect_status(200, server, 'GET', '/api/v1/registrations/self', { token: manage_token });
}

// Sample questions of all five types; one option has no Chinese label.
export const sample_questions = [
  { key: 'dietary', type: 'short_text', label: { en: 'Dietary needs', zh: '饮食要求' } },
  { key: 'bio', type: 'long_text', label: { en: 'Short biography', zh: '个人简介' } },
  {
    key: 'role', type: 'single_choice', label: { en: 'Your role', zh: '您的身份' }, required: true,
    options: [{ value: 'academic', label: { en: 'Academic', zh: '学者' } },
              { value: 'industry', label: { en: 'Industry', zh: '业界' } }],
  },
  {
    key: 'topics', type: 'multiple_choice', label: { en: 'Topics of interest', zh: '感兴趣的议题' },
    options: [{ value: 'trade', label: { en: 'Trade', zh: '贸易' } },
              { value: 'health', label: { en: 'Health', zh: null } }],
  },
  { key: 'privacy', type: 'consent', label: { en: 'I accept the privacy notice', zh: '我接受隐私声明' }, required: true },
];

// Two days: an opening ceremony, a workshop that needs sign-up, and a
// closing session without a Chinese title.
export function sample_sessions({ workshop_capacity = 5 } = {}) {
  return [
    {
      title: { en: 'Opening', zh: '开幕式' }, kind: 'ceremony', room: 'Main Hall',
      starts_at: '2037-12-07T09:00:00+08:00', ends_at: '2037-12-07T10:00:00+08:00',
      speakers: [{ name: 'Li Wei', organization: 'Example University', country: 'CN', role: 'speaker' }],
    },
    {
      title: { en: 'Workshop on data', zh: '数据工作坊' }, kind: 'workshop', room: 'Room 2', capacity: workshop_capacity,
      requires_signup: true, starts_at: '2037-12-07T14:00:00+08:00', ends_at: '2037-12-07T15:30:00+08:00',
    },
    {
      // No Chinese title: the Chinese page falls back to English.
      title: { en: 'Closing remarks', zh: null }, kind: 'plenary', room: 'Main Hall',
      starts_at: '2037-12-08T17:00:00+08:00', ends_at: '2037-12-08T17:30:00+08:00',
    },
  ];
}
