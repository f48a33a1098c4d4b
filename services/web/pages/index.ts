import type { RegisterPage } from '../http/types.ts';
import { registerReference } from './admin/reference.tsx';
import { registerRuleSetActions } from './admin/rule-set-actions.ts';
import { registerRuleSetBacktest } from './admin/rule-set-backtest.tsx';
import { registerRuleSetEdit } from './admin/rule-set-edit.tsx';
import { registerRuleSetPage } from './admin/rule-set-page.tsx';
import { registerRuleSets } from './admin/rule-sets.tsx';
import { registerTokenRevoke } from './admin/token-revoke.ts';
import { registerTokens } from './admin/tokens.tsx';
import { registerUserEdit } from './admin/user-edit.tsx';
import { registerUsers } from './admin/users.tsx';
import { registerAlertActions } from './alerts/alert-actions.ts';
import { registerAlertPage } from './alerts/alert-page.tsx';
import { registerAlertInbox } from './alerts/inbox.tsx';
import { registerAuditPage } from './audit/audit-page.tsx';
import { registerAuditVerify } from './audit/verify.tsx';
import { registerInvestigateHandlers } from './investigate/handlers.tsx';
import { registerLinkDecide } from './investigate/link-decide.ts';
import { registerInvestigatePerson } from './investigate/person.tsx';
import { registerInvestigateRing } from './investigate/ring.tsx';
import { registerInvestigateRings } from './investigate/rings.tsx';
import { registerInvestigateSearch } from './investigate/search.tsx';
import { registerInvestigateSuspects } from './investigate/suspects.tsx';
import { registerPhotoCase } from './photos/photo-case.tsx';
import { registerPhotoDecide } from './photos/decide.ts';
import { registerPhotoQueue } from './photos/queue.tsx';
import { registerHome } from './session/home.tsx';
import { registerSpotCheckDraw } from './spot-checks/draw-page.tsx';
import { registerSpotCheckDraws } from './spot-checks/draws.tsx';
import { registerLogin } from './session/login.tsx';
import { registerLogout } from './session/logout.ts';
import { registerTransactionPage } from './transactions/transaction-page.tsx';

/** Every page and form action of the workbench. */
export const WEB_PAGES: readonly RegisterPage[] = [
  registerLogin, registerLogout, registerHome,
  registerAlertInbox, registerAlertPage, registerAlertActions, registerTransactionPage,
  registerPhotoQueue, registerPhotoCase, registerPhotoDecide,
  registerInvestigateSearch, registerInvestigatePerson, registerInvestigateRing,
  registerInvestigateSuspects, registerInvestigateRings, registerInvestigateHandlers, registerLinkDecide,
  registerUsers, registerUserEdit, registerTokens, registerTokenRevoke, registerReference,
  registerRuleSets, registerRuleSetPage, registerRuleSetEdit, registerRuleSetActions, registerRuleSetBacktest,
  registerSpotCheckDraws, registerSpotCheckDraw,
  registerAuditPage, registerAuditVerify,
];
