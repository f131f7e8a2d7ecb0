// Journeys of the helpline and the referral mechanism. (a) The operator opens the live queue; a
// member of the public, in a separate anonymous browser on a phone, files a report for Lahore; it
// appears in the operator's queue (pushed, not polled — the time from the submit response to the
// row being visible is printed); the operator claims, classifies and hands it off; the ATU Lahore
// investigator acknowledges it, which opens the inquiry case; the reporter sees the status change
// with the reference and secret. (b) The operator records the victim's consent and refers her to
// the legal-aid NGO; the NGO caseworker accepts, starts and completes it, and sees only what was
// shared (the phone number is not on the screen).
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, screenshot, signInWithTotp, skipJourneys } from './browser';

describe.skipIf(skipJourneys())('helpline and referrals', () => {
  let browser: Browser;
  let operator: { context: BrowserContext; page: Page };
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await operator?.context.close();
    await browser?.close();
  });

  const stamp = Date.now().toString(36);
  const VICTIM = `Razia Bibi ${stamp}`;
  const PHONE = '0300-7654321';
  const eventually = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000, interval: 100 });
  const nav = (page: Page) => page.getByRole('navigation', { name: /^(Main navigation|مرکزی فہرست)$/ });
  const choose = async (page: Page, scope: Locator | Page, label: RegExp, option: string | RegExp, multi = false) => {
    await scope.getByRole('combobox', { name: label }).click({ force: multi });
    await page.getByRole('option', { name: option }).first().click();
  };
  let reference = '';
  let secret = '';
  let contactUrl = '';

  it('(a) a public report reaches the live queue within a second, is handed off, acknowledged by the ATU, and the reporter sees the change', async () => {
    operator = await newPage(browser);
    const op = operator.page;
    op.on('pageerror', (e) => console.error('PAGE ERROR', e.message));
    await signInWithTotp(op, 'operator');
    await nav(op).getByRole('link', { name: 'Helpline' }).click();
    await eventually(() => op.getByTestId('live-state').getAttribute('data-state')).toBe('live');

    // The public page on a phone, anonymous: first in Urdu (photographed), then in English.
    const pub = await browser.newContext({ baseURL: (await op.evaluate(() => location.origin)), viewport: { width: 390, height: 844 }, locale: 'ur-PK', isMobile: true, hasTouch: true });
    const rp = await pub.newPage();
    rp.setDefaultTimeout(10_000);
    await rp.goto('/report');
    await rp.getByText('اردو', { exact: true }).click();
    await eventually(() => rp.locator('html').getAttribute('dir')).toBe('rtl');
    await eventually(() => rp.getByRole('button', { name: /فوراً باہر نکلیں/ }).isVisible()).toBe(true);
    await rp.evaluate(() => document.fonts.ready.then(() => undefined));
    await screenshot(rp, 'public-report-phone-ur');
    expect(await rp.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await rp.getByText('English', { exact: true }).click();
    await eventually(() => rp.getByRole('heading', { name: 'Report trafficking anonymously' }).isVisible()).toBe(true);

    await rp.getByRole('textbox', { name: /^What happened/ }).fill(`Men are held at a farm near Raiwind and not paid; the owner keeps their CNICs. ${stamp}`);
    await rp.getByRole('combobox', { name: /^District/ }).fill('Lahore');
    await rp.getByRole('textbox', { name: /^When did it happen/ }).click();
    await rp.getByRole('textbox', { name: /^When did it happen/ }).fill('since last month');
    await rp.getByRole('textbox', { name: /^Who is at risk/ }).fill('About six men');
    await rp.getByRole('radio', { name: 'Do not contact me' }).check();

    const responded = rp.waitForResponse((r) => r.url().endsWith('/api/v1/helpline/reports') && r.request().method() === 'POST');
    await rp.getByRole('button', { name: 'Send the report' }).click();
    const res = await responded;
    const t0 = Date.now();
    expect(res.status()).toBe(201);
    const row = op.getByTestId('queue-row').filter({ hasText: stamp });
    await row.waitFor({ state: 'visible', timeout: 5_000 });
    const latency = Date.now() - t0;
    console.info(`helpline queue push latency in the browser (report POST response → row visible in the operator's queue): ${latency} ms`);
    expect(latency).toBeLessThan(1000);

    await eventually(() => rp.getByTestId('receipt').isVisible()).toBe(true);
    reference = ((await rp.getByTestId('receipt-reference').textContent()) ?? '').trim();
    secret = ((await rp.getByTestId('receipt-secret').textContent()) ?? '').trim();
    expect(reference).toMatch(/^R-[2-9A-Z]{10}$/);
    expect(secret.length).toBeGreaterThan(10);

    await screenshot(op, 'helpline-console-en');

    // Claim → the contact opens; classify, urgency, legal basis; save; hand off.
    await row.getByRole('button', { name: 'Claim' }).click();
    await eventually(() => op.getByTestId('contact-ref').isVisible()).toBe(true);
    contactUrl = new URL(op.url()).pathname;
    const contactRef = ((await op.getByTestId('contact-ref').textContent()) ?? '').trim();
    await choose(op, op, /^Classification/, 'Forced labour', true);
    await op.keyboard.press('Escape');
    await choose(op, op, /^Urgency/, 'Within 24 hours');
    await choose(op, op, /^Consent or legal basis/, "The caller's consent");
    await op.getByRole('button', { name: 'Save' }).click();
    await eventually(() => op.getByTestId('contact-saved').isVisible()).toBe(true);
    await op.getByRole('button', { name: 'Hand off to the ATU' }).click();
    const dialog = op.getByRole('dialog', { name: 'Hand-off to the ATU' });
    await dialog.getByRole('textbox', { name: /^Victim name/ }).fill(VICTIM);
    await dialog.getByRole('textbox', { name: /^Victim's phone/ }).fill(PHONE);
    await dialog.getByRole('button', { name: 'Hand off to the ATU' }).click();
    await eventually(() => op.getByTestId('handoff-unit').textContent()).toContain('Lahore');
    await screenshot(op, 'helpline-contact-en');

    // The ATU Lahore investigator sees the hand-off and acknowledges it: the inquiry case opens.
    const atu = await newPage(browser);
    await signInWithTotp(atu.page, 'investigator');
    await nav(atu.page).getByRole('link', { name: 'Referrals' }).click();
    await atu.page.getByRole('tab', { name: 'Incoming hand-offs' }).click();
    const h = atu.page.locator(`[data-testid="handoff-row"][data-contact-ref="${contactRef}"]`);
    await eventually(() => h.count()).toBe(1);
    await h.getByRole('link', { name: contactRef }).click();
    await atu.page.getByRole('button', { name: 'Acknowledge and open the inquiry' }).click();
    await eventually(() => new URL(atu.page.url()).pathname).toMatch(/^\/cases\/[0-9a-f-]{36}$/);
    await eventually(() => atu.page.getByTestId('case-ref').isVisible()).toBe(true);
    expect(await atu.page.getByTestId('case-ref').textContent()).toMatch(/^ATU-LHR\//);
    await atu.context.close();

    // The reporter checks the status with the reference and the secret.
    await rp.goto('/report/status');
    await rp.getByRole('textbox', { name: /^Reference/ }).fill(reference);
    await rp.getByLabel(/^Secret/).fill(secret);
    await rp.getByRole('button', { name: 'Check' }).click();
    await eventually(() => rp.getByTestId('public-status-text').textContent()).toContain('FIA');
    // A wrong secret shows nothing.
    await rp.getByLabel(/^Secret/).fill(`${secret}x`);
    await rp.getByRole('button', { name: 'Check' }).click();
    await eventually(() => rp.getByTestId('status-error').isVisible()).toBe(true);
    // Quick exit: the page goes away at once.
    await rp.getByTestId('quick-exit').click();
    await eventually(() => rp.url()).not.toContain('/report');
    await pub.close();
  });

  it('(b) a referral to the NGO with consent: accepted, started and completed by the NGO, who sees only what was shared', async () => {
    const op = operator.page;
    await op.goto(contactUrl);
    await op.getByRole('link', { name: 'Refer to a service' }).click();
    await eventually(() => op.getByRole('heading', { name: 'Refer a person to a service' }).isVisible()).toBe(true);
    await eventually(() => op.getByRole('textbox', { name: /^Person/ }).inputValue()).toContain(VICTIM);
    await choose(op, op, /^Service provider/, 'Legal aid partner (NGO)');
    await choose(op, op, /^Service( \*)?$/, 'Legal aid');
    await op.getByRole('textbox', { name: /^Purpose of the referral/ }).fill('Legal advice on the unpaid wages and the CNICs the owner keeps.');
    await op.getByRole('button', { name: 'Record the consent' }).click();
    await eventually(() => op.getByTestId('consent-recorded').isVisible()).toBe(true);
    await op.getByRole('button', { name: 'Send the referral' }).click();
    await eventually(() => op.getByTestId('referral-ref').isVisible()).toBe(true);
    const ref = ((await op.getByTestId('referral-ref').textContent()) ?? '').trim();

    const ngo = await newPage(browser);
    const np = ngo.page;
    await signInWithTotp(np, 'ngo');
    await nav(np).getByRole('link', { name: 'Referrals' }).click();
    const row = np.locator(`[data-testid="referral-row"][data-ref="${ref}"]`);
    await eventually(() => row.count()).toBe(1);
    await row.getByRole('link', { name: ref }).click();
    await eventually(() => np.getByTestId('shared-snapshot').textContent()).toContain(VICTIM);
    expect(await np.locator('body').textContent()).not.toContain(PHONE);
    expect(await np.locator('body').textContent()).not.toContain('7654321');
    await np.getByRole('button', { name: 'Accept' }).click();
    await eventually(() => np.getByTestId('referral-status').textContent()).toBe('Accepted');
    await np.getByRole('button', { name: 'Service started' }).click();
    await eventually(() => np.getByTestId('referral-status').textContent()).toBe('Service in progress');
    await np.getByRole('button', { name: 'Complete' }).click();
    const dialog = np.getByRole('dialog', { name: 'Complete' });
    await dialog.getByRole('textbox', { name: /^Feedback/ }).fill('Advice given; a wage claim was filed with the labour court.');
    await dialog.getByRole('button', { name: 'Complete' }).click();
    await eventually(() => np.getByTestId('referral-status').textContent()).toBe('Completed');
    expect(await np.getByTestId('referral-feedback').textContent()).toContain('wage claim');
    expect(await np.locator('body').textContent()).not.toContain('7654321');
    await ngo.context.close();
  });
});
