import { registerGetAlerts } from './routes/get-alerts.ts';
import { registerGetAlert } from './routes/get-alert.ts';
import { registerPostAlertAssign } from './routes/post-alert-assign.ts';
import { registerPostAlertDecide } from './routes/post-alert-decide.ts';
import { registerPostAlertSettle } from './routes/post-alert-settle.ts';
import { registerGetRuleSets } from './routes/get-rule-sets.ts';
import { registerPostRuleSets } from './routes/post-rule-sets.ts';
import { registerGetRuleSetDiff } from './routes/get-rule-set-diff.ts';
import { registerGetRuleSet } from './routes/get-rule-set.ts';
import { registerPatchRuleSet } from './routes/patch-rule-set.ts';
import { registerPostRuleSetSubmit } from './routes/post-rule-set-submit.ts';
import { registerPostRuleSetApprove } from './routes/post-rule-set-approve.ts';
import { registerPostRuleSetReject } from './routes/post-rule-set-reject.ts';
import { registerPostRuleSetBacktest } from './routes/post-rule-set-backtest.ts';
import { registerGetAuditVerify } from './routes/get-audit-verify.ts';
import { registerGetAudit } from './routes/get-audit.ts';
import { registerDeleteToken } from './routes/delete-token.ts';
import { registerGetAuthMe } from './routes/get-auth-me.ts';
import { registerGetUsers } from './routes/get-users.ts';
import { registerPatchUser } from './routes/patch-user.ts';
import { registerPostAuthLogin } from './routes/post-auth-login.ts';
import { registerPostAuthLogout } from './routes/post-auth-logout.ts';
import { registerPostTokens } from './routes/post-tokens.ts';
import { registerPostUsers } from './routes/post-users.ts';
import { registerGetPhotoReviews } from './routes/get-photo-reviews.ts';
import { registerGetPhotoReviewStats } from './routes/get-photo-review-stats.ts';
import { registerGetTransactionPhotos } from './routes/get-transaction-photos.ts';
import { registerPostPhotoReview } from './routes/post-photo-review.ts';
import { registerPhotoVerdictPolicy } from './routes/photo-verdict-policy.ts';
import { registerGetTransactionAssessment } from './routes/get-transaction-assessment.ts';
import { registerGetSpotChecks } from './routes/get-spot-checks.ts';
import { registerPostSpotCheckDecide } from './routes/post-spot-check-decide.ts';
import { registerPostSpotChecks } from './routes/post-spot-checks.ts';
import { registerGetInvestigationColludingHandlers } from './routes/get-investigation-colluding-handlers.ts';
import { registerGetInvestigationPerson } from './routes/get-investigation-person.ts';
import { registerGetInvestigationRing } from './routes/get-investigation-ring.ts';
import { registerGetInvestigationRings } from './routes/get-investigation-rings.ts';
import { registerGetInvestigationRuns } from './routes/get-investigation-runs.ts';
import { registerGetInvestigationSearch } from './routes/get-investigation-search.ts';
import { registerGetInvestigationSuspects } from './routes/get-investigation-suspects.ts';
import { registerGetInvestigationSuspectsCsv } from './routes/get-investigation-suspects-csv.ts';
import { registerPostInvestigationLinkDecide } from './routes/post-investigation-link-decide.ts';
import { registerPostInvestigationRecompute } from './routes/post-investigation-recompute.ts';
import type { ApiApp, ApiDeps } from './types.ts';

type Register = (app: ApiApp, deps: ApiDeps) => void;

/** Sign-in, users and tokens. */
export const AUTH_ROUTES: Register[] = [
  registerPostAuthLogin, registerPostAuthLogout, registerGetAuthMe,
  registerGetUsers, registerPostUsers, registerPatchUser, registerPostTokens, registerDeleteToken,
];

/** Alerts, rule sets and the audit trail. */
export const REVIEW_ROUTES: Register[] = [
  registerGetAlerts, registerGetAlert, registerPostAlertAssign, registerPostAlertDecide, registerPostAlertSettle, registerGetRuleSets, registerPostRuleSets, registerGetRuleSetDiff, registerGetRuleSet, registerPatchRuleSet, registerPostRuleSetSubmit, registerPostRuleSetApprove, registerPostRuleSetReject, registerPostRuleSetBacktest, registerGetAuditVerify, registerGetAudit,
];

/** A transaction's assessment, the photo review queue and 双随机 spot checks. */
export const PHOTO_REVIEW_ROUTES: Register[] = [
  registerGetTransactionAssessment,
  registerGetPhotoReviews, registerGetPhotoReviewStats, registerGetTransactionPhotos, registerPostPhotoReview, registerPhotoVerdictPolicy,
  registerPostSpotChecks, registerGetSpotChecks, registerPostSpotCheckDecide,
];

/** The investigator's workspace: search, person profiles, suspects, rings and their networks, colluding handlers, recompute. */
export const INVESTIGATION_ROUTES: Register[] = [
  registerGetInvestigationSearch, registerGetInvestigationPerson, registerGetInvestigationSuspects, registerGetInvestigationSuspectsCsv,
  registerGetInvestigationRings, registerGetInvestigationRing, registerGetInvestigationColludingHandlers, registerPostInvestigationLinkDecide,
  registerPostInvestigationRecompute, registerGetInvestigationRuns,
];
