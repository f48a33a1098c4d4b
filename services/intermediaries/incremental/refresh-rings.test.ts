import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../../../test/support/databases.ts';
import { idNumberCheckChar } from '../../domain/check-digits.ts';
import { importReference } from '../../ingest/reference-data.ts';
import type { FlaggedRing } from '../../risk/features.ts';
import { createWorld, type SimTransaction } from '../../simulator/index.ts';
import { runFullRecompute } from '../recompute/run-recompute.ts';
import { ingestSimulated } from '../simulated-world.ts';
import { intermediariesIngestHook } from './ingest-hook.ts';
import { refreshRings, type RingRefreshSummary } from './refresh-rings.ts';

const WORLD = { days: 24, perDay: 300, seed: 'ring-refresh-test', tier: 'medium' } as const;
const HOUR = 3_600_000;

function idNumber(birth: string, serial: number): string {
  const first17 = `330106${birth}${String(serial).padStart(3, '0')}`;
  return first17 + (idNumberCheckChar(first17) as string);
}

/** A new case after the world's last one, shaped like `template` (its station, handler, type). */
function caseOf(template: SimTransaction, n: number, at: number, agent: { idNumber: string; name: string; phone: string }, applicant: { serial: number; phone: string }): SimTransaction {
  return {
    ...template, id: `RR-${String(n).padStart(4, '0')}`, version: 1, acceptedAt: new Date(at).toISOString(), completedAt: null, channel: 'COUNTER',
    applicant: {
      ...template.applicant, kind: 'PERSON', idNumber: idNumber('19850412', applicant.serial), name: `${'赵钱孙李周吴郑冯'[applicant.serial % 8]}新${applicant.serial}`,
      phone: applicant.phone, address: `杭州市西湖区文三路${applicant.serial}号`,
    } as SimTransaction['applicant'],
    agent: { ...(template.agent as NonNullable<SimTransaction['agent']>), idNumber: agent.idNumber, name: agent.name, phone: agent.phone, orgCode: null },
    appointment: null, vehicle: null, materials: [], photos: [],
  };
}

describe.each(BACKENDS)('ring refresh between full runs on %s', (kind) => {
  let test: TestDatabase;
  let ring: { ringId: string; members: string[]; memberCount: number };
  let memberPhone: string;
  const straw = idNumber('19900307', 901);
  const bystander = idNumber('19900307', 902);
  const published: FlaggedRing[][] = [];
  let refreshed: RingRefreshSummary | null;
  beforeAll(async () => {
    test = await openTestDatabase(kind);
    const world = createWorld(WORLD);
    expect((await importReference(test.db, world.reference, 'test')).ok).toBe(true);
    const all = [...world.transactions];
    await ingestSimulated(test.db, all);
    await runFullRecompute(test.db, { actor: 'tester' });
    const rings = await test.db.prisma.intermediaryRing.findMany({ orderBy: [{ memberCount: 'desc' }, { ringId: 'asc' }] });
    const phones = await test.db.prisma.intermediarySuspect.findMany({ where: { idNumber: { in: rings.flatMap((r) => r.members) }, phone: { not: null } } });
    const withPhone = rings.find((r) => phones.some((s) => r.members.includes(s.idNumber)));
    expect(withPhone).toBeDefined();
    ring = withPhone!;
    memberPhone = phones.find((s) => ring.members.includes(s.idNumber))!.phone!;
    const template = all.find((t) => t.agent !== null)!;
    const last = Math.max(...all.map((t) => Date.parse(t.acceptedAt)));
    // A straw identity giving a ring member's phone, for three unrelated clients; a busy agent
    // whose fifth client once wrote that phone down.
    const late = [
      ...[1, 2, 3].map((i) => caseOf(template, i, last + i * HOUR, { idNumber: straw, name: '钱新代', phone: memberPhone }, { serial: 100 + i, phone: `1390000${1000 + i}` })),
      ...[1, 2, 3, 4, 5].map((i) => caseOf(template, 10 + i, last + (10 + i) * HOUR, { idNumber: bystander, name: '孙代办', phone: '13911112222' },
        { serial: 200 + i, phone: i === 5 ? memberPhone : `1390000${2000 + i}` })),
    ];
    await ingestSimulated(test.db, late, [intermediariesIngestHook('tester')], 1);
  }, 300_000);
  afterAll(async () => {
    await test.dispose();
  });

  it('leaves the new agent outside the ring until the refresh', async () => {
    const row = await test.db.prisma.intermediarySuspect.findUnique({ where: { personKey: `P:${straw}` } });
    expect(row?.ringId ?? null).toBeNull();
    const stored = await test.db.prisma.intermediaryRing.findUniqueOrThrow({ where: { ringId: ring.ringId } });
    expect(stored.members).not.toContain(straw);
  });

  it('attaches an agent using a ring member\'s phone to that ring, rescored and published for R21', async () => {
    refreshed = await refreshRings(test.db, { actor: 'system', publishRings: async (rings) => { published.push(rings); } });
    expect(refreshed?.attached.map((a) => [a.agent, a.ringId, a.transactions])).toEqual([[straw, ring.ringId, 3]]);
    const stored = await test.db.prisma.intermediaryRing.findUniqueOrThrow({ where: { ringId: ring.ringId } });
    expect(stored.members).toEqual([...ring.members, straw].sort());
    expect(stored.memberCount).toBe(ring.memberCount + 1);
    expect(stored.runId.toString()).toBe(refreshed?.runId);
    const suspect = await test.db.prisma.intermediarySuspect.findUniqueOrThrow({ where: { personKey: `P:${straw}` } });
    expect(suspect.ringId).toBe(ring.ringId);
    expect(suspect.score).toBeGreaterThanOrEqual(45);
    expect((suspect.reasons as string[]).some((r) => r.includes(ring.ringId))).toBe(true);
    expect(published).toHaveLength(1);
    expect(published[0]?.find((r) => r.ringId === ring.ringId)?.memberIdNumbers).toContain(straw);
  });

  it('does not pull in a busy agent who met the ring once', async () => {
    const rings = await test.db.prisma.intermediaryRing.findMany();
    expect(rings.flatMap((r) => r.members)).not.toContain(bystander);
  });

  it('records the refresh as a run and audits it like the full run', async () => {
    const run = await test.db.prisma.intermediaryRun.findUniqueOrThrow({ where: { id: BigInt(refreshed!.runId) } });
    const [latest] = await test.db.sql.query<{ seq: string }>('SELECT max(seq)::text AS seq FROM transaction');
    expect(run).toMatchObject({ kind: 'RINGS', status: 'DONE', requestedBy: 'system', rings: 1 });
    expect(run.maxSeq?.toString()).toBe(latest?.seq);
    const entry = await test.db.prisma.auditEntry.findFirstOrThrow({ where: { action: 'intermediaries.rings_refreshed', entityId: refreshed!.runId } });
    expect(entry.actor).toBe('system');
    expect(entry.data).toMatchObject({ kind: 'RINGS', candidates: 2, rings: [ring.ringId], attached: [{ agent: straw, ringId: ring.ringId }] });
  });

  it('does nothing, and writes nothing, when no transaction arrived since', async () => {
    const entries = await test.db.prisma.auditEntry.count({ where: { action: 'intermediaries.rings_refreshed' } });
    expect(await refreshRings(test.db, { actor: 'system' })).toBeNull();
    expect(await test.db.prisma.auditEntry.count({ where: { action: 'intermediaries.rings_refreshed' } })).toBe(entries);
  });
});
