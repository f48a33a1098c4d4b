import { createRoute } from '@hono/zod-openapi';
import { exportSuspectsCsv } from '../../intermediaries/index.ts';
import { guard } from '../middleware/require-access.ts';
import { problemResponse } from '../problem.ts';
import type { ApiApp, ApiDeps } from '../types.ts';
import { suspectQuery } from './get-investigation-suspects.ts';
import { INVESTIGATORS, MASKING_NOTE, NOT_A_USER, PROBLEM, viewerOf } from './investigation-access.ts';

const route = createRoute({
  method: 'get', path: '/api/v1/investigation/suspects.csv', tags: ['investigation'],
  summary: '导出嫌疑人 CSV export of the suspects (INVESTIGATOR, audited)',
  description: `与列表相同的筛选；UTF-8 (BOM)。 ${MASKING_NOTE}`,
  request: { query: suspectQuery },
  responses: { 200: { description: 'text/csv', content: { 'text/csv': { schema: { type: 'string' } } } }, 400: PROBLEM, 403: PROBLEM },
});

export function registerGetInvestigationSuspectsCsv(app: ApiApp, { ctx }: ApiDeps): void {
  guard(app, 'GET', '/api/v1/investigation/suspects.csv', INVESTIGATORS);
  app.openapi(route, async (c) => {
    const viewer = viewerOf(c);
    if (!viewer) return problemResponse(c, NOT_A_USER);
    const { unmask: _unmask, ...filters } = c.req.valid('query');
    const result = await exportSuspectsCsv(ctx.db, viewer, filters);
    if (!result.ok) return problemResponse(c, result.error);
    const day = new Date().toISOString().slice(0, 10);
    return c.body(result.value.csv, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="suspects-${day}${viewer.unmask ? '' : '-masked'}.csv"`,
    });
  });
}
