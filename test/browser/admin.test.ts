/**
 * Acceptance (issue 7): an admin publishes a rule set that a second admin approves; the author
 * edits a draft (refused fields named), a second admin rejects and then approves it; API tokens
 * issued (shown once) and revoked; plus the other admin and audit pages (users, reference upload
 * with its validation report, audit trail and chain verification), each screenshotted and
 * checked with axe.
 */
import { describe, expect, it } from 'vitest';
import { acceptStatusErrors, checkPage, visitAndCheck, type Session } from './support/browser.ts';
import { browserSuite, mainText } from './support/suite.ts';

const suite = browserSuite();

/** Out-of-range values the browser itself would stop are sent anyway: the server names each field, keeps what was typed. */
async function sendOutOfRange(maker: Session): Promise<void> {
  const edit = maker.page.getByRole('form', { name: '修改规则集草案' });
  await edit.locator('input[type=number]').evaluateAll((inputs) => inputs.forEach((i) => { i.removeAttribute('min'); i.removeAttribute('max'); }));
  await edit.locator('#f-R13-weight').fill('150');
  await edit.locator('#f-alertThreshold').fill('80');
  await edit.locator('#f-R13-params-windowDays').fill('60');
  await edit.getByRole('button', { name: '保存修改' }).click();
  await maker.page.waitForLoadState('load');
  expect(await maker.page.locator('#f-R13-weight-error').innerText()).toMatch(/100/);
  expect(await maker.page.locator('#f-dualReviewThreshold-error').innerText()).toContain('双重审核阈值不得低于预警阈值');
  expect(await maker.page.locator('#f-R13-weight').getAttribute('aria-invalid')).toBe('true');
  expect(await maker.page.locator('#f-R13-params-windowDays').inputValue()).toBe('60');
  expect((await checkPage(maker, 'rule-set-edit-refused')).violations).toEqual([]);
  acceptStatusErrors(maker, 400);
  // The summary links to the field.
  await maker.page.locator('.error-summary a[href="#f-R13-weight"]').click();
  expect(new URL(maker.page.url()).hash).toBe('#f-R13-weight');
}

