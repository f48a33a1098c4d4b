import type { Access } from '../middleware/require-access.ts';

/** Supervisors draw spot checks and the drawn ones decide them (finer rules are the use cases'). */
export const SPOT_CHECK_WORKERS: Access = { roles: ['SUPERVISOR', 'SENIOR_SUPERVISOR'], rule: 'SUPERVISOR_ROLE_REQUIRED' };
/** Draws are read by supervisors, admins (who organise them) and auditors (who check them). */
export const SPOT_CHECK_READERS: Access = { roles: ['SUPERVISOR', 'SENIOR_SUPERVISOR', 'ADMIN', 'AUDITOR'] };

export const SPOT_CHECK_ID = /^\d{1,18}$/;
