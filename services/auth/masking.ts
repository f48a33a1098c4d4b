import type { Principal, UserRole } from './roles.ts';

/** 330102199001011234 → 330102********1234: the region and the tail, enough to tell people apart. */
export function maskIdNumber(value: string): string {
  if (value.length <= 10) return '*'.repeat(value.length);
  return `${value.slice(0, 6)}${'*'.repeat(value.length - 10)}${value.slice(-4)}`;
}

/** 13800001234 → 138****1234 */
export function maskPhone(value: string): string {
  const digits = value.replace(/\D/g, '');
  if (digits.length < 8) return '*'.repeat(value.length);
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

/** 杭州市上城区解放路100号 → 杭州市上城区****: up to the district (区/县/旗/市辖 unit), never the street. */
export function maskAddress(value: string): string {
  const match = /^.*?(?:区|县|旗)/u.exec(value);
  const kept = match ? match[0] : [...value].slice(0, 3).join('');
  return `${kept}****`;
}

type Masker = (value: string) => string;

function maskerFor(key: string): Masker | null {
  if (/idnumber$/i.test(key)) return maskIdNumber;
  if (/phones?$/i.test(key)) return maskPhone;
  if (/address(norm)?$/i.test(key)) return maskAddress;
  return null;
}

/**
 * Masks every ID number, phone and address in a JSON document by key name, wherever it sits
 * (applicant, agent, appointment.bookerPhone, materials[].subjectIdNumber, clerks …).
 */
export function maskPersonalData<T>(value: T, key = ''): T {
  if (typeof value === 'string') {
    const masker = maskerFor(key);
    return (masker ? masker(value) : value) as T;
  }
  if (Array.isArray(value)) return value.map((v) => maskPersonalData(v, key)) as T;
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = maskPersonalData(v, k);
  return out as T;
}

/**
 * Who may see personal data whole (on request, audited): investigators search people, and
 * supervisors must check the person behind an alert; ADMIN maintains the reference data.
 * REVIEWER and AUDITOR, and every API token, see masked data only.
 */
export const UNMASK_ROLES: Readonly<Record<'transaction' | 'reference' | 'alert', readonly UserRole[]>> = {
  transaction: ['INVESTIGATOR', 'SUPERVISOR', 'SENIOR_SUPERVISOR'],
  alert: ['INVESTIGATOR', 'SUPERVISOR', 'SENIOR_SUPERVISOR'],
  reference: ['ADMIN', 'INVESTIGATOR'],
};

export function mayUnmask(principal: Principal | null, resource: keyof typeof UNMASK_ROLES): boolean {
  return principal?.kind === 'user' && principal.roles.some((r) => UNMASK_ROLES[resource].includes(r));
}
