import { appendAudit } from '../audit/index.ts';
import type { Database, Prisma, Tx } from '../platform/db.ts';
import { fail, ok, type Result } from '../platform/errors.ts';
import {
  formatIssues, handlerSchema, organisationSchema, referenceSchema, stationSchema,
  type Handler, type Organisation, type ReferenceData, type Station,
} from './schema/index.ts';
import { normaliseIdNumber, normalisePhone } from '../domain/index.ts';

export interface ReferenceCounts {
  readonly stations: number;
  readonly handlers: number;
  readonly organisations: number;
  readonly listEntries: number;
}

function stationData(s: Station) {
  return { name: s.name, kind: s.kind, lat: s.lat, lon: s.lon, timezone: s.timezone, hours: s.hours as Prisma.InputJsonObject, workstations: s.workstations };
}

function handlerData(h: Handler) {
  return { name: h.name, idNumber: normaliseIdNumber(h.idNumber), phone: normalisePhone(h.phone), role: h.role, stations: h.stations, permissions: h.permissions, active: h.active };
}

async function putStation(tx: Tx, s: Station): Promise<void> {
  await tx.station.upsert({ where: { code: s.code }, create: { code: s.code, ...stationData(s) }, update: stationData(s) });
}

async function putHandler(tx: Tx, h: Handler): Promise<void> {
  await tx.handler.upsert({ where: { id: h.id }, create: { id: h.id, ...handlerData(h) }, update: handlerData(h) });
}

async function putOrganisation(tx: Tx, o: Organisation): Promise<void> {
  const data = { name: o.name, kind: o.kind, phones: o.phones.map((p) => normalisePhone(p) ?? p) };
  await tx.organisation.upsert({ where: { orgCode: o.orgCode }, create: { orgCode: o.orgCode, ...data }, update: data });
  await tx.organisationClerk.deleteMany({ where: { orgCode: o.orgCode } });
  const clerks = new Map(o.clerks.map((c) => [normaliseIdNumber(c.idNumber) ?? c.idNumber, c]));
  await tx.organisationClerk.createMany({
    data: [...clerks].map(([idNumber, c]) => ({ orgCode: o.orgCode, idNumber, name: c.name, phone: normalisePhone(c.phone) })),
  });
}

async function replaceLists(tx: Tx, lists: ReferenceData['lists']): Promise<number> {
  await tx.listEntry.deleteMany({});
  const rows = [
    ...lists.intermediaryBlacklist.map((e) => ({ list: 'INTERMEDIARY_BLACKLIST', ...e })),
    ...lists.personWatchlist.map((e) => ({ list: 'PERSON_WATCHLIST', ...e })),
  ].map((e) => ({ list: e.list, idNumber: normaliseIdNumber(e.idNumber), phone: normalisePhone(e.phone), reason: e.reason }));
  await tx.listEntry.createMany({ data: rows });
  return rows.length;
}

export const REFERENCE_VERSION_KEY = 'reference.version';

/** Every reference change bumps a counter, so caches (the risk engine's snapshot) know to reload. */
async function bumpReferenceVersion(tx: Tx): Promise<void> {
  await tx.$executeRaw`INSERT INTO setting (key, value) VALUES (${REFERENCE_VERSION_KEY}, '1'::jsonb)
    ON CONFLICT (key) DO UPDATE SET value = to_jsonb((setting.value #>> '{}')::bigint + 1)`;
}

export async function readReferenceVersion(tx: Tx): Promise<number> {
  const row = await tx.setting.findUnique({ where: { key: REFERENCE_VERSION_KEY } });
  return row ? Number(row.value) : 0;
}

/**
 * Loads a whole reference document: every entity in it is created or updated and the two
 * lists are replaced. Entities absent from the document are kept (transactions refer to them).
 */
