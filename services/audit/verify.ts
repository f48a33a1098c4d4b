import type { Database } from '../platform/db.ts';
import { GENESIS_HASH, entryHash } from './canonical.ts';

export interface ChainBreak {
  readonly seq: string;
  /** PREV_HASH: the link to the previous entry is wrong (an entry removed or reordered); HASH: the content changed; GAP: a sequence number is missing. */
  readonly kind: 'PREV_HASH' | 'HASH' | 'GAP';
  readonly expected: string;
  readonly found: string;
  readonly action: string;
  readonly at: string;
}

export interface VerifyResult {
  readonly ok: boolean;
  readonly entries: number;
  readonly lastSeq: string | null;
  readonly lastHash: string;
  readonly firstBreak: ChainBreak | null;
}

const PAGE = 2_000;

/**
 * Walks the whole audit chain in seq order, a page at a time (constant memory), recomputing every
 * hash; stops at the first entry that breaks the chain and names it.
 */
export async function verifyAuditChain(db: Database, onProgress?: (entries: number) => void): Promise<VerifyResult> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1n;
  let entries = 0;
  let after = 0n;
  let lastSeq: bigint | null = null;
  for (;;) {
    const page = await db.prisma.auditEntry.findMany({ where: { seq: { gt: after } }, orderBy: { seq: 'asc' }, take: PAGE });
    for (const e of page) {
      const brokenAs = (kind: ChainBreak['kind'], expected: string, found: string): VerifyResult => ({
        ok: false, entries, lastSeq: lastSeq?.toString() ?? null, lastHash: prevHash,
        firstBreak: { seq: e.seq.toString(), kind, expected, found, action: e.action, at: e.at.toISOString() },
      });
      if (e.seq !== expectedSeq) return brokenAs('GAP', expectedSeq.toString(), e.seq.toString());
      if (e.prevHash !== prevHash) return brokenAs('PREV_HASH', prevHash, e.prevHash);
      const hash = entryHash(prevHash, e);
      if (hash !== e.hash) return brokenAs('HASH', hash, e.hash);
      prevHash = hash;
      expectedSeq += 1n;
      entries += 1;
      lastSeq = e.seq;
    }
    onProgress?.(entries);
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.seq;
  }
  return { ok: true, entries, lastSeq: lastSeq?.toString() ?? null, lastHash: prevHash, firstBreak: null };
}
