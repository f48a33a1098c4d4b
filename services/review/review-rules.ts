/**
 * The rules of review-and-audit.md as named refusals: every refusal of the alert workflow
 * carries `rule`, so that a person (and a test) sees which rule said no.
 */
import type { Principal, UserRole } from '../auth/roles.ts';
import type { Tx } from '../platform/db.ts';
import { fail, type Result } from '../platform/errors.ts';

export const REVIEW_RULES = {
  SUPERVISOR_ROLE_REQUIRED: '需要监管民警或科所队领导角色 (SUPERVISOR or SENIOR_SUPERVISOR required)',
  SENIOR_ROLE_REQUIRED: '仅科所队领导可裁决分歧 (only a SENIOR_SUPERVISOR may settle an escalation)',
  SENIOR_NOT_A_REVIEWER: '裁决人不得是两名审核人之一 (the settling senior must not be one of the two reviewers)',
  DUAL_REVIEW_DISTINCT_USERS: '同一用户不得对同一告警作出两次决定 (two different users must decide)',
  NOT_LINKED_TO_HANDLER: '与该业务经办人或审批人关联的用户不得审核 (a user linked to the handler or approver may not review)',
  REASON_TOO_SHORT: '理由至少 4 个字符 (a reason of at least 4 characters is required)',
  ALERT_CLOSED: '告警已关闭 (the alert is closed)',
  ESCALATED_NEEDS_SETTLEMENT: '告警已升级，须由科所队领导裁决 (escalated: settle it instead)',
  NOT_ESCALATED: '只有已升级的告警可以裁决 (only an escalated alert can be settled)',
  ASSIGNEE_NOT_ELIGIBLE: '被指派人不符合审核条件 (the assignee may not review this alert)',
  NO_ELIGIBLE_USER: '没有符合条件的审核人 (no eligible reviewer)',
  REVIEWER_ROLE_REQUIRED: '需要远程审核员角色 (REVIEWER required)',
  PHOTO_NOT_IN_REVIEW: '该照片未被模型送人工审核 (the models did not send this photo to review)',
  PHOTO_ALREADY_DECIDED: '该照片已有审核决定 (this photo has already been decided)',
  SPOT_CHECK_NOT_ASSIGNEE: '只有被抽中的审核人可以处理该抽查 (only the drawn reviewer may decide this spot check)',
  SPOT_CHECK_DECIDED: '该抽查已处理 (this spot check has been decided)',
} as const;

export type ReviewRule = keyof typeof REVIEW_RULES;

export function refuse<T = never>(rule: ReviewRule, detail?: string): Result<T> {
  return fail('RULE_REFUSED', detail ?? REVIEW_RULES[rule], { extensions: { rule } });
}

/** The signed-in user acting on an alert. */
export interface ReviewActor {
  readonly userId: bigint;
  readonly username: string;
  readonly roles: readonly UserRole[];
  readonly handlerId: string | null;
}

export function reviewActorOf(principal: Principal): ReviewActor | null {
  if (principal.kind !== 'user') return null;
  return { userId: principal.userId, username: principal.username, roles: principal.roles, handlerId: principal.handlerId };
}

export const SUPERVISOR_ROLES: readonly UserRole[] = ['SUPERVISOR', 'SENIOR_SUPERVISOR'];

export function isSupervisor(roles: readonly string[]): boolean {
  return roles.some((r) => (SUPERVISOR_ROLES as readonly string[]).includes(r));
}

/** The people a reviewer must not be: the transaction's handler and approver. */
export interface CaseParties {
  readonly handlerId: string;
  readonly approverId: string | null;
}

export function linkedToCase(handlerId: string | null, parties: CaseParties): boolean {
  return handlerId !== null && (handlerId === parties.handlerId || handlerId === parties.approverId);
}

export const MIN_REASON = 4;

export function reasonProblem(reason: unknown): Result<never> | null {
  return typeof reason === 'string' && [...reason.trim()].length >= MIN_REASON ? null : refuse('REASON_TOO_SHORT');
}

export interface LockedAlert {
  readonly id: bigint;
  readonly status: string;
  readonly dualReview: boolean;
  readonly assigneeIds: bigint[];
  readonly parties: CaseParties;
}

/** Reads an alert with its case parties and locks its row for the rest of the transaction. */
export async function lockAlert(tx: Tx, id: bigint): Promise<Result<LockedAlert>> {
  const rows = await tx.$queryRaw<Array<{ id: bigint; status: string; dual_review: boolean; assignee_ids: bigint[]; handler_id: string; approver_id: string | null }>>`
    SELECT a.id, a.status, a.dual_review, a.assignee_ids, t.handler_id, t.approver_id
    FROM alert a JOIN "transaction" t ON t.id = a.transaction_id WHERE a.id = ${id} FOR UPDATE OF a`;
  const row = rows[0];
  if (!row) return fail('NOT_FOUND', `没有告警 ${id} (no such alert)`);
  return {
    ok: true,
    value: {
      id: BigInt(row.id), status: row.status, dualReview: row.dual_review, assigneeIds: (row.assignee_ids ?? []).map((v) => BigInt(v)),
      parties: { handlerId: row.handler_id, approverId: row.approver_id },
    },
  };
}
