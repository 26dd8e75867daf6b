// Hostile text end to end: an event, its session, room, speaker and kiosk,
// and three attendees whose names, organizations and answers carry HTML,
// script, SQL, template and spreadsheet-formula payloads (mixed with
// Chinese). Proves that the API stores and returns them byte for byte, that
// every page showing them (public event page, manage page, landing page,
// organizer event list / editor / registrations / detail / check-in /
// outbox, kiosk, live dashboard and its list, hall display) renders them as
// inert text with a Content-Security-Policy on the HTML, that the CSV export
// neutralises formula-looking cells the way common/csv.cpp intends, and that
// agenda.ics escapes the titles per RFC 5545.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { create_event, expect_status, organizer_token, register, request, self } from './support/api.mjs';
import { launch_browser, new_page, sign_in, with_checked_page } from './support/browser.mjs';
import { start_server } from './support/server.mjs';

// Each payload sets window.__pwned to its own number if it ever runs, so a
// failure says which one got through.
const img = '<img src=x onerror="window.__pwned=1">';
const script = '<script>window.__pwned=2</script>';
const svg = '"><svg onload=window.__pwned=3>';
const sql = "'); DROP TABLE registrations;--";
const tmpl = "{{constructor.constructor('window.__pwned=4')()}}";

const slug = 'hostile-2037';

// `$&` and `$'` would be expanded if a page ever used String.replace with a
// string replacement; commas and semicolons are ICS specials.
const event_fields = {
  title: { en: `Forum ${img} 论坛, ${sql}`, zh: `${script} 测试论坛; ${tmpl}` },
  venue: `${svg} 会议中心, Hall 1; $& $'`,
  description: {
    en: `First paragraph ${img}\n\n${script}\n${svg}\n\n${sql} 中文说明 ${tmpl}`,
    zh: null,
  },
  questions: [
    { key: 'note', type: 'short_text', label: { en: `Note ${img}`, zh: '备注' } },
    { key: 'bio', type: 'long_text', label: { en: 'Short biography', zh: '个人简介' } },
  ],
  capacity: 100,
  public_display: true,
};

const session_fields = {
  title: { en: `${script} Opening, day 1; 开幕式`, zh: `开幕式 ${img}` },
  abstract: { en: `Line one, with a comma; and a semicolon\n${img} \\ backslash\n第三行` },
  kind: 'plenary',
  room: `Hall ${svg} 一号厅`,
  requires_signup: true,
  capacity: 50,
  starts_at: '2037-12-07T09:00:00+08:00',
  ends_at: '2037-12-07T10:00:00+08:00',
  speakers: [{ name: `${tmpl} 李伟 ${sql}`, organization: `${img} Example University`, country: 'CN', role: 'speaker' }],
};

const kiosk_name = `Door ${script} 东门, "A"`;

// Names and organizations are trimmed by the server, so none has outer spaces.
const people = {
  html: {
    name: `${img} 王芳`, email: 'fang@hostile.example', organization: `${sql} 北京大学`, country: 'CN', language: 'en',
    answers: { note: tmpl, bio: `${script}\n${svg}\n第三行` },
  },
  formula: {
    name: '=HYPERLINK("http://evil.example","x")', email: 'formula@hostile.example', organization: '+SUM(1,2)',
    country: 'GB', language: 'en', answers: { note: "-2+3+cmd|' /C calc'!A0", bio: '@SUM(A1:A9)' },
  },
  svg: {
    name: `${svg} Zoë`, email: 'zoe@hostile.example', organization: script, country: 'FR', language: 'zh',
    answers: { note: sql, bio: tmpl },
  },
};

let server;
let browser;
let token;
let cookies;        // an organizer session, signed in once through the UI
let session;        // the created session
let kiosk;
const regs = {};    // key of people -> the registration as created
const csp_seen = new Set();

