// Journeys of the administrator and the auditor, in order: the administrator is made to set up
// two-factor sign-in (the test reads the key off the screen and computes the code, as a phone
// would), then creates an ATU investigator; the auditor finds that in the audit trail and
// verifies the chain.
import * as OTPAuth from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, signIn, signOut, skipJourneys } from './browser';

describe.skipIf(skipJourneys())('administration and audit', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const nav = (page: Page) => page.getByRole('navigation', { name: 'Main navigation' });
  const username = `e2e.${Date.now().toString(36)}`;

  it('the administrator enrols two-factor sign-in, then creates a user in ATU Lahore', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, 'admin');
    await expect.poll(() => page.getByRole('heading', { name: 'Set up two-factor sign-in' }).isVisible()).toBe(true);
    // Only enrolment and signing out: no navigation yet.
    expect(await nav(page).count()).toBe(0);
    const secretText = await page.getByTestId('totp-secret').textContent();
    const secret = (secretText ?? '').replace(/\s+/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    expect(await page.getByRole('img', { name: 'QR code for the authenticator app' }).isVisible()).toBe(true);
    const code = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate();
    await page.getByLabel(/Enter the six-digit code/).fill(code);
    await page.getByRole('button', { name: 'Confirm and continue' }).click();

    await expect.poll(() => nav(page).getByRole('link', { name: 'Administration' }).isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: 'Welcome, Ayesha Siddiqui' }).isVisible()).toBe(true);
    await nav(page).getByRole('link', { name: 'Administration' }).click();
    await expect.poll(() => page.getByRole('tree', { name: 'Organisation' }).isVisible()).toBe(true);
    expect(await page.getByRole('treeitem').count()).toBeGreaterThan(3);

    await page.getByRole('tab', { name: 'Users' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'New user' }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'New user' }).click();
    const dialog = page.getByRole('dialog', { name: 'New user' });
    await dialog.getByLabel(/^Username/).fill(username);
    await dialog.getByLabel(/^Full name/).fill('Sub-Inspector Test Journey');
    await dialog.getByLabel(/^Unit/).fill('Anti Trafficking Unit Lahore');
    await page.getByRole('option', { name: /^Anti Trafficking Unit Lahore/ }).click();
    await dialog.getByLabel(/^Roles/).click();
    await page.getByRole('option', { name: 'ATU investigator' }).click();
    await dialog.getByLabel(/^First password/).fill('a long first passphrase for the journey 2026');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => dialog.count()).toBe(0);

    await page.getByLabel('Search by name or username').fill(username);
    const row = page.getByRole('row').filter({ hasText: username });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('Anti Trafficking Unit Lahore');
    expect(await row.textContent()).toContain('ATU investigator');
    expect(await row.textContent()).toContain('2FA required, not set up');
    await signOut(page);

    // Enrolled now: the next sign-in asks for the code, and a wrong one is refused with the server's words.
    await signIn(page, 'admin');
    const codeField = page.getByLabel(/^Six-digit code/);
    await expect.poll(() => codeField.isVisible()).toBe(true);
    const wrong = code === '000000' ? '111111' : '000000';
    await codeField.fill(wrong);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByTestId('signin-error').isVisible()).toBe(true);
    expect(await nav(page).count()).toBe(0);
    await context.close();
  });

  it('the auditor finds the new user in the audit trail and the chain verifies', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, 'auditor');
    await expect.poll(() => nav(page).getByRole('link', { name: 'Audit' }).isVisible()).toBe(true);
    expect(await nav(page).getByRole('link', { name: 'Administration' }).count()).toBe(0);
    await nav(page).getByRole('link', { name: 'Audit' }).click();
    await expect.poll(() => page.getByTestId('audit-row').count()).toBeGreaterThan(0);
    const created = page.getByTestId('audit-row').filter({ hasText: 'user.create' }).filter({ has: page.getByRole('cell', { name: 'admin', exact: true }) });
    await expect.poll(() => created.count()).toBeGreaterThanOrEqual(1);

    // Filter by action, and open a row to see its hashes.
    await page.getByLabel('Action').fill('user.create');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(async () => (await page.getByTestId('audit-row').allTextContents()).every((t) => t.includes('user.create'))).toBe(true);
    await created.first().getByRole('button', { name: /Show details/ }).click();
    await expect.poll(() => page.getByText('Previous hash').isVisible()).toBe(true);

    await page.getByRole('button', { name: 'Verify chain' }).click();
    const result = page.getByTestId('verify-result');
    await expect.poll(() => result.isVisible()).toBe(true);
    expect(await result.textContent()).toMatch(/The chain is intact: \d+ events checked/);
    await context.close();
  });
});
