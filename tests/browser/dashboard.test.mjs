// Browser tests of the live pages against the real server in Chromium: the
// organizer dashboard (/dashboard/{slug}) follows a kiosk check-in without a
// reload, draws its charts with the Chart.js that plenary serves, says who
// may not see it, and shows its connection state through a lost network and
// a server shutdown; the hall display (/display/{slug}) shows both titles
// and the counts, never a name, and says when it is not enabled. First, the
// pages' own arithmetic, imported straight from web/.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { arrivals_series, capacity_share, countries_by_size, peak_minute } from '../../web/dashboard/assets/figures.js';
import { now_and_next } from '../../web/display/assets/agenda.js';
import { launch_browser, sign_in, with_checked_page } from './support/browser.mjs';
import { call, event_body, mint_token, person } from './support/organizer_api.mjs';
import { repo_root, start_server } from './support/server.mjs';

let server;
let browser;
let token;

before(async () => {
  assert.ok(existsSync(join(repo_root, 'web/vendor/chart.umd.js')),
            'web/vendor/chart.umd.js is missing: run `make web/vendor/.installed` first');
  server = await start_server();
  browser = await launch_browser();
  token = mint_token(server);
});

after(async () => {
  await browser?.close();
  if (server) {
    const { code } = await server.stop();
    assert.equal(code, 0, `plenary exit status after SIGTERM\n${server.log.join('')}`);
  }
});

// A fresh page per test, signed in unless `anonymous`; see with_checked_page
// for what fails it. 401 is the organizer app's session check at sign-in.
const with_page = (fn, { anonymous = false, allowed_statuses = [], target = server } = {}) => with_checked_page(browser, target, fn, {
  allowed_statuses: [401, ...allowed_statuses],
  before: anonymous ? undefined : async (page) => {
    await sign_in(page, target);
    await page.getByRole('heading', { level: 1, name: 'Events' }).waitFor();
  },
});

const make_event = (slug, overrides) => call(server, 'POST', '/api/v1/events', { token, body: event_body(slug, overrides) });
const make_session = (slug, body) => call(server, 'POST', `/api/v1/events/${slug}/sessions`, {
  token,
  body: { kind: 'plenary', requires_signup: false, starts_at: '2037-12-07T09:00:00+08:00',
          ends_at: '2037-12-07T10:00:00+08:00', capacity: 80, ...body },
});
const add_registration = (slug, body) => call(server, 'POST', `/api/v1/events/${slug}/registrations`, { token, body });
const make_kiosk = (slug, name) => call(server, 'POST', `/api/v1/events/${slug}/kiosks`,
                                        { token, body: { name, session_id: null } });
const set_public_display = (slug, on) => call(server, 'PATCH', `/api/v1/events/${slug}`,
                                              { token, body: { public_display: on } });

let nonce_counter = 0;
async function check_in(slug, kiosk_token, ticket_code) {
  nonce_counter += 1;
  const answer = await call(server, 'POST', `/api/v1/events/${slug}/checkins`,
                            { token: kiosk_token, body: { ticket_code, nonce: `dashboard-test-${nonce_counter}` } });
  assert.equal(answer.result, 'ok', JSON.stringify(answer));
  return answer;
}

// The text of a data-stat figure, once it equals `expected` (the page
// updates on its own; this waits for it rather than sleeping).
async function stat_becomes(page, key, expected) {
  const el = page.locator(`[data-stat="${key}"]`);
  await el.filter({ hasText: new RegExp(`^${expected.replace(/[.*+?^${}()|[\]\\%]/g, '\\$&')}$`) }).waitFor();
  return el.textContent();
}

async function open_dashboard(page, slug, title) {
  await page.goto(`/dashboard/${slug}`);
  await page.getByRole('heading', { level: 1, name: `Live: ${title}` }).waitFor();
  await page.locator('#connection[data-connection="live"]').waitFor();
}

