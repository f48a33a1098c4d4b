import { createRoute } from '@hono/zod-openapi';
import { listColludingHandlers } from '../../intermediaries/index.ts';
import { guard } from '../middleware/require-access.ts';
import { problemResponse } from '../problem.ts';
import type { ApiApp, ApiDeps } from '../types.ts';
import { HANDLER_READERS, MASKING_NOTE, NOT_A_USER, PROBLEM, unmaskQuery, viewerOf } from './investigation-access.ts';

const route = createRoute({
  method: 'get', path: '/api/v1/investigation/colluding-handlers', tags: ['investigation'],
  summary: '疑似勾连经办人 Handlers favouring suspects: observed vs expected cases, lift, p-value (INVESTIGATOR, SUPERVISOR, SENIOR_SUPERVISOR)',
  description: MASKING_NOTE,
  request: { query: unmaskQuery },
  responses: { 200: { description: 'handlers, most significant first' }, 403: PROBLEM },
});

export function registerGetInvestigationColludingHandlers(app: ApiApp, { ctx }: ApiDeps): void {
  guard(app, 'GET', '/api/v1/investigation/colluding-handlers', HANDLER_READERS);
  app.openapi(route, async (c) => {
    const viewer = viewerOf(c);
    if (!viewer) return problemResponse(c, NOT_A_USER);
    const result = await listColludingHandlers(ctx.db, viewer);
    if (!result.ok) return problemResponse(c, result.error);
    return c.json({ items: result.value, masked: !viewer.unmask }, 200);
  });
}
