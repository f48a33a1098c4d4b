import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plantAlert } from '../../test/support/alerts.ts';
import { createTestApi, jsonRequest, signIn, type Session, type TestApi } from '../../test/support/api.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../../test/support/databases.ts';
import { decideAlert } from './decide-alert.ts';
import { slaState } from './sla.ts';

type Problem = { status: number; code: string; rule?: string };

describe.each(BACKENDS)('alert workflow and dual review on %s', (kind) => {
  let test: TestDatabase;
  let api: TestApi;
  let alice: Session; // SUPERVISOR
  let bob: Session; // SUPERVISOR
  let carol: Session; // SENIOR_SUPERVISOR
  let dave: Session; // SENIOR_SUPERVISOR
  let linked: Session; // SUPERVISOR linked to handler H10023
  let admin: Session;
  let seq = 0;
  const nextId = () => `330100-2026-R${String(++seq).padStart(6, '0')}`;

  const post = async (who: Session, alertId: bigint, verb: string, body: unknown) => {
    const res = await api.app.request(`/api/v1/alerts/${alertId}/${verb}`, jsonRequest('POST', body, who.headers));
    return { status: res.status, body: await res.json() as Record<string, unknown> & Problem };
  };
  const view = async (who: Session, alertId: bigint, query = '') =>
    (await api.app.request(`/api/v1/alerts/${alertId}${query}`, { headers: who.headers })).json() as Promise<Record<string, unknown>>;

  beforeAll(async () => {
    test = await openTestDatabase(kind);
    api = await createTestApi(test.db);
    [alice, bob, carol, dave, linked, admin] = await Promise.all([
      signIn(api, ['SUPERVISOR']), signIn(api, ['SUPERVISOR']), signIn(api, ['SENIOR_SUPERVISOR']),
      signIn(api, ['SENIOR_SUPERVISOR']), signIn(api, ['SUPERVISOR'], { handlerId: 'H10023' }), signIn(api, ['ADMIN']),
    ]);
  });
  afterAll(async () => {
    await api.dispose();
    await test.dispose();
  });

  it('refuses the same user deciding twice (DUAL_REVIEW_DISTINCT_USERS)', async () => {
    const { alertId } = await plantAlert(test.db, { id: nextId(), dualReview: true });
    expect((await post(alice, alertId, 'decide', { decision: 'CONFIRMED', reason: '代办频次异常' })).body.status).toBe('FIRST_DECIDED');
    const again = await post(alice, alertId, 'decide', { decision: 'CONFIRMED', reason: '再次确认一下' });
    expect([again.status, again.body.code, again.body.rule]).toEqual([409, 'RULE_REFUSED', 'DUAL_REVIEW_DISTINCT_USERS']);
  });

  it('refuses a user linked to the handler (NOT_LINKED_TO_HANDLER), also as assignee', async () => {
    const { alertId } = await plantAlert(test.db, { id: nextId(), dualReview: false });
    const res = await post(linked, alertId, 'decide', { decision: 'DISMISSED', reason: '本人经办的业务' });
    expect([res.status, res.body.rule]).toEqual([409, 'NOT_LINKED_TO_HANDLER']);
    const assign = await post(alice, alertId, 'assign', { assigneeId: linked.userId.toString() });
    expect(assign.body.rule).toBe('NOT_LINKED_TO_HANDLER');
  });

  it('refuses an ADMIN without a supervisor role (SUPERVISOR_ROLE_REQUIRED), at the edge and in the use case', async () => {
    const { alertId } = await plantAlert(test.db, { id: nextId(), dualReview: false });
    const res = await post(admin, alertId, 'decide', { decision: 'CONFIRMED', reason: '管理员越权操作' });
    expect([res.status, res.body.rule]).toEqual([403, 'SUPERVISOR_ROLE_REQUIRED']);
    const direct = await decideAlert(test.db, { userId: admin.userId, username: admin.username, roles: ['ADMIN'], handlerId: null }, alertId, { decision: 'CONFIRMED', reason: '管理员越权操作' });
    expect(direct.ok ? null : direct.error.extensions?.rule).toBe('SUPERVISOR_ROLE_REQUIRED');
  });

  it('refuses a reason shorter than 4 characters (REASON_TOO_SHORT)', async () => {
    const { alertId } = await plantAlert(test.db, { id: nextId(), dualReview: false });
    const res = await post(alice, alertId, 'decide', { decision: 'CONFIRMED', reason: ' 不行 ' });
    expect(res.body.rule).toBe('REASON_TOO_SHORT');
  });

  it('closes a single review with one decision', async () => {
    const { alertId } = await plantAlert(test.db, { id: nextId(), dualReview: false });
    const res = await post(alice, alertId, 'decide', { decision: 'DISMISSED', reason: '经核实属正常代办' });
    expect(res.body).toMatchObject({ status: 'CLOSED', outcome: 'DISMISSED', stage: 'SINGLE' });
    expect((await post(bob, alertId, 'decide', { decision: 'CONFIRMED', reason: '已关闭还想改' })).body.rule).toBe('ALERT_CLOSED');
  });

  it('closes when two supervisors agree, blind to each other until the second has decided', async () => {
    const { alertId } = await plantAlert(test.db, { id: nextId(), dualReview: true });
    await post(alice, alertId, 'decide', { decision: 'CONFIRMED', reason: '疑似黄牛代办' });
    const blind = await view(bob, alertId);
    expect(blind).toMatchObject({ status: 'FIRST_DECIDED', decisionsRecorded: 1, decisionsHidden: true, decisions: [] });
    expect(JSON.stringify(blind)).not.toContain('疑似黄牛代办');
    expect(await view(alice, alertId)).toMatchObject({ decisionsHidden: false, decisions: [{ decision: 'CONFIRMED' }] });
    const second = await post(bob, alertId, 'decide', { decision: 'CONFIRMED', reason: '同意，证据充分' });
    expect(second.body).toMatchObject({ status: 'CLOSED', outcome: 'CONFIRMED', stage: 'SECOND' });
    expect(((await view(bob, alertId)).decisions as unknown[]).length).toBe(2);
  });

  it('escalates on disagreement; the first reviewer (a senior) may not settle; another senior settles', async () => {
    const { alertId } = await plantAlert(test.db, { id: nextId(), dualReview: true });
    await post(carol, alertId, 'decide', { decision: 'CONFIRMED', reason: '存在违规代办' });
    const second = await post(bob, alertId, 'decide', { decision: 'DISMISSED', reason: '属于正常业务' });
    expect(second.body).toMatchObject({ status: 'ESCALATED', outcome: null });
    expect((await post(alice, alertId, 'decide', { decision: 'CONFIRMED', reason: '第三人也想决定' })).body.rule).toBe('ESCALATED_NEEDS_SETTLEMENT');
    expect((await post(carol, alertId, 'settle', { decision: 'CONFIRMED', reason: '我坚持原意见' })).body.rule).toBe('SENIOR_NOT_A_REVIEWER');
    expect((await post(alice, alertId, 'settle', { decision: 'CONFIRMED', reason: '普通民警裁决' })).body.rule).toBe('SENIOR_ROLE_REQUIRED');
    const settled = await post(dave, alertId, 'settle', { decision: 'DISMISSED', reason: '复核后认定正常' });
    expect(settled.body).toMatchObject({ status: 'CLOSED', outcome: 'DISMISSED' });
    const audit = await test.db.prisma.auditEntry.findMany({ where: { entityType: 'alert', entityId: alertId.toString() }, orderBy: { seq: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['alert.decided', 'alert.decided', 'alert.settled']);
  });

  it('backs "one decision per user per alert" with the unique index', async () => {
    const { alertId } = await plantAlert(test.db, { id: nextId(), dualReview: true });
    await test.db.prisma.alertDecision.create({ data: { alertId, userId: alice.userId, stage: 'FIRST', decision: 'CONFIRMED', reason: '直接写库' } });
    await expect(test.db.prisma.alertDecision.create({ data: { alertId, userId: alice.userId, stage: 'SECOND', decision: 'CONFIRMED', reason: '再写一次' } })).rejects.toThrow();
    await expect(test.db.prisma.alertDecision.create({ data: { alertId, userId: bob.userId, stage: 'SECOND', decision: 'CONFIRMED', reason: '短' } })).rejects.toThrow();
  });

  it('assigns automatically to the least-loaded eligible supervisor, never to one linked to the handler', async () => {
    const ids: bigint[] = [];
    for (let i = 0; i < 6; i++) ids.push((await plantAlert(test.db, { id: nextId(), dualReview: false })).alertId);
    const chosen: string[] = [];
    for (const id of ids) {
      const res = await post(alice, id, 'assign', { auto: true });
      expect(res.status).toBe(200);
      chosen.push((res.body.assigned as { username: string }).username);
    }
    expect(chosen).not.toContain(linked.username);
    const counts = chosen.reduce<Record<string, number>>((m, u) => ({ ...m, [u]: (m[u] ?? 0) + 1 }), {});
    expect(Math.max(...Object.values(counts)) - Math.min(...Object.values(counts))).toBeLessThanOrEqual(1);
    expect(Object.keys(counts).length).toBeGreaterThanOrEqual(3);
  });

  it('shows the hits with evidence, masked unless a supervisor asks to unmask (audited)', async () => {
    const { alertId } = await plantAlert(test.db, { id: nextId(), dualReview: false });
    const masked = await view(alice, alertId) as { assessment: { hits: Array<{ riskPoint: string; weight: number; evidence: Record<string, unknown> }> }; transaction: { applicant: { idNumber: string } }; relatedOpenAlerts: unknown[] };
    expect(masked.assessment.hits[0]).toMatchObject({ riskPoint: 'R16', weight: 50, evidence: { distinctApplicants: 7, agentIdNumber: '330106********2313', agentPhone: '139****0000' } });
    expect(masked.transaction.applicant.idNumber).toBe('330102********1234');
    expect(masked.relatedOpenAlerts.length).toBeGreaterThan(0);
    const whole = await view(alice, alertId, '?unmask=true') as { transaction: { applicant: { idNumber: string } } };
    expect(whole.transaction.applicant.idNumber).toBe('330102199001011234');
    expect(await test.db.prisma.auditEntry.count({ where: { action: 'personal_data.read', entityId: alertId.toString() } })).toBe(1);
  });

  it('lists alerts with filters and SLA states', async () => {
    const old = await plantAlert(test.db, { id: nextId(), dualReview: false, createdAt: new Date(Date.now() - 80 * 3_600_000) });
    const near = await plantAlert(test.db, { id: nextId(), dualReview: true, createdAt: new Date(Date.now() - 21 * 3_600_000) });
    const get = async (q: string) => (await api.app.request(`/api/v1/alerts?${q}`, { headers: alice.headers })).json() as Promise<{ items: Array<{ id: string; slaState: string }>; total: number }>;
    expect((await get('slaState=BREACHED')).items.map((i) => i.id)).toContain(old.alertId.toString());
    expect((await get('slaState=NEAR_BREACH')).items.map((i) => i.id)).toEqual([near.alertId.toString()]);
    expect((await get('riskPoint=R16&pageSize=2')).items).toHaveLength(2);
    expect((await get('riskPoint=R01')).total).toBe(0);
    expect((await get('status=ESCALATED')).total).toBe(0);
    expect((await get('type=TRANSFER&station=330100-DMV-01')).total).toBeGreaterThan(5);
  });
});

describe('SLA state', () => {
  const createdAt = new Date('2026-03-01T00:00:00Z');
  const slaDueAt = new Date('2026-03-02T00:00:00Z');
  it.each([
    ['2026-03-01T12:00:00Z', 'ON_TIME'], ['2026-03-01T19:13:00Z', 'NEAR_BREACH'], ['2026-03-02T00:00:00Z', 'NEAR_BREACH'], ['2026-03-02T00:00:01Z', 'BREACHED'],
  ])('at %s is %s', (now, state) => {
    expect(slaState({ createdAt, slaDueAt, closedAt: null }, new Date(now))).toBe(state);
  });
});
