/**
 * The address key entity resolution and address search compare by. Its SQL twin is the
 * function canonical_address of migration 0004 (expression indexes on transaction and
 * person); a test checks on both back ends that the two agree.
 *
 * On top of the spec's normalisation (white space and punctuation removed, full-width folded,
 * services/domain normaliseAddress): ASCII letters upper-cased, 区 dropped ("西湖区文三路" and
 * "西湖文三路" are written for the same street), 号楼 / 栋 / 幢 after a building number unified
 * as 幢, and a trailing 室 after the flat number dropped.
 */
import { normaliseAddress } from './normalise.ts';

/** The characters canonical_address removes: white space, ASCII and CJK punctuation, symbol blocks. */
const STRIPPED = /[\s!-/:-@[-`{-~\u00a0-\u00bf\u2000-\u206f\u3000-\u303f\u30fb\ufe30-\ufe4f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]/gu;

export function canonicalAddress(address: string | null | undefined): string | null {
  const normalised = normaliseAddress(address);
  if (normalised === null) return null;
  const canonical = normalised
    .replace(STRIPPED, '')
    .replace(/[a-z]/g, (c) => c.toUpperCase())
    .replace(/区/g, '')
    .replace(/([0-9A-Z]+)(号楼|栋|幢)/g, '$1幢')
    .replace(/([0-9]+)室$/, '$1');
  return canonical === '' ? null : canonical;
}
