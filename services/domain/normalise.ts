/** Normalisations fixed by risk-points.md "Conventions". */

const FULL_WIDTH_OFFSET = 0xfee0;

const FULL_WIDTH = /[\uff01-\uff5e\u3000]/;

/** Folds full-width ASCII variants (Ｆ, ０, －) and the ideographic space to half-width. */
export function foldFullWidth(text: string): string {
  // Nearly every value is already half-width: one scan instead of two replacing passes (ingestion's hot path).
  if (!FULL_WIDTH.test(text)) return text;
  return text
    .replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - FULL_WIDTH_OFFSET))
    .replace(/\u3000/g, ' ');
}

/** Phones: strip spaces and punctuation, then a leading +86 / 0086 / 86 before 11 digits. */
export function normalisePhone(phone: string | null | undefined): string | null {
  if (phone == null) return null;
  if (/^\d{11}$/.test(phone)) return phone;
  const compact = foldFullWidth(phone).replace(/[\s\p{P}\p{S}]/gu, '');
  const national = compact.replace(/^(?:0086|86)(\d{11})$/, '$1');
  return national === '' ? null : national;
}

/** Addresses (R15, R16): strip white space and punctuation, fold full-width characters. */
export function normaliseAddress(address: string | null | undefined): string | null {
  if (address == null) return null;
  const compact = foldFullWidth(address).replace(/[\s\p{P}\p{S}]/gu, '');
  return compact === '' ? null : compact;
}

/** Plates: remove '·', '-' and spaces, upper case. */
export function normalisePlate(plate: string | null | undefined): string | null {
  if (plate == null) return null;
  const compact = foldFullWidth(plate).replace(/[·•\-\s]/g, '').toUpperCase();
  return compact === '' ? null : compact;
}

export function normaliseIdNumber(idNumber: string | null | undefined): string | null {
  if (idNumber == null) return null;
  const compact = foldFullWidth(idNumber).trim().toUpperCase();
  return compact === '' ? null : compact;
}
