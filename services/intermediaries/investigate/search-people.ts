/**
 * The investigator's search (use case): by ID number, name (exact, homophone, pinyin,
 * initials, one character off), phone, address (whole or a part of it), plate, VIN or handler.
 * Every person found comes with the roles in which they used what was searched for and when,
 * best match first; handlers and vehicles found are listed beside them. Audited (the search
 * terms under their own names, so the audit API masks them for auditors), masked per viewer.
 * Name and address searches first bring their keys up to date (identity/search-keys.ts).
 */
import type { Database } from '../../platform/db.ts';
import { fail, ok, type Result } from '../../platform/errors.ts';
import { refSecret } from '../identity/person-ref.ts';
import { ensureSearchKeys } from '../identity/search-keys.ts';
import type { Reader } from '../reader.ts';
import { findByAddress, MIN_ADDRESS_PART } from './address-search.ts';
import { agentsOfHandlers, findHandlers, handlersById, type HandlerHit } from './handler-search.ts';
import { phoneRoles, vehicleRoles, vehicles, type VehicleHit } from './identifier-searches.ts';
import { findByName } from './name-search.ts';
import { bestPersons, personHits, type PersonHit, type RoleRow } from './person-hits.ts';
import { findById, rolesOf } from './person-searches.ts';
import { classify, normalisedValue, searchQuery, type SearchKind } from './search-query.ts';
import { auditedRead, INVESTIGATION_ROLES, mayRead, present, type Viewer } from './viewer.ts';

export interface SearchResult {
  readonly kind: SearchKind;
  /** The searched value, under the name of its kind (so that it is masked like the data). */
  readonly query: Partial<Record<SearchKind, string>>;
  readonly persons: PersonHit[];
  readonly handlers: HandlerHit[];
  readonly vehicles: VehicleHit[];
  /** Persons found before the limit. */
  readonly total: number;
  readonly truncated: boolean;
  /** Name and address keys are still being built after a bulk load: the result may miss people. */
  readonly keysPending: boolean;
}

interface Found { rows: RoleRow[]; matches?: Map<string, Record<string, number | string>>; handlers?: HandlerHit[]; vehicles?: VehicleHit[]; truncated?: boolean }

async function find(reader: Reader, kind: SearchKind, value: string, limit: number): Promise<Found> {
  switch (kind) {
    case 'phone': {
      const rows = await phoneRoles(reader, value);
      const handlerIds = rows.filter((r) => r.via?.startsWith('handler:')).map((r) => (r.via as string).slice('handler:'.length));
      return { rows, handlers: await handlersById(reader, handlerIds) };
    }
    case 'address': return findByAddress(reader, value, limit);
    case 'plate': case 'vin': return { rows: await vehicleRoles(reader, kind, value), vehicles: await vehicles(reader, kind, value) };
    case 'idNumber': {
      const found = await findById(reader, value);
      const handlers = (await reader.query<{ id: string }>('SELECT id FROM handler WHERE id_number = $1', [value])).map((h) => h.id);
      return { rows: await rolesOf(reader, found.keys), matches: found.matches, handlers: await handlersById(reader, handlers) };
    }
    case 'name': {
      const found = await findByName(reader, value, limit);
      return { rows: await rolesOf(reader, found.keys), matches: found.matches, handlers: await findHandlers(reader, value) };
    }
    case 'handler': {
      const handlers = await findHandlers(reader, value);
      return { rows: await agentsOfHandlers(reader, handlers.map((h) => h.handlerId), limit), handlers };
    }
  }
}

export async function searchPeople(db: Database, viewer: Viewer, input: unknown): Promise<Result<SearchResult>> {
  const allowed = mayRead(viewer, INVESTIGATION_ROLES);
  if (!allowed.ok) return allowed;
  const parsed = searchQuery.safeParse(input);
  if (!parsed.success) {
    return fail('VALIDATION_FAILED', '查询参数不合规 (invalid search)', { problems: parsed.error.issues.map((i) => ({ path: i.path.join('.') || 'q', message: i.message })) });
  }
  const kind = parsed.data.kind ?? classify(parsed.data.q);
  const value = normalisedValue(kind, parsed.data.q);
  if (value === null) return fail('VALIDATION_FAILED', `无法按 ${kind} 查询该内容 (q is not a valid ${kind})`, { problems: [{ path: 'q', message: `not a valid ${kind}` }] });
  if (kind === 'address' && Array.from(value).length < MIN_ADDRESS_PART) {
    return fail('VALIDATION_FAILED', `地址至少输入 ${MIN_ADDRESS_PART} 个字（去掉空格、标点和“区”后），如“幸福路12号” (address: at least ${MIN_ADDRESS_PART} characters)`, {
      problems: [{ path: 'q', message: `地址（address）至少 ${MIN_ADDRESS_PART} 个字` }],
    });
  }
  const { pending } = kind === 'name' || kind === 'address' ? await ensureSearchKeys(db) : { pending: false };
  const secret = await refSecret(db);
  const result = await auditedRead(db, viewer, { action: 'investigation.search', entityType: 'search', entityId: kind, data: { kind, [kind]: value } }, async (reader) => {
    const found = await find(reader, kind, value, parsed.data.limit);
    const best = bestPersons(found.rows, found.matches ?? new Map(), parsed.data.limit);
    const persons = await personHits(reader, secret, best.rows, best.matches);
    return ok({
      kind, query: { [kind]: value }, persons, handlers: found.handlers ?? [], vehicles: found.vehicles ?? [],
      total: best.total, truncated: best.total > parsed.data.limit || found.truncated === true, keysPending: pending,
    });
  }, (r) => ({ persons: r.total, handlers: r.handlers.length, vehicles: r.vehicles.length }));
  return result.ok ? ok(present(viewer, result.value)) : result;
}
