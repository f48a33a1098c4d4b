import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Database } from '../../platform/db.ts';
import type { Result } from '../../platform/errors.ts';
import type { Actor } from '../../risk/rule-sets/index.ts';
import { readJson } from '../json-body.ts';
import { ADMIN_ACCESS, guard } from '../middleware/require-access.ts';
import { problemResponse } from '../problem.ts';
import type { ApiApp, ApiDeps, ApiEnv } from '../types.ts';

export interface RuleSetEndpoint {
  readonly method: 'GET' | 'POST' | 'PATCH';
  /** Below /api/v1/rule-sets, hono syntax (`/:version/submit`). */
  readonly suffix: string;
  readonly summary: string;
  readonly body?: z.ZodType;
  readonly created?: boolean;
  readonly run: (db: Database, actor: Actor, c: Context<ApiEnv>, body: unknown) => Promise<Result<unknown>>;
}

/**
 * One rule-set endpoint (ADMIN at the edge). The use cases check ADMIN again and enforce
 * maker-checker themselves, so the actor is passed as the signed-in user's name and roles.
 */
export function registerRuleSetEndpoint(app: ApiApp, { ctx }: ApiDeps, e: RuleSetEndpoint): void {
  const path = `/api/v1/rule-sets${e.suffix}`;
  app.openAPIRegistry.registerPath({
    method: e.method.toLowerCase() as 'get' | 'post' | 'patch', path: path.replace(/:(\w+)/g, '{$1}'), tags: ['rule-sets'], summary: e.summary,
    ...(e.suffix.includes(':version') ? { request: { params: z.object({ version: z.string() }), ...(e.body ? { body: { required: true, content: { 'application/json': { schema: e.body } } } } : {}) } } : e.body ? { request: { body: { required: true, content: { 'application/json': { schema: e.body } } } } } : {}),
    responses: { [e.created ? 201 : 200]: { description: 'done' }, 404: { description: 'problem+json' }, 409: { description: 'problem+json RULE_REFUSED with `rule` (e.g. MAKER_CHECKER)' } },
  });
  guard(app, e.method, path, ADMIN_ACCESS);
  app.on(e.method, path, async (c) => {
    const principal = c.get('principal');
    if (principal?.kind !== 'user') return problemResponse(c, { code: 'FORBIDDEN', detail: '需要登录用户 (a signed-in user is required)' });
    let body: unknown = undefined;
    if (e.body) {
      const read = await readJson(c);
      if (!read.ok) return problemResponse(c, read.error);
      body = read.value;
    }
    const result = await e.run(ctx.db, { username: principal.username, roles: principal.roles }, c, body);
    if (!result.ok) return problemResponse(c, result.error);
    return c.json(result.value as Record<string, unknown>, e.created ? 201 : 200);
  });
}
