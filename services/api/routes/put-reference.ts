import { z } from '@hono/zod-openapi';
import { importReference } from '../../ingest/reference-data.ts';
import { referenceSchema } from '../../ingest/schema/index.ts';
import { readJson } from '../json-body.ts';
import { problemResponse } from '../problem.ts';
import { guard, INGEST_ACCESS } from '../middleware/require-access.ts';
import { actorName } from '../../auth/roles.ts';
import type { ApiApp, ApiDeps } from '../types.ts';

/** PUT /api/v1/reference — the whole reference document (stations, handlers, organisations, lists). */
export function registerPutReference(app: ApiApp, { ctx }: ApiDeps): void {
  app.openAPIRegistry.registerPath({
    method: 'put', path: '/api/v1/reference', tags: ['reference'], summary: '导入参考数据 Load the whole reference document',
    request: { body: { required: true, content: { 'application/json': { schema: referenceSchema } } } },
    responses: {
      200: { description: 'loaded', content: { 'application/json': { schema: z.object({ stations: z.number(), handlers: z.number(), organisations: z.number(), listEntries: z.number() }) } } },
      400: { description: 'problem+json: every problem named by field path; nothing stored' },
    },
  });
  guard(app, 'PUT', '/api/v1/reference', INGEST_ACCESS);
  app.put('/api/v1/reference', async (c) => {
    const body = await readJson(c);
    if (!body.ok) return problemResponse(c, body.error);
    const result = await importReference(ctx.db, body.value, actorName(c.get('principal')!));
    if (!result.ok) return problemResponse(c, result.error);
    return c.json(result.value, 200);
  });
}
