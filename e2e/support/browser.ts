/** Debian's Chromium through playwright-core (never a downloaded browser), and sign-in helpers. */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';

export const DEMO_PASSWORD = process.env.GONGZHI_DEMO_PASSWORD || 'gongzhi-demo';
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1366, height: 850 };

/** Launches headless Chromium with the flags this sandbox needs. */
export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage'],
  });
}

/** The base URL of the server started by the global setup. */
export const baseUrl = () => inject('baseUrl');

/** A fresh browser context (own cookies) in a language and viewport. */
export function context(browser: Browser, opts: { locale?: 'zh-CN' | 'en'; viewport?: { width: number; height: number } } = {}): Promise<BrowserContext> {
  return browser.newContext({ baseURL: baseUrl(), locale: opts.locale ?? 'zh-CN', viewport: opts.viewport ?? DESKTOP });
}

/** Signs in through the login page and waits for the app shell. */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('app-shell').waitFor({ timeout: 20_000 });
}