before(async () => {
  server = await start_server();
  browser = await launch_browser();
  token = organizer_token(server);
  ({ sessions: [session] } = await create_event(server, token, { event: { slug, ...event_fields }, sessions: [session_fields] }));
  // Anonymous, as an attacker would register.
  for (const [key, p] of Object.entries(people)) regs[key] = await register(server, slug, { ...p, sessions: [session.id] });
  kiosk = await expect_status(201, server, 'POST', `/api/v1/events/${slug}/kiosks`, {
    token, body: { name: kiosk_name, session_id: null },
  });
  // A checked-in attendee shows in the dashboard's live activity.
  const answer = await expect_status(200, server, 'POST', `/api/v1/events/${slug}/checkins`, {
    token: kiosk.token, body: { ticket_code: regs.html.ticket_code, nonce: 'hostile-setup-1' },
  });
  assert.equal(answer.result, 'ok', JSON.stringify(answer));

  const { context, page } = await new_page(browser, server);
  try {
    await sign_in(page, server);
    await page.getByRole('heading', { level: 1, name: 'Events' }).waitFor();
    cookies = await context.cookies();
  } finally {
    await context.close();
  }
});

after(async () => {
  await browser?.close();
  if (server) {
    const { code } = await server.stop();
    assert.equal(code, 0, `plenary exit status after SIGTERM\n${server.log.join('')}`);
  }
});

// Opens a fresh page (signed in as the organizer when `organizer`), runs
// fn, then checks that nothing ran or was parsed as markup, that no dialog
// opened and that every HTML document came with a CSP. with_checked_page
// also fails on script errors, CSP violations and any failed request (an
// injected <img src=x> would ask for /x).
async function visit(fn, { organizer = false, locale } = {}) {
  const dialogs = [];
  const documents = [];
  await with_checked_page(browser, server, async (page) => {
    await fn(page);
    await assert_inert(page, dialogs);
    assert.ok(documents.length > 0, 'no HTML document was loaded');
    for (const d of documents) {
      assert.ok(d.csp, `${d.url} came without a Content-Security-Policy`);
      assert.match(d.csp, /script-src 'self'(;|$)/, `${d.url}: scripts are not limited to 'self'`);
      assert.doesNotMatch(d.csp, /'unsafe-inline'|'unsafe-eval'/, `${d.url}: the CSP allows inline or eval'd script`);
      csp_seen.add(d.csp);
    }
  }, {
    allowed_statuses: [],
    locale,
    before: async (page) => {
      page.on('dialog', (d) => {
        dialogs.push(`${d.type()}: ${d.message()}`);
        d.dismiss().catch(() => {});
      });
      page.on('response', (res) => {
        if (res.request().resourceType() !== 'document' || res.frame() !== page.mainFrame()) return;
        if (!(res.headers()['content-type'] ?? '').startsWith('text/html')) return;
        documents.push({ url: res.url(), csp: res.headers()['content-security-policy'] });
      });
      if (organizer) await page.context().addCookies(cookies);
    },
  });
}

// The CSP alone would stop the payloads from running, so window.__pwned
// staying unset proves little; the DOM check is what catches a page that
// builds markup from data (innerHTML and the like).
async function assert_inert(page, dialogs) {
  const found = await page.evaluate(() => {
    const bad = [...document.querySelectorAll('img[src=x], svg[onload], script:not([src])')]
      .map((el) => el.outerHTML.slice(0, 120));
    // Any inline handler attribute at all: the pages add listeners in code only.
    for (const el of document.querySelectorAll('*')) {
      for (const a of el.attributes) if (/^on/i.test(a.name)) bad.push(`<${el.localName} ${a.name}="${a.value}">`);
    }
    return { pwned: window.__pwned, bad };
  });
  assert.equal(found.pwned, undefined, `a payload ran: window.__pwned = ${found.pwned}`);
  assert.deepEqual(found.bad, [], 'payload markup was parsed into elements');
  assert.deepEqual(dialogs, [], 'a dialog opened');
}

// Waits until an element matching `selector` has `raw` in its text, exactly.
async function shows(page, selector, raw) {
  try {
    await page.waitForFunction(([sel, text]) => [...document.querySelectorAll(sel)].some((el) => el.textContent.includes(text)),
                               [selector, raw], { timeout: 10_000 });
  } catch {
    const seen = await page.evaluate((sel) => [...document.querySelectorAll(sel)].map((el) => el.textContent).slice(0, 5),
                                     selector);
    assert.fail(`${selector} never showed ${JSON.stringify(raw)}; it shows ${JSON.stringify(seen)}`);
  }
}

// The description's paragraphs are separate <p>s (split at blank lines, trimmed).
const description_paragraphs = event_fields.description.en.split(/\n\s*\n/).map((p) => p.trim());

