/**
 * The simulator's reading of the risk points that look across transactions (R04, R07, R08,
 * R13–R16, R19, R20, R22, R24). Transactions are evaluated in file order against everything
 * committed before them, as risk-points.md "When" and "Windows" require; a revision replaces
 * its earlier version, which never counts as "another transaction".
 */
import { normaliseAddress, normaliseIdNumber, normalisePhone, normalisePlate } from '../domain/normalise.ts';
import { isPremiumPlate } from './identity.ts';
import { surnameOf } from './names.ts';
import { type OracleRef, isRegisteredClerk, staticHits } from './oracle-static.ts';
import { distanceKm } from './stations.ts';
import { DAY, MINUTE, localDate } from './time.ts';
import type { SimTransaction } from './types.ts';

interface Entry {
  readonly ms: number;
  readonly txId: string;
  readonly applicant: string;
  readonly surname: string;
  readonly addr: string | null;
  readonly handler: string;
  readonly station: string;
}

/** Entries per key, kept in acceptedAt order. */
class TimeIndex {
  private readonly byKey = new Map<string, Entry[]>();

  add(key: string, e: Entry): void {
    let list = this.byKey.get(key);
    if (!list) this.byKey.set(key, (list = []));
    let i = list.length;
    while (i > 0 && (list[i - 1] as Entry).ms > e.ms) i--;
    list.splice(i, 0, e);
  }

  remove(key: string, txId: string): void {
    const list = this.byKey.get(key);
    const i = list ? list.findIndex((x) => x.txId === txId) : -1;
    if (list && i >= 0) list.splice(i, 1);
  }

  /** Other transactions' entries with ms in (from, to], newest first. */
  window(key: string, from: number, to: number, exclude: string): Entry[] {
    const out: Entry[] = [];
    const list = this.byKey.get(key) ?? [];
    for (let i = list.length - 1; i >= 0; i--) {
      const x = list[i] as Entry;
      if (x.ms > to) continue;
      if (x.ms <= from) break;
      if (x.txId !== exclude) out.push(x);
    }
    return out;
  }
}

function applicantKey(tx: SimTransaction): string {
  return (tx.applicant.kind === 'PERSON' ? normaliseIdNumber(tx.applicant.idNumber) : tx.applicant.orgCode) ?? '';
}

function entryOf(tx: SimTransaction): Entry {
  return {
    ms: Date.parse(tx.acceptedAt), txId: tx.id, applicant: applicantKey(tx), surname: surnameOf(tx.applicant.name ?? ''),
    addr: normaliseAddress(tx.applicant.address), handler: tx.handlerId, station: tx.stationCode,
  };
}

const REG_OR_TRANSFER = new Set(['REG_NEW', 'TRANSFER']);

function distinct(entries: readonly Entry[], key: (e: Entry) => string): number {
  return new Set(entries.map(key)).size;
}

export class Oracle {
  private readonly handlerDay = new Map<string, Set<string>>();
  private readonly handlers = new TimeIndex();
  private readonly agents = new TimeIndex();
  private readonly phones = new TimeIndex();
  private readonly addresses = new TimeIndex();
  private readonly bookerPhones = new TimeIndex();
  private readonly bookerAccounts = new TimeIndex();
  private readonly regTransfers = new TimeIndex();
  private readonly vins = new TimeIndex();
  private readonly shas = new Map<string, { txId: string; applicant: string }[]>();
  private readonly versions = new Map<string, { tx: SimTransaction; completed: boolean }>();

  constructor(readonly ref: OracleRef) {}

  /** Every deterministic point this transaction fires if ingested now, sorted; R41 excluded. */
  evaluate(tx: SimTransaction): string[] {
    const e = entryOf(tx);
    const hits = staticHits(tx, this.ref, localDate(e.ms));
    const checks: [string, () => boolean][] = [
      ['R04', () => this.r04(tx, e)], ['R07', () => this.handlerDayCount(tx.handlerId, localDate(e.ms), tx.id) + 1 >= 60],
      ['R08', () => this.r08(tx)], ['R13', () => this.r13(tx, e)], ['R14', () => this.r14(tx, e)],
      ['R15', () => this.r15(e)], ['R16', () => this.r16(tx, e)], ['R19', () => this.r19(tx, e)],
      ['R20', () => this.r20(tx, e)], ['R22', () => this.r22(tx, e)], ['R24', () => this.r24(tx, e)],
    ];
    for (const [code, check] of checks) if (check()) hits.push(code);
    return hits.sort();
  }

  commit(tx: SimTransaction): void {
    const previous = this.versions.get(tx.id);
    if (previous) this.visit(previous.tx, entryOf(previous.tx), (index, key) => index.remove(key, tx.id));
    const e = entryOf(tx);
    this.visit(tx, e, (index, key) => index.add(key, e));
    this.versions.set(tx.id, { tx, completed: (previous?.completed ?? false) || tx.status === 'COMPLETED' });
  }

  handlerDayCount(handlerId: string, date: string, exclude = ''): number {
    const ids = this.handlerDay.get(`${handlerId}|${date}`);
    return (ids?.size ?? 0) - (ids?.has(exclude) ? 1 : 0);
  }

  /** How many of the agent's transactions in the R19 window each handler accepted. */
  agentHandlerCounts(agentId: string, ms: number): Map<string, number> {
    const counts = new Map<string, number>();
    for (const x of this.agents.window(agentId, ms - 90 * DAY, ms, '')) counts.set(x.handler, (counts.get(x.handler) ?? 0) + 1);
    return counts;
  }

