import { createHash } from 'node:crypto';

/**
 * Canonical JSON: object keys sorted at every depth (UTF-16 code-unit order), so the same content
 * always hashes the same. Every stored entry's hash depends on this exact text: any change must
 * keep it byte for byte. Written as loops because it runs for every audit entry of every batch.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  let out = '{';
  for (const key of Object.keys(record).sort()) {
    const item = record[key];
    if (item === undefined) continue;
    out += `${out.length === 1 ? '' : ','}${JSON.stringify(key)}:${canonicalJson(item)}`;
  }
  return `${out}}`;
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
