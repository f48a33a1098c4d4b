/**
 * The issued API tokens, as the admin's token page lists them. A read with no
 * secret in it (only the SHA-256 is stored, and it is not selected); issuing and revoking go
 * through the use cases of api-tokens.ts, which audit them.
 */
import type { Database } from '../platform/db.ts';

export type TokenState = 'ACTIVE' | 'EXPIRED' | 'REVOKED';

export interface TokenRow {
  readonly id: string;
  readonly name: string;
  readonly scopes: readonly string[];
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly expiresAt: Date | null;
  readonly revokedAt: Date | null;
  readonly lastUsedAt: Date | null;
  readonly state: TokenState;
}

/** Expired and revoked tokens shown, newest first; older ones stay in the table and the audit trail. */
export const INACTIVE_SHOWN = 200;

export interface TokenList {
  /** Every usable token (newest first), then the newest INACTIVE_SHOWN expired or revoked ones. */
  readonly tokens: TokenRow[];
  /** Expired or revoked tokens older than those listed. */
  readonly inactiveNotShown: number;
}

const SELECTED = { id: true, name: true, scopes: true, createdBy: true, createdAt: true, expiresAt: true, revokedAt: true, lastUsedAt: true } as const;

/**
 * Usable tokens first, all of them whatever their age (a business system's token issued years
 * ago must stay in reach of the revoke button), then the newest expired and revoked ones.
 */
export async function listApiTokens(db: Database, now = new Date()): Promise<TokenList> {
  const usable = { revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
  const [active, inactive, inactiveTotal] = await Promise.all([
    db.prisma.apiToken.findMany({ select: SELECTED, where: usable, orderBy: { id: 'desc' } }),
    db.prisma.apiToken.findMany({ select: SELECTED, where: { NOT: usable }, orderBy: { id: 'desc' }, take: INACTIVE_SHOWN }),
    db.prisma.apiToken.count({ where: { NOT: usable } }),
  ]);
  const stateOf = (r: (typeof active)[number]): TokenState => (r.revokedAt ? 'REVOKED' : r.expiresAt && r.expiresAt <= now ? 'EXPIRED' : 'ACTIVE');
  const tokens = [...active, ...inactive].map((r) => ({ ...r, id: r.id.toString(), state: stateOf(r) }));
  return { tokens, inactiveNotShown: Math.max(0, inactiveTotal - inactive.length) };
}
