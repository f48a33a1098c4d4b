/** Intermediary (黄牛) detection, identity resolution and the investigator's views (issue 5). See README.md. */
export { detectIntermediaries, resolveOptions } from './detect.ts';
export { intermediariesJson, toFlaggedRings, type IntermediaryLine } from './export.ts';
export { evaluateDetection, type Evaluation } from './evaluate.ts';
export { ingestSimulated, loadSimulatedWorld } from './simulated-world.ts';
export { DEFAULT_OPTIONS, type ColludingHandler, type DetectionOptions, type DetectionResult, type Ring, type Suspect } from './types.ts';

// Persisted detection: the full recompute job and the incremental ingest hook.
export { runFullRecompute, type RecomputeRequest, type RecomputeSummary } from './recompute/run-recompute.ts';
export { RECOMPUTE_QUEUE, recomputeHandler, requestRecompute, scheduleRecompute, type RecomputeJob, type RecomputeSettings } from './recompute/recompute-job.ts';
export { listRuns, type RunView } from './recompute/list-runs.ts';
export { intermediariesIngestHook, INLINE_AGENTS } from './incremental/ingest-hook.ts';
export { rescoreDeferred } from './incremental/deferred.ts';
export { refreshRings, type RingRefreshRequest, type RingRefreshSummary } from './incremental/refresh-rings.ts';
export { refreshSearchKeys } from './identity/search-keys.ts';

// Identity: address and name normalisation, links between records, person references.
export { canonicalAddress } from '../domain/index.ts';
export { editDistance, normaliseName } from './identity/names.ts';
export { assessLink, AUTO_MERGE_CONFIDENCE, MIN_LINK_CONFIDENCE, type LinkAssessment, type PersonRecord } from './identity/link-scoring.ts';
export { decidePersonLink, decideLinkInput, type LinkDecision } from './identity/decide-link.ts';
export { resolvePersonRef } from './identity/person-ref.ts';

// The investigator's use cases (every one an audited read, masked per viewer).
export { HANDLER_LIST_ROLES, INVESTIGATION_ROLES, type Viewer } from './investigate/viewer.ts';
export { searchPeople, type SearchResult } from './investigate/search-people.ts';
export { classify as classifySearch, SEARCH_KINDS, searchQuery, type SearchKind } from './investigate/search-query.ts';
export type { PersonHit, Role, RoleUse } from './investigate/person-hits.ts';
export type { HandlerHit } from './investigate/handler-search.ts';
export type { VehicleHit } from './investigate/identifier-searches.ts';
export { getPersonProfile, type PersonProfile, type ProfileOptions } from './investigate/get-person-profile.ts';
export type { LinkView, TimelineEntry } from './investigate/profile-parts.ts';
export { listSuspects, suspectFilters, type SuspectFilters, type SuspectItem, type SuspectPage } from './investigate/list-suspects.ts';
export { exportSuspectsCsv } from './investigate/export-suspects-csv.ts';
export { getRing, listRings, type RingDetail, type RingSummary } from './investigate/get-ring.ts';
export type { EdgeKind, NetworkEdge, NetworkNode, NodeKind } from './investigate/ring-network.ts';
export { listColludingHandlers, type ColludingHandlerView } from './investigate/list-colluding-handlers.ts';
