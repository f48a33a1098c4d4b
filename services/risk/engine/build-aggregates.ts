import { localDayBounds, normaliseAddress, normaliseIdNumber, normalisePhone, normaliseVin, partyKey, stationZone } from '../../domain/index.ts';
import type { ApplicantKind } from '../../domain/index.ts';
import type { Transaction } from '../../ingest/schema/index.ts';
import type { Tx } from '../../platform/db.ts';
import type { FeatureRequest } from '../feature-request.ts';
import type { Aggregates, PartyName, Principal } from '../features.ts';
import { registeredClerk } from '../points/R16.ts';
import * as q from './aggregate-queries.ts';
import type { ReferenceSnapshot } from './reference-snapshot.ts';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

export interface BatchItem {
  readonly transaction: Transaction;
  readonly seq: bigint;
}

/** An item's id, ingestion number and instant, read once for all its windows. */
interface ItemTime { readonly id: string; readonly seq: string; readonly t: number }

function timeOf(item: BatchItem): ItemTime {
  return { id: item.transaction.id, seq: item.seq.toString(), t: Date.parse(item.transaction.acceptedAt) };
}

function windowOf(x: ItemTime, k: string | null, lo: number, hi: number, extra: string | null = null): q.KeyedWindow {
  return { id: x.id, seq: x.seq, k, lo, hi, extra };
}

/** The spec's (t − N days, t]. */
const daysBack = (x: ItemTime, k: string | null, days: number, extra: string | null = null): q.KeyedWindow => windowOf(x, k, x.t - days * DAY_MS, x.t, extra);

/** Appends in place: spreading a fresh array per row was quadratic in an agent's principals. */
function append<T>(byId: Map<string, T[]>, id: string, value: T): void {
  const list = byId.get(id);
  if (list) list.push(value);
  else byId.set(id, [value]);
}

function partiesById<T extends PartyName>(rows: readonly q.PartyRow[], withAddress: boolean): Map<string, T[]> {
  const byId = new Map<string, T[]>();
  for (const row of rows) append(byId, row.id, { key: row.key, kind: row.kind as ApplicantKind, name: row.name, ...(withAddress ? { address: row.address } : {}) } as T);
  return byId;
}

function listsById<T extends { id: string }>(rows: readonly T[]): Map<string, T[]> {
  const byId = new Map<string, T[]>();
  for (const row of rows) append(byId, row.id, row);
  return byId;
}

/** The twelve aggregate queries of a batch, in the order `decode` expects. */
function queriesFor(items: readonly BatchItem[], request: FeatureRequest, reference: ReferenceSnapshot, photoShas: readonly PhotoShaItem[]): q.AggregateQuery[] {
  const agent = (i: BatchItem) => normaliseIdNumber(i.transaction.agent?.idNumber);
  const span = request.handlerNearbyMinutes * MINUTE_MS;
  const timed = items.map((i) => [i, timeOf(i)] as const);
  const each = (make: (i: BatchItem, x: ItemTime) => q.KeyedWindow) => timed.map(([i, x]) => make(i, x));
  const dayWindows = each((i, x) => {
    const bounds = localDayBounds(i.transaction.acceptedAt, stationZone(reference.stations.get(i.transaction.stationCode)));
    return windowOf(x, i.transaction.handlerId, bounds.start.getTime(), bounds.end.getTime());
  });
  const nearbyWindows = each((i, x) => windowOf(x, i.transaction.handlerId, x.t - span, x.t + span));
  return [
    q.handlerDayCounts(dayWindows),
    q.handlerNearby(nearbyWindows),
    q.applicantRegistrations(each((i, x) => daysBack(x, partyKey(i.transaction.applicant), request.applicantRegistrationsDays))),
    q.distinctApplicants('applicant_phone', each((i, x) => daysBack(x, normalisePhone(i.transaction.applicant.phone), request.applicantPhoneApplicantsDays))),
    q.distinctParties('applicant_address_norm', each((i, x) => daysBack(x, normaliseAddress(i.transaction.applicant.address), request.addressApplicantsDays))),
    // R16 never judges a registered clerk (a dealer's clerk acts for hundreds): their principals are not read.
    q.distinctParties('agent_id_number', each((i, x) => daysBack(x, registeredClerk(i.transaction.agent, reference.organisations) ? null : agent(i), request.agentPrincipalsDays))),
    q.agentTransactions(each((i, x) => daysBack(x, agent(i), request.agentTransactionsDays, i.transaction.handlerId))),
    q.distinctApplicants('booker_phone', each((i, x) => daysBack(x, normalisePhone(i.transaction.appointment?.bookerPhone), request.bookerApplicantsDays))),
    q.distinctApplicants('booker_account', each((i, x) => daysBack(x, i.transaction.appointment?.bookerAccount ?? null, request.bookerApplicantsDays))),
    q.previousRegistrations(each((i, x) => daysBack(x, normaliseVin(i.transaction.vehicle?.vin), 0))),
    q.sha256Reuse('material', items.flatMap((i) => i.transaction.materials.filter((m) => m.sha256).map((m) => ({ id: i.transaction.id, seq: i.seq, sha256: m.sha256! })))),
    q.sha256Reuse('photo', photoShas),
  ];
}

