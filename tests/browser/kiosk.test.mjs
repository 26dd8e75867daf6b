// Browser tests of the check-in kiosk (/kiosk/) against the real server in
// Chromium: pairing by typed token, scanning (welcome, already, not found),
// name search, the offline answer and its queue drained on reconnect (seen
// in the event stats), exits, a session kiosk, a revoked kiosk, Chinese,
// and the badge QR code.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { create_event, expect_status, organizer_token, register } from './support/api.mjs';
import { launch_browser, with_checked_page } from './support/browser.mjs';
import { start_server } from './support/server.mjs';

let server;
let browser;
let token;
let scratch;

before(async () => {
  server = await start_server();
  browser = await launch_browser();
  token = organizer_token(server);
  scratch = await mkdtemp(join(tmpdir(), 'plenary-kiosk-'));
});

after(async () => {
  await browser?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
  if (server) {
    const { code } = await server.stop();
    assert.equal(code, 0, `plenary exit status after SIGTERM\n${server.log.join('')}`);
  }
});

// A fresh page per test; see with_checked_page for what fails it.
const with_page = (fn, options) => with_checked_page(browser, server, fn, options);

const people = [
  { name: 'Grace Hopper', email: 'grace@example.org', organization: 'Navy Lab', country: 'US', language: 'en' },
  { name: 'Alan Turing', email: 'alan@example.org', organization: 'Bletchley Park', country: 'GB', language: 'en' },
  { name: 'Wang Lei', email: 'wang@example.org', organization: 'Example University', country: 'CN', language: 'zh' },
];

// A well-formed code (28 symbols of the ticket alphabet) that nobody holds.
const unknown_code = 'ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ';

let event_counter = 0;
// A published event, three confirmed attendees and a kiosk "Door 1".
async function make_setup() {
  event_counter += 1;
  const { slug } = await create_event(server, token, {
    event: { slug: `kiosk-test-${event_counter}`, title: { en: 'Kiosk Test Forum', zh: '签到测试论坛' } },
  });
  const regs = [];
  for (const p of people) regs.push(await register(server, slug, { ...p, answers: {} }));
  const kiosk = await expect_status(201, server, 'POST', `/api/v1/events/${slug}/kiosks`, {
    token, body: { name: 'Door 1', session_id: null },
  });
  assert.match(kiosk.token, /^pk_/);
  assert.equal(kiosk.mode, 'entrance');
  return { slug, regs, kiosk };
}

async function pair(page, kiosk_token) {
  await page.goto('/kiosk/');
  await page.getByLabel('Kiosk token').fill(kiosk_token);
  await page.getByRole('button', { name: 'Pair', exact: true }).click();
  await page.getByLabel('Ticket code').waitFor();
}

// Scans like a USB scanner: keystrokes into whatever has the focus (the scan
// field must have it), then Enter; resolves with the new result panel.
async function scan(page, code) {
  const panel = page.locator('.result');
  const seq = Number(await panel.getAttribute('data-seq') ?? 0);
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
  await page.waitForFunction((n) => Number(document.querySelector('.result')?.dataset.seq ?? 0) > n, seq);
  return {
    result: await panel.getAttribute('data-result'),
    offline: (await panel.getAttribute('data-offline')) === 'true',
    text: await panel.textContent(),
  };
}

