import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, jsonRequest, signIn, type Session, type TestApi } from '../support/api.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../support/databases.ts';

describe.each(BACKENDS)('rule-set endpoints (maker-checker over HTTP) on %s', (kind) => {
  let test: TestDatabase;
  let api: TestApi;
  let maker: Session;
  let checker: Session;
  beforeAll(async () => {
    test = await openTestDatabase(kind);
    api = await createTestApi(test.db);
    maker = await signIn(api, ['ADMIN']);
    checker = await signIn(api, ['ADMIN']);
  });
  afterAll(async () => {
    await api.dispose();
    await test.dispose();
  });
  const call = async (who: Session, method: string, path: string, body?: unknown) => {
    const res = await api.app.request(`/api/v1/rule-sets${path}`, body === undefined ? { method, headers: who.headers } : jsonRequest(method, body, who.headers));
    return { status: res.status, body: await res.json() as Record<string, unknown> };
  };

  it('drafts, diffs, backtests, refuses self-approval and publishes on a second ADMIN approval', async () => {
    const draft = await call(maker, 'POST', '', { note: 'R16 更严', config: { points: { R16: { weight: 60 } } } });
    expect(draft.status).toBe(201);
    const version = draft.body.version as string;
    expect((await call(maker, 'PATCH', `/${version}`, { note: 'R16 权重 60' })).status).toBe(200);
    const diff = await call(maker, 'GET', `/${version}/diff`);
    expect(JSON.stringify(diff.body)).toContain('R16');
    expect((await call(checker, 'POST', `/${version}/backtest`, {})).status).toBe(200);
    expect((await call(maker, 'POST', `/${version}/submit`)).body.status).toBe('PENDING_APPROVAL');
    const self = await call(maker, 'POST', `/${version}/approve`, {});
    expect([self.status, self.body.rule]).toEqual([409, 'MAKER_CHECKER']);
    expect((await call(checker, 'POST', `/${version}/reject`, { reason: '请补充回测说明' })).body.status).toBe('DRAFT');
    await call(maker, 'POST', `/${version}/submit`);
    const published = await call(checker, 'POST', `/${version}/approve`, { comment: '同意' });
    expect(published.body).toMatchObject({ ruleSet: { version, status: 'PUBLISHED', createdBy: maker.username, approvedBy: checker.username } });
    const list = await call(checker, 'GET', '?status=PUBLISHED');
    expect((list.body.ruleSets as Array<{ version: string }>).map((r) => r.version)).toEqual([version]);
    const detail = await call(checker, 'GET', `/${version}`);
    expect((detail.body.history as Array<{ action: string; actor: string }>).map((h) => h.actor)).toContain(checker.username);
  });
});
