import { decideAlert, decideInput } from '../../review/decide-alert.ts';
import type { ApiApp, ApiDeps } from '../types.ts';
import { registerAlertAction } from './alert-action.ts';

/** POST /api/v1/alerts/{id}/decide — CONFIRMED / DISMISSED with a reason (≥ 4 characters). */
export function registerPostAlertDecide(app: ApiApp, deps: ApiDeps): void {
  registerAlertAction(app, deps, { verb: 'decide', summary: '审核决定 Decide (single review, or first / second of a dual review)', body: decideInput, run: decideAlert });
}
