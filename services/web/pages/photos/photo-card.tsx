import { PHOTO_KIND_NAMES, type PhotoKind } from '../../../domain/index.ts';
import type { CasePhoto, PhotoCase } from '../../../review/photo-queue/index.ts';
import type { SignedIn } from '../../http/types.ts';
import { Badge, CsrfField, type Tone } from '../../layout/components.tsx';
import { formatTime } from '../../layout/format.ts';
import { FindingsTable } from './findings-table.tsx';
import { PhotoWithFindings } from './overlay.tsx';

const VERDICT_NAMES: Readonly<Record<string, string>> = { PASS: '通过', FAIL: '不通过', REVIEW: '待人工审核' };
const VERDICT_TONES: Readonly<Record<string, Tone>> = { PASS: 'ok', FAIL: 'bad', REVIEW: 'warn' };

export const PASS_REASONS = ['照片清晰，与登记信息一致', '人工核对号牌、车辆识别代号无误', '查验员在场，已核实'] as const;
export const FAIL_REASONS = ['照片与登记信息不符', '照片模糊或不完整，无法核实', '疑似重复使用其他业务的照片', '查验员未出镜'] as const;

export function VerdictBadge(props: { verdict: string | null }) {
  if (!props.verdict) return <Badge tone="neutral">未检测</Badge>;
  return <Badge tone={VERDICT_TONES[props.verdict] ?? 'neutral'}>{VERDICT_NAMES[props.verdict] ?? props.verdict}</Badge>;
}

const blob = (sha: string) => `/api/v1/blobs/${sha}`;

function Reuse(props: { photo: CasePhoto }) {
  const p = props.photo;
  if (p.reuse.length === 0 || !p.sha256) return null;
  return (
    <section class="reuse" aria-label="相似照片对比">
      <h4>相似照片（疑似重复使用）</h4>
      {p.reuse.map((r) => (
        <div class="side-by-side">
          <figure><img src={blob(p.sha256!)} alt="本业务照片" /><figcaption>本业务</figcaption></figure>
          <figure>{r.otherSha256 ? <img src={blob(r.otherSha256)} alt={`业务 ${r.otherTransactionId} 的照片`} /> : <div class="photo-missing">无图像</div>}
            <figcaption><a href={`/photos/${encodeURIComponent(r.otherTransactionId)}`}>业务 {r.otherTransactionId}</a>（{r.earlier ? '更早入库' : '更晚入库'}）</figcaption></figure>
          <p>汉明距离 <strong>{r.distance}</strong>{r.sameSha256 ? '，文件完全相同' : ''}</p>
        </div>
      ))}
    </section>
  );
}

function DecisionForm(props: { photo: CasePhoto; transactionId: string; user: SignedIn }) {
  const id = props.photo.photoId;
  return (
    <form method="post" action={`/photos/${encodeURIComponent(props.transactionId)}/${id}/decide`} class="photo-decision" aria-label={`审核照片 ${id}`}>
      <CsrfField user={props.user} />
      <label>通过理由<select name="passReason">{PASS_REASONS.map((r) => <option>{r}</option>)}</select></label>
      <label>不通过理由<select name="failReason">{FAIL_REASONS.map((r) => <option>{r}</option>)}</select></label>
      <label>补充说明（可空，填写后作为理由）<input name="note" maxlength={2000} /></label>
      <div class="actions">
        <button type="submit" name="verdict" value="PASS" class="primary" data-key="p">通过 <kbd>p</kbd></button>
        <button type="submit" name="verdict" value="FAIL" class="danger" data-key="f">不通过 <kbd>f</kbd></button>
      </div>
    </form>
  );
}

/** One photo: the image with the findings drawn, record vs read, verdict and reasons, reuse, and the decision. */
export function PhotoCard(props: { photo: CasePhoto; case: PhotoCase; user: SignedIn; current: boolean }) {
  const { photo, user } = props;
  const kind = PHOTO_KIND_NAMES[photo.kind as PhotoKind] ?? photo.kind;
  const decidable = photo.verdict === 'REVIEW' && photo.review === null && user.roles.includes('REVIEWER');
  return (
    <article class={`photo-card${props.current ? ' current' : ''}`} data-photo-card data-photo-id={photo.photoId} data-decidable={decidable ? 'true' : 'false'}
      tabindex={-1} aria-labelledby={`photo-${photo.photoId}-title`}>
      <h3 id={`photo-${photo.photoId}-title`}>#{photo.position + 1} {kind} <VerdictBadge verdict={photo.verdict} />
        {photo.autoVerdict && photo.autoVerdict !== photo.verdict ? <small class="muted"> 模型结论：{VERDICT_NAMES[photo.autoVerdict] ?? photo.autoVerdict}</small> : null}
        {photo.reviewDueAt && decidable ? <small> 审核时限 {formatTime(photo.reviewDueAt)}</small> : null}
      </h3>
      <div class="two-col">
        <div>{photo.state === 'STORED' && photo.sha256
          ? <PhotoWithFindings src={blob(photo.sha256)} alt={`${kind}照片`} findings={photo.findings} />
          : <div class="photo-missing">{photo.state === 'MISSING' ? '照片缺失' : '照片无法解码'}</div>}</div>
        <div>
          {photo.reasons.length > 0 ? <ul class="reasons">{photo.reasons.map((r) => <li>{r}</li>)}</ul> : <p class="muted">模型未提出问题。</p>}
          <FindingsTable kind={photo.kind} findings={photo.findings} record={props.case.record} />
          {photo.review ? <p role="status">已由 {photo.review.reviewer} 判定<strong>{VERDICT_NAMES[photo.review.verdict] ?? photo.review.verdict}</strong>（{formatTime(photo.review.decidedAt)}），理由：{photo.review.reason}</p> : null}
          {decidable ? <DecisionForm photo={photo} transactionId={props.case.transactionId} user={user} /> : null}
        </div>
      </div>
      <Reuse photo={photo} />
    </article>
  );
}
