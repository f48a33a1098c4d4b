import type { ApiApp, ApiDeps } from '../../../api/types.ts';
import { BUSINESS_TYPES } from '../../../domain/index.ts';
import type { AppError } from '../../../platform/errors.ts';
import { ALERT_STATUSES, listAlerts, type AlertPage } from '../../../review/list-alerts.ts';
import { SLA_STATES } from '../../../review/sla.ts';
import { RISK_POINTS } from '../../../risk/points/index.ts';
import { webPage } from '../../http/page.ts';
import { renderPage, statusOf } from '../../http/render.tsx';
import { Busy, EmptyState, Notice, Pager, StationName } from '../../layout/components.tsx';
import { ALERT_STATUS_NAMES, formatTime, SEVERITY_NAMES, SLA_NAMES, typeName } from '../../layout/format.ts';
import { PointCodes, SeverityBadge, SlaBadge, StatusBadge } from './badges.tsx';
import { stationNames, stationOptions, supervisors, type Option } from '../lookups.ts';
import { ALERT_READERS } from './access.ts';

/** The inbox's query parameters (urls.md) and the use case's filter names. */
const FILTERS = [
  { param: 'status', filter: 'status' }, { param: 'severity', filter: 'severity' }, { param: 'riskPoint', filter: 'riskPoint' },
  { param: 'station', filter: 'station' }, { param: 'businessType', filter: 'type' }, { param: 'sla', filter: 'slaState' },
] as const;

function Select(props: { name: string; label: string; value: string; options: readonly Option[] }) {
  return (
    <label>
      {props.label}
      <select name={props.name}>
        <option value="">全部</option>
        {props.options.map((o) => <option value={o.value} selected={o.value === props.value}>{o.label}</option>)}
      </select>
    </label>
  );
}

const options = (names: Readonly<Record<string, string>>, codes: readonly string[]): Option[] => codes.map((c) => ({ value: c, label: names[c] ?? c }));

function FilterForm(props: { query: URLSearchParams; stations: Option[]; mine: boolean }) {
  const q = (name: string) => props.query.get(name) ?? '';
  return (
    <form method="get" action="/alerts" class="filters" role="search" aria-label="筛选告警"
      hx-get="/alerts" hx-trigger="change, submit" hx-target="#alert-results" hx-select="#alert-results" hx-swap="outerHTML" hx-push-url="true" hx-indicator="#alerts-busy">
      <Select name="severity" label="严重度" value={q('severity')} options={options(SEVERITY_NAMES, ['HIGH', 'MEDIUM', 'LOW'])} />
      <Select name="status" label="状态" value={q('status')} options={options(ALERT_STATUS_NAMES, ALERT_STATUSES)} />
      <Select name="sla" label="时限" value={q('sla')} options={options(SLA_NAMES, SLA_STATES)} />
      <Select name="riskPoint" label="风险点" value={q('riskPoint')} options={RISK_POINTS.map((p) => ({ value: p.code, label: `${p.code} ${p.nameZh}` }))} />
      <Select name="businessType" label="业务类型" value={q('businessType')} options={BUSINESS_TYPES.map((t) => ({ value: t.code, label: t.name }))} />
      <Select name="station" label="站点" value={q('station')} options={props.stations} />
      <label class="checkbox"><span>只看指派给我的</span><input type="checkbox" name="mine" value="1" checked={props.mine} /></label>
      <button type="submit" data-shortcut-focus>筛选</button>
      <a href="/alerts">清除条件</a>
      <Busy id="alerts-busy">正在加载…</Busy>
    </form>
  );
}

function AlertTable(props: { page: AlertPage; names: Map<string, string>; stations: ReadonlyMap<string, string> }) {
  return (
    <table data-keyboard-list>
      <caption class="sr-only">告警列表（按时限紧迫程度排序）</caption>
      <thead><tr><th>告警</th><th>严重度</th><th class="num">分值</th><th>风险点</th><th>业务类型</th><th>站点</th><th>状态</th><th>时限</th><th>指派给</th></tr></thead>
      <tbody>
        {props.page.items.map((a) => (
          <tr>
            <td><a href={`/alerts/${a.id}`}>#{a.id}</a><br /><small class="muted">{a.transactionId}</small></td>
            <td><SeverityBadge severity={a.severity} /></td>
            <td class="num">{a.score}</td>
            <td><PointCodes codes={a.riskPoints} /></td>
            <td>{typeName(a.type)}</td>
            <td><StationName code={a.stationCode} names={props.stations} /></td>
            <td><StatusBadge status={a.status} />{a.dualReview ? <> <small>双审</small></> : null}</td>
            <td><SlaBadge state={a.slaState} /><br /><small class="nowrap">截止 {formatTime(a.slaDueAt)}</small></td>
            <td>{a.assigneeIds.map((id) => props.names.get(id) ?? `#${id}`).join('、') || '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Results(props: { result: { ok: true; value: AlertPage } | { ok: false; error: AppError }; query: URLSearchParams; names: Map<string, string>; stations: ReadonlyMap<string, string> }) {
  const { result } = props;
  return (
    <div id="alert-results" aria-live="polite">
      {!result.ok ? <Notice kind="error" problems={result.error.problems}>{result.error.detail}</Notice>
        : result.value.items.length === 0 ? <EmptyState>没有符合条件的告警。可以放宽筛选条件，或 <a href="/alerts">清除条件</a>。</EmptyState>
          : <>
            <AlertTable page={result.value} names={props.names} stations={props.stations} />
            <Pager base="/alerts" params={props.query} page={result.value.page} pageSize={result.value.pageSize} total={result.value.total} />
          </>}
    </div>
  );
}

/** GET /alerts — the inbox: filters by severity, status, SLA, risk point, business type, station; SLA-urgent first. */
export function registerAlertInbox(app: ApiApp, deps: ApiDeps): void {
  webPage(app, deps, { method: 'GET', path: '/alerts', access: ALERT_READERS }, async (c, user) => {
    const query = new URL(c.req.url).searchParams;
    const input: Record<string, string> = {};
    for (const { param, filter } of FILTERS) if (query.get(param)) input[filter] = query.get(param)!;
    const mine = query.get('mine') === '1';
    if (mine) input.assignee = user.userId.toString();
    if (query.get('page')) input.page = query.get('page')!;
    const [result, stations, people] = await Promise.all([listAlerts(deps.ctx.db, input), stationOptions(deps.ctx.db), supervisors(deps.ctx.db)]);
    const names = new Map(people.map((p) => [p.id, p.displayName]));
    return renderPage(c, {
      title: '告警处置', user,
      shortcuts: [['j / k', '下一条 / 上一条'], ['Enter', '打开告警']],
      children: (
        <>
          <FilterForm query={query} stations={stations} mine={mine} />
          <Results result={result} query={query} names={names} stations={stationNames(stations)} />
        </>
      ),
    }, result.ok ? 200 : statusOf(result.error));
  });
}
