import type { ApiApp, ApiDeps } from '../../../api/types.ts';
import { BUSINESS_TYPES, PHOTO_KIND_NAMES, PHOTO_KINDS, type PhotoKind } from '../../../domain/index.ts';
import { listPhotoQueue, photoQueueQuery, photoReviewStats, type PhotoQueue } from '../../../review/photo-queue/index.ts';
import { webPage } from '../../http/page.ts';
import { renderPage } from '../../http/render.tsx';
import { EmptyState, Facts, Notice, StationName } from '../../layout/components.tsx';
import { formatTime, typeName } from '../../layout/format.ts';
import { SlaBadge } from '../alerts/badges.tsx';
import { stationNames, stationOptions, type Option } from '../lookups.ts';
import { PHOTO_REVIEWERS } from './access.ts';

function Select(props: { name: string; label: string; value: string; options: readonly Option[] }) {
  return (
    <label>{props.label}
      <select name={props.name}><option value="">全部</option>{props.options.map((o) => <option value={o.value} selected={o.value === props.value}>{o.label}</option>)}</select>
    </label>
  );
}

function QueueTable(props: { queue: PhotoQueue; stations: ReadonlyMap<string, string> }) {
  if (props.queue.items.length === 0) return <EmptyState>队列已清空：没有等待人工审核的照片。</EmptyState>;
  return (
    <table data-keyboard-list>
      <caption class="sr-only">待审核照片（按时限排序）</caption>
      <thead><tr><th>业务</th><th>照片</th><th>业务类型</th><th>站点</th><th>模型提出的问题</th><th>时限</th></tr></thead>
      <tbody>
        {props.queue.items.map((q) => (
          <tr>
            <td class="nowrap"><a href={`/photos/${encodeURIComponent(q.transactionId)}?photo=${q.photoId}`}>{q.transactionId}</a></td>
            <td>#{q.position + 1} {PHOTO_KIND_NAMES[q.kind as PhotoKind] ?? q.kind}</td>
            <td>{typeName(q.type)}</td><td><StationName code={q.stationCode} names={props.stations} /></td>
            <td>{q.reasons.join('；')}</td>
            <td><SlaBadge state={q.slaState} /><br /><small class="nowrap">截止 {formatTime(q.dueAt)}</small></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const DONE: Readonly<Record<string, string>> = { PASS: '已判定通过。', FAIL: '已判定不通过。' };

/** GET /photos — the photo review queue with counts and SLA, filters, today's automation figures. */
export function registerPhotoQueue(app: ApiApp, deps: ApiDeps): void {
  webPage(app, deps, { method: 'GET', path: '/photos', access: PHOTO_REVIEWERS }, async (c, user) => {
    const query = new URL(c.req.url).searchParams;
    const parsed = photoQueueQuery.safeParse({ station: query.get('station') || undefined, type: query.get('type') || undefined, kind: query.get('kind') || undefined });
    const filter = parsed.success ? parsed.data : photoQueueQuery.parse({});
    const now = new Date();
    const [queue, stations, stats] = await Promise.all([
      listPhotoQueue(deps.ctx.db, filter, now), stationOptions(deps.ctx.db), photoReviewStats(deps.ctx.db, new Date(now.getTime() - 86_400_000), now),
    ]);
    const first = queue.items[0];
    const done = DONE[query.get('done') ?? ''];
    return renderPage(c, {
      title: '照片审核', user,
      shortcuts: [['j / k', '下一条 / 上一条'], ['Enter', '打开']],
      children: (
        <>
          {done ? <Notice kind="ok">{done} 队列中已没有其他待审核的照片。</Notice> : null}
          {!parsed.success ? <Notice kind="error">筛选条件不合规，已忽略。</Notice> : null}
          <Facts items={[
            ['等待审核', <strong>{queue.counts.waiting}</strong>], ['临近超时', String(queue.counts.nearBreach)], ['已超时', String(queue.counts.breached)],
            ['近 24 小时自动判定率', stats.automationRate === null ? '—' : `${(stats.automationRate * 100).toFixed(1)}%`],
            ['近 24 小时人工审核', `${stats.reviewed} 张（按时 ${stats.reviewedOnTime}）`],
          ]} />
          <div class="actions">{first ? <a class="button primary" href={`/photos/${encodeURIComponent(first.transactionId)}?photo=${first.photoId}`}>开始审核（最紧急的一笔）</a> : null}</div>
          <form method="get" action="/photos" class="filters" role="search" aria-label="筛选照片">
            <Select name="station" label="站点" value={query.get('station') ?? ''} options={stations} />
            <Select name="type" label="业务类型" value={query.get('type') ?? ''} options={BUSINESS_TYPES.map((t) => ({ value: t.code, label: t.name }))} />
            <Select name="kind" label="照片类型" value={query.get('kind') ?? ''} options={PHOTO_KINDS.map((k) => ({ value: k, label: PHOTO_KIND_NAMES[k] }))} />
            <button type="submit" data-shortcut-focus>筛选</button>
          </form>
          <QueueTable queue={queue} stations={stationNames(stations)} />
        </>
      ),
    });
  });
}
