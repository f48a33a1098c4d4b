/**
 * Rule-set version names: `YYYY-MM-DD.N`, the creation date in the office's zone and a
 * counter within that day, so that staff can tell at a glance when a rule set was written
 * and in which order. A caller may choose its own name within a safe pattern.
 */
import { DEFAULT_TIMEZONE, localDate } from '../../domain/index.ts';
import type { FieldProblem } from '../../platform/errors.ts';
import type { Tx } from '../../platform/db.ts';

const VERSION_PATTERN = /^[0-9A-Za-z][0-9A-Za-z._-]{0,63}$/;
/** `default-xxxxxxxx` names the spec defaults, published by the system only. */
const RESERVED_PREFIX = 'default-';

/** The next free `date.N` for the local date of `now`. Call under the rule-set lock. */
export async function nextVersionName(tx: Tx, now: Date): Promise<string> {
  const date = localDate(now, DEFAULT_TIMEZONE);
  const rows = await tx.ruleSet.findMany({ where: { version: { startsWith: `${date}.` } }, select: { version: true } });
  const counters = rows.map((r) => Number(r.version.slice(date.length + 1))).filter((n) => Number.isSafeInteger(n));
  return `${date}.${Math.max(0, ...counters) + 1}`;
}

/** Why a given version name cannot be used, or null. */
export function versionNameProblem(version: string): FieldProblem | null {
  if (!VERSION_PATTERN.test(version)) {
    return { path: 'version', message: '版本号须为1–64位字母、数字、点、横线或下划线 (1–64 letters, digits, . _ -)' };
  }
  if (version.startsWith(RESERVED_PREFIX)) {
    return { path: 'version', message: `“${RESERVED_PREFIX}”前缀保留给系统默认规则 (prefix reserved for the spec defaults)` };
  }
  return null;
}
