import type { ApiApp, ApiDeps } from '../../../api/types.ts';
import { searchPeople, type SearchResult } from '../../../intermediaries/index.ts';
import type { AppError } from '../../../platform/errors.ts';
import { webPage } from '../../http/page.ts';
import { renderPage, statusOf } from '../../http/render.tsx';
import type { WebContext } from '../../http/types.ts';
import { EmptyState, Notice } from '../../layout/components.tsx';
import { formatTime } from '../../layout/format.ts';
import { RoleUses, SuspectScore, UnmaskToggle } from './parts.tsx';
import { INVESTIGATION_ROLES, viewerOf } from './viewer.ts';

const KIND_NAMES: Readonly<Record<string, string>> = { idNumber: '身份号码', name: '姓名', phone: '电话', address: '地址', plate: '号牌', vin: '车辆识别代号', handler: '经办人' };
/** How a person matched (match.match), best first as the API ranks them. */
const MATCH_NAMES: Readonly<Record<string, string>> = {
  exact: '精确', pinyin: '同音/拼音', 'similar-sound': '近音(模糊音)', initials: '拼音首字母', 'pinyin-prefix': '拼音开头', 'similar-name': '差一个字', address: '整条地址', 'address-part': '地址包含',
  linked: '关联记录', 'similar-id': '相近号码',
};

function MatchCell(props: { match: Record<string, number | string> | null }) {
  const m = props.match;
  if (!m) return <>—</>;
  return <>
    {MATCH_NAMES[String(m.match)] ?? String(m.match)}
    {typeof m.formerName === 'string' ? <small class="muted"> 曾用名 {m.formerName}</small> : null}
    {typeof m.address === 'string' ? <small class="muted"> {m.address}</small> : null}
  </>;
}

function SearchForm(props: { q: string; kind: string; unmask: boolean }) {
  return (
    <form method="get" action="/investigate" class="filters" role="search" aria-label="查询人员">
      <label>查询内容（身份证、姓名或拼音、电话、地址或其中一段、号牌、VIN、经办人编号）<input name="q" value={props.q} required maxlength={200} size={40} data-shortcut-focus autofocus aria-describedby="search-hint" /></label>
      <label>按<select name="kind"><option value="">自动识别</option>{Object.entries(KIND_NAMES).map(([k, n]) => <option value={k} selected={k === props.kind}>{n}</option>)}</select></label>
      {props.unmask ? <input type="hidden" name="unmask" value="true" /> : null}
      <button type="submit" class="primary">查询</button>
      <small id="search-hint" class="muted">姓名可输同音字、拼音（zhangwei）、近音（zangwei，平翘舌、前后鼻音、n/l、f/h 不分）或首字母（zw）；地址可输其中一段，至少 3 个字（如 幸福路12号、幸福小区3栋）。</small>
    </form>
  );
}

function Persons(props: { result: SearchResult; unmask: boolean }) {
  const r = props.result;
  if (r.persons.length === 0) return <EmptyState>没有找到使用过该{KIND_NAMES[r.kind] ?? '内容'}的人员。</EmptyState>;
  const suffix = props.unmask ? '?unmask=true' : '';
  // The match column only when someone matched by more than an identifier (names, addresses, ID numbers).
  const matched = r.persons.some((p) => p.match !== null);
  return (
    <table data-keyboard-list>
      <caption>人员（{r.total} 人{r.truncated ? '，仅显示前部分' : ''}）</caption>
      <thead><tr><th>姓名</th><th>身份号码</th><th>电话</th>{matched ? <th>匹配</th> : null}<th>使用角色与时间</th><th>嫌疑分</th><th>团伙</th></tr></thead>
      <tbody>{r.persons.map((p) => (
        <tr>
          <td><a href={`/investigate/persons/${encodeURIComponent(p.ref)}${suffix}`}>{p.name ?? '（无姓名）'}</a></td>
          <td>{p.idNumber ?? p.orgCode ?? '—'}</td><td>{p.phone ?? '—'}</td>
          {matched ? <td><MatchCell match={p.match} /></td> : null}
          <td><RoleUses roles={p.roles} /></td>
          <td><SuspectScore score={p.suspect?.score} /></td>
          <td>{p.suspect?.ringId ? <a href={`/investigate/rings/${encodeURIComponent(p.suspect.ringId)}`}>{p.suspect.ringId}</a> : '—'}</td>
        </tr>
      ))}</tbody>
    </table>
  );
}

