import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../../test/support/databases.ts';
import { idNumberCheckChar } from '../domain/check-digits.ts';
import { importReference } from '../ingest/reference-data.ts';
import { createWorld, type SimTransaction } from '../simulator/index.ts';
import { scopedAgentFeatures, type AgentFeatures } from './agent-features.ts';
import { agentFeatures } from './window-features.ts';
import { HUB_ROWS } from './hub-identifiers.ts';
import { updateStart } from './incremental/full-run-state.ts';
import { intermediariesIngestHook } from './incremental/ingest-hook.ts';
import { runnerReader } from './reader.ts';
import { runFullRecompute } from './recompute/run-recompute.ts';
import { ingestSimulated } from './simulated-world.ts';
import { windowEndingAt } from './window.ts';

const WORLD = { days: 10, perDay: 100, seed: 'hub-identifiers-test', tier: 'medium' } as const;
const HOUR = 3_600_000;

function idNumber(birth: string, serial: number): string {
  const first17 = `330106${birth}${String(serial).padStart(3, '0')}`;
  return first17 + (idNumberCheckChar(first17) as string);
}

const phoneOf = (serial: number): string => `1380000${String(1000 + serial)}`;
const HUB = idNumber('19700101', 1);
const OTHER = idNumber('19700101', 2);
/**
 * Applicants 1 and 2 share a phone before the full run (recorded), as do 4 and 5 (recorded, and
 * not used again); applicant 3's phone is shared later through the hook, applicant 6's by a
 * transaction stored without it.
 */
const SHARED_BEFORE = phoneOf(1);
const SHARED_QUIET = phoneOf(4);
const SHARED_LATER = phoneOf(3);
const SHARED_UNHOOKED = phoneOf(6);
const hubPhone = (serial: number): string => (serial === 2 ? SHARED_BEFORE : serial === 5 ? SHARED_QUIET : phoneOf(serial));

/** A case of `agent` for applicant `serial` (its own household), shaped like `template`. */
function caseOf(template: SimTransaction, id: string, at: number, agent: string, serial: number, phone: string): SimTransaction {
  return {
    ...template, id, version: 1, acceptedAt: new Date(at).toISOString(), completedAt: null, channel: 'COUNTER',
    applicant: {
      ...template.applicant, kind: 'PERSON', idNumber: idNumber('19850412', serial), name: `${'赵钱孙李周吴郑冯'[serial % 8]}客${serial}`,
      phone, address: `杭州市西湖区文三路${serial}号`,
    } as SimTransaction['applicant'],
    agent: { ...(template.agent as NonNullable<SimTransaction['agent']>), idNumber: agent, name: agent === HUB ? '王经办' : '李代办', phone: agent === HUB ? '13966660001' : '13966660002', orgCode: null },
    appointment: null, vehicle: null, materials: [], photos: [],
  };
}

describe.each(BACKENDS)('hub agents between full runs on %s', (kind) => {
  let test: TestDatabase;
  let before: AgentFeatures | undefined;
  beforeAll(async () => {
    test = await openTestDatabase(kind);
    const world = createWorld(WORLD);
    expect((await importReference(test.db, world.reference, 'test')).ok).toBe(true);
    const all = [...world.transactions];
    const template = all.find((t) => t.agent !== null)!;
    const last = Math.max(...all.map((t) => Date.parse(t.acceptedAt)));
    const hubCases = Array.from({ length: HUB_ROWS + 10 }, (_, i) => caseOf(template, `HUB-${i}`, last + (i + 1) * 60_000, HUB, i + 1, hubPhone(i + 1)));
    await ingestSimulated(test.db, [...all, ...hubCases]);
    await runFullRecompute(test.db, { actor: 'tester' });
    before = (await agentFeatures(runnerReader(test.db.sql), windowEndingAt(new Date(last + 300 * 60_000), 90), (await updateStart(runnerReader(test.db.sql)))!.state.options)).features.find((f) => f.agent === HUB);
    // After the run: another agent's client gives applicant 3's phone, and the hub brings a client with the recorded shared phone.
    const late = [
      caseOf(template, 'LATE-1', last + 10 * HOUR, OTHER, 500, SHARED_LATER),
      caseOf(template, 'LATE-2', last + 11 * HOUR, HUB, 501, SHARED_BEFORE),
    ];
    await ingestSimulated(test.db, late, [intermediariesIngestHook('tester')], 1);
    await ingestSimulated(test.db, [caseOf(template, 'LATE-3', last + 12 * HOUR, OTHER, 502, SHARED_UNHOOKED)]);
  }, 300_000);
  afterAll(async () => {
    await test.dispose();
  });

  it('records the hub with the identifiers two principals used, and those of later transactions through the hook', async () => {
    expect(before?.sharedPhone).toBe(4);
    const [hub] = await test.db.sql.query<{ phones: string[] }>('SELECT phones FROM intermediary_hub WHERE agent_id_number = $1', [HUB]);
    expect([...hub!.phones].sort()).toEqual([SHARED_BEFORE, SHARED_LATER, SHARED_QUIET]);
  });

  it('scores the hub as the full pass does, with and without the shortcut', async () => {
    const reader = runnerReader(test.db.sql);
    const start = (await updateStart(reader))!;
    expect(start.state.watermark).not.toBeNull();
    const window = windowEndingAt(start.latest!, start.state.options.windowDays);
    const full = (await agentFeatures(reader, window, start.state.options)).features.find((f) => f.agent === HUB);
    // The hub alone: another agent in the scope would have the phone shared later looked up anyway.
    const shortcut = await scopedAgentFeatures(reader, window, start.state.options, [HUB], start.state.watermark);
    const exact = await scopedAgentFeatures(reader, window, start.state.options, [HUB], null);
    expect(shortcut).toEqual(exact);
    expect(shortcut.features.find((f) => f.agent === HUB)).toEqual(full);
    // Applicants 1, 2 and 501 share a recorded phone, 4 and 5 the other; 3 and 500, 6 and 502 those shared after the run.
    expect(full?.sharedPhone).toBe(7);
  });
});
