// Journey of the Immigration Monitoring System: the ATU Lahore investigator registers a case whose
// accused is a proclaimed offender (through the API, as the setup); the immigration officer at
// Lahore airport scans a specimen passport of that person (a valid TD3 zone built here with ICAO
// 9303 check digits) and gets a STOP hit with its explanation — photographed in English and Urdu —
// confirms it with a reason, and the investigator sees the referral and acknowledges it. A zone
// with one digit changed shows the forgery flag; a check that cannot reach the server says NOT
// CHECKED, never "no hits".
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, screenshot, signIn, signInWithTotp, skipJourneys } from './browser';

// ---- ICAO 9303 machine readable zone (TD3), check digits with weights 7, 3, 1 ----------------------
const charValue = (c: string) => (c === '<' ? 0 : /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55);
const checkDigit = (s: string) => String([...s].reduce((n, c, i) => n + charValue(c) * [7, 3, 1][i % 3]!, 0) % 10);
const fill = (s: string, n: number) => (s + '<'.repeat(n)).slice(0, n);
function td3(p: { surname: string; given: string; documentNumber: string; nationality: string; dob: string; sex: 'M' | 'F'; expiry: string }): [string, string] {
  const line1 = fill(`P<${p.nationality}${p.surname}<<${p.given.replace(/ /g, '<')}`, 44);
  const doc = fill(p.documentNumber, 9);
  const personal = fill('', 14);
  const fields = [doc + checkDigit(doc), p.dob + checkDigit(p.dob), p.expiry + checkDigit(p.expiry), personal + checkDigit(personal)];
  const line2 = `${fields[0]}${p.nationality}${fields[1]}${p.sex}${fields[2]}${fields[3]}${checkDigit(fields.join(''))}`;
  return [line1, line2];
}

