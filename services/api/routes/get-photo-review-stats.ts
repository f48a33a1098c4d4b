import { createRoute, z } from '@hono/zod-openapi';
import { photoReviewStats } from '../../review/photo-queue/index.ts';
import { guard } from '../middleware/require-access.ts';
import type { ApiApp, ApiDeps } from '../types.ts';
import { PHOTO_STATS_READERS } from './photo-review-access.ts';

const DAY = 86_400_000;

const query = z.object({
  from: z.iso.datetime({ offset: true }).optional().openapi({ description: '默认 24 小时前 (default: 24 h ago)' }),
  to: z.iso.datetime({ offset: true }).optional().openapi({ description: '默认现在 (default: now)' }),
}).refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), { path: ['to'], message: 'to must be after from' });

const stats = z.object({
  from: z.string(), to: z.string(), checked: z.number(), decidedAutomatically: z.number(), sentToReview: z.number(),
  automationRate: z.number().nullable(), reviewed: z.number(), reviewedOnTime: z.number(), waiting: z.number(),
  throughputPerHour: z.number(), medianMinutesToDecision: z.number().nullable(), verdicts: z.record(z.string(), z.number()),
});

const route = createRoute({
  method: 'get', path: '/api/v1/photo-reviews/stats', tags: ['photo review'], summary: '照片自动化率与审核效率 Automation rate and reviewer throughput',
  request: { query },
  responses: { 200: { description: 'figures for the period', content: { 'application/json': { schema: stats } } }, 400: { description: 'problem+json' } },
});

export function registerGetPhotoReviewStats(app: ApiApp, { ctx }: ApiDeps): void {
  guard(app, 'GET', '/api/v1/photo-reviews/stats', PHOTO_STATS_READERS);
  app.openapi(route, async (c) => {
    const q = c.req.valid('query');
    const to = q.to ? new Date(q.to) : new Date();
    const from = q.from ? new Date(q.from) : new Date(to.getTime() - DAY);
    return c.json(await photoReviewStats(ctx.db, from, to), 200);
  });
}
