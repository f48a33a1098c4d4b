import { submitDraft } from '../../risk/rule-sets/index.ts';
import type { ApiApp, ApiDeps } from '../types.ts';
import { registerRuleSetEndpoint } from './rule-set-endpoint.ts';

/** POST /api/v1/rule-sets/{version}/submit — DRAFT → PENDING_APPROVAL (author). */
export function registerPostRuleSetSubmit(app: ApiApp, deps: ApiDeps): void {
  registerRuleSetEndpoint(app, deps, {
    method: 'POST', suffix: '/:version/submit', summary: '提交审批 Submit for approval (author, ADMIN)',
    run: (db, actor, c) => submitDraft(db, actor, c.req.param('version') ?? ''),
  });
}
