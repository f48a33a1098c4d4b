import { localDayBounds, normaliseAddress, normaliseIdNumber, normalisePhone, normaliseVin, partyKey, stationZone } from '../../domain/index.ts';
import type { ApplicantKind } from '../../domain/index.ts';
import type { Transaction } from '../../ingest/schema/index.ts';
import type { Tx } from '../../platform/db.ts';
import type { FeatureRequest } from '../feature-request.ts';
import type { Aggregates, PartyName, Principal } from '../features.ts';
import * as q from './aggregate-queries.ts';
import type { ReferenceSnapshot } from './reference-snapshot.ts';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

export interface BatchItem {
  readonly transaction: Transaction;
  readonly seq: bigint;
}

function windowOf(item: BatchItem, key: string | null, days: number, extra: string | null = null): q.KeyedWindow {
  const t = new Date(item.transaction.acceptedAt);
  return { id: item.transaction.id, seq: item.seq, key, from: new Date(t.getTime() - days * DAY_MS), to: t, extra };
}

function partiesById<T extends PartyName>(rows: readonly q.PartyRow[], withAddress: boolean): Map<string, T[]> {
  const byId = new Map<string, T[]>();
  for (const row of rows) {
    const party = { key: row.key, kind: row.kind as ApplicantKind, name: row.name, ...(withAddress ? { address: row.address } : {}) } as T;
    byId.set(row.id, [...(byId.get(row.id) ?? []), party]);
  }
  return byId;
}

function listsById<T extends { id: string }>(rows: readonly T[]): Map<string, T[]> {
  const byId = new Map<string, T[]>();
  for (const row of rows) byId.set(row.id, [...(byId.get(row.id) ?? []), row]);
  return byId;
}

/** Computes every windowed aggregate for a batch of just-stored transactions (see features.ts). */
export async function buildAggregates(tx: Tx, items: readonly BatchItem[], request: FeatureRequest, reference: ReferenceSnapshot): Promise<Map<string, Aggregates>> {
  const agent = (i: BatchItem) => normaliseIdNumber(i.transaction.agent?.idNumber);
  const dayWindows = items.map((i) => {
    const bounds = localDayBounds(i.transaction.acceptedAt, stationZone(reference.stations.get(i.transaction.stationCode)));
    return { id: i.transaction.id, seq: i.seq, key: i.transaction.handlerId, from: bounds.start, to: bounds.end };
  });
  const nearbyWindows = items.map((i) => {
    const t = Date.parse(i.transaction.acceptedAt);
    const span = request.handlerNearbyMinutes * MINUTE_MS;
    return { id: i.transaction.id, seq: i.seq, key: i.transaction.handlerId, from: new Date(t - span), to: new Date(t + span) };
  });
  const dayCounts = await q.handlerDayCounts(tx, dayWindows);
  const nearby = listsById(await q.handlerNearby(tx, nearbyWindows));
  const registrations = await q.applicantRegistrations(tx, items.map((i) => windowOf(i, partyKey(i.transaction.applicant), request.applicantRegistrationsDays)));
  const phoneApplicants = await q.distinctApplicants(tx, 'applicant_phone', items.map((i) => windowOf(i, normalisePhone(i.transaction.applicant.phone), request.applicantPhoneApplicantsDays)));
  const addressParties = partiesById<PartyName>(await q.distinctParties(tx, 'applicant_address_norm', items.map((i) => windowOf(i, normaliseAddress(i.transaction.applicant.address), request.addressApplicantsDays))), false);
  const principals = partiesById<Principal>(await q.distinctParties(tx, 'agent_id_number', items.map((i) => windowOf(i, agent(i), request.agentPrincipalsDays))), true);
  const agentTx = await q.agentTransactions(tx, items.map((i) => windowOf(i, agent(i), request.agentTransactionsDays, i.transaction.handlerId)));
  const bookerPhones = await q.distinctApplicants(tx, 'booker_phone', items.map((i) => windowOf(i, normalisePhone(i.transaction.appointment?.bookerPhone), request.bookerApplicantsDays)));
  const bookerAccounts = await q.distinctApplicants(tx, 'booker_account', items.map((i) => windowOf(i, i.transaction.appointment?.bookerAccount ?? null, request.bookerApplicantsDays)));
  const previous = await q.previousRegistrations(tx, items.map((i) => windowOf(i, normaliseVin(i.transaction.vehicle?.vin), 0)));
  const materials = listsById(await q.sha256Reuse(tx, 'material', items.flatMap((i) => i.transaction.materials.filter((m) => m.sha256).map((m) => ({ id: i.transaction.id, seq: i.seq, sha256: m.sha256! })))));
  const photoShas = await photoShaItems(tx, items);
  const photos = listsById(await q.sha256Reuse(tx, 'photo', photoShas));

  const result = new Map<string, Aggregates>();
  for (const item of items) {
    const id = item.transaction.id;
    const prev = previous.get(id);
    result.set(id, {
      handlerDayCount: dayCounts.get(id) ?? 0,
      handlerNearby: {
        windowMinutes: request.handlerNearbyMinutes,
        items: (nearby.get(id) ?? []).map((n) => ({ transactionId: n.other_id, stationCode: n.station_code, acceptedAt: new Date(n.accepted_at).toISOString(), stationLat: n.lat, stationLon: n.lon })),
      },
      applicantRegistrations: { windowDays: request.applicantRegistrationsDays, value: registrations.get(id) ?? 0 },
      applicantPhoneApplicants: { windowDays: request.applicantPhoneApplicantsDays, value: phoneApplicants.get(id) ?? 0 },
      addressApplicants: { windowDays: request.addressApplicantsDays, value: addressParties.get(id) ?? [] },
      agentPrincipals: { windowDays: request.agentPrincipalsDays, value: principals.get(id) ?? [] },
      agentTransactions: { windowDays: request.agentTransactionsDays, value: agentTx.get(id) ?? { total: 0, withThisHandler: 0 } },
      bookerPhoneApplicants: { windowDays: request.bookerApplicantsDays, value: bookerPhones.get(id) ?? 0 },
      bookerAccountApplicants: { windowDays: request.bookerApplicantsDays, value: bookerAccounts.get(id) ?? 0 },
      previousRegistration: prev ? { transactionId: prev.transactionId, type: prev.type as 'REG_NEW' | 'TRANSFER', acceptedAt: prev.acceptedAt.toISOString() } : null,
      materialReuse: (materials.get(id) ?? []).map((m) => ({ sha256: m.sha256, transactionId: m.other_id, applicantKey: m.applicant_key })),
      photoSha256Reuse: (photos.get(id) ?? []).flatMap((m) => photoIndexes(item.transaction, photoShas, m.sha256).map((photoIndex) => ({
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
