/**
 * What the 41 risk points evaluate over. A point never queries anything: everything it needs
 * is here, so points are pure and the same Features always give the same outcome.
 *
 * Who fills what
 * - `tx`, `reference`, `revision`: the ingest pipeline, from the validated transaction, the
 *   reference data and the earlier versions it has stored.
 * - `aggregates`: the feature fetcher (PostgreSQL), at ingestion time, then kept with the
 *   assessment — "a later transaction never adds a hit to an earlier one", so re-evaluating
 *   later (photos, rings, sweep) reuses the aggregates computed at ingestion.
 * - `photos`, `rings`, `toleranceSweep`: the photo pipeline, the ring detector and the
 *   periodic sweep. Until they have run the field is `undefined` and the points that need it
 *   report `pending`.
 *
 * Windows (design)
 * Window lengths are rule-set parameters, so the fetcher is told which to use: it receives a
 * `FeatureRequest` (feature-request.ts, derived from the active rule set) and echoes the
 * length it used in every windowed aggregate (`Windowed<T>.windowDays`). A point whose
 * parameter differs from the echoed window throws, which the scorer turns into an `error`
 * outcome (forcing review) instead of silently judging the wrong window. This keeps the
 * fetcher to one plain set-based query per aggregate (COUNT DISTINCT / SELECT DISTINCT with
 * `accepted_at > t - N days AND accepted_at <= t`), without shipping raw transaction lists
 * into every evaluation; the family (R16) and surname (R15) rules stay in TypeScript because
 * the fetcher returns the distinct applicants with name and address, not a bare count.
 *
 * Definitions shared by every aggregate
 * - t = this transaction's acceptedAt. "Window N days" = acceptedAt in (t − N×24 h, t].
 * - The population is: this transaction as now received, plus, for every OTHER transaction
 *   id ingested before it, its latest version ingested before it. Earlier versions of this
 *   transaction's id are never "another transaction". Every status counts (REJECTED and
 *   CANCELLED too).
 * - Keys and values are compared normalised, as stored at ingest with services/domain:
 *   parties by `partyKey` ("P:"+idNumber / "O:"+orgCode), phones by `normalisePhone`,
 *   addresses by `normaliseAddress`, plates by `normalisePlate`, VINs by `normaliseVin`.
 *   A null key never matches anything.
 */
import type { ApplicantKind, BusinessTypeCode, MaterialKind, TransactionStatus } from '../domain/index.ts';
import type { Handler, ListEntry, Organisation, Station, Transaction } from '../ingest/schema/index.ts';
import type { PhotoFindings, PhotoHashMatch } from './photo-findings.ts';

export type { PhotoFindings, PhotoHashMatch } from './photo-findings.ts';

export interface Features {
  /** The transaction version being assessed, as validated by `transactionSchema`. */
  readonly tx: Transaction;
  readonly reference: ReferenceFeatures;
  /** R08. Null when no earlier version of this transaction id has been received. */
  readonly revision: RevisionContext | null;
  readonly aggregates: Aggregates;
  /**
   * R28–R38: one entry per declared photo, in `tx.photos` order, once every photo of the
   * transaction has been through the photo pipeline (photoChecks DONE); undefined before.
   */
  readonly photos: readonly PhotoFindings[] | undefined;
  /**
   * R21: the rings flagged by the intermediary detector at scoring time that may contain the
   * applicant, the agent or either's phone (the point matches exactly, so returning more
   * flagged rings is harmless); [] when none; undefined until the detector has run.
   */
  readonly rings: readonly FlaggedRing[] | undefined;
  /** R25: what the tolerance sweep found at toleranceDueAt; undefined until it has run. */
  readonly toleranceSweep: ToleranceSweepState | undefined;
}

export interface ReferenceFeatures {
  /** The station of `tx.stationCode`, or null when the reference data does not know it. */
  readonly station: Station | null;
  /** The handler of `tx.handlerId`, or null when unknown (R01 fires). */
  readonly handler: Handler | null;
  /** The handler of `tx.approverId`, or null when there is none or it is unknown. */
  readonly approver: Handler | null;
  /**
   * Registered organisations relevant here: at least the one whose orgCode is
   * `tx.agent.orgCode` (registered-clerk test, R16) and every one whose phones or clerk
   * phones include the applicant's normalised phone (R14). The whole list is also correct.
   */
  readonly organisations: readonly Organisation[];
  /**
   * Intermediary blacklist entries that may match the applicant's or agent's idNumber or
   * phone (R17). The point re-matches exactly, so the whole list is also correct.
   */
  readonly intermediaryBlacklist: readonly ListEntry[];
  /** Person watch list entries that may match the applicant's or agent's idNumber (R11); likewise. */
  readonly personWatchlist: readonly ListEntry[];
}

/** The fields of one earlier version that R08 compares, as received. */
export interface VersionSnapshot {
  readonly version: number;
  readonly status: TransactionStatus;
  readonly type: BusinessTypeCode;
  readonly applicantIdNumber: string | null;
  readonly applicantOrgCode: string | null;
  readonly agentIdNumber: string | null;
  readonly plate: string | null;
  readonly vin: string | null;
}

export interface RevisionContext {
  /** The highest version received before this one: the version this revision changes. */
  readonly previous: VersionSnapshot;
  /** The version numbers of every earlier version that was received with status COMPLETED. */
  readonly completedVersions: readonly number[];
}

/** An aggregate over a window, with the window length (days) the fetcher actually used. */
export interface Windowed<T> {
  readonly windowDays: number;
  readonly value: T;
}

