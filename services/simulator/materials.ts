/**
 * Required materials of table 3 (plus the power of attorney whenever an agent acts), each
 * with a deterministic fake document hash that is unique per document, so R24 (reused
 * material) can only fire where a hash is reused on purpose.
 */
import { createHash } from 'node:crypto';
import { businessType } from '../domain/business-types.ts';
import type { MaterialKind } from '../domain/codes.ts';
import type { Rng } from './prng.ts';
import { addDays } from './time.ts';
import type { SimTransaction, TxMaterial } from './types.ts';

export function fakeSha256(...parts: readonly (string | number)[]): string {
  return createHash('sha256').update(parts.join('|')).digest('hex');
}

const VEHICLE_DOCS = new Set<MaterialKind>([
  'PURCHASE_INVOICE', 'CONFORMITY_CERT', 'INSURANCE', 'PURCHASE_TAX', 'REG_CERT', 'TRANSFER_INVOICE',
  'MORTGAGE_CONTRACT', 'RELEASE_PROOF', 'SCRAP_CERT', 'COURT_ORDER', 'INSPECTION_REPORT',
]);

/** Days of validity left on the acceptance date, per kind of document; null: no expiry. */
function validity(kind: MaterialKind, rng: Rng): number | null {
  switch (kind) {
    case 'ID_CARD': return rng.int(30, 7300);
    case 'INSURANCE': return rng.int(20, 365);
    case 'MEDICAL_CERT': return rng.int(15, 180);
    case 'INSPECTION_REPORT': return rng.int(300, 365);
    case 'POWER_OF_ATTORNEY': return rng.int(7, 90);
    default: return null;
  }
}

function subjectPerson(kind: MaterialKind, tx: SimTransaction): string | null {
  if (kind === 'POWER_OF_ATTORNEY') return tx.agent?.idNumber ?? null;
  if (kind === 'ID_CARD') return tx.applicant.kind === 'PERSON' ? tx.applicant.idNumber : (tx.agent?.idNumber ?? null);
  return kind === 'MEDICAL_CERT' || kind === 'EXAM_RESULT' ? tx.applicant.idNumber : null;
}

/**
 * Materials for a transaction whose parties and vehicle are already set. `docTag` keys the
 * document hashes: a revision that keeps the same documents passes the same tag.
 */
export function buildMaterials(rng: Rng, seed: string, tx: SimTransaction, docTag: string): TxMaterial[] {
  const kinds: MaterialKind[] = [...businessType(tx.type).requiredMaterials];
  if (tx.agent !== null) kinds.push('POWER_OF_ATTORNEY');
  const date = tx.acceptedAt.slice(0, 10);
  return kinds.map((kind) => {
    const days = validity(kind, rng);
    return {
      kind,
      sha256: fakeSha256(seed, tx.id, docTag, kind),
      validUntil: days === null ? null : addDays(date, days),
      subjectVin: VEHICLE_DOCS.has(kind) ? (tx.vehicle?.vin ?? null) : null,
      subjectIdNumber: subjectPerson(kind, tx),
    };
  });
}