test('the pages count what the feed sends: quiet minutes, the busiest minute, capacity, countries, now and next', () => {
  const now = Date.parse('2037-12-07T01:30:20Z');
  const series = arrivals_series([
    { minute: '2037-12-07T01:27:00Z', arrivals: 2 },
    { minute: '2037-12-07T01:29:00Z', arrivals: 5 },
  ], now, 5);
  assert.deepEqual(series.counts, [0, 2, 0, 5, 0]);
  assert.equal(new Date(series.minutes.at(-1)).toISOString(), '2037-12-07T01:30:00.000Z');
  // A server clock a little ahead: the window ends at its last arrival.
  assert.equal(new Date(arrivals_series([{ minute: '2037-12-07T01:32:00Z', arrivals: 1 }], now, 3).minutes.at(-1))
    .toISOString(), '2037-12-07T01:32:00.000Z');
  assert.equal(peak_minute(series).count, 5);
  assert.equal(peak_minute(arrivals_series([], now, 5)), null);
  assert.equal(capacity_share(25, 100), 0.25);
  assert.equal(capacity_share(25, null), null);
  assert.deepEqual(countries_by_size({ DE: { registered: 2, checked_in: 0 }, BR: { registered: 2, checked_in: 1 },
                                       CN: { registered: 9, checked_in: 3 } }).map((c) => c.code), ['CN', 'BR', 'DE']);
  const sessions = [
    { id: 2, starts_at: '2037-12-07T02:00:00Z', ends_at: '2037-12-07T03:00:00Z' },
    { id: 1, starts_at: '2037-12-07T01:00:00Z', ends_at: '2037-12-07T02:00:00Z' },
    { id: 3, starts_at: '2037-12-07T05:00:00Z', ends_at: '2037-12-07T06:00:00Z' },
  ];
  assert.deepEqual(now_and_next(sessions, now, 1), { now: [sessions[1]], next: [sessions[0]] });
});

test('the dashboard shows the figures and follows a kiosk check-in without a reload', async () => {
  const slug = 'dash-live-2037';
  await make_event(slug, { capacity: 100 });
  await make_session(slug, { title: { en: 'Opening', zh: '开幕式' }, room: 'Main Hall' });
  const ana = await add_registration(slug, person('Ana Silva', `ana@${slug}.example`, { country: 'BR', organization: 'Rio Institute' }));
  await add_registration(slug, person('Bo Chen', `bo@${slug}.example`, { country: 'CN' }));
  const kiosk = await make_kiosk(slug, 'Entrance A');

  await with_page(async (page) => {
    const response = await page.goto(`/dashboard/${slug}`);
    assert.match(response.headers()['content-security-policy'] ?? '', /script-src 'self'/);
    await page.getByRole('heading', { level: 1, name: `Live: Event ${slug}` }).waitFor();
    await page.locator('#connection[data-connection="live"]').waitFor();
    assert.match(await page.locator('#connection').textContent(), /Live/);
    assert.equal(await page.locator('#connection [role="status"]').textContent(), 'Live');

    assert.equal(await stat_becomes(page, 'registered', '2'), '2');
    assert.equal(await page.locator('[data-stat="checked_in"]').textContent(), '0');
    assert.equal(await page.locator('[data-stat="inside"]').textContent(), '0');
    assert.equal(await page.locator('[data-stat="share"]').textContent(), '0%');
    assert.match(await page.locator('[data-stat-hint="share"]').textContent(), /of 100 places/);
    assert.match(await page.locator('#last-updated').textContent(), /^Last updated \d\d:\d\d:\d\d$/);
    const session_row = page.locator('.table-sessions tbody tr', { has: page.getByRole('rowheader', { name: 'Opening' }) });
    assert.match(await session_row.textContent(), /09:00 – 10:00.*Main Hall/);
    const brazil = page.locator('[data-country="BR"]');
    assert.equal(await brazil.locator('td').allTextContents().then((x) => x.join(' ')), '1 0');
    // The registrations are in the activity list already, newest first.
    const items = page.locator('#activity li');
    assert.equal(await items.first().getAttribute('data-kind'), 'registered');
    assert.match(await items.first().textContent(), /Bo Chen/);

    // The charts are Chart.js's, served by plenary, one per panel.
    assert.equal(await page.evaluate(() => window.Chart?.version), '4.6.1');
    const chart_ids = () => page.evaluate(() => [...document.querySelectorAll('canvas')].map((c) => window.Chart.getChart(c)?.id));
    const before_ids = await chart_ids();
    assert.equal(before_ids.length, 3);
    assert.ok(before_ids.every((id) => id !== undefined), JSON.stringify(before_ids));

    await check_in(slug, kiosk.token, ana.ticket_code);

    assert.equal(await stat_becomes(page, 'checked_in', '1'), '1');
    await stat_becomes(page, 'inside', '1');
    await stat_becomes(page, 'share', '1%');
    const newest = items.first();
    await page.locator('#activity li[data-kind="checked_in"]').first().waitFor();
    assert.equal(await newest.getAttribute('data-kind'), 'checked_in');
    const newest_text = await newest.textContent();
    assert.match(newest_text, /Checked in/);
    assert.match(newest_text, /Ana Silva/);
    assert.match(newest_text, /Rio Institute · Brazil/);
    assert.match(newest_text, /Entrance · by Entrance A/);
    await brazil.locator('td').last().filter({ hasText: /^1$/ }).waitFor();
    await page.locator('#arrivals-summary', { hasText: /^1 arrivals in the last 60 minutes/ }).waitFor();
    // The same charts, fed new data: the arrivals chart holds the arrival.
    assert.deepEqual(await chart_ids(), before_ids);
    assert.equal(await page.evaluate(() => window.Chart.getChart(document.querySelector('.card-arrivals canvas'))
      .data.datasets[0].data.reduce((a, b) => a + b, 0)), 1);
    assert.equal(await page.evaluate(() => window.Chart.getChart(document.querySelector('.card-countries canvas'))
      .data.labels.join(',')), 'Brazil,China');

    // In Chinese the same figures, in place.
    await page.locator('#lang-switch').click();
    await page.getByRole('heading', { level: 1, name: `实时：活动 ${slug}` }).waitFor();
    await page.locator('#connection', { hasText: '实时' }).waitFor();
    assert.equal(await page.locator('[data-stat="checked_in"]').textContent(), '1');
    assert.match(await page.locator('.big', { has: page.locator('[data-stat="checked_in"]') }).textContent(), /已签到/);
    assert.match(await items.first().textContent(), /签到.*Ana Silva.*巴西/);
  });
});

