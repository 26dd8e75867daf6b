// Browser tests of the organizer's check-in page against the real server in
// Chromium: a kiosk is created in the UI (its token shown once as text and as
// a pairing QR code, read back with zbarimg), used through the API to check
// someone in, the numbers refreshed, an offline conflict undone with a reason,
// and the kiosk revoked.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { launch_browser, sign_in, with_checked_page } from './support/browser.mjs';
import { call, event_body, mint_token, person, request } from './support/organizer_api.mjs';
import { start_server } from './support/server.mjs';

let server;
let browser;
let token;
let shots;

before(async () => {
  server = await start_server();
  browser = await launch_browser();
  token = mint_token(server);
  shots = await mkdtemp(join(tmpdir(), 'plenary-checkin-shots-'));
});

after(async () => {
  await browser?.close();
  if (shots) await rm(shots, { recursive: true, force: true });
  if (server) {
    const { code } = await server.stop();
    assert.equal(code, 0, `plenary exit status after SIGTERM\n${server.log.join('')}`);
  }
});

// A fresh, signed-in page per test; see with_checked_page for what fails
// it. 401 is the session check at sign-in.
const with_page = (fn, { allowed_statuses = [] } = {}) => with_checked_page(browser, server, fn, {
  allowed_statuses: [401, ...allowed_statuses],
  before: async (page) => {
    await sign_in(page, server);
    await page.getByRole('heading', { level: 1, name: 'Events' }).waitFor();
  },
});

const make_event = (slug, overrides) => call(server, 'POST', '/api/v1/events', { token, body: event_body(slug, overrides) });
const make_session = (slug, body) => call(server, 'POST', `/api/v1/events/${slug}/sessions`, {
  token,
  body: { kind: 'workshop', requires_signup: true, starts_at: '2037-12-07T14:00:00+08:00',
          ends_at: '2037-12-07T15:30:00+08:00', capacity: 10, ...body },
});
const add_registration = (slug, body) => call(server, 'POST', `/api/v1/events/${slug}/registrations`, { token, body });
const make_kiosk = (slug, name, session_id = null) => call(server, 'POST', `/api/v1/events/${slug}/kiosks`,
                                                           { token, body: { name, session_id } });

let nonce_counter = 0;
function check_in(slug, kiosk_token, ticket_code, extra = {}) {
  nonce_counter += 1;
  return call(server, 'POST', `/api/v1/events/${slug}/checkins`,
              { token: kiosk_token, body: { ticket_code, nonce: `test-${nonce_counter}`, ...extra } });
}

function decode_qr(file) {
  const result = spawnSync('zbarimg', ['--raw', '-q', file], { encoding: 'utf8', timeout: 30_000 });
  if (result.error) throw result.error;
  assert.equal(result.status, 0, `zbarimg found no code: ${result.stderr}`);
  return result.stdout.trim();
}

async function open_checkin(page, slug) {
  await page.goto(`/organizer/#/events/${slug}`);
  await page.getByRole('navigation', { name: 'Event sections' }).getByRole('link', { name: 'Check-in' }).click();
  await page.getByRole('heading', { level: 1, name: `Check-in: Event ${slug}` }).waitFor();
  assert.equal(new URL(page.url()).hash, `#/events/${slug}/checkin`);
}

