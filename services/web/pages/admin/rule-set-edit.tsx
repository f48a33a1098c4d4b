/**
 * GET and POST /admin/rule-sets/:version/edit — the author changes their DRAFT (the use case of
 * PATCH /api/v1/rule-sets/{version}: author only, DRAFT only, merged and validated whole, audited
 * as ruleset.updated). Anyone else, or a rule set past DRAFT, gets the rule set page with the rule.
 */
import type { ApiApp, ApiDeps } from '../../../api/types.ts';
import type { AppError, FieldProblem } from '../../../platform/errors.ts';
import { getRuleSet, liveRuleSet, mergeConfig, updateDraft, type RuleSetDetail } from '../../../risk/rule-sets/index.ts';
import { sameUser } from '../../../risk/rule-sets/actor.ts';
import { pathParam, readForm, textField } from '../../http/forms.ts';
import { webPage } from '../../http/page.ts';
import { redirectAfterPost, renderErrorPage, renderPage, statusOf } from '../../http/render.tsx';
import type { SignedIn, WebContext } from '../../http/types.ts';
import { RULE_SET_STATUS_NAMES } from '../../layout/format.ts';
import { ADMINS } from './access.ts';
import { actorOf } from './actor.ts';
import { EditDraftForm, ErrorSummary } from './rule-set-edit-form.tsx';
import { draftChanges, valuesOfConfig, valuesOfForm, type DraftChanges, type FieldValues } from './rule-set-fields.ts';
import { renderRuleSetPage } from './rule-set-page.tsx';

interface EditState {
  readonly error?: AppError;
  /** What was typed, when a refused save comes back. */
  readonly values?: FieldValues;
  readonly note?: string;
}

const pathOf = (version: string) => `/admin/rule-sets/${encodeURIComponent(version)}`;

/** The same refusals as updateDraft's (rules DRAFT_ONLY, AUTHOR_ONLY), before a form is even shown. */
export function editRefusal(rs: RuleSetDetail, user: SignedIn): AppError | null {
  if (rs.status !== 'DRAFT') {
    return { code: 'RULE_REFUSED', detail: `规则集 ${rs.version} 当前为「${RULE_SET_STATUS_NAMES[rs.status] ?? rs.status}」，只有草案可以修改 (only a DRAFT can be edited)`, extensions: { rule: 'DRAFT_ONLY' } };
  }
  if (!sameUser(user.username, rs.createdBy)) {
    return { code: 'RULE_REFUSED', detail: `只有起草人 ${rs.createdBy} 可以修改此草案；审批须由起草人以外的管理员进行 (only the author may edit a draft)`, extensions: { rule: 'AUTHOR_ONLY' } };
  }
  return null;
}

async function editPage(c: WebContext, deps: ApiDeps, user: SignedIn, version: string, state: EditState = {}): Promise<Response> {
  const [found, live] = await Promise.all([getRuleSet(deps.ctx.db, actorOf(user), version), liveRuleSet(deps.ctx.db.prisma)]);
  if (!found.ok) return renderErrorPage(c, user, found.error);
  const rs = found.value;
  const refusal = editRefusal(rs, user);
  if (refusal) return renderRuleSetPage(c, deps, user, version, refusal);
  return renderPage(c, {
    title: `修改草案 ${rs.version}`, user,
    children: (
      <>
        <p><a href={pathOf(rs.version)}>← 返回规则集 {rs.version}</a></p>
        {state.error ? <ErrorSummary error={state.error} /> : null}
        {rs.rejectionReason ? <p class="notice notice-info" role="status">上次审批被退回，理由：{rs.rejectionReason}</p> : null}
        <p>现行规则集为 <code>{live.version}</code>。保存后可在规则集页面查看与现行的差异并回测；提交审批后草案冻结，须由另一名管理员批准才会发布（您不能批准自己起草的规则集）。</p>
        <EditDraftForm
          user={user} action={`${pathOf(rs.version)}/edit`} cancel={pathOf(rs.version)} draft={rs.config} live={live.config}
          values={state.values ?? valuesOfConfig(rs.config)} note={state.note ?? rs.note ?? ''} basedOn={rs.configSha256} problems={state.error?.problems}
        />
      </>
    ),
  }, state.error ? statusOf(state.error) : 200);
}

/** Problems of the form itself (unreadable numbers, no note) together with what the merged configuration breaks. */
function formRefusal(changes: DraftChanges, rs: RuleSetDetail, note: string): AppError | null {
  const own: FieldProblem[] = [...(note === '' ? [{ path: 'note', message: '须填写修改说明 (a note is required)' }] : []), ...changes.problems];
  if (own.length === 0) return null;
  const merged = mergeConfig(rs.config, changes.overrides);
  const problems = [...own, ...(merged.ok ? [] : merged.error.problems ?? [])];
  return { code: 'VALIDATION_FAILED', detail: `草案未保存：${problems.length} 处需要更正 (draft not saved)`, problems };
}

async function save(c: WebContext, deps: ApiDeps, user: SignedIn, version: string): Promise<Response> {
  const form = await readForm(c);
  const found = await getRuleSet(deps.ctx.db, actorOf(user), version);
  if (!found.ok) return renderErrorPage(c, user, found.error);
  const rs = found.value;
  const note = textField(form, 'note');
  const refusal = editRefusal(rs, user);
  if (refusal) return renderRuleSetPage(c, deps, user, version, refusal);
  const typed = { values: valuesOfForm(form), note };
  if (textField(form, 'basedOn') !== rs.configSha256) {
    const stale: AppError = { code: 'CONFLICT', detail: '草案在您打开编辑页之后已被修改（可能在另一个窗口）。下面仍是您填写的内容，请核对后重新保存 (the draft changed since this form was opened)' };
    return editPage(c, deps, user, version, { ...typed, error: stale });
  }
  const changes = draftChanges(form, rs.config);
  const refused = formRefusal(changes, rs, note);
  if (refused) return editPage(c, deps, user, version, { ...typed, error: refused });
  if (!changes.changed && note === (rs.note ?? '')) return redirectAfterPost(c, `${pathOf(version)}?done=unchanged`);
  const updated = await updateDraft(deps.ctx.db, actorOf(user), version, { config: changes.overrides, note });
  if (!updated.ok && updated.error.code === 'VALIDATION_FAILED') return editPage(c, deps, user, version, { ...typed, error: updated.error });
  if (!updated.ok) return renderRuleSetPage(c, deps, user, version, updated.error);
  return redirectAfterPost(c, `${pathOf(version)}?done=updated`);
}

export function registerRuleSetEdit(app: ApiApp, deps: ApiDeps): void {
  webPage(app, deps, { method: 'GET', path: '/admin/rule-sets/:version/edit', access: ADMINS }, (c, user) => editPage(c, deps, user, pathParam(c, 'version')));
  webPage(app, deps, { method: 'POST', path: '/admin/rule-sets/:version/edit', access: ADMINS }, (c, user) => save(c, deps, user, pathParam(c, 'version')));
}
