/**
 * The suspects list (use case): current suspects, best first, filtered by score, ring and
 * segment, a page at a time; and the same rows for the CSV export. Audited reads.
 */
import { z } from 'zod';
import type { Database } from '../../platform/db.ts';
import { fail, ok, type Result } from '../../platform/errors.ts';
import { personRefWith, refSecret } from '../identity/person-ref.ts';
import type { Reader } from '../reader.ts';
import { auditedRead, INVESTIGATION_ROLES, mayRead, present, type Viewer } from './viewer.ts';

export const suspectFilters = z.object({
  minScore: z.coerce.number().int().min(0).max(100).default(0),
  ringId: z.string().max(64).optional(),
  inRing: z.enum(['true', 'false']).optional(),
  segment: z.string().max(64).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type SuspectFilters = z.infer<typeof suspectFilters>;

export interface SuspectItem {
  readonly rank: number;
  readonly ref: string;
  readonly idNumber: string;
  readonly name: string | null;
  readonly phone: string | null;
  readonly score: number;
  readonly ringId: string | null;
  readonly segment: string;
  readonly reasons: string[];
  readonly transactions: number;
  readonly unrelatedPrincipals: number;
  readonly firstSeen: string | null;
  readonly lastSeen: string | null;
  readonly updatedAt: string;
}

export interface SuspectPage {
  readonly items: SuspectItem[];
  readonly page: number;
  readonly pageSize: number;
  readonly total: number;
  /** The last full run: when it finished and the end of its window. */
  readonly lastRun: { readonly id: string; readonly finishedAt: string | null; readonly asOf: string | null } | null;
}

interface Row extends Record<string, unknown> {
  person_key: string; id_number: string; name: string | null; phone: string | null; score: number; ring_id: string | null; segment: string;
  reasons: string[]; transactions: number; unrelated_principals: number; first_seen: Date | string | null; last_seen: Date | string | null; updated_at: Date | string;
}

const iso = (v: Date | string | null): string | null => (v === null ? null : new Date(v).toISOString());

function where(f: SuspectFilters): { sql: string; params: unknown[] } {
  const params: unknown[] = [f.minScore];
  const parts = ['score >= $1'];
  if (f.ringId) parts.push(`ring_id = $${params.push(f.ringId)}`);
  if (f.inRing === 'true') parts.push('ring_id IS NOT NULL');
  if (f.inRing === 'false') parts.push('ring_id IS NULL');
  if (f.segment) parts.push(`segment = $${params.push(f.segment)}`);
  return { sql: parts.join(' AND '), params };
}

/** Suspects matching the filters, best first; `offset`/`limit` select the rows. */
export async function suspectRows(reader: Reader, secret: Buffer, f: SuspectFilters, offset: number, limit: number): Promise<{ items: SuspectItem[]; total: number }> {
  const w = where(f);
  const [count] = await reader.query<{ n: number }>(`SELECT count(*)::int AS n FROM intermediary_suspect WHERE ${w.sql}`, w.params);
  const rows = await reader.query<Row>(
    `SELECT * FROM intermediary_suspect WHERE ${w.sql} ORDER BY score DESC, person_key LIMIT $${w.params.length + 1} OFFSET $${w.params.length + 2}`,
    [...w.params, limit, offset],
  );
  return {
    total: count?.n ?? 0,
    items: rows.map((r, i) => ({
      rank: offset + i + 1, ref: personRefWith(secret, r.person_key), idNumber: r.id_number, name: r.name, phone: r.phone, score: r.score, ringId: r.ring_id,
      segment: r.segment, reasons: r.reasons, transactions: r.transactions, unrelatedPrincipals: r.unrelated_principals,
      firstSeen: iso(r.first_seen), lastSeen: iso(r.last_seen), updatedAt: new Date(r.updated_at).toISOString(),
    })),
  };
}

export function parseFilters(input: unknown): Result<SuspectFilters> {
  const parsed = suspectFilters.safeParse(input ?? {});
  return parsed.success ? ok(parsed.data) : fail('VALIDATION_FAILED', '筛选条件不合规 (invalid filters)', { problems: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
}

export async function listSuspects(db: Database, viewer: Viewer, input: unknown): Promise<Result<SuspectPage>> {
  const allowed = mayRead(viewer, INVESTIGATION_ROLES);
  if (!allowed.ok) return allowed;
  const filters = parseFilters(input);
  if (!filters.ok) return filters;
  const f = filters.value;
  const secret = await refSecret(db);
  const result = await auditedRead(db, viewer, { action: 'investigation.suspects', entityType: 'intermediary_suspect', entityId: 'list', data: { filters: f } }, async (reader) => {
    const { items, total } = await suspectRows(reader, secret, f, (f.page - 1) * f.pageSize, f.pageSize);
    const [run] = await reader.query<{ id: string; finished_at: Date | string | null; as_of: Date | string | null }>(
      `SELECT id::text, finished_at, as_of FROM intermediary_run WHERE kind = 'FULL' AND status = 'DONE' ORDER BY id DESC LIMIT 1`);
    return ok({ items, page: f.page, pageSize: f.pageSize, total, lastRun: run ? { id: run.id, finishedAt: iso(run.finished_at), asOf: iso(run.as_of) } : null });
  }, (p) => ({ rows: p.items.length, total: p.total }));
  return result.ok ? ok(present(viewer, result.value)) : result;
}
