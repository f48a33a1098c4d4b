import { createUser, createUserInput } from '../../auth/users.ts';
import { actorName } from '../../auth/roles.ts';
import { readJson } from '../json-body.ts';
import { ADMIN_ACCESS, guard } from '../middleware/require-access.ts';
import { problemResponse } from '../problem.ts';
import type { ApiApp, ApiDeps } from '../types.ts';
import { userSchema } from './get-users.ts';

/** POST /api/v1/users — ADMIN creates a user (audited). */
export function registerPostUsers(app: ApiApp, { ctx }: ApiDeps): void {
  app.openAPIRegistry.registerPath({
    method: 'post', path: '/api/v1/users', tags: ['users'], summary: '新建用户 Create a user (ADMIN)',
    request: { body: { required: true, content: { 'application/json': { schema: createUserInput } } } },
    responses: { 201: { description: 'created', content: { 'application/json': { schema: userSchema } } }, 400: { description: 'problem+json' }, 409: { description: 'problem+json: user name taken' } },
  });
  guard(app, 'POST', '/api/v1/users', ADMIN_ACCESS);
  app.post('/api/v1/users', async (c) => {
    const body = await readJson(c);
    if (!body.ok) return problemResponse(c, body.error);
    const result = await createUser(ctx.db, actorName(c.get('principal')!), body.value);
    if (!result.ok) return problemResponse(c, result.error);
    return c.json(result.value, 201);
  });
}
