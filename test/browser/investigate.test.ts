/**
 * Acceptance (issue 7): an investigator searches a phone, opens the ring and the graph renders
 * its nodes. The rings are the platform's own: the demo world, the scheduled full recompute.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, launchBrowser, signIn, visitAndCheck, type Session } from './support/browser.ts';
import { startDemoPlatform, type DemoPlatform } from './support/platform.ts';

let platform: DemoPlatform;
let browser: Browser;
const sessions: Session[] = [];

/** The first full recompute is scheduled within a minute of start; wait until it has found rings. */
async function waitForRings(baseUrl: string, timeoutMs = 240_000): Promise<void> {
  const login = await fetch(`${baseUrl}/login`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ username: 'demo-investigator', password: DEMO_PASSWORD }).toString() });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const html = await (await fetch(`${baseUrl}/investigate/rings`, { headers: { cookie } })).text();
    if (/\/investigate\/rings\/[^"]+/.test(html)) return;
    await new Promise((r) => setTimeout(r, 3000));
  }
  throw new Error(`no ring detected within ${timeoutMs} ms`);
}

beforeAll(async () => {
  platform = await startDemoPlatform();
  browser = await launchBrowser();
  await waitForRings(platform.baseUrl);
}, 480_000);

afterAll(async () => {
  for (const s of sessions) await s.close().catch(() => undefined);
  await browser?.close();
  await platform?.stop();
});

describe('investigator workspace in the browser', () => {
  it('an investigator searches a phone, opens the ring and the graph renders its nodes', async () => {
    const s = await signIn(browser, platform.baseUrl, 'demo-investigator');
    sessions.push(s);
    const { page } = s;
    await visitAndCheck(s, '/investigate/rings', 'investigate-rings');
    // A phone the ring's members share, read whole (an audited unmasked view).
    await page.locator('table[data-keyboard-list] tbody tr a').first().click();
    await page.getByRole('link', { name: '显示完整个人信息' }).click();
    const shared = await page.locator('section[aria-labelledby="shared-title"] li', { hasText: '电话' }).first().innerText();
    const phone = /1\d{10}/.exec(shared)?.[0];
    expect(phone, shared).toBeDefined();

    await visitAndCheck(s, '/investigate', 'investigate');
    await page.getByLabel(/^查询内容/).fill(phone!);
    await Promise.all([page.waitForURL(/q=/), page.getByRole('button', { name: '查询' }).click()]);
    await visitAndCheck(s, '', 'investigate-search-phone');
    const results = await page.locator('#search-results').innerText();
    expect(results).toContain('按电话查询');
    expect(results).toMatch(/代办人|申请人|预约人|联系人/);

    // From a person who used the phone to their ring.
    await page.locator('#search-results a[href^="/investigate/rings/"]').first().click();
    await page.waitForURL(/\/investigate\/rings\//);
    const graph = page.locator('[data-graph]');
    await expect.poll(() => graph.getAttribute('data-rendered-nodes'), { timeout: 20_000 }).not.toBeNull();
    const shown = Number(await graph.getAttribute('data-rendered-nodes'));
    expect(shown).toBeGreaterThan(1);
    // Expanding shows every node the table lists.
    await page.getByRole('button', { name: '展开全部' }).click();
    const listed = await page.locator('details table').first().locator('tbody tr').count();
    await expect.poll(async () => Number(await graph.getAttribute('data-rendered-nodes'))).toBe(listed);
    await visitAndCheck(s, '', 'investigate-ring');

    // A member's profile, with the timeline.
    await page.locator('section[aria-labelledby="members-title"] a').first().click();
    await visitAndCheck(s, '', 'investigate-person');
    expect(await page.locator('main').innerText()).toContain('时间线');
  });

  it('lists suspects and colluding handlers, and exports the suspects as masked CSV', async () => {
    const s = await signIn(browser, platform.baseUrl, 'demo-investigator');
    sessions.push(s);
    await visitAndCheck(s, '/investigate/suspects', 'investigate-suspects');
    expect(await s.page.locator('table[data-keyboard-list] tbody tr').count()).toBeGreaterThan(0);
    const [download] = await Promise.all([s.page.waitForEvent('download'), s.page.getByRole('link', { name: /导出 CSV/ }).click()]);
    const csv = await (await download.createReadStream()).toArray();
    const text = Buffer.concat(csv).toString('utf8');
    expect(text.split('\r\n')[0]).toContain('身份证号 idNumber');
    expect(text).toMatch(/\d{6}\*{8}\d{3}[\dX]/);
    expect(text).not.toMatch(/,\d{17}[\dX],/);
    await visitAndCheck(s, '/investigate/handlers', 'investigate-handlers');
  });
});