test('a kiosk made in the page pairs by token or QR code, checks in, and stops working once revoked', async () => {
  const slug = 'checkin-2026';
  await make_event(slug);
  const workshop = await make_session(slug, { title: { en: 'Workshop A', zh: '工作坊 A' } });
  const ana = await add_registration(slug, person('Ana Silva', `ana@${slug}.example`, { sessions: [workshop.id] }));
  assert.equal(ana.status, 'confirmed');

  await with_page(async (page) => {
    await open_checkin(page, slug);
    await page.getByText('No kiosks yet.').waitFor();
    assert.equal(await page.locator('#stat-checked-in').textContent(), '0');
    await page.getByText('No conflicts.').waitFor();

    // The session select offers the entrance and each session.
    const mode = page.getByLabel('Checks in at');
    assert.deepEqual(await mode.locator('option').allTextContents(),
                     ['Entrance (the whole event)', 'Session: Workshop A']);

    // A name is required: the server's field error is shown at the field.
    await page.getByRole('button', { name: 'Create kiosk' }).click();
    await page.locator('.kiosk-form .field-error:not([hidden])').waitFor();
    assert.equal(await page.getByLabel('Name', { exact: true }).getAttribute('aria-invalid'), 'true');

    await page.getByLabel('Name', { exact: true }).fill('Door 1');
    await mode.selectOption({ label: 'Entrance (the whole event)' });
    await page.getByRole('button', { name: 'Create kiosk' }).click();
    await page.getByRole('heading', { name: 'Kiosk “Door 1” is ready to pair' }).waitFor();
    await page.getByText('This token is shown only once.').waitFor();
    const kiosk_token = (await page.locator('#kiosk-token').textContent()).trim();
    assert.match(kiosk_token, /^pk_\S+$/);
    assert.equal(await page.getByRole('link', { name: /\/kiosk\/$/ }).getAttribute('href'), `${server.url}/kiosk/`);

    // The pairing QR code carries the same token.
    const qr = page.getByRole('img', { name: 'Pairing code for kiosk Door 1' });
    await qr.waitFor();
    const shot = join(shots, 'pairing.png');
    await qr.screenshot({ path: shot });
    assert.equal(decode_qr(shot), kiosk_token);

    const self = await request(server, 'GET', '/api/v1/kiosk/self', { token: kiosk_token });
    assert.equal(self.status, 200, self.text);
    assert.equal(self.json.kiosk.name, 'Door 1');
    assert.equal(self.json.event.slug, slug);

    const row = page.locator('.kiosk-table tbody tr', { has: page.getByRole('rowheader', { name: 'Door 1' }) });
    assert.match(await row.textContent(), /Entrance \(the whole event\).*Never.*Not revoked/);

    // Someone is checked in with that kiosk; Refresh shows it.
    const answer = await check_in(slug, kiosk_token, ana.ticket_code);
    assert.equal(answer.result, 'ok');
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.locator('#stat-checked-in', { hasText: /^1$/ }).waitFor();
    assert.equal(await page.locator('#stat-inside').textContent(), '1');
    // The kiosk has been seen now.
    assert.doesNotMatch(await row.textContent(), /Never/);
    // Hiding the token removes it from the page for good.
    await page.getByRole('button', { name: 'Done, hide the token' }).click();
    assert.equal(await page.locator('#kiosk-token').count(), 0);

    // Revoke asks in the page first; keeping it changes nothing.
    await row.getByRole('button', { name: 'Revoke Door 1' }).click();
    await page.getByRole('heading', { name: 'Revoke kiosk “Door 1”?' }).waitFor();
    await page.getByRole('button', { name: 'Keep kiosk' }).click();
    assert.equal(await page.locator('.confirm-panel').count(), 0);
    assert.equal((await request(server, 'GET', '/api/v1/kiosk/self', { token: kiosk_token })).status, 200);

    await row.getByRole('button', { name: 'Revoke Door 1' }).click();
    await page.getByRole('button', { name: 'Revoke kiosk', exact: true }).click();
    await page.getByText('Kiosk “Door 1” revoked.').waitFor();
    await row.getByRole('button', { name: 'Revoke Door 1' }).waitFor({ state: 'detached' });
    assert.match(await row.textContent(), /Revoked 20\d\d-/);
    const revoked = await request(server, 'GET', '/api/v1/kiosk/self', { token: kiosk_token });
    assert.equal(revoked.status, 401);
  }, { allowed_statuses: [422] });
});

