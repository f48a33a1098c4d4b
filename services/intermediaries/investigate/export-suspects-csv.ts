/**
 * The suspects as CSV (use case), best first, with the list's filters: UTF-8 with a BOM so
 * that spreadsheet software reads the Chinese, masked unless the viewer asked for it whole,
 * cells that a spreadsheet would run as a formula defused. An audited export.
 */
import type { Database } from '../../platform/db.ts';
import { ok, type Result } from '../../platform/errors.ts';
import { refSecret } from '../identity/person-ref.ts';
import { parseFilters, suspectRows, type SuspectItem } from './list-suspects.ts';
import { auditedRead, INVESTIGATION_ROLES, mayRead, present, type Viewer } from './viewer.ts';

/** One export holds at most this many rows. */
export const MAX_EXPORT_ROWS = 100_000;

const HEADER = ['排名 rank', '身份证号 idNumber', '姓名 name', '电话 phone', '分数 score', '团伙 ringId', '类别 segment', '代办笔数 transactions', '无亲属申请人 unrelatedPrincipals', '首次 firstSeen', '最近 lastSeen', '理由 reasons'];

export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function line(s: SuspectItem): string {
  return [s.rank, s.idNumber, s.name, s.phone, s.score, s.ringId, s.segment, s.transactions, s.unrelatedPrincipals, s.firstSeen, s.lastSeen, s.reasons.join('；')]
    .map(csvCell).join(',');
}

export async function exportSuspectsCsv(db: Database, viewer: Viewer, input: unknown): Promise<Result<{ csv: string; rows: number }>> {
  const allowed = mayRead(viewer, INVESTIGATION_ROLES);
  if (!allowed.ok) return allowed;
  const filters = parseFilters({ ...(input as object | null ?? {}), page: 1, pageSize: 1 });
  if (!filters.ok) return filters;
  const secret = await refSecret(db);
  return auditedRead(db, viewer, { action: 'investigation.suspects_exported', entityType: 'intermediary_suspect', entityId: 'csv', data: { filters: filters.value } }, async (reader) => {
    const { items } = await suspectRows(reader, secret, filters.value, 0, MAX_EXPORT_ROWS);
    const shown = present(viewer, items);
    return ok({ csv: `\uFEFF${[HEADER.join(','), ...shown.map(line)].join('\r\n')}\r\n`, rows: shown.length });
  }, (e) => ({ rows: e.rows }));
}