test('a kiosk pairs by typed token, then welcomes, warns "already" and refuses unknown codes', async () => {
  const { slug, regs, kiosk } = await make_setup();
  await with_page(async (page) => {
    const response = await page.goto('/kiosk/');
    assert.match(response.headers()['content-security-policy'] ?? '', /script-src 'self'/);
    await page.getByRole('heading', { name: 'Pair this kiosk' }).waitFor();
    // Camera scanning only where the browser can read QR codes itself.
    const detector = await page.evaluate(() => 'BarcodeDetector' in window);
    assert.equal(await page.getByRole('button', { name: 'Scan pairing QR code' }).count(), detector ? 1 : 0);
    await page.getByLabel('Kiosk token').fill('pk_not-a-real-token');
    await page.getByRole('button', { name: 'Pair', exact: true }).click();
    await page.getByText('This token is not valid').waitFor();

    await page.getByLabel('Kiosk token').fill(kiosk.token);
    await page.getByRole('button', { name: 'Pair', exact: true }).click();
    await page.getByLabel('Ticket code').waitFor();
    const identity = await page.locator('#kiosk-identity').textContent();
    assert.match(identity, /Kiosk Test Forum/);
    assert.match(identity, /Door 1/);
    assert.match(identity, /Entrance/);
    assert.equal(await page.evaluate(() => JSON.parse(localStorage.getItem('plenary.kiosk.token'))), kiosk.token);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'scan-input');

    // Lower case with spaces, as a person might type it.
    const first = await scan(page, regs[0].ticket_code_display.toLowerCase().replaceAll('-', ' '));
    assert.equal(first.result, 'ok', first.text);
    assert.match(first.text, /Welcome/);
    assert.match(first.text, /Grace Hopper/);
    assert.match(first.text, /Navy Lab · United States/);
    assert.ok(!first.offline);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'scan-input');

    const again = await scan(page, regs[0].ticket_code);
    assert.equal(again.result, 'already_checked_in', again.text);
    assert.match(again.text, /Already checked in at \d\d:\d\d at Door 1/);

    const unknown = await scan(page, unknown_code);
    assert.equal(unknown.result, 'not_found', unknown.text);
    assert.match(unknown.text, /Ticket not found/);
    assert.equal(await page.locator('.result').getAttribute('class'), 'result result-error');

    // Name search: pick the person, then the kiosk checks them in by id.
    await page.getByLabel('Search by name').fill('wang');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const match = page.getByRole('button', { name: /Wang Lei/ });
    await match.waitFor();
    const panel = page.locator('.result');
    const seq = Number(await panel.getAttribute('data-seq'));
    await match.click();
    await page.waitForFunction((n) => Number(document.querySelector('.result').dataset.seq) > n, seq);
    assert.equal(await panel.getAttribute('data-result'), 'ok');
    assert.match(await panel.textContent(), /Wang Lei/);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'scan-input');

    // The answer goes back to "ready" after a few seconds.
    await page.locator('.result[data-result="idle"]').waitFor({ timeout: 10_000 });
  });
  const stats = await expect_status(200, server, 'GET', `/api/v1/events/${slug}/stats`, { token });
  assert.equal(stats.checked_in, 2);
});

test('offline, the kiosk answers from its copy, queues the scan and sends it when back online', async () => {
  const { slug, regs, kiosk } = await make_setup();
  await with_page(async (page, context) => {
    await pair(page, kiosk.token);
    await page.locator('#data-info[data-count="3"]').waitFor();
    assert.equal((await scan(page, regs[0].ticket_code)).result, 'ok');

    await context.setOffline(true);
    await page.locator('#net-status[data-online="false"]').waitFor();
    const offline_ok = await scan(page, regs[1].ticket_code_display);
    assert.equal(offline_ok.result, 'ok', offline_ok.text);
    assert.ok(offline_ok.offline);
    assert.match(offline_ok.text, /Welcome.*offline/i);
    assert.match(offline_ok.text, /Alan Turing/);
    await page.locator('#queue-count[data-count="1"]').waitFor();
    assert.match(await page.locator('#queue-count').textContent(), /1 queued/);

    // Someone already let in (online or offline) here is amber; unknown is red; neither is queued.
    const again = await scan(page, regs[1].ticket_code);
    assert.equal(again.result, 'already_checked_in', again.text);
    assert.ok(again.offline);
    const grace = await scan(page, regs[0].ticket_code);
    assert.equal(grace.result, 'already_checked_in', grace.text);
    const unknown = await scan(page, unknown_code);
    assert.equal(unknown.result, 'not_found', unknown.text);
    assert.ok(unknown.offline);
    assert.match(unknown.text, /offline/i);
    assert.equal(await page.locator('#queue-count').getAttribute('data-count'), '1');
    const queued = await page.evaluate(() => JSON.parse(localStorage.getItem('plenary.kiosk.queue')));
    assert.equal(queued.length, 1);
    assert.equal(queued[0].offline, true);
    assert.equal(queued[0].direction, 'in');
    assert.match(queued[0].nonce, /^[0-9a-f-]{36}$/);

    await context.setOffline(false);
    await page.locator('#queue-count[data-count="0"]').waitFor({ timeout: 30_000 });
    await page.locator('#net-status[data-online="true"]').waitFor();
  });
  const stats = await expect_status(200, server, 'GET', `/api/v1/events/${slug}/stats`, { token });
  assert.equal(stats.checked_in, 2);
});

