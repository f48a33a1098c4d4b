/**
 * The workbench pages in process, on PGlite and PostgreSQL: the server-side guards (sign-in,
 * roles, CSRF), blind review and masking as the HTML shows them, and the CSP-friendly markup.
 * The browser journeys are in test/browser/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, signIn, TEST_PASSWORD, type Session, type TestApi } from '../../test/support/api.ts';
import { plantAlert } from '../../test/support/alerts.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../../test/support/databases.ts';
import { USER_ROLES, type UserRole } from '../auth/roles.ts';

const form = (fields: Record<string, string>, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(fields).toString(),
});

describe.each(BACKENDS)('web workbench pages on %s', (backend) => {
  let database: TestDatabase;
  let api: TestApi;
  let supervisor: Session;
  let supervisor2: Session;
  let reviewer: Session;
  const byRole = new Map<UserRole, Promise<Session>>();
  /** One session per role for the page matrix (signing in costs a memory-hard hash). */
  const sessionOf = (role: UserRole) => byRole.get(role) ?? byRole.set(role, signIn(api, [role])).get(role)!;
  const page = (path: string, session?: Session, init: RequestInit = {}) =>
    api.app.request(path, { ...init, headers: { accept: 'text/html', ...(session ? { cookie: session.cookie } : {}), ...(init.headers as Record<string, string> ?? {}) } });

  beforeAll(async () => {
    database = await openTestDatabase(backend);
    api = await createTestApi(database.db);
    supervisor = await signIn(api, ['SUPERVISOR']);
    supervisor2 = await signIn(api, ['SUPERVISOR']);
    reviewer = await signIn(api, ['REVIEWER']);
  });
  afterAll(async () => {
    await api?.dispose();
    await database?.dispose();
  });

  it('sends an anonymous visitor to sign in, then back to the page asked for', async () => {
    const res = await page('/alerts?severity=HIGH');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/login?next=%2Falerts%3Fseverity%3DHIGH');
  });

  it('answers a role without access with a 403 page naming the roles', async () => {
    const res = await page('/alerts', reviewer);
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(await res.text()).toContain('SUPERVISOR');
  });

  it('serves pages with the CSP, no caching, and no inline script or handler', async () => {
    const res = await page('/alerts', supervisor);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\son[a-z]+=/);
    expect(html).toContain('lang="zh-CN"');
  });

  it('signs in through the form, refuses a wrong password, and never redirects off-site', async () => {
    const wrong = await page('/login', undefined, form({ username: supervisor.username, password: 'wrong password!!', next: '/alerts' }));
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('用户名或密码错误');
    const right = await page('/login', undefined, form({ username: supervisor.username, password: TEST_PASSWORD, next: '//evil.example/x' }));
    expect(right.status).toBe(303);
    expect(right.headers.get('location')).toBe('/');
    expect(right.headers.get('set-cookie')).toMatch(/cheguan_session=.*HttpOnly.*SameSite=Strict/i);
  });

  it('changes nothing for a form sent without the session\'s CSRF token', async () => {
    const { alertId } = await plantAlert(database.db, { id: `web-csrf-${backend}`, dualReview: false });
    for (const token of [undefined, 'forged']) {
      const res = await page(`/alerts/${alertId}/decide`, supervisor, form({ decision: 'CONFIRMED', reason: '确认违规行为', ...(token ? { _csrf: token } : {}) }));
      expect(res.status).toBe(403);
    }
    expect(await database.db.prisma.alertDecision.count({ where: { alertId } })).toBe(0);
  });

  it('keeps the first decision from the second reviewer until they have decided (blind review)', async () => {
    const { alertId } = await plantAlert(database.db, { id: `web-blind-${backend}`, dualReview: true });
    const first = await page(`/alerts/${alertId}/decide`, supervisor, form({ decision: 'CONFIRMED', reason: '一审理由：代办频繁', _csrf: supervisor.csrfToken }));
    expect(first.status).toBe(303);
    const blind = await (await page(`/alerts/${alertId}`, supervisor2)).text();
    expect(blind).toContain('已记录 <strong>1</strong> 项决定');
    expect(blind).not.toContain('一审理由');
    expect(blind).not.toContain(`<strong>${supervisor.username}</strong>`);
    const second = await page(`/alerts/${alertId}/decide`, supervisor2, form({ decision: 'CONFIRMED', reason: '二审同意一审意见', _csrf: supervisor2.csrfToken }));
    expect(second.headers.get('location')).toBe(`/alerts/${alertId}?done=decided`);
    const seen = await (await page(`/alerts/${alertId}`, supervisor2)).text();
    expect(seen).toContain('一审理由：代办频繁');
    expect((await database.db.prisma.alert.findUniqueOrThrow({ where: { id: alertId } })).status).toBe('CLOSED');
  });

  it('re-renders a refused decision with the rule named and the reason kept', async () => {
    const { alertId } = await plantAlert(database.db, { id: `web-refused-${backend}`, dualReview: false });
    const res = await page(`/alerts/${alertId}/decide`, supervisor, form({ decision: 'CONFIRMED', reason: '短', _csrf: supervisor.csrfToken }));
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain('REASON_TOO_SHORT');
    expect(html).toContain('>短</textarea>');
  });

  it('shows a hit\'s evidence with Chinese labels, not its JSON keys', async () => {
    const { alertId } = await plantAlert(database.db, { id: `web-evidence-${backend}`, dualReview: false });
    const html = await (await page(`/alerts/${alertId}`, supervisor)).text();
    expect(html).toContain('<dt>不同申请人数</dt><dd>7</dd>');
    expect(html).not.toContain('distinctApplicants');
  });

  it('names the station and handler as the reference data knows them, and shows a code it does not know as it is', async () => {
    const { alertId, transactionId } = await plantAlert(database.db, { id: `web-names-${backend}`, dualReview: false, handlerId: 'H-WEB-NAMES' });
    await database.db.prisma.station.upsert({
      where: { code: '330100-DMV-01' }, update: { name: '杭州市车管所' },
      create: { code: '330100-DMV-01', name: '杭州市车管所', kind: 'DMV', hours: {}, workstations: [] },
    });
    const bare = await (await page(`/alerts/${alertId}`, supervisor)).text();
    expect(bare).toContain('杭州市车管所（330100-DMV-01）');
    expect(bare).toContain('<dt>经办人</dt><dd>H-WEB-NAMES</dd>');
    await database.db.prisma.handler.create({ data: { id: 'H-WEB-NAMES', name: '孙静子', role: 'CLERK', stations: ['330100-DMV-01'], permissions: [], active: true } });
    expect(await (await page(`/alerts/${alertId}`, supervisor)).text()).toContain('<dt>经办人</dt><dd>孙静子（H-WEB-NAMES）</dd>');
    expect(await (await page(`/transactions/${transactionId}`, supervisor)).text()).toContain('<dt>经办人</dt><dd>孙静子（H-WEB-NAMES）</dd>');
    const inbox = await (await page('/alerts', supervisor)).text();
    expect(inbox).toContain('杭州市车管所<br/><small class="muted">330100-DMV-01</small>');
  });

  it('masks personal data, and shows it whole only as an audited read for roles that may', async () => {
    const { alertId, transactionId } = await plantAlert(database.db, { id: `web-mask-${backend}`, dualReview: false });
    const masked = await (await page(`/alerts/${alertId}`, supervisor)).text();
    expect(masked).toContain('330106********2313');
    expect(masked).not.toContain('330106198505052313');
    const whole = await (await page(`/alerts/${alertId}?unmask=true`, supervisor)).text();
    expect(whole).toContain('330106198505052313');
    const reads = await database.db.prisma.auditEntry.count({ where: { action: 'personal_data.read', entityType: 'alert', entityId: alertId.toString() } });
    expect(reads).toBe(1);
    expect((await page(`/transactions/${transactionId}?unmask=true`, reviewer)).status).toBe(403);
    const reviewerView = await (await page(`/transactions/${transactionId}`, reviewer)).text();
    expect(reviewerView).toContain('330102********1234');
    expect(reviewerView).not.toContain('显示完整个人信息');
  });

  it('ends the session on the server at sign-out', async () => {
    const leaving = await signIn(api, ['AUDITOR']);
    expect((await page('/audit', leaving)).status).toBe(200);
    const out = await page('/logout', leaving, form({ _csrf: leaving.csrfToken }));
    expect(out.headers.get('location')).toBe('/login?signedOut=1');
    expect((await page('/audit', leaving)).status).toBe(302);
  });

  it('lets investigators search (audited) and supervisors only read the colluding-handler list', async () => {
    const investigator = await signIn(api, ['INVESTIGATOR']);
    const search = await page('/investigate?q=13900000000', investigator);
    expect(search.status).toBe(200);
    expect(await search.text()).toContain('按电话查询');
    expect(await database.db.prisma.auditEntry.count({ where: { actor: investigator.username, action: 'investigation.search' } })).toBe(1);
    expect((await page('/investigate?q=13900000000', supervisor)).status).toBe(403);
    expect((await page('/investigate/handlers', supervisor)).status).toBe(200);
    const csv = await page('/investigate/suspects.csv', investigator);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toMatch(/^排名 rank/);
  });

  it('creates a user with every role ticked (repeated checkboxes), audited by the use case', async () => {
    const admin = await signIn(api, ['ADMIN']);
    const body = new URLSearchParams({ _csrf: admin.csrfToken, username: `web-multi-${backend}`, displayName: '多角色', password: 'a long enough password' });
    body.append('roles', 'SUPERVISOR');
    body.append('roles', 'INVESTIGATOR');
    const res = await page('/admin/users', admin, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString() });
    expect(res.status).toBe(303);
    const created = await database.db.prisma.user.findUniqueOrThrow({ where: { username: `web-multi-${backend}` } });
    expect([...created.roles].sort()).toEqual(['INVESTIGATOR', 'SUPERVISOR']);
    expect(await database.db.prisma.auditEntry.count({ where: { action: 'user.created', entityId: created.id.toString(), actor: admin.username } })).toBe(1);
  });

  it.each([
    ['GET', '/admin/tokens', ['ADMIN']],
    ['POST', '/admin/tokens', ['ADMIN']],
    ['POST', '/admin/tokens/999999/revoke', ['ADMIN']],
    ['GET', '/admin/rule-sets/nope/edit', ['ADMIN']],
    ['POST', '/admin/rule-sets/nope/edit', ['ADMIN']],
    ['POST', '/investigate/persons/nope/links/999999/decide', ['INVESTIGATOR']],
  ] as const)('%s %s opens only to %j, and to nobody without the CSRF token', async (method, target, roles) => {
    const seen: string[] = [];
    for (const role of USER_ROLES) {
      const session = await sessionOf(role);
      const status = (await page(target, session, method === 'POST' ? form({ _csrf: session.csrfToken }) : {})).status;
      seen.push(`${role}:${status}`);
      expect(status === 403, seen.join(' ')).toBe(!(roles as readonly string[]).includes(role));
      if (method === 'POST') expect((await page(target, session, form({}))).status).toBe(403);
    }
    expect((await page(target, undefined, method === 'POST' ? form({}) : {})).status).toBe(method === 'POST' ? 303 : 302);
  });

  it('shows the new sections to their roles only, and the draft editor only to its author', async () => {
    const admin = await signIn(api, ['ADMIN']);
    const nav = await (await page('/', admin)).text();
    expect(nav).toContain('href="/admin/tokens"');
    expect(await (await page('/', supervisor)).text()).not.toContain('href="/admin/tokens"');
    const created = await page('/admin/rule-sets', admin, form({ _csrf: admin.csrfToken, note: '菜单测试' }));
    const base = created.headers.get('location')!.split('?')[0]!;
    expect(await (await page(base, admin)).text()).toContain(`href="${base}/edit"`);
    const other = await signIn(api, ['ADMIN']);
    const seen = await (await page(base, other)).text();
    expect(seen).not.toContain(`href="${base}/edit"`);
    expect(seen).toContain('只有起草人可以修改或提交审批');
  });

  it('starts the chain verification again when the process running it stopped, and shows its result to the polls', async () => {
    const auditor = await sessionOf('AUDITOR');
    // What a process stopped in the middle of a verification leaves behind.
    await database.db.sql.query(`INSERT INTO background_run (id, kind, owner_id, done, total, started_at, heartbeat_at, input)
      VALUES ('stopped-verify', 'audit-verify', $1::bigint, 3, 10, now() - interval '2 minutes', now() - interval '1 minute', '{}')`, [auditor.userId.toString()]);
    const restarted = await (await page('/audit/verify/stopped-verify', auditor)).text();
    expect(restarted).toContain('原进程已停止，第 2 次开始');
    let html = restarted;
    for (let i = 0; i < 100 && html.includes('run-progress'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      html = await (await page('/audit/verify/stopped-verify', auditor)).text();
    }
    expect(html).toMatch(/审计链完整：共 \d+ 条/);
  });

  it('serves the scripts from node_modules under /assets/ and answers unknown pages in HTML', async () => {
    const htmx = await api.app.request('/assets/htmx.min.js?v=0');
    expect(htmx.status).toBe(200);
    expect(htmx.headers.get('content-type')).toMatch(/javascript/);
    expect((await api.app.request('/assets/nothing.js')).status).toBe(404);
    const missing = await page('/no-such-page', supervisor);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/text\/html/);
    const apiMissing = await api.app.request('/api/v1/nothing');
    expect(apiMissing.headers.get('content-type')).toBe('application/problem+json');
  });
});