test('/dashboard/ lists the events to pick from, and says who may not see a dashboard', async () => {
  const slug = 'dash-list-2037';
  await make_event(slug);
  await with_page(async (page) => {
    await page.goto('/dashboard/');
    await page.getByRole('heading', { level: 1, name: 'Live dashboards' }).waitFor();
    const link = page.getByRole('link', { name: `Event ${slug}` });
    assert.equal(await link.getAttribute('href'), `/dashboard/${slug}`);
    await link.click();
    await page.getByRole('heading', { level: 1, name: `Live: Event ${slug}` }).waitFor();
    await page.locator('#connection[data-connection="live"]').waitFor();

    await page.goto('/dashboard/no-such-event-2037');
    await page.getByText('There is no event at this address.').waitFor();
    await page.locator('#connection[data-connection="stopped"]').waitFor();
  }, { allowed_statuses: [404] });

  // Signed out: the way to sign in, on the list and on an event's dashboard.
  await with_page(async (page) => {
    await page.goto('/dashboard/');
    await page.getByRole('link', { name: 'Sign in on the organizer pages' }).waitFor();
    await page.goto(`/dashboard/${slug}`);
    const sign_in_link = page.getByRole('link', { name: 'Sign in on the organizer pages' });
    await sign_in_link.waitFor();
    assert.equal(await sign_in_link.getAttribute('href'), '/organizer/');
    await page.locator('#connection[data-connection="stopped"]').waitFor();
  }, { anonymous: true });

  // An organizer who is not on the event's staff.
  const other = { email: 'bea@example.org', name: 'Bea Other', password: 'another long enough password' };
  const added = spawnSync(server.binary, ['user', 'add', '--db', server.db, '--email', other.email, '--name', other.name,
                                          '--role', 'organizer', '--password-stdin'],
                          { input: `${other.password}\n`, encoding: 'utf8', timeout: 60_000 });
  assert.equal(added.status, 0, added.stderr);
  await with_checked_page(browser, server, async (page) => {
    await page.goto(`/dashboard/${slug}`);
    await page.getByText('You are not on the staff of this event').waitFor();
  }, {
    allowed_statuses: [401, 403],
    before: async (page) => {
      await page.goto('/organizer/#/signin');
      await page.getByLabel('Email', { exact: true }).fill(other.email);
      await page.getByLabel('Password', { exact: true }).fill(other.password);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Events' }).waitFor();
    },
  });
});

test('the dashboard says when the network is gone and catches up when it is back', async () => {
  const slug = 'dash-offline-2037';
  await make_event(slug);
  const ana = await add_registration(slug, person('Ana Silva', `ana@${slug}.example`));
  const kiosk = await make_kiosk(slug, 'Door 1');
  await with_page(async (page, context) => {
    await open_dashboard(page, slug, `Event ${slug}`);
    await context.setOffline(true);
    await page.locator('#connection[data-connection="offline"]').waitFor();
    assert.match(await page.locator('#connection [role="status"]').textContent(), /Offline/);
    await page.getByRole('button', { name: 'Retry now' }).waitFor();
    // Missed while offline; the snapshot after reconnecting brings it.
    await check_in(slug, kiosk.token, ana.ticket_code);
    await context.setOffline(false);
    await page.locator('#connection[data-connection="live"]').waitFor();
    await stat_becomes(page, 'checked_in', '1');
    assert.equal(await page.getByRole('button', { name: 'Retry now' }).isHidden(), true);
  });
});

