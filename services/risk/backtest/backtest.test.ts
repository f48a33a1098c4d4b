import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../../../test/support/databases.ts';
import { sampleReference } from '../../../test/support/fixtures.ts';
import { createScoring, ingestHooks } from '../../app/wiring.ts';
import { ingestTransactions } from '../../ingest/ingest-transactions.ts';
import { importReference } from '../../ingest/reference-data.ts';
import { LocalBlobStore } from '../../platform/blob-store.ts';
import type { Result } from '../../platform/errors.ts';
import { createDraft } from '../rule-sets/index.ts';
import { backtest, backtestRuleSet, formatReport, type BacktestReport } from './index.ts';
import { proxied } from './test-fixtures.ts';

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.detail} ${JSON.stringify(result.error.problems ?? [])}`);
  return result.value;
}

const point = (report: BacktestReport, code: string) => report.points.find((p) => p.code === code)!;

describe.each(BACKENDS)('backtest on %s', (kind) => {
  let test: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    test = await openTestDatabase(kind);
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'backtest-'));
    const deps = { db: test.db, blobs: new LocalBlobStore(dir), hooks: ingestHooks(createScoring()) };
    expect((await importReference(test.db, sampleReference(), 'test')).ok).toBe(true);
    const result = await ingestTransactions(deps, [0, 1, 2, 3, 4].map((n) => proxied(n)), { actor: 'test', source: 'api' });
    expect(result.ok && result.value.every((r) => r.outcome === 'created')).toBe(true);
    // A revision, so that the replay has an R08 context to rebuild.
    await ingestTransactions(deps, [{ ...proxied(0), version: 2, status: 'COMPLETED', vehicle: { plate: '浙A9Q871', vin: 'LSVAU218XN2183294', vehicleType: 'K33', color: 'WHITE' } }], { actor: 'test', source: 'api' });
  });
  afterAll(async () => {
    await test.dispose();
    await fs.rm(dir, { recursive: true, force: true });
  });

  /** Everything a backtest must not touch. */
  async function liveState(): Promise<string> {
    const p = test.db.prisma;
    return JSON.stringify({
      assessments: await p.assessment.findMany({ orderBy: { id: 'asc' }, select: { id: true, score: true, alert: true, dualReview: true, current: true, ruleSetVersion: true } }),
      hits: await p.riskHit.findMany({ orderBy: { id: 'asc' }, select: { id: true, riskPoint: true, weight: true } }),
      audit: await p.auditEntry.count(), ruleSets: await p.ruleSet.findMany({ select: { version: true, status: true } }), alerts: await p.alert.count(),
    }, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  }

  it('reproduces the live assessments exactly under the live rule set', async () => {
    // proxy-0 was revised after proxy-4: its row's seq now follows proxy-4's, yet the live
    // scorer counted it in proxy-1…4's windows. The history view must place it where it was.
    const report = value(await backtest(test.db, {}));
    expect(report.windowsOrder).toBe('ingestion-order');
    expect(report.overall.transactions).toBe(5);
    expect(report.overall.compared).toBe(5);
    expect(report.overall.changedTransactions).toBe(0);
    expect(report.overall.scoreChanged).toBe(0);
    expect(report.overall.draft).toEqual(report.overall.live);
    expect(point(report, 'R16').live.hits).toBe(1);
    expect(point(report, 'R08').draft.hits).toBe(1);
    expect(report.configChanges.points).toEqual([]);
  });

  it('a draft raising R16’s threshold removes the R16 hit, and live data stays as it was', async () => {
    const before = await liveState();
    const report = value(await backtest(test.db, { points: { R16: { params: { minApplicants: 10 } } } }, { from: '2026-03-01', to: '2026-04-01' }));
    expect(await liveState()).toBe(before);
    const r16 = point(report, 'R16');
    expect(r16.live.hits).toBe(1);
    expect(r16.draft.hits).toBe(0);
    expect(r16.removed).toBe(1);
    expect(r16.added).toBe(0);
    expect(report.overall.draft.hits).toBe(report.overall.live.hits - 1);
    expect(report.changes).toHaveLength(1);
    expect(report.changes[0]).toMatchObject({ transactionId: 'proxy-4', removed: ['R16'], added: [], notReplayable: [] });
    expect(report.changes[0]!.before.hits).toContain('R16');
    expect(report.changes[0]!.after.hits).not.toContain('R16');
    expect(report.configChanges.points.map((p) => p.code)).toEqual(['R16']);
    const text = formatReport(report);
    expect(text).toContain('R16 频繁代办');
    expect(text).toContain('proxy-4');
    expect(text).toContain('−R16');
  });

  it('recomputes windows with the draft’s own window length', async () => {
    const report = value(await backtest(test.db, { points: { R16: { params: { windowDays: 1 } } } }));
    expect(report.overall.draft.errors).toBe(0);
    expect(point(report, 'R16').draft.hits).toBe(0);
    const wider = value(await backtest(test.db, { points: { R16: { params: { minApplicants: 3 } } } }));
    expect(point(wider, 'R16').draft.hits).toBe(3);
    expect(point(wider, 'R16').added).toBe(2);
  });

  it('restricts the replay to the range and caps the list of changes', async () => {
    const report = value(await backtest(test.db, { points: { R16: { params: { minApplicants: 3 } } } }, { from: '2026-03-04T00:00:00+08:00' }, { changesCap: 1 }));
    expect(report.overall.transactions).toBe(3);
    expect(report.overall.changedTransactions).toBe(2);
    expect(report.changes).toHaveLength(1);
  });

  it('backtests a stored draft for its checker', async () => {
    const draft = value(await createDraft(test.db, { username: 'alice', roles: ['ADMIN'] }, { note: 'R16 门槛 10', config: { points: { R16: { params: { minApplicants: 10 } } } } }));
    const report = value(await backtestRuleSet(test.db, { username: 'bob', roles: ['ADMIN'] }, draft.version));
    expect(point(report, 'R16').removed).toBe(1);
    expect((await backtestRuleSet(test.db, { username: 'bob', roles: ['ADMIN'] }, 'nope')).ok).toBe(false);
  });

  it('refuses an invalid draft or range by path, and non-admins', async () => {
    const bad = await backtest(test.db, { points: { R16: { weight: 101 } } });
    expect(!bad.ok && bad.error.problems!.map((p) => p.path)).toEqual(['points.R16.weight']);
    const range = await backtest(test.db, {}, { from: '2026-04-01', to: '2026-03-01T00:00' });
    expect(!range.ok && range.error.problems!.map((p) => p.path)).toEqual(['to']);
    const forbidden = await backtestRuleSet(test.db, { username: 'carol', roles: ['REVIEWER'] }, 'x');
    expect(!forbidden.ok && forbidden.error.code).toBe('FORBIDDEN');
  });
});
