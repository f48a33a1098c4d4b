/** Small pieces several points share: local dates, parameter shapes, party identities. */
import { z } from 'zod';
import {
  localDate, normaliseIdNumber, normalisePhone, stationZone, type PhotoKind,
} from '../../domain/index.ts';
import type { Transaction } from '../../ingest/schema/index.ts';
import type { Features, PhotoFindings } from '../features.ts';
import { PARTY_ROLE_NAMES } from '../labels.ts';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

export const NO_PARAMS = z.strictObject({});
export type NoParams = z.output<typeof NO_PARAMS>;

/** A threshold count ("≥ N"). */
export const countParam = (fallback: number) => z.number().int().min(1).max(100_000).default(fallback);
/** A window or "within N days" length, whole days. */
export const daysParam = (fallback: number) => z.number().int().min(1).max(3660).default(fallback);
/** A model confidence threshold. */
export const confidenceParam = (fallback: number) => z.number().min(0).max(1).default(fallback);

export function timeMs(iso: string): number {
  return Date.parse(iso);
}

export function zoneOf(f: Features): string {
  return stationZone(f.reference.station);
}

/** The local date of acceptedAt in the station's zone (the default zone if the station is unknown). */
export function acceptanceDate(f: Features): string {
  return localDate(f.tx.acceptedAt, zoneOf(f));
}

/** The applicant's normalised idNumber when the applicant is a PERSON. */
export function applicantIdNumber(tx: Transaction): string | null {
  return tx.applicant.kind === 'PERSON' ? normaliseIdNumber(tx.applicant.idNumber) : null;
}

export function agentIdNumber(tx: Transaction): string | null {
  return normaliseIdNumber(tx.agent?.idNumber);
}

/** The people a transaction names, with normalised keys, for list and ring matching. */
export interface PartyIdentity {
  readonly role: 'APPLICANT' | 'AGENT';
  readonly idNumber: string | null;
  readonly phone: string | null;
}

export function partiesOf(tx: Transaction): PartyIdentity[] {
  const parties: PartyIdentity[] = [
    { role: 'APPLICANT', idNumber: applicantIdNumber(tx), phone: normalisePhone(tx.applicant.phone) },
  ];
  if (tx.agent) parties.push({ role: 'AGENT', idNumber: agentIdNumber(tx), phone: normalisePhone(tx.agent.phone) });
  return parties;
}

/** HH:MM:SS of a local second of the day. */
export function clock(secondOfDay: number): string {
  const hh = Math.floor(secondOfDay / 3600);
  const mm = Math.floor((secondOfDay % 3600) / 60);
  const ss = secondOfDay % 60;
  return [hh, mm, ss].map((n) => String(n).padStart(2, '0')).join(':');
}

export const ROLE_NAMES: Record<PartyIdentity['role'], string> = PARTY_ROLE_NAMES;

/**
 * Photo findings, or undefined while the photo pipeline has not finished. A transaction that
 * declares no photo has nothing to wait for.
 */
export function photoFindings(f: Features): readonly PhotoFindings[] | undefined {
  if (f.photos !== undefined) return f.photos;
  return f.tx.photos.length === 0 ? [] : undefined;
}

/**
 * The photos the models' content findings still speak for: those a reviewer passed were
 * checked by a person, who overrules the models (R28, R35 and R36 judge facts, not content).
 */
export function modelJudgedPhotos(f: Features): readonly PhotoFindings[] | undefined {
  return photoFindings(f)?.filter((p) => p.reviewerVerdict !== 'PASS');
}

export function photosOfKind(photos: readonly PhotoFindings[], kinds: readonly PhotoKind[]): PhotoFindings[] {
  return photos.filter((p) => kinds.includes(p.kind));
}

/** "第2张照片(左前方45度)" — how reasons name a photo. */
export function photoLabel(index: number, kindName: string): string {
  return `第${index + 1}张照片(${kindName})`;
}

export function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
