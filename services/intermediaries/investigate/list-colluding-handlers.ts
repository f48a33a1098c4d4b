/**
 * Handlers the detector names as favouring suspects (use case), most significant first: how
 * many of the suspects' cases they took against how many their share predicts, the lift and
 * the test's p-value, the agents and rings concerned. For investigators and supervisors.
 */
import type { Database } from '../../platform/db.ts';
import { ok, type Result } from '../../platform/errors.ts';
import { personRefWith, refSecret } from '../identity/person-ref.ts';
import { auditedRead, HANDLER_LIST_ROLES, mayRead, present, type Viewer } from './viewer.ts';

export interface ColludingHandlerView {
  readonly handlerId: string;
  readonly name: string | null;
  readonly role: string | null;
  readonly stations: string[];
  readonly active: boolean | null;
  readonly observed: number;
  readonly expected: number;
  readonly lift: number;
  readonly pValue: number;
  readonly significance: number;
  readonly ringIds: string[];
  readonly agents: Array<{ readonly ref: string; readonly idNumber: string; readonly name: string | null; readonly score: number | null }>;
  readonly updatedAt: string;
}

interface Row extends Record<string, unknown> {
  handler_id: string; name: string | null; role: string | null; stations: string[] | null; active: boolean | null; observed: number; expected: number;
  lift: number; p_value: number; significance: number; ring_ids: string[]; agents: string[]; updated_at: Date | string;
}

interface AgentRow extends Record<string, unknown> { id: string; name: string | null; score: number | null }

export async function listColludingHandlers(db: Database, viewer: Viewer): Promise<Result<ColludingHandlerView[]>> {
  const allowed = mayRead(viewer, HANDLER_LIST_ROLES);
  if (!allowed.ok) return allowed;
  const secret = await refSecret(db);
  const result = await auditedRead(db, viewer, { action: 'investigation.colluding_handlers', entityType: 'colluding_handler', entityId: 'list' }, async (reader) => {
    const rows = await reader.query<Row>(`
      SELECT c.*, h.name, h.role, h.stations, h.active FROM colluding_handler c LEFT JOIN handler h ON h.id = c.handler_id
      ORDER BY c.p_value, c.handler_id`);
    const ids = [...new Set(rows.flatMap((r) => r.agents))];
    const agents = new Map((await reader.query<AgentRow>(`
      SELECT m AS id, p.name, s.score FROM unnest($1::text[]) AS m LEFT JOIN person p ON p.key = 'P:' || m
      LEFT JOIN intermediary_suspect s ON s.person_key = 'P:' || m`, [ids])).map((a) => [a.id, a]));
    return ok(rows.map((r): ColludingHandlerView => ({
      handlerId: r.handler_id, name: r.name, role: r.role, stations: r.stations ?? [], active: r.active, observed: r.observed, expected: r.expected,
      lift: r.lift, pValue: r.p_value, significance: r.significance, ringIds: r.ring_ids, updatedAt: new Date(r.updated_at).toISOString(),
      agents: r.agents.map((a) => ({ ref: personRefWith(secret, `P:${a}`), idNumber: a, name: agents.get(a)?.name ?? null, score: agents.get(a)?.score ?? null })),
    })));
  }, (list) => ({ handlers: list.length }));
  return result.ok ? ok(present(viewer, result.value)) : result;
}
