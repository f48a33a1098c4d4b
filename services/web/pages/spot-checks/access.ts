import { SPOT_CHECK_READERS as READ_ACCESS, SPOT_CHECK_WORKERS as WORK_ACCESS } from '../../../api/routes/spot-check-access.ts';
import type { UserRole } from '../../../auth/roles.ts';

function rolesOf(roles: readonly UserRole[] | 'ANY'): readonly UserRole[] {
  if (roles === 'ANY') throw new Error('spot-check access is by role');
  return roles;
}

/** The same roles as the spot-check API: supervisors draw and decide; admins and auditors read. */
export const SPOT_CHECK_WORKERS: readonly UserRole[] = rolesOf(WORK_ACCESS.roles);
export const SPOT_CHECK_READERS: readonly UserRole[] = rolesOf(READ_ACCESS.roles);
