// Shared pieces of the browser journeys: Debian's Chromium through playwright-core (never a
// downloaded browser), the base URL from the global setup, and small steps every journey uses.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as OTPAuth from 'otpauth';
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

/**
 * The TOTP keys the journeys enrolled, kept in a file per server so a later journey (another
 * test file, another process) can sign the same demo user in again: { username: {secret, lastStep} }.
 */
function totpStore(): string {
  const key = baseUrl().replace(/[^a-z0-9]+/gi, '_');
  return path.join(os.tmpdir(), `hifazat-e2e-totp-${key}.json`);
}
type TotpKeys = Record<string, { secret: string; lastStep: number }>;
function readTotpKeys(): TotpKeys {
  try {
    return JSON.parse(fs.readFileSync(totpStore(), 'utf8')) as TotpKeys;
  } catch {
    return {};
  }
}
function rememberTotp(username: string, secret: string, step: number): void {
  fs.writeFileSync(totpStore(), JSON.stringify({ ...readTotpKeys(), [username]: { secret, lastStep: step } }));
}

/** A code for the current 30-second step, waiting for the next step if this one was already used (the server refuses a replay). */
async function freshTotp(secret: string, lastStep: number): Promise<{ code: string; step: number }> {
  let step = Math.floor(Date.now() / 30_000);
  if (step <= lastStep) {
    await new Promise((r) => setTimeout(r, (lastStep + 1) * 30_000 - Date.now() + 200));
    step = Math.floor(Date.now() / 30_000);
  }
  return { code: new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate({ timestamp: step * 30_000 + 1000 }), step };
}

/**
 * Signs in a user whose role needs two-factor sign-in: enrols on the first sign-in (reads the key
 * off the screen and computes the code, as a phone would), or enters a fresh code from the key
 * enrolled earlier. Returns once the signed-in navigation is showing.
 */
export async function signInWithTotp(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await signIn(page, username, password);
  const enrol = page.getByTestId('totp-secret');
  const codeField = page.getByLabel(/^(Six-digit code|چھ ہندسوں کا کوڈ)/);
  const nav = page.getByRole('navigation', { name: /^(Main navigation|مرکزی فہرست)$/ });
  let state: 'enrol' | 'code' | 'in' | null = null;
  const deadline = Date.now() + 15_000;
  while (!state && Date.now() < deadline) {
    if (await enrol.isVisible()) state = 'enrol';
    else if (await codeField.isVisible()) state = 'code';
    else if ((await nav.count()) > 0) state = 'in';
    else await page.waitForTimeout(100);
  }
  if (state === 'enrol') {
    const secret = ((await enrol.textContent()) ?? '').replace(/\s+/g, '');
    const { code, step } = await freshTotp(secret, -1);
    await page.getByLabel(/Enter the six-digit code/).fill(code);
    await page.getByRole('button', { name: 'Confirm and continue' }).click();
    rememberTotp(username, secret, step);
  } else if (state === 'code') {
    const known = readTotpKeys()[username];
    if (!known) throw new Error(`${username} has two-factor sign-in set up, but no journey recorded its key.`);
    const { code, step } = await freshTotp(known.secret, known.lastStep);
    await codeField.fill(code);
    await page.getByRole('button', { name: 'Sign in' }).click();
    rememberTotp(username, known.secret, step);
  } else if (!state) {
    throw new Error(`Signing in ${username} showed neither the enrolment, the code field nor the navigation.`);
  }
  await nav.waitFor({ state: 'attached' });
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
