import type { UserRole } from '../../../auth/roles.ts';

/** Users, reference data and rule sets: ADMIN only (the rule-set use cases check again). */
export const ADMINS: readonly UserRole[] = ['ADMIN'];