export async function importReference(db: Database, input: unknown, actor: string): Promise<Result<ReferenceCounts>> {
  const parsed = referenceSchema.safeParse(input);
  if (!parsed.success) return fail('VALIDATION_FAILED', '参考数据不合规 (reference data invalid)', { problems: formatIssues(parsed.error) });
  const doc = parsed.data;
  const counts = await db.prisma.$transaction(async (tx) => {
    for (const station of doc.stations) await putStation(tx, station);
    for (const handler of doc.handlers) await putHandler(tx, handler);
    for (const organisation of doc.organisations) await putOrganisation(tx, organisation);
    const listEntries = await replaceLists(tx, doc.lists);
    const result: ReferenceCounts = { stations: doc.stations.length, handlers: doc.handlers.length, organisations: doc.organisations.length, listEntries };
    await bumpReferenceVersion(tx);
    await appendAudit(tx, [{ actor, action: 'reference.imported', entityType: 'reference', entityId: 'document', data: { ...result } }]);
    return result;
  }, { timeout: 300_000, maxWait: 60_000 });
  return ok(counts);
}

const ENTITY_SCHEMAS = { stations: stationSchema, handlers: handlerSchema, organisations: organisationSchema } as const;
export type ReferenceEntity = keyof typeof ENTITY_SCHEMAS;

/** Creates or replaces one station, handler or organisation; the key in the URL must match the body. */
export async function putReferenceEntity(db: Database, entity: ReferenceEntity, key: string, input: unknown, actor: string): Promise<Result<{ key: string }>> {
  const parsed = ENTITY_SCHEMAS[entity].safeParse(input);
  if (!parsed.success) return fail('VALIDATION_FAILED', '参考数据不合规 (reference entity invalid)', { problems: formatIssues(parsed.error) });
  const value = parsed.data;
  const bodyKey = 'code' in value ? value.code : 'orgCode' in value ? value.orgCode : value.id;
  if (bodyKey !== key) return fail('VALIDATION_FAILED', '路径中的键与请求体不一致 (key in path differs from body)', { problems: [{ path: 'key', message: `${bodyKey} ≠ ${key}` }] });
  await db.prisma.$transaction(async (tx) => {
    if (entity === 'stations') await putStation(tx, value as Station);
    else if (entity === 'handlers') await putHandler(tx, value as Handler);
    else await putOrganisation(tx, value as Organisation);
    await bumpReferenceVersion(tx);
    await appendAudit(tx, [{ actor, action: 'reference.entity_put', entityType: entity, entityId: key }]);
  });
  return ok({ key });
}

/** The reference document as stored, in the interchange shape. */
export async function exportReference(client: Tx): Promise<ReferenceData> {
  // Sequential, not Promise.all: inside an interactive transaction queries share one connection.
  const stations = await client.station.findMany({ orderBy: { code: 'asc' } });
  const handlers = await client.handler.findMany({ orderBy: { id: 'asc' } });
  const organisations = await client.organisation.findMany({ orderBy: { orgCode: 'asc' }, include: { clerks: { orderBy: { idNumber: 'asc' } } } });
  const entries = await client.listEntry.findMany({ orderBy: { id: 'asc' } });
  const entry = (e: (typeof entries)[number]) => ({ idNumber: e.idNumber, phone: e.phone, reason: e.reason });
  return {
    stations: stations.map((s) => ({ code: s.code, name: s.name, kind: s.kind as Station['kind'], lat: s.lat, lon: s.lon, timezone: s.timezone, hours: s.hours as Station['hours'], workstations: s.workstations })),
    handlers: handlers.map((h) => ({ id: h.id, name: h.name, idNumber: h.idNumber, phone: h.phone, role: h.role as Handler['role'], stations: h.stations, permissions: h.permissions as Handler['permissions'], active: h.active })),
    organisations: organisations.map((o) => ({ orgCode: o.orgCode, name: o.name, kind: o.kind as Organisation['kind'], phones: o.phones, clerks: o.clerks.map((c) => ({ idNumber: c.idNumber, name: c.name, phone: c.phone })) })),
    lists: {
      intermediaryBlacklist: entries.filter((e) => e.list === 'INTERMEDIARY_BLACKLIST').map(entry),
      personWatchlist: entries.filter((e) => e.list === 'PERSON_WATCHLIST').map(entry),
    },
  };
}
