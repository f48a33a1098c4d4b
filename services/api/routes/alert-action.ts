import type { z } from '@hono/zod-openapi';
import type { Database } from '../../platform/db.ts';
import type { Result } from '../../platform/errors.ts';
import { reviewActorOf, type ReviewActor } from '../../review/review-rules.ts';
import { readJson } from '../json-body.ts';
import { guard } from '../middleware/require-access.ts';
import { problemResponse } from '../problem.ts';
import type { ApiApp, ApiDeps } from '../types.ts';
import { ALERT_ID, ALERT_WORKERS } from './alert-access.ts';

export interface AlertAction {
  readonly verb: 'assign' | 'decide' | 'settle';
  readonly summary: string;
  readonly body: z.ZodType;
  readonly run: (db: Database, actor: ReviewActor, id: bigint, input: unknown) => Promise<Result<unknown>>;
}

/**
 * POST /api/v1/alerts/{id}/<verb>. The edge only asks for a supervisor role; every rule of the
 * workflow (who, which state, reasons) is the use case's and comes back as RULE_REFUSED + rule.
 */
export function registerAlertAction(app: ApiApp, { ctx }: ApiDeps, action: AlertAction): void {
  const path = `/api/v1/alerts/:id/${action.verb}`;
  app.openAPIRegistry.registerPath({
    method: 'post', path: `/api/v1/alerts/{id}/${action.verb}`, tags: ['alerts'], summary: action.summary,
    request: { body: { required: true, content: { 'application/json': { schema: action.body } } } },
    responses: {
      200: { description: 'done' }, 404: { description: 'problem+json: no such alert' },
      409: { description: 'problem+json RULE_REFUSED with `rule` naming the rule that refused' },
    },
  });
  guard(app, 'POST', path, ALERT_WORKERS);
  app.post(path, async (c) => {
    const id = c.req.param('id') ?? '';
    if (!ALERT_ID.test(id)) return problemResponse(c, { code: 'NOT_FOUND', detail: `没有告警 ${id} (no such alert)` });
    const actor = reviewActorOf(c.get('principal')!);
    if (!actor) return problemResponse(c, { code: 'FORBIDDEN', detail: '需要登录用户 (a signed-in user is required)' });
    const body = await readJson(c);
    if (!body.ok) return problemResponse(c, body.error);
    const result = await action.run(ctx.db, actor, BigInt(id), body.value);
    if (!result.ok) return problemResponse(c, result.error);
    return c.json(result.value as Record<string, unknown>, 200);
  });
}