describe.skipIf(skipJourneys())('immigration screening', () => {
  let browser: Browser;
  let investigator: { context: BrowserContext; page: Page } | null = null;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await investigator?.context.close();
    await browser?.close();
  });

  const nav = (page: Page) => page.getByRole('navigation', { name: /^(Main navigation|مرکزی فہرست)$/ });
  const eventually = <T>(fn: () => Promise<T> | T, timeout = 20_000) => expect.poll(fn, { timeout, interval: 200 });
  // Letters only (a zone's name field holds A–Z), different on every run.
  const tag = [...Date.now().toString(36)].map((c) => String.fromCharCode(65 + (parseInt(c, 36) % 26))).join('');
  const GIVEN = `ZARAR ${tag}`;
  const SURNAME = 'BUTT';
  const NAME = `Zarar ${tag[0]}${tag.slice(1).toLowerCase()} Butt`;
  const DOC = `AB${String(Date.now()).slice(-7)}`;
  const zone = td3({ surname: SURNAME, given: GIVEN, documentNumber: DOC, nationality: 'PAK', dob: '850314', sex: 'M', expiry: '310101' });
  const REASON = `Photograph, father's name and date of birth agree with the proclamation ${tag}`;

  /** Types the zone as a scanner does: each line followed by Enter. */
  const scan = async (page: Page, lines: readonly string[]) => {
    await page.keyboard.press('Escape');
    await page.getByTestId('mrz-input').click();
    for (const line of lines) {
      await page.keyboard.type(line, { delay: 0 });
      await page.keyboard.press('Enter');
    }
    await eventually(async () => (await page.getByTestId('check-result').count()) + (await page.getByTestId('not-checked').count())).toBeGreaterThan(0);
  };

  it('the investigator registers a case whose accused is a proclaimed offender', async () => {
    investigator = await newPage(browser);
    const { page } = investigator;
    page.setDefaultTimeout(15_000);
    await signInWithTotp(page, 'investigator');
    const csrf = await page.evaluate(async () => ((await (await fetch('/api/v1/auth/session')).json()) as { csrfToken: string }).csrfToken);
    const today = new Date().toISOString().slice(0, 10);
    const res = await page.request.post('/api/v1/cases', {
      headers: { 'x-csrf-token': csrf },
      data: {
        title: `Visa fraud ring, Gujranwala ${tag}`,
        narrative: 'Travellers sent to Europe on forged work visas; the accused absconded after the FIR and was proclaimed.',
        statute: 'PTPA-2018',
        source: 'complaint',
        receivedOn: today,
        parties: [
          {
            role: 'accused',
            person: { identity: { name: NAME, dob: '1985-03-14', aliases: [], passports: [], phones: [], addresses: [] }, sex: 'M', nationality: 'PAK' },
            charges: ['PTPA-2018-s3'],
            proclaimedOffender: true,
            proclamationPublishedOn: today,
            proclamationPeriodDays: 30,
          },
        ],
      },
    });
    expect(res.status(), await res.text()).toBe(201);
  });

  it('the officer scans the passport, sees the STOP hit with its explanation and confirms it; a tampered zone shows the forgery flag', { timeout: 240_000 }, async () => {
    const { context, page } = await newPage(browser);
    page.setDefaultTimeout(15_000);
    await signIn(page, 'immigration');
    await nav(page).getByRole('link', { name: 'Immigration' }).click();
    await eventually(() => page.getByTestId('connection').getAttribute('data-state')).toBe('online');

    // When the server cannot be reached the counter says so, never "no hits".
    await page.route('**/api/v1/screening/checks', (route) => route.abort('internetdisconnected'));
    await scan(page, zone);
    expect(await page.getByTestId('not-checked').textContent()).toContain('NOT CHECKED — the system could not be reached');
    expect(await page.getByTestId('no-hits').count()).toBe(0);
    await page.unroute('**/api/v1/screening/checks');

    // The case feed puts the accused on the list within a minute: scan until the hit appears.
    const hit = page.getByTestId('hit').filter({ hasText: new RegExp(`${tag}`, 'i') });
    const deadline = Date.now() + 150_000;
    for (;;) {
      await scan(page, zone);
      expect(await page.getByTestId('not-checked').count()).toBe(0);
      expect(await page.getByTestId('document-valid').getAttribute('data-valid')).toBe('true');
      if ((await hit.count()) > 0) break;
      if (Date.now() > deadline) throw new Error('The proclaimed offender never reached the watchlist.');
      await page.waitForTimeout(4_000);
    }
    expect(await hit.first().getAttribute('data-instruction')).toBe('stop');
    expect(await hit.first().getByTestId('hit-instruction').textContent()).toBe('STOP');
    expect(await hit.first().textContent()).toContain('Proclaimed offenders and accused');
    await eventually(() => hit.first().getByTestId('explanation').isVisible()).toBe(true);
    expect(await hit.first().getByTestId('explanation').textContent()).toMatch(/date of birth/i);

    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await screenshot(page, 'screening-counter-hit-en');
    await page.getByText('اردو', { exact: true }).click();
    await eventually(() => page.locator('html').getAttribute('dir')).toBe('rtl');
    await eventually(() => hit.first().getByTestId('hit-instruction').textContent()).toBe('روکیں');
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await page.waitForTimeout(300);
    await screenshot(page, 'screening-counter-hit-ur');
    await page.getByText('English', { exact: true }).click();
    await eventually(() => page.locator('html').getAttribute('dir')).toBe('ltr');

    // Confirmed, with the reason: referred to the ATU that owns the case.
    await hit.first().getByRole('radio', { name: 'Confirm' }).check();
    await hit.first().getByRole('textbox', { name: /^Reason/ }).fill(REASON);
    await hit.first().getByRole('button', { name: 'Record the decision' }).click();
    await eventually(() => hit.first().getByTestId('hit-decision').getAttribute('data-decision')).toBe('confirmed');
    expect(await hit.first().getByTestId('hit-referred').textContent()).toContain('Anti Trafficking Unit Lahore');

    // One digit of the document number changed: the check digits expose it.
    const tampered = [zone[0], zone[1].replace(DOC.slice(2, 5), String((Number(DOC[2]) + 1) % 10) + DOC.slice(3, 5))];
    expect(tampered[1]).not.toBe(zone[1]);
    await scan(page, tampered);
    expect(await page.getByTestId('document-valid').getAttribute('data-valid')).toBe('false');
    expect(await page.getByTestId('document-flags').textContent()).toContain('Possible tampering or forgery');
    expect(await page.locator('[data-testid="document-flag"][data-code="check-digit"]').count()).toBeGreaterThan(0);
    await screenshot(page, 'screening-counter-tampered-en');

    // the post's recent off-loadees and deportees, as recorded under the SOP
    await page.goto('/screening/offloading');
    await eventually(() => page.getByTestId('offloadees').isVisible()).toBe(true);
    expect(await page.getByTestId('offloadees').textContent()).toContain('Sky Travels Gujrat');
    await page.goto('/screening/deportees');
    await eventually(() => page.getByTestId('deportees').isVisible()).toBe(true);
    expect(await page.getByTestId('deportees').textContent()).toContain('Overstay');
    await context.close();
  });

  it('the investigator sees the referral from the airport and acknowledges it', async () => {
    const { page } = investigator!;
    await page.goto('/');
    await nav(page).getByRole('link', { name: 'Immigration' }).click();
    await eventually(() => page.getByRole('heading', { name: 'Referrals from immigration' }).isVisible()).toBe(true);
    const row = page.getByTestId('screening-referral').filter({ hasText: REASON });
    await eventually(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain(`${GIVEN} ${SURNAME}`);
    expect(await row.getAttribute('data-status')).toBe('open');
    await row.getByRole('button', { name: 'Acknowledge' }).click();
    await eventually(() => row.getAttribute('data-status')).toBe('acknowledged');
  });
});
