/**
 * A person's profile (use case): every record merged into one view — the person's records
 * linked as the same person (confirmed, or suggested with high confidence), identity checks
 * (GB 11643 / GB 32100), the phones and addresses they used, their roles (applicant, agent,
 * booker), the transactions timeline, suspect score and ring, links to decide, and what the
 * reference data says (lists, clerkships, handler records). Opening a profile also looks for
 * new link suggestions around the person. An audited read.
 */
import { isValidUscc } from '../../domain/check-digits.ts';
import { ageOn, localDate } from '../../domain/index.ts';
import type { Database, Tx } from '../../platform/db.ts';
import { fail, ok, type Result } from '../../platform/errors.ts';
import { personRefWith, refSecret, resolvePersonRef } from '../identity/person-ref.ts';
import { findLinkCandidates, saveSuggestedLinks } from '../identity/suggest-links.ts';
import { lastFullRun } from '../incremental/full-run-state.ts';
import type { Reader } from '../reader.ts';
import { DEFAULT_OPTIONS } from '../types.ts';
import { handlersById, type HandlerHit } from './handler-search.ts';
import { combineRoles, personHits, type RoleUse } from './person-hits.ts';
import { idValidity, rolesOf } from './person-searches.ts';
import { addressesUsed, bookerRole, linksOf, mergedKeys, ownPhones, phonesUsed, standing, timeline, type LinkView, type Standing, type TimelineEntry, type UsedValue } from './profile-parts.ts';
import { auditedRead, INVESTIGATION_ROLES, mayRead, present, type Viewer } from './viewer.ts';

export interface PersonProfile {
  readonly ref: string;
  readonly kind: 'PERSON' | 'ORGANISATION';
  readonly idNumber: string | null;
  readonly orgCode: string | null;
  readonly name: string | null;
  /** Every name the merged records carry. */
  readonly names: string[];
  readonly identity: { readonly valid: boolean; readonly problem: string | null; readonly birthDate: string | null; readonly age: number | null; readonly region: string | null };
  /** Other records merged into this profile. */
  readonly merged: Array<{ readonly ref: string; readonly idNumber: string | null }>;
  readonly roles: RoleUse[];
  readonly phones: Array<Omit<UsedValue, 'value'> & { readonly phone: string }>;
  readonly addresses: Array<Omit<UsedValue, 'value'> & { readonly address: string }>;
  readonly suspect: { readonly score: number; readonly segment: string; readonly ringId: string | null; readonly reasons: string[]; readonly evidence: Record<string, unknown>; readonly updatedAt: string } | null;
  readonly links: LinkView[];
  readonly standing: Standing;
  readonly handlers: HandlerHit[];
  readonly timeline: TimelineEntry[];
  readonly timelineTotal: number;
}

export interface ProfileOptions {
  readonly timelineLimit?: number;
}

function identityOf(key: string, now: Date): PersonProfile['identity'] {
  if (key.startsWith('O:')) return { valid: isValidUscc(key.slice(2)), problem: isValidUscc(key.slice(2)) ? null : 'CHECK_DIGIT', birthDate: null, age: null, region: null };
  const id = key.slice(2);
  const check = idValidity(id);
  return { ...check, age: check.birthDate ? ageOn(check.birthDate, localDate(now)) : null, region: /^\d{6}/.test(id) ? id.slice(0, 6) : null };
}

interface SuspectRow extends Record<string, unknown> { score: number; segment: string; ring_id: string | null; reasons: string[]; evidence: Record<string, unknown>; updated_at: Date | string }

/** Suggestions around the person first, so that the merged view and the links reflect them. */
async function refreshLinks(reader: Reader, tx: Tx, key: string): Promise<void> {
  const maxSharers = (await lastFullRun(reader))?.options.maxSharers ?? DEFAULT_OPTIONS.maxSharers;
  await saveSuggestedLinks(tx, await findLinkCandidates(reader, maxSharers, { keys: [key] }), false);
}

