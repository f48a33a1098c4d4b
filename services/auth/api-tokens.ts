import { z } from 'zod';
import { appendAudit } from '../audit/index.ts';
import type { Database } from '../platform/db.ts';
import { fail, ok, type Result } from '../platform/errors.ts';
import { formatIssues } from '../ingest/schema/problems.ts';
import { TOKEN_SCOPES, type Principal, type TokenScope } from './roles.ts';
import { newSecret, secretHash } from './secrets.ts';

const TOKEN_PREFIX = 'cgt_';

export const createTokenInput = z.strictObject({
  name: z.string().trim().min(1).max(100),
  scopes: z.array(z.enum(TOKEN_SCOPES)).min(1).max(TOKEN_SCOPES.length),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});

export interface CreatedToken {
  readonly id: string;
  readonly name: string;
  readonly scopes: readonly TokenScope[];
  readonly expiresAt: string | null;
  /** Shown once; only its SHA-256 is stored. */
  readonly token: string;
}

/** Creates a scoped API token (audited; the audit entry never holds the token). */
export async function createApiToken(db: Database, actor: string, input: unknown, now = new Date()): Promise<Result<CreatedToken>> {
  const parsed = createTokenInput.safeParse(input);
  if (!parsed.success) return fail('VALIDATION_FAILED', '令牌参数不合规 (invalid token request)', { problems: formatIssues(parsed.error) });
  const { name, scopes, expiresInDays } = parsed.data;
  const token = `${TOKEN_PREFIX}${newSecret()}`;
  const expiresAt = expiresInDays ? new Date(now.getTime() + expiresInDays * 86_400_000) : null;
  const row = await db.prisma.$transaction(async (tx) => {
    const created = await tx.apiToken.create({ data: { name, scopes: [...new Set(scopes)], tokenHash: secretHash(token), createdBy: actor, createdAt: now, expiresAt } });
    await appendAudit(tx, [{ actor, action: 'token.created', entityType: 'api_token', entityId: created.id.toString(), data: { name, scopes: created.scopes, expiresAt: expiresAt?.toISOString() ?? null } }], now);
    return created;
  });
  return ok({ id: row.id.toString(), name, scopes: row.scopes as TokenScope[], expiresAt: row.expiresAt?.toISOString() ?? null, token });
}

export async function revokeApiToken(db: Database, actor: string, id: bigint, now = new Date()): Promise<Result<{ id: string; revoked: true }>> {
  return db.prisma.$transaction(async (tx) => {
    const found = await tx.apiToken.findUnique({ where: { id } });
    if (!found) return fail('NOT_FOUND', `没有令牌 ${id} (no such token)`);
    await tx.apiToken.update({ where: { id }, data: { revokedAt: found.revokedAt ?? now } });
    await appendAudit(tx, [{ actor, action: 'token.revoked', entityType: 'api_token', entityId: id.toString(), data: { name: found.name } }], now);
    return ok({ id: id.toString(), revoked: true as const });
  });
}

interface TokenRow extends Record<string, unknown> { id: string; name: string; scopes: string[]; usable: boolean; stale: boolean }

/**
 * Every API request asks this, so it is one plain statement (no Prisma query round: 0.1 ms
 * instead of 0.5–0.7 on PostgreSQL); validity is decided in SQL so both back ends answer alike.
 */
const RESOLVE_SQL = `SELECT id::text AS id, name, scopes,
  (revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $2::timestamptz)) AS usable,
  (last_used_at IS NULL OR last_used_at < $2::timestamptz - interval '60 seconds') AS stale
  FROM api_token WHERE token_hash = $1`;

/** The token principal for a bearer value, or null when unknown, revoked or expired. */
export async function resolveApiToken(db: Database, token: string, now = new Date()): Promise<Principal | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const [row] = await db.sql.query<TokenRow>(RESOLVE_SQL, [secretHash(token), now.toISOString()]);
  if (!row || !row.usable) return null;
  const id = BigInt(row.id);
  // Recorded at most once a minute: a write per request would cost more than the lookup.
  if (row.stale) await db.prisma.apiToken.update({ where: { id }, data: { lastUsedAt: now } });
  const scopes = row.scopes.filter((s): s is TokenScope => (TOKEN_SCOPES as readonly string[]).includes(s));
  return { kind: 'token', tokenId: id, name: row.name, scopes };
}
