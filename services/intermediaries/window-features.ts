/**
 * The full run's per-agent aggregates and agent–handler pairs, counted in this process from
 * two scans of the window (window-scan.ts): the agents' rows, kept, then every row for the
 * counts that span the window (who else used a phone or booking, each station's handlers).
 * The same aggregates for a few agents are one SQL statement (agent-features.ts, the
 * incremental update); both must agree exactly, which recompute.test.ts checks. The quirks
 * of SQL are therefore kept: a row whose kinship is unknown (the agent has a home, the
 * applicant none) counts neither as kin nor as unrelated; mode() breaks ties by the smallest
 * value; identifiers are counted over all window rows, registered phones left out.
 */
import { COMPOUND_SURNAMES, normaliseAddress } from '../domain/index.ts';
import type { AgentFeatures } from './agent-features.ts';
import { MIN_PAIR, toPairs, type AgentHandlerPair, type PairRow } from './collusion.ts';
import { cellOf, handlerCells, type HandlerCells } from './handler-cells.ts';
import { HUB_ROWS, type HubIdentifiers } from './hub-identifiers.ts';
import type { Reader } from './reader.ts';
import type { ResolvedOptions } from './types.ts';
import { DistinctCounter, mode, own, Tally } from './tally.ts';

const ownOrNull = (text: string | null | undefined): string | null => (text == null ? null : own(text));
import { scanWindow, type Fields } from './window-scan.ts';
import { registeredPhones, type Window } from './window.ts';

/** One agent's window row, as the aggregates need it. */
interface AgentRow {
  readonly applicantKey: string;
  readonly principal: string;
  readonly applicantPhone: string | null;
  readonly addressNorm: string | null;
  readonly agentPhone: string | null;
  readonly orgCode: string | null;
  readonly bookerPhone: string | null;
  readonly bookerAccount: string | null;
  /** `${station_code}\u0000${type}`: the row's cell for the pairs; its station for the count of stations. */
  readonly cell: string;
  readonly handler: string;
  /** accepted_at, epoch milliseconds. */
  readonly acceptedAt: number;
}

/** The applicant's columns a principal is made of (principalOf), first in both scans. */
const APPLICANT_COLUMNS = ['t.applicant_key', 't.applicant_kind', 't.applicant_name', 't.applicant_address_norm'];

const AGENT_COLUMNS = [...APPLICANT_COLUMNS, 't.agent_id_number', 't.applicant_phone', 't.agent_phone',
  't.agent_org_code', 't.booker_phone', 't.booker_account', 't.station_code', 't.type', 't.handler_id', "t.accepted_at AT TIME ZONE 'UTC'"];

/** The columns of every row that the window-wide counts need. */
const ALL_COLUMNS = [...APPLICANT_COLUMNS, 't.applicant_phone', 't.booker_phone', 't.booker_account', 't.agent_id_number', 't.agent_phone'];


const COMPOUNDS = new Set(COMPOUND_SURNAMES);

/** The first `n` characters (code points, as SQL's left()) of `text` with spaces trimmed at both ends (btrim). */
function leftOfTrimmed(text: string, n: number): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) === 32) start++;
  while (end > start && text.charCodeAt(end - 1) === 32) end--;
  let out = '';
  for (let i = start, taken = 0; i < end && taken < n; taken++) {
    const cp = text.codePointAt(i)!;
    out += String.fromCodePoint(cp);
    i += cp > 0xffff ? 2 : 1;
  }
  return out;
}

/** surnameSql of window.ts, in this process: a compound surname takes two characters. */
function surnameOfName(name: string | null): string | null {
  if (name === null) return null;
  const two = leftOfTrimmed(name, 2);
  if (COMPOUNDS.has(two)) return two;
  const one = leftOfTrimmed(name, 1);
  return one === '' ? null : one;
}

