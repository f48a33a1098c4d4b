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

/** Enough for any office; older revoked tokens stay in the table and the audit trail. */
const LIMIT = 500;

/** Usable tokens first (newest first), then expired and revoked ones. */
export async function listApiTokens(db: Database, now = new Date()): Promise<TokenRow[]> {
  const rows = await db.prisma.apiToken.findMany({
    select: { id: true, name: true, scopes: true, createdBy: true, createdAt: true, expiresAt: true, revokedAt: true, lastUsedAt: true },
    orderBy: { id: 'desc' }, take: LIMIT,
  });
  const stateOf = (r: (typeof rows)[number]): TokenState => (r.revokedAt ? 'REVOKED' : r.expiresAt && r.expiresAt <= now ? 'EXPIRED' : 'ACTIVE');
  const order: Readonly<Record<TokenState, number>> = { ACTIVE: 0, EXPIRED: 1, REVOKED: 2 };
  return rows.map((r) => ({ ...r, id: r.id.toString(), state: stateOf(r) })).sort((a, b) => order[a.state] - order[b.state]);
}
