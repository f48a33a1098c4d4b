import { z } from '@hono/zod-openapi';
import { rejectRuleSet, type RejectInput } from '../../risk/rule-sets/index.ts';
import type { ApiApp, ApiDeps } from '../types.ts';
import { registerRuleSetEndpoint } from './rule-set-endpoint.ts';

/** POST /api/v1/rule-sets/{version}/reject — a second ADMIN sends it back with a reason. */
export function registerPostRuleSetReject(app: ApiApp, deps: ApiDeps): void {
  registerRuleSetEndpoint(app, deps, {
    method: 'POST', suffix: '/:version/reject', summary: '退回草案 Reject back to draft (a second ADMIN)',
    body: z.object({ reason: z.string() }),
    run: (db, actor, c, body) => rejectRuleSet(db, actor, c.req.param('version') ?? '', body as RejectInput),
  });
}
