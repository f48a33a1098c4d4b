import type { ApiApp, ApiDeps } from '../../../api/types.ts';
import { BUSINESS_TYPES } from '../../../domain/index.ts';
import type { Database } from '../../../platform/db.ts';
import type { AppError } from '../../../platform/errors.ts';
import { reviewActorOf } from '../../../review/review-rules.ts';
import { drawSpotCheck, listDraws, type DrawView } from '../../../review/spot-checks/index.ts';
import { readForm, textField, type FormData } from '../../http/forms.ts';
import { webPage } from '../../http/page.ts';
import { redirectAfterPost, renderPage, statusOf } from '../../http/render.tsx';
import { holdsAny, type SignedIn, type WebContext } from '../../http/types.ts';
import { CsrfField, EmptyState, Notice } from '../../layout/components.tsx';
import { formatTime, typeName } from '../../layout/format.ts';
import { stationOptions, type Option } from '../lookups.ts';
import { SPOT_CHECK_READERS, SPOT_CHECK_WORKERS } from './access.ts';

/** A date picked on the form is a Beijing calendar day; the period is [from 00:00, to + 1 day 00:00). */
function dayStart(day: string, plusDays = 0): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return day || undefined;
  const at = new Date(`${day}T00:00:00+08:00`);
  at.setUTCDate(at.getUTCDate() + plusDays);
  return at.toISOString().replace('.000Z', '+00:00');
}

function drawInputOf(form: FormData): Record<string, unknown> {
  const size = textField(form, 'size');
  return {
    from: dayStart(textField(form, 'from')), to: dayStart(textField(form, 'to'), 1),
    ...(textField(form, 'station') ? { station: textField(form, 'station') } : {}),
    ...(textField(form, 'type') ? { type: textField(form, 'type') } : {}),
    size: size === '' ? undefined : Number(size),
    ...(textField(form, 'seed') ? { seed: textField(form, 'seed') } : {}),
  };
}

async function myPending(db: Database, user: SignedIn) {
  return db.prisma.spotCheckItem.findMany({ where: { assigneeId: user.userId, status: 'PENDING' }, orderBy: { id: 'asc' }, take: 100, select: { id: true, drawId: true, transactionId: true } });
}

function DrawForm(props: { user: SignedIn; stations: Option[]; form: FormData }) {
  const f = props.form;
  return (
    <form method="post" action="/admin/spot-checks" class="filters" aria-label="新的抽查">
      <CsrfField user={props.user} />
      <label>业务起始日<input type="date" name="from" required value={textField(f, 'from')} /></label>
      <label>业务截止日（含）<input type="date" name="to" required value={textField(f, 'to')} /></label>
      <label>站点<select name="station"><option value="">全部</option>{props.stations.map((s) => <option value={s.value} selected={s.value === textField(f, 'station')}>{s.label}</option>)}</select></label>
      <label>业务类型<select name="type"><option value="">全部</option>{BUSINESS_TYPES.map((t) => <option value={t.code} selected={t.code === textField(f, 'type')}>{t.name}</option>)}</select></label>
      <label>抽取数量<input type="number" name="size" min={1} max={500} required value={textField(f, 'size') || '10'} /></label>
      <label>随机种子（可空；填写则按该种子重抽）<input name="seed" maxlength={64} value={textField(f, 'seed')} /></label>
      <button type="submit" class="primary">抽取</button>
    </form>
  );
}

function DrawTable(props: { draws: readonly DrawView[] }) {
  if (props.draws.length === 0) return <EmptyState>还没有抽查批次。</EmptyState>;
  return (
    <table data-keyboard-list>
      <caption class="sr-only">抽查批次</caption>
      <thead><tr><th>批次</th><th>抽取人</th><th>时间</th><th>业务期间</th><th>站点</th><th>业务类型</th><th class="num">抽取 / 总体</th><th class="num">已完成</th></tr></thead>
      <tbody>{props.draws.map((d) => (
        <tr><td><a href={`/admin/spot-checks/${d.id}`}>#{d.id}</a></td><td>{d.drawnBy}</td><td>{formatTime(d.drawnAt)}</td>
          <td>{formatTime(d.from)} — {formatTime(d.to)}</td><td>{d.station ?? '全部'}</td><td>{d.type ? typeName(d.type) : '全部'}</td>
          <td class="num">{d.size} / {d.population}</td><td class="num">{d.decided}</td></tr>
      ))}</tbody>
    </table>
  );
}

async function drawsPage(c: WebContext, deps: ApiDeps, user: SignedIn, state: { error?: AppError; form?: FormData } = {}): Promise<Response> {
  const worker = holdsAny(user, SPOT_CHECK_WORKERS);
  const [draws, stations, pending] = await Promise.all([listDraws(deps.ctx.db), stationOptions(deps.ctx.db), worker ? myPending(deps.ctx.db, user) : Promise.resolve([])]);
  return renderPage(c, {
    title: '双随机抽查', user,
    shortcuts: [['j / k', '下一批 / 上一批']],
    children: (
      <>
        {worker ? (
          <section class="panel" aria-labelledby="mine"><h2 id="mine">分配给我的抽查</h2>
            {pending.length === 0 ? <EmptyState>没有待完成的抽查。</EmptyState>
              : <ul>{pending.map((p) => <li><a href={`/admin/spot-checks/${p.drawId}#item-${p.id}`}>批次 #{p.drawId.toString()} · 业务 {p.transactionId}</a></li>)}</ul>}
          </section>
        ) : null}
        {worker ? (
          <section class="panel" aria-labelledby="new-draw"><h2 id="new-draw">新的抽查</h2>
            <p>从期间内未产生告警的业务中随机抽取，并为每笔随机指定一名与其经办人、审批人无关联的监管民警。种子记入审计，可复现。</p>
            {state.error ? <Notice kind="error" problems={state.error.problems}>{state.error.detail}</Notice> : null}
            <DrawForm user={user} stations={stations} form={state.form ?? {}} />
          </section>
        ) : null}
        <DrawTable draws={draws} />
      </>
    ),
  }, state.error ? statusOf(state.error) : 200);
}

/** GET /admin/spot-checks (draws, my pending items, new draw) and POST (draw; audited with its seed). */
export function registerSpotCheckDraws(app: ApiApp, deps: ApiDeps): void {
  webPage(app, deps, { method: 'GET', path: '/admin/spot-checks', access: SPOT_CHECK_READERS }, (c, user) => drawsPage(c, deps, user));
  webPage(app, deps, { method: 'POST', path: '/admin/spot-checks', access: SPOT_CHECK_WORKERS }, async (c, user) => {
    const form = await readForm(c);
    const drawn = await drawSpotCheck(deps.ctx.db, reviewActorOf(user)!, drawInputOf(form));
    if (!drawn.ok) return drawsPage(c, deps, user, { error: drawn.error, form });
    return redirectAfterPost(c, `/admin/spot-checks/${drawn.value.drawId}?done=drawn`);
  });
}
