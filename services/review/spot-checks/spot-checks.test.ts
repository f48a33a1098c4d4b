/**
 * 双随机 spot checks on both back ends: only transactions without an alert are drawn, each gets
 * a reviewer drawn from the eligible supervisors (never one linked to the handler), the same
 * seed redraws the same sample, the draw is audited, and only the drawn reviewer decides.
 */
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestTransactions } from '../../ingest/ingest-transactions.ts';
import { LocalBlobStore } from '../../platform/blob-store.ts';
import type { Result } from '../../platform/errors.ts';
import type { ReviewActor } from '../review-rules.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../../../test/support/databases.ts';
import { sampleTransaction } from '../../../test/support/fixtures.ts';
import { decideSpotCheck, drawSpotCheck, getDraw, verifyDraw } from './index.ts';

const PERIOD = { from: '2026-03-01T00:00:00+08:00', to: '2026-04-01T00:00:00+08:00' };

const ruleOf = (r: Result<unknown>): string => (r.ok ? 'ok' : String(r.error.extensions?.rule ?? r.error.code));

describe.each(BACKENDS)('spot checks on %s', (backend) => {
  let database: TestDatabase;
  const users = new Map<string, bigint>();
  const actor = (name: string, roles: ReviewActor['roles'] = ['SUPERVISOR']): ReviewActor => ({ userId: users.get(name) ?? 0n, username: name, roles, handlerId: null });

  beforeAll(async () => {
    database = await openTestDatabase(backend);
    const db = database.db;
    const txs = Array.from({ length: 30 }, (_, i) => sampleTransaction({
      id: `SC-${String(i).padStart(2, '0')}`, acceptedAt: `2026-03-${String(2 + (i % 20)).padStart(2, '0')}T09:15:00+08:00`,
      completedAt: `2026-03-${String(2 + (i % 20)).padStart(2, '0')}T09:52:00+08:00`, handlerId: i % 2 === 0 ? 'H10023' : 'H20001',
    }));
    const stored = await ingestTransactions({ db, blobs: new LocalBlobStore(path.join(os.tmpdir(), 'spot-blobs')), hooks: [] }, txs, { actor: 'test', source: 'api' });
    expect(stored.ok).toBe(true);
    for (const [i, t] of txs.entries()) {
      const alert = i < 5;
      const a = await db.prisma.assessment.create({ data: { transactionId: String(t.id), transactionVersion: 1, ruleSetVersion: 'test', score: alert ? 60 : 5, alert, dualReview: false, photoChecks: 'DONE', current: true, trigger: 'INGEST' } });
      if (alert) await db.prisma.alert.create({ data: { transactionId: String(t.id), assessmentId: a.id, status: 'OPEN', severity: 'MEDIUM', score: 60, dualReview: false, slaDueAt: new Date(Date.now() + 72 * 3_600_000) } });
    }
    const mk = async (username: string, roles: string[], handlerId: string | null = null) => {
      users.set(username, (await db.prisma.user.create({ data: { username, displayName: username, passwordHash: 'x', roles, handlerId } })).id);
    };
    await mk('sup-a', ['SUPERVISOR']);
    await mk('sup-b', ['SENIOR_SUPERVISOR']);
    await mk('sup-linked', ['SUPERVISOR'], 'H10023');
    await mk('rev-only', ['REVIEWER']);
  }, 60_000);

  afterAll(async () => { await database?.dispose(); });

  it('draws only alert-free transactions, assigns eligible supervisors, and audits the seed', async () => {
    const drawn = await drawSpotCheck(database.db, actor('sup-a'), { ...PERIOD, size: 12, seed: 'seed-2026' });
    if (!drawn.ok) throw new Error(drawn.error.detail);
    expect(drawn.value.population).toBe(25);
    expect(new Set(drawn.value.items.map((i) => i.transactionId)).size).toBe(12);
    expect(drawn.value.items.every((i) => Number(i.transactionId.slice(3)) >= 5)).toBe(true);
    const byId = new Map([...users].map(([name, id]) => [id.toString(), name]));
    for (const item of drawn.value.items) {
      const assignee = byId.get(item.assigneeId);
      expect(['sup-a', 'sup-b', 'sup-linked']).toContain(assignee);
      // H10023 handles the even-numbered transactions: the supervisor linked to it never gets them.
      if (Number(item.transactionId.slice(3)) % 2 === 0) expect(assignee).not.toBe('sup-linked');
    }
    const audit = await database.db.prisma.auditEntry.findFirst({ where: { action: 'spot-check.drawn', entityId: drawn.value.drawId } });
    expect(audit?.data).toMatchObject({ seed: 'seed-2026', size: 12, population: 25 });
  });

  it('redraws the same sample from the same seed, a different one from another seed, and verifies a draw', async () => {
    const first = await drawSpotCheck(database.db, actor('sup-b', ['SENIOR_SUPERVISOR']), { ...PERIOD, size: 8, seed: 'again' });
    const second = await drawSpotCheck(database.db, actor('sup-a'), { ...PERIOD, size: 8, seed: 'again' });
    const other = await drawSpotCheck(database.db, actor('sup-a'), { ...PERIOD, size: 8, seed: 'other' });
    if (!first.ok || !second.ok || !other.ok) throw new Error('draw failed');
    expect(second.value.items).toEqual(first.value.items);
    expect(other.value.items).not.toEqual(first.value.items);
    expect(await verifyDraw(database.db, BigInt(first.value.drawId))).toEqual({ ok: true, value: { reproduced: true, populationUnchanged: true, reviewersUnchanged: true } });
    expect(first.value.seed).toBe('again');
    const fresh = await drawSpotCheck(database.db, actor('sup-a'), { ...PERIOD, size: 3 });
    expect(fresh.ok && fresh.value.seed).toMatch(/^[0-9a-f]{16}$/);
  });

  it('refuses by rule: a non-supervisor draws, bad parameters, nobody eligible', async () => {
    expect(ruleOf(await drawSpotCheck(database.db, actor('rev-only', ['REVIEWER']), { ...PERIOD, size: 3 }))).toBe('SUPERVISOR_ROLE_REQUIRED');
    const bad = await drawSpotCheck(database.db, actor('sup-a'), { from: PERIOD.to, to: PERIOD.from, size: 0 });
    expect(!bad.ok && bad.error.problems?.map((p) => p.path).sort()).toEqual(['size', 'to']);
    await database.db.prisma.user.updateMany({ where: { username: { in: ['sup-a', 'sup-b'] } }, data: { active: false } });
    try {
      expect(ruleOf(await drawSpotCheck(database.db, actor('sup-a'), { ...PERIOD, size: 25, seed: 'x' }))).toBe('NO_ELIGIBLE_USER');
    } finally {
      await database.db.prisma.user.updateMany({ where: { username: { in: ['sup-a', 'sup-b'] } }, data: { active: true } });
    }
  });

  it('only the drawn reviewer decides, once, with a reason; the draw shows progress', async () => {
    const drawn = await drawSpotCheck(database.db, actor('sup-a'), { ...PERIOD, size: 2, seed: 'decide' });
    if (!drawn.ok) throw new Error('draw failed');
    const view = await getDraw(database.db, BigInt(drawn.value.drawId));
    const item = view.ok ? view.value.items![0]! : undefined;
    if (!item) throw new Error('no item');
    const owner = [...users].find(([, id]) => id.toString() === item.assigneeId)![0];
    const stranger = ['sup-a', 'sup-b', 'sup-linked'].find((n) => n !== owner)!;
    expect(ruleOf(await decideSpotCheck(database.db, actor(stranger), BigInt(item.id), { result: 'CONFORMING', reason: '材料齐全，流程合规' }))).toBe('SPOT_CHECK_NOT_ASSIGNEE');
    expect(ruleOf(await decideSpotCheck(database.db, actor(owner), BigInt(item.id), { result: 'CONFORMING', reason: '合规' }))).toBe('REASON_TOO_SHORT');
    expect(ruleOf(await decideSpotCheck(database.db, actor(owner), BigInt(item.id), { result: 'NONCONFORMING', reason: '缺少授权委托书原件' }))).toBe('ok');
    expect(ruleOf(await decideSpotCheck(database.db, actor(owner), BigInt(item.id), { result: 'CONFORMING', reason: '再次确认合规' }))).toBe('SPOT_CHECK_DECIDED');
    const after = await getDraw(database.db, BigInt(drawn.value.drawId));
    expect(after.ok && after.value.decided).toBe(1);
  });
});
