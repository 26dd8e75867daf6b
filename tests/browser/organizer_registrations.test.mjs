// Browser tests of the organizer's registration pages against the real server
// in Chromium: events and registrations are made through the HTTP API, then
// the list (search, filters, paging), the detail actions (approve, reject,
// cancel with promotion, promote over capacity), adding by hand, the CSV
// download and the outbox are driven through the UI.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { launch_browser, sign_in, with_checked_page } from './support/browser.mjs';
import { call, event_body, mint_token, person } from './support/organizer_api.mjs';
import { start_server } from './support/server.mjs';

let server;
let browser;
let token;

before(async () => {
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
const self_registration = (slug, body) => call(server, 'POST', `/api/v1/events/${slug}/registrations`, { body });

const diet_question = {
  key: 'diet', type: 'single_choice', label: { en: 'Diet', zh: '饮食' }, required: false,
  options: [{ value: 'veg', label: { en: 'Vegetarian', zh: '素食' } }, { value: 'any', label: { en: 'Anything', zh: '不限' } }],
};

// Four people on an event of two places: two confirmed, two waiting.
async function full_event(slug) {
  await make_event(slug, { capacity: 2 });
  const workshop = await make_session(slug, { title: { en: 'Workshop A', zh: '工作坊 A' } });
  const regs = {
    ana: await add_registration(slug, person('Ana Silva', `ana@${slug}.example`, { country: 'BR', sessions: [workshop.id] })),
    wang: await add_registration(slug, person('王小明', `wang@${slug}.example`, { language: 'zh', sessions: [workshop.id] })),
    bob: await add_registration(slug, person('Bob Stone', `bob@${slug}.example`, { country: 'GB', organization: 'Stone Ltd' })),
    carol: await add_registration(slug, person('Carol Diaz', `carol@${slug}.example`, { country: 'ES' })),
  };
  assert.deepEqual(Object.values(regs).map((r) => r.status), ['confirmed', 'confirmed', 'waitlisted', 'waitlisted']);
  return { workshop, regs };
}

function list_url(slug, query = '') {
  return `/organizer/#/events/${slug}/registrations${query}`;
}

// The whole count line, so "55 registrations" does not match "55 registrations, showing 50".
async function wait_count(page, text) {
  const exact = new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  await page.locator('#reg-count', { hasText: exact }).waitFor();
}

async function row_names(page) {
  return (await page.locator('.reg-table tbody tr th').allTextContents()).sort();
}

function row_of(page, name) {
  return page.locator('.reg-table tbody tr', { has: page.getByRole('link', { name, exact: true }) });
}

async function open_registration(page, slug, name) {
  await page.goto(list_url(slug));
  await page.locator('.reg-table tbody tr').first().waitFor();
  await page.getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

function status_line(page) {
  return page.locator('#reg-status');
}

test('the list shows registrations; search and filters are kept in the address', async () => {
  const slug = 'list-2026';
  await full_event(slug);
  await with_page(async (page) => {
    await page.goto(`/organizer/#/events/${slug}`);
    await page.getByRole('navigation', { name: 'Event sections' }).getByRole('link', { name: 'Registrations' }).click();
    await page.getByRole('heading', { level: 1, name: `Registrations: Event ${slug}` }).waitFor();
    await wait_count(page, '4 registrations');
    assert.deepEqual(await row_names(page), ['Ana Silva', 'Bob Stone', 'Carol Diaz', '王小明']);
    const headers = await page.locator('.reg-table thead th').allTextContents();
    assert.deepEqual(headers, ['Name', 'Email', 'Organization', 'Country', 'Status', 'Sessions', 'Created']);
    const wang = await row_of(page, '王小明').textContent();
    assert.match(wang, /China/);
    assert.match(wang, /Confirmed/);
    assert.match(wang, /Workshop A/);
    assert.match(await row_of(page, 'Bob Stone').textContent(), /Waiting list #1/);
    assert.match(await row_of(page, 'Carol Diaz').textContent(), /Waiting list #2/);

    // Search as one types; the query lands in the hash and survives a reload.
    const search = page.getByLabel('Search name, email or organization');
    await search.fill('bob');
    await wait_count(page, '1 registration');
    assert.deepEqual(await row_names(page), ['Bob Stone']);
    assert.match(page.url(), /registrations\?q=bob$/);
    await page.reload();
    await wait_count(page, '1 registration');
    assert.equal(await page.getByLabel('Search name, email or organization').inputValue(), 'bob');
    assert.deepEqual(await row_names(page), ['Bob Stone']);

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await wait_count(page, '4 registrations');
    await page.getByLabel('Status', { exact: true }).selectOption('waitlisted');
    await wait_count(page, '2 registrations');
    assert.deepEqual(await row_names(page), ['Bob Stone', 'Carol Diaz']);
    await page.reload();
    await wait_count(page, '2 registrations');
    assert.equal(await page.getByLabel('Status', { exact: true }).inputValue(), 'waitlisted');

    await page.getByLabel('Country', { exact: true }).selectOption('CN');
    await wait_count(page, 'No registrations match.');
    assert.equal(await page.locator('.reg-table').isVisible(), false);
    await page.getByLabel('Status', { exact: true }).selectOption('');
    await wait_count(page, '1 registration');
    assert.deepEqual(await row_names(page), ['王小明']);
    await page.getByLabel('Country', { exact: true }).selectOption('');
    await page.getByLabel('Session', { exact: true }).selectOption({ label: 'Workshop A' });
    await wait_count(page, '2 registrations');
    assert.deepEqual(await row_names(page), ['Ana Silva', '王小明']);

    // The Chinese interface keeps the filters and names the statuses in Chinese.
    await page.getByRole('button', { name: /Switch language/ }).click();
    await page.getByRole('heading', { level: 1, name: `报名：活动 ${slug}` }).waitFor();
    await wait_count(page, '共 2 条报名');
    assert.match(await row_of(page, 'Ana Silva').textContent(), /已确认/);
    assert.match(await row_of(page, 'Ana Silva').textContent(), /巴西/);

    // Keyboard: Enter on a row's link opens the registration.
    await page.getByRole('link', { name: 'Ana Silva', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Ana Silva' }).waitFor();
  });
});

test('a pending registration is approved and another rejected', async () => {
  const slug = 'approve-2026';
  await make_event(slug, { requires_approval: true, questions: [diet_question] });
  const zhang = await self_registration(slug, person('Zhang Wei', 'zhang@approve.example', { answers: { diet: 'veg' } }));
  const olga = await self_registration(slug, person('Olga Petrova', 'olga@approve.example', { country: 'RU' }));
  assert.equal(zhang.status, 'pending');
  assert.equal(olga.status, 'pending');
  await with_page(async (page) => {
    await page.goto(list_url(slug, '?status=pending'));
    await wait_count(page, '2 registrations');
    await page.getByRole('link', { name: 'Zhang Wei', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Zhang Wei' }).waitFor();
    assert.match(await status_line(page).textContent(), /Pending approval/);
    const answers = page.locator('section', { has: page.getByRole('heading', { name: 'Answers' }) });
    assert.match(await answers.textContent(), /Diet\s*Vegetarian/);
    assert.match(await page.locator('.ticket-code').textContent(), /^[2-9A-Z]{4}(-[2-9A-Z]{4}){6}$/);

    await page.getByRole('button', { name: 'Approve' }).click();
    await page.locator('.flash-message', { hasText: 'Zhang Wei approved' }).waitFor();
    assert.match(await status_line(page).textContent(), /Confirmed/);
    assert.equal(await page.getByRole('button', { name: 'Approve' }).count(), 0);
    const history = page.locator('section', { has: page.getByRole('heading', { name: 'History' }) });
    assert.match(await history.locator('tbody tr').first().textContent(), /Approved.*ada@example\.org/);
    assert.match(await history.textContent(), /Registered\s*the attendee/);

    await open_registration(page, slug, 'Olga Petrova');
    await page.getByRole('button', { name: 'Reject' }).click();
    await page.getByRole('heading', { name: 'Reject the registration of Olga Petrova?' }).waitFor();
    await page.getByLabel('Reason (optional)').fill('Duplicate of another registration');
    await page.getByRole('button', { name: 'Yes, reject' }).click();
    await page.locator('.flash-message', { hasText: 'Olga Petrova rejected' }).waitFor();
    assert.match(await status_line(page).textContent(), /Rejected/);
    await page.getByText('Nothing more can be done with this registration.').waitFor();
    assert.match(await history.textContent(), /reason: Duplicate of another registration/);
  });
});

test('cancelling a confirmed registration promotes the first on the waiting list', async () => {
  const slug = 'promote-2026';
  const { regs } = await full_event(slug);
  await with_page(async (page) => {
    await open_registration(page, slug, 'Ana Silva');
    // The confirmation is in the page, and "Keep registration" backs out.
    await page.getByRole('button', { name: 'Cancel registration' }).click();
    const question = page.getByRole('heading', { name: 'Cancel the registration of Ana Silva?' });
    await question.waitFor();
    assert.equal(await question.evaluate((el) => el === document.activeElement), true);
    await page.getByRole('button', { name: 'Keep registration' }).click();
    await question.waitFor({ state: 'detached' });
    assert.match(await status_line(page).textContent(), /Confirmed/);

    await page.getByRole('button', { name: 'Cancel registration' }).click();
    await page.getByRole('button', { name: 'Yes, cancel registration' }).click();
    await page.locator('.flash-message', { hasText: 'Registration of Ana Silva cancelled' }).waitFor();
    assert.match(await status_line(page).textContent(), /Cancelled/);

    await page.getByRole('link', { name: 'All registrations' }).click();
    await wait_count(page, '4 registrations');
    assert.match(await row_of(page, 'Bob Stone').textContent(), /Confirmed/);
    assert.match(await row_of(page, 'Carol Diaz').textContent(), /Waiting list #1/);
    assert.match(await row_of(page, 'Ana Silva').textContent(), /Cancelled/);
    await page.getByRole('link', { name: 'Bob Stone', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Bob Stone' }).waitFor();
    assert.match(await page.locator('section', { has: page.getByRole('heading', { name: 'History' }) }).textContent(),
                 /Promoted from the waiting list\s*the system/);
    await page.getByRole('link', { name: 'All registrations' }).click();
    await wait_count(page, '4 registrations');

    // Carol cannot be promoted into a full event unless over capacity.
    await page.getByRole('link', { name: 'Carol Diaz', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Carol Diaz' }).waitFor();
    await page.getByRole('button', { name: 'Promote from waiting list' }).click();
    await page.getByRole('heading', { name: /The event is full/ }).waitFor();
    await page.getByRole('button', { name: 'Promote over capacity' }).click();
    await page.locator('.flash-message', { hasText: 'Carol Diaz promoted' }).waitFor();
    assert.match(await status_line(page).textContent(), /Confirmed/);
  }, { allowed_statuses: [409] });
  const confirmed = await call(server, 'GET', `/api/v1/events/${slug}/registrations?status=confirmed`, { token });
  assert.equal(confirmed.total, 3);
  assert.ok(confirmed.items.every((r) => r.id !== regs.ana.id));
});

test('an organizer adds a registration by hand; a bad email is shown at its field', async () => {
  const slug = 'add-2026';
  await make_event(slug, {
    capacity: 1,
    questions: [diet_question, { key: 'photos', type: 'consent', label: { en: 'Photos may be taken', zh: '同意拍照' } }],
  });
  await make_session(slug, { title: { en: 'Workshop A' } });
  await add_registration(slug, person('First Person', 'first@add.example'));
  await with_page(async (page) => {
    await page.goto(list_url(slug));
    await wait_count(page, '1 registration');
    await page.getByRole('link', { name: 'Add registration' }).click();
    await page.getByRole('heading', { level: 1, name: `Add registration: Event ${slug}` }).waitFor();
    const form = page.locator('form.reg-form');
    await form.getByLabel('Name').fill('李雷');
    await form.getByLabel('Email').fill('not-an-email');
    await form.getByLabel('Organization').fill('北京大学');
    assert.equal(await form.getByLabel('Country').locator('option[value="CN"]').textContent(), 'China (CN)');
    await form.getByLabel('Country').selectOption('CN');
    await form.getByLabel('Language').selectOption('zh');
    await form.getByLabel(/Workshop A/).check();
    await form.getByLabel('Diet').selectOption('veg');
    await form.getByLabel('Photos may be taken').check();
    await form.getByLabel(/Confirm even if the event is full/).check();
    await form.getByRole('button', { name: 'Add registration' }).click();

    const email = form.getByLabel('Email');
    await form.locator('[data-field="email"][aria-invalid="true"]').waitFor();
    const error_id = `${await email.getAttribute('id')}-error`;
    assert.ok((await email.getAttribute('aria-describedby')).split(' ').includes(error_id));
    assert.ok(await form.locator(`[id="${error_id}"]`).isVisible());
    assert.equal(await email.evaluate((el) => el === document.activeElement), true);
    assert.equal(await form.locator('[aria-invalid="true"]').count(), 1, 'only the email is at fault');

    await email.fill('li.lei@add.example');
    await form.getByRole('button', { name: 'Add registration' }).click();
    await page.getByRole('heading', { level: 1, name: '李雷' }).waitFor();
    await page.locator('.flash-message', { hasText: '李雷 added; status: Confirmed' }).waitFor();
    assert.match(await status_line(page).textContent(), /Confirmed/);
    const details = await page.locator('.details').first().textContent();
    assert.match(details, /北京大学/);
    assert.match(details, /China \(CN\)/);
    assert.match(details, /中文/);
    assert.match(details, /an organizer/);
    const answers = await page.locator('section', { has: page.getByRole('heading', { name: 'Answers' }) }).textContent();
    assert.match(answers, /Vegetarian/);
    assert.match(answers, /Photos may be taken\s*Yes/);
    assert.match(await page.locator('[data-session-id]').textContent(), /Workshop A.*Confirmed/);
  }, { allowed_statuses: [422] });
});

test('the CSV download starts with a UTF-8 BOM and keeps Chinese names', async () => {
  const slug = 'csv-2026';
  await make_event(slug);
  await add_registration(slug, person('王小明', 'wang@csv.example', { language: 'zh' }));
  await add_registration(slug, person('Ana Silva', 'ana@csv.example', { country: 'BR' }));
  await with_page(async (page) => {
    await page.goto(list_url(slug));
    await wait_count(page, '2 registrations');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download CSV' }).click(),
    ]);
    const bytes = await readFile(await download.path());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    assert.match(text, /王小明/);
    assert.match(text, /ana@csv\.example/);
    assert.match(download.suggestedFilename(), /\.csv$/);
  });
});

test('the outbox lists the confirmation sent to an attendee', async () => {
  const slug = 'outbox-2026';
  await make_event(slug);
  await add_registration(slug, person('Ana Silva', 'ana@outbox.example'));
  await with_page(async (page) => {
    await page.goto(`/organizer/#/events/${slug}/registrations`);
    await wait_count(page, '1 registration');
    await page.getByRole('link', { name: 'Outbox' }).click();
    await page.getByRole('heading', { level: 1, name: `Outbox: Event ${slug}` }).waitFor();
    const row = page.locator('.message-row', { hasText: 'ana@outbox.example' }).first();
    await row.waitFor();
    assert.equal(await row.locator('td').nth(1).textContent(), 'Confirmation');
    assert.match(await row.textContent(), /English/);
    const toggle = row.getByRole('button');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    const body = page.locator(`[id="${await toggle.getAttribute('aria-controls')}"]`);
    assert.equal(await body.isVisible(), false);
    await toggle.press('Enter');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    await body.waitFor();
    assert.ok((await body.textContent()).trim().length > 0, 'the message has a body');
  });
});

test('"Load more" fetches the next page of a long list', async () => {
  const slug = 'many-2026';
  await make_event(slug);
  for (let i = 1; i <= 55; ++i) {
    await add_registration(slug, person(`Person ${String(i).padStart(2, '0')}`, `p${i}@many.example`));
  }
  await with_page(async (page) => {
    await page.goto(list_url(slug));
    await wait_count(page, '55 registrations, showing 50');
    assert.equal(await page.locator('.reg-table tbody tr').count(), 50);
    await page.getByRole('button', { name: 'Load more' }).click();
    await wait_count(page, '55 registrations');
    assert.equal(await page.locator('.reg-table tbody tr').count(), 55);
    assert.equal(new Set(await row_names(page)).size, 55, 'no row twice');
    assert.equal(await page.getByRole('button', { name: 'Load more' }).isVisible(), false);
    // The keyboard continues at the first new row.
    assert.equal(await page.locator('.reg-table tbody tr').nth(50).locator('a')
      .evaluate((el) => el === document.activeElement), true);
  });
});
