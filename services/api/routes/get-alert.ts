import { createRoute, z } from '@hono/zod-openapi';
import { getAlert } from '../../review/get-alert.ts';
import { guard } from '../middleware/require-access.ts';
import { problemResponse } from '../problem.ts';
import { unmaskRequested } from '../unmask.ts';
import type { ApiApp, ApiDeps } from '../types.ts';
import { ALERT_READERS } from './alert-access.ts';

const route = createRoute({
  method: 'get', path: '/api/v1/alerts/{id}', tags: ['alerts'], summary: '告警详情 One alert: the case, every fired point with evidence, related open alerts',
  description: '双重审核为盲审：未作决定的审核人看不到他人的决定。个人信息默认脱敏，unmask=true 记入审计。 Blind review: decisions are hidden from a viewer who has not decided. Personal data masked unless unmask=true (audited).',
  request: { params: z.object({ id: z.string().regex(/^\d{1,18}$/) }), query: z.object({ unmask: z.enum(['true', 'false']).optional() }) },
  responses: { 200: { description: 'the alert', content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } }, 404: { description: 'problem+json' } },
});

export function registerGetAlert(app: ApiApp, deps: ApiDeps): void {
  guard(app, 'GET', '/api/v1/alerts/:id', ALERT_READERS);
  app.openapi(route, async (c) => {
    const id = c.req.valid('param').id;
    const principal = c.get('principal');
    if (principal?.kind !== 'user') return problemResponse(c, { code: 'FORBIDDEN', detail: '需要登录用户 (a signed-in user is required)' });
    const exists = await deps.ctx.db.prisma.alert.findUnique({ where: { id: BigInt(id) }, select: { id: true } });
    if (!exists) return problemResponse(c, { code: 'NOT_FOUND', detail: `没有告警 ${id} (no such alert)` });
    const unmask = await unmaskRequested(c, deps, 'alert', { type: 'alert', id });
    if (!unmask.ok) return problemResponse(c, unmask.error);
    const result = await getAlert(deps.ctx.db, BigInt(id), principal.userId, { unmask: unmask.value });
    if (!result.ok) return problemResponse(c, result.error);
    return c.json(result.value, 200);
  });
}
