import type { IngestHook } from '../ingest/ingest-transactions.ts';
import type { ScoringEngine } from '../risk/engine/scoring-hook.ts';
import { countIngested, observeScoring } from './metrics.ts';

/**
 * The same engine, timed: every ingest batch counts its stored transactions (ingestion rate)
 * and records its scoring time; re-assessments (photos, rings, sweep) record theirs by trigger.
 * The hook runs inside the ingest transaction, so a batch that later rolls back has been counted
 * (rare: the counter measures work done, the database what was kept).
 */
export function instrumentScoring(engine: ScoringEngine): ScoringEngine {
  const hook: IngestHook = async (tx, stored, held) => {
    countIngested('created', stored.filter((s) => s.outcome === 'created').length);
    countIngested('revised', stored.filter((s) => s.outcome === 'revised').length);
    const started = performance.now();
    const annotations = await engine.hook(tx, stored, held);
    observeScoring('INGEST', (performance.now() - started) / 1000, stored.length);
    return annotations;
  };
  const reassess: ScoringEngine['reassess'] = async (tx, inputs, trigger) => {
    const started = performance.now();
    const assessed = await engine.reassess(tx, inputs, trigger);
    observeScoring(trigger, (performance.now() - started) / 1000, assessed.length);
    return assessed;
  };
  return { ...engine, hook, reassess };
}
