import type { ApiApp, ApiDeps } from '../../../api/types.ts';
import type { AppError } from '../../../platform/errors.ts';
import { diffAgainstLive, getRuleSet, type RuleSetDetail } from '../../../risk/rule-sets/index.ts';
import { sameUser } from '../../../risk/rule-sets/actor.ts';
import { pathParam } from '../../http/forms.ts';
import { webPage } from '../../http/page.ts';
import { renderErrorPage, renderPage, statusOf } from '../../http/render.tsx';
import type { SignedIn, WebContext } from '../../http/types.ts';
import { CsrfField, Facts, Notice } from '../../layout/components.tsx';
import { compactJson, formatTime } from '../../layout/format.ts';
import { ADMINS } from './access.ts';
import { actorOf } from './actor.ts';
import { DiffView } from './rule-set-diff.tsx';
import { RuleSetStatus } from './rule-sets.tsx';

const DONE: Readonly<Record<string, string>> = { created: '草案已保存。', updated: '草案已修改（已记入审计）。', unchanged: '没有修改任何内容，草案未变。', submitted: '已提交审批，等待另一名管理员审批。', approved: '已批准并发布，下一批入库的业务即按此规则集评分。', rejected: '已退回起草人。' };

const ACTION_NAMES: Readonly<Record<string, string>> = {
  'ruleset.created': '创建草案', 'ruleset.updated': '修改草案', 'ruleset.submitted': '提交审批', 'ruleset.rejected': '退回', 'ruleset.published': '批准发布', 'ruleset.retired': '停用',
};

function Actions(props: { rs: RuleSetDetail; user: SignedIn }) {
  const { rs, user } = props;
  const base = `/admin/rule-sets/${encodeURIComponent(rs.version)}`;
  const author = sameUser(user.username, rs.createdBy);
  if (rs.status === 'DRAFT' && author) {
    return (
      <div class="actions">
        <a class="button" href={`${base}/edit`}>修改草案</a>
        <form method="post" action={`${base}/submit`} class="inline"><CsrfField user={user} /><button type="submit" class="primary">提交审批</button></form>
        <span class="muted">提交后草案冻结，须另一名管理员批准才会发布（起草人不能批准自己的规则集）。</span>
      </div>
    );
  }
  if (rs.status === 'DRAFT') return <p class="muted">草案由 {rs.createdBy} 起草，只有起草人可以修改或提交审批。</p>;
  if (rs.status !== 'PENDING_APPROVAL') return null;
  if (author) return <p role="status">等待另一名管理员审批（起草人不能批准自己的规则集）。如需再修改，请审批人退回后再改。</p>;
  return (
    <div class="two-col">
      <form method="post" action={`${base}/approve`} class="stack" data-confirm={`确认批准并发布规则集 ${rs.version}？发布后立即用于新业务的评分。`}>
        <CsrfField user={user} />
        <label for="comment">审批意见（可空）</label>
        <textarea id="comment" name="comment" maxlength={2000}></textarea>
        <button type="submit" class="primary">批准并发布</button>
      </form>
      <form method="post" action={`${base}/reject`} class="stack">
        <CsrfField user={user} />
        <label for="reason">退回理由</label>
        <textarea id="reason" name="reason" required maxlength={2000}></textarea>
        <button type="submit" class="danger">退回起草人</button>
      </form>
    </div>
  );
}

function History(props: { rs: RuleSetDetail }) {
  return (
    <ol class="history">
      {props.rs.history.map((e) => <li><time datetime={e.at}>{formatTime(e.at)}</time> · <strong>{e.actor}</strong> · {ACTION_NAMES[e.action] ?? e.action} <small class="muted">{compactJson(e.data, 300)}</small></li>)}
    </ol>
  );
}

/** The rule set page; re-rendered with the refusal when an action is refused. */
export async function renderRuleSetPage(c: WebContext, deps: ApiDeps, user: SignedIn, version: string, error?: AppError): Promise<Response> {
  const [found, diff] = await Promise.all([getRuleSet(deps.ctx.db, actorOf(user), version), diffAgainstLive(deps.ctx.db, actorOf(user), version)]);
  if (!found.ok) return renderErrorPage(c, user, found.error);
  if (!diff.ok) return renderErrorPage(c, user, diff.error);
  const rs = found.value;
  const done = DONE[c.req.query('done') ?? ''];
  const base = `/admin/rule-sets/${encodeURIComponent(rs.version)}`;
  return renderPage(c, {
    title: `规则集 ${rs.version}`, user,
    children: (
      <>
        <p><a href="/admin/rule-sets">← 全部规则集</a></p>
        {done ? <Notice kind="ok">{done}</Notice> : null}
        {error ? <Notice kind="error" problems={error.problems}>{error.detail}{error.extensions?.rule ? <>（规则 <code>{String(error.extensions.rule)}</code>）</> : null}</Notice> : null}
        {rs.rejectionReason ? <Notice kind="info">上次审批被退回，理由：{rs.rejectionReason}</Notice> : null}
        <Facts items={[
          ['状态', <RuleSetStatus status={rs.status} />], ['说明', rs.note], ['起草人', rs.createdBy], ['审批人', rs.approvedBy],
          ['创建时间', formatTime(rs.createdAt)], ['发布时间', formatTime(rs.publishedAt)], ['配置摘要', <code>{rs.configSha256.slice(0, 16)}…</code>],
        ]} />
        <Actions rs={rs} user={user} />
        <section class="panel" aria-labelledby="diff-title"><h2 id="diff-title">与现行规则集的差异</h2><DiffView diff={diff.value} liveVersion={diff.value.liveVersion} /></section>
        <section class="panel" aria-labelledby="backtest-title">
          <h2 id="backtest-title">回测</h2>
          <p>用此规则集重放已存的全部历史业务，与现行评估对比（只读，不影响任何数据）。</p>
          <form hx-post={`${base}/backtest`} hx-target="#backtest-result" hx-swap="innerHTML" method="post" action={`${base}/backtest`} class="actions">
            <CsrfField user={user} />
            <button type="submit">开始回测</button>
          </form>
          <div id="backtest-result" aria-live="polite"></div>
        </section>
        <section class="panel" aria-labelledby="history-title"><h2 id="history-title">记录</h2><History rs={rs} /></section>
      </>
    ),
  }, error ? statusOf(error) : 200);
}

/** GET /admin/rule-sets/:version — facts, diff against live, backtest, submit / approve / reject, history. */
export function registerRuleSetPage(app: ApiApp, deps: ApiDeps): void {
  webPage(app, deps, { method: 'GET', path: '/admin/rule-sets/:version', access: ADMINS }, (c, user) => renderRuleSetPage(c, deps, user, pathParam(c, 'version')));
}