test('a session kiosk can be made from the select', async () => {
  const slug = 'checkin-session-2026';
  await make_event(slug);
  const workshop = await make_session(slug, { title: { en: 'Workshop B', zh: '工作坊 B' } });
  await with_page(async (page) => {
    await open_checkin(page, slug);
    await page.getByLabel('Name', { exact: true }).fill('Room 2 door');
    await page.getByLabel('Checks in at').selectOption({ label: 'Session: Workshop B' });
    await page.getByRole('button', { name: 'Create kiosk' }).click();
    await page.getByRole('heading', { name: 'Kiosk “Room 2 door” is ready to pair' }).waitFor();
    const kiosk_token = (await page.locator('#kiosk-token').textContent()).trim();
    const self = await request(server, 'GET', '/api/v1/kiosk/self', { token: kiosk_token });
    assert.equal(self.status, 200);
    assert.equal(self.json.kiosk.mode, 'session');
    assert.equal(self.json.kiosk.session_id, workshop.id);
    const row = page.locator('.kiosk-table tbody tr', { has: page.getByRole('rowheader', { name: 'Room 2 door' }) });
    assert.match(await row.textContent(), /Session: Workshop B/);
  });
});

test('an offline conflict is listed and undone with a reason given in the page', async () => {
  const slug = 'conflict-2026';
  await make_event(slug);
  const bob = await add_registration(slug, person('Bob Stone', `bob@${slug}.example`));
  const door1 = await make_kiosk(slug, 'Door 1');
  const door2 = await make_kiosk(slug, 'Door 2');
  // Both doors were offline and each let Bob in.
  await check_in(slug, door1.token, bob.ticket_code, { offline: true, scanned_at: '2037-12-07T01:00:00Z' });
  await check_in(slug, door2.token, bob.ticket_code, { offline: true, scanned_at: '2037-12-07T01:05:00Z' });
  const conflicts = await call(server, 'GET', `/api/v1/events/${slug}/checkins/conflicts`, { token });
  assert.equal(conflicts.items.length, 1, JSON.stringify(conflicts));

  await with_page(async (page) => {
    await open_checkin(page, slug);
    const row = page.locator('.conflict-table tbody tr', { has: page.getByRole('link', { name: 'Bob Stone' }) });
    await row.waitFor();
    const text = await row.textContent();
    assert.match(text, /Door 2/);
    assert.match(text, /2037-12-07 09:05/);           // scanned at, in the event's zone
    assert.match(text, /2037-12-07 09:00 by Door 1/);  // first admitted

    await row.getByRole('button', { name: 'Undo this check-in for Bob Stone' }).click();
    await page.getByRole('heading', { name: 'Undo the check-in of Bob Stone?' }).waitFor();
    // No reason: the server's field error appears at the reason box.
    await page.getByRole('button', { name: 'Undo check-in', exact: true }).click();
    const reason = page.getByLabel('Reason');
    await page.locator('.undo-form .field-error:not([hidden])').waitFor();
    assert.equal(await reason.getAttribute('aria-invalid'), 'true');

    await reason.fill('Same person scanned twice at two doors.');
    await page.getByRole('button', { name: 'Undo check-in', exact: true }).click();
    await page.getByText('Check-in of Bob Stone undone.').waitFor();
    await page.getByText('No conflicts.').waitFor();
    assert.equal(await page.locator('#stat-checked-in').textContent(), '1');
  }, { allowed_statuses: [422] });

  const after_undo = await call(server, 'GET', `/api/v1/events/${slug}/checkins/conflicts`, { token });
  assert.deepEqual(after_undo.items, []);
});

test('the check-in page reads in Chinese', async () => {
  const slug = 'checkin-zh-2026';
  await make_event(slug);
  await with_page(async (page) => {
    await open_checkin(page, slug);
    await page.locator('#lang-switch').click();
    await page.getByRole('heading', { level: 1, name: `签到：活动 ${slug}` }).waitFor();
    await page.getByRole('heading', { name: '签到设备', exact: true }).waitFor();
    await page.getByRole('button', { name: '创建签到设备' }).waitFor();
    await page.getByRole('button', { name: '刷新' }).waitFor();
    await page.getByText('没有冲突。').waitFor();
  });
});
