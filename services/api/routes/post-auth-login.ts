import { z } from '@hono/zod-openapi';
import { loginInput } from '../../auth/login.ts';
import { readJson } from '../json-body.ts';
import { SESSION_COOKIE } from '../middleware/request-meta.ts';
import { startSession } from '../middleware/start-session.ts';
import { problemResponse } from '../problem.ts';
import type { ApiApp, ApiDeps } from '../types.ts';
import { formatIssues } from '../../ingest/schema/problems.ts';

const meView = z.object({ id: z.string(), username: z.string(), displayName: z.string(), roles: z.array(z.string()), handlerId: z.string().nullable() });

/** POST /api/v1/auth/login — user name and password → session cookie (HttpOnly, SameSite=Strict, Secure over HTTPS). */
export function registerPostAuthLogin(app: ApiApp, deps: ApiDeps): void {
  app.openAPIRegistry.registerPath({
    method: 'post', path: '/api/v1/auth/login', tags: ['auth'], summary: '登录 Sign in',
    request: { body: { required: true, content: { 'application/json': { schema: loginInput } } } },
    responses: {
      200: { description: `signed in; the ${SESSION_COOKIE} cookie is set; send csrfToken as X-CSRF-Token on state-changing requests`, content: { 'application/json': { schema: z.object({ user: meView, csrfToken: z.string(), expiresAt: z.string() }) } } },
      401: { description: 'problem+json: wrong user name or password (the same answer for an unknown user)' },
      429: { description: 'problem+json: too many failures; retryAfterSeconds, locked' },
    },
  });
  app.post('/api/v1/auth/login', async (c) => {
    const body = await readJson(c);
    if (!body.ok) return problemResponse(c, body.error);
    const parsed = loginInput.safeParse(body.value);
    if (!parsed.success) return problemResponse(c, { code: 'VALIDATION_FAILED', detail: '请填写用户名和密码 (user name and password required)', problems: formatIssues(parsed.error) });
    const result = await startSession(c, deps, parsed.data);
    if (!result.ok) return problemResponse(c, result.error);
    c.header('Cache-Control', 'no-store');
    return c.json({ user: result.value.user, csrfToken: result.value.csrfToken, expiresAt: result.value.expiresAt.toISOString() }, 200);
  });
}