/** principalSql of agent-features.ts, in this process, from the APPLICANT_COLUMNS fields (f[0..3]). */
function principalOf(f: Fields): string {
  const [key, kind, name, address] = f as [string, string, string | null, string | null];
  if (kind !== 'PERSON' || address === null) return key;
  const surname = surnameOfName(name);
  return surname === null ? key : `${surname}|${address}`;
}


interface Reference {
  readonly registered: ReadonlySet<string>;
  readonly orgKind: ReadonlyMap<string, string>;
  /** `${orgCode}\u0000${idNumber}` of registered clerks. */
  readonly clerks: ReadonlySet<string>;
}

async function reference(sql: Reader): Promise<Reference> {
  const registered = await registeredPhones(sql);
  const orgs = await sql.query<{ org_code: string; kind: string | null }>('SELECT org_code, kind::text AS kind FROM organisation');
  const clerks = await sql.query<{ org_code: string; id_number: string }>('SELECT org_code, id_number FROM organisation_clerk');
  return {
    registered: new Set(registered),
    orgKind: new Map(orgs.flatMap((o) => (o.kind === null ? [] : [[o.org_code, o.kind] as const]))),
    clerks: new Set(clerks.map((c) => `${c.org_code}\u0000${c.id_number}`)),
  };
}

async function agentRows(sql: Reader, window: Window): Promise<Map<string, AgentRow[]>> {
  const byAgent = new Map<string, AgentRow[]>();
  await scanWindow(sql, window, { columns: AGENT_COLUMNS, where: 't.agent_id_number IS NOT NULL' }, (f) => {
    // Kept fields are copied (own): a slice of the chunk's text would keep all of it, names included.
    const row: AgentRow = {
      applicantKey: own(f[0]!), principal: own(principalOf(f)), addressNorm: ownOrNull(f[3]), applicantPhone: ownOrNull(f[5]), agentPhone: ownOrNull(f[6]),
      orgCode: ownOrNull(f[7]), bookerPhone: ownOrNull(f[8]), bookerAccount: ownOrNull(f[9]), cell: own(cellOf(f[10]!, f[11]!)), handler: own(f[12]!),
      acceptedAt: Date.parse(`${f[13]!.replace(' ', 'T')}Z`),
    };
    const agent = f[4]!;
    const rows = byAgent.get(agent);
    if (rows) rows.push(row);
    else byAgent.set(own(agent), [row]);
  });
  return byAgent;
}

async function homesOf(sql: Reader, agents: readonly string[]): Promise<Map<string, string | null>> {
  const rows = await sql.query<{ key: string; address: string | null }>('SELECT key, address FROM person WHERE key = ANY($1::text[])', [agents.map((a) => `P:${a}`)]);
  return new Map(rows.map((r) => [r.key.slice(2), normaliseAddress(r.address)]));
}

/** Window-wide counts: distinct principals per identifier on agents' rows, distinct agents per agent phone, cells for the pairs. */
interface WindowCounts {
  readonly phoneUsers: DistinctCounter;
  readonly bookerPhoneUsers: DistinctCounter;
  readonly bookerAccountUsers: DistinctCounter;
  readonly agentPhoneUsers: DistinctCounter;
}

