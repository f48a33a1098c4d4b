/** POST /admin/rule-sets/:version/submit, /approve, /reject — the maker-checker steps, each audited by its use case. */
import type { ApiApp, ApiDeps } from '../../../api/types.ts';
import type { Result } from '../../../platform/errors.ts';
import { approveRuleSet, rejectRuleSet, submitDraft } from '../../../risk/rule-sets/index.ts';
import { pathParam, readForm, textField, type FormData } from '../../http/forms.ts';
import { webPage } from '../../http/page.ts';
import { redirectAfterPost } from '../../http/render.tsx';
import type { SignedIn } from '../../http/types.ts';
import { ADMINS } from './access.ts';
import { actorOf } from './actor.ts';
import { renderRuleSetPage } from './rule-set-page.tsx';

type Step = 'submit' | 'approve' | 'reject';

const DONE: Readonly<Record<Step, string>> = { submit: 'submitted', approve: 'approved', reject: 'rejected' };

function run(deps: ApiDeps, step: Step, user: SignedIn, version: string, form: FormData): Promise<Result<unknown>> {
  const actor = actorOf(user);
  if (step === 'submit') return submitDraft(deps.ctx.db, actor, version);
  if (step === 'approve') return approveRuleSet(deps.ctx.db, actor, version, { comment: textField(form, 'comment') });
  return rejectRuleSet(deps.ctx.db, actor, version, { reason: textField(form, 'reason') });
}

export function registerRuleSetActions(app: ApiApp, deps: ApiDeps): void {
  for (const step of ['submit', 'approve', 'reject'] as const) {
    webPage(app, deps, { method: 'POST', path: `/admin/rule-sets/:version/${step}`, access: ADMINS }, async (c, user) => {
      const version = pathParam(c, 'version');
      const result = await run(deps, step, user, version, await readForm(c));
      if (!result.ok) return renderRuleSetPage(c, deps, user, version, result.error);
      return redirectAfterPost(c, `/admin/rule-sets/${encodeURIComponent(version)}?done=${DONE[step]}`);
    });
  }
}
