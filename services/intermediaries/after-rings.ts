/**
 * What the detector asks of the window once the suspects and rings are known, in one scan
 * (window-scan.ts) instead of three reads through the identifier indexes: a few thousand
 * phones scattered over a million rows are most of the table's pages, read at random, which
 * the embedded engine does slowly.
 *   - Concentration (handler-concentration.ts): each transaction goes to one unit — its agent
 *     when the agent is a unit, else the smallest ring whose phone (applicant's or booker's) or
 *     booker account it carries — and is counted per unit, cell and handler.
 *   - Ring activity: per ring, the transactions carrying a member (as agent) or one of its
 *     phones (applicant's, agent's or booker's) or accounts, first and last.
 *   - Ring identifiers (recompute/ring-identifiers.ts): per ring and phone or account, the
 *     ring's members among the agents of the transactions carrying it, those transactions,
 *     first and last.
 */
import { cellOf } from './handler-cells.ts';
import type { ConcentrationUnit } from './handler-concentration.ts';
import type { Reader } from './reader.ts';
import { scanWindow, type Fields } from './window-scan.ts';
import type { Window } from './window.ts';

const COLUMNS = ['t.agent_id_number', 't.applicant_phone', 't.agent_phone', 't.booker_phone', 't.booker_account',
  't.station_code', 't.type', 't.handler_id', "t.accepted_at AT TIME ZONE 'UTC'"];

export interface RingKeys {
  readonly ringId: string;
  readonly members: readonly string[];
  readonly phones: readonly string[];
  readonly bookerAccounts: readonly string[];
}

/** Transactions, first and last (epoch ms), members seen. */
export interface Uses { transactions: number; first: number; last: number; readonly members: Set<string> }

export interface AfterRings {
  /** Per unit: cell → handler → cases. */
  readonly unitCases: Map<string, Map<string, Map<string, number>>>;
  /** Per ring. */
  readonly activity: Map<string, Uses>;
  /** Per ring, per `m:` phone or `a:` account. */
  readonly identifierUses: Map<string, Map<string, Uses>>;
}

const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

const used = (uses: Uses | undefined, at: number): Uses => {
  const u = uses ?? { transactions: 0, first: at, last: at, members: new Set<string>() };
  u.transactions++;
  if (at < u.first) u.first = at;
  if (at > u.last) u.last = at;
  return u;
};

/** The smaller of `best` and the first (smallest) of `units`. */
function smaller(best: string | null, units: readonly string[] | undefined): string | null {
  const first = units?.[0];
  return first !== undefined && (best === null || first < best) ? first : best;
}

/** Lookups of the units' and rings' identifiers by their raw values (no key built per row). */
class Keys {
  readonly agentUnits = new Set<string>();
  /** Phone or account → the rings it assigns a transaction to (concentration units), smallest first. */
  readonly unitsOfPhone = new Map<string, string[]>();
  readonly unitsOfAccount = new Map<string, string[]>();
  /** Member, phone or account → the rings it belongs to. */
  readonly ringsOfMember = new Map<string, string[]>();
  readonly ringsOfPhone = new Map<string, string[]>();
  readonly ringsOfAccount = new Map<string, string[]>();
  readonly membersOf = new Map<string, ReadonlySet<string>>();

  constructor(units: readonly ConcentrationUnit[], rings: readonly RingKeys[]) {
    for (const u of units) {
      for (const key of u.keys) {
        const [kind, value] = [key.slice(0, 2), key.slice(2)];
        if (kind === 'p:') this.agentUnits.add(value);
        else push(kind === 'm:' ? this.unitsOfPhone : this.unitsOfAccount, value, u.unit);
      }
    }
    for (const list of [...this.unitsOfPhone.values(), ...this.unitsOfAccount.values()]) list.sort();
    for (const r of rings) {
      this.membersOf.set(r.ringId, new Set(r.members));
      for (const m of r.members) push(this.ringsOfMember, m, r.ringId);
      for (const p of r.phones) push(this.ringsOfPhone, p, r.ringId);
      for (const a of r.bookerAccounts) push(this.ringsOfAccount, a, r.ringId);
    }
  }

  /** The unit a transaction's cases go to (see the module comment), or null. */
  unitOf(agent: string | null, applicantPhone: string | null, bookerPhone: string | null, account: string | null): string | null {
    if (agent !== null && this.agentUnits.has(agent)) return agent;
    let best = applicantPhone === null ? null : smaller(null, this.unitsOfPhone.get(applicantPhone));
    if (bookerPhone !== null) best = smaller(best, this.unitsOfPhone.get(bookerPhone));
    return account === null ? best : smaller(best, this.unitsOfAccount.get(account));
  }
}

function countCase(out: AfterRings, unit: string, cell: string, handler: string): void {
  let cells = out.unitCases.get(unit);
  if (!cells) out.unitCases.set(unit, cells = new Map());
  let handlers = cells.get(cell);
  if (!handlers) cells.set(cell, handlers = new Map());
  handlers.set(handler, (handlers.get(handler) ?? 0) + 1);
}

/** The rings each of the row's phones and its account belong to, as (ring, `m:`/`a:` key), each key once. */
function identifierRings(f: Fields, keys: Keys): Array<[string, string]> | null {
  let found: Array<[string, string]> | null = null;
  for (let c = 1; c <= 4; c++) {
    const value = f[c];
    if (value == null || (c > 1 && c < 4 && (value === f[1] || (c === 3 && value === f[2])))) continue;
    const rings = (c === 4 ? keys.ringsOfAccount : keys.ringsOfPhone).get(value);
    if (rings) for (const ring of rings) (found ??= []).push([ring, `${c === 4 ? 'a:' : 'm:'}${value}`]);
  }
  return found;
}

function take(f: Fields, keys: Keys, out: AfterRings): void {
  const agent = f[0] ?? null;
  const unit = keys.unitOf(agent, f[1] ?? null, f[3] ?? null, f[4] ?? null);
  if (unit !== null) countCase(out, unit, cellOf(f[5]!, f[6]!), f[7]!);
  const asMember = agent === null ? undefined : keys.ringsOfMember.get(agent);
  const byIdentifier = identifierRings(f, keys);
  if (asMember === undefined && byIdentifier === null) return;
  const at = Date.parse(`${f[8]!.replace(' ', 'T')}Z`);
  const touched = new Set<string>([...asMember ?? [], ...(byIdentifier ?? []).map(([ring]) => ring)]);
  for (const ring of touched) out.activity.set(ring, used(out.activity.get(ring), at));
  for (const [ring, key] of byIdentifier ?? []) {
    let byKey = out.identifierUses.get(ring);
    if (!byKey) out.identifierUses.set(ring, byKey = new Map());
    const uses = used(byKey.get(key), at);
    if (agent !== null && keys.membersOf.get(ring)?.has(agent)) uses.members.add(agent);
    byKey.set(key, uses);
  }
}

export async function afterRings(sql: Reader, window: Window, units: readonly ConcentrationUnit[], rings: readonly RingKeys[]): Promise<AfterRings> {
  const out: AfterRings = { unitCases: new Map(), activity: new Map(), identifierUses: new Map() };
  if (units.length === 0 && rings.length === 0) return out;
  const keys = new Keys(units, rings);
  await scanWindow(sql, window, { columns: COLUMNS }, (f) => take(f, keys, out));
  return out;
}
