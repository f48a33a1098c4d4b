/**
 * Who is acting. Authentication is not built yet, so use cases receive the actor from their
 * caller (the HTTP layer, a script, a test) and check the role themselves: a rule-set change
 * decides how every transaction is scored, so the check must not depend on the route.
 */
import { fail, ok, type Result } from '../../platform/errors.ts';

export interface Actor {
  readonly username: string;
  readonly roles: readonly string[];
}

export const ADMIN_ROLE = 'ADMIN';

/** Refuses anyone who is not an ADMIN (rule ADMIN_ONLY); an actor without a name is refused too. */
export function requireAdmin(actor: Actor): Result<Actor> {
  if (typeof actor?.username !== 'string' || actor.username.trim() === '') {
    return fail('UNAUTHENTICATED', '缺少操作人 (actor username required)');
  }
  if (!Array.isArray(actor.roles) || !actor.roles.includes(ADMIN_ROLE)) {
    return fail('FORBIDDEN', '仅管理员可管理规则集 (only ADMIN may manage rule sets)', { extensions: { rule: 'ADMIN_ONLY' } });
  }
  return ok(actor);
}

/**
 * Same person? Compared trimmed and case-insensitively, stricter than the database CHECK
 * (exact text), so that "Alice" cannot approve what "alice" wrote.
 */
export function sameUser(a: string, b: string | null): boolean {
  return b !== null && a.trim().toLowerCase() === b.trim().toLowerCase();
}