test('the API stores every hostile value and gives it back byte for byte', async () => {
  const pub = await expect_status(200, server, 'GET', `/api/v1/events/${slug}`);
  assert.deepEqual(pub.title, event_fields.title);
  assert.equal(pub.venue, event_fields.venue);
  assert.equal(pub.description.en, event_fields.description.en);
  assert.equal(pub.questions.find((q) => q.key === 'note').label.en, event_fields.questions[0].label.en);
  const s = pub.sessions.find((x) => x.id === session.id);
  assert.deepEqual(s.title, session_fields.title);
  assert.equal(s.abstract.en, session_fields.abstract.en);
  assert.equal(s.room, session_fields.room);
  assert.equal(s.speakers[0].name, session_fields.speakers[0].name);
  assert.equal(s.speakers[0].organization, session_fields.speakers[0].organization);

  const rooms = await expect_status(200, server, 'GET', `/api/v1/events/${slug}/rooms`, { token });
  assert.deepEqual(rooms.items.map((r) => r.name), [session_fields.room]);
  const kiosks = await expect_status(200, server, 'GET', `/api/v1/events/${slug}/kiosks`, { token });
  assert.deepEqual(kiosks.items.map((k) => k.name), [kiosk_name]);

  for (const [key, p] of Object.entries(people)) {
    for (const reg of [await self(server, regs[key].manage_token),
                       await expect_status(200, server, 'GET', `/api/v1/events/${slug}/registrations/${regs[key].id}`, { token })]) {
      assert.equal(reg.name, p.name, key);
      assert.equal(reg.organization, p.organization, key);
      assert.deepEqual(reg.answers, p.answers, key);
    }
  }
  // SQL text in a search is a plain substring: it finds the one organization
  // holding it, and the registrations table is still there to search.
  const found = await expect_status(200, server, 'GET',
                                    `/api/v1/events/${slug}/registrations?q=${encodeURIComponent("'); DROP TABLE")}`, { token });
  assert.deepEqual(found.items.map((r) => r.id), [regs.html.id]);
  const all = await expect_status(200, server, 'GET', `/api/v1/events/${slug}/registrations`, { token });
  assert.equal(all.total, 3);
  const by_kiosk = await expect_status(200, server, 'GET',
                                       `/api/v1/events/${slug}/checkin-search?q=${encodeURIComponent('王芳')}`, { token: kiosk.token });
  assert.ok(by_kiosk.items.some((r) => r.name === people.html.name), JSON.stringify(by_kiosk));
});

// RFC 4180 fields of one CSV text (quoted fields may hold commas, quotes, CRLF).
function parse_csv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; ++i) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; ++i; } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; ++i; }
    else field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}

test('the CSV export keeps hostile text and defuses cells a spreadsheet would run as formulas', async () => {
  const res = await request(server, 'GET', `/api/v1/events/${slug}/registrations.csv`, { token, headers: { Accept: 'text/csv' } });
  assert.equal(res.status, 200, String(res.body));
  assert.match(res.headers['content-type'], /^text\/csv/);
  const text = String(res.body).replace(/^\uFEFF/, '');
  const [header, ...rows] = parse_csv(text);
  const col = (name) => {
    const i = header.indexOf(name);
    assert.ok(i >= 0, `no ${name} column in ${JSON.stringify(header)}`);
    return i;
  };
  // The question's label heads its column, as text.
  assert.ok(header.includes(event_fields.questions[0].label.en), JSON.stringify(header));
  const row_of = (key) => rows.find((r) => r[col('email')] === people[key].email);
  const cells = (key) => {
    const r = row_of(key);
    return { name: r[col('name')], organization: r[col('organization')],
             note: r[col(event_fields.questions[0].label.en)], bio: r[col('Short biography')] };
  };

  // Text that does not start like a formula comes out unchanged.
  for (const key of ['html', 'svg']) {
    const p = people[key];
    assert.deepEqual(cells(key), { name: p.name, organization: p.organization, note: p.answers.note, bio: p.answers.bio }, key);
  }
  // common/csv.cpp: a cell starting with = + - @ (or TAB, CR) gets a leading
  // apostrophe, inside the quotes, so spreadsheets take it as text.
  const f = people.formula;
  assert.deepEqual(cells('formula'), {
    name: `'${f.name}`, organization: `'${f.organization}`, note: `'${f.answers.note}`, bio: `'${f.answers.bio}`,
  });
  // And on the wire: quoted with doubled quotes, apostrophe first.
  assert.ok(text.includes('"\'=HYPERLINK(""http://evil.example"",""x"")"'), 'the HYPERLINK cell is not quoted as expected');
  for (const r of rows) {
    for (const cell of r) assert.doesNotMatch(cell, /^[=+\-@\t\r]/, `a cell starts like a formula: ${JSON.stringify(cell)}`);
  }
});

