/**
 * An investigator confirms a link (the two records are one person: merged in the profile) or
 * splits it (two people: never merged, never suggested again), with a note of at least four
 * characters. The decision may be changed later, each time audited in the same transaction.
 */
import { z } from 'zod';
import { appendAudit } from '../../audit/index.ts';
import type { Database } from '../../platform/db.ts';
import { fail, ok, type Result } from '../../platform/errors.ts';
import { INVESTIGATION_ROLES, mayRead, type Viewer } from '../investigate/viewer.ts';

export const decideLinkInput = z.strictObject({
  decision: z.enum(['CONFIRM', 'SPLIT']),
  note: z.string().max(2000),
});

export interface LinkDecision {
  readonly id: string;
  readonly status: 'CONFIRMED' | 'SPLIT';
  readonly previousStatus: string;
  readonly decidedBy: string;
  readonly decidedAt: string;
}

export async function decidePersonLink(db: Database, viewer: Viewer, linkId: bigint, input: unknown, now = new Date()): Promise<Result<LinkDecision>> {
  const allowed = mayRead(viewer, INVESTIGATION_ROLES);
  if (!allowed.ok) return allowed;
  const parsed = decideLinkInput.safeParse(input);
  if (!parsed.success) {
    return fail('VALIDATION_FAILED', '须给出 decision (CONFIRM / SPLIT) 和 note (decision and note required)', { problems: parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(root)', message: i.message })) });
  }
  const note = parsed.data.note.trim();
  if ([...note].length < 4) return fail('RULE_REFUSED', '说明至少 4 个字 (note must be at least 4 characters)', { extensions: { rule: 'REASON_TOO_SHORT' } });
  const status = parsed.data.decision === 'CONFIRM' ? 'CONFIRMED' : 'SPLIT';
  return db.prisma.$transaction(async (tx) => {
    const [link] = await tx.$queryRawUnsafe<Array<{ a_key: string; b_key: string; status: string; confidence: number }>>(
      'SELECT a_key, b_key, status, confidence FROM person_link WHERE id = $1::bigint FOR UPDATE', linkId.toString(),
    );
    if (!link) return fail<LinkDecision>('NOT_FOUND', `没有关联 ${linkId} (no such link)`);
    await tx.personLink.update({ where: { id: linkId }, data: { status, decidedBy: viewer.actor, decidedAt: now, note, updatedAt: now } });
    await appendAudit(tx, [{
      actor: viewer.actor, action: status === 'CONFIRMED' ? 'person_link.confirmed' : 'person_link.split', entityType: 'person_link', entityId: linkId.toString(),
      data: { aIdNumber: link.a_key.slice(2), bIdNumber: link.b_key.slice(2), previousStatus: link.status, confidence: link.confidence, note },
    }], now);
    return ok({ id: linkId.toString(), status, previousStatus: link.status, decidedBy: viewer.actor, decidedAt: now.toISOString() });
  }, { timeout: 30_000 });
}
