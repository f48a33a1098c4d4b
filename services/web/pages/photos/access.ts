import { PHOTO_READERS as READ_ACCESS, PHOTO_REVIEWERS as REVIEW_ACCESS } from '../../../api/routes/photo-review-access.ts';
import type { UserRole } from '../../../auth/roles.ts';

function rolesOf(roles: readonly UserRole[] | 'ANY'): readonly UserRole[] {
  if (roles === 'ANY') throw new Error('photo access is by role');
  return roles;
}

/** The same roles as the photo-review API: reviewers decide; supervisors and investigators look on a case. */
export const PHOTO_REVIEWERS: readonly UserRole[] = rolesOf(REVIEW_ACCESS.roles);
export const PHOTO_READERS: readonly UserRole[] = rolesOf(READ_ACCESS.roles);
