/**
 * Citizens and their households, created lazily as the simulation needs applicants. Every
 * citizen has an ID number, phone, booking account and address of their own, so that clean
 * business never shares a phone (R14) or an address beyond one household (R15).
 */
import { normaliseAddress } from '../domain/normalise.ts';
import {
  Registry, birthForAge, makeAccount, makeIdNumber, makeMobile,
} from './identity.ts';
import { COMPOUNDS, DISTRICTS, GIVEN_CHARS, REGION_CODES, SURNAMES, surnameOf } from './names.ts';
import type { Rng } from './prng.ts';

export interface Person {
  readonly idNumber: string;
  readonly name: string;
  readonly phone: string;
  readonly account: string;
  readonly address: string;
  readonly household: number;
  readonly birth: string;
}

export interface PersonOptions {
  readonly onDate: string;
  readonly minAge?: number;
  readonly maxAge?: number;
  readonly surname?: string;
  readonly address?: string;
  readonly household?: number;
  readonly idNumber?: string;
  readonly birth?: string;
  readonly region?: string;
  readonly phone?: string;
  /** Staff, clerks, touts: never drawn later as an ordinary returning applicant. */
  readonly quiet?: boolean;
}

export function randomName(rng: Rng, surname?: string): string {
  const given = rng.chance(0.7) ? rng.pick(GIVEN_CHARS) + rng.pick(GIVEN_CHARS) : rng.pick(GIVEN_CHARS);
  return (surname ?? rng.weighted(SURNAMES)) + given;
}

/** Writes an address in one of several forms that normalise (R15/R16 rules) to the same text. */
export function writeAddress(rng: Rng, address: string): string {
  const roll = rng.next();
  if (roll < 0.12) return address.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
  if (roll < 0.22) return address.replace('区', '区 ');
  return address;
}

export class Population {
  private readonly households: Person[][] = [];
  /** Households with at least two adults: the pool of legitimate family proxies. */
  readonly families: number[] = [];
  private readonly recent: Person[] = [];
  private recentNext = 0;

  constructor(private readonly rng: Rng, readonly registry: Registry) {}

  newAddress(): string {
    const rng = this.rng;
    for (;;) {
      const d = rng.pick(DISTRICTS);
      const road = `${rng.pick(d.roads)}${rng.int(1, 999)}号`;
      const flat = `${rng.int(1, 30)}幢${rng.int(1, 4)}单元${rng.int(1, 18)}0${rng.int(1, 4)}室`;
      const form = rng.int(0, 2);
      const text = form === 0 ? `杭州市${d.name}${road}` : form === 1
        ? `杭州市${d.name}${rng.pick(COMPOUNDS)}${flat}` : `杭州市${d.name}${road}${rng.pick(COMPOUNDS)}${flat}`;
      if (this.registry.claim(`addr:${normaliseAddress(text) ?? text}`)) return text;
    }
  }

  person(o: PersonOptions): Person {
    const rng = this.rng;
    const birth = o.birth ?? birthForAge(rng, o.onDate, o.minAge ?? 20, o.maxAge ?? 75);
    const region = o.region ?? rng.weighted(REGION_CODES);
    const household = o.household ?? this.households.length;
    const person: Person = {
      idNumber: o.idNumber ?? makeIdNumber(rng, this.registry, region, birth, rng.chance(0.5)),
      name: randomName(rng, o.surname),
      phone: o.phone ?? makeMobile(rng, this.registry),
      account: makeAccount(rng, this.registry),
      address: o.address ?? this.newAddress(),
      household,
      birth,
    };
    if (household === this.households.length) this.households.push([]);
    this.households[household]?.push(person);
    if (o.quiet !== true) this.remember(person);
    return person;
  }

  /** A new citizen with a household of relatives who may later act for one another. */
  freshApplicant(onDate: string, minAge = 20, maxAge = 78): Person {
    const rng = this.rng;
    const head = this.person({ onDate, minAge, maxAge });
    const age = Number(onDate.slice(0, 4)) - Number(head.birth.slice(0, 4));
    const size = rng.weighted([[1, 35], [2, 30], [3, 20], [4, 15]] as const);
    const base = { onDate, household: head.household, address: head.address };
    if (size >= 2) this.person({ ...base, minAge: Math.max(20, age - 6), maxAge: Math.max(22, age + 6) });
    const surname = surnameOf(head.name);
    if (size >= 3 && age >= 46) this.person({ ...base, surname, minAge: 18, maxAge: age - 24 });
    if (size >= 3 && age <= 45) this.person({ ...base, surname, minAge: age + 24, maxAge: age + 32 });
    if (size >= 4 && age >= 48) this.person({ ...base, surname, minAge: 18, maxAge: age - 26 });
    if ((this.households[head.household]?.length ?? 0) >= 2) this.families.push(head.household);
    return head;
  }

  members(household: number): readonly Person[] {
    return this.households[household] ?? [];
  }

  /** A relative acting for another member of the same household (legitimate family proxy). */
  familyPair(): { agent: Person; applicant: Person } | null {
    if (this.families.length === 0) return null;
    const members = this.rng.shuffle(this.members(this.rng.pick(this.families)));
    const [agent, applicant] = members;
    return agent && applicant ? { agent, applicant } : null;
  }

  /** Someone seen recently, for the occasional returning applicant. */
  returning(): Person | null {
    return this.recent.length < 50 ? null : this.rng.pick(this.recent);
  }

  private remember(person: Person): void {
    if (this.recent.length < 4000) this.recent.push(person);
    else this.recent[this.recentNext] = person;
    this.recentNext = (this.recentNext + 1) % 4000;
  }
}