function Others(props: { result: SearchResult }) {
  const { handlers, vehicles } = props.result;
  return (
    <>
      {handlers.length > 0 ? (
        <table><caption>经办人</caption>
          <thead><tr><th>编号</th><th>姓名</th><th>岗位</th><th>站点</th><th class="num">业务</th><th class="num">代办人</th></tr></thead>
          <tbody>{handlers.map((h) => <tr><td>{h.handlerId}</td><td>{h.name}</td><td>{h.role}{h.active ? '' : '（停用）'}</td><td>{h.stations.join('、')}</td><td class="num">{h.transactions}</td><td class="num">{h.agents}</td></tr>)}</tbody>
        </table>
      ) : null}
      {vehicles.length > 0 ? (
        <table><caption>车辆</caption>
          <thead><tr><th>车辆识别代号</th><th>号牌</th><th>车型</th><th>颜色</th><th>首次</th><th>最近</th></tr></thead>
          <tbody>{vehicles.map((v) => <tr><td>{v.vin}</td><td>{v.plate ?? '—'}</td><td>{v.vehicleType ?? '—'}</td><td>{v.color ?? '—'}</td><td>{formatTime(v.firstSeen)}</td><td>{formatTime(v.lastSeen)}</td></tr>)}</tbody>
        </table>
      ) : null}
    </>
  );
}

async function searchPage(c: WebContext, deps: ApiDeps, user: Parameters<typeof viewerOf>[1]): Promise<Response> {
  const q = c.req.query('q') ?? '';
  const kind = c.req.query('kind') ?? '';
  const viewer = viewerOf(c, user);
  const result = q.trim() === '' ? null : await searchPeople(deps.ctx.db, viewer, { q, ...(kind ? { kind } : {}) });
  const error: AppError | null = result && !result.ok ? result.error : null;
  return renderPage(c, {
    title: '调查', user,
    shortcuts: [['/', '输入查询'], ['j / k', '下一人 / 上一人']],
    children: (
      <>
        <SearchForm q={q} kind={kind} unmask={viewer.unmask} />
        <p class="actions"><a href="/investigate/suspects">黄牛嫌疑人名单</a><a href="/investigate/rings">团伙</a><a href="/investigate/handlers">串通经办人</a></p>
        {result === null ? <EmptyState>输入身份证号、姓名（或拼音）、电话、地址（或其中一段）、号牌、车辆识别代号或经办人编号开始查询。每次查询均记入审计。</EmptyState> : null}
        {error ? <Notice kind="error" problems={error.problems}>{error.detail}</Notice> : null}
        {result?.ok ? (
          <section aria-label="查询结果" id="search-results">
            <UnmaskToggle c={c} unmasked={viewer.unmask} />
            <p>按{KIND_NAMES[result.value.kind] ?? result.value.kind}查询。</p>
            {result.value.keysPending ? <Notice kind="info">批量导入后的姓名、地址索引仍在建立，本次结果可能不全，请稍后再查。</Notice> : null}
            <Persons result={result.value} unmask={viewer.unmask} />
            <Others result={result.value} />
          </section>
        ) : null}
      </>
    ),
  }, error ? statusOf(error) : 200);
}

/** GET /investigate?q= — search by ID, name (or its pinyin), phone, address (or a part), plate, VIN or handler (INVESTIGATOR; every search audited). */
export function registerInvestigateSearch(app: ApiApp, deps: ApiDeps): void {
  webPage(app, deps, { method: 'GET', path: '/investigate', access: INVESTIGATION_ROLES }, (c, user) => searchPage(c, deps, user));
}
