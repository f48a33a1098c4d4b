import type { UserRole } from '../../../auth/roles.ts';

/** The audit trail and its verification: AUDITOR, as GET /api/v1/audit. */
export const AUDITORS: readonly UserRole[] = ['AUDITOR'];
