import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../../test/support/databases.ts';
import { createApiToken, resolveApiToken, revokeApiToken } from './api-tokens.ts';

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
});