// RFC 5545 TEXT escaping, to compare against.
const ics_text = (s) => s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');

async function agenda_properties(lang) {
  const res = await request(server, 'GET', `/api/v1/events/${slug}/agenda.ics?lang=${lang}`, { headers: { Accept: 'text/calendar' } });
  assert.equal(res.status, 200, String(res.body));
  const raw = String(res.body);
  assert.doesNotMatch(raw, /[^\r]\n|\r(?!\n)/, 'a line ends without CRLF: a newline got through unescaped');
  // Unfolded, every line must still be one property: an unescaped newline
  // would start a line that is not NAME:value.
  const lines = raw.replace(/\r\n[ \t]/g, '').split('\r\n').filter(Boolean);
  for (const line of lines) assert.match(line, /^[A-Z][A-Z0-9-]*[:;]/, `not a property line: ${JSON.stringify(line)}`);
  const props = new Map();
  for (const line of lines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon);
    if (!props.has(name)) props.set(name, line.slice(colon + 1));
  }
  return props;
}

test('agenda.ics escapes commas, semicolons, backslashes and newlines in the hostile texts', async () => {
  const speaker = session_fields.speakers[0];
  const description = `${session_fields.abstract.en}\nSpeaker: ${speaker.name}, ${speaker.organization} (${speaker.country})`;
  const en = await agenda_properties('en');
  assert.equal(en.get('X-WR-CALNAME'), ics_text(event_fields.title.en));
  assert.equal(en.get('SUMMARY'), ics_text(session_fields.title.en));
  assert.equal(en.get('DESCRIPTION'), ics_text(description));
  assert.equal(en.get('LOCATION'), ics_text(`${session_fields.room}, ${event_fields.venue}`));
  // Spelled out, so the comparison does not rest on ics_text alone.
  assert.ok(en.get('SUMMARY').includes('Opening\\, day 1\\; 开幕式'), en.get('SUMMARY'));
  assert.ok(en.get('DESCRIPTION').includes('a comma\\; and a semicolon\\n<img'), en.get('DESCRIPTION'));
  assert.ok(en.get('DESCRIPTION').includes('\\\\ backslash'), en.get('DESCRIPTION'));
  const zh = await agenda_properties('zh');
  assert.equal(zh.get('X-WR-CALNAME'), ics_text(event_fields.title.zh));
  assert.equal(zh.get('SUMMARY'), ics_text(session_fields.title.zh));
});

test('page: the landing page lists the event title as text', async () => {
  await visit(async (page) => {
    await page.goto('/');
    await shows(page, '#events a', event_fields.title.en);
    await shows(page, '#events .alt', event_fields.title.zh);
    await shows(page, '#events .meta', event_fields.venue);
  });
});

test('page: the public event page shows title, venue, description, agenda and question as text', async () => {
  await visit(async (page) => {
    await page.goto(`/e/${slug}`);
    await shows(page, 'h1', event_fields.title.en);
    assert.equal(await page.locator('h1').textContent(), event_fields.title.en);
    await shows(page, '.event-facts', event_fields.venue);
    for (const p of description_paragraphs) await shows(page, '.event-description p', p);
    await shows(page, '.agenda-title', session_fields.title.en);
    await shows(page, '.agenda-meta', session_fields.room);
    await shows(page, '.speakers', session_fields.speakers[0].name);
    await shows(page, '.speakers', session_fields.speakers[0].organization);
    await shows(page, '.agenda-body p.multiline', session_fields.abstract.en);
    await shows(page, 'form.registration-form', event_fields.questions[0].label.en);
    assert.ok((await page.title()).startsWith(`${event_fields.title.en} · `), await page.title());
  });
  await visit(async (page) => {
    await page.goto(`/e/${slug}`);
    await shows(page, 'h1', event_fields.title.zh);
    await shows(page, '.agenda-title', session_fields.title.zh);
  }, { locale: 'zh-CN' });
});

