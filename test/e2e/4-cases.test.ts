// Journeys of a case from registration to judgment, and of the Monitoring Cell watching it: the
// analyst reads the dashboard; the ATU Lahore investigator registers a case with a victim and two
// accused (charges from the law catalogue), uploads a PDF as evidence and verifies it, moves the
// case through FIR, investigation and challan to trial, records two hearings (one adjourned with
// its reason) and a conviction; the analyst sees the dashboard change. The case page and the
// dashboard are photographed in Urdu on a desktop and a phone.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, screenshot, signIn, signInWithTotp, skipJourneys } from './browser';

describe.skipIf(skipJourneys())('cases and monitoring', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const nav = (page: Page) => page.getByRole('navigation', { name: /^(Main navigation|مرکزی فہرست)$/ });
  const stamp = Date.now().toString(36);
  const COURT = `Sessions Court Lahore ${stamp}`;
  const TITLE = `Brick kiln bonded labour, Kasur ${stamp}`;
  const ATU = 'Anti Trafficking Unit Lahore';
  let caseUrl = '';
  const before = { convicted: 0, judgments: 0, adjourned: 0 };

  /** Picks an option of a Mantine Select / MultiSelect found by its label. */
  const choose = async (page: Page, scope: Locator | Page, label: RegExp, option: string | RegExp, multi = false) => {
    // A MultiSelect's wrapper takes the click meant for its inner input.
    await scope.getByRole('combobox', { name: label }).click({ force: multi });
    await page.getByRole('option', { name: option }).first().click();
  };
  /** expect.poll with room for a busy server (registration runs the duplicate search). */
  const eventually = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000, interval: 150 });
  const number = async (cell: Locator) => Number(((await cell.textContent()) ?? '0').trim());
  const dashboardRow = (page: Page) => page.getByTestId('conviction-atu').locator(`tr[data-unit="${ATU}"]`);
  const stat = (page: Page) => page.getByTestId('stat-adjourned');

  const openDashboard = async (page: Page) => {
    await nav(page).getByRole('link', { name: 'Monitoring' }).click();
    await eventually(() => page.getByRole('heading', { name: 'Case monitoring' }).isVisible()).toBe(true);
    await eventually(() => page.getByTestId('stat-total').isVisible()).toBe(true);
  };

  it('the analyst reads the dashboard before the case', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, 'analyst');
    await openDashboard(page);
    if ((await dashboardRow(page).count()) > 0) {
      before.convicted = await number(dashboardRow(page).locator('[data-cell="convicted"]'));
      before.judgments = await number(dashboardRow(page).locator('[data-cell="judgments"]'));
    }
    before.adjourned = await number(stat(page));
    await context.close();
  });

  it('the investigator registers a case with a victim and two charged accused, adds evidence, and takes it to trial and judgment', async () => {
    const { context, page } = await newPage(browser);
    page.setDefaultTimeout(15_000);
    await signInWithTotp(page, 'investigator');
    await nav(page).getByRole('link', { name: 'Cases' }).click();
    await eventually(() => page.getByRole('heading', { name: 'Case register' }).isVisible()).toBe(true);
    await eventually(() => page.getByTestId('case-row').count()).toBeGreaterThan(0);
    await page.getByRole('link', { name: 'Register a case' }).click();
    await eventually(() => page.getByRole('heading', { name: 'Register a case' }).isVisible()).toBe(true);

    // Submitting without the essentials shows the server's words at the fields.
    await page.getByRole('button', { name: 'Register the case' }).click();
    await eventually(() => page.getByTestId('register-error').isVisible()).toBe(true);

    await page.getByRole('textbox', { name: /^Title/ }).fill(TITLE);
    await page.getByRole('textbox', { name: /^What happened/ }).fill('A family of five held at a brick kiln against an advance; the kiln owner and his munshi kept their CNICs.');
    await choose(page, page, /^Statute/, 'PTPA 2018');

    const victim = page.getByRole('region', { name: 'Victim 1' });
    await victim.getByRole('textbox', { name: /^Name( \*)?$/ }).fill('Shazia Bibi');
    await choose(page, victim, /^Sex/, 'Female');
    await victim.getByRole('textbox', { name: /^Age/ }).fill('16');
    await victim.getByRole('textbox', { name: /^District of origin/ }).fill('Kasur');
    await choose(page, victim, /^Forms of exploitation/, 'Bonded labour', true);
    await page.keyboard.press('Escape');
    await victim.getByRole('button', { name: 'Add a place on the route' }).click();

    for (const [i, name, charge] of [
      [2, 'Haji Rafiq Kiln Owner', /^PTPA s\.3 — Trafficking in persons$/],
      [3, 'Munshi Aslam', /^PTPA s\.4 — /],
    ] as const) {
      await page.getByRole('button', { name: 'Add accused' }).click();
      const card = page.getByRole('region', { name: `Accused ${i}` });
      await card.getByRole('textbox', { name: /^Name( \*)?$/ }).fill(`${name} ${stamp}`);
      await choose(page, card, /^Charges/, charge, true);
      await page.keyboard.press('Escape');
    }
    await page.getByRole('button', { name: 'Register the case' }).click();
    await eventually(() => page.getByTestId('case-ref').isVisible()).toBe(true);
    caseUrl = new URL(page.url()).pathname;
    expect(caseUrl).toMatch(/^\/cases\/[0-9a-f-]{36}$/);
    expect(await page.getByTestId('case-ref').textContent()).toMatch(/^ATU-LHR\/\d{4}\/\d{6}$/);
    expect(await page.getByRole('heading', { name: TITLE }).isVisible()).toBe(true);
    expect(await page.getByTestId('party-accused').count()).toBe(2);
    // The investigator's role sees the victim's identity; she is a minor.
    const victimCard = page.getByTestId('party-victim');
    expect(await victimCard.textContent()).toContain('Shazia Bibi');
    expect(await victimCard.getByText('Minor').isVisible()).toBe(true);
    expect(await page.getByTestId('party-accused').first().textContent()).toMatch(/PTPA-2018-s[34]/);

    // Evidence: a small PDF, its SHA-256, the tamper check.
    await page.getByRole('tab', { name: 'Evidence' }).click();
    await page.locator('input[type="file"]').setInputFiles({ name: 'statement-victim.pdf', mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4\n% statement ${stamp}\n%%EOF\n`) });
    await page.getByRole('button', { name: 'Upload' }).click();
    await eventually(() => page.getByTestId('evidence-row').count()).toBe(1);
    expect((await page.getByTestId('evidence-sha').textContent())?.trim()).toMatch(/^[0-9a-f]{64}$/);
    await page.getByRole('button', { name: 'Verify' }).click();
    await eventually(() => page.getByTestId('verify-result').textContent()).toBe('Intact');

    // FIR → investigation → challan → trial, each offered only when the law allows it.
    const move = async (stage: string, fill?: () => Promise<void>) => {
      await page.getByRole('button', { name: 'Change stage' }).click();
      const dialog = page.getByRole('dialog', { name: 'Move the case to another stage' });
      await choose(page, dialog, /^New stage/, stage);
      if (fill) await fill();
      await dialog.getByRole('button', { name: 'Change stage' }).click();
      await eventually(() => dialog.count()).toBe(0);
      await eventually(() => page.getByText(stage, { exact: true }).count()).toBeGreaterThan(0);
    };
    await page.getByRole('tab', { name: 'Overview' }).click();
    await page.getByRole('button', { name: 'Change stage' }).click();
    {
      const dialog = page.getByRole('dialog', { name: 'Move the case to another stage' });
      await dialog.getByRole('combobox', { name: /^New stage/ }).click();
      const offered = await page.getByRole('option').allTextContents();
      expect(offered).not.toContain('Trial');
      await page.keyboard.press('Escape');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
    }
    await move('FIR registered (s.154 CrPC)', async () => {
      await page.getByRole('dialog').getByRole('textbox', { name: /^FIR number/ }).fill(`112/${stamp}`);
    });
    await eventually(() => page.getByText(`112/${stamp}`).first().isVisible()).toBe(true);
    await move('Investigation');
    await move('Challan submitted (s.173 CrPC)');
    await move('Trial', async () => {
      await page.getByRole('dialog').getByRole('textbox', { name: /^Court/ }).fill(COURT);
    });
    await eventually(async () => (await page.getByText(COURT).count()) > 0).toBe(true);
    // The timeline tells the story, stage by stage.
    expect(await page.getByText('Challan submitted (s.173 CrPC) → Trial', { exact: true }).count()).toBe(1);

    // Two hearings, the first adjourned with its reason.
    await page.getByRole('tab', { name: 'Court' }).click();
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const hearing = async (purpose: string, adjournedFor?: string) => {
      await page.getByRole('button', { name: 'Record hearing' }).click();
      const dialog = page.getByRole('dialog', { name: 'Record hearing' });
      await dialog.getByRole('textbox', { name: /^Purpose/ }).fill(purpose);
      if (adjournedFor) {
        await dialog.getByRole('checkbox', { name: 'Adjourned' }).check();
        await dialog.getByRole('textbox', { name: /^Reason for adjournment/ }).fill(adjournedFor);
        await dialog.getByLabel(/^Next date/).fill(tomorrow);
      } else {
        await dialog.getByRole('textbox', { name: /^Outcome/ }).fill('Evidence of the victim recorded');
      }
      await dialog.getByRole('button', { name: 'Save' }).click();
      await eventually(() => dialog.count()).toBe(0);
    };
    await hearing('Framing of charge', 'Defence counsel not present');
    await hearing('Prosecution evidence');
    await eventually(() => page.getByTestId('hearing-row').count()).toBe(2);
    expect(await page.getByTestId('hearing-row').first().textContent()).toContain('Defence counsel not present');

    await page.getByRole('button', { name: 'Record judgment' }).click();
    const jd = page.getByRole('dialog', { name: 'Record judgment' });
    await choose(page, jd, /^Charge/, /Haji Rafiq/);
    await jd.getByRole('textbox', { name: /^Imprisonment/ }).fill('84');
    await jd.getByRole('textbox', { name: /^Fine/ }).fill('500000');
    await jd.getByRole('button', { name: 'Save' }).click();
    await eventually(() => jd.count()).toBe(0);
    await eventually(() => page.getByTestId('judgment-row').count()).toBe(1);
    expect(await page.getByTestId('judgment-row').textContent()).toContain('Convicted');
    expect(await page.getByTestId('judgment-row').textContent()).toContain('84 months');

    // The case page in Urdu, on a desktop and on a phone.
    await page.getByRole('tab', { name: 'Overview' }).click();
    await page.getByText('اردو', { exact: true }).click();
    await eventually(() => page.locator('html').getAttribute('dir')).toBe('rtl');
    await eventually(() => page.getByRole('button', { name: 'مرحلہ تبدیل کریں' }).isVisible()).toBe(true);
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await screenshot(page, 'case-page-ur');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await eventually(() => page.getByTestId('case-ref').isVisible()).toBe(true);
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await page.waitForTimeout(400);
    await screenshot(page, 'case-page-phone-ur');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.getByText('English', { exact: true }).click();
    await context.close();
  });

  it('the analyst sees the conviction and the adjournment on the dashboard, and the new court', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, 'analyst');
    await openDashboard(page);
    await eventually(() => dashboardRow(page).count()).toBe(1);
    expect(await number(dashboardRow(page).locator('[data-cell="convicted"]'))).toBe(before.convicted + 1);
    expect(await number(dashboardRow(page).locator('[data-cell="judgments"]'))).toBe(before.judgments + 1);
    expect(await number(stat(page))).toBe(before.adjourned + 1);
    const court = page.getByTestId('adjournments-court').locator(`tr[data-court="${COURT}"]`);
    await eventually(() => court.count()).toBe(1);
    expect(await number(court.locator('[data-cell="adjourned"]'))).toBe(1);

    // The analyst opens the case from the register: victims' identity is withheld.
    await page.goto(caseUrl);
    await eventually(() => page.getByTestId('case-ref').isVisible()).toBe(true);
    expect(await page.getByTestId('party-victim').textContent()).not.toContain('Shazia Bibi');
    expect(await page.getByTestId('party-victim').getByTestId('masked-person').isVisible()).toBe(true);

    // The dashboard in Urdu, on a desktop and on a phone.
    await openDashboard(page);
    await page.getByText('اردو', { exact: true }).click();
    await eventually(() => page.getByRole('heading', { name: 'مقدمات کی نگرانی' }).isVisible()).toBe(true);
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await page.waitForTimeout(600);
    await screenshot(page, 'dashboard-ur');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await eventually(() => page.getByTestId('stat-total').isVisible()).toBe(true);
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await page.waitForTimeout(600);
    await screenshot(page, 'dashboard-phone-ur');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.getByText('English', { exact: true }).click();
    await context.close();
  });
});
