import { getRuleSet } from '../../risk/rule-sets/index.ts';
import type { ApiApp, ApiDeps } from '../types.ts';
import { registerRuleSetEndpoint } from './rule-set-endpoint.ts';

/** GET /api/v1/rule-sets/{version} — configuration and history (ADMIN). */
export function registerGetRuleSet(app: ApiApp, deps: ApiDeps): void {
  registerRuleSetEndpoint(app, deps, {
    method: 'GET', suffix: '/:version', summary: '规则集详情 One rule set with its history (ADMIN)',
    run: (db, actor, c) => getRuleSet(db, actor, c.req.param('version') ?? ''),
  });
}
