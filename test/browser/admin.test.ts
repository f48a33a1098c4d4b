/**
 * Acceptance (issue 7): an admin publishes a rule set that a second admin approves; plus the
 * other admin and audit pages (users, reference upload with its validation report, audit trail
 * and chain verification), each screenshotted and checked with axe.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptStatusErrors, launchBrowser, signIn, visitAndCheck, type Session } from './support/browser.ts';
import { startDemoPlatform, type DemoPlatform } from './support/platform.ts';

let platform: DemoPlatform;
let browser: Browser;
const sessions: Session[] = [];

beforeAll(async () => {
  platform = await startDemoPlatform();
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  for (const s of sessions) await s.close().catch(() => undefined);
  await browser?.close();
  await platform?.stop();
});

async function session(username: string): Promise<Session> {
  const s = await signIn(browser, platform.baseUrl, username);
  sessions.push(s);
  return s;
}

const mainText = (s: Session) => s.page.locator('main').innerText();

describe('admin and audit in the browser', () => {
  it('an admin publishes a rule set that a second admin approves', async () => {
    const maker = await session('demo-admin');
    const checker = await session('demo-admin2');
    await visitAndCheck(maker, '/admin/rule-sets', 'rule-sets');
    await maker.page.getByLabel('修改说明').fill('提高 R16 权重以加强代办人监管');
    await maker.page.getByText('逐项调整风险点的启用与权重').click();
    await maker.page.locator('#R16-weight').fill('55');
    await Promise.all([maker.page.waitForURL(/\/admin\/rule-sets\/[^?]+\?done=created/), maker.page.getByRole('button', { name: '保存草案' }).click()]);
    const version = decodeURIComponent(new URL(maker.page.url()).pathname.split('/').pop()!);
    const draft = await mainText(maker);
    expect(draft).toContain('草案');
    expect(draft).toMatch(/R16[\s\S]*→\s*55/);

    await maker.page.getByRole('button', { name: '开始回测' }).click();
    await maker.page.getByText('回测完成').waitFor({ timeout: 180_000 });
    expect(await maker.page.locator('#backtest-result').innerText()).toMatch(/回放 \d+ 笔业务/);
    await visitAndCheck(maker, '', 'rule-set-draft-backtest');

    await Promise.all([maker.page.waitForURL(/done=submitted/), maker.page.getByRole('button', { name: '提交审批' }).click()]);
    expect(await mainText(maker)).toContain('等待另一名管理员审批');
    // Maker-checker: the author gets no approve button.
    expect(await maker.page.getByRole('button', { name: '批准并发布' }).count()).toBe(0);

    await visitAndCheck(checker, `/admin/rule-sets/${encodeURIComponent(version)}`, 'rule-set-pending-checker');
    await checker.page.getByLabel('审批意见').fill('已核对回测结果，同意发布');
    await Promise.all([checker.page.waitForURL(/done=approved/), checker.page.getByRole('button', { name: '批准并发布' }).click()]);
    const published = await mainText(checker);
    expect(published).toContain('已发布（现行）');
    expect(published).toContain('demo-admin2');

    await maker.page.goto('/admin/rule-sets');
    expect(await mainText(maker)).toContain(`现行规则集：${version}`);
  });

  it('an admin creates a user, and a refused form names the field', async () => {
    const admin = await session('demo-admin');
    await visitAndCheck(admin, '/admin/users', 'admin-users');
    const form = admin.page.getByRole('form', { name: '新建用户' });
    await form.getByLabel(/^用户名/).fill('web-reviewer-1');
    await form.getByLabel('姓名').fill('网页测试审核员');
    await form.getByLabel(/初始密码/).evaluate((el) => el.removeAttribute('minlength'));
    await form.getByLabel(/初始密码/).fill('short');
    await form.getByLabel(/远程审核员/).check();
    await form.getByRole('button', { name: '创建用户' }).click();
    await admin.page.waitForLoadState('load');
    const refused = await mainText(admin);
    expect(refused).toContain('password');
    expect(refused).toContain('至少 12 个字符');
    expect(await admin.page.getByRole('form', { name: '新建用户' }).getByLabel(/^用户名/).inputValue()).toBe('web-reviewer-1');
    acceptStatusErrors(admin, 400);

    await admin.page.getByRole('form', { name: '新建用户' }).getByLabel(/初始密码/).fill('a long enough password');
    await Promise.all([admin.page.waitForURL(/done=created/), admin.page.getByRole('button', { name: '创建用户' }).click()]);
    expect(await mainText(admin)).toContain('web-reviewer-1');

    // Edit: take the reviewer role away and add the auditor role.
    await admin.page.getByRole('link', { name: 'web-reviewer-1' }).click();
    await visitAndCheck(admin, '', 'admin-user-edit');
    await admin.page.getByLabel(/远程审核员/).uncheck();
    await admin.page.getByLabel(/审计（AUDITOR）/).check();
    await Promise.all([admin.page.waitForURL(/done=updated/), admin.page.getByRole('button', { name: '保存修改' }).click()]);
    expect(await admin.page.locator('tr', { hasText: 'web-reviewer-1' }).innerText()).toContain('审计');
  });

  it('reference-data upload shows a validation report and stores nothing of a bad file', async () => {
    const admin = await session('demo-admin');
    await visitAndCheck(admin, '/admin/reference', 'admin-reference');
    const before = await admin.page.locator('section[aria-labelledby="current"]').innerText();
    await admin.page.getByLabel('或直接粘贴 JSON').fill(JSON.stringify({ stations: [{ code: 'X1' }], handlers: [], organisations: [], lists: { intermediaryBlacklist: [], personWatchlist: [] } }));
    await admin.page.getByRole('button', { name: '校验并载入' }).click();
    await admin.page.getByText('未载入').waitFor();
    const report = await mainText(admin);
    expect(report).toContain('stations[0].name');
    expect(await admin.page.locator('section[aria-labelledby="current"]').innerText()).toBe(before);

    await admin.page.getByLabel('参考数据文件（.json）').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"stations": [') });
    await admin.page.getByRole('button', { name: '校验并载入' }).click();
    await admin.page.getByText('broken.json 未载入').waitFor();
    expect(await mainText(admin)).toContain('不是合法 JSON');
    acceptStatusErrors(admin, 400);
  });

  it('an auditor browses the trail and verifies the chain', async () => {
    const auditor = await session('demo-auditor');
    await visitAndCheck(auditor, '/audit', 'audit');
    await auditor.page.getByRole('button', { name: '校验审计链' }).click();
    await auditor.page.getByText('审计链完整').waitFor({ timeout: 120_000 });
    await visitAndCheck(auditor, '', 'audit-verified');
    await auditor.page.getByLabel(/^动作/).fill('auth.login');
    await Promise.all([auditor.page.waitForURL(/action=auth\.login/), auditor.page.getByRole('button', { name: '筛选' }).click()]);
    const rows = await auditor.page.locator('table.audit tbody tr').allInnerTexts();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.includes('auth.login'))).toBe(true);
  });

  it('every page checks the role on the server', async () => {
    const reviewer = await session('demo-auditor');
    const res = await reviewer.page.goto('/admin/users');
    expect(res?.status()).toBe(403);
    expect(await mainText(reviewer)).toContain('ADMIN');
    const anonymous = await browser.newContext({ baseURL: platform.baseUrl });
    const page = await anonymous.newPage();
    await page.goto('/alerts?severity=HIGH');
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/alerts?severity=HIGH');
    await anonymous.close();
  });
});
