// Browser tests of the organizer pages against the real server in Chromium:
// sign in, create an event with two sessions, a double-booked room refused,
// the Chinese UI, a wrong password, and the public hall screen switch with
// the links to the live pages.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launch_browser, new_page, sign_in } from './support/browser.mjs';
import { call, mint_token } from './support/organizer_api.mjs';
import { start_server } from './support/server.mjs';

let server;
let browser;

before(async () => {
  server = await start_server();
  browser = await launch_browser();
});

after(async () => {
  await browser?.close();
  if (server) {
    const { code } = await server.stop();
    assert.equal(code, 0, `plenary exit status after SIGTERM\n${server.log.join('')}`);
  }
});

// Runs fn with a fresh page and closes it; script errors fail the test.
async function with_page(fn, options) {
  const { context, page, problems } = await new_page(browser, server, options);
  try {
    await fn(page);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
}

async function create_event(page, { slug, title_en, title_zh }) {
  await page.getByRole('link', { name: 'New event' }).click();
  const form = page.locator('form.event-form');
  await form.getByLabel('Slug (web address)').fill(slug);
  await form.getByLabel('Title (English)', { exact: true }).fill(title_en);
  await form.getByLabel('Title (Chinese)', { exact: true }).fill(title_zh);
  await form.getByLabel('Venue').fill('Conference Centre');
  await form.getByLabel('Time zone').fill('Asia/Shanghai');
  await form.getByLabel('Starts').fill('2037-12-07T09:00');
  await form.getByLabel('Ends').fill('2037-12-08T18:00');
  await form.getByLabel('Capacity').fill('300');
  await form.getByRole('button', { name: 'Create event' }).click();
  await page.getByRole('heading', { level: 1, name: `Event: ${title_en}` }).waitFor();
}

async function add_session(page, { title, kind, room, starts, ends, speaker }) {
  await page.getByRole('button', { name: 'Add session' }).click();
  const form = page.locator('form.session-form');
  await form.getByLabel('Session title (English)').fill(title);
  await form.getByLabel('Kind').selectOption(kind);
  await form.getByLabel('Room', { exact: true }).fill(room);
  await form.getByLabel('Starts').fill(starts);
  await form.getByLabel('Ends').fill(ends);
  if (speaker) {
    await form.getByRole('button', { name: 'Add speaker' }).click();
    await form.getByLabel('Name', { exact: true }).fill(speaker.name);
    await form.getByLabel('Organization').fill(speaker.organization);
    await form.getByLabel('Country code').fill(speaker.country);
    await form.getByLabel('Role').selectOption(speaker.role);
  }
  await form.getByRole('button', { name: 'Save session' }).click();
  return form;
}

const opening = {
  title: 'Opening', kind: 'ceremony', room: 'Main Hall', starts: '2037-12-07T09:00', ends: '2037-12-07T10:00',
  speaker: { name: 'Li Wei', organization: 'Example University', country: 'CN', role: 'speaker' },
};
const keynote = {
  title: 'Keynote on cooperation', kind: 'keynote', room: 'Main Hall', starts: '2037-12-07T10:00', ends: '2037-12-07T11:00',
};

function session_titles(page) {
  return page.locator('.session-list .session-title').allTextContents();
}

test('an organizer signs in and out', async () => {
  await with_page(async (page) => {
    // The app must work under the server's strict CSP (no inline script or
    // style); a violation would show up as a page problem.
    const response = await page.goto('/organizer/');
    assert.match(response.headers()['content-security-policy'] ?? '', /script-src 'self'/);
    await sign_in(page, server);
    await page.getByRole('heading', { level: 1, name: 'Events' }).waitFor();
    assert.match(await page.locator('.user-name').textContent(), /Ada Organizer/);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    // The session is gone on the server too: a reload still asks to sign in.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  });
});

test('an organizer creates an event with two sessions and sees them in the agenda', async () => {
  await with_page(async (page) => {
    await sign_in(page, server);
    await create_event(page, { slug: 'forum-2026', title_en: 'Asia Forum 2026', title_zh: '亚洲论坛 2026' });
    await add_session(page, opening);
    await page.locator('.session-list .session-title', { hasText: 'Opening' }).waitFor();
    await add_session(page, keynote);
    await page.locator('.session-list .session-title', { hasText: 'Keynote on cooperation' }).waitFor();
    assert.deepEqual(await session_titles(page), ['Opening', 'Keynote on cooperation']);

    // What was saved comes back after a reload, in the event's time zone.
    await page.reload();
    await page.locator('.session-list .session-item').nth(1).waitFor();
    const items = page.locator('.session-list .session-item');
    assert.deepEqual(await session_titles(page), ['Opening', 'Keynote on cooperation']);
    assert.match(await items.nth(0).textContent(), /2037-12-07 09:00 – 10:00/);
    assert.match(await items.nth(0).textContent(), /Main Hall/);
    assert.match(await items.nth(0).textContent(), /Li Wei \(Example University, CN\)/);
    assert.match(await items.nth(1).textContent(), /2037-12-07 10:00 – 11:00/);
    await page.getByRole('link', { name: 'All events' }).click();
    await page.getByRole('link', { name: 'Asia Forum 2026' }).waitFor();
    assert.match(await page.locator('.event-table').textContent(), /Draft/);
  });
});

test('a session in a room that is already booked is refused at the room field', async () => {
  await with_page(async (page) => {
    await sign_in(page, server);
    await create_event(page, { slug: 'clash-2026', title_en: 'Clash Summit', title_zh: '冲突峰会' });
    await add_session(page, opening);
    await page.locator('.session-list .session-title', { hasText: 'Opening' }).waitFor();
    await add_session(page, keynote);
    await page.locator('.session-list .session-title', { hasText: 'Keynote on cooperation' }).waitFor();

    const form = await add_session(page, {
      title: 'Double booked', kind: 'workshop', room: 'Main Hall', starts: '2037-12-07T09:30', ends: '2037-12-07T10:30',
    });
    const room = form.getByLabel('Room', { exact: true });
    await form.locator('[data-field="room"][aria-invalid="true"]').waitFor();
    const error_id = `${await room.getAttribute('id')}-error`;
    assert.ok((await room.getAttribute('aria-describedby')).split(' ').includes(error_id));
    const message = form.locator(`[id="${error_id}"]`);
    assert.ok(await message.isVisible());
    assert.match(await message.textContent(), /already booked/);
    assert.match(await form.locator('.form-summary').textContent(), /already booked/);
    assert.equal(await form.locator('[aria-invalid="true"]').count(), 1, 'only the room is at fault');
    // Focus moves to the field at fault so keyboard users land on it.
    assert.equal(await room.evaluate((el) => el === document.activeElement), true);
    assert.deepEqual(await session_titles(page), ['Opening', 'Keynote on cooperation']);
  });
});

test('the language switch shows Chinese labels and is remembered', async () => {
  await with_page(async (page) => {
    await sign_in(page, server);
    await page.getByRole('heading', { level: 1, name: 'Events' }).waitFor();
    await page.getByRole('button', { name: /Switch language/ }).click();
    await page.getByRole('heading', { level: 1, name: '活动' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
    await page.getByRole('link', { name: '新建活动' }).click();
    const form = page.locator('form.event-form');
    await form.getByLabel('标题（中文）').waitFor();
    await form.getByLabel('时区').waitFor();
    assert.equal(await form.getByRole('button', { name: '创建活动' }).count(), 1);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: '新建活动' }).waitFor();
  });
});

test('a wrong password shows an error and does not sign in', async () => {
  await with_page(async (page) => {
    await sign_in(page, server, 'not the password');
    const alert = page.getByRole('alert');
    await alert.filter({ hasText: 'Wrong email or password.' }).waitFor();
    assert.equal(await page.getByRole('heading', { level: 1, name: 'Sign in' }).count(), 1);
    assert.equal(await page.locator('.user-name').count(), 0);
  });
});

test('a session is moved by editing its time and room; a busy speaker is only a warning', async () => {
  await with_page(async (page) => {
    await sign_in(page, server);
    await create_event(page, { slug: 'move-2026', title_en: 'Moving Days', title_zh: '搬家日' });
    await add_session(page, opening);
    await page.locator('.session-list .session-title', { hasText: 'Opening' }).waitFor();
    await add_session(page, { ...keynote, room: 'Room B', starts: '2037-12-07T09:30', ends: '2037-12-07T10:30',
                              speaker: opening.speaker });
    // Li Wei now speaks in two overlapping sessions: saved, with a notice.
    const notice = page.locator('.notice-warning');
    await notice.waitFor();
    assert.match(await notice.textContent(), /Li Wei/);
    assert.deepEqual(await session_titles(page), ['Opening', 'Keynote on cooperation']);

    await page.getByRole('button', { name: 'Edit session Keynote on cooperation' }).click();
    const form = page.locator('form.session-form');
    assert.equal(await form.getByLabel('Room', { exact: true }).inputValue(), 'Room B');
    await form.getByLabel('Room', { exact: true }).fill('Main Hall');
    await form.getByLabel('Starts').fill('2037-12-08T08:00');
    await form.getByLabel('Ends').fill('2037-12-08T08:45');
    await form.getByRole('button', { name: 'Save session' }).click();
    await form.waitFor({ state: 'detached' });
    assert.equal(await notice.count(), 0, 'no overlap once moved');
    assert.deepEqual(await session_titles(page), ['Opening', 'Keynote on cooperation']);
    const moved = page.locator('.session-list .session-item').nth(1);
    assert.match(await moved.textContent(), /2037-12-08 08:00 – 08:45/);
    assert.match(await moved.textContent(), /Main Hall/);
  });
});

test('repeated wrong passwords are answered with how long to wait', async () => {
  await with_page(async (page) => {
    // A separate account, so the throttle does not lock out the other tests.
    const mallory = { ...server, user: { ...server.user, email: 'mallory@example.org' } };
    await page.goto('/organizer/#/signin');
    const alert = page.getByRole('alert');
    for (let attempt = 0; attempt < 10; ++attempt) {
      await sign_in(page, mallory, `guess ${attempt}`);
      await alert.filter({ hasText: /Wrong email or password|Too many attempts/ }).waitFor();
      if (/Too many/.test(await alert.textContent())) break;
      await page.reload();
    }
    assert.match(await alert.textContent(), /Too many attempts, try again in [1-9]\d* s\./);
  });
});

test('an organizer turns on the public hall screen and follows the link to the live dashboard', async () => {
  const slug = 'hall-2037';
  const title_en = 'Hall Screen Forum';
  await with_page(async (page) => {
    await sign_in(page, server);
    await create_event(page, { slug, title_en, title_zh: '大厅论坛' });
    const live = page.getByRole('navigation', { name: 'Live pages' });
    // Off by default: a note says how to turn it on, and there is no link yet.
    assert.match(await live.textContent(), /Hall screen: off/);
    assert.equal(await live.getByRole('link', { name: 'Hall screen' }).count(), 0);

    const form = page.locator('form.event-form');
    const box = form.getByRole('checkbox', { name: 'Public hall screen: show live counts (no names)' });
    assert.equal(await box.isChecked(), false);
    assert.match(await form.locator(`[id="${await box.getAttribute('id')}-hint"]`).textContent(),
                 new RegExp(`/display/${slug}\\b.*never names`));
    await box.check();
    await form.getByRole('button', { name: 'Save', exact: true }).click();
    await page.locator('#flash').filter({ hasText: 'Event saved.' }).waitFor();
    assert.equal(await form.getByRole('checkbox', { name: /Public hall screen/ }).isChecked(), true);

    // The server has it, not just the page.
    const event = await call(server, 'GET', `/api/v1/events/${slug}`, { token: mint_token(server), expect: [200] });
    assert.equal(event.public_display, true);
    assert.equal(event.requires_approval, false, 'the other box is left alone');

    // Now the hall screen link is there; the event is still a draft, which it says.
    const hall = live.getByRole('link', { name: 'Hall screen' });
    assert.equal(await hall.getAttribute('href'), `/display/${slug}`);
    assert.match(await live.textContent(), /shows once the event is published/);
    const dashboard = live.getByRole('link', { name: 'Live dashboard' });
    assert.equal(await dashboard.getAttribute('href'), `/dashboard/${slug}`);
    await dashboard.click();
    await page.waitForURL(`**/dashboard/${slug}`);
    await page.getByRole('heading', { level: 1, name: `Live: ${title_en}` }).waitFor();
    await page.locator('[data-stat="registered"]').filter({ hasText: /^0$/ }).waitFor();
  });
});
