/**
 * The fields of the draft editor: their names, Chinese labels and ids, the values they show, and
 * how a submitted form becomes overrides of the draft. Every number is read here, so an empty or
 * non-numeric field is named at once in plain Chinese; what differs from the draft goes to
 * updateDraft, which merges it and validates the whole (ranges, the dual-review band).
 */
import type { FieldProblem } from '../../../platform/errors.ts';
import { RISK_POINTS } from '../../../risk/points/index.ts';
import type { PointConfig, RuleSetConfig } from '../../../risk/rule-set.ts';
import { textField, type FormData } from '../../http/forms.ts';

export const THRESHOLD_FIELDS = ['alertThreshold', 'dualReviewThreshold'] as const;
type Threshold = (typeof THRESHOLD_FIELDS)[number];

export const THRESHOLD_NAMES: Readonly<Record<Threshold, string>> = { alertThreshold: '预警阈值', dualReviewThreshold: '双重审核阈值' };

/** The points' parameters in Chinese (a key missing here is shown as it is). */
export const PARAM_NAMES: Readonly<Record<string, string>> = {
  withinMinutes: '时间窗（分钟）', minDistanceKm: '最小距离（公里）', minCount: '最少笔数', windowDays: '统计窗口（天）',
  minApplicants: '最少申请人数', minSurnames: '最少姓氏数', minTransactions: '最少业务笔数', minSharePercent: '最低占比（%）',
  withinDays: '期限（天）', minConfidence: '最低置信度（0–1）', maxHammingDistance: '最大汉明距离', minWidth: '最小宽度（像素）',
  minHeight: '最小高度（像素）', beforeAcceptedHours: '受理前（小时）', afterCompletedMinutes: '办结后（分钟）', maxSpreadHours: '最大时间跨度（小时）',
  maxDistanceKm: '最大距离（公里）',
};

const POINT_CODES = new Set(RISK_POINTS.map((p) => p.code));
const pointOf = (config: RuleSetConfig, code: string): PointConfig => config.points[code as keyof RuleSetConfig['points']];
const isThreshold = (field: string): field is Threshold => (THRESHOLD_FIELDS as readonly string[]).includes(field);

/** Form field (`alertThreshold`, `R16.weight`, `R16.params.windowDays`, `note`) → the path a use case names its problem by. */
export function problemPath(field: string): string {
  if (field === 'note') return 'note';
  return isThreshold(field) ? `config.${field}` : `config.points.${field}`;
}

/** The reverse: which field a problem is about, or null when it names none of the form's fields. */
export function fieldOfPath(path: string): string | null {
  if (path === 'note') return 'note';
  const field = path.replace(/^config\.(points\.)?/, '');
  return isThreshold(field) || POINT_CODES.has(field.split('.')[0] ?? '') ? field : null;
}

/** The id of a field's input (and `-error` of its message). */
export function fieldId(field: string): string {
  return `f-${field.replace(/\./g, '-')}`;
}

/** A field's name in Chinese, for the error summary at the top of the form. */
export function fieldLabel(field: string): string {
  if (field === 'note') return '修改说明';
  if (isThreshold(field)) return THRESHOLD_NAMES[field];
  const [code, part, key] = field.split('.');
  const point = RISK_POINTS.find((p) => p.code === code);
  const name = point ? `${point.code} ${point.nameZh}` : String(code);
  if (part === 'weight') return `${name} 权重`;
  if (part === 'enabled') return `${name} 启用`;
  return `${name} ${PARAM_NAMES[key ?? ''] ?? key ?? '参数'}`;
}

/** What the form shows: the stored configuration, or what was typed when it comes back refused. */
export interface FieldValues {
  text(field: string): string;
  checked(field: string): boolean;
}

export function valuesOfConfig(config: RuleSetConfig): FieldValues {
  const value = (field: string): unknown => {
    if (isThreshold(field)) return config[field];
    const [code, part, key] = field.split('.');
    const point = pointOf(config, code ?? '');
    if (!point) return undefined;
    return part === 'params' ? point.params[key ?? ''] : point[part as 'weight' | 'enabled'];
  };
  return { text: (field) => String(value(field) ?? ''), checked: (field) => value(field) === true };
}

export function valuesOfForm(form: FormData): FieldValues {
  return { text: (field) => textField(form, field), checked: (field) => textField(form, field) === 'on' };
}

/** Every numeric field of the form, with whether it must be a whole number. */
export function numericFields(config: RuleSetConfig): Array<{ field: string; integer: boolean }> {
  const points = RISK_POINTS.flatMap((p) => [
    { field: `${p.code}.weight`, integer: true },
    ...Object.keys(pointOf(config, p.code).params).map((key) => ({ field: `${p.code}.params.${key}`, integer: false })),
  ]);
  return [...THRESHOLD_FIELDS.map((field) => ({ field, integer: true })), ...points];
}

function readNumber(form: FormData, field: string, integer: boolean): { value: number } | { problem: string } {
  const text = textField(form, field);
  if (text === '') return { problem: '须填写 (required)' };
  const value = Number(text);
  if (!Number.isFinite(value)) return { problem: '须为数字 (must be a number)' };
  if (integer && !Number.isInteger(value)) return { problem: '须为整数 (must be a whole number)' };
  return { value };
}

type PointOverride = { enabled?: boolean; weight?: number; params?: Record<string, number> };
export type Overrides = { alertThreshold?: number; dualReviewThreshold?: number; points?: Record<string, PointOverride> };

export interface DraftChanges {
  /** Only what differs from the draft (updateDraft merges it onto the draft). */
  readonly overrides: Overrides;
  /** Fields that are not numbers at all, by the path the use case would use. */
  readonly problems: FieldProblem[];
  readonly changed: boolean;
}

function setPointChange(points: Record<string, PointOverride>, field: string, value: number | boolean): void {
  const [code = '', part, key] = field.split('.');
  const change = (points[code] ??= {});
  if (part === 'params') change.params = { ...change.params, [key ?? '']: value as number };
  else if (part === 'weight') change.weight = value as number;
  else change.enabled = value as boolean;
}

/** The overrides this form asks for relative to `base` (the draft as stored), and its unreadable fields. */
export function draftChanges(form: FormData, base: RuleSetConfig): DraftChanges {
  const stored = valuesOfConfig(base);
  const overrides: Overrides = {};
  const points: Record<string, PointOverride> = {};
  const problems: FieldProblem[] = [];
  for (const { field, integer } of numericFields(base)) {
    const read = readNumber(form, field, integer);
    if ('problem' in read) problems.push({ path: problemPath(field), message: read.problem });
    else if (String(read.value) !== stored.text(field)) {
      if (isThreshold(field)) overrides[field] = read.value;
      else setPointChange(points, field, read.value);
    }
  }
  for (const p of RISK_POINTS) {
    const enabled = textField(form, `${p.code}.enabled`) === 'on';
    if (enabled !== pointOf(base, p.code).enabled) setPointChange(points, `${p.code}.enabled`, enabled);
  }
  if (Object.keys(points).length > 0) overrides.points = points;
  return { overrides, problems, changed: Object.keys(overrides).length > 0 };
}