  private visit(tx: SimTransaction, e: Entry, apply: (index: TimeIndex, key: string) => void): void {
    const dayKey = `${tx.handlerId}|${localDate(e.ms)}`;
    const day = this.handlerDay.get(dayKey) ?? new Set<string>();
    this.handlerDay.set(dayKey, day);
    const removing = day.has(tx.id);
    const keys: [TimeIndex, string | null | undefined][] = [
      [this.handlers, tx.handlerId], [this.agents, normaliseIdNumber(tx.agent?.idNumber)],
      [this.phones, normalisePhone(tx.applicant.phone)], [this.addresses, e.addr],
      [this.bookerPhones, normalisePhone(tx.appointment?.bookerPhone)], [this.bookerAccounts, tx.appointment?.bookerAccount?.trim()],
      [this.regTransfers, REG_OR_TRANSFER.has(tx.type) && tx.applicant.kind === 'PERSON' ? e.applicant : null],
      [this.vins, REG_OR_TRANSFER.has(tx.type) ? tx.vehicle?.vin : null],
    ];
    for (const [index, key] of keys) if (key) apply(index, key);
    if (removing) day.delete(tx.id);
    else day.add(tx.id);
    for (const m of tx.materials) {
      if (m.sha256 === null) continue;
      const owners = (this.shas.get(m.sha256) ?? []).filter((o) => o.txId !== tx.id);
      if (!removing) owners.push({ txId: tx.id, applicant: e.applicant });
      this.shas.set(m.sha256, owners);
    }
  }

  private r04(tx: SimTransaction, e: Entry): boolean {
    const here = this.ref.stations.get(tx.stationCode);
    if (!here || here.lat === null || here.lon === null) return false;
    const near = this.handlers.window(tx.handlerId, e.ms - 30 * MINUTE - 1, e.ms + 30 * MINUTE, tx.id);
    return near.some((x) => {
      const there = this.ref.stations.get(x.station);
      if (x.station === tx.stationCode || !there || there.lat === null || there.lon === null) return false;
      return distanceKm({ lat: here.lat as number, lon: here.lon as number }, { lat: there.lat, lon: there.lon }) > 5;
    });
  }

  private r08(tx: SimTransaction): boolean {
    const prev = this.versions.get(tx.id);
    if (!prev || !prev.completed || tx.version <= prev.tx.version) return false;
    const a = prev.tx;
    return a.type !== tx.type || applicantKey(a) !== applicantKey(tx)
      || normaliseIdNumber(a.agent?.idNumber) !== normaliseIdNumber(tx.agent?.idNumber)
      || normalisePlate(a.vehicle?.plate) !== normalisePlate(tx.vehicle?.plate) || (a.vehicle?.vin ?? null) !== (tx.vehicle?.vin ?? null);
  }

  private r13(tx: SimTransaction, e: Entry): boolean {
    if (!REG_OR_TRANSFER.has(tx.type) || tx.applicant.kind !== 'PERSON') return false;
    return this.regTransfers.window(e.applicant, e.ms - 30 * DAY, e.ms, tx.id).length + 1 >= 5;
  }

  private r14(tx: SimTransaction, e: Entry): boolean {
    const phone = normalisePhone(tx.applicant.phone);
    if (phone === null || this.ref.orgPhones.has(phone)) return false;
    return distinct([...this.phones.window(phone, e.ms - 90 * DAY, e.ms, tx.id), e], (x) => x.applicant) >= 3;
  }

  private r15(e: Entry): boolean {
    if (e.addr === null) return false;
    const entries = [...this.addresses.window(e.addr, e.ms - 90 * DAY, e.ms, e.txId), e];
    return distinct(entries, (x) => x.applicant) >= 6 && distinct(entries, (x) => x.surname) >= 3;
  }

  private r16(tx: SimTransaction, e: Entry): boolean {
    const agentId = normaliseIdNumber(tx.agent?.idNumber);
    if (!tx.agent || agentId === null || isRegisteredClerk(tx, this.ref)) return false;
    const surname = surnameOf(tx.agent.name ?? '');
    const addr = normaliseAddress(tx.agent.address);
    const units = [...this.agents.window(agentId, e.ms - 30 * DAY, e.ms, tx.id), e]
      .map((x) => (addr !== null && x.addr === addr && x.surname === surname ? '(family)' : x.applicant));
    return new Set(units).size >= 5;
  }

  private r19(tx: SimTransaction, e: Entry): boolean {
    const agentId = normaliseIdNumber(tx.agent?.idNumber);
    if (agentId === null) return false;
    const entries = [...this.agents.window(agentId, e.ms - 90 * DAY, e.ms, tx.id), e];
    return entries.length >= 8 && entries.filter((x) => x.handler === tx.handlerId).length / entries.length >= 0.6;
  }

  private r20(tx: SimTransaction, e: Entry): boolean {
    const phone = normalisePhone(tx.appointment?.bookerPhone);
    const account = tx.appointment?.bookerAccount?.trim();
    const count = (index: TimeIndex, key: string) =>
      distinct([...index.window(key, e.ms - 7 * DAY, e.ms, tx.id), e], (x) => x.applicant);
    return (phone ? count(this.bookerPhones, phone) >= 4 : false) || (account ? count(this.bookerAccounts, account) >= 4 : false);
  }

  private r22(tx: SimTransaction, e: Entry): boolean {
    const vin = tx.vehicle?.vin;
    if (tx.type !== 'TRANSFER' || !vin || !isPremiumPlate(normalisePlate(tx.vehicle?.plate) ?? '')) return false;
    return this.vins.window(vin, e.ms - 180 * DAY - 1, e.ms, tx.id).length > 0;
  }

  private r24(tx: SimTransaction, e: Entry): boolean {
    return tx.materials.some((m) => m.sha256 !== null
      && (this.shas.get(m.sha256) ?? []).some((o) => o.txId !== tx.id && o.applicant !== e.applicant));
  }
}
