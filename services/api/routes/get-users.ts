import { createRoute, z } from '@hono/zod-openapi';
import { listUsers } from '../../auth/users.ts';
import { ADMIN_ACCESS, guard } from '../middleware/require-access.ts';
import type { ApiApp, ApiDeps } from '../types.ts';

export const userSchema = z.object({
  id: z.string(), username: z.string(), displayName: z.string(), roles: z.array(z.string()),
  handlerId: z.string().nullable(), active: z.boolean(), demo: z.boolean(), createdAt: z.string(),
});

const route = createRoute({
  method: 'get', path: '/api/v1/users', tags: ['users'], summary: '用户列表 Users (ADMIN)',
  responses: { 200: { description: 'every user', content: { 'application/json': { schema: z.object({ users: z.array(userSchema) }) } } } },
});

export function registerGetUsers(app: ApiApp, { ctx }: ApiDeps): void {
  guard(app, 'GET', '/api/v1/users', ADMIN_ACCESS);
  app.openapi(route, async (c) => c.json({ users: await listUsers(ctx.db) }, 200));
}