async function suspectOf(reader: Reader, keys: readonly string[]): Promise<PersonProfile['suspect']> {
  const [row] = await reader.query<SuspectRow>('SELECT score, segment, ring_id, reasons, evidence, updated_at FROM intermediary_suspect WHERE person_key = ANY($1::text[]) ORDER BY score DESC LIMIT 1', [keys]);
  return row ? { score: row.score, segment: row.segment, ringId: row.ring_id, reasons: row.reasons, evidence: row.evidence, updatedAt: new Date(row.updated_at).toISOString() } : null;
}

async function namesOf(reader: Reader, keys: readonly string[]): Promise<string[]> {
  const rows = await reader.query<{ name: string }>(
    `SELECT DISTINCT name FROM (SELECT name FROM person WHERE key = ANY($1::text[]) UNION SELECT name FROM person_former_name WHERE person_key = ANY($1::text[])
       UNION SELECT applicant_name FROM transaction WHERE applicant_key = ANY($1::text[])) n
     WHERE name IS NOT NULL ORDER BY 1`, [keys]);
  return rows.map((r) => r.name);
}

async function readProfile(reader: Reader, tx: Tx, secret: Buffer, key: string, ref: string, limit: number, now: Date): Promise<Result<PersonProfile>> {
  const [record] = await reader.query<{ name: string | null }>('SELECT name FROM person WHERE key = $1', [key]);
  if (!record && (await rolesOf(reader, [key])).length === 0) return fail('NOT_FOUND', '没有此人的记录 (no such person)');
  await refreshLinks(reader, tx, key);
  const keys = await mergedKeys(reader, key);
  const hits = await personHits(reader, secret, await rolesOf(reader, keys));
  const facts = await standing(reader, keys);
  const own = await ownPhones(reader, keys);
  const booked = await bookerRole(reader, keys, own);
  const line = await timeline(reader, secret, keys, own, limit);
  return ok({
    ref, kind: key.startsWith('O:') ? 'ORGANISATION' : 'PERSON', idNumber: key.startsWith('P:') ? key.slice(2) : null, orgCode: key.startsWith('O:') ? key.slice(2) : null,
    name: record?.name ?? null, names: await namesOf(reader, keys), identity: identityOf(key, now),
    merged: keys.filter((k) => k !== key).map((k) => ({ ref: personRefWith(secret, k), idNumber: k.startsWith('P:') ? k.slice(2) : null })),
    roles: combineRoles([...hits.flatMap((h) => h.roles), ...(booked ? [{ role: 'BOOKER' as const, via: 'own-phone', ...booked }] : [])]),
    phones: (await phonesUsed(reader, keys)).map(({ value, ...rest }) => ({ phone: value, ...rest })),
    addresses: (await addressesUsed(reader, keys)).map(({ value, ...rest }) => ({ address: value, ...rest })),
    suspect: await suspectOf(reader, keys), links: await linksOf(reader, secret, [key]), standing: facts,
    handlers: await handlersById(reader, facts.handlerIds), timeline: line.entries, timelineTotal: line.total,
  });
}

export async function getPersonProfile(db: Database, viewer: Viewer, ref: string, options: ProfileOptions = {}, now = new Date()): Promise<Result<PersonProfile>> {
  const allowed = mayRead(viewer, INVESTIGATION_ROLES);
  if (!allowed.ok) return allowed;
  const resolved = await resolvePersonRef(db, ref);
  if (!resolved.ok) return resolved;
  const key = resolved.value;
  const secret = await refSecret(db);
  const limit = Math.min(Math.max(options.timelineLimit ?? 200, 1), 2000);
  const idField = key.startsWith('O:') ? { orgCode: key.slice(2) } : { idNumber: key.slice(2) };
  const result = await auditedRead(db, viewer, { action: 'investigation.person', entityType: 'person', entityId: ref, data: idField },
    (reader, tx) => readProfile(reader, tx, secret, key, ref, limit, now),
    (p) => ({ merged: p.merged.length, timeline: p.timeline.length }));
  return result.ok ? ok(present(viewer, result.value)) : result;
}
