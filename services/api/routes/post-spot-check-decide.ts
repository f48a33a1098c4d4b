import { decideSpotCheck, decideSpotCheckInput } from '../../review/spot-checks/index.ts';
import { reviewActorOf } from '../../review/review-rules.ts';
import { readJson } from '../json-body.ts';
import { guard } from '../middleware/require-access.ts';
import { problemResponse } from '../problem.ts';
import type { ApiApp, ApiDeps } from '../types.ts';
import { SPOT_CHECK_ID, SPOT_CHECK_WORKERS } from './spot-check-access.ts';

/** POST /api/v1/spot-check-items/{id}/decide — the drawn reviewer's CONFORMING / NONCONFORMING. */
export function registerPostSpotCheckDecide(app: ApiApp, { ctx }: ApiDeps): void {
  const path = '/api/v1/spot-check-items/:id/decide';
  app.openAPIRegistry.registerPath({
    method: 'post', path: '/api/v1/spot-check-items/{id}/decide', tags: ['spot checks'], summary: '抽查结论 The drawn reviewer decides a spot check',
    request: { body: { required: true, content: { 'application/json': { schema: decideSpotCheckInput } } } },
    responses: { 200: { description: 'decided' }, 404: { description: 'problem+json' }, 409: { description: 'problem+json RULE_REFUSED with `rule`' } },
  });
  guard(app, 'POST', path, SPOT_CHECK_WORKERS);
  app.post(path, async (c) => {
    const id = c.req.param('id') ?? '';
    if (!SPOT_CHECK_ID.test(id)) return problemResponse(c, { code: 'NOT_FOUND', detail: `没有抽查项 ${id} (no such spot check)` });
    const actor = reviewActorOf(c.get('principal')!);
    if (!actor) return problemResponse(c, { code: 'FORBIDDEN', detail: '需要登录用户 (a signed-in user is required)' });
    const body = await readJson(c);
    if (!body.ok) return problemResponse(c, body.error);
    const result = await decideSpotCheck(ctx.db, actor, BigInt(id), body.value);
    if (!result.ok) return problemResponse(c, result.error);
    return c.json(result.value, 200);
  });
}
