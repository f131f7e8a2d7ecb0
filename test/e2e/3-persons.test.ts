// Journeys of the person registry: an ATU Lahore investigator registers a person, starts
// registering the same person under another spelling and is warned (with the explanation)
// before saving, saves anyway, and finds the first record by its Urdu name; the ATU supervisor
// merges the pair from the review queue with a reason, then undoes the merge with a reason, and
// the history keeps both. The registry is also photographed on a phone, in Urdu.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, screenshot, signInWithTotp, skipJourneys } from './browser';

describe.skipIf(skipJourneys())('person registry', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const nav = (page: Page) => page.getByRole('navigation', { name: 'Main navigation' });
  const FIRST = 'Muhammad Yusuf Tareen';
  const SECOND = 'Mohammad Yousaf Tareen';
  // 13 digits, ending odd (male); unique enough for a reused server.
  const cnic = `35202${String(Date.now()).slice(-7)}1`;
  const personUrl = /\/persons\/[0-9a-f-]{36}$/;
  const ids: Record<string, string> = {};

  const chooseSex = async (page: Page, label: string) => {
    await page.getByLabel(/^Sex/).first().click();
    await page.getByRole('option', { name: label, exact: true }).click();
  };

  it('the investigator registers a person, is warned of a likely duplicate before saving, and finds the record by its Urdu name', async () => {
    const { context, page } = await newPage(browser);
    await signInWithTotp(page, 'investigator');
    await nav(page).getByRole('link', { name: 'Persons' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Person registry' }).isVisible()).toBe(true);
    // The newest persons in scope are listed without a query.
    await expect.poll(() => page.getByTestId('person-result').count()).toBeGreaterThan(0);
    // An investigator does not review duplicates.
    expect(await page.getByRole('tab', { name: 'Review queue' }).count()).toBe(0);

    // 1. The first registration.
    await page.getByRole('tab', { name: 'Register a person' }).click();
    await chooseSex(page, 'Male');
    await page.getByLabel(/^Name \(Latin script\)/).fill(FIRST);
    await page.getByLabel(/^Name in Urdu script/).fill('محمد یوسف ترین');
    expect(await page.getByLabel(/^Name in Urdu script/).evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    await page.getByLabel(/^CNIC/).fill(cnic);
    await page.getByRole('button', { name: 'Save person' }).click();
    const saveAnyway = page.getByRole('button', { name: 'Save as new anyway' });
    await expect.poll(async () => personUrl.test(page.url()) || (await saveAnyway.isVisible())).toBe(true);
    if (!personUrl.test(page.url())) await saveAnyway.click(); // a seeded look-alike: not this journey's point
    await expect.poll(() => personUrl.test(page.url())).toBe(true);
    ids[FIRST] = page.url().split('/').pop()!;
    await expect.poll(() => page.getByTestId('identity').isVisible()).toBe(true);
    expect(await page.getByTestId('identity').textContent()).toContain('محمد یوسف ترین');
    expect(await page.getByTestId('identity').textContent()).toContain(`${cnic.slice(0, 5)}-${cnic.slice(5, 12)}-${cnic.slice(12)}`);

    // 2. The same person, written down differently: the warning comes when leaving the name field, before saving.
    await page.getByRole('tab', { name: 'Register a person' }).click();
    await chooseSex(page, 'Male');
    await page.getByLabel(/^Name \(Latin script\)/).fill(SECOND);
    await page.getByLabel(/^Name \(Latin script\)/).press('Tab');
    const duplicate = page.getByTestId('duplicate').filter({ hasText: FIRST });
    await expect.poll(() => duplicate.count()).toBe(1);
    const explained = (await duplicate.getByTestId('explanation').textContent()) ?? '';
    expect(explained).toMatch(/yousaf/i);
    expect(explained).toMatch(/yusuf/i);
    expect(explained).toContain('spelling variant');
    expect(page.url()).toMatch(/\/persons\/new$/); // nothing saved yet
    expect(await page.getByRole('button', { name: 'Open existing' }).count()).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: 'Save person' }).isDisabled()).toBe(true);
    await saveAnyway.click();
    await expect.poll(() => personUrl.test(page.url())).toBe(true);
    ids[SECOND] = page.url().split('/').pop()!;
    expect(ids[SECOND]).not.toBe(ids[FIRST]);

    // 3. Search in Urdu script finds the first record, with the score and its explanation.
    await page.getByRole('tab', { name: 'Registry' }).click();
    await page.getByLabel('Search the registry').fill('محمد یوسف');
    await expect.poll(() => page.getByText('Results for “محمد یوسف”').isVisible()).toBe(true);
    const hit = page.getByTestId('person-result').filter({ hasText: FIRST });
    await expect.poll(() => hit.count()).toBe(1);
    await hit.getByRole('button', { name: 'Why?' }).click();
    await expect.poll(() => hit.getByTestId('explanation').isVisible()).toBe(true);
    expect(await hit.getByTestId('explanation').textContent()).toContain('exact');

    // 4. The registry on a phone, in Urdu.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByText('اردو', { exact: true }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await expect.poll(() => page.getByRole('heading', { name: 'افراد کا رجسٹر' }).isVisible()).toBe(true);
    // The explanation opened above stays open, now in Urdu.
    await expect.poll(() => page.getByRole('button', { name: 'وضاحت چھپائیں' }).isVisible()).toBe(true);
    await page.waitForTimeout(300);
    await screenshot(page, 'persons-registry-ur-phone');
    await context.close();
  });

  it('the supervisor merges the pair from the review queue, then undoes the merge; the history keeps both', async () => {
    const { context, page } = await newPage(browser);
    await signInWithTotp(page, 'supervisor');
    await nav(page).getByRole('link', { name: 'Persons' }).click();
    await expect.poll(() => page.getByRole('tab', { name: 'Review queue' }).isVisible()).toBe(true);
    await page.getByRole('tab', { name: 'Review queue' }).click();
    const pair = page.getByTestId('duplicate-pair').filter({ hasText: FIRST }).filter({ hasText: SECOND });
    await expect.poll(() => pair.count()).toBe(1);
    await pair.getByRole('button', { name: 'Why?' }).click();
    expect(await pair.getByTestId('explanation').textContent()).toMatch(/yusuf/i);

    // Merge A into B, with a reason.
    await pair.getByRole('button', { name: 'Merge A into B' }).click();
    const dialog = page.getByRole('dialog', { name: /^Merge / });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    const title = (await dialog.getByRole('heading').first().textContent()) ?? '';
    const sourceName = title.startsWith(`Merge ${FIRST}`) ? FIRST : SECOND;
    const targetName = sourceName === FIRST ? SECOND : FIRST;
    // A reason is required.
    await dialog.getByRole('button', { name: 'Merge', exact: true }).click();
    await expect.poll(() => dialog.getByText('A reviewer reading this later should understand why.').count()).toBeGreaterThan(0);
    await dialog.getByLabel(/^Reason/).fill('Same father, same CNIC district; spelling differs only');
    await dialog.getByRole('button', { name: 'Merge', exact: true }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => pair.count()).toBe(0);

    // The merged record points to the survivor; the survivor's history shows the merge.
    await page.goto(`/persons/${ids[sourceName]}`);
    await expect.poll(() => page.getByTestId('merged-banner').isVisible()).toBe(true);
    await page.getByRole('link', { name: 'Open the surviving record' }).click();
    await expect.poll(() => page.url().endsWith(`/persons/${ids[targetName]}`)).toBe(true);
    await expect.poll(() => page.getByTestId('merge-event').count()).toBe(1);
    expect(await page.getByTestId('merge-event').textContent()).toContain('Same father, same CNIC district');

    // Undo from the queue's "Merged" tab, with a reason.
    await nav(page).getByRole('link', { name: 'Persons' }).click();
    await page.getByRole('tab', { name: 'Review queue' }).click();
    await page.getByRole('tab', { name: 'Merged' }).click();
    await expect.poll(() => pair.count()).toBe(1);
    await pair.getByRole('button', { name: 'Undo merge' }).click();
    const undo = page.getByRole('dialog', { name: 'Undo the merge' });
    await undo.getByLabel(/^Reason/).fill('Different dates of birth came to light');
    await undo.getByRole('button', { name: 'Undo merge' }).click();
    await expect.poll(() => undo.count()).toBe(0);
    await expect.poll(() => pair.count()).toBe(0);
    await page.getByRole('tab', { name: 'Not the same' }).click();
    await expect.poll(() => pair.count()).toBe(1);
    expect(await pair.textContent()).toContain('Different dates of birth came to light');

    // Both records stand alone again; the history keeps the merge and its undoing, with both reasons.
    await page.goto(`/persons/${ids[sourceName]}`);
    await expect.poll(() => page.getByTestId('merge-event').count()).toBe(1);
    expect(await page.getByTestId('merged-banner').count()).toBe(0);
    const event = (await page.getByTestId('merge-event').textContent()) ?? '';
    expect(event).toContain('Same father, same CNIC district');
    expect(event).toContain('Different dates of birth came to light');
    expect(event).toMatch(/Undone on/);
    await context.close();
  });
});
