import { settleAlert, settleInput } from '../../review/settle-alert.ts';
import type { ApiApp, ApiDeps } from '../types.ts';
import { registerAlertAction } from './alert-action.ts';

/** POST /api/v1/alerts/{id}/settle — a SENIOR_SUPERVISOR who was neither reviewer settles an escalation. */
export function registerPostAlertSettle(app: ApiApp, deps: ApiDeps): void {
  registerAlertAction(app, deps, { verb: 'settle', summary: '裁决分歧 Settle an escalated dual review', body: settleInput, run: settleAlert });
}
