import { createRoute, z } from '@hono/zod-openapi';
import { listPhotoQueue, photoQueueQuery } from '../../review/photo-queue/index.ts';
import { guard } from '../middleware/require-access.ts';
import type { ApiApp, ApiDeps } from '../types.ts';
import { PHOTO_REVIEWERS } from './photo-review-access.ts';

const item = z.object({
  photoId: z.string(), transactionId: z.string(), position: z.number(), kind: z.string(), stationCode: z.string(), type: z.string(),
  reasons: z.array(z.string()), queuedAt: z.string(), dueAt: z.string(), slaState: z.string(),
});

const route = createRoute({
  method: 'get', path: '/api/v1/photo-reviews', tags: ['photo review'], summary: '照片审核队列 Photos the models sent to people, most urgent first',
  request: { query: photoQueueQuery },
  responses: {
    200: { description: 'the queue and its counts', content: { 'application/json': { schema: z.object({ items: z.array(item), counts: z.object({ waiting: z.number(), nearBreach: z.number(), breached: z.number() }) }) } } },
    400: { description: 'problem+json' },
  },
});

export function registerGetPhotoReviews(app: ApiApp, { ctx }: ApiDeps): void {
  guard(app, 'GET', '/api/v1/photo-reviews', PHOTO_REVIEWERS);
  app.openapi(route, async (c) => c.json(await listPhotoQueue(ctx.db, c.req.valid('query')), 200));
}
