/**
 * An independent, brute-force reading of some deterministic risk points, run over a generated
 * world: it must agree with truth.json transaction by transaction. It deliberately shares no
 * code with the simulator's own oracle; only the contract's normalisations are reused.
 */
import { describe, expect, it } from 'vitest';
import { businessType } from '../domain/business-types.ts';
import { normaliseAddress, normaliseIdNumber, normalisePhone } from '../domain/normalise.ts';
import { simulateWorld } from './simulate.ts';
import type { ReferenceInputDoc, SimTransaction } from './types.ts';

const run = simulateWorld({ days: 14, seed: 3, perDay: 200, tier: 'medium' });
const DAY = 86_400_000;
const COMPOUND = ['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '令狐', '宇文', '夏侯', '轩辕', '端木', '司徒', '南宫', '独孤', '西门', '申屠'];
const WEEK = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

const surname = (name: string | null) => (name && COMPOUND.includes(name.slice(0, 2)) ? name.slice(0, 2) : (name ?? '').slice(0, 1));
const who = (tx: SimTransaction) => (tx.applicant.kind === 'PERSON' ? normaliseIdNumber(tx.applicant.idNumber) : tx.applicant.orgCode);
const ms = (tx: SimTransaction) => Date.parse(tx.acceptedAt);
const inWindow = (tx: SimTransaction, other: SimTransaction, days: number) => ms(other) > ms(tx) - days * DAY && ms(other) <= ms(tx);
const seconds = (hm: string) => Number(hm.slice(0, 2)) * 3600 + Number(hm.slice(3, 5)) * 60;

type Check = (tx: SimTransaction, prior: SimTransaction[], ref: ReferenceInputDoc) => boolean;

const CHECKS: Record<string, Check> = {
  R02: (tx, _prior, ref) => {
    if (tx.channel === 'ONLINE') return false;
    const hours = ref.stations.find((s) => s.code === tx.stationCode)?.hours ?? {};
    const [y, m, d] = tx.acceptedAt.slice(0, 10).split('-').map(Number) as [number, number, number];
    const range = hours[WEEK[new Date(Date.UTC(y, m - 1, d)).getUTCDay()] ?? 'sun'];
    if (!range) return true;
    const t = seconds(tx.acceptedAt.slice(11, 16)) + Number(tx.acceptedAt.slice(17, 19));
    return t < seconds(range.slice(0, 5)) || t >= seconds(range.slice(6, 11));
  },
  R07: (tx, prior) => prior.filter((o) => o.handlerId === tx.handlerId && o.acceptedAt.slice(0, 10) === tx.acceptedAt.slice(0, 10)).length + 1 >= 60,
  R13: (tx, prior) => (tx.type === 'REG_NEW' || tx.type === 'TRANSFER') && tx.applicant.kind === 'PERSON'
    && prior.filter((o) => (o.type === 'REG_NEW' || o.type === 'TRANSFER') && who(o) === who(tx) && inWindow(tx, o, 30)).length + 1 >= 5,
  R14: (tx, prior, ref) => {
    const phone = normalisePhone(tx.applicant.phone);
    const exempt = ref.organisations.flatMap((o) => [...o.phones, ...o.clerks.map((c) => c.phone)]).map((p) => normalisePhone(p));
    if (phone === null || exempt.includes(phone)) return false;
    const people = new Set(prior.filter((o) => normalisePhone(o.applicant.phone) === phone && inWindow(tx, o, 90)).map(who));
    return people.add(who(tx)).size >= 3;
  },
  R16: (tx, prior, ref) => {
    if (!tx.agent) return false;
    const org = ref.organisations.find((o) => o.orgCode === tx.agent?.orgCode);
    if (org?.clerks.some((c) => c.idNumber === tx.agent?.idNumber)) return false;
    const home = normaliseAddress(tx.agent.address);
    const unit = (o: SimTransaction) => (home !== null && normaliseAddress(o.applicant.address) === home && surname(o.applicant.name) === surname(tx.agent?.name ?? null) ? 'family' : who(o));
    const units = new Set(prior.filter((o) => o.agent?.idNumber === tx.agent?.idNumber && inWindow(tx, o, 30)).map(unit));
    return units.add(unit(tx)).size >= 5;
  },
  R18: (tx) => tx.agent !== null && tx.materials.every((m) => m.kind !== 'POWER_OF_ATTORNEY'),
  R20: (tx, prior) => {
    const a = tx.appointment;
    if (!a) return false;
    const count = (same: (o: SimTransaction) => boolean) => new Set([...prior.filter((o) => same(o) && inWindow(tx, o, 7)).map(who), who(tx)]).size;
    const byPhone = a.bookerPhone !== null && count((o) => normalisePhone(o.appointment?.bookerPhone) === normalisePhone(a.bookerPhone)) >= 4;
    const byAccount = a.bookerAccount !== null && count((o) => o.appointment?.bookerAccount === a.bookerAccount) >= 4;
    return byPhone || byAccount;
  },
  R23: (tx) => !tx.flags.tolerance && businessType(tx.type).requiredMaterials.some((k) => tx.materials.every((m) => m.kind !== k)),
  R39: (tx) => tx.completedAt !== null && Date.parse(tx.completedAt) - ms(tx) < businessType(tx.type).minMinutes * 60_000,
};

/** For each transaction id, the checked points that fire on its last line. */
function bruteForce(): Map<string, Set<string>> {
  const lines = run.transactions;
  const result = new Map<string, Set<string>>();
  lines.forEach((tx, j) => {
    // What is visible at ingestion: the latest earlier version of every other transaction.
    const seen = new Set([tx.id]);
    const prior: SimTransaction[] = [];
    for (let i = j - 1; i >= 0; i--) {
      const o = lines[i] as SimTransaction;
      if (!seen.has(o.id)) prior.push(o);
      seen.add(o.id);
    }
    result.set(tx.id, new Set(Object.entries(CHECKS).filter(([, check]) => check(tx, prior, run.reference)).map(([code]) => code)));
  });
  return result;
}

describe('independent brute-force checker', () => {
  const fired = bruteForce();

  it.each(Object.keys(CHECKS))('%s fires exactly where truth.json expects it', (code) => {
    const expected = Object.entries(run.truth.expectedDeterministicHits).filter(([, hits]) => hits.includes(code)).map(([id]) => id).sort();
    const actual = [...fired.entries()].filter(([, hits]) => hits.has(code)).map(([id]) => id).sort();
    expect(actual).toEqual(expected);
    for (const id of run.truth.planted[code] ?? []) expect(actual).toContain(id);
  });

  it('finds nothing on clean transactions and sees the touts', () => {
    const flagged = new Set(Object.keys(run.truth.expectedDeterministicHits));
    const clean = [...fired.entries()].filter(([id]) => !flagged.has(id));
    expect(clean.length).toBeGreaterThan(1500);
    expect(clean.filter(([, hits]) => hits.size > 0)).toEqual([]);
    const planted = new Set(Object.values(run.truth.planted).flat());
    const toutHits = [...fired.entries()].filter(([id, hits]) => !planted.has(id) && hits.size > 0);
    expect(toutHits.length).toBeGreaterThan(10);
    expect(toutHits.some(([, hits]) => hits.has('R16'))).toBe(true);
  });
});