function counts(rows: unknown[] | undefined): Map<string, number> {
  return new Map(((rows ?? []) as q.CountRow[]).map((r) => [r.id, r.n]));
}

/** The rows of each query, keyed by transaction id. */
function decode(results: unknown[][]) {
  const [day, nearby, registrations, phone, address, principals, agent, bookerPhone, bookerAccount, previous, materials, photos] = results;
  return {
    dayCounts: counts(day),
    nearby: listsById((nearby ?? []) as q.NearbyRow[]),
    registrations: counts(registrations),
    phoneApplicants: counts(phone),
    addressParties: partiesById<PartyName>((address ?? []) as q.PartyRow[], false),
    principals: partiesById<Principal>((principals ?? []) as q.PartyRow[], true),
    agentTx: new Map(((agent ?? []) as q.AgentRow[]).map((r) => [r.id, { total: r.total, withThisHandler: r.mine }])),
    bookerPhones: counts(bookerPhone),
    bookerAccounts: counts(bookerAccount),
    previous: new Map(((previous ?? []) as q.PreviousRow[]).map((r) => [r.id, r])),
    materials: listsById((materials ?? []) as q.ReuseRow[]),
    photos: listsById((photos ?? []) as q.ReuseRow[]),
  };
}

/** Computes every windowed aggregate for a batch of just-stored transactions (see features.ts). */
export async function buildAggregates(tx: Tx, items: readonly BatchItem[], request: FeatureRequest, reference: ReferenceSnapshot): Promise<Map<string, Aggregates>> {
  const photoShas = await photoShaItems(tx, items);
  const d = decode(await q.runAll(tx, queriesFor(items, request, reference, photoShas), items.length));
  const result = new Map<string, Aggregates>();
  for (const item of items) {
    const id = item.transaction.id;
    const prev = d.previous.get(id);
    result.set(id, {
      handlerDayCount: d.dayCounts.get(id) ?? 0,
      handlerNearby: {
        windowMinutes: request.handlerNearbyMinutes,
        items: (d.nearby.get(id) ?? []).map((n) => ({ transactionId: n.other_id, stationCode: n.station_code, acceptedAt: new Date(n.accepted_at).toISOString(), stationLat: n.lat, stationLon: n.lon })),
      },
      applicantRegistrations: { windowDays: request.applicantRegistrationsDays, value: d.registrations.get(id) ?? 0 },
      applicantPhoneApplicants: { windowDays: request.applicantPhoneApplicantsDays, value: d.phoneApplicants.get(id) ?? 0 },
      addressApplicants: { windowDays: request.addressApplicantsDays, value: d.addressParties.get(id) ?? [] },
      agentPrincipals: { windowDays: request.agentPrincipalsDays, value: d.principals.get(id) ?? [] },
      agentTransactions: { windowDays: request.agentTransactionsDays, value: d.agentTx.get(id) ?? { total: 0, withThisHandler: 0 } },
      bookerPhoneApplicants: { windowDays: request.bookerApplicantsDays, value: d.bookerPhones.get(id) ?? 0 },
      bookerAccountApplicants: { windowDays: request.bookerApplicantsDays, value: d.bookerAccounts.get(id) ?? 0 },
      previousRegistration: prev ? { transactionId: prev.other_id, type: prev.type as 'REG_NEW' | 'TRANSFER', acceptedAt: new Date(prev.accepted_at).toISOString() } : null,
      materialReuse: (d.materials.get(id) ?? []).map((m) => ({ sha256: m.sha256, transactionId: m.other_id, applicantKey: m.applicant_key })),
      photoSha256Reuse: (d.photos.get(id) ?? []).flatMap((m) => photoIndexes(item.transaction, photoShas, m.sha256).map((photoIndex) => ({
        photoIndex, otherTransactionId: m.other_id, otherVin: m.vin, distance: 0, sameSha256: true,
      }))),
    });
  }
  return result;
}

interface PhotoShaItem { id: string; seq: bigint; sha256: string; position: number }

/** The stored sha256 of each photo (photos given by path or data only have one once stored). */
async function photoShaItems(tx: Tx, items: readonly BatchItem[]): Promise<PhotoShaItem[]> {
  const withPhotos = items.filter((i) => i.transaction.photos.length > 0);
  if (withPhotos.length === 0) return [];
  const seqs = new Map(withPhotos.map((i) => [i.transaction.id, i.seq]));
  const rows = await tx.photo.findMany({ where: { transactionId: { in: [...seqs.keys()] }, sha256: { not: null } }, select: { transactionId: true, sha256: true, position: true } });
  return rows.map((r) => ({ id: r.transactionId, seq: seqs.get(r.transactionId)!, sha256: r.sha256!, position: r.position }));
}

function photoIndexes(transaction: Transaction, shas: readonly PhotoShaItem[], sha256: string): number[] {
  return shas.filter((s) => s.id === transaction.id && s.sha256 === sha256).map((s) => s.position);
}
