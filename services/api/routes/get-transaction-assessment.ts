import { createRoute, z } from '@hono/zod-openapi';
import { maskPersonalData } from '../../auth/masking.ts';
import { assessmentDocuments } from '../../risk/queries/assessment-documents.ts';
import { guard, READ_ACCESS } from '../middleware/require-access.ts';
import { problemResponse } from '../problem.ts';
import type { ApiApp, ApiDeps } from '../types.ts';

const document = z.object({
  transactionId: z.string(), version: z.number(), ruleSetVersion: z.string(), score: z.number(), alert: z.boolean(), dualReview: z.boolean(),
  photoChecks: z.enum(['PENDING', 'DONE']), pending: z.array(z.string()),
  hits: z.array(z.object({ riskPoint: z.string(), weight: z.number(), reason: z.string(), evidence: z.unknown() })),
  photos: z.array(z.object({ kind: z.string(), sha256: z.string().nullable(), verdict: z.string().nullable(), findings: z.unknown() })),
});

const route = createRoute({
  method: 'get', path: '/api/v1/transactions/{id}/assessment', tags: ['ingest'],
  summary: '业务风险评估 The current assessment (interchange.md §5): score, hits with evidence, photo checks',
  description: '证据中的个人信息按角色脱敏 (personal data in evidence is masked). photoChecks stays PENDING until every photo has been through the models.',
  request: { params: z.object({ id: z.string().min(1).max(64) }) },
  responses: {
    200: { description: 'the current assessment', content: { 'application/json': { schema: document } } },
    404: { description: 'problem+json: unknown id' },
  },
});

export function registerGetTransactionAssessment(app: ApiApp, { ctx }: ApiDeps): void {
  guard(app, 'GET', '/api/v1/transactions/:id/assessment', READ_ACCESS);
  app.openapi(route, async (c) => {
    const id = c.req.valid('param').id;
    const doc = (await assessmentDocuments(ctx.db, [id])).get(id);
    if (!doc) return problemResponse(c, { code: 'NOT_FOUND', detail: `没有业务 ${id} 的评估 (no assessment for ${id})` });
    return c.json(maskPersonalData(doc) as z.infer<typeof document>, 200);
  });
}
