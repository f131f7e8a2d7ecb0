// Journeys of a user without two-factor sign-in: the analyst signs in, reads Home in English and
// Urdu (right to left, Nastaliq actually loaded), signs out for good; a wrong password shows the
// server's message; the analyst's navigation holds only what the analyst may open.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, screenshot, signIn, signOut, skipJourneys } from './browser';

describe.skipIf(skipJourneys())('signing in and the shell', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const nav = (page: Page) => page.getByRole('navigation', { name: /Main navigation|مرکزی فہرست/ });

  it('the analyst sees Home with their name and unit, reads it in Urdu, and signs out for good', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, 'analyst');
    await expect.poll(() => page.getByRole('heading', { name: 'Welcome, Sana Qureshi' }).isVisible()).toBe(true);
    expect(await page.getByTestId('home-unit').textContent()).toBe('ATU Coordination & Monitoring Cell');
    expect(await page.getByText('Monitoring Cell analyst').first().isVisible()).toBe(true);
    expect(await page.locator('html').getAttribute('dir')).toBe('ltr');

    await page.getByText('اردو', { exact: true }).click();
    await expect.poll(() => page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await page.locator('html').getAttribute('lang')).toBe('ur');
    expect(await nav(page).getByRole('link', { name: 'ہوم' }).isVisible()).toBe(true);
    expect(await nav(page).getByRole('link', { name: 'اکاؤنٹ اور سیکیورٹی' }).isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: 'خوش آمدید، Sana Qureshi' }).isVisible()).toBe(true);
    expect(await page.getByTestId('home-unit').textContent()).toBe('اے ٹی یو رابطہ و نگرانی سیل');
    const font = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
    expect(font).toContain('Noto Nastaliq Urdu');
    const loaded = await page.evaluate(async () => {
      await document.fonts.ready;
      return document.fonts.check('16px "Noto Nastaliq Urdu"');
    });
    expect(loaded).toBe(true);

    await page.getByText('English', { exact: true }).click();
    await expect.poll(() => page.locator('html').getAttribute('dir')).toBe('ltr');
    expect(await nav(page).getByRole('link', { name: 'Home' }).isVisible()).toBe(true);

    await signOut(page);
    await expect.poll(() => page.getByRole('button', { name: 'Sign in' }).isVisible()).toBe(true);
    await page.reload();
    await expect.poll(() => page.getByRole('button', { name: 'Sign in' }).isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: /Welcome/ }).count()).toBe(0);
    await context.close();
  });

  it('Home reads well on a phone, in Urdu and in English', async () => {
    const { context, page } = await newPage(browser, { width: 390, height: 844 });
    await signIn(page, 'analyst');
    await expect.poll(() => page.getByRole('heading', { name: 'Welcome, Sana Qureshi' }).isVisible()).toBe(true);
    // On a phone the navigation hides behind the burger.
    const onScreen = async () => {
      const box = await nav(page).boundingBox();
      return !!box && box.x >= 0 && box.x + box.width <= 390;
    };
    expect(await onScreen()).toBe(false);
    await page.getByRole('button', { name: 'Open or close the navigation' }).click();
    await expect.poll(onScreen).toBe(true);
    await nav(page).getByRole('link', { name: 'Home' }).click();
    await expect.poll(onScreen).toBe(false);
    await page.waitForTimeout(400);
    await screenshot(page, 'home-phone-en');

    await page.getByText('اردو', { exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'خوش آمدید، Sana Qureshi' }).isVisible()).toBe(true);
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await page.waitForTimeout(400); // let the navbar's slide finish before the picture
    expect(await onScreen()).toBe(false);
    await screenshot(page, 'home-phone-ur');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.getByText('English', { exact: true }).click();
    await context.close();
  });

  it('a wrong password shows the server message, and the analyst is not offered Administration or Audit', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, 'analyst', 'not-the-password');
    const alert = page.getByTestId('signin-error');
    await expect.poll(() => alert.isVisible()).toBe(true);
    expect(await alert.textContent()).toMatch(/username or password/i);

    await signIn(page, 'analyst');
    await expect.poll(() => nav(page).getByRole('link', { name: 'Home' }).isVisible()).toBe(true);
    const labels = await nav(page).getByRole('link').allTextContents();
    expect(labels).toContain('Home');
    expect(labels).not.toContain('Administration');
    expect(labels).not.toContain('Audit');
    // Typing the address does not help either.
    await page.goto('/admin');
    await expect.poll(() => page.getByRole('heading', { name: 'Page not found' }).isVisible()).toBe(true);
    await context.close();
  });
});
