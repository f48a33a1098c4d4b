import type { Database } from '../../platform/db.ts';
import { ok, type Result } from '../../platform/errors.ts';
import { requireAdmin, type Actor } from './actor.ts';
import { diffConfigs, type ConfigDiff } from './diff.ts';
import { findRuleSet, liveRuleSet, viewOf } from './store.ts';

export interface RuleSetDiff extends ConfigDiff {
  readonly version: string;
  readonly status: string;
  /** The rule set the scorer uses now (the spec defaults when none was ever published). */
  readonly liveVersion: string;
}

/** What publishing `version` would change: per point enabled / weight / params, and the bands. */
export async function diffAgainstLive(db: Database, actor: Actor, version: string): Promise<Result<RuleSetDiff>> {
  const admin = requireAdmin(actor);
  if (!admin.ok) return admin;
  const found = await findRuleSet(db.prisma, version);
  if (!found.ok) return found;
  const live = await liveRuleSet(db.prisma);
  const view = viewOf(found.value);
  return ok({ version, status: view.status, liveVersion: live.version, ...diffConfigs(live.config, view.config) });
}
