/**
 * The backtest's time range on acceptedAt, [from, to). A bare date is a local date of the
 * office (Asia/Shanghai), since that is how staff think of "March"; a time must carry its
 * offset, because a time without one is ambiguous between the server's zone and the office's.
 */
import { DEFAULT_TIMEZONE, startOfLocalDate } from '../../domain/index.ts';
import { fail, ok, type FieldProblem, type Result } from '../../platform/errors.ts';

export interface BacktestRange {
  /** Inclusive. A Date, an ISO 8601 instant with offset, or a local date YYYY-MM-DD. */
  readonly from?: Date | string | null;
  /** Exclusive; same forms. */
  readonly to?: Date | string | null;
}

export interface Bounds {
  readonly from: Date | null;
  readonly to: Date | null;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:?\d{2})$/i;

function parseBound(value: Date | string | null | undefined, path: string, problems: FieldProblem[]): Date | null {
  if (value === undefined || value === null || value === '') return null;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) problems.push({ path, message: '无效时间 (invalid date)' });
    return value;
  }
  const text = String(value).trim();
  const parsed = DATE_ONLY.test(text) ? startOfLocalDate(text, DEFAULT_TIMEZONE) : WITH_OFFSET.test(text) ? new Date(text) : null;
  if (parsed === null || Number.isNaN(parsed.getTime())) {
    problems.push({ path, message: '须为带时区的 ISO 8601 时间或日期 YYYY-MM-DD (ISO 8601 instant with offset, or YYYY-MM-DD)' });
    return null;
  }
  return parsed;
}

export function parseRange(range: BacktestRange): Result<Bounds> {
  const problems: FieldProblem[] = [];
  const from = parseBound(range.from, 'from', problems);
  const to = parseBound(range.to, 'to', problems);
  if (problems.length === 0 && from && to && from.getTime() >= to.getTime()) problems.push({ path: 'to', message: '结束时间须晚于开始时间 (to must be after from)' });
  return problems.length > 0 ? fail('VALIDATION_FAILED', '回测区间不合规 (invalid backtest range)', { problems }) : ok({ from, to });
}
