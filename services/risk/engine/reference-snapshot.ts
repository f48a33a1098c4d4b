import { exportReference, readReferenceVersion } from '../../ingest/reference-data.ts';
import type { Handler, ListEntry, Organisation, ReferenceData, Station } from '../../ingest/schema/index.ts';
import type { Tx } from '../../platform/db.ts';
import type { ReferenceFeatures } from '../features.ts';
import type { Transaction } from '../../ingest/schema/index.ts';

/** Reference data held in memory for scoring, reloaded when its version counter moves. */
export interface ReferenceSnapshot {
  readonly version: number;
  readonly stations: ReadonlyMap<string, Station>;
  readonly handlers: ReadonlyMap<string, Handler>;
  readonly organisations: readonly Organisation[];
  readonly intermediaryBlacklist: readonly ListEntry[];
  readonly personWatchlist: readonly ListEntry[];
}

export function snapshotOf(doc: ReferenceData, version: number): ReferenceSnapshot {
  return {
    version,
    stations: new Map(doc.stations.map((s) => [s.code, s])),
    handlers: new Map(doc.handlers.map((h) => [h.id, h])),
    organisations: doc.organisations,
    intermediaryBlacklist: doc.lists.intermediaryBlacklist,
    personWatchlist: doc.lists.personWatchlist,
  };
}

export class ReferenceCache {
  private current: ReferenceSnapshot | null = null;

  /** The snapshot valid inside `tx` (a cheap version read, or the one given; a reload only after a change). */
  async get(tx: Tx, known?: number): Promise<ReferenceSnapshot> {
    const version = known ?? await readReferenceVersion(tx);
    if (this.current?.version !== version) this.current = snapshotOf(await exportReference(tx), version);
    return this.current;
  }
}

export function referenceFeatures(snapshot: ReferenceSnapshot, tx: Transaction): ReferenceFeatures {
  return {
    station: snapshot.stations.get(tx.stationCode) ?? null,
    handler: snapshot.handlers.get(tx.handlerId) ?? null,
    approver: tx.approverId ? (snapshot.handlers.get(tx.approverId) ?? null) : null,
    organisations: snapshot.organisations,
    intermediaryBlacklist: snapshot.intermediaryBlacklist,
    personWatchlist: snapshot.personWatchlist,
  };
}
