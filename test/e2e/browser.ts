// Shared pieces of the browser journeys: Debian's Chromium through playwright-core (never a
// downloaded browser), the base URL from the global setup, and small steps every journey uses.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { BROWSER_PATH } from './constants';

export { BROWSER_PATH };
export const DEMO_PASSWORD = 'Hifazat-demo-2026';

/** The server's address, or '' when the journeys are skipped (no browser). */
export function baseUrl(): string {
  return inject('baseUrl') ?? '';
}

export const skipJourneys = (): boolean => {
  const skip = !baseUrl();
  if (skip) console.warn(`NOTICE: browser journeys skipped (${BROWSER_PATH} not found).`);
  return skip;
};

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: BROWSER_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function newPage(browser: Browser, viewport = { width: 1280, height: 860 }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: baseUrl(), viewport, locale: 'en-GB' });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  return { context, page };
}

export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: /your account|آپ کا اکاؤنٹ/i }).click();
  await page.getByRole('menuitem', { name: /^(Sign out|سائن آؤٹ)$/ }).click();
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = path.resolve(import.meta.dirname, '../../.tmp/screens');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
