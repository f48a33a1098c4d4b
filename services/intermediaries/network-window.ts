/**
 * The window's linking identifiers as integers, read in one scan (window-scan.ts): every
 * phone (`m:`) and booker account (`a:`) interned once, each identifier's count of distinct
 * people, and each transaction kept as its agent and its distinct identifiers. The edges are
 * counted over these integers (network-edges.ts); the strings are named again only for the
 * nodes that end in the network.
 */
import { grown, int32s, StringPool } from './network-tables.ts';
import type { Reader } from './reader.ts';
import { scanWindow, type Fields } from './window-scan.ts';
import { registeredPhones, type Window } from './window.ts';

export const NONE = -1;
/** A transaction as integers: its agent (or NONE), then its distinct identifiers (NONE after the last). */
export const ROW_WIDTH = 5;

const COLUMNS = ['t.applicant_key', 't.agent_id_number', 't.applicant_phone', 't.agent_phone', 't.booker_phone', 't.booker_account'];
/** The phones are the fields from FIRST_PHONE up to ACCOUNT, the booker account. */
const FIRST_PHONE = 2;
const ACCOUNT = 5;

/**
 * Distinct people per identifier. Most identifiers have one person (the client's own phone)
 * or two (and their agent): those two are kept in arrays, and a set is made only for an
 * identifier a third person used.
 */
class People {
  private counts = new Int32Array(1024);
  private firsts = new Int32Array(1024);
  private seconds = new Int32Array(1024);
  private readonly more = new Map<number, Set<number>>();

  /** People per identifier id; the people themselves are dropped with this object. */
  get perToken(): Int32Array {
    return this.counts;
  }

  add(token: number, person: number): void {
    if (token >= this.counts.length) {
      this.counts = grown(this.counts, token + 1, int32s);
      this.firsts = grown(this.firsts, token + 1, int32s);
      this.seconds = grown(this.seconds, token + 1, int32s);
    }
    const n = this.counts[token] as number;
    if (n === 0) {
      this.firsts[token] = person;
      this.counts[token] = 1;
    } else if (n === 1) {
      if (this.firsts[token] === person) return;
      this.seconds[token] = person;
      this.counts[token] = 2;
    } else if (n === 2) {
      if (this.firsts[token] === person || this.seconds[token] === person) return;
      this.more.set(token, new Set([this.firsts[token] as number, this.seconds[token] as number, person]));
      this.counts[token] = 3;
    } else {
      const set = this.more.get(token) as Set<number>;
      set.add(person);
      this.counts[token] = set.size;
    }
  }
}

export interface WindowTokens {
  /** `m:` + phone and `a:` + account. */
  readonly tokens: StringPool;
  /** Agents' ID numbers. */
  readonly agents: StringPool;
  /** ROW_WIDTH integers per transaction of the window. */
  readonly rows: Int32Array;
  readonly rowCount: number;
  /** Distinct people (applicants and agents) who used the identifier in the window. */
  people(token: number): number;
}

/**
 * Per transaction: the phones and account, each once, without registered phones (an office
 * line links no one); the applicant and the agent (as `P:` + ID number, the applicant key
 * of an agent who applies) are the people of each. The registered phones are interned first,
 * so an identifier is registered exactly when its id is below their count.
 */
class WindowReader {
  readonly tokens = new StringPool();
  readonly agents = new StringPool();
  private readonly persons = new StringPool();
  readonly people = new People();
  private personOfAgent = new Int32Array(1024).fill(NONE);
  rows = new Int32Array(ROW_WIDTH * 4096);
  rowCount = 0;
  /** Identifiers with smaller ids are registered phones. */
  private readonly registered: number;

  constructor(registered: readonly string[]) {
    for (const phone of registered) this.tokens.intern(phone, 'm:');
    this.registered = this.tokens.size;
  }

  take(f: Fields): void {
    this.rows = grown(this.rows, (this.rowCount + 1) * ROW_WIDTH, int32s);
    const at = this.rowCount++ * ROW_WIDTH;
    // applicant_key is NOT NULL in the schema.
    const applicant = this.persons.intern(f[0] ?? '');
    const agentNumber = f[1] ?? null;
    let agent = NONE;
    let agentPerson = NONE;
    if (agentNumber !== null) {
      agent = this.agents.intern(agentNumber);
      this.personOfAgent = grown(this.personOfAgent, agent + 1, int32s, NONE);
      agentPerson = this.personOfAgent[agent] as number;
      if (agentPerson === NONE) this.personOfAgent[agent] = agentPerson = this.persons.intern(agentNumber, 'P:');
    }
    this.rows[at] = agent;
    let k = 0;
    for (let c = FIRST_PHONE; c <= ACCOUNT; c++) {
      const value = f[c] ?? null;
      if (value === null) continue;
      const token = c === ACCOUNT ? this.tokens.intern(value, 'a:') : this.tokens.intern(value, 'm:');
      if (token < this.registered) continue;
      let seen = false;
      for (let j = 1; j <= k; j++) if (this.rows[at + j] === token) seen = true;
      if (seen) continue;
      this.rows[at + ++k] = token;
      this.people.add(token, applicant);
      if (agentPerson !== NONE) this.people.add(token, agentPerson);
    }
    for (let j = k + 1; j < ROW_WIDTH; j++) this.rows[at + j] = NONE;
  }
}

/** The window as integers, registered phones left out (registeredPhones). */
export async function readWindowTokens(sql: Reader, window: Window): Promise<WindowTokens> {
  const reader = new WindowReader(await registeredPhones(sql));
  await scanWindow(sql, window, { columns: COLUMNS }, (f) => reader.take(f));
  const { tokens, agents, rows, rowCount } = reader;
  // Only the counts are kept: the people themselves, and the persons' names, are dropped here.
  const counts = reader.people.perToken;
  return { tokens, agents, rows, rowCount, people: (token) => (token < counts.length ? (counts[token] as number) : 0) };
}
