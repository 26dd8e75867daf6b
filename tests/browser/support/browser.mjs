// Launches Debian's Chromium through playwright-core and signs in through the UI.

import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

export async function launch_browser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--ignore-certificate-errors'],
  });
}

// A fresh context per test: no cookies or stored language carried over.
export async function new_page(browser, server, { locale = 'en-US' } = {}) {
  const context = await browser.newContext({ baseURL: server.url, ignoreHTTPSErrors: true, locale });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);  // a hang guard, not a speed check
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  // Failed API calls (401, 422) are logged by Chromium too; only script
  // errors and Content-Security-Policy violations count as problems.
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Uncaught/i.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  return { context, page, problems };
}

export async function sign_in(page, server, password = server.user.password) {
  await page.goto('/organizer/#/signin');
  await page.getByLabel('Email', { exact: true }).fill(server.user.email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

// Runs fn(page, context) on a fresh page, then closes it. Script errors, CSP
// violations and other console errors fail the test. Chromium also logs the
// failed requests a test provokes on purpose: with allowed_statuses 'any'
// every such log is let through, with a list only those statuses. `before`
// runs first (signing in, say).
export async function with_checked_page(browser, server, fn, { allowed_statuses = 'any', before, ...options } = {}) {
  const { context, page, problems } = await new_page(browser, server, options);
  page.on('console', (m) => {
    if (m.type() !== 'error' || /Content Security Policy|Uncaught/i.test(m.text())) return;  // new_page has those
    const status = /status of (\d{3})/.exec(m.text());
    const allowed = allowed_statuses === 'any'
      ? /Failed to load resource/i.test(m.text())
      : Boolean(status) && allowed_statuses.includes(Number(status[1]));
    if (!allowed) problems.push(`console: ${m.text()} ${m.location()?.url ?? ''}`);
  });
  try {
    if (before) await before(page);
    await fn(page, context);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
}
