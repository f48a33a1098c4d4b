/**
 * The thresholds of the automatic photo verdict, per photo kind, as data: an ADMIN edits them
 * (audited, versioned), every finding records the version that judged it. Defaults mirror the
 * risk points' parameters, so a photo the points would flag on model evidence never passes unseen.
 */
import { z } from 'zod';
import { appendAudit } from '../../audit/index.ts';
import { PHOTO_KINDS, type PhotoKind } from '../../domain/index.ts';
import type { Database, Prisma, Tx } from '../../platform/db.ts';
import { fail, ok, type Result } from '../../platform/errors.ts';

export const VERDICT_POLICY_KEY = 'photos.verdict-policy';

export const thresholdsSchema = z.strictObject({
  /** A plate / VIN reading this sure is trusted either way (R30, R31: 0.9). */
  sureReading: z.number().min(0).max(1),
  /** A kind / colour classification this sure is trusted (R29, R38: 0.8). */
  sureClass: z.number().min(0).max(1),
  /** A person detection this sure counts as the inspector (R37: 0.5). */
  personConfidence: z.number().min(0).max(1),
  minWidth: z.number().int().min(1).max(20_000),
  minHeight: z.number().int().min(1).max(20_000),
});

export type VerdictThresholds = z.infer<typeof thresholdsSchema>;

export const policyInput = z.strictObject({
  defaults: thresholdsSchema,
  /** Overrides for some kinds, e.g. a stricter plate reading on LEFT_FRONT_45. */
  perKind: z.partialRecord(z.enum(PHOTO_KINDS), thresholdsSchema.partial()).default({}),
});

export interface VerdictPolicy extends z.infer<typeof policyInput> {
  /** Recorded with every finding, so a verdict can be traced to the thresholds that made it. */
  readonly version: number;
}

export const DEFAULT_VERDICT_POLICY: VerdictPolicy = {
  version: 1,
  defaults: { sureReading: 0.9, sureClass: 0.8, personConfidence: 0.5, minWidth: 640, minHeight: 480 },
  perKind: {},
};

export function thresholdsFor(policy: VerdictPolicy, kind: PhotoKind): VerdictThresholds {
  return { ...policy.defaults, ...policy.perKind[kind] };
}

export async function loadVerdictPolicy(tx: Tx): Promise<VerdictPolicy> {
  const row = await tx.setting.findUnique({ where: { key: VERDICT_POLICY_KEY } });
  return row ? (row.value as unknown as VerdictPolicy) : DEFAULT_VERDICT_POLICY;
}

/** An ADMIN replaces the policy; the next photos checked use it (earlier findings keep theirs). */
export async function saveVerdictPolicy(db: Database, actor: string, input: unknown): Promise<Result<VerdictPolicy>> {
  const parsed = policyInput.safeParse(input);
  if (!parsed.success) {
    return fail('VALIDATION_FAILED', '照片判定阈值不合规 (verdict policy invalid)', { problems: parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(root)', message: i.message })) });
  }
  return db.prisma.$transaction(async (tx) => {
    const previous = await loadVerdictPolicy(tx);
    const policy: VerdictPolicy = { ...parsed.data, version: previous.version + 1 };
    const value = policy as unknown as Prisma.InputJsonObject;
    await tx.setting.upsert({ where: { key: VERDICT_POLICY_KEY }, create: { key: VERDICT_POLICY_KEY, value }, update: { value } });
    await appendAudit(tx, [{ actor, action: 'photos.verdict-policy.updated', entityType: 'setting', entityId: VERDICT_POLICY_KEY, data: { from: previous, to: policy } }]);
    return ok(policy);
  });
}
