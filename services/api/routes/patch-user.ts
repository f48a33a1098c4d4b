import { z } from '@hono/zod-openapi';
import { actorName } from '../../auth/roles.ts';
import { updateUser, updateUserInput } from '../../auth/users.ts';
import { readJson } from '../json-body.ts';
import { ADMIN_ACCESS, guard } from '../middleware/require-access.ts';
import { problemResponse } from '../problem.ts';
import type { ApiApp, ApiDeps } from '../types.ts';
import { userSchema } from './get-users.ts';

/** PATCH /api/v1/users/{id} — roles, handler link, activity, password (audited; ends the user's sessions when access changes). */
export function registerPatchUser(app: ApiApp, { ctx }: ApiDeps): void {
  app.openAPIRegistry.registerPath({
    method: 'patch', path: '/api/v1/users/{id}', tags: ['users'], summary: '修改用户 Update a user (ADMIN)',
    request: { params: z.object({ id: z.string() }), body: { required: true, content: { 'application/json': { schema: updateUserInput } } } },
    responses: { 200: { description: 'updated', content: { 'application/json': { schema: userSchema } } }, 404: { description: 'problem+json' } },
  });
  guard(app, 'PATCH', '/api/v1/users/:id', ADMIN_ACCESS);
  app.patch('/api/v1/users/:id', async (c) => {
    const id = c.req.param('id');
    if (!/^\d{1,18}$/.test(id)) return problemResponse(c, { code: 'NOT_FOUND', detail: `没有用户 ${id} (no such user)` });
    const body = await readJson(c);
    if (!body.ok) return problemResponse(c, body.error);
    const result = await updateUser(ctx.db, actorName(c.get('principal')!), BigInt(id), body.value);
    if (!result.ok) return problemResponse(c, result.error);
    return c.json(result.value, 200);
  });
}
