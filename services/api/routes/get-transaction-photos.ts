import { createRoute, z } from '@hono/zod-openapi';
import { getPhotoCase } from '../../review/photo-queue/index.ts';
import { guard } from '../middleware/require-access.ts';
import { problemResponse } from '../problem.ts';
import type { ApiApp, ApiDeps } from '../types.ts';
import { PHOTO_READERS } from './photo-review-access.ts';

const route = createRoute({
  method: 'get', path: '/api/v1/transactions/{id}/photos', tags: ['photo review'],
  summary: '业务照片与模型识别结果 A transaction\'s photos: findings, verdicts, decisions, reuse partners side by side',
  request: { params: z.object({ id: z.string().min(1).max(64) }) },
  responses: { 200: { description: 'the photo case' }, 404: { description: 'problem+json: no such transaction' } },
});

export function registerGetTransactionPhotos(app: ApiApp, { ctx }: ApiDeps): void {
  guard(app, 'GET', '/api/v1/transactions/:id/photos', PHOTO_READERS);
  app.openapi(route, async (c) => {
    const result = await getPhotoCase(ctx.db, c.req.valid('param').id);
    if (!result.ok) return problemResponse(c, result.error);
    return c.json(result.value as unknown as Record<string, unknown>, 200);
  });
}
