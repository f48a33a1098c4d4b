/**
 * Who is looking, and the rules every investigator read follows: personal data masked unless
 * the viewer asked to see it whole and holds a role that may (refused otherwise, never
 * silently masked), and one audit entry per read — search, profile, list, export — written in
 * the database transaction the read runs in, before the data leaves it.
 */
import { appendAudit } from '../../audit/index.ts';
import { maskIdNumber, maskPersonalData, maskPhone } from '../../auth/masking.ts';
import type { UserRole } from '../../auth/roles.ts';
import type { Database, Tx } from '../../platform/db.ts';
import { fail, ok, type Result } from '../../platform/errors.ts';
import { txReader, type Reader } from '../reader.ts';

export interface Viewer {
  /** The name written to the audit trail. */
  readonly actor: string;
  readonly roles: readonly UserRole[];
  /** Personal data whole (audited) instead of masked. */
  readonly unmask: boolean;
}

/** Who reads investigations (spec: INVESTIGATOR searches persons and sees suspects and rings). */
export const INVESTIGATION_ROLES: readonly UserRole[] = ['INVESTIGATOR'];
/** The colluding-handler list is also for supervisors, who act on handlers' cases. */
export const HANDLER_LIST_ROLES: readonly UserRole[] = ['INVESTIGATOR', 'SUPERVISOR', 'SENIOR_SUPERVISOR'];

/** Whoever may read these views may also ask for them unmasked (audited). */
export function mayRead(viewer: Viewer, roles: readonly UserRole[]): Result<true> {
  if (viewer.roles.some((r) => roles.includes(r))) return ok(true);
  return fail('FORBIDDEN', `需要角色 ${roles.join(' / ')} (not permitted)`, {
    extensions: { requiredRoles: roles, ...(viewer.unmask ? { rule: 'UNMASK_ROLE_REQUIRED' } : {}) },
  });
}

const ID_IN_TEXT = /(?<![0-9A-Z])\d{17}[\dX](?![0-9A-Z])/g;
const PHONE_IN_TEXT = /(?<!\d)1\d{10}(?!\d)/g;

/** Free text (reasons) can quote phones and ID numbers; masked like the fields are. */
export function maskText(text: string): string {
  return text.replace(ID_IN_TEXT, (id) => maskIdNumber(id)).replace(PHONE_IN_TEXT, (phone) => maskPhone(phone));
}

function maskReasons<T>(value: T, key = ''): T {
  if (typeof value === 'string') return (key === 'reasons' || key === 'reason' ? maskText(value) : value) as T;
  if (Array.isArray(value)) return value.map((v) => maskReasons(v, key)) as T;
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, maskReasons(v, k)])) as T;
}

/** The view as this viewer may see it: masked fields (by name, as everywhere) and masked reasons. */
export function present<T>(viewer: Viewer, view: T): T {
  return viewer.unmask ? view : maskReasons(maskPersonalData(view));
}

export interface AuditedRead {
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string;
  /** Named as the masking expects (phone, idNumber, address …), so the audit API masks it for auditors. */
  readonly data?: Record<string, unknown>;
}

/**
 * Runs `read` in a database transaction and appends its audit entry in the same transaction;
 * `describe` may add what the read found (counts) to the entry. The data is returned only
 * once the entry is committed.
 */
export async function auditedRead<T>(db: Database, viewer: Viewer, entry: AuditedRead, read: (reader: Reader, tx: Tx) => Promise<Result<T>>, describe: (value: T) => Record<string, unknown> = () => ({})): Promise<Result<T>> {
  return db.prisma.$transaction(async (tx) => {
    const result = await read(txReader(tx), tx);
    if (!result.ok) return result;
    await appendAudit(tx, [{
      actor: viewer.actor, action: entry.action, entityType: entry.entityType, entityId: entry.entityId,
      data: { ...entry.data, ...describe(result.value), unmasked: viewer.unmask },
    }]);
    return result;
  }, { timeout: 60_000, maxWait: 30_000 });
}
