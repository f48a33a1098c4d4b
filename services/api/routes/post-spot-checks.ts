import { drawInput, drawSpotCheck } from '../../review/spot-checks/index.ts';
import { reviewActorOf } from '../../review/review-rules.ts';
import { readJson } from '../json-body.ts';
import { guard } from '../middleware/require-access.ts';
import { problemResponse } from '../problem.ts';
import type { ApiApp, ApiDeps } from '../types.ts';
import { SPOT_CHECK_WORKERS } from './spot-check-access.ts';

/** POST /api/v1/spot-checks — draw a reproducible random sample (双随机). */
export function registerPostSpotChecks(app: ApiApp, { ctx }: ApiDeps): void {
  app.openAPIRegistry.registerPath({
    method: 'post', path: '/api/v1/spot-checks', tags: ['spot checks'], summary: '双随机抽查 Draw transactions without alerts, each with a random eligible reviewer',
    request: { body: { required: true, content: { 'application/json': { schema: drawInput } } } },
    responses: { 201: { description: 'the draw with its seed and items' }, 400: { description: 'problem+json naming the bad fields' }, 409: { description: 'problem+json RULE_REFUSED (NO_ELIGIBLE_USER)' } },
  });
  guard(app, 'POST', '/api/v1/spot-checks', SPOT_CHECK_WORKERS);
  app.post('/api/v1/spot-checks', async (c) => {
    const actor = reviewActorOf(c.get('principal')!);
    if (!actor) return problemResponse(c, { code: 'FORBIDDEN', detail: '需要登录用户 (a signed-in user is required)' });
    const body = await readJson(c);
    if (!body.ok) return problemResponse(c, body.error);
    const result = await drawSpotCheck(ctx.db, actor, body.value);
    if (!result.ok) return problemResponse(c, result.error);
    return c.json(result.value, 201);
  });
}
