import type { ApiApp, ApiDeps } from '../../../api/types.ts';
import { decidePersonLink } from '../../../intermediaries/index.ts';
import { bigintParam, pathParam, readForm, textField } from '../../http/forms.ts';
import { webPage } from '../../http/page.ts';
import { redirectAfterPost, renderErrorPage } from '../../http/render.tsx';
import { renderPersonPage } from './person.tsx';
import { INVESTIGATION_ROLES, viewerOf } from './viewer.ts';

const DONE = { CONFIRMED: 'confirmed', SPLIT: 'split' } as const;

/**
 * POST /investigate/persons/:personKey/links/:linkId/decide — confirm (same person) or split
 * (two people) with a note; the use case of POST /api/v1/investigation/links/{id}/decide checks
 * the role and the note and audits the decision. A refusal comes back beside the link, note kept.
 */
export function registerLinkDecide(app: ApiApp, deps: ApiDeps): void {
  webPage(app, deps, { method: 'POST', path: '/investigate/persons/:personKey/links/:linkId/decide', access: INVESTIGATION_ROLES }, async (c, user) => {
    const ref = pathParam(c, 'personKey');
    const linkId = bigintParam(c.req.param('linkId'));
    if (linkId === null) return renderErrorPage(c, user, { code: 'NOT_FOUND', detail: '没有该关联 (no such link)' });
    const form = await readForm(c);
    const note = textField(form, 'note');
    // An unchosen decision is sent as nothing: pass undefined so that the use case names the field.
    const result = await decidePersonLink(deps.ctx.db, viewerOf(c, user), linkId, { decision: textField(form, 'decision') || undefined, note });
    if (!result.ok && result.error.code === 'NOT_FOUND') return renderErrorPage(c, user, result.error);
    if (!result.ok) return renderPersonPage(c, deps, user, ref, { linkId: linkId.toString(), error: result.error, note });
    const unmask = c.req.query('unmask') === 'true' ? '&unmask=true' : '';
    return redirectAfterPost(c, `/investigate/persons/${encodeURIComponent(ref)}?done=${DONE[result.value.status]}${unmask}#link-${linkId}`);
  });
}
