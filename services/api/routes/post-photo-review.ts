import { decidePhoto, decidePhotoInput } from '../../review/photo-queue/index.ts';
import { reviewActorOf } from '../../review/review-rules.ts';
import { readJson } from '../json-body.ts';
import { guard } from '../middleware/require-access.ts';
import { problemResponse } from '../problem.ts';
import type { ApiApp, ApiDeps } from '../types.ts';
import { PHOTO_ID, PHOTO_REVIEWERS } from './photo-review-access.ts';

/** POST /api/v1/photos/{id}/review — PASS / FAIL with a reason (≥ 4 characters). */
export function registerPostPhotoReview(app: ApiApp, { ctx, scoring }: ApiDeps): void {
  const path = '/api/v1/photos/:id/review';
  app.openAPIRegistry.registerPath({
    method: 'post', path: '/api/v1/photos/{id}/review', tags: ['photo review'], summary: '照片审核结论 A reviewer passes or fails a photo the models sent to people',
    request: { body: { required: true, content: { 'application/json': { schema: decidePhotoInput } } } },
    responses: {
      200: { description: 'decided; the transaction was re-assessed' }, 404: { description: 'problem+json: no such photo finding' },
      409: { description: 'problem+json RULE_REFUSED with `rule` naming the rule that refused' },
    },
  });
  guard(app, 'POST', path, PHOTO_REVIEWERS);
  app.post(path, async (c) => {
    const id = c.req.param('id') ?? '';
    if (!PHOTO_ID.test(id)) return problemResponse(c, { code: 'NOT_FOUND', detail: `没有照片 ${id} (no such photo)` });
    const actor = reviewActorOf(c.get('principal')!);
    if (!actor) return problemResponse(c, { code: 'FORBIDDEN', detail: '需要登录用户 (a signed-in user is required)' });
    const body = await readJson(c);
    if (!body.ok) return problemResponse(c, body.error);
    const result = await decidePhoto({ db: ctx.db, scoring }, actor, BigInt(id), body.value);
    if (!result.ok) return problemResponse(c, result.error);
    return c.json(result.value as unknown as Record<string, unknown>, 200);
  });
}
