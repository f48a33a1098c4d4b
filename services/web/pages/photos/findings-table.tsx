/** What the record says beside what the models read, row by row, with a match mark. */
import { normalisePlate, normaliseVin, PHOTO_KIND_NAMES, type PhotoKind } from '../../../domain/index.ts';
import type { StoredFindings } from '../../../photos/pipeline/index.ts';
import type { PhotoCase } from '../../../review/photo-queue/index.ts';
import { COLOR_NAMES } from '../../../risk/labels.ts';
import { Badge } from '../../layout/components.tsx';
import { formatTime } from '../../layout/format.ts';

type Row = readonly [label: string, record: string | null, read: string | null, same: boolean | null];

const conf = (c: number) => `（置信度 ${c.toFixed(2)}）`;
const colour = (c: string | null | undefined) => (c ? `${COLOR_NAMES[c as keyof typeof COLOR_NAMES] ?? c}色` : null);

const PLATE_KINDS: readonly string[] = ['LEFT_FRONT_45', 'RIGHT_REAR_45'];
const VIN_KINDS: readonly string[] = ['VIN_STAMP', 'VIN_RUBBING', 'NAMEPLATE'];

function rows(kind: string, f: StoredFindings | null, record: PhotoCase['record']): Row[] {
  const out: Row[] = [];
  const readPlate = f?.plate ? `${f.plate.text}${conf(f.plate.confidence)}` : null;
  // A row where this kind of photo shows the item, or where the models read one anyway.
  if ((PLATE_KINDS.includes(kind) && record.plate) || f?.plate) out.push(['号牌', record.plate, readPlate, f?.plate && record.plate ? normalisePlate(f.plate.text) === normalisePlate(record.plate) : null]);
  if ((VIN_KINDS.includes(kind) && record.vin) || f?.vin) out.push(['车辆识别代号', record.vin, f?.vin ? `${f.vin.text}${conf(f.vin.confidence)}` : null, f?.vin && record.vin ? normaliseVin(f.vin.text) === normaliseVin(record.vin) : null]);
  if (f?.color) out.push(['车身颜色', colour(record.color), `${colour(f.color.value)}${conf(f.color.confidence)}`, record.color ? f.color.value === record.color : null]);
  if (f?.predictedKind) {
    out.push(['照片类型', PHOTO_KIND_NAMES[kind as PhotoKind] ?? kind, `${PHOTO_KIND_NAMES[f.predictedKind.kind] ?? f.predictedKind.kind}${conf(f.predictedKind.confidence)}`, f.predictedKind.kind === kind]);
  }
  return out;
}

function Mark(props: { same: boolean | null }) {
  if (props.same === null) return <span class="muted">—</span>;
  return props.same ? <Badge tone="ok">一致</Badge> : <Badge tone="bad">不一致</Badge>;
}

export function FindingsTable(props: { kind: string; findings: StoredFindings | null; record: PhotoCase['record'] }) {
  const f = props.findings;
  const compared = rows(props.kind, f, props.record);
  return (
    <>
      <table class="compact">
        <caption>登记信息与识别结果</caption>
        <thead><tr><th>项目</th><th>登记</th><th>照片识别</th><th>比对</th></tr></thead>
        <tbody>
          {compared.map(([label, record, read, same]) => <tr><th scope="row">{label}</th><td>{record ?? '—'}</td><td>{read ?? '未识别'}</td><td><Mark same={same} /></td></tr>)}
          {compared.length === 0 ? <tr><td colspan={4} class="muted">此类照片无号牌、车辆识别代号可比对。</td></tr> : null}
        </tbody>
      </table>
      <ul class="plain findings-facts">
        <li>人员：{f?.persons === null || f?.persons === undefined ? '未检测' : `${f.persons} 人`}</li>
        <li>尺寸与质量：{f?.quality ? `${f.quality.width}×${f.quality.height}，清晰度 ${f.quality.blur?.toFixed(2) ?? '—'}，曝光 ${f.quality.exposure?.toFixed(2) ?? '—'}` : '—'}</li>
        <li>拍摄时间（EXIF）：{formatTime(f?.detail?.exif?.takenAt ?? null)}</li>
        {f?.detail?.problem ? <li>问题：{f.detail.problem}</li> : null}
      </ul>
    </>
  );
}
