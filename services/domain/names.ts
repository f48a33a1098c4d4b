/**
 * Surnames as risk-points.md "People" defines them: the first character of the name, or the
 * first two when they form one of the listed compound surnames. R15 and R16 compare surnames
 * to tell a family sharing an address from strangers, so the list is the spec's, no longer.
 */

export const COMPOUND_SURNAMES: readonly string[] = [
  '欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙',
  '令狐', '宇文', '夏侯', '轩辕', '端木', '司徒', '南宫', '独孤', '西门', '申屠',
];

const COMPOUND = new Set(COMPOUND_SURNAMES);

/**
 * The surname of a name, or null when there is no name. Characters are code points, so a
 * surname outside the Basic Multilingual Plane (CJK extension B) is still one character.
 */
export function surnameOf(name: string | null | undefined): string | null {
  if (name == null) return null;
  const chars = Array.from(name.trim());
  if (chars.length === 0) return null;
  const firstTwo = chars.slice(0, 2).join('');
  if (COMPOUND.has(firstTwo)) return firstTwo;
  return chars[0] ?? null;
}
