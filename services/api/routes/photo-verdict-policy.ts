import { loadVerdictPolicy, policyInput, saveVerdictPolicy } from '../../photos/pipeline/index.ts';
import { actorName } from '../../auth/roles.ts';
import { readJson } from '../json-body.ts';
import { ADMIN_ACCESS, guard } from '../middleware/require-access.ts';
import { problemResponse } from '../problem.ts';
import type { ApiApp, ApiDeps } from '../types.ts';
import { PHOTO_STATS_READERS } from './photo-review-access.ts';

const PATH = '/api/v1/photo-verdict-policy';

/** GET and PUT /api/v1/photo-verdict-policy — the automatic verdict's thresholds per photo kind. */
export function registerPhotoVerdictPolicy(app: ApiApp, { ctx }: ApiDeps): void {
  app.openAPIRegistry.registerPath({
    method: 'get', path: PATH, tags: ['photo review'], summary: '照片自动判定阈值 The thresholds of the automatic photo verdict (per kind, versioned)',
    responses: { 200: { description: 'the policy in force' } },
  });
  app.openAPIRegistry.registerPath({
    method: 'put', path: PATH, tags: ['photo review'], summary: '修改照片判定阈值 Replace the thresholds (ADMIN; audited; new version)',
    request: { body: { required: true, content: { 'application/json': { schema: policyInput } } } },
    responses: { 200: { description: 'the new policy' }, 400: { description: 'problem+json naming the bad fields' } },
  });
  guard(app, 'GET', PATH, PHOTO_STATS_READERS);
  guard(app, 'PUT', PATH, ADMIN_ACCESS);
  app.get(PATH, async (c) => c.json(await loadVerdictPolicy(ctx.db.prisma), 200));
  app.put(PATH, async (c) => {
    const body = await readJson(c);
    if (!body.ok) return problemResponse(c, body.error);
    const result = await saveVerdictPolicy(ctx.db, actorName(c.get('principal')!), body.value);
    if (!result.ok) return problemResponse(c, result.error);
    return c.json(result.value, 200);
  });
}
