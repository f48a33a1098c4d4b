export { appendAudit, type AuditEvent } from './append.ts';
export { canonicalJson, entryHash, sha256Hex, GENESIS_HASH } from './canonical.ts';
export { verifyAuditChain, type ChainBreak, type VerifyResult } from './verify.ts';
export { listAudit, listAuditQuery, type AuditEntryView } from './list-audit.ts';
