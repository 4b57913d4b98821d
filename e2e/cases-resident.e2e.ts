/**
 * The resident's journey on a phone (390×844), in Debian's Chromium against a real server on the demo
 * district: she reports a problem with a photo and her location, a lost answer and the retry file it once,
 * a grid worker nearby follows it instead of filing a duplicate, the community and the grid handle and
 * verify it, she sees "已核查结案" and rates it, and the public page shows it without anything personal.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIRequestContext, Browser, BrowserContext } from 'playwright-core';
import { baseUrl, DEMO_PASSWORD, launch, PHONE, signIn } from './support/browser.js';

let browser: Browser;
let photoFile: string;
beforeAll(async () => {
  browser = await launch();
  // A real photo as a phone would take it.
  photoFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gz-e2e-')), 'problem.jpg');
  const svg = Buffer.from('<svg width="1200" height="900"><rect width="1200" height="900" fill="#7a8c5a"/><rect x="300" y="420" width="600" height="300" fill="#5b4636"/></svg>');
  await sharp(svg).jpeg({ quality: 85 }).toFile(photoFile);
});
afterAll(async () => {
  await browser?.close();
  if (photoFile) fs.rmSync(path.dirname(photoFile), { recursive: true, force: true });
});

/** A signed-in API client for a demo user (its own cookies), with the CSRF token on writes. */
async function apiAs(username: string) {
  const ctx = await browser.newContext({ baseURL: baseUrl() });
  const login = await ctx.request.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
  expect(login.status(), await login.text()).toBe(200);
  const me = await login.json();
  const call = async (req: APIRequestContext, method: 'get' | 'post', url: string, data?: unknown) => {
    const res = await req[method](url, method === 'post' ? { data: data ?? {}, headers: { 'x-csrf-token': me.csrfToken } } : {});
    expect(res.status(), `${method.toUpperCase()} ${url}: ${await res.text()}`).toBeLessThan(300);
    return res.json();
  };
  return {
    me,
    ctx,
    get: (url: string) => call(ctx.request, 'get', url),
    post: (url: string, data?: unknown) => call(ctx.request, 'post', url, data),
  };
}

/** A point inside a grid, found by asking the server which grid each candidate lies in. */
async function pointInGrid(api: Awaited<ReturnType<typeof apiAs>>, gridId: number): Promise<{ latitude: number; longitude: number }> {
  const fc = await api.get(`/api/geo/grids?level=grid&nodeId=${gridId}`);
  const [x0, y0, x1, y1] = fc.bbox as [number, number, number, number];
  for (const [fx, fy] of [[0.5, 0.5], [0.4, 0.4], [0.6, 0.6], [0.4, 0.6], [0.6, 0.4], [0.3, 0.5], [0.7, 0.5], [0.5, 0.3], [0.5, 0.7]] as const) {
    const lng = Number((x0 + (x1 - x0) * fx).toFixed(6));
    const lat = Number((y0 + (y1 - y0) * fy).toFixed(6));
    const res = await api.ctx.request.get(`/api/geo/locate?lat=${lat}&lng=${lng}`);
    if (res.ok() && (await res.json()).grid.id === gridId) return { latitude: lat, longitude: lng };
  }
  throw new Error(`no point found inside grid ${gridId}`);
}

/** A phone browser that shares its location (granted) at a point. */
async function phoneAt(point: { latitude: number; longitude: number }): Promise<BrowserContext> {
  return browser.newContext({ baseURL: baseUrl(), locale: 'zh-CN', viewport: PHONE, isMobile: true, hasTouch: true, geolocation: { ...point, accuracy: 15 }, permissions: ['geolocation'] });
}

