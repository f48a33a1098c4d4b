import type { ApiApp, ApiDeps } from '../../../api/types.ts';
import type { AppError } from '../../../platform/errors.ts';
import { getPhotoCase, listPhotoQueue, photoQueueQuery, type PhotoCase } from '../../../review/photo-queue/index.ts';
import { COLOR_NAMES } from '../../../risk/labels.ts';
import { pathParam } from '../../http/forms.ts';
import { webPage } from '../../http/page.ts';
import { renderErrorPage, renderPage, statusOf } from '../../http/render.tsx';
import type { SignedIn, WebContext } from '../../http/types.ts';
import { EmptyState, Facts, Notice } from '../../layout/components.tsx';
import { typeName, withName } from '../../layout/format.ts';
import { referenceNames, type ReferenceNames } from '../lookups.ts';
import { PHOTO_READERS } from './access.ts';
import { PhotoCard } from './photo-card.tsx';

const DONE: Readonly<Record<string, string>> = { PASS: '上一张照片已判定通过。', FAIL: '上一张照片已判定不通过。' };

const CHECK_NAMES: Readonly<Record<string, string>> = { PENDING: '照片检测进行中', DONE: '照片检测已完成', NONE: '无照片', NOT_REQUIRED: '无需照片' };

/** The next transaction in the queue after this one (the page's "next" link and where a decision leads). */
export async function nextQueuedTransaction(deps: ApiDeps, after: string): Promise<string | null> {
  const queue = await listPhotoQueue(deps.ctx.db, photoQueueQuery.parse({ limit: 20 }));
  return queue.items.find((q) => q.transactionId !== after)?.transactionId ?? null;
}

function CaseFacts(props: { pc: PhotoCase; names: ReferenceNames }) {
  const { pc, names } = props;
  return (
    <Facts items={[
      ['业务流水号', <a href={`/transactions/${encodeURIComponent(pc.transactionId)}`}>{pc.transactionId}</a>], ['业务类型', typeName(pc.type)],
      ['站点', withName(pc.stationCode, names.stations)], ['经办人', withName(pc.handlerId, names.handlers)],
      ['登记号牌', pc.record.plate], ['登记车辆识别代号', pc.record.vin], ['登记车身颜色', pc.record.color ? `${COLOR_NAMES[pc.record.color as keyof typeof COLOR_NAMES] ?? pc.record.color}色` : null],
      ['检测状态', pc.photoChecks ? CHECK_NAMES[pc.photoChecks] ?? pc.photoChecks : '—'],
    ]} />
  );
}

/** The case page; re-rendered with the refusal (and the rule) when a decision is refused. */
export async function renderPhotoCase(c: WebContext, deps: ApiDeps, user: SignedIn, transactionId: string, error?: AppError): Promise<Response> {
  const [found, next] = await Promise.all([getPhotoCase(deps.ctx.db, transactionId), nextQueuedTransaction(deps, transactionId)]);
  if (!found.ok) return renderErrorPage(c, user, found.error);
  const pc = found.value;
  const names = await referenceNames(deps.ctx.db, { stations: [pc.stationCode], handlers: pc.handlerId ? [pc.handlerId] : [] });
  const wanted = c.req.query('photo');
  const firstOpen = pc.photos.find((p) => p.verdict === 'REVIEW' && p.review === null);
  const current = pc.photos.find((p) => p.photoId === wanted) ?? firstOpen ?? pc.photos[0];
  const done = DONE[c.req.query('done') ?? ''];
  return renderPage(c, {
    title: `照片审核 · ${pc.transactionId}`, user, scripts: ['photo-review.js'],
    shortcuts: [['j / k', '下一张 / 上一张照片'], ['p', '通过'], ['f', '不通过'], ['z', '放大 / 还原'], ['n', '下一笔业务']],
    children: (
      <>
        {done ? <Notice kind="ok">{done}</Notice> : null}
        {error ? <Notice kind="error" problems={error.problems}>{error.detail}{error.extensions?.rule ? <>（规则 <code>{String(error.extensions.rule)}</code>）</> : null}</Notice> : null}
        <p class="actions"><a href="/photos">← 返回队列</a>{next ? <a href={`/photos/${encodeURIComponent(next)}`} data-next-case>下一笔业务 <kbd>n</kbd></a> : <span class="muted">队列中没有其他业务</span>}</p>
        <CaseFacts pc={pc} names={names} />
        {pc.photos.length === 0 ? <EmptyState>此业务没有查验照片。</EmptyState> : (
          <div class="photo-cards" data-photo-review>
            {pc.photos.map((p) => <PhotoCard photo={p} case={pc} user={user} current={p === current} />)}
          </div>
        )}
      </>
    ),
  }, error ? statusOf(error) : 200);
}

/** GET /photos/:transactionId — one transaction's photos with the models' findings (reviewers decide; supervisors and investigators look). */
export function registerPhotoCase(app: ApiApp, deps: ApiDeps): void {
  webPage(app, deps, { method: 'GET', path: '/photos/:transactionId', access: PHOTO_READERS }, (c, user) => renderPhotoCase(c, deps, user, pathParam(c, 'transactionId')));
}
