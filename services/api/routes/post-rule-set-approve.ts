import { z } from '@hono/zod-openapi';
import { approveRuleSet, type ApproveInput } from '../../risk/rule-sets/index.ts';
import type { ApiApp, ApiDeps } from '../types.ts';
import { registerRuleSetEndpoint } from './rule-set-endpoint.ts';

/** POST /api/v1/rule-sets/{version}/approve — a second ADMIN publishes it (maker-checker). */
export function registerPostRuleSetApprove(app: ApiApp, deps: ApiDeps): void {
  registerRuleSetEndpoint(app, deps, {
    method: 'POST', suffix: '/:version/approve', summary: '审批发布 Approve and publish (a second ADMIN)',
    body: z.object({ comment: z.string().optional() }),
    run: (db, actor, c, body) => approveRuleSet(db, actor, c.req.param('version') ?? '', body as ApproveInput),
  });
}
