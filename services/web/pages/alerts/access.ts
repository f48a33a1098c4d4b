import type { UserRole } from '../../../auth/roles.ts';
import { ALERT_READERS as READ_ACCESS, ALERT_WORKERS as WORK_ACCESS } from '../../../api/routes/alert-access.ts';

function rolesOf(roles: readonly UserRole[] | 'ANY'): readonly UserRole[] {
  if (roles === 'ANY') throw new Error('alert access is by role');
  return roles;
}

/** The same roles as the alert API: supervisors work alerts, investigators read them. */
export const ALERT_READERS: readonly UserRole[] = rolesOf(READ_ACCESS.roles);
export const ALERT_WORKERS: readonly UserRole[] = rolesOf(WORK_ACCESS.roles);
