/** What other parts of the platform take from a detection: R21's rings and the §6 file. */
import { normaliseIdNumber, normalisePhone } from '../domain/index.ts';
import type { FlaggedRing } from '../risk/features.ts';
import type { DetectionResult } from './types.ts';

/** interchange.md §6: `intermediaries.json`, best first. */
export interface IntermediaryLine {
  readonly idNumber: string;
  readonly phone: string | null;
  readonly score: number;
  readonly ringId: string | null;
  readonly reasons: string[];
}

export function intermediariesJson(result: DetectionResult): IntermediaryLine[] {
  return result.suspects.map((s) => ({ idNumber: s.idNumber, phone: s.phone, score: s.score, ringId: s.ringId, reasons: [...s.reasons] }));
}

/** Rings for R21, keys normalised as the point compares them; a ring's phones include its members' own. */
export function toFlaggedRings(result: DetectionResult): FlaggedRing[] {
  const phoneOf = new Map(result.suspects.map((s) => [s.idNumber, s.phone]));
  return result.rings.map((ring) => ({
    ringId: ring.ringId,
    memberIdNumbers: ring.members.map((m) => normaliseIdNumber(m)).filter((m): m is string => m !== null),
    memberPhones: [...new Set([...ring.phones, ...ring.members.map((m) => phoneOf.get(m) ?? null)]
      .map((p) => normalisePhone(p)).filter((p): p is string => p !== null))].sort(),
  }));
}
