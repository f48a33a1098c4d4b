import { z } from '@hono/zod-openapi';
import { createDraft, type CreateDraftInput } from '../../risk/rule-sets/index.ts';
import type { ApiApp, ApiDeps } from '../types.ts';
import { registerRuleSetEndpoint } from './rule-set-endpoint.ts';

/** POST /api/v1/rule-sets — a DRAFT on top of the live rule set (ADMIN). */
export function registerPostRuleSets(app: ApiApp, deps: ApiDeps): void {
  registerRuleSetEndpoint(app, deps, {
    method: 'POST', suffix: '', summary: '起草规则集 Create a draft (ADMIN)', created: true,
    body: z.object({ note: z.string(), config: z.unknown().optional(), version: z.string().optional() }),
    run: (db, actor, _c, body) => createDraft(db, actor, body as CreateDraftInput),
  });
}
