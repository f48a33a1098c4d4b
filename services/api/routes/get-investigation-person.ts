import { createRoute, z } from '@hono/zod-openapi';
import { getPersonProfile } from '../../intermediaries/index.ts';
import { guard } from '../middleware/require-access.ts';
import { problemResponse } from '../problem.ts';
import type { ApiApp, ApiDeps } from '../types.ts';
import { INVESTIGATORS, MASKING_NOTE, NOT_A_USER, PROBLEM, viewerOf } from './investigation-access.ts';

const route = createRoute({
  method: 'get', path: '/api/v1/investigation/persons/{ref}', tags: ['investigation'],
  summary: '人员画像 A person profile: merged records, identity checks, phones, addresses, roles, timeline, links, suspect score (INVESTIGATOR)',
  description: `ref 为检索结果中的不透明引用（不含身份证号）。 ${MASKING_NOTE}`,
  request: {
    params: z.object({ ref: z.string().min(8).max(200) }),
    query: z.object({ timelineLimit: z.coerce.number().int().min(1).max(2000).optional(), unmask: z.enum(['true', 'false']).optional() }),
  },
  responses: { 200: { description: 'the profile' }, 403: PROBLEM, 404: PROBLEM },
});

export function registerGetInvestigationPerson(app: ApiApp, { ctx }: ApiDeps): void {
  guard(app, 'GET', '/api/v1/investigation/persons/:ref', INVESTIGATORS);
  app.openapi(route, async (c) => {
    const viewer = viewerOf(c);
    if (!viewer) return problemResponse(c, NOT_A_USER);
    const { timelineLimit } = c.req.valid('query');
    const result = await getPersonProfile(ctx.db, viewer, c.req.valid('param').ref, timelineLimit === undefined ? {} : { timelineLimit });
    if (!result.ok) return problemResponse(c, result.error);
    return c.json({ ...result.value, masked: !viewer.unmask }, 200);
  });
}
