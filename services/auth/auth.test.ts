import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, jsonRequest, signIn, TEST_PASSWORD, type TestApi } from '../../test/support/api.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../../test/support/databases.ts';
import { login } from './login.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { resolveSession } from './sessions.ts';
import { createUser, ensureFirstAdmin } from './users.ts';

const POLICY = { session: { maxMs: 12 * 3_600_000, idleMs: 30 * 60_000 }, throttle: { delayAfter: 5, lockAfter: 10, lockMs: 15 * 60_000 } };
const META = { ip: '10.0.0.9', userAgent: 'test' };

describe('password hashing', () => {
  it('uses scrypt with a random salt and verifies only the right password', async () => {
    const [a, b] = await Promise.all([hashPassword('a long passphrase'), hashPassword('a long passphrase')]);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('a long passphrase', a)).toBe(true);
    expect(await verifyPassword('a long passphrasE', a)).toBe(false);
  });
});

describe.each(BACKENDS)('sign-in, sessions and tokens on %s', (kind) => {
  let test: TestDatabase;
  let api: TestApi;
  const logLines: string[] = [];
  beforeAll(async () => {
    test = await openTestDatabase(kind);
    // Everything the app logs at any level, unredacted: the password must never reach a logger at all.
    const sink = new Writable({ write(chunk, _enc, done) { logLines.push(String(chunk)); done(); } });
    api = await createTestApi(test.db, {}, pino({ level: 'trace' }, sink));
    await createUser(test.db, 'test', { username: 'zhang', displayName: '张', password: TEST_PASSWORD, roles: ['SUPERVISOR'] });
  });
  afterAll(async () => {
    await api.dispose();
    await test.dispose();
  });
  const loginRequest = (username: string, password: string, headers: Record<string, string> = {}) =>
    api.app.request('/api/v1/auth/login', jsonRequest('POST', { username, password }, headers));

  it('signs in with an HttpOnly, SameSite=Strict cookie, Secure behind X-Forwarded-Proto https', async () => {
    const plain = await loginRequest('zhang', TEST_PASSWORD);
    expect(plain.status).toBe(200);
    const cookie = plain.headers.get('set-cookie')!;
    expect(cookie).toMatch(/cheguan_session=[\w-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toMatch(/Secure/);
    const https = await loginRequest('zhang', TEST_PASSWORD, { 'x-forwarded-proto': 'https' });
    expect(https.headers.get('set-cookie')).toMatch(/; Secure/);
    const stored = await test.db.prisma.userSession.findMany();
    expect(stored.every((s) => s.idHash.length === 64 && !cookie.includes(s.idHash))).toBe(true);
  });

  it('answers /me, demands the CSRF token on state-changing cookie requests, and logs out on the server', async () => {
    const s = await signIn(api, ['REVIEWER']);
    const me = await (await api.app.request('/api/v1/auth/me', { headers: { cookie: s.cookie } })).json();
    expect(me).toMatchObject({ kind: 'user', username: s.username, roles: ['REVIEWER'], csrfToken: s.csrfToken });
    const noCsrf = await api.app.request('/api/v1/auth/logout', { method: 'POST', headers: { cookie: s.cookie } });
    expect([noCsrf.status, (await noCsrf.json() as { code: string }).code]).toEqual([403, 'CSRF_REJECTED']);
    const wrong = await api.app.request('/api/v1/auth/logout', { method: 'POST', headers: { cookie: s.cookie, 'x-csrf-token': 'x'.repeat(43) } });
    expect(wrong.status).toBe(403);
    expect((await api.app.request('/api/v1/auth/logout', { method: 'POST', headers: s.headers })).status).toBe(204);
    expect((await api.app.request('/api/v1/auth/me', { headers: s.headers })).status).toBe(401);
  });

  it('expires sessions after the idle timeout and the absolute lifetime', async () => {
    const ok = await login(test.db, { username: 'zhang', password: TEST_PASSWORD }, POLICY, META, new Date('2026-03-01T08:00:00Z'));
    if (!ok.ok) throw new Error(ok.error.detail);
    const at = (iso: string) => resolveSession(test.db, ok.value.id, POLICY.session, new Date(iso));
    expect(await at('2026-03-01T08:29:00Z')).not.toBeNull();
    expect(await at('2026-03-01T09:00:00Z')).toBeNull(); // idle 31 min since last seen at 08:29
    const fresh = await login(test.db, { username: 'zhang', password: TEST_PASSWORD }, POLICY, META, new Date('2026-03-01T08:00:00Z'));
    if (!fresh.ok) throw new Error(fresh.error.detail);
    let t = Date.parse('2026-03-01T08:00:00Z');
    for (let i = 0; i < 23; i++) { t += 29 * 60_000; if (t < Date.parse('2026-03-01T20:00:00Z')) expect(await resolveSession(test.db, fresh.value.id, POLICY.session, new Date(t))).not.toBeNull(); }
    expect(await resolveSession(test.db, fresh.value.id, POLICY.session, new Date('2026-03-01T20:00:01Z'))).toBeNull();
  });

  it('answers an unknown user exactly like a wrong password', async () => {
    const unknown = await loginRequest('nobody', 'whatever password');
    const wrong = await loginRequest('zhang', 'wrong password!!');
    expect(unknown.status).toBe(401);
    expect((await unknown.json() as { detail: string }).detail).toBe((await wrong.json() as { detail: string }).detail);
  });

  it('slows brute force after 5 failures and locks after 10, per user name and per address; never logs the password', async () => {
    await createUser(test.db, 'test', { username: 'target', displayName: 't', password: TEST_PASSWORD, roles: ['AUDITOR'] });
    let now = Date.parse('2026-03-02T08:00:00Z');
    const attempt = (password: string, ip = '10.0.0.1') => login(test.db, { username: 'target', password }, POLICY, { ip, userAgent: null }, new Date(now));
    for (let i = 0; i < 5; i++) expect((await attempt(`guess-${i}`)).ok).toBe(false);
    const throttled = await attempt(TEST_PASSWORD);
    expect(throttled.ok ? null : [throttled.error.code, throttled.error.extensions]).toEqual(['LOGIN_THROTTLED', { retryAfterSeconds: 1, locked: false }]);
    for (let i = 5; i < 10; i++) { now += 60_000; await attempt(`guess-${i}`, `10.0.1.${i}`); }
    now += 60_000;
    const locked = await attempt(TEST_PASSWORD, '10.9.9.9');
    expect(locked.ok ? null : locked.error.extensions).toMatchObject({ locked: true });
    now += 16 * 60_000;
    expect((await attempt(TEST_PASSWORD, '10.9.9.9')).ok).toBe(true);
    // Per address: ten wrong user names from one address lock that address for everyone.
    for (let i = 0; i < 10; i++) { now += 60_000; await login(test.db, { username: `spray-${i}`, password: 'x' }, POLICY, { ip: '10.6.6.6', userAgent: null }, new Date(now)); }
    const fromSprayer = await login(test.db, { username: 'zhang', password: TEST_PASSWORD }, POLICY, { ip: '10.6.6.6', userAgent: null }, new Date(now));
    expect(fromSprayer.ok ? null : fromSprayer.error.code).toBe('LOGIN_THROTTLED');
    for (let i = 0; i < 6; i++) await loginRequest('target', 'secret-guess-xyz');
    const http = await loginRequest('target', 'secret-guess-xyz');
    expect(http.status).toBe(429);
    expect(Number(http.headers.get('retry-after'))).toBeGreaterThan(0);
    const everything = logLines.join('') + JSON.stringify(await test.db.prisma.auditEntry.findMany({ select: { data: true } }));
    expect(everything).not.toContain(TEST_PASSWORD);
    expect(everything).not.toContain('secret-guess-xyz');
    expect(await test.db.prisma.auditEntry.count({ where: { action: 'auth.login_failed' } })).toBeGreaterThan(10);
  });

  it('creates the first ADMIN from configuration once, and only when no ADMIN exists', async () => {
    const first = await ensureFirstAdmin(test.db, 'root', 'root password 123');
    expect(first).toMatchObject({ username: 'root', roles: ['ADMIN'], demo: false });
    expect(await ensureFirstAdmin(test.db, 'root2', 'root password 123')).toBeNull();
    expect(await ensureFirstAdmin(test.db, undefined, undefined)).toBeNull();
  });

  it('lets an ADMIN create and update users (audited), ending sessions when roles change; tokens can be revoked', async () => {
    const admin = await signIn(api, ['ADMIN']);
    const created = await api.app.request('/api/v1/users', jsonRequest('POST', { username: 'li.si', displayName: '李四', password: 'li si password 1', roles: ['SUPERVISOR'], handlerId: 'H10007' }, admin.headers));
    expect(created.status).toBe(201);
    const user = await created.json() as { id: string; handlerId: string };
    expect(user.handlerId).toBe('H10007');
    expect((await api.app.request('/api/v1/users', jsonRequest('POST', { username: 'LI.SI', displayName: 'x', password: 'li si password 1', roles: [] }, admin.headers))).status).toBe(409);
    const session = await loginRequest('li.si', 'li si password 1');
    const cookie = session.headers.get('set-cookie')!.split(';')[0]!;
    const patched = await api.app.request(`/api/v1/users/${user.id}`, jsonRequest('PATCH', { roles: ['SUPERVISOR', 'INVESTIGATOR'] }, admin.headers));
    expect(await patched.json()).toMatchObject({ roles: ['SUPERVISOR', 'INVESTIGATOR'] });
    expect((await api.app.request('/api/v1/auth/me', { headers: { cookie } })).status).toBe(401);
    const actions = await test.db.prisma.auditEntry.findMany({ where: { entityType: 'user', entityId: user.id }, select: { action: true, actor: true, data: true } });
    expect(actions.map((a) => a.action)).toEqual(['user.created', 'auth.login', 'user.updated']);
    expect(JSON.stringify(actions)).not.toContain('li si password 1');
    const token = await (await api.app.request('/api/v1/tokens', jsonRequest('POST', { name: 'dms', scopes: ['read'] }, admin.headers))).json() as { id: string; token: string };
    const bearer = { authorization: `Bearer ${token.token}` };
    expect((await api.app.request('/api/v1/auth/me', { headers: bearer })).status).toBe(200);
    expect((await api.app.request(`/api/v1/tokens/${token.id}`, { method: 'DELETE', headers: admin.headers })).status).toBe(200);
    expect((await api.app.request('/api/v1/auth/me', { headers: bearer })).status).toBe(401);
    expect(await test.db.prisma.apiToken.count({ where: { tokenHash: token.token } })).toBe(0);
  });
});
