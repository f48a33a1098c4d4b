export { appendAudit, type AuditEvent } from './append.ts';
export { canonicalJson, entryHash, sha256Hex, GENESIS_HASH } from './canonical.ts';
