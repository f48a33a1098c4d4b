import { createRoute } from '@hono/zod-openapi';
import { exportReference } from '../../ingest/reference-data.ts';
import { referenceSchema } from '../../ingest/schema/index.ts';
import type { ApiApp, ApiDeps } from '../types.ts';

const route = createRoute({
  method: 'get', path: '/api/v1/reference', tags: ['reference'], summary: '导出参考数据 The reference document as stored',
  responses: { 200: { description: 'reference document', content: { 'application/json': { schema: referenceSchema } } } },
});

export function registerGetReference(app: ApiApp, { ctx }: ApiDeps): void {
  app.openapi(route, async (c) => c.json(await exportReference(ctx.db.prisma), 200));
}