async function windowCounts(sql: Reader, window: Window, byAgent: ReadonlyMap<string, readonly AgentRow[]>, ref: Reference): Promise<WindowCounts> {
  const wanted = { phones: new Set<string>(), bookerPhones: new Set<string>(), bookerAccounts: new Set<string>() };
  for (const rows of byAgent.values()) {
    for (const r of rows) {
      if (r.applicantPhone !== null) wanted.phones.add(r.applicantPhone);
      if (r.bookerPhone !== null) wanted.bookerPhones.add(r.bookerPhone);
      if (r.bookerAccount !== null) wanted.bookerAccounts.add(r.bookerAccount);
    }
  }
  const counts: WindowCounts = {
    phoneUsers: new DistinctCounter(), bookerPhoneUsers: new DistinctCounter(), bookerAccountUsers: new DistinctCounter(),
    agentPhoneUsers: new DistinctCounter(),
  };
  await scanWindow(sql, window, { columns: ALL_COLUMNS }, (f) => {
    const [phone, bookerPhone, bookerAccount, agent, agentPhone] = [f[4] ?? null, f[5] ?? null, f[6] ?? null, f[7] ?? null, f[8] ?? null];
    const bookerPhoneFree = bookerPhone === null || !ref.registered.has(bookerPhone);
    const phoneWanted = phone !== null && wanted.phones.has(phone) && !ref.registered.has(phone);
    const bookerPhoneWanted = bookerPhone !== null && bookerPhoneFree && wanted.bookerPhones.has(bookerPhone);
    const bookerAccountWanted = bookerAccount !== null && bookerPhoneFree && wanted.bookerAccounts.has(bookerAccount);
    if (phoneWanted || bookerPhoneWanted || bookerAccountWanted) {
      const principal = principalOf(f);
      if (phoneWanted) counts.phoneUsers.add(phone, principal);
      if (bookerPhoneWanted) counts.bookerPhoneUsers.add(bookerPhone, principal);
      if (bookerAccountWanted) counts.bookerAccountUsers.add(bookerAccount, principal);
    }
    // count(*) of DISTINCT (agent_phone, agent_id_number): a missing agent counts as one more value.
    if (agentPhone !== null && !ref.registered.has(agentPhone)) counts.agentPhoneUsers.add(agentPhone, agent ?? '\u0000');
  });
  return counts;
}

const greatest = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : Math.max(a, b));

interface Aggregated { readonly features: AgentFeatures; readonly hub: HubIdentifiers | null }

/** One agent's aggregates from their rows (see the module comment for the SQL semantics kept). */
function aggregate(agent: string, rows: readonly AgentRow[], home: string | null, counts: WindowCounts, ref: Reference, o: ResolvedOptions): Aggregated {
  const principals = new Set<string>();
  const [unrelated, kin, ownPhone, shared, hoarded, cells] = [new Set<string>(), new Set<string>(), new Set<string>(), new Set<string>(), new Set<string>(), new Set<string>()];
  const hub = { phones: new Set<string>(), bookerPhones: new Set<string>(), bookerAccounts: new Set<string>() };
  const [phones, orgCodes, orgKinds] = [new Tally(), new Tally(), new Tally()];
  let [maxAgentPhoneUsers, asClerk, first, last] = [null as number | null, 0, rows[0]!.acceptedAt, rows[0]!.acceptedAt];
  for (const r of rows) {
    principals.add(r.applicantKey);
    cells.add(r.cell);
    if (r.acceptedAt < first) first = r.acceptedAt;
    if (r.acceptedAt > last) last = r.acceptedAt;
    if (r.agentPhone !== null) phones.add(r.agentPhone);
    if (r.orgCode !== null) orgCodes.add(r.orgCode);
    const kind = r.orgCode === null ? undefined : ref.orgKind.get(r.orgCode);
    if (kind !== undefined) orgKinds.add(kind);
    if (r.orgCode !== null && ref.clerks.has(`${r.orgCode}\u0000${agent}`)) asClerk++;
    const phoneN = r.applicantPhone === null ? null : counts.phoneUsers.count(r.applicantPhone);
    const bookerPhoneN = r.bookerPhone === null ? null : counts.bookerPhoneUsers.count(r.bookerPhone);
    const bookerAccountN = r.bookerAccount === null ? null : counts.bookerAccountUsers.count(r.bookerAccount);
    const agentPhoneN = r.agentPhone === null ? null : counts.agentPhoneUsers.count(r.agentPhone);
    if (agentPhoneN !== null) maxAgentPhoneUsers = Math.max(maxAgentPhoneUsers ?? 0, agentPhoneN);
    if (phoneN !== null && phoneN >= 2) hub.phones.add(r.applicantPhone!);
    if (bookerPhoneN !== null && bookerPhoneN >= 2) hub.bookerPhones.add(r.bookerPhone!);
    if (bookerAccountN !== null && bookerAccountN >= 2) hub.bookerAccounts.add(r.bookerAccount!);
    // SQL's three-valued kinship: unknown when the agent has a home and the applicant no address.
    const isKin = home === null ? false : r.addressNorm === null ? null : r.addressNorm === home;
    if (isKin === true) kin.add(r.applicantKey);
    if (isKin !== false) continue;
    unrelated.add(r.principal);
    if (r.applicantPhone !== null && r.applicantPhone === r.agentPhone) ownPhone.add(r.principal);
    if (phoneN !== null && phoneN >= o.sharedPhoneMinPrincipals) shared.add(r.principal);
    const bookerN = greatest(bookerPhoneN, bookerAccountN);
    if (bookerN !== null && bookerN >= o.hoardMinPrincipals) hoarded.add(r.principal);
  }
  const features: AgentFeatures = {
    agent, phone: mode(phones), transactions: rows.length, principals: principals.size, unrelated: unrelated.size, kin: kin.size,
    ownPhone: ownPhone.size, sharedPhone: shared.size, hoarded: hoarded.size, phoneCoAgents: Math.max((maxAgentPhoneUsers ?? 1) - 1, 0),
    asClerk, orgCode: mode(orgCodes), orgKind: mode(orgKinds), stations: new Set([...cells].map((c) => c.slice(0, c.indexOf('\u0000')))).size,
    firstSeen: new Date(first).toISOString(), lastSeen: new Date(last).toISOString(),
  };
  const sorted = (s: Set<string>) => [...s].sort();
  return {
    features,
    hub: rows.length >= HUB_ROWS ? { agent, phones: sorted(hub.phones), bookerPhones: sorted(hub.bookerPhones), bookerAccounts: sorted(hub.bookerAccounts) } : null,
  };
}