describe('admin and audit in the browser', () => {
  it('an admin publishes a rule set that a second admin approves', async () => {
    const maker = await suite.signIn('demo-admin');
    const checker = await suite.signIn('demo-admin2');
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

  it('the author edits a draft field by field; a second admin rejects it, then approves the corrected one', async () => {
    const maker = await suite.signIn('demo-admin');
    const checker = await suite.signIn('demo-admin2');
    await maker.page.goto('/admin/rule-sets');
    await maker.page.getByLabel('修改说明').fill('调整个人高频办理规则');
    await Promise.all([maker.page.waitForURL(/done=created/), maker.page.getByRole('button', { name: '保存草案' }).click()]);
    const base = new URL(maker.page.url()).pathname;
    const version = decodeURIComponent(base.split('/').pop()!);
    await Promise.all([maker.page.waitForURL(/\/edit$/), maker.page.getByRole('link', { name: '修改草案' }).click()]);
    await visitAndCheck(maker, '', 'rule-set-edit');

    await sendOutOfRange(maker);
    const edit = maker.page.getByRole('form', { name: '修改规则集草案' });
    await edit.locator('#f-R13-weight').fill('35');
    await edit.locator('#f-alertThreshold').fill('45');
    await edit.getByLabel('启用 R07').uncheck();
    await Promise.all([maker.page.waitForURL(/done=updated/), edit.getByRole('button', { name: '保存修改' }).click()]);
    const diff = await maker.page.locator('section[aria-labelledby="diff-title"]').innerText();
    expect(diff).toMatch(/预警阈值[\s\S]*45/);
    expect(diff).toMatch(/R13[\s\S]*35[\s\S]*windowDays[\s\S]*60/);
    expect(diff).toMatch(/R07[\s\S]*停用/);
    expect(await mainText(maker)).toContain('修改草案');

    await Promise.all([maker.page.waitForURL(/done=submitted/), maker.page.getByRole('button', { name: '提交审批' }).click()]);
    expect(await maker.page.getByRole('button', { name: '批准并发布' }).count()).toBe(0);
    expect(await maker.page.getByRole('link', { name: '修改草案' }).count()).toBe(0);
    expect(await mainText(maker)).toContain('起草人不能批准自己的规则集');

    await checker.page.goto('/admin/rule-sets');
    expect(await checker.page.locator('tr', { hasText: version }).innerText()).toContain('待您审批');
    await checker.page.goto(base);
    await checker.page.getByLabel('退回理由').fill('R07 不宜停用，请恢复');
    await Promise.all([checker.page.waitForURL(/done=rejected/), checker.page.getByRole('button', { name: '退回起草人' }).click()]);

    await maker.page.goto(`${base}/edit`);
    expect(await mainText(maker)).toContain('上次审批被退回，理由：R07 不宜停用，请恢复');
    await maker.page.getByLabel('启用 R07').check();
    await Promise.all([maker.page.waitForURL(/done=updated/), maker.page.getByRole('button', { name: '保存修改' }).click()]);
    await Promise.all([maker.page.waitForURL(/done=submitted/), maker.page.getByRole('button', { name: '提交审批' }).click()]);

    await checker.page.goto(base);
    await checker.page.getByLabel('审批意见').fill('R07 已恢复，同意');
    await Promise.all([checker.page.waitForURL(/done=approved/), checker.page.getByRole('button', { name: '批准并发布' }).click()]);
    const history = await checker.page.locator('section[aria-labelledby="history-title"]').innerText();
    expect(history.match(/修改草案/g)).toHaveLength(2);
    expect(history).toContain('退回');
    expect(await mainText(checker)).toContain('已发布（现行）');
  });

  it('an admin issues an API token, sees it once, and revokes it', async () => {
    const admin = await suite.signIn('demo-admin');
    await visitAndCheck(admin, '/admin/tokens', 'admin-tokens');
    const form = admin.page.getByRole('form', { name: '签发 API 令牌' });
    await form.getByLabel(/^名称/).fill('浏览器测试业务系统');
    await form.getByRole('button', { name: '签发令牌' }).click();
    await admin.page.waitForLoadState('load');
    expect(await admin.page.locator('#token-scopes-error').innerText()).toContain('至少选择一项权限');
    acceptStatusErrors(admin, 400);

    await form.getByLabel(/只读/).check();
    await form.getByLabel(/^有效天数/).fill('30');
    await Promise.all([admin.page.waitForResponse((r) => r.url().endsWith('/admin/tokens') && r.request().method() === 'POST'), form.getByRole('button', { name: '签发令牌' }).click()]);
    await admin.page.getByText('此令牌只显示这一次').waitFor();
    const token = await admin.page.getByLabel(/^令牌/).inputValue();
    expect(token).toMatch(/^cgt_/);
    await visitAndCheck(admin, '', 'admin-token-issued');
    const bearer = { authorization: `Bearer ${token}` };
    expect((await fetch(`${suite.baseUrl}/api/v1/risk-points`, { headers: bearer })).status).toBe(200);

    await admin.page.goto('/admin/tokens');
    expect(await admin.page.content()).not.toContain(token);
    const row = admin.page.locator('tr', { hasText: '浏览器测试业务系统' });
    expect(await row.innerText()).toContain('有效');
    await Promise.all([admin.page.waitForURL(/done=revoked/), row.getByRole('button', { name: /撤销/ }).click()]);
    expect(await admin.page.locator('tr', { hasText: '浏览器测试业务系统' }).innerText()).toContain('已撤销');
    expect((await fetch(`${suite.baseUrl}/api/v1/risk-points`, { headers: bearer })).status).toBe(401);
    await visitAndCheck(admin, '', 'admin-token-revoked');
  });

  it('an admin creates a user, and a refused form names the field', async () => {
    const admin = await suite.signIn('demo-admin');
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
    const admin = await suite.signIn('demo-admin');
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
    const auditor = await suite.signIn('demo-auditor');
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
    const reviewer = await suite.signIn('demo-auditor');
    const res = await reviewer.page.goto('/admin/users');
    expect(res?.status()).toBe(403);
    expect(await mainText(reviewer)).toContain('ADMIN');
    const { page } = await suite.anonymous();
    await page.goto('/alerts?severity=HIGH');
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/alerts?severity=HIGH');
  });
});
