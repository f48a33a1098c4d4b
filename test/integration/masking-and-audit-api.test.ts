import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApi, jsonRequest, signIn, type Session, type TestApi } from '../support/api.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../support/databases.ts';
import { sampleTransaction } from '../support/fixtures.ts';

type TxView = { masked: boolean; transaction: { applicant: { idNumber: string; phone: string; address: string }; agent: { phone: string } } };

describe.each(BACKENDS)('personal data masking and the audit API on %s', (kind) => {
  let test: TestDatabase;
  let api: TestApi;
  let reviewer: Session;
  let investigator: Session;
  let auditor: Session;
  let read: Record<string, string>;
  beforeAll(async () => {
    test = await openTestDatabase(kind);
    api = await createTestApi(test.db);
    [reviewer, investigator, auditor] = [await signIn(api, ['REVIEWER']), await signIn(api, ['INVESTIGATOR']), await signIn(api, ['AUDITOR'])];
    read = await bearer(test.db, ['read']);
    const ingest = await bearer(test.db, ['ingest']);
    expect((await api.app.request('/api/v1/transactions', jsonRequest('POST', sampleTransaction(), ingest))).status).toBe(201);
  });
  afterAll(async () => {
    await api.dispose();
    await test.dispose();
  });
  const getTx = (headers: Record<string, string>, query = '') => api.app.request(`/api/v1/transactions/330100-2026-0000123${query}`, { headers });

  it('masks ID numbers, phones and addresses for roles and tokens that do not need them', async () => {
    for (const headers of [reviewer.headers, auditor.headers, read]) {
      const view = await (await getTx(headers)).json() as TxView;
      expect(view.masked).toBe(true);
      expect(view.transaction.applicant).toMatchObject({ idNumber: '330102********1234', phone: '138****0000', address: '杭州市上城区****' });
      expect(JSON.stringify(view)).not.toContain('330102199001011234');
    }
  });

  it('refuses unmasking to a reviewer and a read token, with the rule named', async () => {
    for (const headers of [reviewer.headers, read]) {
      const res = await getTx(headers, '?unmask=true');
      expect([res.status, (await res.json() as { rule: string }).rule]).toEqual([403, 'UNMASK_ROLE_REQUIRED']);
    }
  });

  it('unmasks for an investigator as an audited read', async () => {
    const before = await test.db.prisma.auditEntry.count({ where: { action: 'personal_data.read' } });
    const view = await (await getTx(investigator.headers, '?unmask=true')).json() as TxView;
    expect(view.masked).toBe(false);
    expect(view.transaction.applicant.idNumber).toBe('330102199001011234');
    const entries = await test.db.prisma.auditEntry.findMany({ where: { action: 'personal_data.read' }, orderBy: { seq: 'asc' } });
    expect(entries.length).toBe(before + 1);
    expect(entries.at(-1)).toMatchObject({ actor: investigator.username, entityType: 'transaction', entityId: '330100-2026-0000123' });
  });

  it('lets an AUDITOR browse the trail (filtered, paged, personal data masked) and verify the chain', async () => {
    const page = async (q: string) => (await api.app.request(`/api/v1/audit?${q}`, { headers: auditor.headers })).json() as Promise<{ items: Array<{ seq: string; action: string; data: unknown }>; nextBefore: string | null }>;
    const logins = await page('action=auth.login&limit=2');
    expect(logins.items.map((i) => i.action)).toEqual(['auth.login', 'auth.login']);
    expect(logins.nextBefore).not.toBeNull();
    const rest = await page(`action=auth.login&before=${logins.nextBefore}`);
    expect(rest.items.length).toBe(1);
    expect(Number(rest.items[0]!.seq)).toBeLessThan(Number(logins.nextBefore));
    expect(JSON.stringify(await page('limit=500'))).not.toContain('330102199001011234');
    const verify = await (await api.app.request('/api/v1/audit/verify', { headers: auditor.headers })).json() as { ok: boolean; entries: number };
    expect(verify.ok).toBe(true);
    expect(verify.entries).toBeGreaterThan(5);
  });
});
