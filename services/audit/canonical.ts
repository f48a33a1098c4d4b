import { createHash } from 'node:crypto';

/** Canonical JSON: object keys sorted at every depth, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditContent {
  readonly seq: bigint;
  readonly at: Date;
  readonly actor: string;
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string;
  readonly data: unknown;
}

/** The hash an entry must carry: SHA-256 over the previous hash and the entry's canonical content. */
export function entryHash(prevHash: string, entry: AuditContent): string {
  const content = canonicalJson({
    seq: entry.seq.toString(),
    at: entry.at.toISOString(),
    actor: entry.actor,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    data: entry.data,
  });
  return sha256Hex(`${prevHash}\n${content}`);
}
