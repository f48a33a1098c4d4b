import { createRoute, z } from '@hono/zod-openapi';
import { decideLinkInput, decidePersonLink } from '../../intermediaries/index.ts';
import { readJson } from '../json-body.ts';
import { guard } from '../middleware/require-access.ts';
import { problemResponse } from '../problem.ts';
import type { ApiApp, ApiDeps } from '../types.ts';
import { INVESTIGATORS, NOT_A_USER, PROBLEM, viewerOf } from './investigation-access.ts';

const route = createRoute({
  method: 'post', path: '/api/v1/investigation/links/{id}/decide', tags: ['investigation'],
  summary: '确认或拆分人员关联 Confirm (same person) or split (two people) a link between person records, with a note (INVESTIGATOR, audited)',
  request: { params: z.object({ id: z.string() }), body: { required: true, content: { 'application/json': { schema: decideLinkInput } } } },
  responses: { 200: { description: 'the decision' }, 400: PROBLEM, 404: PROBLEM, 409: { description: 'problem+json RULE_REFUSED (REASON_TOO_SHORT)' } },
});

export function registerPostInvestigationLinkDecide(app: ApiApp, { ctx }: ApiDeps): void {
  guard(app, 'POST', '/api/v1/investigation/links/:id/decide', INVESTIGATORS);
  app.openAPIRegistry.registerPath(route);
  app.post('/api/v1/investigation/links/:id/decide', async (c) => {
    const viewer = viewerOf(c);
    if (!viewer) return problemResponse(c, NOT_A_USER);
    const id = c.req.param('id');
    if (!/^\d{1,18}$/.test(id)) return problemResponse(c, { code: 'NOT_FOUND', detail: `没有关联 ${id} (no such link)` });
    const body = await readJson(c);
    if (!body.ok) return problemResponse(c, body.error);
    const result = await decidePersonLink(ctx.db, viewer, BigInt(id), body.value);
    if (!result.ok) return problemResponse(c, result.error);
    return c.json(result.value, 200);
  });
}
