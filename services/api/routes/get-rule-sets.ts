import { listRuleSets, type RuleSetStatus } from '../../risk/rule-sets/index.ts';
import { ok } from '../../platform/errors.ts';
import type { ApiApp, ApiDeps } from '../types.ts';
import { registerRuleSetEndpoint } from './rule-set-endpoint.ts';

/** GET /api/v1/rule-sets?status= — every rule set, newest first (ADMIN). */
export function registerGetRuleSets(app: ApiApp, deps: ApiDeps): void {
  registerRuleSetEndpoint(app, deps, {
    method: 'GET', suffix: '', summary: '规则集列表 Rule sets (ADMIN)',
    run: async (db, actor, c) => {
      const status = c.req.query('status') as RuleSetStatus | undefined;
      const list = await listRuleSets(db, actor, status ? { status } : {});
      return list.ok ? ok({ ruleSets: list.value }) : list;
    },
  });
}
