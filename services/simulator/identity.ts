/**
 * Generators for the identifiers of the simulated world: resident ID numbers (GB 11643),
 * mobile and landline phones, booking accounts, VINs (ISO 3779), plates and unified social
 * credit codes (GB 32100). Check characters come from services/domain so that generator
 * and validators cannot disagree.
 */
import { idNumberCheckChar, usccCheckChar, vinCheckChar } from '../domain/check-digits.ts';
import { normaliseIdNumber } from '../domain/normalise.ts';
import { MOBILE_PREFIXES } from './names.ts';
import type { Rng } from './prng.ts';

/** Hands out each identifier once: uniqueness is what keeps clean people unrelated. */
export class Registry {
  private readonly used = new Set<string>();

  claim(value: string): boolean {
    if (this.used.has(value)) return false;
    this.used.add(value);
    return true;
  }

  unique(make: () => string): string {
    for (let i = 0; i < 10_000; i++) {
      const value = make();
      if (this.claim(value)) return value;
    }
    throw new Error('identifier space exhausted');
  }
}

function digits(rng: Rng, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += String(rng.int(0, 9));
  return out;
}

/** Birth date (YYYYMMDD) giving an age in [minAge, maxAge] on `onDate` (YYYY-MM-DD); never 29 Feb. */
export function birthForAge(rng: Rng, onDate: string, minAge: number, maxAge: number): string {
  const [y, m, d] = onDate.split('-').map(Number) as [number, number, number];
  for (;;) {
    const age = rng.int(minAge, maxAge);
    // 1–360 days before the age-th birthday keeps the completed years at exactly `age`.
    const birth = new Date(Date.UTC(y - age, m - 1, d) - rng.int(1, 360) * 86_400_000);
    if (birth.getUTCMonth() === 1 && birth.getUTCDate() === 29) continue;
    return birth.toISOString().slice(0, 10).replace(/-/g, '');
  }
}

export function makeIdNumber(rng: Rng, registry: Registry, region: string, birth: string, male: boolean): string {
  return registry.unique(() => {
    const seq = male ? rng.int(0, 499) * 2 + 1 : rng.int(1, 499) * 2;
    const body = `${region}${birth}${String(seq).padStart(3, '0')}`;
    return body + (idNumberCheckChar(body) ?? '0');
  });
}

export function makeMobile(rng: Rng, registry: Registry): string {
  return registry.unique(() => rng.pick(MOBILE_PREFIXES) + digits(rng, 8));
}

export function makeLandline(rng: Rng, registry: Registry): string {
  return registry.unique(() => `0571-8${digits(rng, 7)}`);
}

export function makeAccount(rng: Rng, registry: Registry): string {
  return registry.unique(() => `u-${rng.int(100_000, 9_999_999)}`);
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** `prefix` is the registration authority + entity type: 91 enterprises, 11 state organs. */
export function makeUscc(rng: Rng, registry: Registry, prefix: string, region = '330100'): string {
  return registry.unique(() => {
    let body = `${prefix}${region}`;
    while (body.length < 17) body += rng.pick(Array.from(USCC_CHARS));
    return body + (usccCheckChar(body) ?? '0');
  });
}

const VIN_CHARS = Array.from('ABCDEFGHJKLMNPRSTUVWXYZ0123456789');
const YEAR_CODES = '89ABCDEFGHJKLMNPRST';
export const FUEL_WMIS: readonly string[] = ['LSV', 'LFV', 'LGB', 'LSG', 'LHG', 'LVG', 'LBV', 'LGW', 'LVS', 'LFM'];
export const NEV_WMIS: readonly string[] = ['LC0', 'LRW', 'LGX'];

/** Model year code of the 10th VIN character for 2008–2026. */
export function yearCode(year: number): string {
  return YEAR_CODES[Math.min(Math.max(year, 2008), 2026) - 2008] ?? 'T';
}

export function makeVin(rng: Rng, registry: Registry, wmi: string, year: number): string {
  return registry.unique(() => {
    let vds = '';
    for (let i = 0; i < 5; i++) vds += rng.pick(VIN_CHARS);
    const draft = `${wmi}${vds}0${yearCode(year)}${rng.pick(VIN_CHARS)}${digits(rng, 6)}`;
    return `${draft.slice(0, 8)}${vinCheckChar(draft) ?? '0'}${draft.slice(9)}`;
  });
}

const PLATE_LETTERS = Array.from('ABCDEFGHJKLMNPQRSTUVWXYZ');

/** R22 premium rule: ≥4 equal serial characters, or 5 consecutive ascending/descending digits. */
export function isPremiumPlate(plate: string): boolean {
  const serial = Array.from(plate.replace(/[·\-\s]/g, '').toUpperCase()).slice(2);
  const counts = new Map<string, number>();
  for (const ch of serial) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  if ([...counts.values()].some((n) => n >= 4)) return true;
  for (let i = 0; i + 5 <= serial.length; i++) {
    const run = serial.slice(i, i + 5);
    if (!run.every((ch) => /\d/.test(ch))) continue;
    const steps = run.slice(1).map((ch, k) => Number(ch) - Number(run[k]));
    if (steps.every((s) => s === 1) || steps.every((s) => s === -1)) return true;
  }
  return false;
}

function blueSerial(rng: Rng): string {
  const chars = Array.from({ length: 5 }, () => String(rng.int(0, 9)));
  const letters = rng.weighted([[0, 15], [1, 60], [2, 25]] as const);
  for (let i = 0; i < letters; i++) chars[rng.int(0, 4)] = rng.pick(PLATE_LETTERS);
  return chars.join('');
}

/** Ordinary plates only: premium numbers never arise by chance (R22 is planted on purpose). */
export function makePlate(rng: Rng, registry: Registry, newEnergy: boolean): string {
  return registry.unique(() => {
    for (;;) {
      const serial = newEnergy ? `${rng.pick(['D', 'F'])}${digits(rng, 5)}` : blueSerial(rng);
      const plate = `浙A${serial}`;
      if (!isPremiumPlate(plate)) return plate;
    }
  });
}

const PROVINCES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44',
  '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82', '83',
]);

/** GB 11643 validity exactly as R09 states it; `onDate` is the acceptance date YYYY-MM-DD. */
export function isValidIdNumber(raw: string | null, onDate: string): boolean {
  const id = normaliseIdNumber(raw);
  if (id === null || !/^\d{17}[\dX]$/.test(id) || !PROVINCES.has(id.slice(0, 2))) return false;
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d);
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false;
  if (`${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}` > onDate) return false;
  return idNumberCheckChar(id.slice(0, 17)) === id[17];
}

/** Completed years on `onDate` (YYYY-MM-DD) for a birth date YYYYMMDD. */
export function ageOn(birth: string, onDate: string): number {
  const born = `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`;
  const years = Number(onDate.slice(0, 4)) - Number(born.slice(0, 4));
  return onDate.slice(5) < born.slice(5) ? years - 1 : years;
}
