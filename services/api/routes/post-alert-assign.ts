import { assignAlert, assignInput } from '../../review/assign-alert.ts';
import type { ApiApp, ApiDeps } from '../types.ts';
import { registerAlertAction } from './alert-action.ts';

/** POST /api/v1/alerts/{id}/assign — `{assigneeId}` by hand or `{auto: true}` (least-loaded eligible supervisor). */
export function registerPostAlertAssign(app: ApiApp, deps: ApiDeps): void {
  registerAlertAction(app, deps, { verb: 'assign', summary: '指派告警 Assign (by hand or automatically)', body: assignInput, run: assignAlert });
}
