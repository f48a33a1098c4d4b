import { REFERENCE_VERSION_KEY } from '../../ingest/reference-data.ts';
import type { Tx } from '../../platform/db.ts';
import { PREPARED, rawSql } from '../../platform/raw-sql.ts';
import { RINGS_KEY } from './rings.ts';

/**
 * What the scoring caches check on every batch, read in one statement: the reference data's
 * version, the rings' publication and the live rule set. Three reads were three round trips
 * per single transaction through the API.
 */
export interface CacheMarkers {
  readonly referenceVersion: number;
  /** Null: the detector never published rings (R21 pending); '' when published without a time. */
  readonly ringsPublishedAt: string | null;
  /** Null: no rule set published yet (the spec's defaults are then published). */
  readonly liveRuleSet: string | null;
}

const MARKERS_SQL = `${PREPARED}SELECT
  (SELECT value #>> '{}' FROM setting WHERE key = $1) AS reference_version,
  (SELECT coalesce(value ->> 'publishedAt', '') FROM setting WHERE key = $2) AS rings_published_at,
  (SELECT version FROM rule_set WHERE status = 'PUBLISHED' ORDER BY published_at DESC LIMIT 1) AS live_rule_set`;

interface MarkerRow { reference_version: string | null; rings_published_at: string | null; live_rule_set: string | null }

export async function readCacheMarkers(tx: Tx): Promise<CacheMarkers> {
  const [row] = await (await rawSql(tx)).query<MarkerRow>(MARKERS_SQL, [REFERENCE_VERSION_KEY, RINGS_KEY]);
  return {
    referenceVersion: row?.reference_version ? Number(row.reference_version) : 0,
    ringsPublishedAt: row?.rings_published_at ?? null,
    liveRuleSet: row?.live_rule_set ?? null,
  };
}
