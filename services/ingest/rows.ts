import { sha256Hex } from '../audit/canonical.ts';
import { canonicalAddress, normaliseAddress, normaliseIdNumber, normalisePhone, normalisePlate, normaliseVin, partyKey } from '../domain/index.ts';
import type { Prisma } from '../platform/db.ts';
import type { ResolvedPhoto } from './photo-sources.ts';
import type { Transaction } from './schema/index.ts';

const DAY_MS = 86_400_000;
/** interchange.md: toleranceDueAt defaults to acceptedAt + 10 days. */
const DEFAULT_TOLERANCE_DAYS = 10;

/** Parties are keyed "P:"+idNumber or "O:"+orgCode, so a person and an organisation never collide. */
export function applicantKeyOf(tx: Transaction): string {
  return partyKey(tx.applicant) ?? '';
}

export function toleranceDueAtOf(tx: Transaction): Date | null {
  if (!tx.flags.tolerance) return null;
  if (tx.flags.toleranceDueAt) return new Date(tx.flags.toleranceDueAt);
  return new Date(Date.parse(tx.acceptedAt) + DEFAULT_TOLERANCE_DAYS * DAY_MS);
}

/**
 * The payload as stored, serialised once: photo bytes and file paths replaced by the blob's
 * sha256. The validated document's keys come out of zod in schema order, so plain JSON is
 * already a stable serialisation here (canonical sorting would cost time on the hot path), and
 * the same text is hashed and stored.
 */
export function storedPayloadText(tx: Transaction, photos: readonly ResolvedPhoto[]): string {
  const storedPhotos = tx.photos.map((photo, index) => {
    const resolved = photos[index];
    return {
      kind: photo.kind,
      sha256: resolved?.sha256 ?? null,
      ...(photo.path !== undefined ? { sourcePath: photo.path } : {}),
      takenAt: photo.takenAt,
      lat: photo.lat,
      lon: photo.lon,
    };
  });
  return JSON.stringify({ ...tx, photos: storedPhotos });
}

export interface TransactionColumns {
  readonly row: Omit<Prisma.TransactionCreateManyInput, 'seq'>;
  /** The stored document as JSON text (see storedPayloadText). */
  readonly payloadText: string;
  readonly payloadSha256: string;
}

export function transactionColumns(
  tx: Transaction, photos: readonly ResolvedPhoto[], everCompleted: boolean, now: Date,
): TransactionColumns {
  const payloadText = storedPayloadText(tx, photos);
  const row: Omit<Prisma.TransactionCreateManyInput, 'seq'> = {
    id: tx.id,
    version: tx.version,
    type: tx.type,
    status: tx.status,
    acceptedAt: new Date(tx.acceptedAt),
    completedAt: tx.completedAt ? new Date(tx.completedAt) : null,
    stationCode: tx.stationCode,
    handlerId: tx.handlerId,
    approverId: tx.approverId,
    workstationId: tx.workstationId,
    channel: tx.channel,
    applicantKey: applicantKeyOf(tx),
    applicantKind: tx.applicant.kind,
    applicantName: tx.applicant.name,
    applicantPhone: normalisePhone(tx.applicant.phone),
    applicantAddressNorm: normaliseAddress(tx.applicant.address),
    applicantAddressCanonical: canonicalAddress(tx.applicant.address),
    agentIdNumber: normaliseIdNumber(tx.agent?.idNumber),
    agentPhone: normalisePhone(tx.agent?.phone),
    agentOrgCode: normaliseIdNumber(tx.agent?.orgCode),
    bookerPhone: normalisePhone(tx.appointment?.bookerPhone),
    bookerAccount: tx.appointment?.bookerAccount ?? null,
    vin: normaliseVin(tx.vehicle?.vin),
    plate: normalisePlate(tx.vehicle?.plate),
    override: tx.flags.override,
    tolerance: tx.flags.tolerance,
    toleranceDueAt: toleranceDueAtOf(tx),
    everCompleted: everCompleted || tx.status === 'COMPLETED',
    photoCount: tx.photos.length,
    receivedAt: now,
    updatedAt: now,
  };
  return { row, payloadText, payloadSha256: sha256Hex(payloadText) };
}

export function materialRows(tx: Transaction): Prisma.MaterialCreateManyInput[] {
  return tx.materials.map((material, position) => ({
    transactionId: tx.id,
    position,
    kind: material.kind,
    sha256: material.sha256,
    validUntil: material.validUntil ? new Date(`${material.validUntil}T00:00:00Z`) : null,
    subjectVin: normaliseVin(material.subjectVin),
    subjectIdNumber: normaliseIdNumber(material.subjectIdNumber),
  }));
}

export function photoRows(txId: string, photos: readonly ResolvedPhoto[]): Prisma.PhotoCreateManyInput[] {
  return photos.map((photo) => ({
    transactionId: txId,
    position: photo.position,
    kind: photo.kind,
    sha256: photo.sha256,
    state: photo.state,
    problem: photo.problem,
    takenAt: photo.takenAt ? new Date(photo.takenAt) : null,
    lat: photo.lat,
    lon: photo.lon,
  }));
}

export interface PartyRow {
  readonly key: string;
  readonly kind: string;
  readonly name: string | null;
  readonly phone: string | null;
  readonly address: string | null;
  /** canonicalAddress(address), for the person search's index. */
  readonly addressCanonical: string | null;
  readonly seenAt: Date;
}

/** Applicant and agent of a transaction, as person records keyed by ID number or org code. */
export function partyRows(tx: Transaction): PartyRow[] {
  const seenAt = new Date(tx.acceptedAt);
  const parties: PartyRow[] = [{
    key: applicantKeyOf(tx), kind: tx.applicant.kind, name: tx.applicant.name,
    phone: normalisePhone(tx.applicant.phone), address: tx.applicant.address, addressCanonical: canonicalAddress(tx.applicant.address), seenAt,
  }];
  const agentKey = partyKey({ kind: 'PERSON', idNumber: tx.agent?.idNumber });
  if (tx.agent && agentKey) {
    parties.push({
      key: agentKey, kind: 'PERSON', name: tx.agent.name, phone: normalisePhone(tx.agent.phone),
      address: tx.agent.address, addressCanonical: canonicalAddress(tx.agent.address), seenAt,
    });
  }
  return parties;
}
