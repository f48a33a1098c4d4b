import { z } from '@hono/zod-openapi';
import { putReferenceEntity, type ReferenceEntity } from '../../ingest/reference-data.ts';
import { handlerSchema, organisationSchema, stationSchema } from '../../ingest/schema/index.ts';
import { readJson } from '../json-body.ts';
import { problemResponse } from '../problem.ts';
import { guard, INGEST_ACCESS } from '../middleware/require-access.ts';
import { actorName } from '../../auth/roles.ts';
import type { ApiApp, ApiDeps } from '../types.ts';

const ENTITIES: Record<ReferenceEntity, z.ZodType> = { stations: stationSchema, handlers: handlerSchema, organisations: organisationSchema };

/** PUT /api/v1/reference/{stations|handlers|organisations}/{key} — create or replace one entity. */
export function registerPutReferenceEntity(app: ApiApp, { ctx }: ApiDeps): void {
  for (const [entity, schema] of Object.entries(ENTITIES)) {
    app.openAPIRegistry.registerPath({
      method: 'put', path: `/api/v1/reference/${entity}/{key}`, tags: ['reference'], summary: `新增或替换 ${entity} Create or replace one`,
      request: { params: z.object({ key: z.string() }), body: { required: true, content: { 'application/json': { schema } } } },
      responses: { 200: { description: 'stored' }, 400: { description: 'problem+json naming each bad field' } },
    });
  }
  guard(app, 'PUT', '/api/v1/reference/:entity{stations|handlers|organisations}/:key', INGEST_ACCESS);
  app.put('/api/v1/reference/:entity{stations|handlers|organisations}/:key', async (c) => {
    const body = await readJson(c);
    if (!body.ok) return problemResponse(c, body.error);
    const result = await putReferenceEntity(ctx.db, c.req.param('entity') as ReferenceEntity, c.req.param('key'), body.value, actorName(c.get('principal')!));
    if (!result.ok) return problemResponse(c, result.error);
    return c.json(result.value, 200);
  });
}