/** The agent–handler pairs of collusion.ts: observed against the handler's share of each cell the agent worked in. */
function pairsOf(agent: string, rows: readonly AgentRow[], cells: HandlerCells): PairRow[] {
  const agentCells = new Tally();
  const byHandler = new Tally();
  for (const r of rows) {
    agentCells.add(r.cell);
    byHandler.add(r.handler);
  }
  const pairs: PairRow[] = [];
  for (const [handler, observed] of byHandler.entries()) {
    if (observed < MIN_PAIR) continue;
    let expected = 0;
    for (const [cell, n] of agentCells.entries()) {
      const handlerN = cells.handled(cell, handler);
      if (handlerN > 0) expected += (n * handlerN) / cells.total(cell);
    }
    pairs.push({ agent, handler, observed, total: rows.length, expected });
  }
  return pairs;
}

export interface WindowAggregates {
  readonly features: AgentFeatures[];
  /** Hubs' identifiers for incremental updates (hub-identifiers.ts). */
  readonly hubs: HubIdentifiers[];
  readonly pairs: AgentHandlerPair[];
  /** The window's cases per station × type and handler, for the concentration tests. */
  readonly cells: HandlerCells;
}

/** Aggregates of every agent of the window, with the hubs' identifiers, the agent–handler pairs and the window's handler cells. */
export async function agentFeatures(sql: Reader, window: Window, o: ResolvedOptions): Promise<WindowAggregates> {
  const ref = await reference(sql);
  const cells = await handlerCells(sql, window);
  const byAgent = await agentRows(sql, window);
  const homes = await homesOf(sql, [...byAgent.keys()]);
  const counts = await windowCounts(sql, window, byAgent, ref);
  const features: AgentFeatures[] = [];
  const hubs: HubIdentifiers[] = [];
  const pairs: PairRow[] = [];
  for (const agent of [...byAgent.keys()].sort()) {
    const rows = byAgent.get(agent)!;
    const { features: f, hub } = aggregate(agent, rows, homes.get(agent) ?? null, counts, ref, o);
    features.push(f);
    if (hub) hubs.push(hub);
    pairs.push(...pairsOf(agent, rows, cells));
  }
  return { features, hubs, pairs: toPairs(pairs), cells };
}
