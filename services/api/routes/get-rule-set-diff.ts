import { diffAgainstLive } from '../../risk/rule-sets/index.ts';
import type { ApiApp, ApiDeps } from '../types.ts';
import { registerRuleSetEndpoint } from './rule-set-endpoint.ts';

/** GET /api/v1/rule-sets/{version}/diff — what publishing it would change against the live rule set. */
export function registerGetRuleSetDiff(app: ApiApp, deps: ApiDeps): void {
  registerRuleSetEndpoint(app, deps, {
    method: 'GET', suffix: '/:version/diff', summary: '与现行规则集比较 Diff against the live rule set (ADMIN)',
    run: (db, actor, c) => diffAgainstLive(db, actor, c.req.param('version') ?? ''),
  });
}
