import type { Access } from '../middleware/require-access.ts';

/** Remote reviewers work the photo queue; finer rules (linked handler, state) are the use case's. */
export const PHOTO_REVIEWERS: Access = { roles: ['REVIEWER'], rule: 'REVIEWER_ROLE_REQUIRED' };
/** Who sees a transaction's photos with their findings: reviewers, and supervisors and investigators on a case. */
export const PHOTO_READERS: Access = { roles: ['REVIEWER', 'SUPERVISOR', 'SENIOR_SUPERVISOR', 'INVESTIGATOR'] };
/** Automation and throughput figures carry no personal data. */
export const PHOTO_STATS_READERS: Access = { roles: ['REVIEWER', 'SUPERVISOR', 'SENIOR_SUPERVISOR', 'ADMIN', 'AUDITOR'] };

/** Photo ids are bigints in the path. */
export const PHOTO_ID = /^\d{1,18}$/;
