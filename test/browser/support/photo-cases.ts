/**
 * Puts photos in the review queue of a running platform the way a business system would:
 * transactions with inspection photos sent to POST /api/v1/transactions (inline JPEG), checked by
 * the platform's own photo workers and models. Each is a 45° shot of a vehicle whose plate panel is
 * blank while the record names a plate: no model can read the plate, so no model may pass or fail
 * the photo alone, and it goes to people (REVIEW, "号牌未能可靠识别").
 */
import { renderInspectionPhoto } from '../../../services/photos/render/inspection-set.ts';
import { sampleTransaction } from '../../support/fixtures.ts';
import { apiHeaders, ingestAsBusinessSystem } from './api-client.ts';

async function photoTransaction(index: number, photoCount: number): Promise<Record<string, unknown>> {
  const vehicle = { plate: null, vin: 'LSVAU218XN2183294', color: null, maker: '大众' };
  const kind = 'LEFT_FRONT_45';
  const day = String(10 + index).padStart(2, '0');
  const photos = await Promise.all(Array.from({ length: photoCount }, async (_, i) => {
    const jpeg = await renderInspectionPhoto({ shows: kind, seed: 7100 + index * 10 + i, vehicle, width: 1280, height: 720 });
    return { kind, data: jpeg.toString('base64'), takenAt: `2026-03-${day}T09:2${i}:00+08:00`, lat: 30.27, lon: 120.15 };
  }));
  return sampleTransaction({
    id: `web-photo-${index}`, type: 'REG_NEW', acceptedAt: `2026-03-${day}T09:15:00+08:00`, completedAt: `2026-03-${day}T09:50:00+08:00`,
    agent: null, appointment: null, vehicle: { plate: '浙A12345', vin: vehicle.vin, vehicleType: 'K33', color: null },
    photos,
  });
}

export interface QueuedCase {
  readonly transactionId: string;
  readonly photoId: string;
}

/**
 * Ingests one transaction per entry of `photosPer` (web-photo-0, web-photo-1 …, with that many
 * photos each) and waits until the models have sent every photo to people.
 */
export async function seedPhotoReviewQueue(baseUrl: string, photosPer: readonly number[], timeoutMs = 150_000): Promise<QueuedCase[]> {
  const count = photosPer.reduce((a, b) => a + b, 0);
  const batch = await Promise.all(photosPer.map((n, i) => photoTransaction(i, n)));
  await ingestAsBusinessSystem(baseUrl, batch, 'browser-photos');
  const reviewer = await apiHeaders(baseUrl, 'demo-reviewer');
  const ids = new Set(batch.map((t) => String(t.id)));
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const res = await fetch(`${baseUrl}/api/v1/photo-reviews?limit=200`, { headers: reviewer });
    const queue = await res.json() as { items: Array<{ transactionId: string; photoId: string }> };
    const mine = queue.items.filter((q) => ids.has(q.transactionId));
    if (mine.length >= count) return mine.map((q) => ({ transactionId: q.transactionId, photoId: q.photoId }));
    last = JSON.stringify(mine);
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`the models did not send ${count} photos to people within ${timeoutMs} ms (queued: ${last})`);
}
