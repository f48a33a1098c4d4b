import type { ApiApp, ApiDeps } from '../../../api/types.ts';
import { decidePhoto } from '../../../review/photo-queue/index.ts';
import { reviewActorOf } from '../../../review/review-rules.ts';
import { bigintParam, pathParam, readForm, textField } from '../../http/forms.ts';
import { webPage } from '../../http/page.ts';
import { redirectAfterPost, renderErrorPage } from '../../http/render.tsx';
import { PHOTO_REVIEWERS } from './access.ts';
import { nextQueuedTransaction, renderPhotoCase } from './photo-case.tsx';

/** Where a reviewer goes after a decision: the next open photo of this case, else the next case, else the queue. */
async function nextStop(deps: ApiDeps, transactionId: string, verdict: string): Promise<string> {
  const open = await deps.ctx.db.prisma.photoFinding.findFirst({ where: { transactionId, verdict: 'REVIEW', photo: { review: null } }, select: { photoId: true } });
  if (open) return `/photos/${encodeURIComponent(transactionId)}?photo=${open.photoId}&done=${verdict}`;
  const next = await nextQueuedTransaction(deps, transactionId);
  return next ? `/photos/${encodeURIComponent(next)}?done=${verdict}` : `/photos?done=${verdict}`;
}

/** POST /photos/:transactionId/:photoId/decide — PASS / FAIL with a preset or free reason (REVIEWER; audited, re-assesses). */
export function registerPhotoDecide(app: ApiApp, deps: ApiDeps): void {
  webPage(app, deps, { method: 'POST', path: '/photos/:transactionId/:photoId/decide', access: PHOTO_REVIEWERS }, async (c, user) => {
    const transactionId = pathParam(c, 'transactionId');
    const photoId = bigintParam(c.req.param('photoId'));
    const photo = photoId === null ? null : await deps.ctx.db.prisma.photo.findUnique({ where: { id: photoId }, select: { transactionId: true } });
    if (photoId === null || photo?.transactionId !== transactionId) return renderErrorPage(c, user, { code: 'NOT_FOUND', detail: '该业务没有这张照片 (no such photo in this transaction)' });
    const form = await readForm(c);
    const verdict = textField(form, 'verdict');
    const reason = textField(form, 'note') || textField(form, verdict === 'FAIL' ? 'failReason' : 'passReason');
    const result = await decidePhoto({ db: deps.ctx.db, scoring: deps.scoring }, reviewActorOf(user)!, photoId, { verdict: verdict || undefined, reason });
    if (!result.ok) return renderPhotoCase(c, deps, user, transactionId, result.error);
    return redirectAfterPost(c, await nextStop(deps, transactionId, result.value.verdict));
  });
}
