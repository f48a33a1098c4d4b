/** Public shapes of the intermediary (黄牛) detector and its tunable parameters. */

export interface DetectionOptions {
  /** End of the window (inclusive); default: the latest acceptedAt in the table, so a replay of old files judges them in their own time. */
  readonly asOf?: Date;
  /** Window length in days (default 90). */
  readonly windowDays?: number;
  /** Identifiers used by more people than this in the window mean nothing and do not link (default 50). */
  readonly maxSharers?: number;
  /** A booker phone or account serving at least this many unrelated applicants is hoarding (default 3). */
  readonly hoardMinPrincipals?: number;
  /** An applicant phone on at least this many unrelated applicants' records is shared (default 2). */
  readonly sharedPhoneMinPrincipals?: number;
  /** Suspects scoring below this are left out (default 45). */
  readonly minScore?: number;
  /** Seed of the Louvain random source: same data and seed, same rings. */
  readonly seed?: number;
}

export type ResolvedOptions = Required<Omit<DetectionOptions, 'asOf'>> & { readonly asOf: Date | null };

export const DEFAULT_OPTIONS: ResolvedOptions = {
  asOf: null, windowDays: 90, maxSharers: 50, hoardMinPrincipals: 3, sharedPhoneMinPrincipals: 2, minScore: 45, seed: 20260301,
};

export interface Suspect {
  readonly idNumber: string;
  readonly phone: string | null;
  /** INDIVIDUAL, or CLERK:<organisation kind> for a registered clerk judged against that segment's baseline. */
  readonly segment: string;
  /** 0–100, higher is more suspicious. */
  readonly score: number;
  readonly ringId: string | null;
  /** Plain-Chinese reasons with their numbers, strongest first. */
  readonly reasons: string[];
  readonly evidence: Record<string, number | string>;
}

export interface Ring {
  readonly ringId: string;
  readonly members: string[];
  readonly phones: string[];
  readonly bookerAccounts: string[];
  readonly favouredHandlers: string[];
  readonly transactionCount: number;
  readonly firstSeen: string | null;
  readonly lastSeen: string | null;
}

export interface ColludingHandler {
  readonly handlerId: string;
  /** Agents significantly over-represented with this handler who are themselves suspects. */
  readonly agents: string[];
  /** Largest lift among those agents (observed / expected). */
  readonly lift: number;
  /** Smallest upper-tail p-value of the tests that named this handler. */
  readonly pValue: number;
  /** Cases the suspects (or the ring) brought this handler, and how many the handler's share predicts. */
  readonly observed: number;
  readonly expected: number;
  /** Rings that favour this handler. */
  readonly ringIds: string[];
}

export interface DetectionResult {
  readonly asOf: string | null;
  readonly windowDays: number;
  readonly suspects: Suspect[];
  readonly rings: Ring[];
  readonly colludingHandlers: ColludingHandler[];
}
