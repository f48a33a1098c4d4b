/**
 * The alert forms: decide, settle, assign. Each calls the same use case as the API; a refusal
 * (a rule, a short reason) re-renders the alert page with the rule named and the text kept.
 */
import type { ApiApp, ApiDeps } from '../../../api/types.ts';
import type { Result } from '../../../platform/errors.ts';
import { assignAlert } from '../../../review/assign-alert.ts';
import { decideAlert } from '../../../review/decide-alert.ts';
import { reviewActorOf } from '../../../review/review-rules.ts';
import { settleAlert } from '../../../review/settle-alert.ts';
import { bigintParam, readForm, textField, type FormData } from '../../http/forms.ts';
import { webPage } from '../../http/page.ts';
import { redirectAfterPost, renderErrorPage } from '../../http/render.tsx';
import { ALERT_WORKERS } from './access.ts';
import { renderAlertPage } from './alert-page.tsx';

type Verb = 'decide' | 'settle' | 'assign';

const DONE: Readonly<Record<Verb, string>> = { decide: 'decided', settle: 'settled', assign: 'assigned' };

function inputOf(verb: Verb, form: FormData): unknown {
  if (verb === 'assign') return textField(form, 'mode') === 'auto' ? { auto: true } : { assigneeId: textField(form, 'assigneeId') };
  // An unchosen radio is sent as nothing: pass undefined so the use case names the field.
  return { decision: textField(form, 'decision') || undefined, reason: textField(form, 'reason') };
}

function run(deps: ApiDeps, verb: Verb, actor: NonNullable<ReturnType<typeof reviewActorOf>>, id: bigint, input: unknown): Promise<Result<unknown>> {
  if (verb === 'decide') return decideAlert(deps.ctx.db, actor, id, input);
  if (verb === 'settle') return settleAlert(deps.ctx.db, actor, id, input);
  return assignAlert(deps.ctx.db, actor, id, input);
}

function registerAction(app: ApiApp, deps: ApiDeps, verb: Verb): void {
  webPage(app, deps, { method: 'POST', path: `/alerts/:id/${verb}`, access: ALERT_WORKERS }, async (c, user) => {
    const id = bigintParam(c.req.param('id'));
    if (id === null) return renderErrorPage(c, user, { code: 'NOT_FOUND', detail: `没有告警 ${c.req.param('id')} (no such alert)` });
    const form = await readForm(c);
    const input = inputOf(verb, form);
    const result = await run(deps, verb, reviewActorOf(user)!, id, input);
    if (!result.ok) {
      if (result.error.code === 'NOT_FOUND') return renderErrorPage(c, user, result.error);
      return renderAlertPage(c, deps, user, id, { error: result.error, draft: { decision: textField(form, 'decision'), reason: textField(form, 'reason') } });
    }
    return redirectAfterPost(c, `/alerts/${id}?done=${DONE[verb]}`);
  });
}

/** POST /alerts/:id/decide, /settle, /assign (SUPERVISOR, SENIOR_SUPERVISOR; the use cases apply every rule). */
export function registerAlertActions(app: ApiApp, deps: ApiDeps): void {
  for (const verb of ['decide', 'settle', 'assign'] as const) registerAction(app, deps, verb);
}