test('a kiosk loaded once reloads offline from its service worker and keeps scanning', async () => {
  const { slug, regs, kiosk } = await make_setup();
  await with_page(async (page, context) => {
    await pair(page, kiosk.token);
    await page.locator('#data-info[data-count="3"]').waitFor();
    const scope = await page.evaluate(() => Promise.race([
      navigator.serviceWorker.ready.then((r) => r.scope),
      new Promise((resolve) => setTimeout(() => resolve('no service worker'), 15_000)),
    ]));
    assert.match(scope, /\/kiosk\/$/);
    // clients.claim() normally takes this page over; a reload makes sure.
    if (!await page.evaluate(() => Boolean(navigator.serviceWorker.controller))) {
      await page.reload();
      await page.getByLabel('Ticket code').waitFor();
    }
    await page.waitForFunction(() => Boolean(navigator.serviceWorker.controller));

    await context.setOffline(true);
    await page.reload();
    await page.getByLabel('Ticket code').waitFor();
    assert.match(await page.locator('#kiosk-identity').textContent(), /Door 1/);
    await page.locator('#net-status[data-online="false"]').waitFor();
    const offline_ok = await scan(page, regs[0].ticket_code);
    assert.equal(offline_ok.result, 'ok', offline_ok.text);
    assert.ok(offline_ok.offline);
    assert.match(offline_ok.text, /Grace Hopper/);
    await page.locator('#queue-count[data-count="1"]').waitFor();

    await context.setOffline(false);
    await page.locator('#queue-count[data-count="0"]').waitFor({ timeout: 30_000 });
  });
  const stats = await expect_status(200, server, 'GET', `/api/v1/events/${slug}/stats`, { token });
  assert.equal(stats.checked_in, 1);
});

test('the exit direction says goodbye and lets the person in again', async () => {
  const { regs, kiosk } = await make_setup();
  await with_page(async (page) => {
    await pair(page, kiosk.token);
    assert.equal((await scan(page, regs[0].ticket_code)).result, 'ok');
    await page.getByRole('button', { name: 'Out', exact: true }).click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'scan-input');
    const out = await scan(page, regs[0].ticket_code);
    assert.equal(out.result, 'ok', out.text);
    assert.match(out.text, /Goodbye.*Grace Hopper/);
    await page.getByRole('button', { name: 'In', exact: true }).click();
    assert.equal((await scan(page, regs[0].ticket_code)).result, 'ok');
  });
});

