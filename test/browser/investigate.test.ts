/**
 * Acceptance (issue 7): an investigator searches a phone, opens the ring and the graph renders
 * its nodes. The rings are the platform's own: the demo world, the scheduled full recompute.
 * And an investigator confirms, then splits, a suggested link between two records of one person
 * (sent in by a business system, one with a mistyped ID number).
 */
import { describe, expect, it } from 'vitest';
import { sampleTransaction } from '../support/fixtures.ts';
import { acceptStatusErrors, checkPage, visitAndCheck } from './support/browser.ts';
import { apiHeaders, ingestAsBusinessSystem } from './support/api-client.ts';
import { browserSuite, mainText } from './support/suite.ts';

/** One person twice: a valid ID number, and the same with its last character mistyped (an invalid check digit). */
const PERSON = { name: '王小明', validId: '33010219880715001X', mistypedId: '330102198807150016' };

/** The first full recompute is scheduled within a minute of start; wait until it has found rings. */
async function waitForRings(baseUrl: string, timeoutMs = 240_000): Promise<void> {
  const { cookie } = await apiHeaders(baseUrl, 'demo-investigator');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const html = await (await fetch(`${baseUrl}/investigate/rings`, { headers: { cookie: cookie! } })).text();
    if (/\/investigate\/rings\/[^"]+/.test(html)) return;
    await new Promise((r) => setTimeout(r, 3000));
  }
  throw new Error(`no ring detected within ${timeoutMs} ms`);
}

/** Two records of PERSON sent in by a business system: the profile suggests linking them. */
async function seedMistypedPerson(baseUrl: string): Promise<void> {
  // Different phones and addresses: the link is only suggested (not merged) until an investigator confirms it.
  const applicant = (idNumber: string, phone: string, address: string) => ({ kind: 'PERSON', idNumber, name: PERSON.name, phone, address, identityCheck: 'PASSED' });
  await ingestAsBusinessSystem(baseUrl, [
    sampleTransaction({ id: 'web-link-a', applicant: applicant(PERSON.validId, '13811112222', '杭州市西湖区文一路1号'), agent: null, appointment: null }),
    sampleTransaction({ id: 'web-link-b', applicant: applicant(PERSON.mistypedId, '13833334444', '杭州市上城区解放路100号'), agent: null, appointment: null }),
  ], 'browser-identity');
}

const suite = browserSuite({
  prepare: async (baseUrl) => { await seedMistypedPerson(baseUrl); await waitForRings(baseUrl); },
  setupTimeoutMs: 480_000,
});

describe('investigator workspace in the browser', () => {
  it('an investigator searches a phone, opens the ring and the graph renders its nodes', async () => {
    const s = await suite.signIn('demo-investigator');
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
    expect(await mainText(s)).toContain('时间线');
  });

  it('lists suspects and colluding handlers, and exports the suspects as masked CSV', async () => {
    const s = await suite.signIn('demo-investigator');
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

  it('an investigator confirms a suggested link between two records of one person, then splits it', async () => {
    const s = await suite.signIn('demo-investigator');
    const { page } = s;
    await page.goto('/investigate');
    await page.getByLabel(/^查询内容/).fill(PERSON.validId);
    await Promise.all([page.waitForURL(/q=/), page.getByRole('button', { name: '查询' }).click()]);
    await Promise.all([page.waitForURL(/\/investigate\/persons\//), page.locator('#search-results a[href^="/investigate/persons/"]').first().click()]);
    const links = page.locator('section[aria-labelledby="links-title"]');
    expect(await links.innerText()).toContain('系统建议，待判定');
    const merged = page.locator('.facts div', { hasText: '合并的记录' });
    expect(await merged.innerText()).toMatch(/0$/);
    // The timeline names stations and handlers as the reference data knows them, codes beside.
    const firstCase = await page.locator('section[aria-labelledby="timeline-title"] tbody tr').first().innerText();
    expect(firstCase).toMatch(/[^\s（]+（\d{6}-[A-Z]+-\d{2}）/);
    expect(firstCase).toMatch(/[^\s（]+（H\d+）/);
    await visitAndCheck(s, '', 'investigate-person-links');

    // A note under four characters is refused by the use case, named by its rule, the note kept.
    const decide = page.getByRole('form', { name: /^判定关联/ }).first();
    await decide.getByLabel(/判定说明/).evaluate((el) => el.removeAttribute('minlength'));
    await decide.getByLabel(/判定说明/).fill('同人');
    await decide.getByRole('button', { name: '确认为同一人' }).click();
    await page.waitForLoadState('load');
    expect(await links.innerText()).toContain('REASON_TOO_SHORT');
    expect(await page.getByRole('form', { name: /^判定关联/ }).first().getByLabel(/判定说明/).inputValue()).toBe('同人');
    expect((await checkPage(s, 'investigate-person-link-refused')).violations).toEqual([]);
    acceptStatusErrors(s, 409);

    await page.getByRole('form', { name: /^判定关联/ }).first().getByLabel(/判定说明/).fill('身份证末位录入错误，同一人');
    await Promise.all([page.waitForURL(/done=confirmed/), page.getByRole('button', { name: '确认为同一人' }).first().click()]);
    expect(await mainText(s)).toContain('已确认为同一人');
    expect(await links.innerText()).toContain('已确认同一人');
    expect(await merged.innerText()).toMatch(/1$/);
    await visitAndCheck(s, '', 'investigate-person-link-confirmed');

    // The decision can be changed the other way, audited again.
    await links.getByText('更改判定').first().click();
    await links.getByLabel(/判定说明/).first().fill('核实为两个人，号码不同');
    await Promise.all([page.waitForURL(/done=split/), links.getByRole('button', { name: '拆分为不同人' }).first().click()]);
    expect(await links.innerText()).toContain('已拆分（不同人）');
    expect(await merged.innerText()).toMatch(/0$/);
  });
});