test('the dashboard shows "reconnecting" when the server shuts down, keeping the last figures', async () => {
  // A server of its own: this test stops it.
  const own = await start_server();
  let running = true;
  try {
    const own_token = mint_token(own);
    const slug = 'dash-shutdown-2037';
    await call(own, 'POST', '/api/v1/events', { token: own_token, body: event_body(slug) });
    await call(own, 'POST', `/api/v1/events/${slug}/registrations`,
               { token: own_token, body: person('Ana Silva', `ana@${slug}.example`) });
    // Reconnection attempts to the stopped server fail to load, on purpose.
    await with_checked_page(browser, own, async (page) => {
      await open_dashboard(page, slug, `Event ${slug}`);
      await stat_becomes(page, 'registered', '1');
      running = false;
      const { code } = await own.stop();
      assert.equal(code, 0, `plenary exit status after SIGTERM\n${own.log.join('')}`);
      // Attempts alternate with waits; each wait shows its countdown, and the
      // announced words stay the same through them all.
      const waiting = page.locator('#connection[data-connection="reconnecting"]');
      await waiting.locator('.connection-label', { hasText: /^Connection lost, reconnecting in \d+ s$/ }).waitFor();
      await waiting.locator('[role="status"]', { hasText: /^Connection lost, reconnecting$/ }).waitFor();
      await waiting.getByRole('button', { name: 'Retry now' }).waitFor();
      assert.equal(await page.locator('[data-stat="registered"]').textContent(), '1');
    }, {
      allowed_statuses: 'any',
      before: async (page) => {
        await sign_in(page, own);
        await page.getByRole('heading', { level: 1, name: 'Events' }).waitFor();
      },
    });
  } finally {
    if (running) await own.stop();
  }
});

test('the hall display shows both titles and the counts, follows a check-in, and names nobody', async () => {
  const slug = 'hall-2037';
  await make_event(slug, { title: { en: 'Hall Display Forum', zh: '大厅显示论坛' }, capacity: 200 });
  await make_session(slug, { title: { en: 'Opening', zh: '开幕式' }, room: 'Main Hall' });
  const ana = await add_registration(slug, person('Ana Silva', `ana@${slug}.example`, { country: 'BR', organization: 'Rio Institute' }));
  await add_registration(slug, person('Bo Chen', `bo@${slug}.example`, { country: 'CN' }));
  const kiosk = await make_kiosk(slug, 'Entrance A');
  await set_public_display(slug, true);

  await with_page(async (page) => {
    const response = await page.goto(`/display/${slug}`);
    assert.match(response.headers()['content-security-policy'] ?? '', /script-src 'self'/);
    const title = page.locator('#display-title');
    await title.waitFor();
    assert.equal(await title.locator('[lang="en"]').textContent(), 'Hall Display Forum');
    assert.equal(await title.locator('[lang="zh-CN"]').textContent(), '大厅显示论坛');
    await page.locator('#connection[data-connection="live"]').waitFor();
    await stat_becomes(page, 'registered', '2');
    assert.equal(await page.locator('[data-stat="checked_in"]').textContent(), '0');
    assert.equal(await page.locator('[data-stat="inside"]').textContent(), '0');
    assert.equal(await page.locator('[data-stat="countries_registered"]').textContent(), '2');
    const labels = await page.locator('.counts dt').allTextContents();
    assert.ok(labels.some((l) => /Checked in/.test(l) && /已签到/.test(l)), JSON.stringify(labels));
    // The 2037 session is still ahead.
    const next = page.locator('.session-group.next');
    assert.match(await next.textContent(), /Opening.*开幕式.*09:00 – 10:00 · Main Hall/);

    await check_in(slug, kiosk.token, ana.ticket_code);
    await stat_becomes(page, 'checked_in', '1');
    await stat_becomes(page, 'inside', '1');
    await stat_becomes(page, 'countries_present', '1');

    const text = await page.locator('body').textContent();
    for (const personal of ['Ana Silva', 'Bo Chen', 'Rio Institute', 'example', ana.ticket_code]) {
      assert.ok(!text.includes(personal), `the display shows "${personal}"`);
    }
  }, { anonymous: true });
});

test('the hall display says so when the event has not enabled it', async () => {
  const slug = 'hall-off-2037';
  await make_event(slug, { title: { en: 'Closed Doors Forum', zh: '闭门论坛' } });
  await with_page(async (page) => {
    await page.goto(`/display/${slug}`);
    const message = page.locator('#display-message');
    await message.waitFor();
    assert.match(await message.textContent(), /The hall display is not enabled for this event\./);
    assert.match(await message.textContent(), /此活动未开启大厅显示屏。/);
    await page.locator('#connection[data-connection="stopped"]').waitFor();
    assert.equal(await page.locator('[data-stat]').count(), 0);

    await page.goto('/display/no-such-event-2037');
    await page.getByText('There is no published event at this address.').waitFor();

    await page.goto('/display/');
    await page.getByText('Open /display/ followed by the event’s address').waitFor();
  }, { anonymous: true, allowed_statuses: [404] });
});
