import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isValidUscc, isValidVin } from '../domain/check-digits.ts';
import { referenceSchema, transactionSchema } from '../ingest/schema/index.ts';
import { isValidIdNumber } from './identity.ts';
import { PLANTED_POINTS, simulateWorld, writeWorld } from './simulate.ts';

const OPTIONS = { days: 14, seed: 7, perDay: 250, tier: 'hard' as const };
const run = simulateWorld(OPTIONS);
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function writeTo(options: Parameters<typeof writeWorld>[0]): string {
  const dir = mkdtempSync(join(tmpdir(), 'sim-'));
  dirs.push(dir);
  writeWorld(options, dir);
  return dir;
}

describe('simulateWorld determinism', () => {
  it('gives byte-identical files for the same options', () => {
    const [a, b] = [writeTo(OPTIONS), writeTo(OPTIONS)];
    for (const file of ['reference.json', 'transactions.ndjson', 'truth.json']) {
      expect(readFileSync(join(a, file)).equals(readFileSync(join(b, file))), file).toBe(true);
    }
    const lines = readFileSync(join(a, 'transactions.ndjson'), 'utf8').trimEnd().split('\n');
    expect(lines).toEqual(run.transactions.map((tx) => JSON.stringify(tx)));
  });

  it('differs for another seed', () => {
    const other = simulateWorld({ ...OPTIONS, seed: 8, days: 3 });
    const same = simulateWorld({ ...OPTIONS, days: 3 });
    expect(JSON.stringify(other.transactions)).not.toEqual(JSON.stringify(same.transactions));
    expect(JSON.stringify(other.reference)).not.toEqual(JSON.stringify(same.reference));
  });
});

describe('the generated world', () => {
  it('validates against the ingest schemas', () => {
    expect(referenceSchema.safeParse(run.reference).success).toBe(true);
    const failures = run.transactions.map((tx) => transactionSchema.safeParse(tx)).filter((r) => !r.success);
    expect(failures.map((f) => f.error?.issues)).toEqual([]);
  });

  it('writes lines in acceptedAt order, revisions as later lines of a higher version', () => {
    const seen = new Map<string, number>();
    let last = 0;
    for (const tx of run.transactions) {
      const t = Date.parse(tx.acceptedAt);
      if (tx.version === 1) {
        expect(t).toBeGreaterThanOrEqual(last);
        last = t;
        expect(seen.has(tx.id)).toBe(false);
      } else {
        expect(tx.version).toBeGreaterThan(seen.get(tx.id) ?? Infinity);
      }
      expect(tx.acceptedAt).toMatch(/\+08:00$/);
      seen.set(tx.id, tx.version);
    }
    expect(run.transactions.some((tx) => tx.version === 2)).toBe(true);
  });

  it('uses valid identifiers except where R09 / R32 are planted', () => {
    const r09 = new Set(run.truth.planted.R09);
    const r32 = new Set(run.truth.planted.R32);
    for (const tx of run.transactions) {
      const date = tx.acceptedAt.slice(0, 10);
      const ids = [tx.applicant.kind === 'PERSON' ? tx.applicant.idNumber : null, tx.agent?.idNumber ?? null].filter((x) => x !== null);
      if (!r09.has(tx.id)) for (const id of ids) expect(isValidIdNumber(id, date), `${tx.id} ${id}`).toBe(true);
      if (!r32.has(tx.id) && tx.vehicle?.vin) expect(isValidVin(tx.vehicle.vin), tx.id).toBe(true);
      if (tx.applicant.orgCode) expect(isValidUscc(tx.applicant.orgCode)).toBe(true);
    }
    for (const h of run.reference.handlers) expect(isValidIdNumber(h.idNumber, '2026-03-01')).toBe(true);
    for (const o of run.reference.organisations) {
      expect(isValidUscc(o.orgCode)).toBe(true);
      for (const c of o.clerks) expect(isValidIdNumber(c.idNumber, '2026-03-01')).toBe(true);
    }
  });

  it('plants at least three of every deterministic point and records them as expected hits', () => {
    for (const code of PLANTED_POINTS) {
      expect(run.truth.planted[code]?.length ?? 0, code).toBeGreaterThanOrEqual(3);
      for (const id of run.truth.planted[code] ?? []) expect(run.truth.expectedDeterministicHits[id], `${code} ${id}`).toContain(code);
    }
    expect(run.truth.planted.R41).toBeUndefined();
  });

  it('covers every business type, kind of station, role and organisation kind', () => {
    expect(Object.keys(run.truth.stats.byType)).toHaveLength(17);
    expect(new Set(run.reference.stations.map((s) => s.kind)).size).toBe(8);
    expect(new Set(run.reference.handlers.map((h) => h.role)).size).toBe(3);
    expect(run.reference.handlers.some((h) => !h.active)).toBe(true);
    expect(new Set(run.reference.organisations.map((o) => o.kind)).size).toBe(6);
    expect(run.transactions.some((tx) => tx.vehicle?.plate?.length === 8)).toBe(true);
    expect(run.transactions.some((tx) => tx.applicant.name?.startsWith('欧阳'))).toBe(true);
  });

  it('gives every agent a power of attorney unless R18 is planted, and no photos yet', () => {
    const r18 = new Set(run.truth.planted.R18);
    for (const tx of run.transactions) {
      expect(tx.photos).toEqual([]);
      if (tx.agent && !r18.has(tx.id)) expect(tx.materials.some((m) => m.kind === 'POWER_OF_ATTORNEY'), tx.id).toBe(true);
    }
  });

  it('describes rings, touts and legitimate proxies consistently', () => {
    const { touts, rings, legitimateProxies, colludingHandlers } = run.truth;
    expect(rings.length).toBe(4);
    const toutIds = new Set(touts.map((t) => t.idNumber));
    for (const ring of rings) for (const m of ring.members) expect(toutIds.has(m)).toBe(true);
    expect(legitimateProxies.some((p) => toutIds.has(p.idNumber))).toBe(false);
    expect(new Set(legitimateProxies.map((p) => p.kind))).toContain('FAMILY');
    const handlerIds = new Set(run.reference.handlers.map((h) => h.id));
    for (const h of colludingHandlers) expect(handlerIds.has(h)).toBe(true);
    // At `hard` a registered dealer clerk works for a ring.
    const clerks = new Set(run.reference.organisations.flatMap((o) => o.clerks.map((c) => c.idNumber)));
    expect(touts.some((t) => clerks.has(t.idNumber))).toBe(true);
  });
});
