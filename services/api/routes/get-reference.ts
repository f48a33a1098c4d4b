import { createRoute, z } from '@hono/zod-openapi';
import { maskPersonalData } from '../../auth/masking.ts';
import { exportReference } from '../../ingest/reference-data.ts';
import { referenceSchema } from '../../ingest/schema/index.ts';
import { guard, READ_ACCESS } from '../middleware/require-access.ts';
import { problemResponse } from '../problem.ts';
import { unmaskRequested } from '../unmask.ts';
import type { ApiApp, ApiDeps } from '../types.ts';

const route = createRoute({
  method: 'get', path: '/api/v1/reference', tags: ['reference'], summary: '导出参考数据 The reference document as stored',
  description: '个人信息默认脱敏；`unmask=true` 仅 ADMIN / INVESTIGATOR，记入审计。 Masked unless unmask=true (ADMIN, INVESTIGATOR; audited).',
  request: { query: z.object({ unmask: z.enum(['true', 'false']).optional() }) },
  responses: {
    200: { description: 'reference document', content: { 'application/json': { schema: referenceSchema } } },
    403: { description: 'problem+json: unmask asked by a role that may not' },
  },
});

export function registerGetReference(app: ApiApp, deps: ApiDeps): void {
  guard(app, 'GET', '/api/v1/reference', READ_ACCESS);
  app.openapi(route, async (c) => {
    const unmask = await unmaskRequested(c, deps, 'reference', { type: 'reference', id: 'document' });
    if (!unmask.ok) return problemResponse(c, unmask.error);
    const doc = await exportReference(deps.ctx.db.prisma);
    return c.json(unmask.value ? doc : maskPersonalData(doc), 200);
  });
}
