/** The detection window: (asOf − windowDays, asOf]. */
import type { Reader } from './reader.ts';

export interface Window {
  readonly from: Date;
  readonly to: Date;
}

const DAY_MS = 86_400_000;

/** Without an explicit asOf the window ends at the latest acceptance, so an old file is judged in its own time. */
export async function resolveWindow(sql: Reader, asOf: Date | null, windowDays: number): Promise<Window | null> {
  let to = asOf;
  if (to === null) {
    const [row] = await sql.query<{ latest: Date | string | null }>('SELECT max(accepted_at) AS latest FROM transaction');
    if (!row || row.latest === null) return null;
    to = new Date(row.latest);
  }
  return windowEndingAt(to, windowDays);
}

export function windowEndingAt(to: Date, windowDays: number): Window {
  return { from: new Date(to.getTime() - windowDays * DAY_MS), to };
}

/** Surname of an applicant_name column, per risk-points.md "People" (compound surnames take two characters). */
export function surnameSql(column: string, compoundsParam: string): string {
  return `CASE WHEN left(btrim(${column}), 2) = ANY(${compoundsParam}::text[]) THEN left(btrim(${column}), 2) ELSE NULLIF(left(btrim(${column}), 1), '') END`;
}

/** Phones of registered organisations and of their clerks: an office line links no one. */
export const REGISTERED_PHONES_SQL = `
  SELECT unnest(phones) AS phone FROM organisation
  UNION SELECT phone FROM organisation_clerk WHERE phone IS NOT NULL`;

/**
 * The registered phones, for the full run's passes that count in this process. A NULL among
 * them is ignored (in SQL's `NOT IN` it would have excluded every phone); the reference import
 * never writes one.
 */
export async function registeredPhones(sql: Reader): Promise<string[]> {
  const rows = await sql.query<{ phone: string }>(`SELECT DISTINCT phone FROM (${REGISTERED_PHONES_SQL}) r WHERE phone IS NOT NULL`);
  return rows.map((r) => r.phone);
}
