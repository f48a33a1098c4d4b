import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../../test/support/databases.ts';
import { createApiToken, resolveApiToken, revokeApiToken } from './api-tokens.ts';
import { INACTIVE_SHOWN, listApiTokens } from './list-api-tokens.ts';

describe.each(BACKENDS)('API token resolution on %s', (kind) => {
  let test: TestDatabase;
  beforeAll(async () => { test = await openTestDatabase(kind); });
  afterAll(async () => { await test.dispose(); });

  const issued = new Date('2026-05-01T08:00:00Z');
  const later = (ms: number) => new Date(issued.getTime() + ms);
  const lastUsed = async (id: string) => (await test.db.prisma.apiToken.findUniqueOrThrow({ where: { id: BigInt(id) } })).lastUsedAt;

  it('answers the principal of a valid token and records its use at most once a minute', async () => {
    const created = await createApiToken(test.db, 'admin', { name: '业务系统', scopes: ['ingest', 'read'], expiresInDays: 1 }, issued);
    if (!created.ok) throw new Error(created.error.detail);
    const { id, token } = created.value;
    expect(await resolveApiToken(test.db, token, later(1_000))).toEqual({ kind: 'token', tokenId: BigInt(id), name: '业务系统', scopes: ['ingest', 'read'] });
    expect(await lastUsed(id)).toEqual(later(1_000));
    await resolveApiToken(test.db, token, later(59_000));
    expect(await lastUsed(id)).toEqual(later(1_000));
    await resolveApiToken(test.db, token, later(62_000));
    expect(await lastUsed(id)).toEqual(later(62_000));
  });

  it('refuses unknown, mistyped, expired and revoked tokens', async () => {
    const created = await createApiToken(test.db, 'admin', { name: 'short-lived', scopes: ['ingest'], expiresInDays: 1 }, issued);
    if (!created.ok) throw new Error(created.error.detail);
    const { id, token } = created.value;
    expect(await resolveApiToken(test.db, `${token}x`, later(1_000))).toBeNull();
    expect(await resolveApiToken(test.db, token.replace(/^cgt_/, 'xyz_'), later(1_000))).toBeNull();
    expect(await resolveApiToken(test.db, token, later(86_400_000 - 1))).not.toBeNull();
    expect(await resolveApiToken(test.db, token, later(86_400_000))).toBeNull();
    await revokeApiToken(test.db, 'admin', BigInt(id), later(2_000));
    expect(await resolveApiToken(test.db, token, later(3_000))).toBeNull();
  });

  it('lists every usable token however old, then only the newest expired and revoked ones', async () => {
    const old = await createApiToken(test.db, 'admin', { name: '老业务系统', scopes: ['ingest'] }, issued);
    if (!old.ok) throw new Error(old.error.detail);
    // Many tokens revoked or expired since (what years of rotation leave), issued after the old one.
    await test.db.sql.query(`INSERT INTO api_token (name, token_hash, scopes, created_by, created_at, expires_at, revoked_at)
      SELECT 'rotated-' || g, 'hash-' || g, '{ingest}', 'admin', $1::timestamptz, CASE WHEN g % 2 = 0 THEN $1::timestamptz END,
             CASE WHEN g % 2 = 1 THEN $1::timestamptz END
      FROM generate_series(1, $2::int) g`, [later(1_000).toISOString(), INACTIVE_SHOWN + 50]);
    const { tokens, inactiveNotShown } = await listApiTokens(test.db, later(5_000));
    const usable = tokens.filter((t) => t.state === 'ACTIVE');
    expect(usable.map((t) => t.name)).toContain('老业务系统');
    expect(tokens.slice(0, usable.length).every((t) => t.state === 'ACTIVE')).toBe(true);
    expect(tokens.length - usable.length).toBe(INACTIVE_SHOWN);
    const inactiveBefore = (await test.db.sql.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM api_token WHERE revoked_at IS NOT NULL OR expires_at <= $1::timestamptz', [later(5_000).toISOString()]))[0]!.n;
    expect(inactiveNotShown).toBe(inactiveBefore - INACTIVE_SHOWN);
    expect(tokens.find((t) => t.name === 'rotated-250')).toBeDefined();
    expect(tokens.find((t) => t.name === 'rotated-1')).toBeUndefined();
  });
});
