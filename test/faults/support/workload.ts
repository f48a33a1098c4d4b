/** Transactions for fault tests: batches whose scoring raises alerts, optionally with photos. */
import { renderScene } from '../../../services/photos/render/scene.ts';
import { sampleTransaction } from '../../support/fixtures.ts';

/** Every other applicant has an ID number with a wrong check digit: R09 (weight 50) raises an alert. */
export function transactionBatch(prefix: string, batch: number, size: number): Array<Record<string, unknown>> {
  return Array.from({ length: size }, (_, i) => {
    const n = batch * size + i;
    const idNumber = i % 2 === 0 ? '330102199001011234' : '330102199001011235';
    return sampleTransaction({
      id: `${prefix}-${batch}-${i}`,
      acceptedAt: new Date(Date.parse('2026-03-02T01:15:00Z') + n * 60_000).toISOString(),
      completedAt: null,
      status: 'ACCEPTED',
      applicant: { kind: 'PERSON', idNumber, name: `申请人${n}`, phone: `138${String(n).padStart(8, '0')}`, address: '杭州市上城区解放路100号', identityCheck: 'PASSED' },
      agent: null,
      appointment: null,
      photos: [],
    });
  });
}

/** Ids of a batch list, for comparing what the database holds. */
export function idsOf(batches: ReadonlyArray<ReadonlyArray<Record<string, unknown>>>): string[] {
  return batches.flat().map((t) => t.id as string);
}

/**
 * Transactions with two rendered vehicle photos each (distinct scenes, sent inline); the first
 * also carries a truncated JPEG, which the checks must record as UNREADABLE.
 */
export async function photoTransactions(prefix: string, count: number): Promise<Array<Record<string, unknown>>> {
  const docs: Array<Record<string, unknown>> = [];
  for (let i = 0; i < count; i++) {
    const [front, rear] = await Promise.all([renderScene(500 + 2 * i, 1280, 720), renderScene(501 + 2 * i, 1280, 720)]);
    const photos = [
      { kind: 'LEFT_FRONT_45', data: front.toString('base64') },
      { kind: 'RIGHT_REAR_45', data: rear.toString('base64') },
      ...(i === 0 ? [{ kind: 'OTHER', data: front.subarray(0, Math.floor(front.length / 3)).toString('base64') }] : []),
    ];
    const [tx] = transactionBatch(prefix, 0, count).slice(i, i + 1);
    docs.push({ ...tx, photos });
  }
  return docs;
}