test('page: the attendee manage page shows the event, the session and their own answers as text', async () => {
  const p = people.html;
  await visit(async (page) => {
    await page.goto(regs.html.manage_url);
    await page.locator('.details-list').waitFor();
    await shows(page, '.event-line', event_fields.title.en);
    await shows(page, '.event-line', event_fields.venue);
    await shows(page, '.details-list', p.name);
    await shows(page, '.details-list', p.organization);
    await shows(page, '.details-list', p.answers.note);
    await shows(page, '.details-list', p.answers.bio);
    await shows(page, '.details-list', event_fields.questions[0].label.en);
    await shows(page, '.session-status-item', session_fields.title.en);
    await shows(page, '.session-status-item', session_fields.room);
    await page.locator('.qr svg').waitFor();
    // The change form is filled with the stored values, unchanged.
    await page.getByRole('button', { name: 'Change registration' }).click();
    const form = page.locator('#edit-form');
    assert.equal(await form.getByLabel(/^Full name/).inputValue(), p.name);
    assert.equal(await form.getByLabel(/^Organization/).inputValue(), p.organization);
    assert.equal(await form.getByLabel('Short biography').inputValue(), p.answers.bio);
  });
});

test('page: the organizer event list and event page show the hostile texts as text', async () => {
  await visit(async (page) => {
    await page.goto('/organizer/#/events');
    await shows(page, 'main table', event_fields.title.en);
    await page.goto(`/organizer/#/events/${slug}`);
    await shows(page, 'h1', event_fields.title.en);
    await shows(page, '.session-title', session_fields.title.en);
    await shows(page, '.session-meta', session_fields.room);
    await shows(page, '.session-speakers', session_fields.speakers[0].name);
    const form = page.locator('form.event-form');
    assert.equal(await form.locator('[data-field="title.en"]').inputValue(), event_fields.title.en);
    assert.equal(await form.locator('[data-field="title.zh"]').inputValue(), event_fields.title.zh);
    assert.equal(await form.locator('[data-field="description.en"]').inputValue(), event_fields.description.en);
    assert.equal(await form.locator('[data-field="venue"]').inputValue(), event_fields.venue);
    assert.equal(await page.locator('form.room-form [data-field="name"]').first().inputValue(), session_fields.room);
    // The session form is filled from the stored values, unchanged.
    await page.locator(`[data-session-id="${session.id}"] .actions button`, { hasText: /^Edit$/ }).click();
    const session_form = page.locator('form.session-form');
    await session_form.waitFor();
    assert.equal(await session_form.locator('[data-field="title.en"]').inputValue(), session_fields.title.en);
    assert.equal(await session_form.locator('[data-field="title.zh"]').inputValue(), session_fields.title.zh);
    assert.equal(await session_form.locator('[data-field="room"]').inputValue(), session_fields.room);
    assert.equal(await session_form.locator('[data-field="speakers[0].name"]').inputValue(), session_fields.speakers[0].name);
    assert.equal(await session_form.locator('[data-field="speakers[0].organization"]').inputValue(),
                 session_fields.speakers[0].organization);
  }, { organizer: true });
});

test('page: the organizer registration list and details show names, organizations and answers as text', async () => {
  await visit(async (page) => {
    await page.goto(`/organizer/#/events/${slug}/registrations`);
    await page.locator('#reg-count', { hasText: /^3 registrations$/ }).waitFor();
    await shows(page, 'h1', event_fields.title.en);
    for (const p of Object.values(people)) {
      await shows(page, '.reg-table tbody th a', p.name);
      await shows(page, '.reg-table tbody', p.organization);
    }
    await shows(page, '.reg-table tbody', session_fields.title.en);

    // Adding by hand offers the session and asks the question by their hostile texts.
    await page.goto(`/organizer/#/events/${slug}/registrations/new`);
    await shows(page, 'h1', event_fields.title.en);
    await shows(page, 'form.reg-form label', session_fields.title.en);
    await shows(page, 'form.reg-form label', event_fields.questions[0].label.en);

    for (const key of ['html', 'svg', 'formula']) {
      const p = people[key];
      await page.goto(`/organizer/#/events/${slug}/registrations/${regs[key].id}`);
      await page.locator('h1', { hasText: p.name }).waitFor();
      assert.equal(await page.locator('h1').textContent(), p.name);
      await shows(page, '.details', p.organization);
      const answers = await page.locator('section', { has: page.getByRole('heading', { name: 'Answers' }) }).textContent();
      assert.ok(answers.includes(p.answers.note), `${key}: the note answer is not shown as text: ${answers}`);
      assert.ok(answers.includes(p.answers.bio), `${key}: the bio answer is not shown as text: ${answers}`);
      await shows(page, '[data-session-id]', session_fields.title.en);
      await assert_inert(page, []);
    }
  }, { organizer: true });
});