/** A distinct (party, name) pair seen on the transactions an aggregate ranges over. */
export interface PartyName {
  /** `partyKey` of the applicant. */
  readonly key: string;
  readonly kind: ApplicantKind;
  /** The applicant name as given on that transaction (a party may appear with several). */
  readonly name: string | null;
}

/** A distinct (party, name, normalised address) triple an agent acted for (R16). */
export interface Principal extends PartyName {
  /** `normaliseAddress(applicant.address)` on that transaction. */
  readonly address: string | null;
}

/** Another transaction of the same handler close in time (R04), with its station's position. */
export interface HandlerNearbyTransaction {
  readonly transactionId: string;
  readonly stationCode: string;
  readonly acceptedAt: string;
  /** The station's coordinates from the reference data; null when unknown. */
  readonly stationLat: number | null;
  readonly stationLon: number | null;
}

/** Another transaction carrying a material with the same sha256 (R24). */
export interface MaterialReuse {
  readonly sha256: string;
  readonly transactionId: string;
  /** `partyKey` of that transaction's applicant. */
  readonly applicantKey: string | null;
}

export interface PreviousRegistration {
  readonly transactionId: string;
  readonly type: 'REG_NEW' | 'TRANSFER';
  readonly acceptedAt: string;
}

export interface Aggregates {
  /**
   * R07. Transactions with this `handlerId` whose acceptedAt falls on this transaction's local
   * acceptance date in this station's zone — `localDayBounds(t, stationZone(station))`,
   * [start, end) — at any station, this one included.
   */
  readonly handlerDayCount: number;
  /**
   * R04. The handler's other transactions with |acceptedAt − t| ≤ `windowMinutes` (minutes),
   * at any station (the point keeps those at another station). Before and after t both
   * count: a transaction ingested earlier may carry a later acceptedAt. As the items carry
   * their acceptedAt, a window wider than the parameter is allowed (the point filters);
   * a narrower one is an error.
   */
  readonly handlerNearby: { readonly windowMinutes: number; readonly items: readonly HandlerNearbyTransaction[] };
  /**
   * R13. Transactions of type REG_NEW or TRANSFER whose applicant key equals this one's, in
   * the window, this one included when it is REG_NEW/TRANSFER. 0 for an organisation.
   */
  readonly applicantRegistrations: Windowed<number>;
  /**
   * R14. Distinct applicant keys over the transactions whose normalised applicant phone
   * equals this applicant's, in the window, this applicant included; 0 when the phone is null.
   */
  readonly applicantPhoneApplicants: Windowed<number>;
  /**
   * R15. Distinct (key, kind, name) of the applicants of the transactions whose normalised
   * applicant address equals this applicant's, in the window, this applicant included;
   * [] when the address is null.
   */
  readonly addressApplicants: Windowed<readonly PartyName[]>;
  /**
   * R16. Distinct (key, kind, name, normalised address) of the applicants of the transactions
   * whose agent idNumber equals this agent's, in the window, this one included; [] without
   * an agent, and [] for a registered clerk (R16 does not judge clerks: a dealer's clerk acts
   * for hundreds, and reading them all for every case was the batch's costliest aggregate).
   * Not filtered for families: the point applies that rule.
   */
  readonly agentPrincipals: Windowed<readonly Principal[]>;
  /**
   * R19. Over the transactions whose agent idNumber equals this agent's, in the window, this
   * one included: how many there are, and how many of them have this transaction's
   * handlerId. Both 0 without an agent.
   */
  readonly agentTransactions: Windowed<{ readonly total: number; readonly withThisHandler: number }>;
  /**
   * R20. Distinct applicant keys over the transactions whose appointment's normalised
   * bookerPhone equals this one's, in the window, this one included; 0 when absent.
   */
  readonly bookerPhoneApplicants: Windowed<number>;
  /** R20. The same for `appointment.bookerAccount`, compared exactly. */
  readonly bookerAccountApplicants: Windowed<number>;
  /**
   * R22. Among other transactions of type REG_NEW or TRANSFER with this normalised VIN and
   * acceptedAt ≤ t, the one with the latest acceptedAt; null when none or no VIN.
   */
  readonly previousRegistration: PreviousRegistration | null;
  /**
   * R24. For each material sha256 of this transaction, other transactions (any time) with a
   * material of that sha256. The fetcher may leave out those with the same applicant key and
   * may cap the list per sha256 (≥ 10 kept); the point filters "applicant differs" itself.
   */
  readonly materialReuse: readonly MaterialReuse[];
  /**
   * R33, exact part, known at ingestion: for each photo of this transaction, other
   * transactions (any time) with a photo of the same sha256, with their normalised VIN.
   * Same capping and filtering freedom as `materialReuse`.
   */
  readonly photoSha256Reuse: readonly PhotoHashMatch[];
}

/** A ring the intermediary detector has flagged, with its members as normalised keys. */
export interface FlaggedRing {
  readonly ringId: string;
  /** Members' idNumbers (normalised with `normaliseIdNumber`). */
  readonly memberIdNumbers: readonly string[];
  /** Members' phones (normalised with `normalisePhone`). */
  readonly memberPhones: readonly string[];
}

export interface ToleranceSweepState {
  /** The due time the sweep judged at: flags.toleranceDueAt, or acceptedAt + 10 days. */
  readonly dueAt: string;
  /** Material kinds of the latest version of this transaction received at or before dueAt. */
  readonly materialKindsAtDue: readonly MaterialKind[];
}