describe('resident on a phone', () => {
  it('reports a problem once despite a lost answer, sees it handled and verified, rates it; the public sees it without names', async () => {
    const district = await apiAs('district');
    const residentApi = await apiAs('resident');
    const gridId = residentApi.me.grants[0].nodeId as number;
    const point = await pointInGrid(district, gridId);
    const before = (await residentApi.get('/api/cases?view=mine&pageSize=1')).total as number;

    // She opens 随手拍 from the bottom bar.
    const ctx = await phoneAt(point);
    const page = await ctx.newPage();
    await signIn(page, 'resident');
    await page.getByTestId('tab-report').click();
    await page.getByTestId('report-page').waitFor();

    // 1 photo
    await page.getByTestId('report-photos-input').setInputFiles(photoFile);
    await page.locator('[data-testid="report-photos-item-0"][data-status="done"]').waitFor({ timeout: 20_000 });
    await page.getByTestId('report-next').click();

    // 2 place: her location, checked against the grids at once
    await page.getByTestId('report-use-location').click();
    await page.locator('[data-testid="report-place-result"][data-state="inside"]').waitFor({ timeout: 20_000 });
    await page.getByTestId('report-address').fill('3号楼东侧绿地');
    await page.getByTestId('report-next').click();

    // 3 category and description
    await page.getByTestId('category-search').fill('暴露垃圾');
    await page.getByTestId('category-result-urban.exposed_garbage').click();
    // No digit runs: the public view masks long numbers (phone numbers) in texts.
    const text = `绿地旁边有一堆生活垃圾，好几天没人清理（${Date.now().toString(36)}）`;
    await page.getByTestId('report-description').fill(text);

    // A reload keeps the draft (photo, place, category, text) in this tab.
    await page.reload();
    await page.getByTestId('report-restored').waitFor();
    await expect.poll(() => page.getByTestId('report-description').inputValue()).toBe(text);
    await page.getByTestId('report-photos-kept').waitFor({ state: 'attached' });

    // The first submission reaches the server but its answer is lost on the way back.
    let lost = 0;
    await page.route(
      (url) => url.pathname === '/api/cases',
      async (route) => {
        if (route.request().method() !== 'POST' || lost > 0) return route.continue();
        lost++;
        await route.fetch(); // the server files it …
        await route.abort('connectionreset'); // … and the phone never hears back
      },
    );
    await page.getByTestId('report-submit').click();
    await page.getByTestId('report-error').waitFor({ timeout: 20_000 });
    expect(lost).toBe(1);
    expect((await residentApi.get('/api/cases?view=mine&pageSize=1')).total).toBe(before + 1);

    // She taps "send" again: the same draft, the same key — the server answers with the case already filed.
    await page.getByTestId('report-submit').click();
    await page.getByTestId('report-done').waitFor({ timeout: 20_000 });
    await page.getByTestId('report-done-replayed').waitFor();
    const caseId = Number(await page.getByTestId('report-done').getAttribute('data-case-id'));
    expect(caseId).toBeGreaterThan(0);
    expect((await residentApi.get('/api/cases?view=mine&pageSize=1')).total).toBe(before + 1);

    const filed = await residentApi.get(`/api/cases/${caseId}`);
    expect(filed).toMatchObject({ status: 'reported', description: text, address: '3号楼东侧绿地', grid: { id: gridId }, source: 'resident' });
    expect(filed.photos).toHaveLength(1);
    expect(Math.abs(filed.lat - point.latitude)).toBeLessThan(1e-5);

    // A grid worker standing at the same spot is offered the open case instead of filing a duplicate.
    const gridCtx = await phoneAt(point);
    const gridPage = await gridCtx.newPage();
    await signIn(gridPage, 'grid');
    await gridPage.goto('/cases/new');
    await gridPage.getByTestId('report-next').click();
    await gridPage.getByTestId('report-use-location').click();
    await gridPage.locator('[data-testid="report-place-result"][data-state="inside"]').waitFor({ timeout: 20_000 });
    await gridPage.getByTestId('report-next').click();
    await gridPage.getByTestId('category-search').fill('暴露垃圾');
    await gridPage.getByTestId('category-result-urban.exposed_garbage').click();
    expect(await gridPage.getByTestId('report-on-spot').isEnabled()).toBe(true); // her own grid
    await gridPage.getByTestId(`report-nearby-follow-${caseId}`).click();
    await gridPage.waitForURL(`**/cases/${caseId}`);
    const gridApi = await apiAs('grid');
    expect((await gridApi.get('/api/cases?view=mine&pageSize=50')).items.map((c: { id: number }) => c.id)).toContain(caseId);
    await gridCtx.close();

    // The community takes it on and sends it to the grid; the grid fixes it; the community verifies.
    const community = await apiAs('community');
    await community.post(`/api/cases/${caseId}/actions`, { action: 'accept' });
    await community.post(`/api/cases/${caseId}/actions`, { action: 'dispatch', targetNodeId: gridId });
    await gridApi.post(`/api/cases/${caseId}/actions`, { action: 'accept' });
    await gridApi.post(`/api/cases/${caseId}/actions`, { action: 'finish', note: '已联系保洁清理干净' });
    const verified = await community.post(`/api/cases/${caseId}/actions`, { action: 'verify', note: '现场核查，已清理' });
    expect(verified.status).toBe('closed');

    // She sees "已核查结案" under My reports, with a call to rate it, and rates it "satisfied".
    await page.getByTestId('tab-myReports').click();
    await expect.poll(() => page.getByTestId(`my-case-status-${caseId}`).textContent(), { timeout: 20_000 }).toBe('已核查结案');
    await page.getByTestId(`my-case-rate-${caseId}`).waitFor();
    await page.getByTestId(`my-case-${caseId}`).click();
    await page.getByTestId('case-page').waitFor();
    // Live notifications ("已核查结案") pop up at the top of the phone screen, over the dialog: she closes them.
    for (const close of await page.locator('.ant-notification-notice-close').all()) await close.click().catch(() => undefined);
    await page.locator('.ant-notification-notice').first().waitFor({ state: 'detached' }).catch(() => undefined);
    await page.getByTestId('case-action-rate').click();
    await page.getByTestId('action-satisfaction').getByText('满意', { exact: true }).click();
    await page.getByTestId('action-resolved').getByText('已解决', { exact: true }).click();
    await page.getByTestId('action-submit').click();
    await page.getByTestId('action-dialog').waitFor({ state: 'hidden', timeout: 30_000 });
    await expect.poll(async () => (await residentApi.get(`/api/cases/${caseId}`)).status, { timeout: 20_000 }).toBe('rated');
    expect((await residentApi.get(`/api/cases/${caseId}`)).satisfaction).toBe('satisfied');
    await ctx.close();

    // Anyone can see it on the public pages — closed, with the community as the place, and no name or address.
    const anon = await browser.newContext({ baseURL: baseUrl(), locale: 'zh-CN', viewport: PHONE, isMobile: true, hasTouch: true });
    const pub = await anon.newPage();
    await pub.goto('/login');
    await pub.getByTestId('login-public-cases').click();
    await pub.getByTestId('public-header').waitFor();
    await pub.getByTestId(`public-case-${caseId}`).click();
    await expect.poll(() => pub.getByTestId('public-case-status').textContent(), { timeout: 20_000 }).toBe('已办结');
    await pub.getByTestId('public-event-verify').waitFor();
    const body = (await pub.locator('body').textContent()) ?? '';
    expect(body).toContain(text);
    expect(body).toContain(filed.owner.nameZh);
    expect(body).not.toContain(residentApi.me.displayName);
    expect(body).not.toContain('3号楼东侧绿地');
    await anon.close();
    for (const a of [district, residentApi, gridApi, community]) await a.ctx.close();
  }, 300_000); // a whole journey through four users' hands on a shared 2-core machine
});
