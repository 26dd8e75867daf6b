// Browser tests of the public attendee pages against the real server in
// Chromium: the event page and agenda, signing up in English and Chinese,
// server field errors, the Idempotency-Key on retry, the ticket QR code read
// back with zbarimg, the .ics download, changing and cancelling.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import {
  create_event, expect_status, organizer_token, public_event, register, sample_questions, sample_sessions, self,
} from './support/api.mjs';
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
  scratch = await mkdtemp(join(tmpdir(), 'plenary-registration-'));
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

let event_counter = 0;
async function make_event({ event = {}, workshop_capacity } = {}) {
  event_counter += 1;
  const made = await create_event(server, token, {
    event: { slug: `reg-test-${event_counter}`, questions: sample_questions, ...event },
    sessions: sample_sessions({ workshop_capacity }),
  });
  return { slug: made.slug, workshop: made.sessions[1] };
}

function token_of(url) {
  return decodeURIComponent(new URL(url).hash.replace(/^#token=/, ''));
}

async function fill_english(page, { name, email, country = 'CN', workshop = true }) {
  const form = page.locator('form.registration-form');
  await form.getByLabel(/^Full name/).fill(name);
  await form.getByLabel(/^Email/).fill(email);
  await form.getByLabel(/^Organization/).fill('Example Institute');
  await form.getByLabel(/^Country or region/).selectOption(country);
  await form.getByLabel('Dietary needs').fill('Vegetarian');
  await form.getByLabel('Short biography').fill('Line one.\nLine two.');
  await form.getByRole('radio', { name: 'Industry' }).check();
  await form.getByRole('checkbox', { name: 'Trade' }).check();
  await form.getByRole('checkbox', { name: /privacy notice/ }).check();
  if (workshop) await form.getByRole('checkbox', { name: /Workshop on data/ }).check();
  return form;
}

// Reads the QR code on the page back to text with zbarimg, from a PNG of the element.
async function decode_qr(page) {
  const png = join(scratch, `qr-${Date.now()}.png`);
  await page.locator('.qr').screenshot({ path: png });
  return execFileSync('zbarimg', ['--raw', '-q', png], { encoding: 'utf8' }).trim();
}

test('the event page shows the event and its agenda by day in the event time zone', async () => {
  const { slug } = await make_event();
  await with_page(async (page) => {
    const response = await page.goto(`/e/${slug}`);
    assert.match(response.headers()['content-security-policy'] ?? '', /script-src 'self'/);
    await page.getByRole('heading', { level: 1, name: 'Registration Test Forum' }).waitFor();
    assert.match(await page.locator('.event-facts').textContent(), /7.*8 December 2037/);
    assert.match(await page.locator('.event-facts').textContent(), /Conference Centre, Hall 1/);
    assert.match(await page.locator('.event-description').textContent(), /Bring your questions/);
    const days = page.locator('.agenda-day');
    assert.equal(await days.count(), 2);
    // ICU versions differ on the comma after the weekday.
    assert.match(await days.nth(0).locator('h3').textContent(), /^Monday,? 7 December 2037$/);
    assert.match(await days.nth(1).locator('h3').textContent(), /^Tuesday,? 8 December 2037$/);
    // 01:00Z is 09:00 in Asia/Shanghai, whatever the browser's own zone.
    assert.deepEqual(await days.nth(0).locator('.agenda-time').allTextContents(), ['09:00 – 10:00', '14:00 – 15:30']);
    assert.match(await days.nth(0).textContent(), /Li Wei \(Example University, China\)/);
    assert.match(await page.locator('.agenda').textContent(), /Asia\/Shanghai \(GMT\+8\)/);
    assert.match(await page.getByRole('checkbox', { name: /Workshop on data/ }).locator('..').textContent(), /5 seats left/);
  });
});

test('an attendee registers in English and gets a ticket whose QR code decodes to its code', async () => {
  const { slug } = await make_event();
  const before_places = (await public_event(server, slug)).registration.places_left;
  await with_page(async (page, context) => {
    await page.goto(`/e/${slug}`);
    const form = await fill_english(page, { name: 'Grace Hopper', email: 'grace@example.org' });
    assert.equal(await form.getByLabel(/^Language for emails/).inputValue(), 'en');
    await form.getByRole('button', { name: 'Register' }).click();
    await page.waitForURL(new RegExp(`/e/${slug}/manage#token=.+`));
    await page.getByRole('heading', { level: 1, name: 'Thank you for registering' }).waitFor();
    assert.equal(await page.locator('#reg-status').textContent(), 'Confirmed: your place is reserved.');

    const reg = await self(server, token_of(page.url()));
    assert.equal(reg.status, 'confirmed');
    assert.equal(reg.name, 'Grace Hopper');
    assert.equal(reg.country, 'CN');
    assert.equal(reg.language, 'en');
    assert.deepEqual(reg.answers, { dietary: 'Vegetarian', bio: 'Line one.\nLine two.', role: 'industry',
                                    topics: ['trade'], privacy: true });
    const shown = await page.locator('.ticket-code').textContent();
    assert.equal(shown, reg.ticket_code_display);
    const qr = page.getByRole('img', { name: `QR code of ticket ${shown}` });
    await qr.waitFor();
    const decoded = await decode_qr(page);
    assert.equal(decoded, shown.replaceAll('-', ''), 'the QR code holds the code shown, without dashes');
    assert.equal(decoded, reg.ticket_code);

    const mine = page.locator('.session-status-item');
    assert.equal(await mine.count(), 1);
    assert.match(await mine.textContent(), /Workshop on data.*14:00 – 15:30.*Room 2.*Confirmed/);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download my sessions (.ics)' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /\.ics$/);
    const ics = await readFile(await download.path(), 'utf8');
    assert.match(ics, /BEGIN:VCALENDAR/);
    assert.match(ics, /Workshop on data/);

    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await page.getByRole('button', { name: 'Copy link' }).click();
    await page.getByRole('status').filter({ hasText: 'Link copied.' }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), page.url());
    assert.equal(await page.getByRole('textbox', { name: 'Private link' }).inputValue(), page.url());
  });
  const after_event = await public_event(server, slug);
  assert.equal(after_event.registration.places_left, before_places - 1);
  assert.equal(after_event.sessions.find((s) => s.requires_signup).seats_left, 4);
});

test('an attendee switches to Chinese and registers with Chinese labels', async () => {
  const { slug } = await make_event();
  await with_page(async (page) => {
    await page.goto(`/e/${slug}`);
    await page.getByRole('heading', { level: 2, name: 'Register' }).waitFor();
    await page.getByRole('button', { name: /Switch language/ }).click();
    await page.getByRole('heading', { level: 2, name: '报名' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
    await page.getByRole('heading', { level: 1, name: '报名测试论坛' }).waitFor();
    assert.equal(await page.locator('.agenda-day h3').first().textContent(), '2037年12月7日星期一');
    // A title without Chinese falls back to English.
    assert.match(await page.locator('.agenda').textContent(), /Closing remarks/);

    const form = page.locator('form.registration-form');
    await form.getByLabel(/^姓名/).fill('王芳');
    await form.getByLabel(/^电子邮箱/).fill('wang.fang@example.cn');
    await form.getByLabel(/^单位/).fill('示例大学');
    const country = form.getByLabel(/^国家或地区/);
    await country.selectOption('CN');
    assert.equal(await country.locator('option:checked').textContent(), '中国');
    assert.equal(await form.getByLabel(/^邮件语言/).inputValue(), 'zh', 'the email language follows the UI');
    await form.getByRole('radio', { name: '学者' }).check();
    await form.getByRole('checkbox', { name: 'Health' }).check();
    await form.getByRole('checkbox', { name: /我接受隐私声明/ }).check();
    assert.match(await form.getByRole('checkbox', { name: /数据工作坊/ }).locator('..').textContent(), /剩余 5 个座位/);
    await form.getByRole('button', { name: '提交报名' }).click();
    await page.waitForURL(/\/manage#token=/);
    await page.getByRole('heading', { level: 1, name: '感谢您的报名' }).waitFor();
    assert.equal(await page.locator('#reg-status').textContent(), '已确认：已为您保留名额。');
    const reg = await self(server, token_of(page.url()));
    assert.equal(reg.language, 'zh');
    assert.equal(reg.name, '王芳');
    assert.deepEqual(reg.answers.topics, ['health']);

    // The choice is remembered on the next visit.
    await page.goto(`/e/${slug}`);
    await page.getByRole('heading', { level: 2, name: '报名' }).waitFor();
  });
  // A browser that prefers Chinese gets Chinese without switching.
  await with_page(async (page) => {
    await page.goto(`/e/${slug}`);
    await page.getByRole('heading', { level: 2, name: '议程' }).waitFor();
  }, { locale: 'zh-CN' });
});

test('server validation errors appear next to their fields', async () => {
  const { slug } = await make_event();
  await with_page(async (page) => {
    await page.goto(`/e/${slug}`);
    const form = page.locator('form.registration-form');
    await form.getByLabel(/^Full name/).fill('Ada Lovelace');
    await form.getByLabel(/^Email/).fill('not-an-email');
    await form.getByLabel(/^Country or region/).selectOption('GB');
    await form.getByRole('radio', { name: 'Academic' }).check();
    // The required consent stays unticked. Enter submits, as for keyboard users.
    await form.getByLabel(/^Full name/).press('Enter');

    const email = form.getByLabel(/^Email/);
    await form.locator('[data-field="email"][aria-invalid="true"]').waitFor();
    const error_id = `${await email.getAttribute('id')}-error`;
    assert.ok((await email.getAttribute('aria-describedby')).split(' ').includes(error_id));
    const message = form.locator(`[id="${error_id}"]`);
    assert.ok(await message.isVisible());
    const text = (await message.textContent()).trim();
    assert.ok(text.length > 0);
    const summary = form.getByRole('alert');
    assert.match(await summary.textContent(), /Email/);
    assert.ok((await summary.textContent()).includes(text));
    const consent = form.getByRole('checkbox', { name: /privacy notice/ });
    assert.equal(await consent.getAttribute('aria-invalid'), 'true', 'the unticked consent is at fault too');
    assert.equal(await form.getByLabel(/^Full name/).getAttribute('aria-invalid'), null);
    assert.equal(await email.evaluate((el) => el === document.activeElement), true);

    await email.fill('ada@example.org');
    await consent.check();
    await form.getByRole('button', { name: 'Register' }).click();
    await page.waitForURL(/\/manage#token=/);

    // The same email again is refused at the email field.
    await page.goto(`/e/${slug}`);
    await form.getByLabel(/^Full name/).fill('Ada Again');
    await form.getByLabel(/^Email/).fill('ada@example.org');
    await form.getByLabel(/^Country or region/).selectOption('GB');
    await form.getByRole('radio', { name: 'Academic' }).check();
    await form.getByRole('checkbox', { name: /privacy notice/ }).check();
    await form.getByRole('button', { name: 'Register' }).click();
    await form.locator('[data-field="email"][aria-invalid="true"]').waitFor();
    assert.equal(page.url().includes('/manage'), false);
  });
});

test('a retry after a network failure reuses the Idempotency-Key and registers once', async () => {
  const { slug } = await make_event();
  await with_page(async (page) => {
    const keys = [];
    await page.route(`**/api/v1/events/${slug}/registrations`, async (route) => {
      keys.push(route.request().headers()['idempotency-key']);
      if (keys.length === 1) await route.abort('internetdisconnected');
      else await route.continue();
    });
    await page.goto(`/e/${slug}`);
    const form = await fill_english(page, { name: 'Retry Person', email: 'retry@example.org', workshop: false });
    await form.getByRole('button', { name: 'Register' }).click();
    await form.getByRole('alert').filter({ hasText: 'The server cannot be reached' }).waitFor();
    await form.getByRole('button', { name: 'Register' }).click();
    await page.waitForURL(/\/manage#token=/);
    assert.equal(keys.length, 2);
    assert.match(keys[0], /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(keys[1], keys[0]);
  });
  const list = await expect_status(200, server, 'GET', `/api/v1/events/${slug}/registrations?q=retry%40example.org`, { token });
  assert.equal(list.total, 1);
});

test('an attendee cancels from the manage page and the place is free again', async () => {
  const { slug } = await make_event({ event: { capacity: 1 } });
  const reg = await register(server, slug, {
    name: 'Cancel Me', email: 'cancel@example.org', country: 'FR', language: 'en',
    answers: { role: 'academic', privacy: true },
  });
  assert.equal((await public_event(server, slug)).registration.places_left, 0);
  await with_page(async (page) => {
    await page.goto(reg.manage_url);
    await page.getByRole('heading', { level: 1, name: 'Your registration' }).waitFor();
    await page.getByRole('button', { name: 'Cancel my registration' }).click();
    const confirm = page.locator('#cancel-confirm');
    await confirm.getByText('Do you really want to cancel?').waitFor();
    // Changing one's mind leaves everything as it was.
    await confirm.getByRole('button', { name: 'No, keep my registration' }).click();
    assert.equal((await self(server, reg.manage_token)).status, 'confirmed');
    await page.getByRole('button', { name: 'Cancel my registration' }).click();
    await page.getByRole('button', { name: 'Yes, cancel my registration' }).click();
    await page.locator('#reg-status', { hasText: 'Cancelled.' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Your registration is cancelled.' }).waitFor();
    assert.equal(await page.locator('.ticket').count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Cancel my registration' }).count(), 0);
  });
  assert.equal((await self(server, reg.manage_token)).status, 'cancelled');
  assert.equal((await public_event(server, slug)).registration.places_left, 1);
});

test('a full session puts the attendee on its waiting list; the choice can be changed later', async () => {
  const { slug, workshop } = await make_event({ workshop_capacity: 1 });
  await register(server, slug, {
    name: 'First In', email: 'first@example.org', country: 'DE', language: 'en',
    answers: { role: 'academic', privacy: true }, sessions: [workshop.id],
  });
  await with_page(async (page) => {
    await page.goto(`/e/${slug}`);
    const box = page.getByRole('checkbox', { name: /Workshop on data/ });
    assert.match(await box.locator('..').textContent(), /full — you will join the waiting list/);
    await fill_english(page, { name: 'Second In', email: 'second@example.org' });
    await page.getByRole('button', { name: 'Register' }).click();
    await page.waitForURL(/\/manage#token=/);
    const item = page.locator('.session-status-item');
    await item.filter({ hasText: 'Waiting list, position 1' }).waitFor();

    await page.getByRole('button', { name: 'Change registration' }).click();
    const form = page.locator('#edit-form');
    await form.getByLabel(/^Organization/).fill('New Employer Ltd');
    await form.getByRole('checkbox', { name: /Workshop on data/ }).uncheck();
    await form.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Your changes are saved.' }).waitFor();
    assert.match(await page.locator('.details-list').textContent(), /New Employer Ltd/);
    assert.match(await page.locator('.my-sessions').textContent(), /You have not signed up for any session/);
    const reg = await self(server, token_of(page.url()));
    assert.equal(reg.organization, 'New Employer Ltd');
    assert.deepEqual(reg.sessions, []);
  });
});

test('the manage page words the waiting list and pending approval plainly', async () => {
  const full = await make_event({ event: { capacity: 1 } });
  const answers = { role: 'academic', privacy: true };
  await register(server, full.slug, { name: 'Holder', email: 'holder@example.org', country: 'JP', language: 'en', answers });
  const waiting = await register(server, full.slug, {
    name: 'Waiter', email: 'waiter@example.org', country: 'JP', language: 'en', answers,
  });
  const approval = await make_event({ event: { requires_approval: true } });
  const pending = await register(server, approval.slug, {
    name: 'Patient', email: 'patient@example.org', country: 'KR', language: 'zh', answers,
  });
  await with_page(async (page) => {
    await page.goto(`/e/${full.slug}`);
    await page.getByText('The event is full: new registrations join the waiting list.').waitFor();
    await page.goto(waiting.manage_url);
    await page.locator('#reg-status', { hasText: 'You are on the waiting list, position 1.' }).waitFor();
    assert.match(await page.locator('.ticket').textContent(), /valid for entry once your place is confirmed/);
    await page.goto(`/e/${approval.slug}`);
    await page.getByText('The organizers review every registration').waitFor();
    await page.goto(pending.manage_url);
    await page.locator('#reg-status', { hasText: 'Waiting for approval by the organizers.' }).waitFor();
  });
});

test('a wrong or missing manage token gets a clear message', async () => {
  const { slug } = await make_event();
  await with_page(async (page) => {
    await page.goto(`/e/${slug}/manage#token=not-a-real-token`);
    await page.getByRole('alert').filter({ hasText: 'This link is not valid or no longer works.' }).waitFor();
    await page.goto(`/e/${slug}/manage`);
    await page.getByRole('alert').filter({ hasText: 'This link is incomplete.' }).waitFor();
  });
});

test('no form before registration opens or after it closes', async () => {
  const soon = await make_event({ event: { registration_opens_at: '2037-12-05T09:00:00+08:00' } });
  const past = await make_event({
    event: { registration_opens_at: '2025-01-01T00:00:00Z', registration_closes_at: '2025-02-01T00:00:00Z' },
  });
  await with_page(async (page) => {
    await page.goto(`/e/${soon.slug}`);
    await page.locator('#registration-state').filter({ hasText: 'Registration is not open yet.' }).waitFor();
    assert.match(await page.locator('#registration-state').textContent(), /Registration opens on 5 December 2037/);
    assert.equal(await page.locator('form').count(), 0);
    await page.goto(`/e/${past.slug}`);
    await page.locator('#registration-state').filter({ hasText: 'Registration is closed.' }).waitFor();
    assert.equal(await page.locator('form').count(), 0);
  });
});

// Presses Tab until the focused control's label matches; only the keyboard moves focus.
async function tab_to(page, label) {
  for (let i = 0; i < 60; ++i) {
    await page.keyboard.press('Tab');
    const name = await page.evaluate(() => {
      const el = document.activeElement;
      return el?.labels?.[0]?.textContent ?? el?.textContent ?? '';
    });
    if (label.test(name)) return;
  }
  throw new Error(`Tab never reached ${label}`);
}

test('an attendee registers with the keyboard alone', async () => {
  const { slug } = await make_event();
  await with_page(async (page) => {
    await page.goto(`/e/${slug}`);
    await page.locator('form.registration-form').waitFor();
    await tab_to(page, /^Register now$/);
    await page.keyboard.press('Enter');
    await tab_to(page, /^Full name/);
    await page.keyboard.type('Key Board');
    await tab_to(page, /^Email/);
    await page.keyboard.type('keys@example.org');
    await tab_to(page, /^Country or region/);
    await page.keyboard.type('Germany');
    await tab_to(page, /^Academic$/);
    await page.keyboard.press('ArrowDown');  // moves to and selects "Industry"
    await tab_to(page, /privacy notice/);
    await page.keyboard.press('Space');
    await tab_to(page, /Workshop on data/);
    await page.keyboard.press('Space');
    await tab_to(page, /^Register$/);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/manage#token=/);
    const reg = await self(server, token_of(page.url()));
    assert.equal(reg.country, 'DE');
    assert.equal(reg.answers.role, 'industry');
    assert.equal(reg.answers.privacy, true);
    assert.equal(reg.sessions.length, 1);
  });
});

test('the pages fit a small phone screen without sideways scrolling', async () => {
  const { slug } = await make_event();
  await with_page(async (page) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`/e/${slug}`);
    await page.locator('form.registration-form').waitFor();
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth));
    await fill_english(page, { name: 'Small Screen', email: 'phone@example.org' });
    await page.getByRole('button', { name: 'Register' }).click();
    await page.waitForURL(/\/manage#token=/);
    await page.locator('.qr svg').waitFor();
    const wide = await page.evaluate(() => [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
      .map((el) => `${el.tagName}.${el.className}`));
    assert.deepEqual(wide, []);
  });
});

test('the landing page lists published events and links to their pages', async () => {
  const { slug } = await make_event({ event: { title: { en: 'Landing Page Forum', zh: '首页论坛' } } });
  const draft = await make_event({ event: { status: 'draft', title: { en: 'Hidden Draft', zh: null } } });
  await with_page(async (page) => {
    await page.goto('/');
    const link = page.getByRole('link', { name: 'Landing Page Forum' });
    await link.waitFor();
    assert.match(await page.locator('#events').textContent(), /首页论坛/);
    assert.doesNotMatch(await page.locator('#events').textContent(), /Hidden Draft/);
    assert.ok(draft.slug);
    await link.click();
    await page.waitForURL(new RegExp(`/e/${slug}$`));
    await page.locator('form.registration-form').waitFor();
  });
});

test('the Chinese page shows the server field errors in Chinese', async () => {
  const { slug } = await make_event();
  await with_page(async (page) => {
    await page.goto(`/e/${slug}`);
    const form = page.locator('form.registration-form');
    await form.getByLabel(/^姓名/).fill('王芳');
    await form.getByLabel(/^电子邮箱/).fill('wang.fang@');
    await form.getByLabel(/^国家或地区/).selectOption('CN');
    await form.getByRole('radio', { name: '学者' }).check();
    await form.getByRole('button', { name: '提交报名' }).click();
    const email = form.getByLabel(/^电子邮箱/);
    await form.locator('[data-field="email"][aria-invalid="true"]').waitFor();
    const message = form.locator(`[id="${await email.getAttribute('id')}-error"]`);
    assert.equal((await message.textContent()).trim(), '请填写有效的电子邮箱地址');
    assert.match(await form.getByRole('alert').textContent(), /需要勾选同意/);
  }, { locale: 'zh-CN' });
});
