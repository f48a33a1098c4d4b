import type { Database } from '../../platform/db.ts';
import type { Result } from '../../platform/errors.ts';
import { requireAdmin, type Actor } from '../rule-sets/actor.ts';
import { findRuleSet } from '../rule-sets/store.ts';
import { backtest, type BacktestOptions } from './backtest.ts';
import type { BacktestRange } from './range.ts';
import type { BacktestReport } from './report.ts';

/**
 * Backtests a stored rule set (typically one PENDING_APPROVAL, so the checker sees its effect
 * before approving). ADMIN only, like every rule-set use case.
 */
export async function backtestRuleSet(db: Database, actor: Actor, version: string, range: BacktestRange = {}, options: BacktestOptions = {}): Promise<Result<BacktestReport>> {
  const admin = requireAdmin(actor);
  if (!admin.ok) return admin;
  const found = await findRuleSet(db.prisma, version);
  if (!found.ok) return found;
  return backtest(db, found.value.config, range, options);
}
