import type { ApiApp, ApiDeps } from '../../../api/types.ts';
import type { AppError } from '../../../platform/errors.ts';
import { reviewActorOf } from '../../../review/review-rules.ts';
import { decideSpotCheck, getDraw, verifyDraw, type DrawView, type SpotCheckItemView } from '../../../review/spot-checks/index.ts';
import { MIN_REASON } from '../../../review/review-rules.ts';
import { bigintParam, readForm, textField } from '../../http/forms.ts';
import { webPage } from '../../http/page.ts';
import { redirectAfterPost, renderErrorPage, renderPage, statusOf } from '../../http/render.tsx';
import type { SignedIn, WebContext } from '../../http/types.ts';
import { Badge, CsrfField, Facts, Notice } from '../../layout/components.tsx';
import { formatTime, typeName } from '../../layout/format.ts';
import { supervisors } from '../lookups.ts';
import { SPOT_CHECK_READERS, SPOT_CHECK_WORKERS } from './access.ts';

const RESULT_NAMES: Readonly<Record<string, string>> = { CONFORMING: '合规', NONCONFORMING: '不合规' };
const DONE: Readonly<Record<string, string>> = { drawn: '已抽取并分配。', decided: '已记录抽查结论。' };

function DecideForm(props: { drawId: string; item: SpotCheckItemView; user: SignedIn }) {
  return (
    <form method="post" action={`/admin/spot-checks/${props.drawId}/items/${props.item.id}/decide`} class="actions" aria-label={`抽查结论 ${props.item.transactionId}`}>
      <CsrfField user={props.user} />
      {(['CONFORMING', 'NONCONFORMING'] as const).map((r) => <label class="radio"><input type="radio" name="result" value={r} required /> {RESULT_NAMES[r]}</label>)}
      <label>理由<input name="reason" required minlength={MIN_REASON} maxlength={2000} /></label>
      <button type="submit" class="primary">提交</button>
    </form>
  );
}

function Items(props: { draw: DrawView; user: SignedIn; names: Map<string, string> }) {
  return (
    <table>
      <caption>抽中的业务</caption>
      <thead><tr><th>业务</th><th>指定审核人</th><th>状态</th><th>结论</th></tr></thead>
      <tbody>{(props.draw.items ?? []).map((i) => {
        const mine = i.assigneeId === props.user.userId.toString() && i.status !== 'DECIDED' && props.user.roles.some((r) => SPOT_CHECK_WORKERS.includes(r));
        return (
          <tr id={`item-${i.id}`}>
            <td><a href={`/transactions/${encodeURIComponent(i.transactionId)}`}>{i.transactionId}</a></td>
            <td>{props.names.get(i.assigneeId) ?? `#${i.assigneeId}`}</td>
            <td>{i.status === 'DECIDED' ? <Badge tone="ok">已完成</Badge> : <Badge tone="neutral">待抽查</Badge>}</td>
            <td>{i.result ? <>{RESULT_NAMES[i.result] ?? i.result}：{i.reason}（{formatTime(i.decidedAt)}）</> : mine ? <DecideForm drawId={props.draw.id} item={i} user={props.user} /> : '—'}</td>
          </tr>
        );
      })}</tbody>
    </table>
  );
}

async function drawPage(c: WebContext, deps: ApiDeps, user: SignedIn, id: bigint, error?: AppError): Promise<Response> {
  const [found, people] = await Promise.all([getDraw(deps.ctx.db, id), supervisors(deps.ctx.db)]);
  if (!found.ok) return renderErrorPage(c, user, found.error);
  const d = found.value;
  const verification = c.req.query('verify') === '1' ? await verifyDraw(deps.ctx.db, id) : null;
  const done = DONE[c.req.query('done') ?? ''];
  return renderPage(c, {
    title: `抽查批次 #${d.id}`, user,
    children: (
      <>
        <p><a href="/admin/spot-checks">← 全部批次</a></p>
        {done ? <Notice kind="ok">{done}</Notice> : null}
        {error ? <Notice kind="error" problems={error.problems}>{error.detail}{error.extensions?.rule ? <>（规则 <code>{String(error.extensions.rule)}</code>）</> : null}</Notice> : null}
        <Facts items={[
          ['抽取人', d.drawnBy], ['抽取时间', formatTime(d.drawnAt)], ['业务期间', `${formatTime(d.from)} — ${formatTime(d.to)}`],
          ['站点', d.station ?? '全部'], ['业务类型', d.type ? typeName(d.type) : '全部'], ['抽取 / 总体', `${d.size} / ${d.population}`],
          ['已完成', `${d.decided} / ${(d.items ?? []).length}`], ['随机种子', <code>{d.seed}</code>],
        ]} />
        <p class="actions"><a href={`/admin/spot-checks/${d.id}?verify=1`} class="button">验证可复现（按记录的种子重抽）</a></p>
        {verification ? (verification.ok
          ? <Notice kind={verification.value.reproduced ? 'ok' : 'error'}>{verification.value.reproduced ? '按记录的种子重抽，结果与记录一致。' : '重抽结果与记录不一致。'}
            {verification.value.populationUnchanged ? '' : ' 抽样总体已变化（期间内业务或告警有变动）。'}{verification.value.reviewersUnchanged ? '' : ' 可选审核人已变化。'}</Notice>
          : <Notice kind="error">{verification.error.detail}</Notice>) : null}
        <Items draw={d} user={user} names={new Map(people.map((p) => [p.id, p.displayName]))} />
      </>
    ),
  }, error ? statusOf(error) : 200);
}

/** GET /admin/spot-checks/:id (a draw, its verification) and POST …/items/:itemId/decide (the drawn reviewer's conclusion). */
export function registerSpotCheckDraw(app: ApiApp, deps: ApiDeps): void {
  webPage(app, deps, { method: 'GET', path: '/admin/spot-checks/:id', access: SPOT_CHECK_READERS }, (c, user) => {
    const id = bigintParam(c.req.param('id'));
    return id === null ? renderErrorPage(c, user, { code: 'NOT_FOUND', detail: '没有该抽查批次 (no such draw)' }) : drawPage(c, deps, user, id);
  });
  webPage(app, deps, { method: 'POST', path: '/admin/spot-checks/:id/items/:itemId/decide', access: SPOT_CHECK_WORKERS }, async (c, user) => {
    const id = bigintParam(c.req.param('id'));
    const itemId = bigintParam(c.req.param('itemId'));
    if (id === null || itemId === null) return renderErrorPage(c, user, { code: 'NOT_FOUND', detail: '没有该抽查项 (no such spot check)' });
    const form = await readForm(c);
    const result = await decideSpotCheck(deps.ctx.db, reviewActorOf(user)!, itemId, { result: textField(form, 'result') || undefined, reason: textField(form, 'reason') });
    if (!result.ok) return drawPage(c, deps, user, id, result.error);
    return redirectAfterPost(c, `/admin/spot-checks/${id}?done=decided`);
  });
}
