/**
 * The automatic verdict on one photo: PASS when the models are sure it shows what the record
 * says, FAIL when they are sure it does not (or it is no photo at all), REVIEW when a person must
 * look, by the thresholds of the verdict policy (per kind). Reasons are for the reviewer, in Chinese.
 */
import { normalisePlate, normaliseVin, PHOTO_KIND_NAMES, type PhotoKind, type VehicleColor } from '../../domain/index.ts';
import { COLOR_NAMES } from '../../risk/labels.ts';
import type { PhotoFindings } from '../../risk/photo-findings.ts';
import { DEFAULT_VERDICT_POLICY, thresholdsFor, type VerdictPolicy, type VerdictThresholds } from './verdict-policy.ts';

export type PhotoVerdict = 'PASS' | 'FAIL' | 'REVIEW';

export interface RecordFacts {
  readonly plate: string | null;
  readonly vin: string | null;
  readonly color: VehicleColor | null;
}

export interface Judgement {
  readonly verdict: PhotoVerdict;
  readonly reasons: string[];
}

const PLATE_KINDS: readonly PhotoKind[] = ['LEFT_FRONT_45', 'RIGHT_REAR_45'];
const VIN_KINDS: readonly PhotoKind[] = ['VIN_STAMP', 'VIN_RUBBING'];

type Finding = { fail?: string; review?: string };

function plateFinding(f: PhotoFindings, record: RecordFacts, p: VerdictThresholds): Finding {
  if (!PLATE_KINDS.includes(f.kind) || record.plate === null) return {};
  if (f.plate === null || f.plate.confidence < p.sureReading) return { review: `号牌未能可靠识别${f.plate ? `(读出${f.plate.value}，置信度${f.plate.confidence.toFixed(2)})` : ''}` };
  if (normalisePlate(f.plate.value) !== normalisePlate(record.plate)) return { fail: `照片号牌${f.plate.value}与登记号牌${record.plate}不一致` };
  return {};
}

function vinFinding(f: PhotoFindings, record: RecordFacts, p: VerdictThresholds): Finding {
  if (!VIN_KINDS.includes(f.kind) || record.vin === null) return {};
  if (f.vin === null || f.vin.confidence < p.sureReading) return { review: `车辆识别代号未能可靠识别${f.vin ? `(读出${f.vin.value}，置信度${f.vin.confidence.toFixed(2)})` : ''}` };
  if (normaliseVin(f.vin.value) !== normaliseVin(record.vin)) return { fail: `照片车辆识别代号${f.vin.value}与登记${record.vin}不一致` };
  return {};
}

function contentFindings(f: PhotoFindings, record: RecordFacts, p: VerdictThresholds): Finding[] {
  const out: Finding[] = [plateFinding(f, record, p), vinFinding(f, record, p)];
  const q = f.quality;
  if (q && (q.width < p.minWidth || q.height < p.minHeight)) out.push({ fail: `分辨率${q.width}×${q.height}低于${p.minWidth}×${p.minHeight}` });
  if (q?.bounds && q.blur !== null && (q.blur < q.bounds.blur.min || q.blur > q.bounds.blur.max)) out.push({ fail: `清晰度${q.blur.toFixed(2)}超出该类照片标准` });
  if (q?.bounds && q.exposure !== null && (q.exposure < q.bounds.exposure.min || q.exposure > q.bounds.exposure.max)) out.push({ fail: `曝光${q.exposure.toFixed(2)}超出该类照片标准` });
  if (f.predictedKind && f.predictedKind.value !== f.kind && f.predictedKind.confidence >= p.sureClass) {
    out.push({ review: `照片内容像是${PHOTO_KIND_NAMES[f.predictedKind.value]}，申报为${PHOTO_KIND_NAMES[f.kind]}` });
  }
  if (f.kind === 'INSPECTOR_WITH_VEHICLE') {
    const seen = (f.persons ?? []).some((x) => x.confidence >= p.personConfidence);
    if (!seen) out.push({ review: f.persons === null ? '未能检测查验员是否出镜' : '未检出查验员' });
  }
  if (f.kind === 'LEFT_FRONT_45' && record.color !== null && f.color && f.color.value !== record.color && f.color.confidence >= p.sureClass) {
    out.push({ review: `车身颜色像是${COLOR_NAMES[f.color.value]}色，登记为${COLOR_NAMES[record.color]}色` });
  }
  return out;
}

function reuseFindings(f: PhotoFindings, record: RecordFacts): Finding[] {
  const vin = normaliseVin(record.vin);
  return (f.nearDuplicates ?? [])
    .filter((m) => vin === null || m.otherVin === null || normaliseVin(m.otherVin) !== vin)
    .map((m) => (m.sameSha256
      ? { fail: `与业务${m.otherTransactionId}的照片完全相同` }
      : { review: `与业务${m.otherTransactionId}的照片高度相似(汉明距离${m.distance})` }));
}

/** `problem`: why the bytes are not a photo (missing, undecodable); null for a decoded one. */
export function judgePhoto(f: PhotoFindings, record: RecordFacts, problem: string | null, policy: VerdictPolicy = DEFAULT_VERDICT_POLICY): Judgement {
  if (!f.decodable) return { verdict: 'FAIL', reasons: [problem ?? '照片无法解码'] };
  const findings = [...contentFindings(f, record, thresholdsFor(policy, f.kind)), ...reuseFindings(f, record)];
  const fails = findings.flatMap((x) => (x.fail ? [x.fail] : []));
  const reviews = findings.flatMap((x) => (x.review ? [x.review] : []));
  if (fails.length > 0) return { verdict: 'FAIL', reasons: [...fails, ...reviews] };
  if (reviews.length > 0) return { verdict: 'REVIEW', reasons: reviews };
  return { verdict: 'PASS', reasons: [] };
}
