import { z } from '@hono/zod-openapi';
import { updateDraft, type UpdateDraftInput } from '../../risk/rule-sets/index.ts';
import type { ApiApp, ApiDeps } from '../types.ts';
import { registerRuleSetEndpoint } from './rule-set-endpoint.ts';

/** PATCH /api/v1/rule-sets/{version} — the author edits a DRAFT (ADMIN). */
export function registerPatchRuleSet(app: ApiApp, deps: ApiDeps): void {
  registerRuleSetEndpoint(app, deps, {
    method: 'PATCH', suffix: '/:version', summary: '修改草案 Update a draft (author, ADMIN)',
    body: z.object({ note: z.string().optional(), config: z.unknown().optional() }),
    run: (db, actor, c, body) => updateDraft(db, actor, c.req.param('version') ?? '', body as UpdateDraftInput),
  });
}
