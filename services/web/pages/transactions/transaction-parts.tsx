/**
 * A transaction as staff read it: who, what, where, the materials and the photos. Rendered from
 * the stored document (already masked or not by the caller) and the photo rows (their state and
 * the models' verdict), so a missing photo shows as missing instead of a broken image.
 */
import { PHOTO_KIND_NAMES, type PhotoKind } from '../../../domain/index.ts';
import type { Database } from '../../../platform/db.ts';
import { COLOR_NAMES, MATERIAL_NAMES } from '../../../risk/labels.ts';
import { Badge, EmptyState, Facts, type Tone } from '../../layout/components.tsx';
import { CHANNEL_NAMES, formatTime, named, TRANSACTION_STATUS_NAMES, typeName, withName } from '../../layout/format.ts';
import { NO_NAMES, type ReferenceNames } from '../lookups.ts';

type Doc = Record<string, unknown>;

export interface PhotoRow {
  readonly position: number;
  readonly kind: string;
  readonly sha256: string | null;
  readonly state: string;
  readonly verdict: string | null;
}

/** The photo rows of a transaction, with the current verdict where the checks have run. */
export async function photoRows(db: Database, transactionId: string): Promise<PhotoRow[]> {
  const rows = await db.prisma.photo.findMany({ where: { transactionId }, orderBy: { position: 'asc' }, include: { finding: { select: { verdict: true } } } });
  return rows.map((p) => ({ position: p.position, kind: p.kind, sha256: p.sha256, state: p.state, verdict: p.finding?.verdict ?? null }));
}

const obj = (v: unknown): Doc | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Doc) : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null);

const IDENTITY_CHECK_NAMES: Readonly<Record<string, string>> = { PASSED: '核验通过', FAILED: '核验失败', NOT_DONE: '未核验' };
const VERDICT_TONES: Readonly<Record<string, Tone>> = { PASS: 'ok', FAIL: 'bad', REVIEW: 'warn' };
const VERDICT_NAMES: Readonly<Record<string, string>> = { PASS: '通过', FAIL: '不通过', REVIEW: '待人工审核' };

export function PersonFacts(props: { label: string; person: Doc | null }) {
  const p = props.person;
  if (!p) return <p class="muted">{props.label}：无</p>;
  return (
    <>
      <h3>{props.label}</h3>
      <Facts items={[
        ['姓名/名称', str(p.name)], ['身份号码', str(p.idNumber) ?? str(p.orgCode)], ['电话', str(p.phone)], ['地址', str(p.address)],
        ['身份核验', named(IDENTITY_CHECK_NAMES, str(p.identityCheck))], ...(p.orgCode && p.idNumber ? [['所属单位', str(p.orgCode)] as const] : []),
      ]} />
    </>
  );
}

export function TransactionFacts(props: { doc: Doc; names?: ReferenceNames }) {
  const d = props.doc;
  const { stations, handlers } = props.names ?? NO_NAMES;
  const vehicle = obj(d.vehicle);
  const appointment = obj(d.appointment);
  const flags = obj(d.flags);
  return (
    <>
      <Facts items={[
        ['业务流水号', <a href={`/transactions/${encodeURIComponent(String(d.id))}`}>{str(d.id)}</a>], ['版本', str(d.version)],
        ['业务类型', typeName(String(d.type))], ['状态', named(TRANSACTION_STATUS_NAMES, str(d.status))],
        ['受理时间', formatTime(str(d.acceptedAt))], ['办结时间', formatTime(str(d.completedAt))],
        ['站点', withName(str(d.stationCode), stations)], ['渠道', named(CHANNEL_NAMES, str(d.channel))],
        ['经办人', withName(str(d.handlerId), handlers)], ['审批人', withName(str(d.approverId), handlers)], ['工位', str(d.workstationId)],
        ['号牌', str(vehicle?.plate)], ['车辆识别代号', str(vehicle?.vin)],
        ['车身颜色', vehicle?.color ? COLOR_NAMES[vehicle.color as keyof typeof COLOR_NAMES] ?? String(vehicle.color) : null],
        ['预约号', str(appointment?.id)], ['预约电话', str(appointment?.bookerPhone)], ['预约账号', str(appointment?.bookerAccount)],
        ['越权/容缺', [flags?.override ? '越权办理' : null, flags?.tolerance ? `容缺受理（补齐期限 ${formatTime(str(flags.toleranceDueAt))}）` : null].filter(Boolean).join('；') || '无'],
      ]} />
      <div class="two-col">
        <div><PersonFacts label="申请人" person={obj(d.applicant)} /></div>
        <div><PersonFacts label="代办人" person={obj(d.agent)} /></div>
      </div>
    </>
  );
}

export function MaterialList(props: { doc: Doc }) {
  const materials = Array.isArray(props.doc.materials) ? (props.doc.materials as Doc[]) : [];
  if (materials.length === 0) return <EmptyState>没有提交材料。</EmptyState>;
  return (
    <table>
      <caption class="sr-only">材料</caption>
      <thead><tr><th>材料</th><th>有效期至</th><th>对应身份/车辆</th><th>文件</th></tr></thead>
      <tbody>
        {materials.map((m) => (
          <tr>
            <td>{MATERIAL_NAMES[m.kind as keyof typeof MATERIAL_NAMES] ?? String(m.kind)}</td>
            <td>{str(m.validUntil) ?? '—'}</td>
            <td>{str(m.subjectIdNumber) ?? str(m.subjectVin) ?? '—'}</td>
            <td>{m.sha256 ? <a href={`/api/v1/blobs/${m.sha256}`} target="_blank" rel="noopener">查看文件</a> : '未上传'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function PhotoStrip(props: { photos: readonly PhotoRow[]; transactionId: string; reviewLink?: boolean }) {
  if (props.photos.length === 0) return <EmptyState>没有查验照片。</EmptyState>;
  return (
    <div class="photo-grid">
      {props.photos.map((p) => {
        const kind = PHOTO_KIND_NAMES[p.kind as PhotoKind] ?? p.kind;
        return (
          <figure>
            {p.state === 'STORED' && p.sha256
              ? <a href={`/api/v1/blobs/${p.sha256}`} target="_blank" rel="noopener"><img src={`/api/v1/blobs/${p.sha256}`} alt={`${kind}照片`} loading="lazy" /></a>
              : <div class="photo-missing">{p.state === 'MISSING' ? '照片缺失' : '照片无法解码'}</div>}
            <figcaption>
              {kind}{' '}
              {p.verdict ? <Badge tone={VERDICT_TONES[p.verdict] ?? 'neutral'}>{VERDICT_NAMES[p.verdict] ?? p.verdict}</Badge> : <small class="muted">未检测</small>}
            </figcaption>
          </figure>
        );
      })}
    </div>
  );
}
