/**
 * Maker-checker: the admin who wrote a rule set never approves it. The use cases refuse it
 * first (with a message); the database CHECK (approved_by <> created_by) refuses it for any
 * other writer, and this recognises that refusal so it can be reported by the same rule.
 */
import type { Result } from '../../platform/errors.ts';
import { refuse } from './store.ts';

export const MAKER_CHECKER = 'MAKER_CHECKER';

const CHECK_VIOLATION = '23514';

/** True for PostgreSQL's check_violation on rule_set, however the driver adapter wraps it. */
export function isMakerCheckerViolation(error: unknown): boolean {
  const seen = new Set<unknown>();
  const visit = (value: unknown): boolean => {
    if (typeof value !== 'object' || value === null || seen.has(value)) return false;
    seen.add(value);
    const record = value as Record<string, unknown>;
    const code = record.code ?? record.originalCode;
    const message = String(record.message ?? record.originalMessage ?? '');
    if (code === CHECK_VIOLATION && message.includes('rule_set')) return true;
    return ['cause', 'meta', 'driverAdapterError'].some((key) => visit(record[key]));
  };
  return visit(error);
}

export function makerCheckerRefusal<T = never>(author: string): Result<T> {
  return refuse(MAKER_CHECKER, `起草人 ${author} 不得审批自己的规则集，须由另一名管理员审批 (the author may not approve or reject their own rule set)`);
}
