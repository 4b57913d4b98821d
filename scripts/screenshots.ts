/**
 * Screenshots of every page the web app has, as each demo role, in zh-CN and en, on a desktop (1366×850)
 * and a phone (390×844), into .tmp/screenshots/<role>/<lang>-<viewport>-<page>.png.
 *
 *   npx tsx scripts/screenshots.ts                 # starts its own server (demo data in .tmp/screenshots-data)
 *   SCREENSHOT_URL=http://127.0.0.1:3100 npx tsx scripts/screenshots.ts   # use a running server instead
 *
 * Filters (comma-separated): SCREENSHOT_ROLES=grid,admin  SCREENSHOT_LANGS=en  SCREENSHOT_VIEWPORTS=phone
 * SCREENSHOT_PAGES=map,resident. The server it starts is stopped at the end (also on Ctrl-C).
 * Uses Debian's Chromium through playwright-core; never downloads a browser.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const PASSWORD = process.env.GONGZHI_DEMO_PASSWORD || 'gongzhi-demo';
const OUT = path.resolve('.tmp/screenshots');
const ROLES = ['admin', 'district', 'street', 'community', 'grid', 'department', 'mediator', 'resident', 'unit', 'street2', 'leader'];
const LANGS = ['zh-CN', 'en'] as const;
const VIEWPORTS = { desktop: { width: 1366, height: 850 }, phone: { width: 390, height: 844 } } as const;

const pick = <T extends string>(env: string | undefined, all: readonly T[]): T[] => (env ? all.filter((x) => env.split(',').includes(x)) : [...all]);

/** A free TCP port on the loopback interface. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** Starts server/main.ts on a spare port with its own embedded database; resolves when healthy. */
async function startServer(): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const dataDir = path.resolve('.tmp/screenshots-data');
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const log = fs.openSync(path.resolve('.tmp/screenshots-server.log'), 'w');
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', GONGZHI_DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn' },
    stdio: ['ignore', log, log],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}); see .tmp/screenshots-server.log`);
    if (await fetch(`${url}/api/health`).then((r) => r.ok, () => false)) return { url, child };
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error('server not healthy after 180 s; see .tmp/screenshots-server.log');
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

interface Shot {
  name: string;
  path: string;
  /** Something to do after the page loaded (open a dialog, click a grid …). */
  act?: (page: Page) => Promise<void>;
}

/** The pages to photograph for a signed-in user, from what the API says they may see. */
async function pagesFor(page: Page): Promise<Shot[]> {
  const api = async <T>(p: string): Promise<T | null> => {
    const r = await page.request.get(p);
    return r.ok() ? ((await r.json()) as T) : null;
  };
  const me = (await api<{ permissions: string[]; grants: { nodeId: number; nodeType: string; permissions: string[] }[] }>('/api/auth/me'))!;
  const has = (p: string) => me.permissions.includes(p);
  const shots: Shot[] = [{ name: 'home', path: '/' }, { name: 'account', path: '/account' }];
  const areaGrant = me.grants.find((g) => ['city', 'district', 'street', 'community', 'grid'].includes(g.nodeType) && g.permissions.includes('org.read'));
  if (has('org.read')) {
    shots.push({ name: 'org', path: `/org/${me.grants[0]!.nodeId}` });
    shots.push({ name: 'org-party', path: '/org?tree=party' });
  }
  if (areaGrant) {
    shots.push({
      name: 'map',
      path: '/map',
      act: async (p) => {
        const poly = p.locator('[data-testid="map"] path.leaflet-interactive').first();
        if (await poly.count()) await poly.click({ force: true });
      },
    });
    const grids = await api<{ features: { properties: { id: number } }[] }>('/api/geo/grids');
    const gridId = areaGrant.nodeType === 'grid' ? areaGrant.nodeId : grids?.features[0]?.properties.id;
    if (gridId) shots.push({ name: 'grid', path: `/grids/${gridId}` });
  }
  if (has('people.read')) {
    const residents = await api<{ items: { id: number; householdId: number }[] }>('/api/people/residents?pageSize=1');
    const buildings = await api<{ items: { id: number }[] }>('/api/people/buildings?pageSize=1');
    shots.push({ name: 'residents', path: '/people/residents' });
    shots.push({ name: 'households', path: '/people/households' });
    shots.push({ name: 'buildings', path: '/people/buildings' });
    const r = residents?.items[0];
    if (r) {
      shots.push({ name: 'resident', path: `/people/residents/${r.id}` });
      if (has('personal.reveal')) {
        shots.push({ name: 'resident-reveal', path: `/people/residents/${r.id}`, act: async (p) => p.getByTestId('reveal-idNumber').click() });
      }
      shots.push({ name: 'household', path: `/people/households/${r.householdId}` });
    }
    if (buildings?.items[0]) shots.push({ name: 'building', path: `/people/buildings/${buildings.items[0].id}` });
  }
  if (has('people.import')) shots.push({ name: 'imports', path: '/imports' });
  if (has('grid.manage')) shots.push({ name: 'imports-grids', path: '/imports?tab=grids' });
  if (has('patrol.read') || has('patrol.write')) shots.push({ name: 'patrol', path: '/patrol' });
  if (has('user.manage')) {
    shots.push({ name: 'users', path: '/users' });
    const users = await api<{ items: { id: number }[] }>('/api/users?q=grid');
    if (users?.items[0]) shots.push({ name: 'user', path: `/users/${users.items[0].id}` });
  }
  if (has('audit.read')) shots.push({ name: 'audit', path: '/audit?action=personal.reveal' });
  if (has('case.read') || has('case.report')) {
    const view = has('case.read') ? 'inbox' : 'mine';
    const cases = await api<{ items: { id: number }[] }>(`/api/cases?view=${has('case.handle') ? 'inbox' : view}&pageSize=1`);
    const anyCase = cases?.items[0] ?? (await api<{ items: { id: number }[] }>('/api/cases?view=all&pageSize=1'))?.items[0];
    if (has('case.read')) shots.push({ name: 'cases', path: '/cases' });
    if (anyCase) shots.push({ name: 'case', path: `/cases/${anyCase.id}` });
  }
  if (has('case.report')) {
    shots.push({ name: 'case-new', path: '/cases/new' });
    shots.push({ name: 'cases-mine', path: '/cases/mine' });
  }
  if (has('stats.read')) shots.push({ name: 'dashboard', path: '/dashboard' });
  if (has('case.configure')) {
    shots.push({ name: 'calendar', path: '/calendar' });
    shots.push({ name: 'categories', path: '/categories' });
  }
  if (has('webhook.manage')) shots.push({ name: 'webhooks', path: '/webhooks' });
  shots.push({ name: 'notifications', path: '/notifications' });
  shots.push({ name: 'not-found', path: '/people/households/999999999' });
  // On a phone, the drawer with the full menu (a no-op on a desktop, which has no menu button).
  shots.push({
    name: 'menu',
    path: '/',
    act: async (p) => {
      const open = p.getByTestId('nav-open');
      if (await open.count()) await open.click();
    },
  });
  return shots;
}

/** Waits until requests settle and spinners are gone. */
async function settle(page: Page) {
  // Not 'networkidle': signed-in pages keep the live notification stream open.
  await page.waitForLoadState('load', { timeout: 15_000 }).catch(() => {});
  await page.waitForTimeout(400);
  await page
    .waitForFunction(() => !document.querySelector('.ant-spin-spinning'), null, { timeout: 30_000 })
    .catch(() => console.warn(`  still loading after 30 s: ${page.url()}`));
  await page.waitForTimeout(350);
}

async function main() {
  const roles = pick(process.env.SCREENSHOT_ROLES, ROLES);
  const langs = pick(process.env.SCREENSHOT_LANGS, LANGS);
  const viewports = pick(process.env.SCREENSHOT_VIEWPORTS, Object.keys(VIEWPORTS) as (keyof typeof VIEWPORTS)[]);
  const only = process.env.SCREENSHOT_PAGES?.split(',');
  let server: ChildProcess | null = null;
  let url = process.env.SCREENSHOT_URL;
  const stop = () => {
    if (server && server.exitCode === null) server.kill('SIGTERM');
  };
  process.on('SIGINT', () => {
    stop();
    process.exit(130);
  });
  let browser: Browser | null = null;
  try {
    // Photograph the current sources (a no-op when web/dist is up to date).
    const build = spawnSync(process.execPath, ['scripts/ensure-web-build.mjs'], { stdio: 'inherit' });
    if (build.status !== 0) throw new Error('web build failed');
    if (!url) {
      const s = await startServer();
      server = s.child;
      url = s.url;
    }
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage'],
    });
    let count = 0;
    const t0 = Date.now();
    for (const role of roles) {
      for (const lang of langs) {
        for (const vp of viewports) {
          const ctx = await browser.newContext({ baseURL: url, viewport: VIEWPORTS[vp], locale: lang, deviceScaleFactor: 1 });
          await ctx.addInitScript((l) => localStorage.setItem('gongzhi.lang', l), lang);
          const page = await ctx.newPage();
          const dir = path.join(OUT, role);
          fs.mkdirSync(dir, { recursive: true });
          await page.goto('/login');
          await settle(page);
          if (!only || only.includes('login')) {
            await page.screenshot({ path: path.join(dir, `${lang}-${vp}-login.png`) });
            count++;
          }
          await page.getByTestId('login-username').fill(role);
          await page.getByTestId('login-password').fill(PASSWORD);
          await page.getByTestId('login-submit').click();
          const ok = await page.getByTestId('app-shell').waitFor({ timeout: 20_000 }).then(() => true, () => false);
          if (!ok) {
            console.warn(`  ${role}: could not sign in (${lang}, ${vp}); skipped`);
            await ctx.close();
            continue;
          }
          for (const shot of await pagesFor(page)) {
            if (only && !only.includes(shot.name)) continue;
            await page.goto(shot.path);
            await settle(page);
            if (shot.act) {
              await shot.act(page).catch((e) => console.warn(`  ${role} ${shot.name}: ${(e as Error).message.split('\n')[0]}`));
              await settle(page);
            }
            await page.screenshot({ path: path.join(dir, `${lang}-${vp}-${shot.name}.png`), fullPage: true });
            count++;
          }
          await ctx.close();
        }
      }
      console.log(`  ${role} done`);
    }
    console.log(`${count} screenshots in ${((Date.now() - t0) / 1000).toFixed(0)} s → ${path.relative(process.cwd(), OUT)}/`);
  } finally {
    await browser?.close();
    stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
