import { createRoute, z } from '@hono/zod-openapi';
import { SEARCH_KINDS, searchPeople } from '../../intermediaries/index.ts';
import { guard } from '../middleware/require-access.ts';
import { problemResponse } from '../problem.ts';
import type { ApiApp, ApiDeps } from '../types.ts';
import { INVESTIGATORS, MASKING_NOTE, NOT_A_USER, PROBLEM, viewerOf } from './investigation-access.ts';

const route = createRoute({
  method: 'get', path: '/api/v1/investigation/search', tags: ['investigation'],
  summary: '人员检索 Search by ID number, name (one character tolerance), phone, address, plate, VIN or handler (INVESTIGATOR)',
  description: `每个人员附其角色（申请人/代办人/预约/登记联系）及首次、最近时间。kind 省略时按内容判断。 ${MASKING_NOTE}`,
  request: { query: z.object({ q: z.string().min(1).max(200), kind: z.enum(SEARCH_KINDS).optional(), limit: z.string().optional(), unmask: z.enum(['true', 'false']).optional() }) },
  responses: { 200: { description: 'persons with roles and dates, handlers, vehicles' }, 400: PROBLEM, 403: PROBLEM },
});

export function registerGetInvestigationSearch(app: ApiApp, { ctx }: ApiDeps): void {
  guard(app, 'GET', '/api/v1/investigation/search', INVESTIGATORS);
  app.openapi(route, async (c) => {
    const viewer = viewerOf(c);
    if (!viewer) return problemResponse(c, NOT_A_USER);
    const { q, kind, limit } = c.req.valid('query');
    const result = await searchPeople(ctx.db, viewer, { q, kind, limit });
    if (!result.ok) return problemResponse(c, result.error);
    return c.json({ ...result.value, masked: !viewer.unmask }, 200);
  });
}
