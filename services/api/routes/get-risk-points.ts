import { createRoute, z } from '@hono/zod-openapi';
import { RISK_POINTS } from '../../risk/points/index.ts';
import type { ApiApp, ApiDeps } from '../types.ts';
import { guard, READ_ACCESS } from '../middleware/require-access.ts';

const riskPoint = z.object({
  code: z.string(), nameZh: z.string(), nameEn: z.string(), category: z.string(), timing: z.string(),
  dualReview: z.boolean().openapi({ description: 'the ◆ flag: a hit raises an alert and requires dual review' }),
  defaultWeight: z.number(), weight: z.number(), enabled: z.boolean(), logicVersion: z.number(),
  params: z.record(z.string(), z.unknown()),
});

const route = createRoute({
  method: 'get', path: '/api/v1/risk-points', tags: ['risk'], summary: '41个风险点及其现行参数 The 41 risk points with their live parameters',
  responses: {
    200: {
      description: 'the catalogue under the published rule set',
      content: { 'application/json': { schema: z.object({ ruleSetVersion: z.string(), alertThreshold: z.number(), dualReviewThreshold: z.number(), points: z.array(riskPoint) }) } },
    },
  },
});

export function registerGetRiskPoints(app: ApiApp, { ctx, scoring }: ApiDeps): void {
  guard(app, 'GET', '/api/v1/risk-points', READ_ACCESS);
  app.openapi(route, async (c) => {
    const live = await ctx.db.prisma.$transaction((tx) => scoring.rules.get(tx));
    const points = RISK_POINTS.map((p) => {
      const config = live.config.points[p.code as keyof typeof live.config.points];
      return {
        code: p.code, nameZh: p.nameZh, nameEn: p.nameEn, category: p.category, timing: p.timing, dualReview: p.dualReview,
        defaultWeight: p.defaultWeight, weight: config.weight, enabled: config.enabled, logicVersion: p.version, params: { ...config.params },
      };
    });
    return c.json({ ruleSetVersion: live.version, alertThreshold: live.config.alertThreshold, dualReviewThreshold: live.config.dualReviewThreshold, points }, 200);
  });
}