test('a session kiosk names its session and refuses people not signed up, online and offline', async () => {
  event_counter += 1;
  const { slug, sessions } = await create_event(server, token, {
    event: { slug: `kiosk-test-${event_counter}` },
    sessions: [{
      title: { en: 'Workshop on data', zh: '数据工作坊' }, kind: 'workshop', room: 'Room 2', capacity: 5,
      requires_signup: true, starts_at: '2037-12-07T14:00:00+08:00', ends_at: '2037-12-07T15:30:00+08:00',
    }],
  });
  const workshop = sessions[0].id;
  const inside = await register(server, slug, { ...people[0], answers: {}, sessions: [workshop] });
  const outside = await register(server, slug, { ...people[1], answers: {} });
  const other = await register(server, slug, { ...people[2], answers: {}, sessions: [workshop] });
  const kiosk = await expect_status(201, server, 'POST', `/api/v1/events/${slug}/kiosks`, {
    token, body: { name: 'Room 2 door', session_id: workshop },
  });
  await with_page(async (page, context) => {
    await pair(page, kiosk.token);
    assert.match(await page.locator('#kiosk-identity').textContent(), /Session: Workshop on data/);
    await page.locator('#data-info[data-count="3"]').waitFor();
    assert.equal((await scan(page, inside.ticket_code)).result, 'ok');
    const refused = await scan(page, outside.ticket_code);
    assert.equal(refused.result, 'not_signed_up', refused.text);
    assert.match(refused.text, /Not signed up/);
    await context.setOffline(true);
    const offline_refused = await scan(page, outside.ticket_code);
    assert.equal(offline_refused.result, 'not_signed_up', offline_refused.text);
    assert.ok(offline_refused.offline);
    assert.equal((await scan(page, other.ticket_code)).result, 'ok');
    await page.locator('#queue-count[data-count="1"]').waitFor();
    await context.setOffline(false);
    await page.locator('#queue-count[data-count="0"]').waitFor({ timeout: 30_000 });
  });
  const stats = await expect_status(200, server, 'GET', `/api/v1/events/${slug}/stats`, { token });
  assert.equal(stats.sessions.find((s) => s.id === workshop).checked_in, 2);
});

test('a revoked kiosk is told so on its next scan and goes back to pairing', async () => {
  const { slug, regs, kiosk } = await make_setup();
  await with_page(async (page) => {
    await pair(page, kiosk.token);
    await expect_status(200, server, 'DELETE', `/api/v1/events/${slug}/kiosks/${kiosk.id}`, { token });
    await page.keyboard.type(regs[0].ticket_code);
    await page.keyboard.press('Enter');
    await page.getByText('This kiosk has been revoked by the organizer').waitFor();
    await page.getByRole('heading', { name: 'Pair this kiosk' }).waitFor();
    assert.equal(await page.evaluate(() => localStorage.getItem('plenary.kiosk.token')), null);
    // Pairing again with the revoked token says the same.
    await page.getByLabel('Kiosk token').fill(kiosk.token);
    await page.getByRole('button', { name: 'Pair', exact: true }).click();
    await page.getByText('This kiosk has been revoked by the organizer').waitFor();
  });
});

test('the kiosk speaks Chinese for a Chinese browser and switches to English', async () => {
  const { regs, kiosk } = await make_setup();
  await with_page(async (page) => {
    await page.goto('/kiosk/');
    await page.getByRole('heading', { name: '配对此签到终端' }).waitFor();
    await page.getByLabel('终端令牌').fill(kiosk.token);
    await page.getByRole('button', { name: '配对', exact: true }).click();
    await page.getByLabel('票号').waitFor();
    assert.match(await page.locator('#kiosk-identity').textContent(), /签到测试论坛.*Door 1.*入口/);
    const welcome = await scan(page, regs[2].ticket_code);
    assert.match(welcome.text, /欢迎.*Wang Lei.*中国/);
    await page.getByRole('button', { name: /Switch language|切换语言/ }).click();
    await page.getByLabel('Ticket code').waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  }, { locale: 'zh-CN' });
});

test('after a welcome the badge print view shows the person and a QR code of the ticket', async () => {
  const { regs, kiosk } = await make_setup();
  await with_page(async (page) => {
    await pair(page, kiosk.token);
    assert.equal((await scan(page, regs[1].ticket_code_display)).result, 'ok');
    await page.getByRole('button', { name: 'Print badge' }).click();
    const badge = page.getByRole('dialog', { name: 'Badge' });
    await badge.waitFor();
    assert.match(await badge.textContent(), /Kiosk Test Forum.*Alan Turing.*Bletchley Park.*United Kingdom/);
    const png = join(scratch, 'badge-qr.png');
    await badge.locator('.qr-svg').screenshot({ path: png });
    assert.equal(execFileSync('zbarimg', ['--raw', '-q', png], { encoding: 'utf8' }).trim(), regs[1].ticket_code);
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('main').isVisible(), false);
    assert.equal(await badge.isVisible(), true);
    await page.emulateMedia({ media: 'screen' });
    await page.getByRole('button', { name: 'Close' }).click();
    await badge.waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'scan-input');
  });
});
