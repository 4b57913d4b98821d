/**
 * Browser journeys on the demo district, in Debian's Chromium against a real server (e2e/support).
 * Named as user stories from the foundation issue.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, context, signIn, PHONE } from './support/browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** GET an API path with the page's session cookie. */
async function api<T = any>(page: Page, url: string): Promise<T> {
  const res = await page.request.get(url);
  expect(res.status(), `${url}: ${await res.text()}`).toBe(200);
  return (await res.json()) as T;
}

/** Number of polygons Leaflet has drawn in the map container. */
async function polygonsOnMap(page: Page): Promise<number> {
  await page.getByTestId('map').locator('path.leaflet-interactive').first().waitFor({ timeout: 20_000 });
  return page.getByTestId('map').locator('path.leaflet-interactive').count();
}

describe('administrator', () => {
  it('imports grid polygons from GeoJSON and sees them on the map', async () => {
    const ctx = await context(browser);
    const page = await ctx.newPage();
    await signIn(page, 'admin');
    // Re-draw grid 1 of the first community from a GeoJSON file, as a surveyor would deliver it.
    const grids = await api(page, '/api/geo/grids?level=grid');
    const first = grids.features[0];
    const community = await api(page, `/api/org/nodes/${first.properties.communityId}`);
    const newName = `${first.properties.nameZh}（重新测绘）`;
    const file = {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', geometry: first.geometry, properties: { code: first.properties.code, name_zh: newName, name_en: 'Resurveyed grid', community_code: community.code } }],
    };
    await page.goto('/imports?tab=grids');
    await page.getByTestId('grid-import-text').fill(JSON.stringify(file));
    await page.getByTestId('grid-import-submit').click();
    await page.getByTestId('grid-import-result').waitFor({ timeout: 20_000 });

    await page.goto('/map');
    expect(await polygonsOnMap(page)).toBe(grids.features.length);
    await page.goto(`/grids/${first.properties.id}`);
    await expect.poll(() => page.getByTestId('grid-name').textContent()).toContain('重新测绘');
    await page.getByTestId('grid-tab-history').click();
    await page.getByTestId('grid-history').waitFor();
    await ctx.close();
  });

  it('is told exactly what is wrong with a broken GeoJSON file, and nothing changes', async () => {
    const ctx = await context(browser, { locale: 'en' });
    const page = await ctx.newPage();
    await signIn(page, 'admin');
    const before = (await api(page, '/api/geo/grids?level=grid')).features.length;
    await page.goto('/imports?tab=grids');
    await page.getByTestId('grid-import-text').fill(JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: 'X1' }, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]] } }] }));
    await page.getByTestId('grid-import-submit').click();
    await page.getByTestId('grid-import-problems').waitFor({ timeout: 20_000 });
    expect((await api(page, '/api/geo/grids?level=grid')).features.length).toBe(before);
    await ctx.close();
  });
});

describe('grid worker on a phone', () => {
  it('sees only her grid and cannot open another grid’s household by URL', async () => {
    // Find a household in another grid, as the district centre would.
    const adminCtx = await context(browser);
    const adminPage = await adminCtx.newPage();
    await signIn(adminPage, 'district');
    const grids = await api(adminPage, '/api/geo/grids?level=grid');
    const me = await (async () => {
      const ctx = await context(browser, { viewport: PHONE });
      const page = await ctx.newPage();
      await signIn(page, 'grid');
      return { ctx, page, grant: (await api(page, '/api/auth/me')).grants[0] };
    })();
    const other = grids.features.find((f: any) => f.properties.id !== me.grant.nodeId);
    const foreign = (await api(adminPage, `/api/people/households?nodeId=${other.properties.id}&pageSize=1`)).items[0];
    await adminCtx.close();

    const { page } = me;
    await page.goto('/map');
    expect(await polygonsOnMap(page)).toBe(1);
    const mine = await api(page, '/api/people/residents?pageSize=1');
    const figures = (await api(page, `/api/org/nodes/${me.grant.nodeId}`)).figures;
    expect(mine.total).toBe(figures.residents);

    await page.goto(`/people/households/${foreign.id}`);
    await page.getByTestId('state-not-found').waitFor({ timeout: 20_000 });
    const direct = await page.request.get(`/api/people/households/${foreign.id}`);
    expect(direct.status()).toBe(404);
    await me.ctx.close();
  });
});

describe('personal data', () => {
  it('is masked, revealed only with a reason, and the reveal is in the audit log', async () => {
    const ctx = await context(browser);
    const page = await ctx.newPage();
    await signIn(page, 'community');
    const list = await api(page, '/api/people/residents?pageSize=20');
    const resident = list.items.find((r: any) => r.phone);
    expect(resident.phone).toMatch(/\*{4}/);
    await page.goto(`/people/residents/${resident.id}`);
    await page.getByTestId('resident-page').waitFor();
    await expect.poll(() => page.getByTestId('personal-phone').textContent()).toContain('****');
    await page.getByTestId('reveal-phone').click();
    await page.getByTestId('reveal-reason').waitFor();
    const reason = `电话回访核实 ${Date.now()}`;
    await page.getByTestId('reveal-reason').fill(reason);
    await page.getByTestId('reveal-confirm').click();
    await expect.poll(() => page.getByTestId('revealed-phone').textContent(), { timeout: 20_000 }).toMatch(/^\d{11}$/);
    await ctx.close();

    const auditCtx = await context(browser);
    const auditor = await auditCtx.newPage();
    await signIn(auditor, 'district');
    const rows = await api(auditor, '/api/audit?action=personal.reveal');
    const row = rows.items.find((r: any) => r.reason === reason);
    expect(row).toBeTruthy();
    expect(row.entityId).toBe(String(resident.id));
    await auditor.goto('/audit');
    await auditor.getByText(reason).waitFor({ timeout: 20_000 });
    await auditCtx.close();
  });
});
