import { createRoute, z } from '@hono/zod-openapi';
import { listAlerts, listAlertsQuery } from '../../review/list-alerts.ts';
import { guard } from '../middleware/require-access.ts';
import { problemResponse } from '../problem.ts';
import type { ApiApp, ApiDeps } from '../types.ts';
import { ALERT_READERS } from './alert-access.ts';

const summary = z.object({
  id: z.string(), transactionId: z.string(), type: z.string(), stationCode: z.string(), status: z.string(), severity: z.string(), score: z.number(),
  dualReview: z.boolean(), riskPoints: z.array(z.string()), createdAt: z.string(), slaDueAt: z.string(), slaState: z.string(), assigneeIds: z.array(z.string()),
});

const route = createRoute({
  method: 'get', path: '/api/v1/alerts', tags: ['alerts'], summary: '告警收件箱 The alert inbox (filters, paginated, SLA-urgent first)',
  request: { query: listAlertsQuery },
  responses: {
    200: { description: 'one page', content: { 'application/json': { schema: z.object({ items: z.array(summary), page: z.number(), pageSize: z.number(), total: z.number() }) } } },
    400: { description: 'problem+json' },
  },
});

export function registerGetAlerts(app: ApiApp, { ctx }: ApiDeps): void {
  guard(app, 'GET', '/api/v1/alerts', ALERT_READERS);
  app.openapi(route, async (c) => {
    const result = await listAlerts(ctx.db, c.req.valid('query'));
    if (!result.ok) return problemResponse(c, result.error);
    return c.json(result.value, 200);
  });
}
