/**
 * What an investigator typed, and what kind of search it is. `kind` may be given; otherwise
 * it is read off the text: an 18-character ID number, a mobile or landline, a 17-character
 * VIN, a plate (province character + letter), a handler id (H + digits), a short run of
 * Chinese characters (a name) unless it ends like a place (幸福路, 阳光小区), Latin letters
 * (a name in pinyin or initials: zhangwei, zhang wei, zw), anything else (an address or a
 * part of one).
 */
import { z } from 'zod';
import { canonicalAddress, foldFullWidth, normaliseIdNumber, normalisePhone, normalisePlate, normaliseVin } from '../../domain/index.ts';
import { normaliseName } from '../identity/names.ts';

export const SEARCH_KINDS = ['idNumber', 'name', 'phone', 'address', 'plate', 'vin', 'handler'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export const searchQuery = z.object({
  q: z.string().trim().min(1, '请输入查询内容 (q is required)').max(200),
  kind: z.enum(SEARCH_KINDS).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type SearchQuery = z.infer<typeof searchQuery>;

/**
 * Three or more characters ending as street, lane, village or estate names do and given names
 * do not (栋 does end names: 王国栋). Anything with a number in it is an address already.
 */
const PLACE = /^.{2,}(?:路|街|巷|弄|大道|胡同|村|小区|社区|花园|公寓|大厦|广场)$/u;

export function classify(text: string): SearchKind {
  const q = foldFullWidth(text).trim();
  if (/^\d{17}[\dXx]$/.test(q) || /^\d{15}$/.test(q)) return 'idNumber';
  const phone = normalisePhone(q) ?? '';
  if (/^1\d{10}$/.test(phone) || /^0\d{9,11}$/.test(phone)) return 'phone';
  if (/^[A-HJ-NPR-Z0-9]{17}$/i.test(q)) return 'vin';
  if (/^[\u4e00-\u9fff][A-Z][A-Z0-9·•\s-]{4,7}$/iu.test(q)) return 'plate';
  if (/^H\d+$/i.test(q)) return 'handler';
  if (/^[\u4e00-\u9fff·•]{2,6}$/u.test(q)) return PLACE.test(q) ? 'address' : 'name';
  if (/^[a-z][a-z\s]{1,39}$/i.test(q) || /^[\u4e00-\u9fff]{1,3}[a-z]+$/i.test(q)) return 'name';
  return 'address';
}

/** The searched value in the form the tables hold it; null when it cannot be one of that kind. */
export function normalisedValue(kind: SearchKind, q: string): string | null {
  switch (kind) {
    case 'idNumber': return normaliseIdNumber(q);
    case 'phone': return normalisePhone(q);
    case 'address': return canonicalAddress(q);
    case 'plate': return normalisePlate(q);
    case 'vin': return normaliseVin(q);
    case 'name': return normaliseName(q);
    case 'handler': return foldFullWidth(q).trim() || null;
  }
}
