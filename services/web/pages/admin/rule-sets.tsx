import type { ApiApp, ApiDeps } from '../../../api/types.ts';
import type { AppError } from '../../../platform/errors.ts';
import { createDraft, listRuleSets, liveRuleSet, type RuleSetSummary } from '../../../risk/rule-sets/index.ts';
import { sameUser } from '../../../risk/rule-sets/actor.ts';
import { readForm, textField, type FormData } from '../../http/forms.ts';
import { webPage } from '../../http/page.ts';
import { redirectAfterPost, renderErrorPage, renderPage, statusOf } from '../../http/render.tsx';
import type { SignedIn, WebContext } from '../../http/types.ts';
import { Badge, EmptyState, Notice, type Tone } from '../../layout/components.tsx';
import { formatTime, RULE_SET_STATUS_NAMES } from '../../layout/format.ts';
import { ADMINS } from './access.ts';
import { actorOf } from './actor.ts';
import { NewDraftForm, overridesFromForm } from './rule-set-form.tsx';

const STATUS_TONES: Readonly<Record<string, Tone>> = { DRAFT: 'neutral', PENDING_APPROVAL: 'warn', PUBLISHED: 'ok', RETIRED: 'low' };

export function RuleSetStatus(props: { status: string }) {
  return <Badge tone={STATUS_TONES[props.status] ?? 'neutral'}>{RULE_SET_STATUS_NAMES[props.status] ?? props.status}</Badge>;
}

/** Maker-checker at a glance: whose turn a rule set waiting for approval is. */
function Turn(props: { item: RuleSetSummary; user: SignedIn }) {
  const { item, user } = props;
  const mine = sameUser(user.username, item.createdBy);
  if (item.status === 'PENDING_APPROVAL') return mine ? <small class="muted">等待其他管理员审批</small> : <Badge tone="warn">待您审批</Badge>;
  if (item.status === 'DRAFT' && mine) return <a href={`/admin/rule-sets/${encodeURIComponent(item.version)}/edit`}>修改<span class="sr-only">草案 {item.version}</span></a>;
  return null;
}

function RuleSetTable(props: { items: readonly RuleSetSummary[]; liveVersion: string; user: SignedIn }) {
  if (props.items.length === 0) return <EmptyState>尚无规则集记录（现行为规范默认值 <code>{props.liveVersion}</code>）。</EmptyState>;
  return (
    <table data-keyboard-list>
      <caption class="sr-only">规则集</caption>
      <thead><tr><th>版本</th><th>状态</th><th>说明</th><th>起草人</th><th>审批人</th><th>创建</th><th>发布</th></tr></thead>
      <tbody>
        {props.items.map((r) => (
          <tr>
            <td><a href={`/admin/rule-sets/${encodeURIComponent(r.version)}`}>{r.version}</a></td>
            <td><RuleSetStatus status={r.status} /> <Turn item={r} user={props.user} /></td>
            <td>{r.note ?? '—'}</td><td>{r.createdBy}</td><td>{r.approvedBy ?? '—'}</td>
            <td>{formatTime(r.createdAt)}</td><td>{formatTime(r.publishedAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

async function ruleSetsPage(c: WebContext, deps: ApiDeps, user: SignedIn, state: { error?: AppError; form?: FormData } = {}): Promise<Response> {
  const [list, live] = await Promise.all([listRuleSets(deps.ctx.db, actorOf(user)), liveRuleSet(deps.ctx.db.prisma)]);
  if (!list.ok) return renderErrorPage(c, user, list.error);
  return renderPage(c, {
    title: '规则集', user,
    shortcuts: [['j / k', '下一个 / 上一个规则集']],
    children: (
      <>
        <p>现行规则集：<code>{live.version}</code>{live.stored ? '' : '（规范默认值）'}。发布须由另一名管理员审批（双人复核）。</p>
        <RuleSetTable items={list.value} liveVersion={live.version} user={user} />
        <section class="panel" aria-labelledby="new-draft"><h2 id="new-draft">新建草案</h2>
          {state.error ? <Notice kind="error" problems={state.error.problems}>{state.error.detail}</Notice> : null}
          <NewDraftForm user={user} live={live.config} form={state.form} />
        </section>
      </>
    ),
  }, state.error ? statusOf(state.error) : 200);
}

/** GET /admin/rule-sets (list, new-draft form) and POST /admin/rule-sets (create a draft; audited). */
export function registerRuleSets(app: ApiApp, deps: ApiDeps): void {
  webPage(app, deps, { method: 'GET', path: '/admin/rule-sets', access: ADMINS }, (c, user) => ruleSetsPage(c, deps, user));
  webPage(app, deps, { method: 'POST', path: '/admin/rule-sets', access: ADMINS }, async (c, user) => {
    const form = await readForm(c);
    const live = await liveRuleSet(deps.ctx.db.prisma);
    const overrides = overridesFromForm(form, live.config);
    if (!overrides.ok) return ruleSetsPage(c, deps, user, { error: overrides.error, form });
    const version = textField(form, 'version');
    const created = await createDraft(deps.ctx.db, actorOf(user), { config: overrides.value, note: textField(form, 'note'), ...(version ? { version } : {}) });
    if (!created.ok) return ruleSetsPage(c, deps, user, { error: created.error, form });
    return redirectAfterPost(c, `/admin/rule-sets/${encodeURIComponent(created.value.version)}?done=created`);
  });
}
