/**
 * Backtest: what would a draft rule set have said about the stored history? Replays the current
 * version of every transaction in the range, in ingestion order and in batches of 1,000, inside
 * one REPEATABLE READ database transaction that is always rolled back: every batch sees the
 * same snapshot even while ingestion goes on, and the only writes (the temporary history view)
 * disappear with the rollback. Live rows are only read, so no lock is taken on them.
 */
import { exportReference, readReferenceVersion } from '../../ingest/reference-data.ts';
import type { Database, Tx } from '../../platform/db.ts';
import { ok, type Result } from '../../platform/errors.ts';
import { snapshotOf } from '../engine/reference-snapshot.ts';
import { featureRequest } from '../feature-request.ts';
import type { RuleSetConfig } from '../rule-set.ts';
import { diffConfigs } from '../rule-sets/diff.ts';
import { mergeConfig } from '../rule-sets/merge-config.ts';
import { liveRuleSet, type LiveRuleSet } from '../rule-sets/store.ts';
import { prepareHistoryView, type HistoryMode } from './history-view.ts';
import { parseRange, type BacktestRange, type Bounds } from './range.ts';
import type { BacktestReport } from './report.ts';
import { loadBatch, replayBatch, type ReplayContext } from './replay-batch.ts';
import { Tally } from './tally.ts';

export const DEFAULT_CHANGES_CAP = 200;

export interface BacktestOptions {
  /** How many changed transactions the report lists (all are counted). Default 200. */
  readonly changesCap?: number;
  /** Called after every batch. */
  readonly onProgress?: (progress: { readonly transactions: number }) => void;
  /** Longest the database transaction may stay open. Default 30 minutes. */
  readonly timeoutMs?: number;
}

const COMMON_NOTES: readonly string[] = [
  '照片(R28–R38)、团伙(R21)、容缺清扫(R25)的输入取自现行评估已保存的 features；未保存的按“待定”处理，草案中不会命中，计入“不可重放 notReplayable”而非“消失”。 Photo, ring and sweep inputs are reused from the live assessment\'s stored features where present; otherwise those points are pending in the replay and counted as notReplayable, not as removed.',
  '参考数据(站点、经办人、名单)使用当前版本，而非当初评分时的版本。 Reference data (stations, handlers, lists) is today\'s, not as of the original scoring.',
  '只比较有现行评估的交易；其余计入“无现行评估”。 Only transactions with a live current assessment are compared.',
];

const ORDER_NOTES: Readonly<Record<HistoryMode, string>> = {
  'ingestion-order': '窗口按审计链中各交易首次入库的顺序重算，但内容取当前版本：若某交易后来修改了申请人、代办人、车辆等键字段，较早入库交易的窗口看到的是修改后的值。 Windows place other transactions at their first ingestion (audit chain) but with their current content: a later revision that changed a key field (applicant, agent, vehicle …) is seen by earlier transactions\' windows.',
  'current-seq': '审计链不完整，窗口按当前版本的入库序号(seq)重算：之后被修订的交易不再出现在修订前入库交易的窗口中，可能产生并非草案造成的差异。 The audit chain is incomplete, so windows use the stored seq of current versions: a transaction revised later drops out of the windows of transactions ingested before its revision, which can show differences the draft did not cause.',
};

/** Carries the report out of the database transaction, which is thereby rolled back. */
class RolledBack<T> extends Error {
  constructor(readonly result: Result<T>) {
    super('backtest finished; rolled back');
  }
}

async function replayAll(tx: Tx, bounds: Bounds, ctx: ReplayContext, tally: Tally, options: BacktestOptions): Promise<void> {
  let afterSeq = -1n;
  let transactions = 0;
  for (;;) {
    const rows = await loadBatch(tx, bounds, afterSeq);
    if (rows.length === 0) return;
    for (const item of await replayBatch(tx, rows, ctx)) tally.add(item);
    afterSeq = rows.at(-1)!.seq;
    transactions += rows.length;
    options.onProgress?.({ transactions });
  }
}

interface RunInfo {
  readonly live: LiveRuleSet;
  readonly draft: RuleSetConfig;
  readonly bounds: Bounds;
  readonly mode: HistoryMode;
  readonly started: number;
}

function reportOf(tally: Tally, run: RunInfo): BacktestReport {
  return {
    generatedAt: new Date().toISOString(),
    seconds: Math.round((performance.now() - run.started) / 100) / 10,
    range: { from: run.bounds.from?.toISOString() ?? null, to: run.bounds.to?.toISOString() ?? null },
    liveRuleSet: { version: run.live.version, stored: run.live.stored },
    windowsOrder: run.mode,
    assessedWith: tally.assessedWith,
    configChanges: diffConfigs(run.live.config, run.draft),
    ...tally.result(),
    changesCap: tally.cap,
    notes: [ORDER_NOTES[run.mode], ...COMMON_NOTES],
  };
}

async function run(tx: Tx, draftConfig: unknown, bounds: Bounds, options: BacktestOptions, started: number): Promise<Result<BacktestReport>> {
  await tx.$executeRawUnsafe('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
  const live = await liveRuleSet(tx);
  const draft = mergeConfig(live.config, draftConfig, '');
  if (!draft.ok) return draft;
  const reference = snapshotOf(await exportReference(tx), await readReferenceVersion(tx));
  const history = await prepareHistoryView(tx);
  const cap = Math.max(0, Math.floor(options.changesCap ?? DEFAULT_CHANGES_CAP));
  const tally = new Tally(live.config, draft.value, cap);
  await replayAll(tx, bounds, { draft: draft.value, request: featureRequest(draft.value), reference, history }, tally, options);
  return ok(reportOf(tally, { live, draft: draft.value, bounds, mode: history.mode, started }));
}

/**
 * Replays stored history under `draftConfig`: a full rule-set configuration, or only the
 * changes, applied on top of the live rule set (validated whole; problems by path).
 */
export async function backtest(db: Database, draftConfig: unknown, range: BacktestRange = {}, options: BacktestOptions = {}): Promise<Result<BacktestReport>> {
  const started = performance.now();
  const bounds = parseRange(range);
  if (!bounds.ok) return bounds;
  try {
    await db.prisma.$transaction(async (tx) => {
      throw new RolledBack(await run(tx, draftConfig, bounds.value, options, started));
    }, { timeout: options.timeoutMs ?? 30 * 60_000, maxWait: 60_000 });
  } catch (error) {
    if (error instanceof RolledBack) return error.result as Result<BacktestReport>;
    throw error;
  }
  throw new Error('unreachable: the backtest transaction always rolls back');
}
