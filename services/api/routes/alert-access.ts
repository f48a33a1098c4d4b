import type { Access } from '../middleware/require-access.ts';

/** Who reads alerts: supervisors work them, investigators look into them (read-only). */
export const ALERT_READERS: Access = { roles: ['SUPERVISOR', 'SENIOR_SUPERVISOR', 'INVESTIGATOR'] };
/** Who acts on them. Finer rules (which supervisor, which state) are the use cases' and name the rule. */
export const ALERT_WORKERS: Access = { roles: ['SUPERVISOR', 'SENIOR_SUPERVISOR'], rule: 'SUPERVISOR_ROLE_REQUIRED' };

/** Alert ids are bigints in the path. */
export const ALERT_ID = /^\d{1,18}$/;