test('page: the organizer check-in page and outbox show the event, session and kiosk as text', async () => {
  await visit(async (page) => {
    await page.goto(`/organizer/#/events/${slug}/checkin`);
    await shows(page, 'h1', event_fields.title.en);
    await shows(page, 'main table th', kiosk_name);
    await shows(page, 'main', session_fields.title.en);
    await page.goto(`/organizer/#/events/${slug}/outbox`);
    await page.locator('.message-row').first().waitFor();
    await shows(page, 'h1', event_fields.title.en);
    // The confirmation mails name the event and greet the attendee.
    await shows(page, '.message-row', event_fields.title.en);
    await shows(page, '.message-body', people.html.name);
  }, { organizer: true });
});

test('page: the kiosk shows the event, its own name and attendees as text when scanning and searching', async () => {
  await visit(async (page) => {
    await page.goto('/kiosk/');
    await page.getByLabel('Kiosk token').fill(kiosk.token);
    await page.getByRole('button', { name: 'Pair', exact: true }).click();
    await page.getByLabel('Ticket code').waitFor();
    await shows(page, '#kiosk-identity', event_fields.title.en);
    await shows(page, '#kiosk-identity', kiosk_name);

    const scan = async (code, result) => {
      await page.locator('#scan-input').fill(code);
      await page.locator('#scan-input').press('Enter');
      await page.locator(`.result[data-result="${result}"]`).waitFor();
    };
    await scan(regs.svg.ticket_code, 'ok');
    assert.equal(await page.locator('.result-name').textContent(), people.svg.name);
    await shows(page, '.result-details', people.svg.organization);
    await scan(regs.html.ticket_code, 'already_checked_in');
    assert.equal(await page.locator('.result-name').textContent(), people.html.name);
    await shows(page, '.result-details', people.html.organization);
    await shows(page, '.result-message', kiosk_name);

    await page.getByLabel('Search by name').fill('王芳');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await shows(page, '.match-name', people.html.name);
    await shows(page, '.search-results', people.html.organization);
  });
});

test('page: the live dashboard and its list show title, session, room, names and kiosk as text', async () => {
  await visit(async (page) => {
    await page.goto('/dashboard/');
    await shows(page, 'main a', event_fields.title.en);
    await page.goto(`/dashboard/${slug}`);
    await page.locator('#connection[data-connection="live"]').waitFor();
    await shows(page, 'h1', event_fields.title.en);
    await shows(page, '.table-sessions', session_fields.title.en);
    await shows(page, '.table-sessions', session_fields.room);
    await page.locator('#activity li[data-kind="checked_in"]').first().waitFor();
    await shows(page, '#activity .act-name', people.html.name);
    await shows(page, '#activity .act-detail', people.html.organization);
    await shows(page, '#activity .act-where', kiosk_name);
    for (const p of Object.values(people)) await shows(page, '#activity .act-name', p.name);
  }, { organizer: true });
});

test('page: the hall display shows both titles, the session and the room as text', async () => {
  await visit(async (page) => {
    await page.goto(`/display/${slug}`);
    await shows(page, '#display-title .title-en', event_fields.title.en);
    await shows(page, '#display-title .title-zh', event_fields.title.zh);
    await shows(page, '.session-group', session_fields.title.en);
    await shows(page, '.session-group', session_fields.room);
  });
});

// Last in the file on purpose: node:test runs a file's tests in order, so the
// page tests above have filled csp_seen by now.
test('report: the Content-Security-Policy the HTML pages were served with', (t) => {
  assert.ok(csp_seen.size > 0, 'no page recorded a CSP (did the page tests run?)');
  for (const csp of csp_seen) t.diagnostic(`CSP: ${csp}`);
});
